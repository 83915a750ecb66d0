"""Does a printed PDF show every character with a real glyph? (``make handout`` checks each hand-out.)

Chromium writes each run of text with the font that drew it. A character that no installed font has is drawn
with glyph 0 (.notdef: an empty box, "tofu") of a Type0 font, usually inside an ``/ActualText`` span that
still names the character; a character drawn with a real glyph is named by its font's ``ToUnicode`` map (or
an ``/ActualText`` span around a non-zero glyph). :func:`glyph_report` reads both from the PDF itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

# Korean (Hangul syllables and jamo), CJK ideographs, Japanese kana, Cyrillic
SCRIPTS = {
    "Korean": re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]"),
    "Chinese/Japanese ideographs": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "Japanese kana": re.compile(r"[\u3040-\u30ff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
}
TOKEN_RE = re.compile(
    rb"/(?P<font>[^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf"
    rb"|/ActualText\s*<(?P<actual>[0-9A-Fa-f]*)>"
    rb"|(?P<emc>\bEMC\b)"
    rb"|<(?P<hex>[0-9A-Fa-f]+)>"
)
BFCHAR_RE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
BFRANGE_RE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
FONT_PACKAGE_HINT = ("install fonts that have them (Debian: sudo apt-get install fonts-noto-cjk for Korean, Chinese "
                     "and Japanese, fonts-noto-color-emoji for emoji) and print again")


@dataclass
class GlyphReport:
    shown: set[str] = field(default_factory=set)  # characters drawn with a real glyph
    boxes: set[str] = field(default_factory=set)  # characters drawn as .notdef (known through ActualText)
    unnamed_boxes: int = 0  # .notdef glyphs with no ActualText naming the character

    def missing(self) -> list[str]:
        return sorted(self.boxes - self.shown)

    def script_counts(self) -> dict[str, int]:
        return {name: len({c for c in self.shown if rx.match(c)}) for name, rx in SCRIPTS.items()}


def _utf16(hexstr: bytes) -> str:
    raw = bytes.fromhex(hexstr.decode("ascii"))
    if raw.startswith(b"\xfe\xff"):
        raw = raw[2:]
    return raw.decode("utf-16-be", errors="replace")


def _to_unicode(font) -> set[str]:
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return set()
    data = cmap.get_object().get_data()
    chars: set[str] = set()
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, start in BFRANGE_RE.findall(block):
            base = int(start, 16)
            chars.update(chr(base + k) for k in range(int(hi, 16) - int(lo, 16) + 1) if base + k < 0x110000)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        chars.update(_utf16(dst) for _, dst in BFCHAR_RE.findall(block))
    return chars


def glyph_report(pdf: str | os.PathLike) -> GlyphReport:
    from pypdf import PdfReader

    report = GlyphReport()
    for page in PdfReader(str(pdf)).pages:
        fonts = {}
        resources = page.get("/Resources")
        if resources is not None and "/Font" in resources:
            for name, ref in resources["/Font"].items():
                font = ref.get_object()
                fonts[name.lstrip("/").encode()] = font
                report.shown.update(_to_unicode(font))
        contents = page.get_contents()
        if contents is None:
            continue
        current = None
        actual: str | None = None
        actual_zero = actual_drawn = False
        for m in TOKEN_RE.finditer(contents.get_data()):
            if m.group("font"):
                current = fonts.get(m.group("font"))
            elif m.group("actual") is not None:
                actual, actual_zero, actual_drawn = _utf16(m.group("actual")), False, False
            elif m.group("emc"):
                if actual is not None:
                    (report.boxes if actual_zero else report.shown).update(actual if actual_drawn else "")
                actual = None
            elif current is not None and current.get("/Subtype") == "/Type0":
                codes = m.group("hex")
                zero = any(codes[k:k + 4] == b"0000" for k in range(0, len(codes) - 3, 4))
                if actual is not None:
                    actual_drawn = True
                    actual_zero = actual_zero or zero
                elif zero:
                    report.unnamed_boxes += 1
            elif actual is not None:
                actual_drawn = True
    report.shown = {c for c in report.shown if c.strip()}
    return report


def check_pdf(pdf: str | os.PathLike) -> str | None:
    """None if every character has a real glyph, else one line saying what is printed as empty boxes."""
    r = glyph_report(pdf)
    missing = r.missing()
    if not missing and not r.unnamed_boxes:
        return None
    sample = "".join(missing[:12]) + ("…" if len(missing) > 12 else "")
    count = len(missing) + r.unnamed_boxes
    return (f"{Path(pdf).name}: {count} character(s) printed as empty boxes (no installed font has them)"
            + (f": {sample}" if sample else "") + f"; {FONT_PACKAGE_HINT}")

"""Splitting treaty texts into articles.

Two inputs are understood:

* the shared sources' marked-up files (``=== Article 4 | note ===`` part lines, ``[[TRUNCATED: …]]`` markers,
  ``# …`` header), read by :func:`parse_marked`;
* a plain full text as a user has it, split at its article headings by :func:`split_articles`:
  English ``Article 4`` / ``ARTICLE IV``, Russian ``Статья 4``, Korean ``제4조``, with arabic or roman numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ------------------------------------------------------------------------------------------------------
# marked-up source files
# ------------------------------------------------------------------------------------------------------

PART_RE = re.compile(r"^=== (.+?)( \| (.*))? ===$")


@dataclass
class Part:
    name: str  # "Article 4", "Preamble", "Articles 5-23"
    annotation: str
    lines: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)  # "[[TRUNCATED: …]]" lines
    line_no: int = 0

    @property
    def truncated(self) -> bool:
        return any(m.startswith("[[TRUNCATED") for m in self.markers)

    @property
    def missing(self) -> bool:
        return not self.lines


def parse_marked(text: str) -> tuple[list[str], list[Part]]:
    """Header lines and parts of a marked-up treaty file (see shared/sources/treaties/MANIFEST.md)."""
    header: list[str] = []
    parts: list[Part] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        header.append(lines[i])
        i += 1
        if header[-1].strip() == "# END-HEADER":
            break
    for n, line in enumerate(lines[i:], start=i + 1):
        m = PART_RE.match(line)
        if m:
            parts.append(Part(m.group(1), m.group(3) or "", line_no=n))
        elif not line.strip():
            continue
        elif line.startswith("[["):
            parts[-1].markers.append(line)
        elif parts:
            parts[-1].lines.append(line)
        else:
            raise ValueError(f"line {n}: text before the first part marker")
    return header, parts


# ------------------------------------------------------------------------------------------------------
# plain full texts
# ------------------------------------------------------------------------------------------------------

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int:
    s = s.upper()
    if not s or any(ch not in ROMAN for ch in s):
        raise ValueError(f"not a roman numeral: {s!r}")
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = ROMAN[a]
        total += -v if b != " " and ROMAN[b] > v else v
    if int_to_roman(total) != s:
        raise ValueError(f"not a canonical roman numeral: {s!r}")
    return total


def int_to_roman(n: int) -> str:
    out = []
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


# A heading stands at the start of a line. The number may be followed by a title on the same line
# ("Article 4. Mutual assistance", "제4조 (상호원조)"), which is kept with the article's text.
HEADING_RE = re.compile(
    r"""^[ \t\u3000]*(?:
        (?P<en>ARTICLE|Article)\s+(?P<en_n>\d{1,3}|[IVXLC]{1,7})\b\.?
      | (?P<ru>СТАТЬЯ|Статья)\s+(?P<ru_n>\d{1,3}|[IVXLC]{1,7})\b\.?
      | (?P<ko>제\s*(?P<ko_n>\d{1,3})\s*조)
    )[ \t\u3000]*""",
    re.VERBOSE | re.MULTILINE,
)


class SplitError(ValueError):
    """A full text whose headings do not form a clean sequence of articles."""


@dataclass(frozen=True)
class Article:
    number: int
    heading: str  # the heading as printed, e.g. "Статья 4", "ARTICLE IV", "제4조"
    text: str  # the article's text, heading removed, stripped
    line: int  # line of the heading in the input


def split_articles(text: str) -> tuple[str, list[Article]]:
    """Split a full text at its article headings: (text before the first heading, articles).

    Raises :class:`SplitError` when no heading is found, a number repeats, a number is skipped, or an
    article is empty. Heading styles may not be mixed within one text.
    """
    matches = list(HEADING_RE.finditer(text))
    if not matches:
        raise SplitError("no article headings found (expected 'Article N', 'Статья N' or '제N조' at line starts)")
    styles = {("en" if m.group("en") else "ru" if m.group("ru") else "ko") for m in matches}
    if len(styles) > 1:
        raise SplitError(f"mixed heading styles: {', '.join(sorted(styles))}")
    articles: list[Article] = []
    for i, m in enumerate(matches):
        raw_n = m.group("en_n") or m.group("ru_n") or m.group("ko_n")
        number = int(raw_n) if raw_n.isdigit() else roman_to_int(raw_n)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end() : end].strip()
        line = text.count("\n", 0, m.start()) + 1
        heading = m.group(0).strip()
        if not body:
            raise SplitError(f"line {line}: article {number} ({heading}) has no text")
        articles.append(Article(number, heading, body, line))
    seen: dict[int, int] = {}
    for a in articles:
        if a.number in seen:
            raise SplitError(f"line {a.line}: article {a.number} appears twice (first on line {seen[a.number]})")
        seen[a.number] = a.line
    numbers = [a.number for a in articles]
    expected = list(range(numbers[0], numbers[0] + len(numbers)))
    if numbers != expected:
        missing = sorted(set(range(min(numbers), max(numbers) + 1)) - set(numbers))
        if missing:
            raise SplitError(f"missing article number(s): {', '.join(map(str, missing))}")
        raise SplitError(f"articles out of order: {numbers}")
    if numbers[0] != 1:
        raise SplitError(f"missing article number(s): {', '.join(map(str, range(1, numbers[0])))}")
    preamble = text[: matches[0].start()].strip()
    return preamble, articles

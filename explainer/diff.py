"""Word-level diffs between two texts, with every difference classified.

Pure functions: strings in, data out (no HTML). Three kinds of difference:

- ``"version"``      — the wording changed between two treaties (1961 → 2024): only said of two texts that are
  both authentic or come from one translator;
- ``"version-or-translation"`` — two treaties' texts that are translations by different hands (or one
  authentic text and one translation) differ: a change between the treaties, or only the translators' choice;
- ``"translation"``  — two renderings of one clause differ (KCNA's English vs Pravda's; a press edit);
- ``"orthographic"`` — the difference disappears once spelling, spacing, case, punctuation or an outlet's
  inserted gloss are normalised (North/South Korean spelling 로씨야/러시아, ``(러시아)``, ``(DPRK)`` …).

Units: English and Russian are compared word by word; Korean by space-separated eojeol, then character by
character inside changed eojeol (so that a moved space or an inserted gloss does not swallow a whole phrase);
Chinese and Japanese by character.

Normalisations are applied to comparison *keys* only. Every :class:`Op` carries the raw text of both sides, so
``"".join(op.a for op in ops) == text_a`` exactly: stored text is never changed. The rules that fired are
returned in :attr:`Redline.normalisations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

KINDS = ("version", "version-or-translation", "translation", "orthographic")
#: The kinds a real (non-orthographic) difference can be given by the caller of :func:`diff`.
REAL_KINDS = ("version", "version-or-translation", "translation")

#: North Korean → South Korean spellings seen in press copies of KCNA text (key normalisation only).
KO_SPELLING: tuple[tuple[str, str], ...] = (
    ("로씨야", "러시아"),
    ("련방", "연방"),
    ("련합", "연합"),
    ("호상", "상호"),
    ("립장", "입장"),
    ("조률", "조율"),
    ("로동", "노동"),
    ("력사", "역사"),
    ("리익", "이익"),
    ("량국", "양국"),
)

#: Glosses that outlets insert after a name; they are the outlet's words, not the treaty's.
GLOSS_RE = {
    "ko": re.compile(r"\((?:러시아|러시아 ?연방|북한|조선|소련)\)"),
    "en": re.compile(r"\s?\((?:DPRK|North Korea|Russia)\)"),
    "ru": re.compile(r"\s?\((?:КНДР|Северная Корея|РФ)\)"),
}

_WORD_RE = re.compile(r"^\s+|\w+(?:[-'’‘]\w+)*\s*|[^\w\s]\s*", re.UNICODE)
_EOJEOL_RE = re.compile(r"^\s+|\S+\s*")
_CHAR_RE = re.compile(r"^\s+|\S\s*")
_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)
_NON_WORD_RE = re.compile(r"\W+", re.UNICODE)  # punctuation and whitespace: dropped from keys
_SPACES_RE = re.compile(r"\s+")
_KO_SPELLING = dict(KO_SPELLING)
_KO_SPELLING_RE = re.compile("|".join(map(re.escape, _KO_SPELLING)))
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "，": ",", "。": ".", "：": ":", "；": ";"})


@dataclass(frozen=True)
class Op:
    """One step of a diff. ``tag``: equal | insert | delete | replace; ``kind``: None for equal."""

    tag: str
    a: str
    b: str
    kind: str | None = None


@dataclass(frozen=True)
class Normalisation:
    rule: str  # "dprk-spelling", "gloss", "spacing", "case", "punctuation"
    a: str
    b: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.a!r} ~ {self.b!r}"


@dataclass(frozen=True)
class Redline:
    text_a: str
    text_b: str
    lang: str
    kind: str  # the kind a real difference gets: one of REAL_KINDS
    ops: tuple[Op, ...]
    normalisations: tuple[Normalisation, ...] = field(default=())

    def changes(self, kind: str | None = None) -> list[Op]:
        return [o for o in self.ops if o.tag != "equal" and (kind is None or o.kind == kind)]

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS, 0)
        for o in self.changes():
            out[o.kind] += 1
        return out

    def words(self, side: str, kind: str | None = None) -> list[str]:
        """Text removed (side='a') or added (side='b') by differences of ``kind``.

        Neighbouring differences (no equal text between them) form one passage, quoted whole from the side's
        text — so a real change holding an outlet's gloss is quoted with the gloss, never cut at it.
        """
        out: list[str] = []
        run: list[Op] = []
        for o in (*self.ops, Op("equal", "", "")):
            if o.tag != "equal":
                run.append(o)
                continue
            if run and any(kind is None or r.kind == kind for r in run):
                text = "".join(r.a if side == "a" else r.b for r in run).strip()
                if text and any((r.a if side == "a" else r.b).strip() for r in run if kind in (None, r.kind)):
                    out.append(text)
            run = []
        return out


# ------------------------------------------------------------------------------------------------------
# normalisation of keys
# ------------------------------------------------------------------------------------------------------


def strip_glosses(text: str, lang: str) -> str:
    rx = GLOSS_RE.get(lang)
    return rx.sub("", text) if rx else text


@lru_cache(maxsize=65536)
def normalise(text: str, lang: str) -> str:
    """The comparison key of a text or token: glosses, spacing, case, punctuation and DPRK spelling folded."""
    s = strip_glosses(text, lang).casefold()
    if lang == "ko":
        s = _KO_SPELLING_RE.sub(lambda m: _KO_SPELLING[m.group()], s)
    # _QUOTES only maps punctuation to punctuation, and all punctuation and whitespace leave the key
    return _NON_WORD_RE.sub("", s)


def explain(a: str, b: str, lang: str) -> list[Normalisation]:
    """Which rules make ``a`` and ``b`` (known to normalise equal) differ: for the record."""
    out = []
    rx = GLOSS_RE.get(lang)
    if rx:
        for g in set(rx.findall(a)) ^ set(rx.findall(b)):
            out.append(Normalisation("gloss", g.strip(), "(removed)"))
    if lang == "ko":
        for dprk, rok in KO_SPELLING:
            if (dprk in a and rok in b) or (rok in a and dprk in b):
                out.append(Normalisation("dprk-spelling", dprk, rok))
    a2, b2 = strip_glosses(a, lang), strip_glosses(b, lang)
    if a2 != b2 and (
        not (a2 + b2).strip() or len(_SPACES_RE.findall(a2.strip())) != len(_SPACES_RE.findall(b2.strip()))
    ):
        out.append(Normalisation("spacing", a2, b2))
    if a2 != b2 and a2.casefold() == b2.casefold():
        out.append(Normalisation("case", a2, b2))
    if _PUNCT_RE.findall(a2.translate(_QUOTES)) != _PUNCT_RE.findall(b2.translate(_QUOTES)):
        out.append(Normalisation("punctuation", a2.strip(), b2.strip()))
    return out


# ------------------------------------------------------------------------------------------------------
# tokens
# ------------------------------------------------------------------------------------------------------


def tokenize(text: str, lang: str) -> list[str]:
    """Raw tokens, each with its trailing whitespace: ``"".join(tokenize(t, lang)) == t``."""
    rx = _EOJEOL_RE if lang == "ko" else _CHAR_RE if lang in ("zh", "ja") else _WORD_RE
    toks = rx.findall(text)
    assert "".join(toks) == text, "tokenizer lost characters"
    return toks


def _keys(tokens: list[str], text: str, lang: str) -> list[str]:
    keys = [normalise(t, lang) for t in tokens]
    rx = GLOSS_RE.get(lang)
    if rx and lang != "ko":  # a gloss spans several word tokens: blank all of them
        spans = [m.span() for m in rx.finditer(text)]
        if spans:
            pos = 0
            for i, t in enumerate(tokens):
                start, end = pos, pos + len(t.rstrip())
                if any(s <= start and end <= e for s, e in spans):
                    keys[i] = ""
                pos += len(t)
    return keys


@lru_cache(maxsize=1024)
def _tokens_keys(text: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Raw tokens and their comparison keys, computed once per text (a reference is diffed many times)."""
    toks = tokenize(text, lang)
    return tuple(toks), tuple(_keys(toks, text, lang))


def clear_caches() -> None:
    """Forget every memoised diff, key and token list (for benchmarks measuring a cold start)."""
    for fn in (diff, normalise, _tokens_keys):
        fn.cache_clear()


# ------------------------------------------------------------------------------------------------------
# diff
# ------------------------------------------------------------------------------------------------------


_UNIT_RE = {lang: re.compile(f"{rx.pattern}|.", re.S) for lang, rx in GLOSS_RE.items()}


def _units(s: str, lang: str) -> list[str]:
    """Characters, except that an outlet's gloss is one unit (never half-matched against the name)."""
    rx = _UNIT_RE.get(lang)
    return rx.findall(s) if rx else list(s)


def _char_ops(a: str, b: str, lang: str, kind: str, force: str | None = None) -> list[Op]:
    """Character-level diff of two short strings; ``force`` labels every difference with one kind."""
    out = []
    ua, ub = _units(a, lang), _units(b, lang)
    sm = SequenceMatcher(None, ua, ub, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        sa, sb = "".join(ua[i1:i2]), "".join(ub[j1:j2])
        if tag == "equal":
            out.append(Op("equal", sa, sb))
        else:
            k = force or ("orthographic" if normalise(sa, lang) == normalise(sb, lang) else kind)
            out.append(Op(tag, sa, sb, k))
    return out


def _block(ta: list[str], tb: list[str], ka: list[str], kb: list[str], lang: str, kind: str) -> list[Op]:
    """A non-equal block of tokens."""
    ra, rb = "".join(ta), "".join(tb)
    if "".join(ka) == "".join(kb):  # only spacing, glosses, spelling, punctuation or case differ
        if lang == "ko":
            return _char_ops(ra, rb, lang, kind, force="orthographic")
        tag = "replace" if ra and rb else "insert" if rb else "delete"
        return [Op(tag, ra, rb, "orthographic")]
    if lang == "ko" and len(ta) == len(tb):
        out = []
        for x, y, kx, ky in zip(ta, tb, ka, kb, strict=True):
            out += _char_ops(x, y, lang, kind, force="orthographic" if kx == ky else None)
        return out
    if lang == "ko" and ta and tb and max(len(ta), len(tb)) <= 3:  # small block: show changed syllables
        return _char_ops(ra, rb, lang, kind)
    if not ta:
        return [Op("insert", "", rb, kind)]
    if not tb:
        return [Op("delete", ra, "", kind)]
    return [Op("replace", ra, rb, kind)]


def _split_glosses(op: Op, lang: str) -> list[Op]:
    """An outlet's gloss inside a larger change is still orthographic: cut it out as its own op.

    The pieces of side A become deletions and those of side B insertions (A's first), so the joined sides
    still reproduce the texts; _merge then pairs neighbouring pieces of one kind into replacements.
    """
    rx = GLOSS_RE.get(lang)
    if rx is None or op.tag == "equal" or op.kind == "orthographic":
        return [op]
    if not (rx.search(op.a) or rx.search(op.b)):
        return [op]
    out: list[Op] = []
    for side, text in (("a", op.a), ("b", op.b)):
        pos = 0
        for m in [*rx.finditer(text), None]:
            start, end = m.span() if m else (len(text), len(text))
            for piece, kind in ((text[pos:start], op.kind), (text[start:end], "orthographic")):
                if piece:
                    a, b = (piece, "") if side == "a" else ("", piece)
                    out.append(Op("delete" if side == "a" else "insert", a, b, kind))
            pos = end
    return out


def _merge(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    for o in ops:
        if not o.a and not o.b:
            continue
        if (
            out
            and out[-1].kind == o.kind
            and (out[-1].tag == o.tag or (o.tag != "equal" and out[-1].tag != "equal"))
        ):
            p = out[-1]
            tag = p.tag if p.tag == o.tag else "replace"
            out[-1] = Op(tag, p.a + o.a, p.b + o.b, o.kind)
        else:
            out.append(o)
    # a replace whose one side is empty is an insert or a delete
    return [
        Op("insert" if not o.a else "delete" if not o.b else o.tag, o.a, o.b, o.kind)
        if o.tag == "replace"
        else o
        for o in out
    ]


def _opcodes(ka: tuple[str, ...], kb: tuple[str, ...]) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher opcodes, with the common head and tail taken off first (renderings of one clause share
    most of their words, so difflib only looks at the middle where they differ)."""
    n = min(len(ka), len(kb))
    p = 0
    while p < n and ka[p] == kb[p]:
        p += 1
    q = 0
    while q < n - p and ka[-1 - q] == kb[-1 - q]:
        q += 1
    out = [("equal", 0, p, 0, p)] if p else []
    sm = SequenceMatcher(None, ka[p : len(ka) - q], kb[p : len(kb) - q], autojunk=False)
    out += [(t, i1 + p, i2 + p, j1 + p, j2 + p) for t, i1, i2, j1, j2 in sm.get_opcodes()]
    if q:
        out.append(("equal", len(ka) - q, len(ka), len(kb) - q, len(kb)))
    return out


@lru_cache(maxsize=4096)
def diff(text_a: str, text_b: str, lang: str, kind: str = "translation") -> Redline:
    """Diff two texts in one language. ``kind`` is what a real difference means here (one of REAL_KINDS)."""
    if kind not in REAL_KINDS:
        raise ValueError(f"kind must be one of {', '.join(map(repr, REAL_KINDS))}, not {kind!r}")
    ta, ka = _tokens_keys(text_a, lang)
    tb, kb = _tokens_keys(text_b, lang)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in _opcodes(ka, kb):
        if tag == "equal":
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x == y:
                    ops.append(Op("equal", x, y))
                elif (
                    x.rstrip() == y.rstrip()
                ):  # trailing whitespace only (end of text, line break): same word
                    ops.append(Op("equal", x, y))
                elif lang == "ko":
                    ops += _char_ops(x, y, lang, kind, force="orthographic")
                else:
                    ops.append(Op("replace", x, y, "orthographic"))
        else:
            ops += _block(ta[i1:i2], tb[j1:j2], ka[i1:i2], kb[j1:j2], lang, kind)
    ops = _merge([piece for o in ops for piece in _split_glosses(o, lang)])
    norms: dict[tuple, Normalisation] = {}
    for o in ops:
        if o.kind == "orthographic":
            for n in explain(o.a, o.b, lang) or [Normalisation("other", o.a, o.b)]:
                norms[(n.rule, n.a, n.b)] = n
    red = Redline(text_a, text_b, lang, kind, tuple(ops), tuple(norms.values()))
    assert "".join(o.a for o in ops) == text_a and "".join(o.b for o in ops) == text_b
    return red


def similarity(text_a: str, text_b: str, lang: str) -> float:
    """Share of normalised content the two texts have in common (0–1)."""
    a, b = normalise(text_a, lang), normalise(text_b, lang)
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# ------------------------------------------------------------------------------------------------------
# fragments: what part of a fuller text a truncated one can be compared with
# ------------------------------------------------------------------------------------------------------

#: A fragment is compared word by word only when at least this share of it is found, in order, in the other
#: text; below it, a redline would mostly show what the fragment leaves out (or two different wordings).
STRETCH_MIN_SHARE = 0.6


@dataclass(frozen=True)
class Stretch:
    """Where a fragment sits in a fuller text: ``full[start:end]`` is the stretch it covers (character
    offsets), ``share`` the part of the fragment's comparison keys found there, in order (0–1)."""

    share: float
    start: int
    end: int

    @property
    def comparable(self) -> bool:
        return self.share >= STRETCH_MIN_SHARE and self.end > self.start


def size(text: str, lang: str) -> int:
    """Number of words of a text (characters for Chinese and Japanese, which do not separate words)."""
    return sum(1 for t in tokenize(text, lang) if normalise(t, lang))


def match_stretch(fragment: str, full: str, lang: str) -> Stretch:
    """The stretch of ``full`` that ``fragment`` covers: from its first to its last matching word, widened by
    the fragment's unmatched words at either end (so those are compared with as many words of ``full``)."""
    ta, ka = _tokens_keys(fragment, lang)
    tb, kb = _tokens_keys(full, lang)
    total = sum(len(k) for k in ka)
    blocks = [b for b in SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks() if b.size]
    matched = sum(len(k) for b in blocks for k in ka[b.a : b.a + b.size])
    if not total or not matched:
        return Stretch(0.0, 0, 0)
    first, last = blocks[0], blocks[-1]
    lead = sum(1 for k in ka[: first.a] if k)
    trail = sum(1 for k in ka[last.a + last.size :] if k)
    i, j = first.b, last.b + last.size  # token range in full
    while lead and i > 0:
        i -= 1
        lead -= bool(kb[i])
    while trail and j < len(tb):
        trail -= bool(kb[j])
        j += 1
    start = sum(len(t) for t in tb[:i])
    end = start + len("".join(tb[i:j]).rstrip())
    return Stretch(round(matched / total, 3), start, end)

"""Concept lexicon, matching, tidy counts and KWIC lines for officials' statements.

The lexicon is data (``data/lexicon.jsonl``): concept rows (label, description) and per-language ``match`` /
``exclude`` rules, each a regular expression with a reason; Russian rules also list lemmas for the pymorphy3
variant. Matching runs on a *normalised* copy of the text that has exactly the same length as the raw text,
so every hit's span points into the verbatim words (KWIC shows what the source printed):

- outlet glosses in brackets -- ``(북러)``, ``(러시아연방)``, ``[о всеобъемлющем стратегическом партнёрстве]``,
  ``(достигнутых. — Прим. ред.)`` -- are blanked out before counting (they are the outlet's words, not the
  speaker's); omission marks ``(...)``, ``[...]``, ``<...>`` are kept as they are (no letters in them);
- English and Russian are lower-cased, ``ё`` is folded to ``е``, typographic hyphens become ``-``;
- Korean North-Korean spellings are mapped to South-Korean ones from an explicit table (로씨야→러시아,
  련방→연방, 호상→상호, 로동→노동, 력사→역사, 리익→이익 ...; every pair has the same length).

Words are counted on the same normalised text with glosses removed: runs of letters/digits, hyphen- and
apostrophe-joined (a Korean space-separated word with its particles counts as one word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from .records import Statement

LANGUAGES = ("en", "ru", "ko")
METHODS = ("stem", "lemma")
#: A group is flagged ``small`` when it holds fewer statements or words than these.
SMALL_STATEMENTS = 5
SMALL_WORDS = 300

_GLOSS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_TOKEN = re.compile(r"\w+")
_HYPHENS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u00ad"})

# North -> South Korean spellings that are not covered by the word-initial rule (same length each).
KO_SPELLINGS = {
    "로씨야": "러시아",
    "련방": "연방",
    "호상": "상호",
    "로동": "노동",
    "력사": "역사",
    "량국": "양국",
    "리익": "이익",
    "념원": "염원",
    "립장": "입장",
    "리해": "이해",
    "령토": "영토",
    "련합": "연합",
    "래일": "내일",
    "로선": "노선",
}
_KO_SPELL_RE = re.compile("|".join(sorted(KO_SPELLINGS, key=len, reverse=True)))


@dataclass(frozen=True)
class Rule:
    id: str
    concept: str
    language: str
    kind: str  # "match" | "exclude"
    pattern: str
    reason: str
    lemmas: tuple[str, ...] = ()
    word_start: bool = True
    case_sensitive: bool = False

    @property
    def regex(self) -> re.Pattern:
        return _compile(self.pattern, self.word_start, self.language != "ko", self.case_sensitive)


@cache
def _compile(pattern: str, word_start: bool, word_end: bool, case_sensitive: bool) -> re.Pattern:
    # The left boundary is checked after the search (see find_hits): a leading look-behind would stop the
    # regex engine from using its fast literal-prefix scan (measured: 2-3x slower on English).
    body = f"(?:{pattern})"
    if word_end:
        body += r"(?!\w)"
    return re.compile(body)  # the text is lower-cased already (case-sensitive rules see the cased copy)


@dataclass(frozen=True, eq=False)
class Lexicon:
    concepts: dict[str, dict]  # concept -> {"label", "description"}
    rules: tuple[Rule, ...]

    def rules_for(
        self, language: str, kind: str = "match", concepts: Iterable[str] | None = None
    ) -> list[Rule]:
        wanted = set(concepts) if concepts is not None else None
        return [
            r
            for r in self.rules
            if r.language == language and r.kind == kind and (wanted is None or r.concept in wanted)
        ]

    def label(self, concept: str) -> str:
        return self.concepts.get(concept, {}).get("label", concept)


@dataclass(frozen=True)
class Hit:
    concept: str
    rule: str
    start: int
    end: int
    text: str  # the verbatim words matched
    excluded_by: str | None = None


def lexicon_from_rows(rows: Sequence[dict], origin: str = "lexicon") -> Lexicon:
    """Build a :class:`Lexicon` from lexicon rows; bad rows raise ValueError naming line and field."""
    concepts: dict[str, dict] = {}
    rules: list[Rule] = []
    for n, row in enumerate(rows, 1):
        where = f"{origin}:{n}"
        kind = row.get("kind")
        if kind == "concept":
            concepts[row["concept"]] = {"label": row["label"], "description": row.get("description", "")}
            continue
        if kind not in ("match", "exclude"):
            raise ValueError(f"{where}: kind: expected concept/match/exclude, got {kind!r}")
        for key in ("id", "concept", "language", "pattern", "reason"):
            if not row.get(key):
                raise ValueError(f"{where}: {key}: missing")
        try:
            re.compile(row["pattern"])
        except re.error as e:
            raise ValueError(f"{where}: pattern: invalid regular expression ({e})") from None
        rules.append(
            Rule(
                id=row["id"],
                concept=row["concept"],
                language=row["language"],
                kind=kind,
                pattern=row["pattern"],
                reason=row["reason"],
                lemmas=tuple(fold_yo(x) for x in row.get("lemmas", ())),
                word_start=row.get("word_start", row["language"] != "ko"),
                case_sensitive=bool(row.get("case_sensitive", False)),
            )
        )
    unknown = sorted({r.concept for r in rules} - set(concepts))
    if unknown:
        raise ValueError(f"{origin}: concept: rules for undeclared concept(s) {', '.join(unknown)}")
    return Lexicon(concepts=concepts, rules=tuple(rules))


def load_lexicon(corpus=None) -> Lexicon:
    """The lexicon of ``data/lexicon.jsonl`` (the ``lexicon`` resource of the data package)."""
    if corpus is None:
        from .load import load

        corpus = load()
    return lexicon_from_rows(corpus.table("lexicon"))


# --- normalisation -----------------------------------------------------------------------------------------


def fold_yo(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


def strip_glosses(text: str) -> str:
    """Blank out bracketed glosses (same length); omission marks like ``(...)``/``[...]`` have no letters."""

    def blank(m: re.Match) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        return " " * len(m.group(0)) if re.search(r"\w", inner) else m.group(0)

    return _GLOSS.sub(blank, text)


def normalise_korean(text: str) -> str:
    """North-Korean spellings -> South-Korean ones, from the explicit table :data:`KO_SPELLINGS` only.

    A generic word-initial ㄹ/ㄴ rule was tried and dropped: it turned loanwords such as 러시아 into 너시아.
    """
    return _KO_SPELL_RE.sub(lambda m: KO_SPELLINGS[m.group(0)], text)


def normalise(text: str, language: str, *, lower: bool = True) -> str:
    """Normalised copy of ``text`` with the same length (so spans map back to the verbatim text)."""
    out = strip_glosses(text).translate(_HYPHENS)
    if language == "ko":
        out = normalise_korean(out)
    else:
        out = fold_yo(out)
        if lower:
            low = out.lower()
            out = low if len(low) == len(out) else "".join(c.lower()[:1] or c for c in out)
    return out


def word_count(text: str, language: str) -> int:
    return len(_WORD.findall(normalise(text, language)))


# --- matching ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(token: str) -> str:
    """pymorphy3 lemma of a lower-case Russian token (non-Cyrillic tokens are returned as they are)."""
    if not re.search("[а-я]", token):
        return token
    return fold_yo(_morph().parse(token)[0].normal_form)


def _lemma_spans(norm: str, rule: Rule, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    spans = []
    firsts: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        firsts.setdefault(t[0], []).append(i)
    for phrase in rule.lemmas:
        seq = phrase.split()
        k = len(seq)
        for i in firsts.get(seq[0], ()):
            if i + k <= len(tokens) and all(tokens[i + j][0] == seq[j] for j in range(1, k)):
                spans.append((tokens[i][1], tokens[i + k - 1][2]))
    return spans


@lru_cache(maxsize=64)
def _lemma_prefixes(lexicon: Lexicon) -> frozenset[str]:
    """First three letters of every lemma word in the Russian rules.

    Only tokens sharing such a prefix are sent to pymorphy3 (the others cannot lemmatise to a lexicon word:
    Russian inflection keeps the first letters of these stems). Measured: same hits as lemmatising every token.
    """
    return frozenset(w[:3] for r in lexicon.rules if r.language == "ru" for p in r.lemmas for w in p.split())


def find_hits(
    text: str,
    language: str,
    lexicon: Lexicon,
    *,
    method: str = "stem",
    concepts: Iterable[str] | None = None,
    keep_excluded: bool = False,
) -> list[Hit]:
    """Hits of the lexicon's rules in one text, sorted by position.

    ``method`` applies to Russian: ``"stem"`` uses the rules' patterns, ``"lemma"`` the rules' pymorphy3
    lemmas (rules without lemmas fall back to their pattern). An exclusion removes every match whose span
    overlaps it; with ``keep_excluded`` those are returned with ``excluded_by`` set (for auditing).
    """
    if method not in METHODS:
        raise ValueError(f"method: expected one of {METHODS}, got {method!r}")
    wanted = list(concepts) if concepts is not None else None
    norm = normalise(text, language)
    cased = None
    tokens = None
    use_lemmas = method == "lemma" and language == "ru"
    if use_lemmas:
        pre = _lemma_prefixes(lexicon)
        tokens = [
            ((lemma(w) if w[:3] in pre else w), m.start(), m.end())
            for m in _TOKEN.finditer(norm)
            for w in (m.group(0),)
        ]

    def spans(rule: Rule) -> list[tuple[int, int]]:
        nonlocal cased
        if use_lemmas and rule.lemmas:
            return _lemma_spans(norm, rule, tokens)
        target = norm
        if rule.case_sensitive:
            if cased is None:
                cased = normalise(text, language, lower=False)
            target = cased
        found = [(m.start(), m.end()) for m in rule.regex.finditer(target)]
        if rule.word_start:
            found = [
                (a, b) for a, b in found if a == 0 or not (target[a - 1].isalnum() or target[a - 1] == "_")
            ]
        return found

    excl: dict[str, list[tuple[int, int, str]]] = {}
    for rule in lexicon.rules_for(language, "exclude", wanted):
        excl.setdefault(rule.concept, []).extend((s, e, rule.id) for s, e in spans(rule))
    hits: list[Hit] = []
    for rule in lexicon.rules_for(language, "match", wanted):
        seen = {(h.start, h.end) for h in hits if h.concept == rule.concept}
        for s, e in spans(rule):
            if (s, e) in seen:
                continue
            by = next((rid for xs, xe, rid in excl.get(rule.concept, ()) if xs < e and s < xe), None)
            if by is None or keep_excluded:
                hits.append(Hit(rule.concept, rule.id, s, e, text[s:e], by))
    hits.sort(key=lambda h: (h.start, h.concept))
    return hits


# --- tidy frames -------------------------------------------------------------------------------------------

STATEMENT_COLUMNS = [
    "statement_id",
    "side",
    "speaker",
    "language",
    "is_translation",
    "date",
    "month",
    "completeness",
    "source_url",
]


def _meta(st: Statement) -> dict:
    return {
        "statement_id": st.id,
        "side": st.side,
        "speaker": st.speaker,
        "language": st.language,
        "is_translation": st.is_translation,
        "date": st.date,
        "month": st.date[:7],
        "completeness": st.completeness,
        "source_url": st.source_url or "",
        "source": st.source or "",
    }


def count_statements(
    statements: Iterable[Statement],
    lexicon: Lexicon,
    *,
    method: str = "stem",
    concepts: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per statement × concept: hits, matched strings ("; "-joined, verbatim), words, metadata."""
    names = list(concepts) if concepts is not None else list(lexicon.concepts)
    rows = []
    for st in statements:
        meta = _meta(st)
        words = word_count(st.text, st.language)
        hits = find_hits(st.text, st.language, lexicon, method=method, concepts=names)
        for c in names:
            mine = [h.text for h in hits if h.concept == c]
            rows.append({**meta, "concept": c, "hits": len(mine), "matched": "; ".join(mine), "words": words})
    cols = ["statement_id", "concept", "hits", "matched", "words", *STATEMENT_COLUMNS[1:], "source"]
    return pd.DataFrame(rows, columns=cols)


def aggregate(counts: pd.DataFrame, by: str | Sequence[str] = "side") -> pd.DataFrame:
    """Group × concept totals: statements, statements_with, share, hits, words, rate_per_1000, small.

    ``words`` is the denominator of the rate (all words of the group's statements). ``small`` is True when
    the group has fewer than :data:`SMALL_STATEMENTS` statements or :data:`SMALL_WORDS` words.
    """
    keys = [by] if isinstance(by, str) else list(by)
    g = counts.groupby([*keys, "concept"], sort=True, dropna=False)
    out = g.agg(
        statements=("statement_id", "nunique"),
        statements_with=("hits", lambda s: int((s > 0).sum())),
        hits=("hits", "sum"),
        words=("words", "sum"),
    ).reset_index()
    out["share"] = out["statements_with"] / out["statements"]
    out["rate_per_1000"] = (1000 * out["hits"] / out["words"]).where(out["words"] > 0)
    out["small"] = (out["statements"] < SMALL_STATEMENTS) | (out["words"] < SMALL_WORDS)
    return out[
        [
            *keys,
            "concept",
            "statements",
            "statements_with",
            "share",
            "hits",
            "words",
            "rate_per_1000",
            "small",
        ]
    ]


def kwic(
    statements: Iterable[Statement],
    lexicon: Lexicon,
    *,
    method: str = "stem",
    concepts: Iterable[str] | None = None,
    width: int = 60,
) -> pd.DataFrame:
    """Keyword-in-context lines: left, match, right (verbatim, glosses kept), statement metadata, rule."""
    rows = []
    for st in statements:
        for h in find_hits(st.text, st.language, lexicon, method=method, concepts=concepts):
            rows.append(_kwic_row(st, h.concept, h.rule, h.start, h.end, width))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


KWIC_COLUMNS = [
    "statement_id",
    "concept",
    "left",
    "match",
    "right",
    "date",
    "speaker",
    "side",
    "language",
    "is_translation",
    "source_url",
    "source",
    "rule",
]


def _kwic_row(st: Statement, concept: str, rule: str, s: int, e: int, width: int) -> dict:
    text = st.text
    left = text[max(0, s - width) : s]
    right = text[e : e + width]
    left = ("…" if s > width else "") + " ".join(left.split()) + (" " if left[-1:].isspace() else "")
    right = (
        (" " if right[:1].isspace() else "")
        + " ".join(right.split())
        + ("…" if e + width < len(text) else "")
    )
    m = _meta(st)
    return {
        "statement_id": st.id,
        "concept": concept,
        "left": left,
        "match": text[s:e],
        "right": right,
        "date": st.date,
        "speaker": st.speaker,
        "side": st.side,
        "language": st.language,
        "is_translation": st.is_translation,
        "source_url": m["source_url"],
        "source": m["source"],
        "rule": rule,
    }


def excluded_hits(statements: Iterable[Statement], lexicon: Lexicon, *, method: str = "stem") -> pd.DataFrame:
    """Matches removed by an exclusion rule (to audit the exclusions), as KWIC lines with ``excluded_by``."""
    rows = []
    for st in statements:
        for h in find_hits(st.text, st.language, lexicon, method=method, keep_excluded=True):
            if h.excluded_by:
                rows.append(
                    {**_kwic_row(st, h.concept, h.rule, h.start, h.end, 60), "excluded_by": h.excluded_by}
                )
    return pd.DataFrame(rows, columns=[*KWIC_COLUMNS, "excluded_by"])


__all__ = [
    "Hit",
    "Lexicon",
    "Rule",
    "SMALL_STATEMENTS",
    "SMALL_WORDS",
    "aggregate",
    "count_statements",
    "excluded_hits",
    "find_hits",
    "kwic",
    "lexicon_from_rows",
    "load_lexicon",
    "normalise",
    "strip_glosses",
    "word_count",
    "lemma",
]

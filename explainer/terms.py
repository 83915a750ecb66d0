"""Concept lexicon, matching, tidy counts and KWIC lines for officials' statements.

The lexicon is data (``data/lexicon.jsonl``): concept rows (label, description) and per-language ``match`` /
``exclude`` rules, each a regular expression with a reason; Russian rules also list lemmas for the pymorphy3
variant. Matching runs on a *normalised* copy of the text that has exactly the same length as the raw text,
so every hit's span points into the verbatim words (KWIC shows what the source printed):

- outlet glosses in brackets -- ``(북러)``, ``(러시아연방)``,
  ``[о всеобъемлющем стратегическом партнёрстве]``, ``(достигнутых. — Прим. ред.)`` -- are blanked out
  before counting (they are the outlet's words, not the speaker's); omission marks ``(...)``, ``[...]``,
  ``<...>`` are kept as they are (no letters in them);
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
#: Rule kinds. ``exclude``: the words are not the concept at all (Советский Союз). ``denial`` and ``other``
#: (referent rules, see :mod:`explainer.referents`): the concept's word, said to deny it ("not ... an
#: alliance") or about someone else ("the U.S. and its allies"); they are left out of the concept's counts
#: like exclusions, but kept, classified and counted apart. ``anchor``: words that name the relationship.
RULE_KINDS = ("match", "exclude", "denial", "other", "anchor")
ANCHOR_NAMES = ("pair", "DPRK", "Russia")
METHODS = ("stem", "lemma")
#: A group is flagged ``small`` when it holds fewer statements or words than these.
SMALL_STATEMENTS = 5
SMALL_WORDS = 300

_GLOSS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_TOKEN = re.compile(r"\w+")
# Typographic hyphens -> "-" (a regex substitution: measured several times faster than str.translate here).
_HYPHENS = re.compile("[\u2010\u2011\u2012\u2013\u00ad]")

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
    kind: str  # "match" | "exclude" | "denial" | "other" | "anchor" (see REFERENT_KINDS)
    pattern: str
    reason: str
    lemmas: tuple[str, ...] = ()
    word_start: bool = True
    case_sensitive: bool = False
    names: str = ""  # anchor rules: what the words name ("pair", "DPRK" or "Russia")

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
    anchors: tuple[Rule, ...] = ()  # words that tie a sentence to the DPRK-Russia relationship (referents.py)

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
    anchors: list[Rule] = []
    for n, row in enumerate(rows, 1):
        where = f"{origin}:{n}"
        kind = row.get("kind")
        if kind == "concept":
            concepts[row["concept"]] = {"label": row["label"], "description": row.get("description", ""),
                                        "anchors": row.get("anchors", "pair or other side")}
            continue
        if kind not in RULE_KINDS:
            raise ValueError(f"{where}: kind: expected concept/{'/'.join(RULE_KINDS)}, got {kind!r}")
        if kind == "anchor" and row.get("names") not in ANCHOR_NAMES:
            raise ValueError(f"{where}: names: expected one of {ANCHOR_NAMES}, got {row.get('names')!r}")
        for key in ("id", "language", "pattern", "reason") if kind == "anchor" else (
            "id", "concept", "language", "pattern", "reason"
        ):
            if not row.get(key):
                raise ValueError(f"{where}: {key}: missing")
        try:
            re.compile(row["pattern"])
        except re.error as e:
            raise ValueError(f"{where}: pattern: invalid regular expression ({e})") from None
        (anchors if kind == "anchor" else rules).append(
            Rule(
                id=row["id"],
                concept=row.get("concept", ""),
                language=row["language"],
                kind=kind,
                pattern=row["pattern"],
                reason=row["reason"],
                lemmas=tuple(fold_yo(x) for x in row.get("lemmas", ())),
                word_start=row.get("word_start", row["language"] != "ko"),
                case_sensitive=bool(row.get("case_sensitive", False)),
                names=row.get("names", ""),
            )
        )
    unknown = sorted({r.concept for r in rules} - set(concepts))
    if unknown:
        raise ValueError(f"{origin}: concept: rules for undeclared concept(s) {', '.join(unknown)}")
    return Lexicon(concepts=concepts, rules=tuple(rules), anchors=tuple(anchors))


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
    out = _HYPHENS.sub("-", strip_glosses(text) if ("(" in text or "[" in text) else text)
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


@lru_cache(maxsize=64)
def _lemma_prefixes(lexicon: Lexicon) -> frozenset[str]:
    """First three letters of every lemma word in the Russian rules.

    Only tokens sharing such a prefix are sent to pymorphy3 (the others cannot lemmatise to a lexicon word:
    Russian inflection keeps the first letters of these stems). Measured: same hits as lemmatising every
    token.
    """
    return frozenset(w[:3] for r in lexicon.rules if r.language == "ru" for p in r.lemmas for w in p.split())


def _prefix_set(items: list, cap: int = 64) -> set[str]:
    """Literal strings one of which every match of the parsed ``items`` starts with ("" = unknown)."""
    from re import _constants as C

    if not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is C.LITERAL:
        out = {chr(av) + p for p in _prefix_set(rest, cap)}
    elif op is C.IN and len(av) <= 8 and all(o is C.LITERAL for o, _ in av):
        tails = _prefix_set(rest, cap)
        out = {chr(c) + p for _, c in av for p in tails}
    elif op is C.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
        out = _prefix_set(list(av[-1]) + rest, cap)
    elif op is C.BRANCH:
        out = set().union(*(_prefix_set(list(b) + rest, cap) for b in av[1]))
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, item = av
        first = _prefix_set(list(item) + rest if lo == hi == 1 else list(item), cap)
        out = first | _prefix_set(rest, cap) if lo == 0 else first
    else:
        return {""}
    return out if len(out) <= cap else {""}


@cache
def _needles(pattern: str, case_sensitive: bool) -> tuple[str, ...] | None:
    """Literal prefixes one of which must occur in a text for ``pattern`` to match there, or None.

    A cheap exact pre-check (``str.__contains__`` runs at C speed): when no needle occurs, the rule's
    regex cannot match, so it is not run. None when the pattern has no usable literal prefix.
    """
    from re import _parser

    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _prefix_set(list(parsed))
    if not found or any(len(p) < 2 for p in found):
        return None
    keep = sorted(found, key=len)
    keep = [p for i, p in enumerate(keep) if not any(p.startswith(q) for q in keep[:i])]
    return tuple(keep)


@dataclass(frozen=True)
class _Compiled:
    """One rule, resolved for matching: a regex (with the word-start check) or pymorphy3 lemma phrases."""

    id: str
    regex: re.Pattern | None
    word_start: bool
    case_sensitive: bool
    phrases: tuple[tuple[str, ...], ...] | None  # lemma path only
    needles: tuple[str, ...] | None = None  # see _needles


@dataclass(frozen=True)
class _Plan:
    """The rules of one language × method × concept selection, grouped by concept in lexicon order."""

    concepts: tuple[str, ...]
    match: dict[str, tuple[_Compiled, ...]]
    exclude: dict[str, tuple[_Compiled, ...]]
    lemma_prefixes: frozenset[str]  # tokens starting so are sent to pymorphy3 (lemma path)
    lemma_firsts: dict[str, tuple[tuple[str, int, tuple[str, ...]], ...]]  # first lemma -> (rule, k, phrase)


@lru_cache(maxsize=256)
def _plan(lexicon: Lexicon, language: str, method: str, concepts: tuple[str, ...] | None) -> _Plan:
    use_lemmas = method == "lemma" and language == "ru"

    def comp(r: Rule) -> _Compiled:
        if use_lemmas and r.lemmas:
            return _Compiled(r.id, None, False, False, tuple(tuple(p.split()) for p in r.lemmas))
        return _Compiled(
            r.id, r.regex, r.word_start, r.case_sensitive, None, _needles(r.pattern, r.case_sensitive)
        )

    match: dict[str, list[_Compiled]] = {}
    exclude: dict[str, list[_Compiled]] = {}
    for r in lexicon.rules_for(language, "match", concepts):
        match.setdefault(r.concept, []).append(comp(r))
    for kind in ("exclude", "denial", "other"):  # this order decides which rule a hit is credited to
        for r in lexicon.rules_for(language, kind, concepts):
            exclude.setdefault(r.concept, []).append(comp(r))
    firsts: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}
    for rules in (*match.values(), *exclude.values()):
        for r in rules:
            for k, seq in enumerate(r.phrases or ()):
                firsts.setdefault(seq[0], []).append((r.id, k, seq))
    return _Plan(
        concepts=tuple(match),
        match={c: tuple(v) for c, v in match.items()},
        exclude={c: tuple(v) for c, v in exclude.items()},
        lemma_prefixes=_lemma_prefixes(lexicon) if use_lemmas else frozenset(),
        lemma_firsts={w: tuple(v) for w, v in firsts.items()},
    )


def _lemma_phrase_spans(norm: str, plan: _Plan) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """Spans of every lemma phrase, keyed by (rule id, phrase index), in text order; one pass over the text.

    Equivalent to lemmatising every token: a token whose first three letters are no lemma prefix is kept as
    it is and can equal no lemma word, so it can start no phrase.
    """
    out: dict[tuple[str, int], list[tuple[int, int]]] = {}
    firsts = plan.lemma_firsts
    if not firsts:
        return out
    pre = plan.lemma_prefixes
    token = _TOKEN
    for m in token.finditer(norm):
        w0 = m.group(0)
        if w0[:3] not in pre:
            continue
        todo = firsts.get(lemma(w0))
        if not todo:
            continue
        for rid, k, seq in todo:
            end = m.end()
            pos = end
            ok = True
            for want in seq[1:]:
                t = token.search(norm, pos)
                if t is None:
                    ok = False
                    break
                w = t.group(0)
                if (lemma(w) if w[:3] in pre else w) != want:
                    ok = False
                    break
                end = pos = t.end()
            if ok:
                out.setdefault((rid, k), []).append((m.start(), end))
    return out


def _finditer(rx: re.Pattern, target: str, needles: tuple[str, ...] | None):
    """The matches of ``rx.finditer(target)``. Every match starts with one of ``needles`` (see
    :func:`_needles`), so when they occur rarely the regex is tried only where they do (``str.find`` runs at
    C speed; an alternation without a common prefix makes the regex engine try every position). Same
    leftmost, non-overlapping matches: positions inside a match are skipped, as ``finditer`` does."""
    if not needles:
        return rx.finditer(target)
    pos: list[int] = []
    limit = len(target) // 48 + 4
    for n in needles:
        i = target.find(n)
        while i >= 0:
            pos.append(i)
            if len(pos) > limit:  # common needles: one regex scan is cheaper
                return rx.finditer(target)
            i = target.find(n, i + 1)
    out = []
    end = 0
    for p in sorted(set(pos)):
        if p < end:
            continue
        m = rx.match(target, p)
        if m is not None:
            out.append(m)
            end = m.end() if m.end() > p else p + 1
    return out


def _scan(text: str, norm: str, language: str, plan: _Plan, keep_excluded: bool = False) -> list[tuple]:
    """(start, concept, end, rule id, excluded_by) of every hit, in :func:`find_hits` order.

    The exclusions of a concept are only looked for when the concept has a match (they only ever remove
    matches), which skips most exclusion scans.
    """
    cased = None
    phrase_spans = None

    def spans(rule: _Compiled) -> list[tuple[int, int]]:
        nonlocal cased, phrase_spans
        if rule.phrases is not None:
            if phrase_spans is None:
                phrase_spans = _lemma_phrase_spans(norm, plan)
            found = []
            for k in range(len(rule.phrases)):
                found.extend(phrase_spans.get((rule.id, k), ()))
            return found
        target = norm
        if rule.case_sensitive:
            if cased is None:
                cased = normalise(text, language, lower=False)
            target = cased
        if rule.needles is not None:
            for n in rule.needles:
                if n in target:
                    break
            else:
                return []
        found = _finditer(rule.regex, target, rule.needles)
        if rule.word_start:
            return [
                m.span()
                for m in found
                if (a := m.start()) == 0 or not (target[a - 1].isalnum() or target[a - 1] == "_")
            ]
        return [m.span() for m in found]

    out: list[tuple] = []
    for concept in plan.concepts:
        mine: list[tuple] = []
        excl = None
        for rule in plan.match[concept]:
            found = spans(rule)
            if not found:
                continue
            if excl is None:
                excl = [(xs, xe, x.id) for x in plan.exclude.get(concept, ()) for xs, xe in spans(x)]
            seen = {(h[0], h[2]) for h in mine}
            for s, e in found:
                if (s, e) in seen:
                    continue
                by = next((rid for xs, xe, rid in excl if xs < e and s < xe), None) if excl else None
                if by is None or keep_excluded:
                    mine.append((s, concept, e, rule.id, by))
        out.extend(mine)
    if len(out) > 1:
        out.sort(key=lambda h: (h[0], h[1]))
    return out


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"method: expected one of {METHODS}, got {method!r}")


def find_hits(
    text: str,
    language: str,
    lexicon: Lexicon,
    *,
    method: str = "stem",
    concepts: Iterable[str] | None = None,
    keep_excluded: bool = False,
    norm: str | None = None,
) -> list[Hit]:
    """Hits of the lexicon's rules in one text, sorted by position.

    ``method`` applies to Russian: ``"stem"`` uses the rules' patterns, ``"lemma"`` the rules' pymorphy3
    lemmas (rules without lemmas fall back to their pattern). An exclusion removes every match whose span
    overlaps it; with ``keep_excluded`` those are returned with ``excluded_by`` set (for auditing).
    """
    _check_method(method)
    plan = _plan(lexicon, language, method, tuple(concepts) if concepts is not None else None)
    if norm is None:  # callers that normalised the text already pass it (``normalise(text, language)``)
        norm = normalise(text, language)
    found = _scan(text, norm, language, plan, keep_excluded)
    return [Hit(c, rid, s, e, text[s:e], by) for s, c, e, rid, by in found]


def count_hits(
    text: str,
    language: str,
    lexicon: Lexicon,
    *,
    method: str = "stem",
    concepts: Iterable[str] | None = None,
) -> dict[str, int]:
    """Hits per concept in one text (concepts without hits are left out).

    The counting path: same hits as :func:`find_hits`, without building a Hit object per hit."""
    _check_method(method)
    plan = _plan(lexicon, language, method, tuple(concepts) if concepts is not None else None)
    counts: dict[str, int] = {}
    for h in _scan(text, normalise(text, language), language, plan):
        counts[h[1]] = counts.get(h[1], 0) + 1
    return counts


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
    _check_method(method)
    names = list(concepts) if concepts is not None else list(lexicon.concepts)
    key = tuple(names)
    rows = []
    for st in statements:
        meta = _meta(st)
        text = st.text
        norm = normalise(text, st.language)  # once per statement: for the words and for the matching
        words = len(_WORD.findall(norm))
        matched: dict[str, list[str]] = {}
        for s, c, e, _rid, _by in _scan(text, norm, st.language, _plan(lexicon, st.language, method, key)):
            matched.setdefault(c, []).append(text[s:e])
        for c in names:
            mine = matched.get(c, ())
            rows.append({**meta, "concept": c, "hits": len(mine), "matched": "; ".join(mine), "words": words})
    cols = ["statement_id", "concept", "hits", "matched", "words", *STATEMENT_COLUMNS[1:], "source"]
    return pd.DataFrame(rows, columns=cols)


AGGREGATE_COLUMNS = (
    "concept", "statements", "statements_with", "share", "hits", "words", "rate_per_1000", "small",
    "occasions", "occasions_with",
)


def aggregate(counts: pd.DataFrame, by: str | Sequence[str] = "side") -> pd.DataFrame:
    """Group × concept totals: statements, statements_with, share, hits, words, rate_per_1000, small,
    occasions, occasions_with.

    ``words`` is the denominator of the rate (all words of the group's statements). ``small`` is True when
    the group has fewer than :data:`SMALL_STATEMENTS` statements or :data:`SMALL_WORDS` words.

    A statement is one outlet's record, so one saying quoted by two outlets is two statements. ``occasions``
    counts distinct (speaker, day) pairs instead -- every record of what one person said on one day counts
    once -- and ``occasions_with`` those with at least one hit: a lower bound on independent uses.
    """
    keys = [by] if isinstance(by, str) else list(by)
    if counts.empty:
        return pd.DataFrame(columns=[*keys, *AGGREGATE_COLUMNS])
    occasion = counts["speaker"].astype(str) + "\x1f" + counts["date"].astype(str)
    counts = counts.assign(_occasion=occasion, _occasion_hit=occasion.where(counts["hits"] > 0))
    g = counts.groupby([*keys, "concept"], sort=True, dropna=False)
    out = g.agg(
        statements=("statement_id", "nunique"),
        statements_with=("hits", lambda s: int((s > 0).sum())),
        hits=("hits", "sum"),
        words=("words", "sum"),
        occasions=("_occasion", "nunique"),
        occasions_with=("_occasion_hit", "nunique"),  # nunique skips the NaN of records without a hit
    ).reset_index()
    out["share"] = out["statements_with"] / out["statements"]
    out["rate_per_1000"] = (1000 * out["hits"] / out["words"]).where(out["words"] > 0)
    out["small"] = (out["statements"] < SMALL_STATEMENTS) | (out["words"] < SMALL_WORDS)
    return out[[*keys, *AGGREGATE_COLUMNS]]


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
    "count_hits",
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

"""Who a concept's words are about: the DPRK–Russia relationship, someone else, or a denial.

Every match of a lexicon rule is classified in its sentence, by rules that are data (``data/lexicon.jsonl``,
each with its reason; see :mod:`explainer.terms`):

1. ``denial`` -- a denial rule's words overlap the match ("not intended to create a ... alliance",
   «не ... военный союз», 동맹이 아니다): the speaker says the relationship is *not* that;
2. ``other`` -- an ``other`` rule's words overlap the match: someone else's alliance or allies (NATO, AUKUS,
   "the U.S. and its allies", «США и их союзники», 한미동맹, "hostile alliances", an organisation's name, the
   Korean War's "allied forces");
3. ``relationship`` -- otherwise, when the text is a *statement* (a quotation recorded because it speaks of
   the relationship), or when the sentence names the relationship: both parties together ("the two
   countries", "DPRK-Russia", «наши страны», 조로, 두 나라, the treaty) or the side the text is *not* from
   (Russia in a KCNA article; the DPRK in a Kremlin or MFA text) -- the ``anchor`` rules; a concept whose
   row says ``"anchors": "pair"`` (DEFENSIVE: "Russia's ... self-defence" is Russia's war, not the
   relationship) needs the pair;
4. ``other`` -- a match in a complete text whose sentence names neither (``no-anchor``), or in a complete
   text that never names the other side at all (``document-not-about-other-side``: "the two countries" in a
   Russia-Tajikistan item is not this pair).

Nothing is dropped: ``other`` and ``denial`` matches are returned, shown and counted apart. Exclusions
(``exclude``: words that are not the concept at all, such as Советский Союз) stay out, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .terms import Lexicon, _compile, find_hits, normalise

REFERENTS = ("relationship", "other", "denial")
NO_ANCHOR = "no-anchor"
NOT_ABOUT = "document-not-about-other-side"
SETTINGS = ("statement", "frame")

# Sentence ends: . ! ? … (and their Korean/CJK forms) followed by space, or a line break. A full stop after a
# one-letter abbreviation ("U.S.", "S. Korea") or a title ("Mr.", "No.") ends no sentence.
_END = re.compile(r"[.!?…。]+[\"'”’»)]*(?=\s)|\n+|\s\|\s")
_ABBR = re.compile(
    r"(?:\b[A-Za-z]\.[A-Za-z]?|\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Gen|Lt|Col|Jr|Sr|vs|etc|Art|т|г|гг|ст|им))\.$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (whitespace at both ends left out)."""
    out = []
    start = 0
    for m in _END.finditer(text):
        if m.group(0)[0] == "." and _ABBR.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            spans.append((a + lead, b - trail))
    return spans


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    for a, b in spans if spans is not None else sentences(text):
        if a <= pos < b:
            return a, b
    return pos, pos


@dataclass(frozen=True)
class Match:
    concept: str
    rule: str  # the match rule
    start: int
    end: int
    text: str
    referent: str  # relationship | other | denial
    why: str  # the denial/other/anchor rule that decided, or NO_ANCHOR, or "statement"
    sentence: tuple[int, int]


def _anchor_names(sentence: str, language: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    norm = normalise(sentence, language)
    out = []
    for r in lexicon.anchors:
        if r.language != language:
            continue
        rx = _compile(r.pattern, r.word_start, language != "ko", r.case_sensitive)
        for m in rx.finditer(normalise(sentence, language, lower=False) if r.case_sensitive else norm):
            a = m.start()
            if r.word_start and a and (norm[a - 1].isalnum() or norm[a - 1] == "_"):
                continue
            out.append((r.names, r.id))
            break
    return out


@lru_cache(maxsize=16)
def _kinds(lexicon: Lexicon) -> dict[str, str]:
    return {r.id: r.kind for r in lexicon.rules}


def anchored(sentence: str, language: str, lexicon: Lexicon, side: str | None, pair_only: bool = False) -> str | None:
    """The anchor rule by which ``sentence`` names the relationship (the pair, or the side that is not
    ``side`` unless ``pair_only``), or None."""
    for names, rid in _anchor_names(sentence, language, lexicon):
        if names == "pair" or (not pair_only and side is not None and names != side):
            return rid
    return None


def classify(
    text: str,
    language: str,
    lexicon: Lexicon,
    *,
    setting: str = "frame",
    side: str | None = None,
    concepts: Iterable[str] | None = None,
    method: str = "stem",
    names_other_side: bool = True,
    norm: str | None = None,
) -> list[Match]:
    """Every match in ``text`` with its referent (see the module's docstring). ``side`` is the side the text
    comes from (KCNA: ``"DPRK"``); in a frame, a sentence naming the *other* side anchors a match, and
    ``names_other_side=False`` (the document never names it) makes every match ``other``."""
    if setting not in SETTINGS:
        raise ValueError(f"setting: expected one of {SETTINGS}, got {setting!r}")
    kinds = _kinds(lexicon)
    spans: list[tuple[int, int]] | None = None
    out = []
    cache: dict[tuple[tuple[int, int], bool], str | None] = {}
    for h in find_hits(text, language, lexicon, method=method, concepts=concepts, keep_excluded=True, norm=norm):
        kind = kinds.get(h.excluded_by) if h.excluded_by else None
        if kind == "exclude":
            continue
        if spans is None:
            spans = sentences(text)
        sent = sentence_at(text, h.start, spans)
        if kind in ("denial", "other"):
            ref, why = kind, h.excluded_by
        elif setting == "statement":
            ref, why = "relationship", "statement"
        elif not names_other_side:
            ref, why = "other", NOT_ABOUT
        else:
            pair_only = lexicon.concepts.get(h.concept, {}).get("anchors") == "pair"
            if (sent, pair_only) not in cache:
                cache[(sent, pair_only)] = anchored(text[sent[0] : sent[1]], language, lexicon, side, pair_only)
            a = cache[(sent, pair_only)]
            ref, why = ("relationship", a) if a else ("other", NO_ANCHOR)
        out.append(Match(h.concept, h.rule, h.start, h.end, h.text, ref, why, sent))
    return out


def classify_sentence(
    sentence: str, language: str, lexicon: Lexicon, *, setting: str, side: str | None, concept: str,
    names_other_side: bool = True,
) -> str | None:
    """The referent of ``concept`` in one sentence: denial wins over relationship, relationship over other
    (a sentence can use the word twice); None when the concept does not match."""
    refs = {m.referent for m in classify(sentence, language, lexicon, setting=setting, side=side,
                                          concepts=[concept], names_other_side=names_other_side)}
    for r in ("denial", "relationship", "other"):
        if r in refs:
            return r
    return None


__all__ = ["REFERENTS", "Match", "anchored", "classify", "classify_sentence", "sentence_at", "sentences"]


# --- measured precision and recall against the labelled sample (data/referent_sample.jsonl) ----------------

SCORE_COLUMNS = ["concept", "language", "sentences", "labelled_relationship", "predicted_relationship",
                 "true_positive", "precision", "recall"]


def predict(row: dict, lexicon: Lexicon) -> str | None:
    """The rules' referent for one sample row (its sentence, language, setting, side, concept)."""
    return classify_sentence(row["sentence"], row["language"], lexicon, setting=row["setting"],
                             side=row.get("side"), concept=row["concept"],
                             names_other_side=row.get("names_other_side", True))


def score(sample: Iterable[dict], lexicon: Lexicon):
    """Precision and recall of the ``relationship`` decision per concept x language (and ``all`` languages):
    precision = labelled relationship among predicted relationship; recall = predicted among labelled. A
    sentence the rules do not match at all counts as not predicted. ``None`` where the denominator is 0."""
    import pandas as pd

    rows = []
    for r in sample:
        p = predict(r, lexicon)
        rows.append({"concept": r["concept"], "language": r["language"], "gold": r["label"] == "relationship",
                     "pred": p == "relationship"})
    df = pd.DataFrame(rows, columns=["concept", "language", "gold", "pred"])
    out = []
    for keys, g in [*df.groupby(["concept", "language"]), *((
            (c, "all"), g) for c, g in df.groupby("concept"))]:
        tp = int((g["gold"] & g["pred"]).sum())
        npred, ngold = int(g["pred"].sum()), int(g["gold"].sum())
        out.append({"concept": keys[0], "language": keys[1], "sentences": len(g),
                    "labelled_relationship": ngold, "predicted_relationship": npred, "true_positive": tp,
                    "precision": tp / npred if npred else None, "recall": tp / ngold if ngold else None})
    return pd.DataFrame(out, columns=SCORE_COLUMNS).sort_values(["concept", "language"]).reset_index(drop=True)


def mistakes(sample: Iterable[dict], lexicon: Lexicon) -> list[dict]:
    """Sample rows where the rules disagree with the label (for reading)."""
    out = []
    for r in sample:
        p = predict(r, lexicon)
        if (p == "relationship") != (r["label"] == "relationship") or (r["label"] == "denial") != (p == "denial"):
            out.append({**r, "predicted": p})
    return out

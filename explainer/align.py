"""Clause families: which clauses to put side by side, which witnesses to compare, and what kind of
difference a pair shows. Pure functions over a :class:`~explainer.records.Corpus` (no rendering)."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Clause, Corpus, Link, Witness

#: Order in which languages are offered when a view must pick one.
LANGUAGE_ORDER = ("en", "ru", "ko", "zh", "ja", "fr", "es")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ko": "Korean", "zh": "Chinese", "ja": "Japanese",
                  "fr": "French", "es": "Spanish"}


@dataclass(frozen=True)
class Member:
    """One clause of a family with its best witness per language and the links that touch it."""

    clause: Clause
    treaty_title: str
    best: dict[str, Witness]  # language -> best witness (complete preferred)
    links: tuple[Link, ...]
    is_focus: bool


def family(corpus: Corpus, family_id: str):
    try:
        return corpus.families[family_id]
    except KeyError:
        raise KeyError(f"unknown family {family_id!r}; known: {sorted(corpus.families)}") from None


def best_witness(corpus: Corpus, clause_id: str, language: str) -> Witness | None:
    ws = corpus.witnesses_of(clause_id, language=language)
    return ws[0] if ws else None


def members(corpus: Corpus, family_id: str) -> list[Member]:
    fam = family(corpus, family_id)
    links = corpus.links_of(family_id)
    out = []
    for cid in fam.clauses:
        cl = corpus.clauses[cid]
        best = {}
        for lang in LANGUAGE_ORDER:
            w = best_witness(corpus, cid, lang)
            if w:
                best[lang] = w
        tr = corpus.treaties.get(cl.treaty)
        out.append(Member(cl, tr.short_title if tr else cl.treaty, best,
                          tuple(lk for lk in links if cid in (lk.source, lk.target)), cid == fam.focus))
    return out


def family_languages(corpus: Corpus, family_id: str) -> list[str]:
    langs = {lang for m in members(corpus, family_id) for lang in m.best}
    return [lang for lang in LANGUAGE_ORDER if lang in langs]


def link_between(corpus: Corpus, a: str, b: str) -> Link | None:
    for lk in corpus.links:
        if {lk.source, lk.target} == {a, b}:
            return lk
    return None


def same_clause(corpus: Corpus, a: str, b: str) -> bool:
    if a == b:
        return True
    ca, cb = corpus.clauses.get(a), corpus.clauses.get(b)
    return bool(ca and cb and (ca.parent == b or cb.parent == a or (ca.parent and ca.parent == cb.parent and False)))


def pair_kind(corpus: Corpus, wa: Witness, wb: Witness) -> str:
    """'translation' for two renderings of one clause, 'version' for clauses of different treaties/articles."""
    return "translation" if same_clause(corpus, wa.clause, wb.clause) else "version"


def comparable_pair(corpus: Corpus, clause_a: str, clause_b: str) -> tuple[Witness, Witness] | None:
    """Best witnesses of two clauses in a shared language, preferring complete texts and LANGUAGE_ORDER."""
    best = None
    for lang in LANGUAGE_ORDER:
        wa, wb = best_witness(corpus, clause_a, lang), best_witness(corpus, clause_b, lang)
        if wa and wb:
            score = (wa.complete + wb.complete, -LANGUAGE_ORDER.index(lang))
            if best is None or score > best[0]:
                best = (score, wa, wb)
    return (best[1], best[2]) if best else None

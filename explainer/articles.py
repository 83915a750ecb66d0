"""Pure queries behind the reader pages: which treaties get a reader and in what order, how a clause relates to
clauses of other treaties, and which officials' statements cite an article by number. No rendering here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Clause, Corpus, Family, Link, Statement


def reader_treaties(corpus: Corpus) -> list[str]:
    """Every treaty with at least one clause record: the focus treaties of the clause families first, then
    by how many families hold one of its clauses, treaties before other documents, newest first."""
    focus = {corpus.clauses[f.focus].treaty for f in corpus.families.values() if f.focus in corpus.clauses}
    fams = {t: sum(any(corpus.clauses[c].treaty == t for c in f.clauses if c in corpus.clauses)
                   for f in corpus.families.values()) for t in corpus.treaties}
    have = [t for t in corpus.treaties.values() if corpus.clauses_of(t.id)]
    return [
        t.id
        for t in sorted(
            have,
            key=lambda t: (t.id not in focus, -fams[t.id], t.kind != "treaty", _neg_date(t.signed_date), t.id),
        )
    ]


def _neg_date(d: str | None) -> tuple:
    return tuple(-int(x) for x in (d or "0").split("-"))


def family_clause(corpus: Corpus, fam: Family, clause_id: str) -> str | None:
    """The member of ``fam`` that is ``clause_id`` itself, its parent article or one of its paragraphs."""
    if clause_id in fam.clauses:
        return clause_id
    cl = corpus.clauses[clause_id]
    if cl.parent and cl.parent in fam.clauses:
        return cl.parent
    return next((k.id for k in corpus.children(clause_id) if k.id in fam.clauses), None)


@dataclass(frozen=True)
class Place:
    """A clause's place in one family: the member it maps to and the links that touch that member."""

    family: Family
    member: str  # the family's clause (the clause itself, its article or a paragraph of it)
    links: tuple[Link, ...]
    others: tuple[str, ...]  # the family's other clauses, in family order


def places(corpus: Corpus, clause_id: str) -> list[Place]:
    out = []
    for fam in corpus.families.values():
        member = family_clause(corpus, fam, clause_id)
        if member is None:
            continue
        links = tuple(lk for lk in corpus.links_of(fam.id) if member in (lk.source, lk.target))
        out.append(Place(fam, member, links, tuple(c for c in fam.clauses if c != member)))
    return out


# -- citations of an article in officials' statements ---------------------------------------------------

_RU_ORDINALS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8, "девят": 9,
    "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15,
    "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20,
}
_RU_ORD = "|".join(sorted(_RU_ORDINALS, key=len, reverse=True))

#: One pattern per language; group "n" is the article number, group "w" a Russian ordinal stem.
CITATION_PATTERNS = {
    "en": re.compile(r"\b(?:Article|Art\.)\s*(?P<n>\d{1,2})\b", re.I),
    "ru": re.compile(
        rf"\bстать(?:я|и|е|ю|ей|ёй)\s+(?:(?P<n>\d{{1,2}})\b|(?P<w>{_RU_ORD})\w*)"
        rf"|\b(?:(?P<n2>\d{{1,2}})-?(?:й|я|ой|ая)|(?P<w2>{_RU_ORD})\w*)\s+стать",
        re.I,
    ),
    "ko": re.compile(r"제\s?(?P<n>\d{1,2})\s?조(?![약선치직사건정성합율원])"),
}
#: A number followed by one of these (within a few words) cites another document (the UN Charter).
OTHER_DOCUMENT = re.compile(r"^\W{0,3}(?:\S+\s+){0,3}?\S*(?:Charter|Устав|헌장)", re.I)


@dataclass(frozen=True)
class Citation:
    statement: Statement
    article: str
    start: int
    end: int


def _ru_number(m: re.Match) -> int | None:
    for g in ("n", "n2"):
        if m.group(g):
            return int(m.group(g))
    stem = (m.group("w") or m.group("w2") or "").lower().replace("ё", "е")
    return next((v for k, v in _RU_ORDINALS.items() if stem.startswith(k)), None)


def citations(corpus: Corpus, treaty: str) -> dict[str, list[Citation]]:
    """Article number -> statements that cite it, for statements dated within the treaty's life (from its
    signature to its end). A number followed by "Charter" (or Устав, 헌장) is another document's article."""
    t = corpus.treaties[treaty]
    arts = {c.article for c in corpus.clauses_of(treaty)}
    out: dict[str, list[Citation]] = {}
    for s in sorted(corpus.statements.values(), key=lambda s: (s.date, s.id)):
        if not t.signed_date or s.date < t.signed_date or (t.end_date and s.date > t.end_date):
            continue
        rx = CITATION_PATTERNS.get(s.language)
        if rx is None:
            continue
        text = s.text.replace("ё", "е").replace("Ё", "Е")  # same length: offsets stay valid
        for m in rx.finditer(text):
            n = _ru_number(m) if s.language == "ru" else int(m.group("n"))
            if n is None or str(n) not in arts or OTHER_DOCUMENT.match(s.text[m.end() : m.end() + 40]):
                continue
            out.setdefault(str(n), []).append(Citation(s, str(n), m.start(), m.end()))
    return out


def is_gap(corpus: Corpus, clause: Clause) -> bool:
    """No wording of the clause is held: none filed under it, under its article or under its paragraphs."""
    if corpus.witnesses_of(clause.id):
        return False
    return not any(corpus.witnesses_of(k.id, include_parent=False) for k in corpus.children(clause.id))

"""Typed records for everything in ``data/``.

Records are frozen dataclasses built from one JSON object (one line of a ``.jsonl`` file). They hold data
only; loading and checking live in :mod:`explainer.load` and :mod:`explainer.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

#: Status of a witness, from most to least authoritative.
STATUSES = (
    "authentic text",  # a full official text in an authentic language (what ``add-text`` adds)
    "authentic-text quotation",  # purports to reproduce the wording of an authentic-language text
    "official translation",  # translation by a government or the UN
    "scholarly translation",  # translation published by an academic document database
    "state-media translation",  # KCNA, RT, Sputnik, CCTV ...
    "press translation",  # a newspaper's or agency's own rendering
)
AUTHENTIC_STATUSES = frozenset({"authentic text", "authentic-text quotation"})

#: How sure we are that a witness belongs to the clause it is filed under.
MAPPINGS = ("attested", "inferred", "disputed")

#: What a witness's text is, best first. Only a ``quotation`` renders as the clause's wording: ``reported
#: speech`` is the clause's content given without quotation marks ("Article 4 stipulates that ..."); a
#: ``condensed label`` is a source's few words naming what the article is about (never its wording).
KINDS = ("quotation", "reported speech", "condensed label")
WORDING_KINDS = frozenset({"quotation", "reported speech"})

#: Words in a curator's note that report a change to the words inside the quotation marks (an outlet's
#: substitution, omission, insertion or normalisation). Used by :func:`witness_rank`.
ALTERATION_WORDS = ("replaced", "substituted", "omits", "inserted", "normalised", "added", "drops")

#: Types of a link between two clauses of a family.
LINK_TYPES = ("carried over", "narrowed", "widened", "new", "dropped", "related")

SIDES = ("DPRK", "Russia", "ROK")


@dataclass(frozen=True)
class Treaty:
    id: str
    kind: str  # treaty | charter | declaration | joint statement
    title: str
    short_title: str
    parties: tuple[str, ...]
    signed_date: str | None
    signed_place: str | None
    in_force_date: str | None
    end_date: str | None
    authentic_languages: tuple[str, ...]
    replaces: tuple[str, ...]
    articles: int | None
    source_urls: tuple[str, ...]
    note: str = ""
    date_kind: str = "signed"  # what happened on signed_date: "signed", or "issued" (a joint statement)
    replaces_basis: tuple[dict, ...] = ()  # per replaced id: {treaty, firmness, basis, records}

    def basis_of(self, replaced: str) -> dict | None:
        """What a source says about this document replacing ``replaced`` (see data/README.md)."""
        return next((b for b in self.replaces_basis if b.get("treaty") == replaced), None)


@dataclass(frozen=True)
class Clause:
    id: str  # "<treaty>/<article>", e.g. "2024-dprk-russia/4", "1961-ussr-dprk/1.2"
    treaty: str
    article: str  # "4", "3.2", "preamble", "plenipotentiaries", "title", "closing"
    order: int
    label: str  # short label in our own words
    topics: tuple[str, ...]
    parent: str | None = None  # article-level clause of a paragraph clause
    gap_leads: tuple[str, ...] = ()  # where a missing text might be found
    note: str = ""

    @property
    def heading(self) -> str:
        """'Art. 4', 'Art. 1 para 2', 'Preamble'."""
        if self.article[:1].isdigit():
            art, _, para = self.article.partition(".")
            return f"Art. {art}" + (f" para {para}" if para else "")
        return self.article.capitalize()


@dataclass(frozen=True)
class Witness:
    id: str
    clause: str
    language: str
    status: str
    rendered_by: str
    source_url: str | None
    published: str | None
    complete: bool
    text: str
    note: str
    mapping: str  # attested | inferred | disputed
    origin: str  # where in ../shared/sources (or the user's file) the text came from
    source_article: str = ""  # the article label as the source gives it ("II", "1.2", "KCNA paragraph 5")
    source: str | None = None  # id in sources.jsonl when the URL is not known (seed articles)
    kind: str = "quotation"  # see KINDS

    @property
    def treaty(self) -> str:
        return self.clause.split("/", 1)[0]

    @property
    def is_authentic(self) -> bool:
        return self.status in AUTHENTIC_STATUSES

    @property
    def is_wording(self) -> bool:
        """True when the text may be shown as the clause's words (a condensed label never is)."""
        return self.kind in WORDING_KINDS

    @property
    def complete_wording(self) -> bool:
        """A complete quotation: what coverage counts as a complete text (reported speech and a text whose
        article is disputed never are)."""
        return self.complete and self.kind == "quotation" and self.mapping != "disputed"


@dataclass(frozen=True)
class Statement:
    id: str
    speaker: str
    speaker_role: str
    side: str
    date: str
    event: str
    language: str
    is_translation: bool
    translator_or_publisher: str
    source_url: str | None
    retrieved_via: str
    completeness: str
    text: str
    source: str | None = None  # id in sources.jsonl when the words come from a seed article
    # corrections applied on import ({"field", "was", "reason"}), from sources/statements/corrections.jsonl
    corrected: tuple[dict, ...] = ()
    origin: str = ""  # file and line in ../shared/sources


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    event: str
    source_url: str
    publisher: str
    support: str
    note: str
    treaty: str | None = None
    #: for a report that is one party's claim, not an established fact: who makes the claim (curated on import)
    claimed_by: str | None = None
    #: who passed the claim on, first to last (e.g. a news agency, then the outlet that printed it)
    relayed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A publication we cite as a whole (the two seed articles)."""

    id: str
    outlet: str
    title: str
    author: str | None
    published: str
    url: str | None
    file: str
    note: str = ""


@dataclass(frozen=True)
class Family:
    id: str  # "mutual-assistance"
    label: str
    description: str
    clauses: tuple[str, ...]  # in display order (oldest first, the 2024 clause marked by ``focus``)
    focus: str  # the 2024 clause the family is about


@dataclass(frozen=True)
class Link:
    family: str
    source: str  # older clause
    target: str  # newer clause (or comparator)
    type: str
    reason: str
    #: the type is our reading of the texts (e.g. "narrowed"), not something the wording shows by itself
    interpretation: bool = False
    evidence_for: tuple[str, ...] = ()  # witness or statement ids supporting the reading
    evidence_against: tuple[str, ...] = ()  # witness or statement ids speaking against it


RECORD_TYPES: dict[str, type] = {
    "treaties": Treaty,
    "clauses": Clause,
    "witnesses": Witness,
    "statements": Statement,
    "events": Event,
    "sources": Source,
    "families": Family,
    "links": Link,
}


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """"1 witness", "3 witnesses": the count with the noun in the right number (default plural: noun + "s")."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def field_names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def required_fields(cls: type) -> list[str]:
    from dataclasses import MISSING

    return [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]


def from_dict(cls: type, obj: dict[str, Any]):
    """Build a record, turning JSON lists into tuples. Unknown keys are an error for the caller to report."""
    kwargs = {}
    for f in fields(cls):
        if f.name in obj:
            v = obj[f.name]
            kwargs[f.name] = tuple(v) if isinstance(v, list) else v
    return cls(**kwargs)


@dataclass
class Corpus:
    """Everything loaded from one data folder, with indexes."""

    root: str
    treaties: dict[str, Treaty] = field(default_factory=dict)
    clauses: dict[str, Clause] = field(default_factory=dict)
    witnesses: dict[str, Witness] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    families: dict[str, Family] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    extra: dict[str, list[dict]] = field(default_factory=dict)  # other tables (lexicon, claims, obligations)

    # -- queries --------------------------------------------------------------------------------------
    def clauses_of(self, treaty: str) -> list[Clause]:
        return sorted((c for c in self.clauses.values() if c.treaty == treaty), key=lambda c: c.order)

    def children(self, clause_id: str) -> list[Clause]:
        return sorted((c for c in self.clauses.values() if c.parent == clause_id), key=lambda c: c.order)

    def witnesses_of(
        self,
        clause_id: str,
        *,
        language: str | None = None,
        status: str | tuple[str, ...] | None = None,
        complete: bool | None = None,
        include_parent: bool = True,
        labels: bool = False,
    ) -> list[Witness]:
        """Witnesses of a clause's wording, best first (see :func:`witness_rank`).

        With ``include_parent`` a paragraph clause also gets the witnesses filed under its whole article
        (a source that prints the article as one block witnesses each of its paragraphs). Condensed labels
        (a topic, not wording) are left out unless ``labels`` is true.
        """
        if clause_id not in self.clauses:
            raise KeyError(f"unknown clause {clause_id!r}")
        ids = {clause_id}
        parent = self.clauses[clause_id].parent
        if include_parent and parent:
            ids.add(parent)
        statuses = (status,) if isinstance(status, str) else status
        out = [
            w
            for w in self.witnesses.values()
            if w.clause in ids
            and (language is None or w.language == language)
            and (statuses is None or w.status in statuses)
            and (complete is None or w.complete == complete)
            and (labels or w.is_wording)
        ]
        return sorted(out, key=witness_rank)

    def family_of(self, clause_id: str) -> list[Family]:
        return [f for f in self.families.values() if clause_id in f.clauses]

    def links_of(self, family_id: str) -> list[Link]:
        return [lk for lk in self.links if lk.family == family_id]

    def table(self, name: str) -> list[dict]:
        return self.extra.get(name, [])


def alterations(w: Witness) -> int:
    """How many kinds of change by the outlet a witness shows: an inserted gloss in brackets in its text, and
    a change to the quoted words that the curator's note reports (:data:`ALTERATION_WORDS`)."""
    import re

    gloss = bool(re.search(r"\([^()]{1,20}\)", w.text))
    note = w.note.casefold()
    return int(gloss) + int(any(re.search(rf"\b{x}\b", note) for x in ALTERATION_WORDS))


def witness_rank(w: Witness) -> tuple:
    """Best first: status (authentic before translation), kind (a quotation before reported speech, which
    gives no quoted words), complete before truncated, article number given before inferred or disputed,
    then the copy with fewer changes by its outlet (no inserted gloss, no substitution or omission reported
    in the note), and only then the record id. Without the outlet-change step a glossed copy won on its id
    (review finding m6)."""
    return (
        STATUSES.index(w.status) if w.status in STATUSES else len(STATUSES),
        KINDS.index(w.kind) if w.kind in KINDS else len(KINDS),
        not w.complete,
        MAPPINGS.index(w.mapping) if w.mapping in MAPPINGS else 9,
        alterations(w),
        w.id,
    )

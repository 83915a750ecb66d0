"""Sayings: one thing said once, however many records hold it.

A *statement* is one outlet's record. The same sentence may be held several times: quoted by two outlets,
rendered into another language, carried by a state news agency, or held both as a full text and as an excerpt
of it. Wherever the site counts what someone said, it counts *sayings*. Records are grouped into one saying by:

1. **curated groups** -- the collector's ``same-saying`` rows (``data/corrections.jsonl``, imported) and ours
   (``data/sayings.jsonl``, each with a reason): translations, outlets, the seed articles' quotations;
2. **containment** -- a record whose words all occur, word for word, in another record of the same speaker, in
   the same language, within :data:`CONTAINMENT_DAYS` days (a full text and the excerpts taken from it).

Groups are joined transitively. Two excerpts of one speech that no full text links stay two sayings (we cannot
tell that they are one).

A saying is credited to its *principal* record: an official's record before a state-media one, the speaker's
own language before a translation, then the earliest date, then the longest text. So KCNA's English report of a
Putin sentence is one more record of Putin's saying, not a DPRK-side use. Sayings that only state media carry
(``state-media`` speakers: KCNA, Rodong Sinmun) are not officials' words and are left out of the counts of
officials. A record whose subject is not known (``subject-unknown``) is shown, but its matches are not counted
as the speaker's use.
``attribution-inferred`` marks records whose speaker is an identification, not a source's attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

#: Containment joins records of one speaker at most this many days apart.
CONTAINMENT_DAYS = 2
#: A contained piece needs at least this many words (shorter fragments are too common to prove anything).
CONTAINMENT_MIN_WORDS = 3
KINDS = ("same-saying", "state-media", "subject-unknown", "attribution-inferred")

_OMISSION = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|<\s*(?:\.\.\.|…)\s*>|\(\s*(?:\.\.\.|…)\s*\)|\.\.\.|…")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Rules:
    groups: tuple[tuple[str, tuple[str, ...], str], ...]  # (where the group comes from, record ids, reason)
    state_media: dict[str, str]  # speaker -> reason
    subject_unknown: dict[str, str]  # statement id -> reason
    attribution_inferred: dict[str, str]  # statement id -> reason


def rules_from_rows(
    sayings: Sequence[dict], corrections: Sequence[dict] = (), known: Iterable[str] | None = None,
    origin: str = "sayings.jsonl",
) -> Rules:
    """Build :class:`Rules`; a bad row raises ValueError naming the file, line and field."""
    known = set(known) if known is not None else None
    groups, media, unknown, inferred = [], {}, {}, {}

    def check_ids(where: str, ids) -> tuple[str, ...]:
        if not ids:
            raise ValueError(f"{where}: ids: missing")
        for i in ids:
            if known is not None and i not in known:
                raise ValueError(f"{where}: ids: no statement {i!r}")
        return tuple(ids)

    for n, c in enumerate(corrections, 1):
        if c.get("kind") == "same-saying":
            where = f"corrections.jsonl:{n}"
            groups.append((c.get("origin", where), check_ids(where, c.get("ids")), c.get("reason", "")))
    for n, r in enumerate(sayings, 1):
        where = f"{origin}:{n}"
        kind = r.get("kind")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind: expected one of {', '.join(KINDS)}, got {kind!r}")
        reason = r.get("reason") or ""
        if len(reason) < 10:
            raise ValueError(f"{where}: reason: missing or too short")
        if kind == "same-saying":
            groups.append((f"our group {r.get('id')}", check_ids(where, r.get("ids")), reason))
        elif kind == "state-media":
            if not r.get("speaker"):
                raise ValueError(f"{where}: speaker: missing")
            media[r["speaker"]] = reason
        else:
            sid = check_ids(where, [r.get("statement")] if r.get("statement") else None)[0]
            (unknown if kind == "subject-unknown" else inferred)[sid] = reason
    return Rules(tuple(groups), media, unknown, inferred)


def load_rules(corpus) -> Rules:
    """The rules of a corpus's ``sayings`` and ``corrections`` tables. Ids that name no statement of this
    corpus are ignored here (``validate`` reports them for the repository's data; a corpus restricted to
    some statements keeps working)."""
    return rules_from_rows(corpus.table("sayings"), corpus.table("corrections"))


@dataclass(frozen=True)
class Saying:
    id: str  # the principal record's id
    records: tuple[str, ...]  # principal first, then by date and id
    speaker: str
    side: str
    date: str
    event: str
    state_media: bool  # every record is a state-media speaker's
    links: tuple[str, ...]  # why the records are one saying ("our group …", "contains …")


def _pieces(text: str) -> list[str]:
    """The words of a text, as lower-case word runs split at omission marks (for containment)."""
    out = []
    for part in _OMISSION.split(text.replace("ё", "е").replace("Ё", "Е")):
        words = _WORDS.findall(part.lower())
        if words:
            out.append(" ".join(words))
    return out


def _days(a: str, b: str) -> int:
    def d(s: str) -> date:
        p = [int(x) for x in s.split("-")] + [1, 1]
        return date(p[0], p[1], p[2])

    return abs((d(a) - d(b)).days)


def containment_pairs(statements: Sequence) -> list[tuple[str, str]]:
    """(part, whole): every piece of ``part`` occurs word for word in ``whole``: same speaker and language,
    at most :data:`CONTAINMENT_DAYS` apart, at least :data:`CONTAINMENT_MIN_WORDS` words in the part."""
    by_key: dict[tuple[str, str], list] = {}
    for s in statements:
        by_key.setdefault((s.speaker, s.language), []).append(s)
    out = []
    for group in by_key.values():
        if len(group) < 2:
            continue
        whole = {s.id: " " + " ".join(_pieces(s.text)) + " " for s in group}
        for a in group:
            pieces = _pieces(a.text)
            if sum(len(p.split()) for p in pieces) < CONTAINMENT_MIN_WORDS:
                continue
            for b in group:
                if a.id == b.id or _days(a.date, b.date) > CONTAINMENT_DAYS:
                    continue
                if all(f" {p} " in whole[b.id] for p in pieces):
                    out.append((a.id, b.id))
    return out


def group_sayings(statements: Sequence, rules: Rules) -> dict[str, Saying]:
    """Every statement's saying, keyed by statement id (records of one saying share one :class:`Saying`)."""
    sts = {s.id: s for s in statements}
    parent = {i: i for i in sts}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: dict[str, list[str]] = {i: [] for i in sts}
    for where, ids, _reason in rules.groups:
        present = [i for i in ids if i in sts]
        for i in present[1:]:
            parent[find(i)] = find(present[0])
        for i in present:
            links[i].append(where)
    for part, whole in containment_pairs(list(sts.values())):
        parent[find(part)] = find(whole)
        links[part].append(f"contained word for word in {whole}")
    members: dict[str, list[str]] = {}
    for i in sts:
        members.setdefault(find(i), []).append(i)
    out: dict[str, Saying] = {}
    for ids in members.values():
        recs = sorted((sts[i] for i in ids), key=lambda s: (
            s.speaker in rules.state_media, bool(s.is_translation), s.date, -len(s.text), s.id))
        p = recs[0]
        saying = Saying(
            id=p.id, records=tuple(s.id for s in recs), speaker=p.speaker, side=p.side, date=p.date,
            event=p.event, state_media=all(s.speaker in rules.state_media for s in recs),
            links=tuple(dict.fromkeys(w for s in recs for w in links[s.id])),
        )
        for i in ids:
            out[i] = saying
    return out


def sayings_of(corpus) -> dict[str, Saying]:
    """:func:`group_sayings` for a corpus's statements and rules."""
    return group_sayings(list(corpus.statements.values()), load_rules(corpus))


# --- count frames ------------------------------------------------------------------------------------------

SAYING_COLUMNS = ("saying", "saying_speaker", "saying_side", "saying_date", "saying_event", "own_use",
                  "state_media")


def attach(frame: pd.DataFrame, corpus, sayings: dict[str, Saying] | None = None) -> pd.DataFrame:
    """A statement-level frame (count_statements, kwic) with each record's saying and flags added:
    ``own_use`` is False for a record whose subject is not known, ``state_media`` True for a saying that only
    state media carry, ``note`` says what was corrected or inferred about the record."""
    sayings = sayings if sayings is not None else sayings_of(corpus)
    rules = load_rules(corpus)
    sid = frame["statement_id"]
    sy = sid.map(sayings)
    out = frame.assign(
        saying=sy.map(lambda s: s.id), saying_speaker=sy.map(lambda s: s.speaker),
        saying_side=sy.map(lambda s: s.side), saying_date=sy.map(lambda s: s.date),
        saying_event=sy.map(lambda s: s.event), own_use=~sid.isin(list(rules.subject_unknown)),
        state_media=sy.map(lambda s: s.state_media).astype(bool),
        attribution_inferred=sid.isin(list(rules.attribution_inferred)),
        note=sid.map(lambda i: record_note(corpus.statements[i], rules)),
    )
    return out


def record_note(st, rules: Rules) -> str:
    """What a reader must know about one record: corrections (with reasons), an inferred attribution, an
    unknown subject. Empty when nothing."""
    notes = [f"{c['field'].replace('_', ' ')} corrected (was {c['was']!r}): {c['reason']}"
             for c in (st.corrected or ())]
    if st.id in rules.attribution_inferred:
        notes.append(f"speaker identified by inference: {rules.attribution_inferred[st.id]}")
    if st.id in rules.subject_unknown:
        notes.append(f"subject not known, not counted as the speaker's use: {rules.subject_unknown[st.id]}")
    if st.speaker in rules.state_media:
        notes.append("state media, not an official")
    return "; ".join(notes)


def collapse(counts: pd.DataFrame, *, keep_state_media: bool = False) -> pd.DataFrame:
    """Record-level counts -> one row per saying × concept, with the same columns (``statement_id`` is the
    saying's id; speaker, side, date, month are the saying's). ``hits`` and ``words`` are the largest among
    the saying's records in ``counts`` (a saying uses a concept when any of those records does);
    ``is_translation`` is True when every such record is a translation; ``records`` how many there are.
    Matches in a record whose subject is not known are not counted. Frames without saying columns (built
    without :func:`attach`) are returned unchanged."""
    if "saying" not in counts.columns:
        return counts
    c = counts if keep_state_media else counts[~counts["state_media"].astype(bool)]
    if c.empty:
        return c.assign(records=pd.Series(dtype=int))
    c = c.assign(hits=c["hits"].where(c["own_use"].astype(bool), 0))
    rank = {"full text": 0, "full": 0, "excerpt: selected passage": 1, "excerpt: beginning only": 1}
    c = c.assign(_rank=c["completeness"].map(lambda v: rank.get(v, 2)))
    g = c.groupby(["saying", "concept"], sort=False)
    out = g.agg(
        hits=("hits", "max"), words=("words", "max"), is_translation=("is_translation", "all"),
        records=("statement_id", "nunique"), _rank=("_rank", "min"),
        matched=("matched", lambda s: "; ".join(dict.fromkeys(x for v in s for x in str(v).split("; ") if x))),
        speaker=("saying_speaker", "first"), side=("saying_side", "first"), date=("saying_date", "first"),
        saying_event=("saying_event", "first"), language=("language", "first"),
        source_url=("source_url", "first"), source=("source", "first"),
    ).reset_index()
    out["completeness"] = out["_rank"].map({0: "full text", 1: "excerpt", 2: "quote within news item"})
    out["statement_id"] = out["saying"]
    out["month"] = out["date"].str[:7]
    out["saying_speaker"], out["saying_side"], out["saying_date"] = out["speaker"], out["side"], out["date"]
    out["own_use"], out["state_media"] = True, False
    return out.drop(columns="_rank")


def summary(counts: pd.DataFrame, sides: Sequence[str] = ("DPRK", "Russia")) -> pd.DataFrame:
    """Per side: records, sayings and occasions (speaker-days), all records and own-language records only."""
    one = counts.drop_duplicates("statement_id")
    rows = []
    for side in sides:
        row = {"side": side}
        for key, sub in (("all", one), ("original", one[~one["is_translation"].astype(bool)])):
            rec = sub[sub["side"] == side]
            sy = collapse(counts[counts["statement_id"].isin(sub["statement_id"])]).drop_duplicates("statement_id")
            sy = sy[sy["side"] == side]
            row[f"records_{key}"] = len(rec)
            row[f"sayings_{key}"] = len(sy)
            row[f"occasions_{key}"] = len(set(zip(sy["speaker"], sy["date"], strict=True)))
        rows.append(row)
    return pd.DataFrame(rows)

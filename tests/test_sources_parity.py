"""Every witness, statement and event text in data/ equals its source in ../shared/sources (when present).

Comparison is after whitespace normalisation only (runs of whitespace -> one space, ends stripped).
"""

import json
import re

import pytest

from explainer.load import sources_dir
from explainer.textsplit import parse_marked

SRC = sources_dir()
pytestmark = pytest.mark.skipif(not SRC.is_dir(), reason=f"shared sources not present at {SRC}")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def jsonl(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_witness_records_equal_their_source(corpus):
    files = ("witnesses.jsonl", "witnesses-2000.jsonl", "witnesses-2026-11.jsonl")
    src = {r["id"]: r for f in files for r in jsonl(SRC / "witnesses" / f)}
    assert len(src) == 109 + 18
    for rid, r in src.items():
        w = corpus.witnesses[rid]
        assert w.text == r["text"], rid  # nothing stripped, not even whitespace or a footnote marker
        for f in ("language", "status", "rendered_by", "source_url", "published", "complete"):
            assert getattr(w, f) == r[f], (rid, f)
        assert w.note.startswith(r["note"]), rid  # our mapping remark may follow the source's note


def test_second_collection_article_numbers_become_mapping(corpus):
    """witnesses-2026-11.jsonl: article_number stated -> attested, inferred -> inferred; condensed labels are
    imported as such (a topic, never wording)."""
    rows = jsonl(SRC / "witnesses" / "witnesses-2026-11.jsonl")
    want = {"stated": "attested", "inferred": "inferred"}
    assert len(rows) == 18 and {r["article_number"] for r in rows} == set(want)
    for r in rows:
        assert corpus.witnesses[r["id"]].mapping == want[r["article_number"]], r["id"]
    labels = {w.id for w in corpus.witnesses.values() if w.kind == "condensed label"}
    assert labels == {"2024-06-ko-01", "2024-07-ko-01"}


def test_treaty_file_witnesses_equal_their_part():
    from explainer import load

    corpus = load()
    checked = 0
    for w in corpus.witnesses.values():
        if not w.origin.startswith("treaties/"):
            continue
        fname = w.origin.split()[0].removeprefix("treaties/")
        _, parts = parse_marked((SRC / "treaties" / fname).read_text(encoding="utf-8"))
        part_text = {norm(" ".join(p.lines)) for p in parts} | {norm(line) for p in parts for line in p.lines}
        assert norm(w.text) in part_text, w.id
        checked += 1
    assert checked >= 25


def test_seed_texts_occur_verbatim(corpus):
    for w in corpus.witnesses.values():
        if w.source:
            seed = corpus.sources[w.source]
            assert norm(w.text) in norm((SRC / seed.file).read_text(encoding="utf-8")), w.id
    seeded = [s for s in corpus.statements.values() if s.source]
    assert len(seeded) == 6
    for s in seeded:
        assert norm(s.text) in norm((SRC / corpus.sources[s.source].file).read_text(encoding="utf-8")), s.id


def test_statements_equal_their_source(corpus):
    """Both collections, every field; a field the collector corrected holds the corrected value and the record
    shows the value as collected, with the reason."""
    corrections = {(c["id"], c["field"]): c for c in jsonl(SRC / "statements" / "corrections.jsonl")
                   if c["kind"] == "set"}
    seen = 0
    for fname, n in (("statements.jsonl", 158), ("statements-2026-11.jsonl", 66)):
        src = jsonl(SRC / "statements" / fname)
        assert len(src) == n
        for line, r in enumerate(src, 1):
            s = corpus.statements[r["id"]]
            assert s.origin == f"statements/{fname} line {line}"
            for f, v in r.items():
                got = getattr(s, f)
                if (r["id"], f) in corrections:
                    c = corrections[(r["id"], f)]
                    assert got == c["value"] and {"field": f, "was": v, "reason": c["reason"]} in s.corrected
                    seen += 1
                else:
                    assert (norm(got) == norm(v)) if f == "text" else got == v, (r["id"], f)
    assert seen == len(corrections) == 3
    assert sum(bool(s.corrected) for s in corpus.statements.values()) == 3


def test_corrections_table_is_the_source_file(corpus):
    src = jsonl(SRC / "statements" / "corrections.jsonl")
    got = corpus.table("corrections")
    assert [{k: v for k, v in r.items() if k != "origin"} for r in got] == src
    assert [r["origin"] for r in got] == [f"statements/corrections.jsonl line {i}" for i in range(1, len(src) + 1)]


def test_events_equal_their_source(corpus):
    """Both event files (40 + the 2 reports of November 2026), every field as in the source, in date order."""
    src = jsonl(SRC / "events" / "events.jsonl") + jsonl(SRC / "events" / "events-2026-11.jsonl")
    assert len(corpus.events) == len(src) == 42
    key = [(r["date"], r["event"]) for r in src]
    by_key = {(e.date, e.event): e for e in corpus.events}
    assert sorted(by_key) == sorted(key), "every source event is imported once, none added"
    for r in src:
        e = by_key[(r["date"], r["event"])]
        assert norm(e.support) == norm(r["support"])
        assert (e.date, e.event, e.source_url, e.publisher, e.note) == (
            r["date"], r["event"], r["source_url"], r["publisher"], r["note"])
    assert [e.date for e in corpus.events] == sorted(e.date for e in corpus.events)


def test_event_claims_name_who_claims_and_who_relays(corpus):
    """M7: the October 2024 troop reports are South Korean intelligence's claims relayed by news agencies; the
    curated claimant and relays must be named by the record itself (label, publisher or note)."""
    claims = [e for e in corpus.events if e.claimed_by]
    assert {e.id for e in claims} == {"ev-2024-10-18-1", "ev-2024-10-23-1"}
    for e in claims:
        said = " ".join((e.event, e.publisher, e.note))
        assert "South Korea" in e.claimed_by and "South Korea" in e.event
        assert e.relayed_by
        for who in e.relayed_by:
            first = who.split(" (")[0].removeprefix("a ").split()[0]
            assert first.lower() in said.lower(), (e.id, who)

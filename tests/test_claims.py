"""Claims verdicts: rules on small frames, and pinned results on the real corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from explainer.claims import check_claims, evaluate


def frame(rows):
    base = {
        "concept": "ALLIANCE",
        "side": "DPRK",
        "speaker": "K",
        "language": "ko",
        "date": "2024-06-19",
        "completeness": "quote within news item",
        "words": 10,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


CLAIM = {
    "id": "c",
    "concepts": ["ALLIANCE"],
    "filter": {"speaker": "K", "date_from": "2024-06-01", "date_to": "2024-06-30"},
}


@pytest.mark.parametrize(
    "rows,verdict",
    [
        ([{"statement_id": "a", "hits": 1, "is_translation": False}], "supported"),
        ([{"statement_id": "a", "hits": 1, "is_translation": True}], "consistent but unproven"),
        ([{"statement_id": "a", "hits": 0, "is_translation": False}], "not supported"),
        ([], "not supported"),
    ],
)
def test_present_rules(rows, verdict):
    df = (
        frame(rows)
        if rows
        else frame([{"statement_id": "z", "hits": 1, "is_translation": False, "speaker": "other"}])
    )
    assert evaluate({**CLAIM, "expect": "present"}, df).verdict == verdict


@pytest.mark.parametrize(
    "rows,verdict",
    [
        ([{"statement_id": "a", "hits": 1, "is_translation": False}], "contradicted"),
        ([{"statement_id": "a", "hits": 2, "is_translation": True}], "not supported"),
        ([{"statement_id": "a", "hits": 0, "is_translation": False}], "consistent but unproven"),
        ([{"statement_id": "a", "hits": 0, "is_translation": False, "completeness": "full"}], "supported"),
    ],
)
def test_absent_rules(rows, verdict):
    assert evaluate({**CLAIM, "expect": "absent"}, frame(rows)).verdict == verdict


def test_increase_needs_enough_statements():
    base = [
        {"statement_id": f"b{i}", "hits": 0, "is_translation": False, "date": "2024-06-19"} for i in range(5)
    ]
    later = [
        {"statement_id": f"l{i}", "hits": int(i < 3), "is_translation": False, "date": "2025-06-01"}
        for i in range(5)
    ]
    claim = {
        **CLAIM,
        "expect": "increase",
        "filter": {"date_from": "2025-01-01", "date_to": "2025-12-31"},
        "baseline": {"date_from": "2024-06-01", "date_to": "2024-06-30"},
    }
    assert evaluate(claim, frame(base + later)).verdict == "supported"
    assert evaluate(claim, frame(base[:2] + later)).verdict == "consistent but unproven"
    flat = [{**r, "hits": 0} for r in later]
    assert evaluate(claim, frame(flat + [{**r, "hits": 1} for r in base])).verdict == "contradicted"
    assert evaluate(claim, frame(later[3:] + [{**r, "hits": 1} for r in base])).verdict == "not supported"


def test_real_corpus_verdicts(corpus):
    t = check_claims(corpus).set_index("id")
    assert t["verdict"].to_dict() == {
        "kim-alliance-june-2024": "supported",
        "kim-alliance-several-times": "consistent but unproven",
        "putin-no-alliance-june-2024": "consistent but unproven",
        "russia-avoids-alliance-june-2024": "supported",  # Zakharova's denial (review M3)
        "lavrov-defensive-june-2024": "consistent but unproven",
        "putin-mutual-assistance-june-2024": "supported",
        "russia-allied-vocabulary-2025": "supported",
        "russia-brotherhood-2025": "supported",
    }
    assert t.loc["lavrov-defensive-june-2024", "supporting"] == ["RU-2024-06-19-01", "SD-RU-2024-06-20-01"]
    assert "absence in excerpts" in t.loc["putin-no-alliance-june-2024", "reason"]
    assert t.loc["russia-allied-vocabulary-2025", "reason"].startswith('"alliance / allied": 10/31 statements')
    assert t.loc["russia-brotherhood-2025", "supporting"] == [
        "RU-2025-04-26-02",
        "RU-2025-07-29-01",
        "RU-2025-08-14-01",
        "RU-2026-02-11-02",
    ]
    seeds = {s.id for s in (corpus.sources.values() if isinstance(corpus.sources, dict) else corpus.sources)}
    assert set(t.loc[t.kind == "claim", "source"]) <= seeds
    assert check_claims(corpus, method="lemma")["verdict"].tolist() == t["verdict"].tolist()


def test_reasons_use_proper_singular_and_plural(corpus):
    from explainer.claims import check_claims
    from explainer.records import plural

    assert (plural(1, "witness", "witnesses"), plural(2, "record"), plural(0, "record")) == (
        "1 witness", "2 records", "0 records")
    reasons = " ".join(check_claims(corpus)["reason"])
    assert "(s)" not in reasons and "1 distinct passages" not in reasons and "only 0" not in reasons
    assert "ALLIANCE" not in reasons and "\"alliance / allied\"" in reasons  # readable concept labels

"""Glossary entries and the trigger pairing, against the data (review 2026-11 findings M5, U2, m1)."""

from __future__ import annotations

from explainer import views
from explainer.align import wording_pairs


def _entry(corpus, gid):
    return next(e for e in corpus.table("glossary") if e["id"] == gid)


def test_armed_invasion_armed_attack_is_the_pairing_of_both_treaties(corpus):
    """M5: 'The Korean and Russian texts differ in their trigger' presented the Korean/Russian pairing, already in
    1961, as a divergence of the authentic texts. The pairing is computed from the witnesses."""
    found = wording_pairs(
        corpus,
        ("1961-ussr-dprk/1.2", "2024-dprk-russia/4"),
        {"ko": "무력침공", "ru": "вооружённому нападению"},
    )
    assert all(found[c]["ko"] and found[c]["ru"] for c in found)
    html = views.trigger_pairing(corpus).html
    assert "not a divergence between the two authentic texts of one treaty" in html
    assert (
        "Caveat: the Russian wording of USSR–DPRK treaty (1961) Art. 1 para 2 rests only on press translation"
        in html
    )
    # the computed sentence changes when the data does not bear it out
    broken = views.trigger_pairing(
        corpus, terms={"ko": ("무력침공", "armed invasion"), "ru": ("агрессии", "aggression")}
    )
    assert "is not found in every clause listed" in broken.html and "not a divergence" not in broken.html


def test_state_of_war_entry_has_no_unsourced_narrower_trigger(corpus):
    """U2: the glossary called 'state of war' 'a narrower trigger than an armed attack alone', with no source."""
    d = _entry(corpus, "state-of-war")["definition"]
    assert "narrower trigger" not in d and "narrower" not in d
    assert "not a difference between the authentic texts" in d and "already in 1961" in d
    assert "does not settle" in d
    related = _entry(corpus, "state-of-war")["related"]
    assert {"2024-04-ko-01", "2024-04-ru-01"} <= set(related)
    # what the entry says about the two languages holds for the witnesses it cites
    assert "무력침공" in corpus.witnesses["2024-04-ko-01"].text
    assert "вооруженному нападению" in corpus.witnesses["2024-04-ru-01"].text


def test_ratification_entry_agrees_with_the_timeline(corpus):
    """m1: the entry said the DPRK ratifies by decree, while the timeline has the Supreme People's Assembly
    ratifying the 2000 treaty; the 2024 ratification was a decree."""
    e = _entry(corpus, "ratification")
    ev = {x.id: x for x in corpus.events}
    assert "Supreme People's Assembly ratifies" in ev["ev-2000-04-06-1"].event
    assert "by decree" in ev["ev-2024-11-11-1"].event
    d = e["definition"]
    assert "the 2000 treaty was ratified by the Supreme People's Assembly" in d
    assert "the 2024 treaty by a decree" in d
    assert {"ev-2000-04-06-1", "ev-2024-11-11-1"} <= set(e["related"])


def test_article_4_is_never_summarised_without_its_trigger(corpus):
    """m5 (page 02 part): 'a promise of military help if either side ends up at war' left out that the war must
    be brought about by an armed invasion or attack, which is what makes the clause defensive."""
    import json
    from pathlib import Path

    nb = json.loads((Path(__file__).parent.parent / "notebooks" / "02-article-4.ipynb").read_text(encoding="utf-8"))
    overview = "".join(nb["cells"][0]["source"])
    assert "ends up" not in overview
    assert "put in\na state of war by an armed invasion or attack" in overview
    assert corpus.clauses["2024-dprk-russia/4"].label.endswith("put in a state of war by an armed invasion or attack")

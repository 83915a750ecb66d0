"""Live explorer: set widget traits, assert the outputs."""

from __future__ import annotations

from explainer.explore import SearchError, explore, search
from explainer.records import Statement


def test_literal_term_updates_counts_and_kwic(corpus):
    e = explore(corpus)
    e.term.value = "союзнический"
    assert e.lines["statement_id"].tolist() == [
        "RU-2024-10-24-08",
        "RU-2024-10-24-11",
        "RU-2025-09-03-05",
        "RU-2025-09-03-06",
    ]
    assert "4 hits in 4 of 228 statements" in e.message.value
    assert "союзнический" in e.kwic.value
    e.sides.value = ("DPRK",)
    assert "0 hits" in e.message.value and e.lines.empty


def test_regex_switch_speaker_and_dates(corpus):
    e = explore(corpus)
    e.is_regex.value = True
    e.term.value = r"союзни\w*"
    e.speakers.value = ("Sergey Lavrov",)
    assert set(e.lines["statement_id"]) == {
        "RU-2024-09-26-02",
        "RU-2025-07-11-01",
        "RU-2025-07-12-04",
        "RU-2025-07-29-01",
        "RU-2025-12-10-01",
    }
    e.dates.value = ("2025-08-14", e.dates.options[-1])
    assert e.lines["statement_id"].tolist() == ["RU-2025-12-10-01"]
    assert e.figure is not None and e.figure.data[0].name == "Russia"


def test_bad_regex_gives_a_clear_message(corpus):
    e = explore(corpus)
    e.is_regex.value = True
    e.term.value = "(союз"
    assert "Not a valid regular expression" in e.message.value and e.kwic.value == ""


def test_pathological_regex_is_stopped():
    st = Statement(
        id="X",
        speaker="s",
        speaker_role="r",
        side="DPRK",
        date="2024-01-01",
        event="e",
        language="en",
        is_translation=False,
        translator_or_publisher="p",
        source_url=None,
        retrieved_via="v",
        completeness="c",
        text="a" * 50_000 + "!",
    )
    try:
        search([st], "(a+)+$", is_regex=True, timeout=0.2)
    except SearchError as e:
        assert "stopped" in str(e)
    else:
        raise AssertionError("the pathological pattern was not stopped")

"""Sayings: one thing said once counts once; corrections shown; state media, unknown subjects and inferred
attributions are data with reasons; the words page's sentences are computed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from explainer import pages
from explainer.records import Statement
from explainer.sayings import (
    attach,
    collapse,
    containment_pairs,
    group_sayings,
    load_rules,
    rules_from_rows,
    sayings_of,
)
from explainer.words import corpus_sentence, framing_view, use_dates, uses_sentence, word_counts

ROOT = Path(__file__).resolve().parent.parent


def _st(i, text, *, speaker="S", language="ru", date="2025-01-01", tr=False):
    return Statement(id=i, speaker=speaker, speaker_role="r", side="Russia", date=date, event="e",
                     language=language, is_translation=tr, translator_or_publisher="p",
                     source_url="https://example.org", retrieved_via="x", completeness="quote within news item",
                     text=text)


def _nb(name: str) -> str:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"])


# --- the rule ----------------------------------------------------------------------------------------------


def test_containment_needs_same_speaker_language_and_days():
    whole = _st("w", "Один. Корейские друзья действовали исходя из чувства солидарности. Три.")
    part = _st("p", "Корейские друзья действовали… исходя из чувства солидарности")
    other_speaker = _st("o", "Корейские друзья действовали исходя", speaker="T")
    later = _st("l", "Корейские друзья действовали исходя", date="2025-03-01")
    short = _st("s", "Корейские друзья")
    pairs = containment_pairs([whole, part, other_speaker, later, short])
    assert pairs == [("p", "w")]  # omission marks split the part; every piece must occur
    sy = group_sayings([whole, part, other_speaker], rules_from_rows([]))
    assert sy["p"].id == sy["w"].id == "w" and sy["o"].id == "o"


def test_principal_is_an_official_in_the_own_language_then_earliest():
    rules = rules_from_rows([{"kind": "state-media", "id": "m", "speaker": "Agency", "reason": "a news agency"},
                             {"kind": "same-saying", "id": "g", "ids": ["a", "b", "c"], "reason": "one sentence"}])
    a = _st("a", "x y z", speaker="Agency", date="2025-01-02", language="en", tr=True)
    b = _st("b", "x y z", language="en", tr=True)
    c = _st("c", "икс игрек зет", date="2025-01-03")
    sy = group_sayings([a, b, c], rules)
    assert sy["a"].id == "c" and sy["a"].speaker == "S" and not sy["a"].state_media
    assert set(sy["a"].records) == {"a", "b", "c"} and "our group g" in sy["a"].links


def test_bad_rows_name_line_and_field():
    with pytest.raises(ValueError, match=r"sayings.jsonl:1: kind"):
        rules_from_rows([{"kind": "nope", "id": "x", "reason": "long enough"}])
    with pytest.raises(ValueError, match=r"sayings.jsonl:2: reason"):
        rules_from_rows([{"kind": "state-media", "id": "a", "speaker": "A", "reason": "a news agency"},
                         {"kind": "same-saying", "id": "b", "ids": ["x", "y"], "reason": ""}])
    with pytest.raises(ValueError, match=r"sayings.jsonl:1: ids: no statement 'zz'"):
        rules_from_rows([{"kind": "same-saying", "id": "b", "ids": ["zz"], "reason": "long enough"}], known={"a"})


def test_validate_reports_a_group_naming_an_unknown_statement(data_copy):
    from explainer.load import check

    path = data_copy / "sayings.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + json.dumps(
        {"kind": "same-saying", "id": "bad", "ids": ["KP-2024-06-19-07", "NO-SUCH-ID"], "reason": "a test row"})
        + "\n", encoding="utf-8")
    _, problems = check(data_copy)
    assert any("sayings.jsonl" in p.file and "NO-SUCH-ID" in p.message for p in problems)


def test_import_refuses_bad_corrections(tmp_path, monkeypatch):
    """Bad input: the importer stops naming file, line and field, and writes nothing."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import import_sources

    from explainer.load import sources_dir

    folder = tmp_path / "statements"
    shutil.copytree(sources_dir() / "statements", folder)
    cases = [
        ({"kind": "set", "id": "NO-SUCH", "field": "is_translation", "value": True, "reason": "some reason"},
         r"corrections.jsonl:1: id: no statement 'NO-SUCH'"),
        ({"kind": "set", "id": "KP-2024-06-19-07", "field": "colour", "value": 1, "reason": "some reason"},
         r"corrections.jsonl:1: field: cannot correct 'colour'"),
        ({"kind": "set", "id": "KP-2024-06-19-07", "field": "is_translation", "value": False, "reason": "no-op"},
         r"corrections.jsonl:1: value: KP-2024-06-19-07 already has is_translation"),
        ({"kind": "merge", "ids": ["KP-2024-06-19-07"], "reason": "some reason"}, r"corrections.jsonl:1: kind"),
        ({"kind": "set", "id": "KP-2024-06-19-07", "field": "is_translation", "reason": "no value given"},
         r"corrections.jsonl:1: value: missing"),
    ]
    for row, msg in cases:
        (folder / "corrections.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
        with pytest.raises(SystemExit, match=msg):
            import_sources.import_statements(tmp_path, [])


# --- on the real data --------------------------------------------------------------------------------------


def test_readme_duplicates_are_handled_by_the_rule_not_by_code(corpus):
    sy = sayings_of(corpus)
    # a full text containing an excerpt word for word: joined by containment, named in no group
    assert sy["RU-2025-04-28-05"].id == sy["RU-2025-04-28-06"].id
    assert "contained word for word in RU-2025-04-28-06" in sy["RU-2025-04-28-05"].links
    grouped = {i for r in [*corpus.table("sayings"), *corpus.table("corrections")] for i in r.get("ids", [])}
    assert "RU-2025-04-28-05" not in grouped
    # two translations of one Kim sentence: a curated group with its reason
    assert sy["KP-2024-08-15-04"].id == sy["KP-2024-08-15-01"].id
    # the seed articles' quotations join the saying they quote
    assert sy["SD-KP-2024-06-19-01"].id == sy["SD-KP-2024-06-19-02"].id == sy["KP-2024-06-19-07"].id
    assert sy["SD-RU-2024-06-20-01"].id == sy["RU-2024-06-19-01"].id
    # no record id is written into the counting code
    for f in ("sayings.py", "claims.py", "words.py", "figures.py"):
        assert not re.search(r"\b(KP|RU|SD)-\d{4}-\d\d-\d\d-\d\d\b", (ROOT / "explainer" / f).read_text()), f


def test_kcna_english_is_a_rendering_of_putins_saying(corpus):
    """W2: KCNA's English is nobody's original; the Beijing sentence counts once, on the Russian side."""
    s = corpus.statements["KP-2025-09-04-01"]
    assert s.is_translation and s.corrected[0]["field"] == "is_translation" and s.corrected[0]["was"] is False
    w = word_counts(corpus)
    c = w.counts
    row = c[(c.statement_id == "KP-2025-09-04-01") & (c.concept == "ALLIANCE")].iloc[0]
    assert (row.saying, row.saying_side, row.saying_speaker) == ("RU-2025-09-03-05", "Russia", "Vladimir Putin")
    own = collapse(c[~c.is_translation & (c.concept == "ALLIANCE")])
    assert "KP-2025-09-04-01" not in set(own.statement_id)
    beijing = collapse(c[c.concept == "ALLIANCE"])
    assert (beijing.statement_id == "RU-2025-09-03-05").sum() == 1
    assert beijing.set_index("statement_id").loc["RU-2025-09-03-05", "records"] == 5


def test_state_media_are_not_officials(corpus):
    """m12: KCNA and Rodong Sinmun are state media (data with reasons) and no saying of theirs is counted."""
    rules = load_rules(corpus)
    assert set(rules.state_media) == {"Korean Central News Agency (KCNA)",
                                      "Rodong Sinmun (organ of the WPK Central Committee)"}
    w = word_counts(corpus)
    said = collapse(w.counts)
    assert not said["speaker"].isin(list(rules.state_media)).any()
    assert "state media, not an official" in pages.quote(corpus, "KP-2024-12-05-01")._repr_html_()


def test_unknown_subject_is_flagged_and_not_counted(corpus):
    """U5: Rudenko's three-word fragment is marked in the data with a reason and is not his use."""
    rules = load_rules(corpus)
    assert "sentence is not held" in rules.subject_unknown["RU-2024-10-24-05"]
    w = word_counts(corpus)
    c = w.counts
    said = collapse(c[~c.is_translation & (c.concept == "ALLIANCE")])
    assert said.loc[said.speaker == "Andrey Rudenko", "hits"].sum() == 0
    assert "subject not known" in pages.quote(corpus, "RU-2024-10-24-05")._repr_html_()


def test_corrections_and_inferences_are_shown_where_the_record_is(corpus):
    html = pages.quote(corpus, "KP-2025-09-04-01", "RU-2024-06-19-01")._repr_html_()
    assert "is translation corrected (was False)" in html and "nobody&#x27;s original words" in html
    assert "attribution is an inference" in html  # U4
    w = word_counts(corpus)
    from explainer.kwic import kwic_view

    line = kwic_view(w.lines[w.lines.statement_id == "KP-2025-09-04-01"]).html
    assert "English translation" in line and "corrected" in line


# --- sentences on the words page ----------------------------------------------------------------------------


def test_summary_sentence_is_computed_and_true(corpus):
    """M2: when each side first and next uses the alliance vocabulary comes from the sayings."""
    w = word_counts(corpus)
    dprk = use_dates(w, "ALLIANCE", "DPRK")
    assert dprk[:2] == ["2024-06-19", "2024-10-07"]  # Kim's 불패의 동맹 관계 (statements README)
    s = uses_sentence(w, "ALLIANCE")
    assert "first on 19 June 2024, next on 7 October 2024" in s
    text = _nb("03-officials-words.ipynb")
    assert "from the signing onwards" not in text and 'uses_sentence(words, "ALLIANCE")' in text
    # the sentence follows the data: drop the October record and the next use moves
    c = w.counts[w.counts.statement_id != "KP-2024-10-07-02"]
    w2 = w.__class__(w.lexicon, c, w.lines, w.labels)
    assert "next on 7 October 2024" not in uses_sentence(w2, "ALLIANCE")


def test_corpus_sentence_says_what_the_corpus_is(corpus):
    """M1: both collections are counted and named, with the sayings they make."""
    w = word_counts(corpus)
    s = corpus_sentence(corpus, w)
    assert f"holds {len(corpus.statements)} records of what officials" in s and "66 from statements-2026-11.jsonl" in s
    assert f"they are {w.sayings} sayings" in s and "corpus_sentence(corpus, words)" in _nb("03-officials-words.ipynb")


def test_framing_records_on_both_sides(corpus):
    """M4: Kim's 'defensive document' and Putin's 'nothing new' stand beside the records that fit."""
    text = _nb("03-officials-words.ipynb")
    call = text.split("framing_view(", 1)[1].split(")", 1)[0]
    across = call.split("across=", 1)[1]
    assert "KP-2024-06-19-06" in across and "RU-2024-06-20-01" in across
    html = framing_view(corpus, ["KP-2024-06-19-07"], ["KP-2024-06-19-06", "RU-2024-06-20-01"]).html
    right = html.split("Records that cut across it", 1)[1]
    assert "exclusively peace-loving and defensive document" in right and "все то же самое было" in right


def test_rates_are_not_compared_across_languages_on_the_page():
    """M10: the page says a Korean word is not a Russian one, and leads with shares of sayings."""
    text = _nb("03-officials-words.ipynb")
    assert "a Korean word" in text and "is not a Russian word" in text
    assert "headline figure" in text


def test_classroom_ex2_counts_sayings(corpus):
    """m8: the solution counts sayings, and its claim about June 2024 holds in the data."""
    text = _nb("05-classroom.ipynb")
    sol = text.split("Exercise 2", 1)[1].split("Exercise 3", 1)[0]
    assert "Count sayings, not records" in sol and "cannot test" in sol
    w = word_counts(corpus)
    c = w.counts
    june = c[(c.saying_speaker == "Vladimir Putin") & ~c.is_translation & (c.concept == "ALLIANCE")
             & (c.hits > 0) & c.date.str.startswith("2024-06")]
    for sid in june.statement_id:  # the only June 2024 own-language hit is about the allies of the US
        assert "allies of the US" in corpus.statements[sid].translator_or_publisher


def test_attach_keeps_every_row(corpus):
    w = word_counts(corpus)
    assert len(w.counts) == len(corpus.statements) * len(w.labels)
    again = attach(w.counts.drop(columns=[c for c in w.counts if c.startswith("saying")]), corpus)
    assert (again["saying"] == w.counts["saying"]).all()


def test_summary_counts_records_sayings_and_occasions(corpus):
    from explainer.sayings import summary

    w = word_counts(corpus)
    t = summary(w.counts).set_index("side")
    for side in ("DPRK", "Russia"):
        r = t.loc[side]
        assert r.occasions_all <= r.sayings_all <= r.records_all
        assert r.occasions_original <= r.sayings_original <= r.records_original
        assert r.sayings_original <= r.sayings_all
    assert t.loc["Russia", "sayings_all"] == collapse(w.counts).drop_duplicates("statement_id").side.eq("Russia").sum()


def test_the_switch_says_what_it_counts(corpus):
    """W2: the two counting subsets are named for what they count, and the page explains them."""
    from explainer.figures import SUBSETS

    labels = dict(SUBSETS)
    assert labels["original"] == "Sayings, own-language records only"
    assert labels["all"] == "Sayings, any record (translations too)"
    text = _nb("03-officials-words.ipynb")
    assert "*Sayings, own-language records only*" in text and "state-media renderings" in text
    assert "the words as the official spoke them" not in text


def test_inferred_attribution_is_marked_in_the_lines(corpus):
    """U4: the concordance line of the 'exclusively defensive position' remark says the speaker is inferred."""
    from explainer.kwic import kwic_view

    w = word_counts(corpus)
    html = kwic_view(w.lines[w.lines.statement_id == "RU-2024-06-19-01"]).html
    assert "Sergey Lavrov" in html and "speaker identified by inference" in html

"""Live explorer: set widget traits, assert the outputs."""

from __future__ import annotations

import re

import pytest

from explainer.explore import SearchError, explore, search
from explainer.load import sources_dir
from explainer.records import Statement
from explainer.terms import normalise


def _st(text: str, language: str, id: str = "X", side: str = "DPRK") -> Statement:
    return Statement(
        id=id,
        speaker="s",
        speaker_role="r",
        side=side,
        date="2024-01-01",
        event="e",
        language=language,
        is_translation=False,
        translator_or_publisher="p",
        source_url=None,
        retrieved_via="v",
        completeness="c",
        text=text,
    )


def test_exact_switch_matches_the_whole_word_only(corpus):
    e = explore(corpus, ())  # the statements alone
    e.exact.value = True
    e.term.value = "союзнический"
    assert e.lines["statement_id"].tolist() == [
        "RU-2024-10-24-08",
        "RU-2024-10-24-11",
        "RU-2025-09-03-05",
        "RU-2025-09-03-06",
    ]
    assert "4 hits in 4 of 228 statements" in e.message.value
    assert "союзнический" in e.kwic.value
    assert "Matched (exact word): союзнический (4)" in e.message.value
    e.sides.value = ("DPRK",)
    assert "0 hits" in e.message.value and e.lines.empty
    # the examples: whole words only, so none of them is found exactly
    e.sides.value = ("DPRK", "Russia")
    for term in ("союз", "союзн", "ally"):
        e.term.value = term
        assert e.message.value.startswith("<p>0 hits") and "Untick “exact word”" in e.message.value, term
    e.exact.value = False
    assert not e.message.value.startswith("<p>0 hits")


def _russian_tokens(corpus):
    return [
        w
        for st in corpus.statements.values()
        if st.language == "ru"
        for w in re.findall(r"\w+", normalise(st.text, "ru"))
    ]


@pytest.mark.parametrize("term", ["союз", "союзн", "Союз"])
def test_russian_forms_on_the_statements(corpus, term):
    """A typed Russian word finds every word starting with it: союзники, союзнический... (counted here)."""
    e = explore(corpus, ())  # the statements alone
    e.term.value = term
    stem = term.lower()
    want = [w for w in _russian_tokens(corpus) if w.startswith(stem)]
    assert {"союзники", "союзнический", "союзные"} <= set(e.forms)
    assert set(e.forms) == set(want) and sum(e.forms.values()) == len(want)
    assert int(e.counts["hits"].sum()) == len(want) == len(e.lines)
    assert "союзники (" in e.message.value and "союзнический (" in e.message.value


def test_russian_lemma_adds_forms_that_do_not_start_with_the_typed_word(corpus):
    e = explore(corpus, ())  # the statements alone
    e.term.value = "союзники"
    assert {"союзники", "союзника", "союзников"} <= set(e.forms)
    assert "союзнический" not in e.forms
    e.term.value = "друзья"  # друг, друга: same lemma, other letters
    assert {"друзья", "друг", "друга"} <= set(e.forms)


def test_english_inflections_on_the_statements(corpus):
    e = explore(corpus, ())  # the statements alone
    e.term.value = "ally"
    tokens = [
        w
        for st in corpus.statements.values()
        if st.language == "en"
        for w in re.findall(r"\w+", normalise(st.text, "en"))
    ]
    want = [w for w in tokens if w in ("ally", "allies", "allied")]
    assert {"allies", "allied"} <= set(e.forms) and sum(e.forms.values()) == len(want)
    assert "really" in tokens or "literally" in tokens  # the data holds words ending in -ally...
    assert not {f for f in e.forms if f.endswith("ally") and f != "ally"}  # ...none of them is found
    assert "alliance" not in e.forms


def test_word_forms_in_small_texts():
    en = _st("Our allies and allied forces; an ally's duty. Really, an alliance? We are not allying.", "en")
    ru = _st("Союзники, союзнический долг, союза нет, союзника; Советский Союз. Наши партнёры.", "ru")
    ko = _st("동맹을 강화하고 동맹관계를 발전시키며 로씨야와 함께 비동맹 운동", "ko")
    found = search([en], "ally").forms
    assert found == {"allies": 1, "allied": 1, "ally": 1, "allying": 1}  # ally: of "ally's"
    assert search([en], "allies").forms == search([en], "ally's").forms == found
    assert search([en], "ally", exact=True).forms == {"ally": 1}  # the ally of "ally's", whole word
    assert search([ru], "союзн").forms == {"союзники": 1, "союзнический": 1, "союзника": 1}
    assert set(search([ru], "союз").forms) == {"союзники", "союзнический", "союза", "союзника", "союз"}
    assert search([ru], "союзники").forms == {"союзники": 1, "союзника": 1}
    assert search([ru], "союз", exact=True).forms == {"союз": 1}
    # ё = е when matching; forms are named as printed (lower case)
    assert search([ru], "партнер").forms == search([ru], "партнёры").forms == {"партнёры": 1}
    assert search([ko], "동맹").forms == {"동맹을": 1, "동맹관계를": 1, "비동맹": 1}
    assert search([ko], "동맹을").forms == search([ko], "동맹").forms  # the particle is taken off
    assert search([ko], "동맹관계는").forms == {"동맹관계를": 1}
    assert search([ko], "로씨야").forms == search([ko], "러시아").forms == {"로씨야와": 1}  # spellings normalised
    # each language follows its own rules in one search
    both = search([en, ru, ko], "ally")
    assert set(both.lines["statement_id"]) == {"X"} and sum(both.forms.values()) == 4


def test_search_takes_any_records_with_id_language_and_text():
    """Documents of the full-text frames plug in as dicts or objects (link -> source_url, status)."""
    doc = {
        "id": "kcna-1",
        "frame": "kcna-english",
        "date": "2024-11-12",
        "title": "T",
        "link": "http://kcna.example/1",
        "language": "en",
        "status": "state-media translation",
        "text": "The allied forces of imperialism and their allies.",
    }
    found = search([doc, _st("No such word.", "en")], "ally")
    assert found.forms == {"allied": 1, "allies": 1}
    line = found.lines.iloc[0]
    assert line["statement_id"] == "kcna-1" and line["source_url"] == "http://kcna.example/1"
    assert bool(line["is_translation"]) and line["speaker"] == "kcna-english"
    assert found.counts["hits"].tolist() == [2, 0]


def test_regex_switch_speaker_and_dates(corpus):
    e = explore(corpus, ())  # the statements alone
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
    e = explore(corpus, ())  # the statements alone
    e.is_regex.value = True
    e.term.value = "(союз"
    assert "Not a valid regular expression" in e.message.value and e.kwic.value == ""


def test_pathological_regex_is_stopped():
    st = _st("a" * 50_000 + "!", "en")
    try:
        search([st], "(a+)+$", is_regex=True, timeout=0.2)
    except SearchError as e:
        assert "stopped" in str(e)
    else:
        raise AssertionError("the pathological pattern was not stopped")


def test_forms_table_measures_both_halves_of_the_russian_rule():
    from explainer.explore import forms_table

    ru = _st("Друзья, друг другу и других друга не бросят; войны нет.", "ru")
    en = _st("Our allies.", "en")
    t = forms_table([ru, en], ["друг", "война", "ally"]).set_index("typed")
    # starting with «друг»: друг, другу, других, друга; sharing its lemma: друзья, друг, другу, друга
    assert t.loc["друг", "Russian: starting with it"] == 4 and t.loc["друг", "Russian: same lemma"] == 4
    assert t.loc["друг", "hits"] == 5 and t.loc["друг", "exact-word hits"] == 1
    assert t.loc["война", "forms found"] == "войны (1)" and t.loc["война", "Russian: starting with it"] == 0
    assert t.loc["ally", "forms found"] == "allies (1)" and t.loc["ally", "Russian: same lemma"] == "—"


def test_what_notebook_03_says_about_the_russian_rule_holds(corpus):
    """Notebook 03's prose: «союз» finds союзники and союзнический; договор finds договоренностей and друг
    finds других (first letters); друг finds друзья (lemma); exact «союз» finds fewer."""
    from explainer.explore import forms_table

    sts = corpus.statements.values()
    assert {"союзники", "союзнический"} <= set(search(sts, "союз").forms)
    assert "договоренностей" in search(sts, "договор").forms
    assert {"других", "друзья"} <= set(search(sts, "друг").forms)
    assert "동맹관계의" in search(sts, "동맹을").forms and "동맹관계의" in search(sts, "동맹").forms
    t = forms_table(sts, ["союз", "ally", "동맹을"]).set_index("typed")
    assert (t["hits"] > t["exact-word hits"]).all()


def test_forms_view_escapes_and_shows_every_form():
    from explainer.explore import forms_view

    st = _st("<b>allies</b> & allied " + " ".join(f"ally{i}" for i in range(3)), "en")
    h = forms_view([st], ["ally", "<i>"])._repr_html_()
    assert "<b>" not in h and "<i>" not in h and "&lt;i&gt;" in h
    assert "allied (1), allies (1)" in h  # no truncation


def test_explorer_searches_full_text_documents_beside_the_statements(corpus):
    """Frames' documents (records with a frame and links) are searched with the statements, and can be
    switched off."""
    doc = {
        "id": "kcna-x",
        "frame": "kcna-english",
        "date": "2024-11-12",
        "title": "T",
        "links": ("http://kcna.example/x",),
        "language": "en",
        "status": "state-media translation",
        "text": "The imperialist allied forces and the U.S. and its allies.",
    }
    e = explore(corpus, [doc])
    e.term.value = "ally"
    mine = e.lines[e.lines["statement_id"] == "kcna-x"]
    assert len(mine) == 2 and set(mine["source_url"]) == {"http://kcna.example/x"}
    assert e.texts.options == ("statements", "kcna-english") and "texts" in e.message.value
    n = len(e.lines)
    e.texts.value = ("statements",)
    assert len(e.lines) == n - 2 and "kcna-x" not in set(e.lines["statement_id"])
    e.texts.value = ("kcna-english",)
    assert e.lines["statement_id"].tolist() == ["kcna-x", "kcna-x"]
    assert e.figure.data[0].name == "full texts"


def test_english_endings_do_not_join_unrelated_words():
    from explainer.wordforms import forms

    vocab = ["kind", "kin", "and", "an", "news", "really", "ally", "used", "us", "stopped", "stop", "ties"]
    assert forms("kin", "en", vocab) == ["kin"]  # not kind (a final d is no ending)
    assert forms("an", "en", vocab) == ["an"]
    assert forms("us", "en", vocab) == ["us"]  # not used: a base keeps three letters
    assert forms("stop", "en", vocab) == ["stop", "stopped"]
    assert forms("ally", "en", vocab) == ["ally"]


def test_search_takes_record_objects_too():
    from explainer.frames import Document as Doc

    d = Doc("kr-1", "kremlin-ru", "2025-04-28", "T", ("http://kremlin.example/1",), "ru", "original",
            "Наши союзники и союзнические отношения.")
    found = search([d], "союз")
    assert found.forms == {"союзники": 1, "союзнические": 1}
    assert set(found.lines["source_url"]) == {"http://kremlin.example/1"} and not found.lines["is_translation"].any()


def test_explorer_includes_the_frames_complete_texts(corpus, tmp_path):
    """With archives at hand (the frames tests' fixture archives), their documents are searched with the
    statements, each frame a switch, each document on its frame's side."""
    from tests.test_frames import write_kcna, write_kremlin, write_mfa

    write_kcna(tmp_path)
    write_kremlin(tmp_path)
    write_mfa(tmp_path)
    e = explore(corpus, corpora=tmp_path)
    assert e.texts.options == ("statements", "kcna-english", "kremlin-ru", "mfa-telegram-en")
    e.texts.value = ("kcna-english", "kremlin-ru", "mfa-telegram-en")
    e.term.value = "ally"
    assert e.forms == {"allies": 2}  # KCNA "its allies", MFA "CSTO allies" (the repeated post is one document)
    assert set(e.lines["speaker"]) == {"kcna-english", "mfa-telegram-en"}
    e.term.value = "союз"
    assert e.forms == {"союзнический": 1, "союз": 1, "союзничества": 1}
    assert set(e.lines["source_url"]) == {"http://kremlin.ru/1", "http://kremlin.ru/3"}
    e.sides.value = ("DPRK",)  # the Kremlin's frame is on the Russian side
    assert e.lines.empty
    e.sides.value = ("DPRK", "Russia")
    e.texts.value = ("statements",)
    assert set(e.lines["statement_id"]) <= set(corpus.statements)


def test_explorer_without_archives_searches_the_sentences_kept_in_data(corpus, tmp_path):
    from explainer.explore import frame_records

    recs = frame_records(corpus, tmp_path / "no-archives")
    kept = {(r["document"], r["sentence"]) for r in corpus.table("frame_lines")}
    assert len(recs) == len(kept) > 0 and {(r["id"], r["text"]) for r in recs} == kept
    found = search(recs, "ally")
    tokens = [w for r in recs if r["language"] == "en" for w in re.findall(r"\w+", r["text"].lower())]
    assert {"allies", "allied"} <= set(found.forms)
    assert sum(found.forms.values()) == sum(w in ("ally", "allies", "allied") for w in tokens)
    e = explore(corpus, corpora=tmp_path / "no-archives")
    e.texts.value = tuple(o for o in e.texts.options if o != "statements")
    e.term.value = "ally"
    assert e.forms == found.forms and e.lines["speaker"].isin(["kcna-english", "kremlin-ru", "mfa-telegram-en"]).all()


@pytest.mark.skipif(not (sources_dir() / "corpora").is_dir(), reason="../shared/sources/corpora not present")
def test_word_forms_in_the_real_archives(corpus):
    from explainer.explore import frame_records

    recs = frame_records(corpus)
    assert {r["frame"] for r in recs} == {"kcna-english", "kremlin-ru", "mfa-telegram-en"}
    en = [w for r in recs if r["language"] == "en" for w in re.findall(r"\w+", normalise(r["text"], "en"))]
    ru = [w for r in recs if r["language"] == "ru" for w in re.findall(r"\w+", normalise(r["text"], "ru"))]
    ally = search(recs, "ally").forms
    assert {"ally", "allies", "allied"} <= set(ally) and not any(f.endswith("ally") and f != "ally" for f in ally)
    assert sum(ally.values()) == sum(w in ("ally", "allies", "allied") for w in en)
    soyuz = search(recs, "союзн").forms
    assert {"союзники", "союзников"} <= set(soyuz)
    assert sum(soyuz.values()) == sum(w.startswith("союзн") for w in ru)

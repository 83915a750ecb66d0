"""`add-text`: split a full text at its headings into witnesses; refuse cleanly, writing nothing."""

import json
import os
from pathlib import Path

import pytest
from conftest import edit_table, tree_digest

from explainer.addtext import AddTextError, add_text
from explainer.cli import main
from explainer.load import load
from explainer.textsplit import SplitError, roman_to_int, split_articles

FIX = Path(__file__).parent / "fixtures" / "add_text"
URL = "https://example.org/official-text"


def cli(data, fixture, *extra, treaty="1961-ussr-dprk", language="en", status="official translation"):
    return main(["add-text", str(FIX / fixture), "--data", str(data), "--treaty", treaty, "--language", language,
                 "--status", status, "--source-url", URL, *extra])


@pytest.mark.parametrize("fixture,language,first_heading", [
    ("en_arabic.txt", "en", "Article 1"),
    ("en_roman.txt", "en", "ARTICLE I"),
    ("ru.txt", "ru", "Статья 1"),
    ("ko.txt", "ko", "제1조"),
])
def test_heading_styles(data_copy, capsys, fixture, language, first_heading):
    code = cli(data_copy, fixture, "--rendered-by", "Test ministry", language=language, status="authentic text")
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("added ") and "1961-ussr-dprk/6" in out
    corpus = load(data_copy)
    mine = sorted((w for w in corpus.witnesses.values() if w.id.startswith(f"user-1961-ussr-dprk-{language}-")),
                  key=lambda w: w.clause)
    arts = {w.clause.split("/")[1] for w in mine}
    assert {"1", "2", "3", "4", "5", "6"} <= arts
    w1 = next(w for w in mine if w.clause == "1961-ussr-dprk/1")
    assert w1.source_article == first_heading and w1.status == "authentic text" and w1.complete
    assert w1.source_url == URL and w1.language == language
    assert first_heading not in w1.text and w1.text.count("\n") == 1  # two paragraphs, heading removed
    # the article-level witness now serves its paragraph clauses too
    assert w1.id in [w.id for w in corpus.witnesses_of("1961-ussr-dprk/1.2", language=language)]
    if fixture == "en_arabic.txt":
        pre = corpus.witnesses[f"user-1961-ussr-dprk-en-preamble-{w1.id.rsplit('-', 1)[1]}"]
        assert pre.text.startswith("FIXTURE TREATY") and pre.clause == "1961-ussr-dprk/preamble"


def test_new_clauses_are_created_for_unknown_articles(data_copy, capsys):
    # a data folder that holds only Art. 5 of NATO and does not give its article count
    edit_table(data_copy, "clauses",
               lambda rows: [r for r in rows if r["treaty"] != "1949-nato" or r["article"] == "5"])
    edit_table(data_copy, "treaties",
               lambda rows: [dict(r, articles=None) if r["id"] == "1949-nato" else r for r in rows])
    assert cli(data_copy, "nato14.txt", treaty="1949-nato", status="authentic text") == 0
    assert "(new clause)" in capsys.readouterr().out
    corpus = load(data_copy)
    assert len(corpus.clauses_of("1949-nato")) == 14
    assert "added from a full text" in corpus.clauses["1949-nato/1"].label
    assert corpus.clauses["1949-nato/5"].label.startswith("An armed attack")  # curated label kept


REFUSALS = [
    ("en_arabic.txt", {"treaty": "1900-nowhere"}, "--treaty: unknown treaty '1900-nowhere'"),
    ("missing.txt", {}, "missing article number(s): 3"),
    ("duplicate.txt", {}, "article 2 appears twice (first on line"),
    ("short.txt", {}, "missing article number(s): 6 (the treaty has 6 articles)"),
    ("too_many.txt", {}, "article 7 is beyond the treaty's 6 articles"),
    ("no_headings.txt", {}, "no article headings found"),
    ("latin1.txt", {}, "line 3: not valid UTF-8"),
    ("en_arabic.txt", {"status": "gossip"}, "--status: unknown status 'gossip'"),
]


@pytest.mark.parametrize("fixture,kw,message", REFUSALS, ids=[r[2][:30] for r in REFUSALS])
def test_refusals_write_nothing(data_copy, capsys, fixture, kw, message):
    before = tree_digest(data_copy)
    code = cli(data_copy, fixture, **kw)
    err = capsys.readouterr().err
    assert code == 1
    assert message in err, err
    assert tree_digest(data_copy) == before


def test_adding_the_same_source_twice_is_refused(data_copy, capsys):
    assert cli(data_copy, "en_arabic.txt") == 0
    before = tree_digest(data_copy)
    assert cli(data_copy, "en_arabic.txt") == 1
    assert "already exists" in capsys.readouterr().err
    assert tree_digest(data_copy) == before


def test_dry_run_writes_nothing(data_copy, capsys):
    before = tree_digest(data_copy)
    assert cli(data_copy, "ko.txt", "--dry-run", language="ko") == 0
    assert capsys.readouterr().out.startswith("would add 6 witness(es)")
    assert tree_digest(data_copy) == before


def test_failed_swap_rolls_back(data_copy, monkeypatch):
    """If the second table cannot be replaced, the first is restored: no half-written data folder."""
    before = tree_digest(data_copy)
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError, match="simulated"):
        add_text(FIX / "en_arabic.txt", treaty="1961-ussr-dprk", language="en", status="official translation",
                 source_url=URL, data=data_copy)
    assert tree_digest(data_copy) == before
    assert not [p for p in data_copy.iterdir() if p.name.startswith(".")]


def test_result_validates_and_provenance_is_complete(data_copy):
    add_text(FIX / "ru.txt", treaty="1961-ussr-dprk", language="ru", status="authentic text", source_url=URL,
             rendered_by="Official gazette (fixture)", published="1961-07-07", data=data_copy)
    rows = [json.loads(x) for x in (data_copy / "witnesses.jsonl").read_text(encoding="utf-8").splitlines()]
    mine = [r for r in rows if r["id"].startswith("user-")]
    assert len(mine) == 6
    for r in mine:
        assert r["rendered_by"] == "Official gazette (fixture)" and r["published"] == "1961-07-07"
        assert r["origin"].startswith("ru.txt line ") and r["mapping"] == "attested"


def test_split_articles_unit():
    pre, arts = split_articles("Title\n\nARTICLE I\none\nARTICLE II\ntwo\n")
    assert pre == "Title" and [a.text for a in arts] == ["one", "two"]
    with pytest.raises(SplitError, match="missing article number"):
        split_articles("Article 2\nx\nArticle 3\ny")
    with pytest.raises(SplitError, match="mixed heading styles"):
        split_articles("Article 1\nx\nСтатья 2\ny")
    with pytest.raises(SplitError, match="has no text"):
        split_articles("Article 1\n\nArticle 2\ny")
    assert roman_to_int("XIV") == 14
    with pytest.raises(ValueError):
        roman_to_int("IIII")


def test_headings_only_at_line_start():
    """'in accordance with Article 51' inside a sentence is not a heading."""
    _, arts = split_articles("Article 1\nThe parties act in accordance with Article 51 of the Charter.\nArticle 2\nx")
    assert [a.number for a in arts] == [1, 2]
    assert "Article 51" in arts[0].text


def test_refusal_is_a_clean_exception_for_library_users(data_copy):
    with pytest.raises(AddTextError, match="no such file"):
        add_text(FIX / "nope.txt", treaty="1961-ussr-dprk", language="en", status="authentic text",
                 source_url=URL, data=data_copy)

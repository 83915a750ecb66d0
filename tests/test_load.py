"""Loading the real data folder: counts, typed records and the queries notebooks use."""

import pytest

from explainer import Witness, load, load_treaty
from explainer.coverage import coverage, format_table
from explainer.records import AUTHENTIC_STATUSES


def test_counts(corpus):
    assert len(corpus.treaties) == 10
    assert {"2024-dprk-russia", "1961-ussr-dprk", "2000-russia-dprk", "1961-prc-dprk", "1953-us-rok", "1949-nato",
            "un-charter"} <= set(corpus.treaties)
    # 95 + 14 shared witnesses, the seed article's rendering, and the parts of the treaty files
    shared = [w for w in corpus.witnesses.values() if w.origin.startswith("witnesses/")]
    assert len(shared) == 109
    assert len([s for s in corpus.statements.values() if not s.id.startswith("SD-")]) == 158
    assert len(corpus.events) == 40


def test_every_known_article_is_a_clause(corpus):
    arts = [c.article for c in corpus.clauses_of("2024-dprk-russia") if c.article.isdigit()]
    assert arts == [str(n) for n in range(1, 24)]
    assert len([c for c in corpus.clauses_of("2000-russia-dprk")]) == 12


def test_gaps_are_clauses_with_leads(corpus):
    art9 = corpus.clauses["2024-dprk-russia/9"]
    assert corpus.witnesses_of(art9.id) == []
    assert any("pravo.gov.ru" in lead for lead in art9.gap_leads)


def test_witnesses_by_language_and_status(corpus):
    ru = corpus.witnesses_of("2024-dprk-russia/4", language="ru")
    assert ru and all(isinstance(w, Witness) and w.language == "ru" for w in ru)
    assert ru[0].id == "2024-04-ru-01"  # best first: authentic, complete
    auth = corpus.witnesses_of("2024-dprk-russia/4", status=tuple(AUTHENTIC_STATUSES), complete=True)
    assert {w.status for w in auth} <= AUTHENTIC_STATUSES and all(w.complete for w in auth)


def test_paragraph_clause_inherits_whole_article_witnesses(corpus):
    ids = [w.id for w in corpus.witnesses_of("1961-ussr-dprk/1.2", language="ko")]
    assert "tx-1961-ussr-dprk.ko.wikipedia-1" in ids  # Korean Wikipedia prints Art. 1 as one paragraph
    assert "tx-1961-ussr-dprk.ko.wikipedia-1" not in [
        w.id for w in corpus.witnesses_of("1961-ussr-dprk/1.2", include_parent=False)]


def test_uncertain_mapping_is_recorded(corpus):
    para3 = corpus.witnesses["tx-2024-dprk-russia-csp.en.kcna-3.1"]
    assert para3.mapping == "disputed" and "Article 2" in para3.note
    assert corpus.witnesses["tx-2024-dprk-russia-csp.en.kcna-4"].complete is False


def test_family_of_clause(corpus):
    fams = corpus.family_of("2024-dprk-russia/4")
    assert [f.id for f in fams] == ["mutual-assistance"]
    links = corpus.links_of("mutual-assistance")
    assert any(lk.source == "1961-ussr-dprk/1.2" and lk.type == "narrowed" for lk in links)


def test_load_one_treaty():
    t = load_treaty("1961-ussr-dprk")
    assert list(t.treaties) == ["1961-ussr-dprk"]
    assert t.clauses and all(c.treaty == "1961-ussr-dprk" for c in t.clauses.values())
    assert all(w.treaty == "1961-ussr-dprk" for w in t.witnesses.values())
    with pytest.raises(KeyError, match="unknown treaty"):
        load_treaty("1815-vienna")


def test_coverage_marks_complete_authentic(corpus):
    rows = {r.clause: r for r in coverage(corpus, "2024-dprk-russia")}
    assert rows["2024-dprk-russia/4"].cells["ru"] == "A" and rows["2024-dprk-russia/4"].has_complete_authentic
    assert rows["2024-dprk-russia/1"].cells["en"] == "T" and not rows["2024-dprk-russia/1"].has_complete_authentic
    assert rows["2024-dprk-russia/9"].cells == {"ko": "-", "ru": "-", "en": "-", "zh": "-", "ja": "-"}
    assert "of 26 clauses have a complete authentic-language witness" in format_table(list(rows.values()))


def test_load_is_cached_and_returns_same_object():
    assert load() is load()


def test_article_row_combines_its_paragraphs(corpus):
    rows = {r.clause: r for r in coverage(corpus, "2024-dprk-russia")}
    art3 = rows["2024-dprk-russia/3"].cells
    assert rows["2024-dprk-russia/3.1"].cells["ko"] == rows["2024-dprk-russia/3.2"].cells["ko"] == "A"
    assert art3["ko"] == "A" and rows["2024-dprk-russia/3"].has_complete_authentic  # every paragraph has one
    assert rows["2024-dprk-russia/3"].counts["ko"] == 8
    assert rows["2024-dprk-russia/3.1"].cells["ja"] == "-" and art3["ja"] == "t"  # one paragraph missing

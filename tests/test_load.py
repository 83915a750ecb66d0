"""Loading the real data folder: counts, typed records and the queries notebooks use."""

import pytest

from explainer import Witness, load, load_treaty
from explainer.coverage import coverage, format_table
from explainer.records import AUTHENTIC_STATUSES


def test_counts(corpus):
    assert len(corpus.treaties) == 10
    assert {"2024-dprk-russia", "1961-ussr-dprk", "2000-russia-dprk", "1961-prc-dprk", "1953-us-rok", "1949-nato",
            "un-charter"} <= set(corpus.treaties)
    # 95 + 14 + 18 shared witnesses, the seed article's rendering, and the parts of the treaty files
    shared = [w for w in corpus.witnesses.values() if w.origin.startswith("witnesses/")]
    assert len(shared) == 127
    # both collections of the statements folder (158 + 66) and the 6 seed quotations
    origins = [s.origin.split(" line ")[0] for s in corpus.statements.values() if not s.id.startswith("SD-")]
    assert (origins.count("statements/statements.jsonl"), origins.count("statements/statements-2026-11.jsonl")) == (
        158, 66)
    assert len(corpus.statements) == 230
    assert len(corpus.events) == 40 + 2  # events.jsonl + events-2026-11.jsonl


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


def test_coverage_counts_what_the_letter_claims(corpus):
    """Issue 2: 'A (5)' read as five authentic texts. Russian Art. 4 has one complete authentic-text quotation
    (BBC); two quotations are truncated and two are press translations. Korean: two of 16 fall short."""
    art4 = {r.clause: r for r in coverage(corpus, "2024-dprk-russia")}["2024-dprk-russia/4"]
    ru = corpus.witnesses_of("2024-dprk-russia/4", language="ru")
    assert [w.id for w in ru if w.is_authentic and w.complete] == ["2024-04-ru-01"]
    assert (art4.cells["ru"], art4.graded["ru"], art4.counts["ru"]) == ("A", 1, 5)
    assert (art4.cells["ko"], art4.graded["ko"], art4.counts["ko"]) == ("A", 14, 16)
    en = corpus.witnesses_of("2024-dprk-russia/4", language="en")
    assert (art4.cells["en"], art4.graded["en"]) == ("T", sum(w.complete for w in en)) and art4.graded["en"] < len(en)
    # the 1961 Art. 1 (held through its paragraphs): Korean counts the witnesses of both paragraphs
    r61 = {r.clause: r for r in coverage(corpus, "1961-ussr-dprk")}
    kids = [w for k in ("1961-ussr-dprk/1.1", "1961-ussr-dprk/1.2") for w in
            corpus.witnesses_of(k, language="ko", include_parent=False)]
    whole = corpus.witnesses_of("1961-ussr-dprk/1", language="ko")
    assert r61["1961-ussr-dprk/1"].counts["ko"] == len(whole) + len(kids)
    assert all(r.graded[x] <= r.counts[x] for r in (art4, *r61.values()) for x in r.cells)


def test_coverage_text_table_states_k_of_n_and_stays_aligned(corpus):
    text = format_table(coverage(corpus))
    table = text.split("\n\n")[0].splitlines()
    label_at = table[0].index("  label")
    assert all(len(line) >= label_at for line in table)
    for line in table[2:]:  # every row's label starts in the same column, after two spaces
        assert line[label_at:label_at + 2] == "  " and line[label_at + 2] != " "
    art4 = next(line for line in table if line.startswith("2024-dprk-russia/4 "))
    assert art4.split()[1:5] == ["A", "14/16", "A", "1/5"]
    assert "(16)" not in text and "A16" not in text
    key = text.split("\n\n")[1]
    assert "k/n = k of the n witnesses" in key and "k counts complete authentic-language texts" in key
    assert "T or t under an authentic language" in key


def test_load_is_cached_and_returns_same_object():
    assert load() is load()


def test_article_row_combines_its_paragraphs(corpus):
    rows = {r.clause: r for r in coverage(corpus, "2024-dprk-russia")}
    art3 = rows["2024-dprk-russia/3"].cells
    assert rows["2024-dprk-russia/3.1"].cells["ko"] == rows["2024-dprk-russia/3.2"].cells["ko"] == "A"
    assert art3["ko"] == "A" and rows["2024-dprk-russia/3"].has_complete_authentic  # every paragraph has one
    assert rows["2024-dprk-russia/3"].counts["ko"] == 8
    assert rows["2024-dprk-russia/3.1"].cells["ja"] == "-" and art3["ja"] == "t"  # one paragraph missing

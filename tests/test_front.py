"""The front page's story and the review findings on the front page and the treaty card (U3, m2, m4, m5)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from conftest import edit_table

from explainer import load, pages
from explainer.cli import main
from explainer.coverage import holdings
from explainer.front import publishers_table, story, two_sides
from explainer.publish import Page, index_html
from explainer.words import word_counts

REPO = Path(__file__).resolve().parent.parent


def test_story_quotes_both_clauses_with_sources_and_counts_what_we_hold(corpus):
    html = story(corpus, level=2, words=word_counts(corpus))
    fam = corpus.families["mutual-assistance"]
    for cid in ("1961-ussr-dprk/1.2", fam.focus):
        best = [w for w in corpus.witnesses_of(cid, language="en") if w.complete][0]
        assert f"<code>{best.id}</code>" in html and best.text[:60] in html.replace("&#x27;", "'")
        assert best.source_url in html
    h = holdings(corpus, "2024-dprk-russia")
    assert f"of its {h.parts} parts, {h.worded} have wording" in html
    assert f"{h.complete_authentic} a complete text in an authentic language" in html
    assert "reader-2024-dprk-russia.html" in html and "family-mutual-assistance.html" in html


def test_two_sides_figure_states_its_counts(corpus):
    w = word_counts(corpus)
    html = two_sides(w)
    t = w.table("side", original_only=True)
    rows = re.findall(r"<tr><th scope='row'>(.*?)</th>(.*?)</tr>", html)
    assert len(rows) == 3
    for label, cells in rows:
        for side in ("DPRK", "Russia"):
            r = t[(t["label"] == label) & (t["side"] == side)].iloc[0]
            assert f"{int(r['statements_with'])} of {int(r['statements'])}" in cells


def test_index_leads_with_the_story_and_states_the_trigger(corpus):
    """m5: the index says what triggers Article 4 (02's index summary comes from its metadata)."""
    nb = nbformat.read(REPO / "notebooks" / "02-article-4.ipynb", as_version=4)
    summary = nb.metadata["explainer"]["summary"]
    ps = [Page("02-article-4", "Article 4", summary, False, frozenset()),
          Page("reader-2024-dprk-russia", "Read", "", False, frozenset(), "DPRK–Russia treaty (2024)",
               group="reader")]
    html = index_html(ps, None)
    assert "ends up at war" not in html and "state of war by an armed invasion or attack" in html
    assert html.index("The promise, then and now") < html.index("<h2>Pages</h2>")
    assert "Publishers of the texts we quote" not in html  # moved to page 04
    assert "Read the whole treaty, part by part" in html


def test_publishers_table_is_folded_on_page_04(corpus):
    html = publishers_table(corpus)
    assert html.startswith("<details") and "Pressian" in html
    nb = nbformat.read(REPO / "notebooks" / "04-the-texts.ipynb", as_version=4)
    assert any(c.cell_type == "code" and "front.publishers(corpus)" in c.source for c in nb.cells)


def test_card_says_what_was_replaced_and_how_firmly(corpus):
    """U3: 'Replaces' gives, per document, what a source says and how firmly."""
    html = str(pages.treaty_card(corpus, "2024-dprk-russia"))
    items = re.findall(r"<li>(.*?)</li>", html.split("xp-replaces", 1)[1].split("</ul>", 1)[0])
    assert len(items) == 3
    by = {corpus.treaties[t].short_title: t for t in corpus.treaties}
    for item in items:
        title = item.split(" — ", 1)[0].replace("&#x27;", "'")
        firm = "attested" if by[title] == "2000-russia-dprk" else "announced only, before the signing"
        assert f"<strong>{firm}</strong>" in item, item
    assert "ev-2024-12-04-2" in html and "RU-2024-06-17-01" in html


def test_validate_wants_a_basis_for_every_replacement(data_copy, capsys):
    edit_table(data_copy, "treaties", lambda rows: [
        dict(r, replaces_basis=r["replaces_basis"][:1]) if r["id"] == "2024-dprk-russia" else r for r in rows])
    assert main(["validate", "--data", str(data_copy)]) == 1
    err = capsys.readouterr()
    assert re.search(r"treaties\.jsonl:line \d+: replaces_basis: no source-backed basis for replacing "
                     r"'2000-pyongyang-declaration'", err.out + err.err)


def test_joint_statement_is_issued_not_signed(corpus):
    """m2."""
    reg = str(pages.treaty_registry(corpus))
    row = reg.split("2000-joint-statement-0209", 1)[1].split("</tr>", 1)[0]
    assert "issued 9 February 2000" in row and "signed" not in row and "not attested" in row
    assert "<dt>Issued</dt>" in str(pages.treaty_card(corpus, "2000-joint-statement-0209"))


def test_start_here_says_purports(corpus):
    """m4: an authentic-text quotation purports to reproduce the text (several alter it)."""
    nb = nbformat.read(REPO / "notebooks" / "01-start-here.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "purports\n  to reproduce the Korean or Russian text" in text
    assert "reproduces\n  the Korean or Russian text" not in text
    assert load().witnesses["2024-04-ko-06"].note.count("REPLACED")  # the kind of change the prose names


def test_story_flags_its_reading_as_an_interpretation_with_evidence(corpus):
    """U1 on the front page: the 1961 -> 2024 link is shown as our interpretation with evidence on both sides,
    never as 'Our reading (narrowed): Our reading, …'."""
    html = story(corpus, level=2, words=word_counts(corpus))
    lk = next(x for x in corpus.links if x.source == "1961-ussr-dprk/1.2" and x.target == "2024-dprk-russia/4")
    assert lk.interpretation
    assert "our interpretation" in html and "Evidence on both sides" in html
    assert "Our reading (" not in html


def test_story_falls_back_to_the_next_family_when_the_first_lacks_english(data_copy):
    """A family whose clauses lack an English text must not hide the story that another family can tell."""
    ancestor = "1961-ussr-dprk/1.2"  # mutual assistance's ancestor: drop its English texts
    edit_table(data_copy, "witnesses", lambda rows: [r for r in rows
                                                    if not (r["clause"] == ancestor and r["language"] == "en")])
    c = load(data_copy)
    assert story(c, family_id="mutual-assistance") == ""
    others = [f for f in c.families if f != "mutual-assistance" and story(c, family_id=f)]
    assert others, "the data should hold a second family with a story"
    assert story(c) == story(c, family_id=others[0]) != ""

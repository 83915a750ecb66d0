"""The KWIC component in headless Chromium: filters work, nothing is fetched, text is escaped."""

from __future__ import annotations

import pandas as pd
import pytest

from explainer.kwic import KwicView
from explainer.terms import kwic, load_lexicon
from tests.conftest import html_document

pytestmark = pytest.mark.browser


def _lines(corpus):
    s = corpus.statements
    return kwic(list(s.values()) if isinstance(s, dict) else list(s), load_lexicon(corpus))


def visible(page):
    return page.eval_on_selector_all("section.kwic li", "els => els.filter(e => !e.hidden).length")


def test_filters_change_visible_lines(corpus, offline_page, tmp_path):
    lines = _lines(corpus)
    view = KwicView(lines, title="Officials' words in context")
    offline_page.open_html(html_document(view._repr_html_(), "KWIC"), tmp_path / "kwic.html")
    page = offline_page.page
    total = len(lines)
    assert visible(page) == total
    page.select_option("select[data-filter=concept]", "COMRADES_IN_ARMS")
    n_c = int((lines.concept == "COMRADES_IN_ARMS").sum())
    assert visible(page) == n_c
    page.select_option("select[data-filter=side]", "Russia")
    assert visible(page) == int(((lines.concept == "COMRADES_IN_ARMS") & (lines.side == "Russia")).sum())
    label = page.text_content("label:has(select[data-filter=orig])")
    assert label.startswith("Original / translation")
    page.select_option("select[data-filter=orig]", "original")
    page.select_option("select[data-filter=side]", "")
    page.select_option("select[data-filter=concept]", "ALLIANCE")
    page.select_option("select[data-filter=language]", "ru")
    want = lines[(lines.concept == "ALLIANCE") & (lines.language == "ru") & ~lines.is_translation]
    assert visible(page) == len(want)
    page.select_option("select[data-filter=speaker]", "Dmitry Medvedev")
    assert visible(page) == len(want[want.speaker == "Dmitry Medvedev"]) == 1
    assert page.text_content("section.kwic output") == f"1 of {total} lines"
    # the search reads the quoted words only, not the speaker or concept label under each line
    page.select_option("select[data-filter=speaker]", "")
    page.fill("input[data-filter=q]", "Medvedev")
    assert visible(page) == 0
    word = want.iloc[0].match
    page.fill("input[data-filter=q]", word.upper())
    assert visible(page) == sum(word.lower() in (r.left + r.match + r.right).lower() for r in want.itertuples())
    hrefs = page.eval_on_selector_all("section.kwic li a", "els => els.map(e => e.href)")
    assert len(hrefs) == int((lines.source_url != "").sum()) and all(h.startswith("http") for h in hrefs)
    page.fill("input[data-filter=q]", "")
    offline_page.screenshot("kwic_filtered")
    assert offline_page.errors == [] and offline_page.blocked == []


def test_every_lexicon_concept_is_offered_with_its_line_count(corpus):
    lines = _lines(corpus)
    lex = load_lexicon(corpus)
    labels = {c: lex.label(c) for c in lex.concepts}
    html = KwicView(lines, labels)._repr_html_()
    select = html.split("data-filter='concept'>", 1)[1].split("</select>", 1)[0]
    for c in lex.concepts:
        n = int((lines.concept == c).sum())
        assert f"<option value='{c}'>{labels[c]} ({n})</option>" in select.replace("&#x27;", "'")
    # a concept no line has is still offered (the data's lines minus one concept)
    rest = lines[lines.concept != "AUTOMATIC_INTERVENTION"]
    html = KwicView(rest, labels)._repr_html_()
    select = html.split("data-filter='concept'>", 1)[1].split("</select>", 1)[0]
    assert f"<option value='AUTOMATIC_INTERVENTION'>{labels['AUTOMATIC_INTERVENTION']} (0)</option>" in select


def test_script_text_is_escaped(offline_page, tmp_path):
    lines = pd.DataFrame(
        [
            {
                "statement_id": "X<1>",
                "concept": "ALLIANCE",
                "left": "<script>window.pwned=1</script>",
                "match": "<img src=x onerror=window.pwned=2>",
                "right": " & more",
                "date": "2025-01-01",
                "speaker": "S",
                "side": "DPRK",
                "language": "en",
                "is_translation": False,
                "source_url": "https://example.org/?a=1&b='2'",
                "source": "",
                "rule": "r",
            }
        ]
    )
    offline_page.open_html(html_document(KwicView(lines)._repr_html_(), "x"), tmp_path / "x.html")
    page = offline_page.page
    assert page.evaluate("window.pwned === undefined")
    assert "<script>window.pwned=1</script>" in page.text_content("section.kwic li")
    assert page.get_attribute("section.kwic li a", "href") == "https://example.org/?a=1&b='2'"
    assert offline_page.errors == [] and offline_page.blocked == []


def test_readable_without_js(corpus):
    view = KwicView(_lines(corpus))
    html = view._repr_html_()
    assert "<div class='k-controls' hidden>" in html  # controls appear only when the script runs
    assert html.count("<li ") == len(view.lines)
    assert view.id == KwicView(_lines(corpus)).id and " src=" not in html

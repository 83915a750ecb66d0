"""Reader components (explainer.pages): escaping, deterministic ids, sources from the data, gaps with leads,
exercises whose solutions stay hidden on screen and open in print, and the facts the classroom prose
relies on."""

from __future__ import annotations

import dataclasses
import re

import pytest

from explainer import pages
from explainer.coverage import coverage
from explainer.records import Corpus

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _evil_corpus(corpus: Corpus) -> Corpus:
    """A copy of the corpus whose 2024 Art. 4 witnesses and one statement carry markup in their text."""
    ws = dict(corpus.witnesses)
    for w in corpus.witnesses_of("2024-dprk-russia/4"):
        ws[w.id] = dataclasses.replace(
            w, text=EVIL + w.text, rendered_by=EVIL, source_url="javascript:alert(3)"
        )
    st = dict(corpus.statements)
    st["RU-2025-09-03-05"] = dataclasses.replace(st["RU-2025-09-03-05"], text="союзнический " + EVIL)
    return dataclasses.replace(corpus, witnesses=ws, statements=st)


def _all_components(c: Corpus):
    return [
        pages.treaty_card(c, "2024-dprk-russia"),
        pages.treaty_registry(c),
        pages.witnesses(c, "2024-dprk-russia/4", languages=("ko", "ru", "en"), per_language=1),
        pages.quote(c, "2024-04-en-01", "RU-2025-09-03-05", "ev-2025-04-28-1"),
        pages.coverage_table(c, "2024-dprk-russia"),
        pages.add_text_guide(c, "2024-dprk-russia"),
        pages.glossary(c),
        pages.question(c, "Q", "Prompt <b>", evidence=["2024-04-en-01"]),
        pages.exercise(
            c,
            "E <i>",
            "Task",
            evidence=["2024-04-ko-01"],
            solution="Sol",
            solution_refs=["2024-04-ru-01"],
            solution_extra=pages.word_hits(c, ["союзн"], speaker="Vladimir Putin"),
        ),
        pages.sources(c, ["2024-dprk-russia", "2024-04-en-01", "ev-2024-06-19-1", "seed-asiae-2024-04-en"]),
        pages.source_link(c, "2024-04-en-01"),
    ]


def test_markup_in_data_is_shown_as_text(corpus):
    evil = _evil_corpus(corpus)
    for comp in _all_components(evil):
        html = comp._repr_html_()
        assert "<script>alert" not in html and "<img src=x" not in html, comp
        assert "javascript:" not in html, comp
    html = pages.witnesses(evil, "2024-dprk-russia/4", languages=("en",), per_language=1)._repr_html_()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;" in pages.question(corpus, "Q", "Prompt <b>")._repr_html_()


def test_fragments_are_self_contained_and_deterministic(corpus):
    first = [c._repr_html_() for c in _all_components(corpus)]
    again = [c._repr_html_() for c in _all_components(corpus)]
    assert first == again
    ids = [re.match(r'<section class="xp [^"]+" id="([^"]+)"', h).group(1) for h in first]
    assert len(set(ids)) == len(ids), "different content must give different ids"
    for h, id_ in zip(first, ids, strict=True):
        assert h.count("<section") == h.count("</section>")
        styles = re.findall(r"<style>(.*?)</style>", h, re.S)
        assert styles, "each fragment carries its scoped style"
        selectors = re.findall(r"(?:^|})\s*([^{}@]+)\{", re.sub(r"@media[^{]+\{", "}", styles[0]))
        assert all(s.strip().startswith(f"#{id_}") for sel in selectors for s in sel.split(",")), selectors
        assert not re.search(r"(?:src|href)=[\"']?(?://|http)[^\"']*\.(?:js|css)", h)
        assert "<h1" not in h
    assert (
        pages.witnesses(corpus, "2024-dprk-russia/4")._repr_html_()
        != pages.witnesses(corpus, "2024-dprk-russia/5")._repr_html_()
    )


def test_heading_level_is_a_parameter(corpus):
    h = pages.treaty_card(corpus, "2024-dprk-russia", level=4)._repr_html_()
    assert "<h4>" in h and "<h2>" not in h
    cov = pages.coverage_table(corpus, "2024-dprk-russia", level=3)._repr_html_()
    assert "<h3>Coverage" in cov and re.search(r"<h4>Gaps \(\d+\)", cov)


def test_every_gap_is_listed_with_its_leads(corpus):
    rows = coverage(corpus, "2024-dprk-russia")
    html = pages.coverage_table(corpus, "2024-dprk-russia")._repr_html_()
    auth = corpus.treaties["2024-dprk-russia"].authentic_languages
    gaps = [r for r in rows if not (r.has_complete_authentic or any(r.cells[x] == "A" for x in auth))]
    assert gaps, "the 2024 treaty has gaps in our data"
    gap_part = html.split("Gaps (", 1)[1]
    assert gap_part.startswith(f"{len(gaps)})")
    for r in gaps:
        assert f"<code>{r.clause}</code>" in gap_part
        for lead in r.gap_leads:
            assert pages.esc(lead) in gap_part
    assert "2024-dprk-russia/4</code>" not in gap_part, "Art. 4 has complete authentic witnesses: not a gap"
    # the legend spells every code out (not colour only)
    for text in ("complete authentic-language text", "partial translation", "nothing held"):
        assert text in html
    assert html.count("<th scope='row'>") == len(rows)


def _row(html: str, heading: str) -> str:
    return re.search(rf"<tr><th scope='row'>(?:<a [^>]*>)?{re.escape(heading)}(?:</a>)? .*?</tr>", html).group(0)


def test_coverage_cell_says_what_it_counts(corpus):
    """A cell reads 'A · 1 of 5' (one complete authentic text among five witnesses), not 'A (5)'; screen readers
    get the same in words."""
    html = pages.coverage_table(corpus, "2024-dprk-russia")._repr_html_()
    art4 = _row(html, "Art. 4")
    cells = re.findall(r"<td class='[^']*'>(.*?)</td>", art4)
    ko, ru = cells[0], cells[1]
    assert "· 14 of 16</span>" in ko and "· 1 of 5</span>" in ru
    assert "complete authentic-language texts: 1 of 5 witnesses held in Russian" in ru
    assert "(5)" not in art4 and "(16)" not in art4
    # one legend, which says what k and n are and what a translation under an authentic language is
    assert html.count("class='xp-legend'") == 1 and "<em>k of n</em>" in html
    assert "(the number counts complete authentic-language texts)" in html
    assert "T or t under an authentic language" in html


def test_translation_under_an_authentic_language_is_explained(corpus):
    """1961 Art. 1 para 2 in Russian is a press re-translation: the cell says T, the legend says what that means."""
    html = pages.coverage_table(corpus, "1961-ussr-dprk")._repr_html_()
    para2 = _row(html, corpus.clauses["1961-ussr-dprk/1.2"].heading)
    ru = re.findall(r"<td class='[^']*'>(.*?)</td>", para2)[1]
    assert ru.startswith("<span aria-hidden='true'>T</span>") and "complete translations: 1 of 1 witness held" in ru
    assert "not the treaty&#x27;s own wording" in html


def test_gap_without_lead_says_so(corpus):
    c = dataclasses.replace(
        corpus,
        clauses={
            k: (dataclasses.replace(v, gap_leads=()) if k == "2024-dprk-russia/6" else v)
            for k, v in corpus.clauses.items()
        },
    )
    html = pages.coverage_table(c, "2024-dprk-russia")._repr_html_()
    assert "No lead recorded yet." in html


def test_sources_come_from_the_data(corpus):
    w = corpus.witnesses["2024-04-en-01"]
    html = pages.source_link(corpus, "2024-04-en-01")._repr_html_()
    assert f'href="{pages.esc(w.source_url)}"' in html and pages.esc(w.rendered_by) in html
    seed = pages.source_link(corpus, "seed-asiae-2024-04-en")._repr_html_()
    assert (
        "The Asia Business Daily" in seed
        and "address not recorded" in seed
        and "href" not in seed.split("</style>")[1]
    )
    lst = pages.sources(corpus, ["ev-2024-12-04-1", "ev-2024-11-09-1", "2024-04-en-01"])._repr_html_()
    assert lst.count("https://tass.com/world/1882445") == 1, "one address, listed once, naming both records"
    assert "ev-2024-12-04-1" in lst and "ev-2024-11-09-1" in lst
    with pytest.raises(KeyError, match="no-such-id"):
        pages.sources(corpus, ["no-such-id"])


def test_solutions_hidden_on_screen_open_in_print(corpus):
    html = pages.exercise(
        corpus, "E1", "Task", solution="Answer text", solution_refs=["2024-04-ru-01"]
    )._repr_html_()
    details = re.search(r"<details[^>]*>(.*)</details>", html, re.S)
    assert details and "<details open" not in html
    assert "Answer text" in details.group(1) and corpus.witnesses["2024-04-ru-01"].text in details.group(1)
    assert "Answer text" not in html.split("<details")[0]
    assert re.search(r"@media print\{[^@]*details::details-content\{content-visibility:visible", html)
    assert "beforeprint" in pages.PRINT_OPEN_DETAILS_JS and "afterprint" in pages.PRINT_OPEN_DETAILS_JS


def test_glossary_is_data_and_points_at_real_records(corpus):
    entries = corpus.table("glossary")
    needed = {
        "article-51",
        "state-of-war",
        "comprehensive-strategic-partnership",
        "automatic-intervention",
        "authentic-text",
        "witness",
    }
    assert needed <= {e["id"] for e in entries}
    for e in entries:
        for ref in e.get("related", []):
            assert ref in corpus.clauses or pages.lookup(corpus, ref), ref
    html = pages.glossary(corpus)._repr_html_()
    assert html.count("<dt") == len(entries)
    with pytest.raises(KeyError):
        pages.glossary(corpus, ids=["not-a-term"])


def test_word_hits_respect_word_starts_and_count_originals(corpus):
    html = pages.word_hits(
        corpus, ["союзн", "alliance", "allied", "ally", "allies", "동맹"], speaker="Vladimir Putin"
    )._repr_html_()
    from explainer.sayings import sayings_of

    said = sayings_of(corpus)
    n_putin = sum(said[s.id].speaker == "Vladimir Putin" for s in corpus.statements.values())
    n_sayings = len({said[s.id].id for s in corpus.statements.values() if said[s.id].speaker == "Vladimir Putin"})
    assert f"Searched {n_putin} records ({n_sayings} sayings) by Vladimir Putin" in html
    # m8: records of one sentence count once: KCNA's English of Putin's Beijing sentence is one of its records
    assert "They hold <strong>3</strong> sayings" in html and "KP-2025-09-04-01" in html
    assert "RU-2025-09-03-05" in html
    assert "<mark>союзнический</mark>" in html
    # 'ally' must not match inside 'really' or 'totally'
    fake = dataclasses.replace(
        corpus,
        statements={
            "X": dataclasses.replace(
                corpus.statements["RU-2025-09-03-05"], id="X", text="We really, totally agree.", language="en"
            )
        },
    )
    assert "<strong>0</strong> records contain one" in pages.word_hits(fake, ["ally"])._repr_html_()


def test_classroom_prose_matches_the_data(corpus):
    """Notebook 05's solutions describe these records; if the data changes, the prose must be revisited."""
    kcna, yonhap = corpus.witnesses["2024-04-en-01"].text, corpus.witnesses["2024-04-en-04"].text
    for phrase in (
        "put in a state of war",
        "an individual state or several states",
        "shall provide",
        "with all means in its possession",
        "in accordance with",
    ):
        assert phrase in kcna
    for phrase in (
        "placed under a state of war",
        "an individual country or several nations",
        "provides",
        "by mobilizing all means in its possession",
        "in line with",
    ):
        assert phrase in yonhap
    old = corpus.witnesses["1961su-1.2-en-01"].text
    assert "immediately" in old and "Article 51" not in old and "laws" not in old
    assert "without delay" in kcna and "Article 51 of the UN Charter" in kcna
    s = corpus.statements["RU-2025-09-03-05"]
    assert s.speaker == "Vladimir Putin" and s.language == "ru" and not s.is_translation
    assert "союзнический характер" in s.text

"""HTML components: deterministic, escaped, readable without CSS/JS, every state present and labelled."""

from __future__ import annotations

import re
from dataclasses import replace

from explainer import views
from explainer.records import Corpus

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def evil_corpus(corpus) -> tuple[Corpus, str]:
    w = corpus.witnesses["2024-04-en-01"]
    fake = replace(
        w, id="fake-evil", text=EVIL + " shall provide assistance", rendered_by="<b>Evil</b> outlet"
    )
    ws = dict(corpus.witnesses)
    ws[fake.id] = fake
    return replace(corpus, witnesses=ws), fake.id


def test_deterministic_and_self_contained(corpus):
    a = views.version_view(corpus, "mutual-assistance").html
    b = views.version_view(corpus, "mutual-assistance").html
    assert a == b
    assert a.count("<script") == 1 and "src=" not in a.split("<script", 1)[1].split(">", 1)[0]
    assert not re.search(r"<(link|iframe)|https?://[^\"]*\.(js|css)", a)
    rid = re.match(r'<section class="xv" id="(xv-[0-9a-f]{12})"', a).group(1)
    assert f"#{rid} " in a  # style scoped to the root


def test_version_view_states_and_links(corpus):
    h = views.version_view(corpus, "mutual-assistance", heading_level=3).html
    assert "<h3>" in h and "<h4>" in h and "<h2>" not in h
    for key in ("all/en", "2024-dprk-russia/ru", "1961-ussr-dprk/ko", "2000-russia-dprk/en"):
        assert f'id="mutual-assistance/{key}"' in h
    assert "незамедлительно" in h  # the Russian 2024 text
    assert "narrowed" in h and "widened" in h and "dropped" in h  # link types
    assert "Gap" in h  # 2000 has no English text


def test_witness_view_labels_and_truncation(corpus):
    h = views.witness_view(corpus, "2024-dprk-russia/4").html
    ws = corpus.witnesses_of("2024-dprk-russia/4")
    assert h.count('class="xv-state"') == len(ws)
    assert "Truncated:" in h and "state-media translation" in h
    assert "The source numbers it Art. 4 · record id" in h
    assert "mapping" not in h.replace("mapping-", "") and "source label" not in h  # no bare field names
    assert "record id <code>2024-04-ko-01</code>" in h  # the id stays, in small print
    assert "The Asia Business Daily" in h  # seed source named when source_url is None


def test_gap_when_no_witness(corpus):
    h = views.witness_view(corpus, "1961-ussr-dprk/6").html
    assert "Gap" in h and "UN Treaty Series" in h  # the clause's gap_leads
    assert 'class="xv-state"' not in h


def test_escaping(corpus):
    c, wid = evil_corpus(corpus)
    h = views.redline_view(c, "2024-04-en-01", wid).html + views.witness_view(c, "2024-dprk-russia/4").html
    assert "<script>window.__pwned" not in h and "<img src=x" not in h and "<b>Evil" not in h
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in h


def test_obligation_matrix_cells_quote_witnesses(corpus):
    h = views.obligation_matrix(corpus, "mutual-assistance").html
    assert "<code>2024-04-ru-01</code>" in h and "незамедлительно" in h
    assert "not in held text" in h and "none stated" in h
    assert h.count("<tr>") == 1 + len(corpus.families["mutual-assistance"].clauses)


def test_redline_marks_kinds_with_text_not_only_colour(corpus):
    w = corpus.witnesses
    h = views.redline(w["2024-04-ko-04"].text, w["2024-04-ko-01"].text, "ko").html
    assert '<ins class="k-orthographic"' in h and '<sup class="xv-tag">O</sup>' in h
    assert '<del class="k-translation"' in h and '<sup class="xv-tag">T</sup>' in h
    assert "How to read the redline" in h


def test_without_css_and_js_all_states_are_in_document_order(corpus):
    h = views.version_view(corpus, "consultation-on-threat").html
    stripped = re.sub(r"<(style|script)>.*?</\1>", "", h, flags=re.S)
    labels = re.findall(r'<div class="xv-state"[^>]*><h\d>([^<]+)</h\d>', stripped)
    assert len(labels) >= 5
    assert 'class="xv-controls" hidden' in stripped  # useless buttons hidden without JS
    assert "@media print" in h


def test_version_view_writes_language_independent_parts_once(corpus):
    h = views.version_view(corpus, "mutual-assistance").html
    fam = corpus.families["mutual-assistance"]
    for lk in corpus.links_of("mutual-assistance"):
        assert h.count(views.e(lk.reason)) == 1, lk.reason  # each link's reason once, at the top
    assert h.count("What changes from this clause to") == len(fam.clauses) - 1
    assert h.count('class="xv-part"') == len(fam.clauses)
    # a part precedes its language states, whose headings sit one level deeper
    i = h.index('data-xv-part="1961-ussr-dprk"')
    assert h.index('data-xv-key="1961-ussr-dprk/en"') > i
    assert "<h3>USSR–DPRK treaty (1961) Art. 1 para 2</h3>" in h
    assert "<h4>USSR–DPRK treaty (1961) Art. 1 para 2 — English</h4>" in h
    assert "<h3>All clauses side by side — English</h3>" in h


def test_witness_view_shared_note_written_once(corpus):
    h = views.witness_view(corpus, "2024-dprk-russia/4").html
    shared = "Korean is an authentic language of the treaty; this is a press quotation of KCNA"
    assert h.count(views.e(shared)) == 1
    ko = corpus.witnesses_of("2024-dprk-russia/4", language="ko")
    n = sum(w.note.startswith(shared) for w in ko)
    label = f"Curator's note common to {n} of the {len(ko)} Korean witnesses"
    assert f"<summary>{views.e(label)}</summary>" in h
    assert h.count("[Begins with the common note above.]") == n
    assert "Shared note" not in h and "written once here" not in h
    # the rest of each note is kept
    assert views.e("Gloss '(북한)' inserted and DPRK '로씨야련방' REPLACED") in h


def test_curator_notes_are_folded(corpus):
    h = views.witness_view(corpus, "2000-russia-dprk/2").html
    note = corpus.witnesses["2000-02-ko-01"].note
    assert views.e(note) in h
    i = h.index(views.e(note))
    opened = h.rfind("<details", 0, i)
    assert opened != -1 and h.rfind("</details>", 0, i) < opened  # the note sits inside a <details>
    assert "<summary>" + views.e("Curator's note") + "</summary>" in h[opened:i]
    assert "Note:" not in h
    assert "details::details-content{content-visibility:visible" in h  # printed open even outside the site


def test_source_article_labels_in_site_style():
    assert views.article_label("1.2") == "Art. 1 para 2"
    assert views.article_label("II") == "Art. II"
    assert views.article_label("Article 4 | KCNA paragraph 5") == "Art. 4; KCNA paragraph 5"
    assert views.article_label("Article 1 | KCNA paragraph 1; article number inferred") == "Art. 1; KCNA paragraph 1"


def test_inferred_article_number_is_not_credited_to_the_source(corpus):
    w = corpus.witnesses["2000-02-ko-01"]
    text = views.mapping_words(corpus, w)
    assert "worked out by us" in text and "filed under Art. 2" in text and "source numbers it" not in text


HEADING = re.compile(r"<(h[1-6]|summary|caption)\b[^>]*>(.*?)</\1>", re.S)


def test_no_raw_clause_id_in_headings_summaries_or_titles(corpus):
    html_all = "".join(
        v.html
        for fid in corpus.families
        for v in views.all_views(corpus, fid)
        + [views.change_summary_view(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4")]
        + [views.redline_view(corpus, "2024-04-ko-04", "2024-04-ko-06")]
        + [views.redline_view(corpus, "2000-02-ko-01", "2024-04-ko-01")]
    )
    texts = [m.group(2) for m in HEADING.finditer(html_all)]
    texts += re.findall(r'aria-label="([^"]*)"', html_all)
    assert len(texts) > 100
    ids = set(corpus.clauses) | set(corpus.witnesses)
    bad = [t for t in texts if any(i in t for i in ids)]
    assert bad == []
    s = views.change_summary_view(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4").html
    assert "What changes: USSR–DPRK treaty (1961) Art. 1 para 2 → DPRK–Russia treaty (2024) Art. 4" in s


def test_replaced_runs_are_kept_apart(corpus):
    w = corpus.witnesses
    h = views.redline(w["2024-04-en-01"].text, w["2024-04-en-12"].text, "en").html
    assert re.search(r"</del><span class=\"xv-sep\" aria-hidden=\"true\"> → </span><ins", h)
    assert "</del><ins" not in h


def test_fragment_redline_is_not_drawn_word_by_word(corpus):
    h = views.version_view(corpus, "mutual-assistance").html
    state = h.split('data-xv-key="2000-russia-dprk/ko"', 1)[1].split('class="xv-state"', 1)[0]
    assert "No word-by-word comparison." in state and "is a fragment of 3 words" in state
    # the reference Korean text is Pressian's gloss-free copy (review m6), not News1's glossed one
    assert "32 words of the Korean text of DPRK–Russia treaty (2024) Art. 4" in state
    assert "<del" not in state and "<ins" not in state and "version change" not in state
    assert "table class='xv-pair'" in state and views.e(corpus.witnesses["2024-04-ko-04"].text) in state
    # a complete pair still gets its redline and counts
    state = h.split('data-xv-key="1961-ussr-dprk/ko"', 1)[1].split('class="xv-state"', 1)[0]
    assert "<del" in state and "version change" in state and "No word-by-word" not in state


def test_truncated_rendering_compared_with_the_stretch_it_covers(corpus):
    h = views.redline_view(corpus, "2024-04-ko-01", "2024-04-ko-13").html
    assert "Text B is truncated (30 words), so it is compared only with the stretch of text A it covers" in h
    assert "[not compared, outside the truncated text: 및 기타 원조를 제공한다]" in h
    # what the fragment leaves out at the end is not counted as a difference
    red = h.split('class="xv-redline"', 1)[1].split("</p>", 1)[0]
    assert "원조를" not in red.replace("[not compared, outside the truncated text: 및 기타 원조를 제공한다]", "")


def test_change_summary_of_a_fragment_has_no_counts(corpus):
    from explainer.align import change_summary

    s = " ".join(change_summary(corpus, "2000-russia-dprk/2", "2024-dprk-russia/4").sentences)
    assert "Only a fragment of 3 words of Russia–DPRK treaty (2000) Art. 2" in s
    assert "wording change" not in s and "Only in" not in s


def test_side_by_side_link_column_is_narrow(corpus):
    h = views.version_view(corpus, "mutual-assistance").html
    assert "<colgroup><col class='xv-c1'><col class='xv-c2'><col></colgroup>" in h
    assert ".xv-c2{width:7.5em}" in h
    assert "<th scope='col'>Link</th>" in h


def test_difference_list_counts_spacing_and_names_truncation(corpus):
    h = views.witness_view(corpus, "2024-dprk-russia/4").html
    state = h.split('data-xv-key="2024-04-ko-13"', 1)[1].split('class="xv-state"', 1)[0]
    assert "(space)" not in state and re.search(r"\d+ differences? of spacing only", state)
    assert "The excerpt is truncated here" in state and "군사적 및 기타 원조를 제공한다" in state
    assert '<del class="k-translation">쌍방' in state  # the omitted opening words are still a real change


def test_redlines_between_translators_never_claim_a_version_change(corpus):
    """M6: the page says a difference between two translators' texts of two treaties may be the translators';
    no V mark, a V/T mark and the caveat instead. Authentic pairs keep their V marks."""
    h = views.redline_view(corpus, "1961su-1.2-ru-01", "2024-04-ru-01").html
    red = h.split('class="xv-redline"', 1)[1].split("</p>", 1)[0]
    assert 'class="k-version-or-translation"' in red and 'class="k-version"' not in red
    assert "<sup class=\"xv-tag\">V/T</sup>" in red and "<sup class=\"xv-tag\">V</sup>" not in red
    assert "Translators, not treaties?" in h and "version change" not in h.split("How to read")[0]
    assert re.search(r"\d+ differences? that may be the treaties' or the translators'", h)
    v = views.version_view(corpus, "mutual-assistance").html
    en = v.split('data-xv-key="1961-ussr-dprk/en"', 1)[1].split('class="xv-state"', 1)[0]
    assert "Translators, not treaties?" in en and 'class="k-version"' not in en
    ko = v.split('data-xv-key="1961-ussr-dprk/ko"', 1)[1].split('class="xv-state"', 1)[0]
    assert 'class="k-version"' in ko and "Translators, not treaties?" not in ko
    assert "V/T" in views.legend()

"""Curated clause links (data/links.jsonl): interpretations say so and carry evidence on both sides; pairings
follow the texts (review 2026-11 findings U1, U6, M12, m10, m11)."""

from __future__ import annotations

import re

from explainer import views
from explainer.align import change_summary, link_between


def _link(corpus, a, b):
    lk = link_between(corpus, a, b)
    assert lk is not None, (a, b)
    return lk


def test_narrowed_is_flagged_as_interpretation_with_evidence_on_both_sides(corpus):
    """U1: 'narrowed' (1961 → 2024) was stated as a classification; Putin's «все то же самое было» against it
    was never shown."""
    lk = _link(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4")
    assert lk.type == "narrowed" and lk.interpretation
    assert (
        "RU-2024-06-20-01" in lk.evidence_against
        and "все то же самое было" in corpus.statements["RU-2024-06-20-01"].text
    )
    assert "SD-KR-2024-06-20-01" in lk.evidence_for
    assert lk.reason.startswith("Our reading, disputed")
    html = views.version_view(corpus, "mutual-assistance").html
    item = re.search(r"<li><strong>narrowed</strong>(.*?)</details></li>", html, re.S).group(1)
    assert "our interpretation, not something the wording shows by itself" in item
    n_for, n_against = len(lk.evidence_for), len(lk.evidence_against)
    assert f"Evidence on both sides ({n_for} for this reading, {n_against} against)" in item
    against = item.split("Against “narrowed”")[1]
    assert views.e(corpus.statements["RU-2024-06-20-01"].text) in against
    assert "(our interpretation)" in html  # the side-by-side table's link column says so too
    s = change_summary(corpus, "1961-ussr-dprk/1.2", "2024-dprk-russia/4").sentences[0]
    assert s.startswith("Link (narrowed, our interpretation: evidence for it SD-KR-2024-06-20-01")
    assert "against it RU-2024-06-20-01" in s
    # every interpretation in the data has both sides (validate enforces it; this pins the data)
    assert all(x.evidence_for and x.evidence_against for x in corpus.links if x.interpretation)


def test_general_consultation_pairs_with_article_2_not_3_2(corpus):
    """U6: 1961 Art. 3 (consult on all important international questions) was paired with 2024 Art. 3 para 2
    (a channel against a direct threat) and called 'narrowed'."""
    assert link_between(corpus, "1961-ussr-dprk/3", "2024-dprk-russia/3.2") is None
    lk = _link(corpus, "1961-ussr-dprk/3", "2024-dprk-russia/2")
    assert lk.type == "carried over"
    for quoted in re.findall(r"'([^']+)'", lk.reason):  # the quoted words are in the witnesses
        assert any(quoted in w.text for w in corpus.witnesses.values()), quoted


def test_no_hostile_alliances_reason_follows_the_held_2024_fragments(corpus):
    """U6: the reason said both articles bar 'alliances'; the held 2024 Art. 5 fragments speak of agreements
    with third states and such activities."""
    lk = _link(corpus, "1961-ussr-dprk/2", "2024-dprk-russia/5")
    held = " ".join(w.text for w in corpus.witnesses_of("2024-dprk-russia/5"))
    assert "alliance" not in held.lower()
    assert "agreements with third states" in held and "agreements with third states" in lk.reason
    assert "do not use the word alliance" in lk.reason


def test_page_shows_the_carried_over_consultation_beside_widened(corpus):
    """M12: page 02 showed only '2000 Art. 2 → 2024 Art. 4 widened'; the data's '2000 Art. 2 → 2024 Art. 3
    para 2 carried over' (the 2024 treaty keeps the duty to talk) was shown on no page."""
    html = views.version_view(corpus, "mutual-assistance").html
    links = html.split("<ul class='xv-links'>", 1)[1].split("</ul></li></ul>", 1)[0]
    widened = links.index("<strong>widened</strong>")
    carried = links.index(
        "<strong>carried over</strong> (Consultation: in general, and when a threat arises): "
        "Russia–DPRK treaty (2000) Art. 2 → DPRK–Russia treaty (2024) Art. 3 para 2"
    )
    assert widened < carried
    assert "Art. 3 para 2" in _link(corpus, "2000-russia-dprk/2", "2024-dprk-russia/4").reason


def test_2000_trigger_variants_are_shown(corpus):
    """m10: the 2000 treaty's reported trigger varies between sources; Dong-A's 'when attacked' and Chosun's
    unconfirmed joint military measures are named, and Dong-A's wording is coded in the matrix."""
    lk = _link(corpus, "1961-ussr-dprk/1.2", "2000-russia-dprk/2")
    assert (
        "2000-02-ko-03" in lk.reason and "Chosun" in lk.reason and "confirmed by no other source" in lk.reason
    )
    rows = [
        r
        for r in corpus.table("obligations")
        if r["clause"] == "2000-russia-dprk/2" and r["dimension"] == "trigger"
    ]
    assert {r["witness"] for r in rows} >= {"2000-02-ja-01", "2000-02-ko-03"}
    dong_a = next(r for r in rows if r["witness"] == "2000-02-ko-03")
    assert (
        dong_a["quote"] == "어느 한쪽이 침략을 받을 경우"
        and dong_a["quote"] in corpus.witnesses["2000-02-ko-03"].text
    )
    html = views.obligation_matrix(corpus).html
    assert "어느 한쪽이 침략을 받을 경우" in html


def test_prc_treaty_link_says_only_what_the_record_holds(corpus):
    """m11: the PRC–DPRK treaty's link is stated against our treaty record (no end date), not as 'in force'."""
    t = corpus.treaties["1961-prc-dprk"]
    lk = _link(corpus, "1961-prc-dprk/2", "2024-dprk-russia/4")
    assert t.end_date is None and "Our treaty record gives it no end date" in lk.reason
    assert "still in force" not in lk.reason
    assert "similar article" in corpus.statements["RU-2024-06-27-01"].text and "RU-2024-06-27-01" in lk.reason


def test_nato_conditions_include_reporting_and_termination_like_article_51(corpus):
    """m3: NATO's conditions were coded as Art. 51 self-defence only, although the witness quotes Art. 5's own
    reporting and termination sentences; Art. 51 is coded with reporting as its condition."""
    rows = [
        r
        for r in corpus.table("obligations")
        if r["clause"] == "1949-nato/5" and r["dimension"] == "conditions"
    ]
    text = corpus.witnesses["1949-5-en-01"].text
    assert all(r["quote"] in text for r in rows)
    quotes = " ".join(r["quote"] for r in rows)
    assert "reported to the Security Council" in quotes and "shall be terminated" in quotes
    un = [
        r
        for r in corpus.table("obligations")
        if r["clause"] == "un-charter/51" and r["dimension"] == "conditions"
    ]
    assert any("reported to the Security Council" in r["quote"] for r in un)
    html = views.obligation_matrix(corpus).html
    nato = re.search(r"<th scope='row'>North Atlantic[^<]*</th>(.*?)</tr>", html, re.S).group(1)
    assert nato.count("<li>") >= 6 and "Such measures shall be terminated" in nato


def test_matrix_says_its_dimensions_are_ours(corpus):
    """U7: the page credited the four dimensions to 'lawyers who code alliance treaties (ATOP)'; ATOP is a
    political-science dataset and timing is not one of its dimensions."""
    import json
    from pathlib import Path

    html = views.obligation_matrix(corpus).html
    assert "The four dimensions (trigger, obligation, timing, conditions) are our own choice" in html
    nb = json.loads(
        (Path(__file__).parent.parent / "notebooks" / "02-article-4.ipynb").read_text(encoding="utf-8")
    )
    prose = " ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert "Lawyers who code" not in prose and "ATOP" in prose
    atop = prose[prose.index("ATOP") - 300 : prose.index("ATOP") + 400]
    assert "political scien" in atop.lower() and "Leeds" in atop and "our own" in atop


def test_evidence_counts_sayings_not_renderings(corpus):
    """W3's lesson applied to the links: two records of one saying (a quotation and its translation) never count
    as two pieces of evidence."""
    from explainer.sayings import sayings_of

    sayings = sayings_of(corpus)
    for lk in corpus.links:
        ids = [i for i in (*lk.evidence_for, *lk.evidence_against) if i in corpus.statements]
        keys = [sayings[i].id if i in sayings else i for i in ids]
        assert len(keys) == len(set(keys)), (lk.source, lk.target, ids)
    # Putin's Hanoi answer is one saying in Russian and English; the Russian original stands for it
    assert sayings["RU-2024-06-20-01"].id == sayings["RU-2024-06-20-02"].id

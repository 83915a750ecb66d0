"""The timeline component: every event with its date, support snippet, source link and note; escaping;
deterministic output; periods in order."""

from __future__ import annotations

import dataclasses
import re

from explainer.pages import esc
from explainer.timeline import BACKGROUND, PERIODS, claim_sentence, date_key, timeline, timeline_events


def test_every_event_is_rendered_with_its_source_link(corpus):
    html = timeline(corpus)._repr_html_()
    assert len(corpus.events) >= 30
    for e in corpus.events:
        item = re.search(rf"<li id='{re.escape(esc(e.id))}'>(.*?)</li>", html, re.S)
        assert item, e.id
        body = item.group(1)
        assert f"datetime='{e.date}'" in body
        assert f'<a href="{esc(e.source_url)}">{esc(e.publisher)}</a>' in body
        assert esc(e.support) in body
        if e.note:
            assert esc(e.note) in body, f"{e.id}: the note (e.g. a date dispute) must be shown"
    assert f"{len(corpus.events)} events" in html


def test_order_and_periods(corpus):
    html = timeline(corpus)._repr_html_()
    dates = re.findall(r"datetime='([^']+)'", html)
    assert dates == sorted(dates, key=date_key) and len(dates) == len(corpus.events)
    heads = re.findall(r"<h3>([^<]+)</h3>", html)
    assert heads == [esc(p[0]) for p in PERIODS]  # the data spans every period, shown in order
    # the key moments the brief names are all there
    for needle in (
        "1961-07-06",
        "1996-09-10",
        "2000-02-09",
        "2024-06-19",
        "2024-10-24",
        "2024-12-04",
        "2025-04-28",
    ):
        assert f"datetime='{needle}'" in html


def test_markup_in_events_is_escaped(corpus):
    evil = "<script>alert(1)</script>"
    evs = [
        dataclasses.replace(
            e, event=evil, support=evil, note=evil, publisher=evil, source_url="javascript:alert(2)"
        )
        if i == 0
        else e
        for i, e in enumerate(corpus.events)
    ]
    html = timeline(dataclasses.replace(corpus, events=evs))._repr_html_()
    assert "<script>" not in html and "javascript:" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 4


def test_deterministic_and_filtered(corpus):
    a, b = timeline(corpus)._repr_html_(), timeline(corpus)._repr_html_()
    assert a == b
    shuffled = dataclasses.replace(corpus, events=list(reversed(corpus.events)))
    assert timeline(shuffled)._repr_html_() == a, "input order must not change the output"
    only = timeline_events(corpus, treaty="2000-russia-dprk")
    assert only and all(e.treaty == "2000-russia-dprk" for e in only)
    since = timeline_events(corpus, since="2025")
    assert since and all(e.date >= "2025" for e in since)
    sub = timeline(corpus, since="2025", level=4, title="Since 2025")._repr_html_()
    assert "<h4>Since 2025</h4>" in sub and "<h5>" in sub and "datetime='2024-06-19'" not in sub
    assert timeline(corpus)._repr_html_() != sub


def test_month_only_dates_come_after_the_dated_events_of_that_month(corpus):
    """Issue 2: 'July 2000 — Federation Council approves' came before '19 July 2000 — State Duma ratifies'."""
    assert date_key("2000-07") > date_key("2000-07-31") > date_key("2000-07-19") > date_key("2000-06")
    assert date_key("2000-07") < date_key("2000-08-01") and date_key("2000") > date_key("2000-12-31")
    ids = [e.id for e in timeline_events(corpus)]
    assert ids.index("ev-2000-07-19-1") < ids.index("ev-2000-07-1") < ids.index("ev-2000-08-1")
    html = timeline(corpus)._repr_html_()
    assert html.index("id='ev-2000-07-19-1'") < html.index("id='ev-2000-07-1'")
    month_only = re.search(r"<li id='ev-2000-07-1'><p class='tl-head'>(.*?)</p>", html).group(1)
    assert month_only.startswith("<time datetime='2000-07'>July 2000</time> <span class='tl-partial'>(day not given)")
    dated = re.search(r"<li id='ev-2000-07-19-1'><p class='tl-head'>(.*?)</p>", html).group(1)
    assert "19 July 2000</time>" in dated and "not given" not in dated
    assert "comes after that month's dated events" in html


def _tag(html: str, event_id: str) -> str:
    head = re.search(rf"<li id='{event_id}'><p class='tl-head'>(.*?)</p>", html).group(1)
    return re.search(r"<span class='tl-treaty'>\[(.*?)\]</span>", head).group(1)


def test_treaty_tags_match_what_the_event_is_about(corpus):
    """Issue 2: the Kremlin's 17 June 2024 announcement of the new treaty was tagged with the 1961 treaty, and
    events naming no treaty showed no tag. Every entry now shows a tag; background events say so."""
    ev = {e.id: e for e in corpus.events}
    assert ev["ev-2024-06-17-1"].treaty == "2024-dprk-russia"
    html = timeline(corpus)._repr_html_()
    assert _tag(html, "ev-2024-06-17-1") == esc(corpus.treaties["2024-dprk-russia"].short_title)
    assert _tag(html, "ev-2019-04-1") == esc(BACKGROUND)
    assert html.count("class='tl-treaty'") == len(corpus.events)
    # a tag is a claim: the 1961 treaty's tag only on events about the 1961 treaty (or its lapse), and never on
    # an event after the 2000 treaty replaced it
    assert all(e.date < "1997" for e in corpus.events if e.treaty == "1961-ussr-dprk")
    # an event tagged with the 2024 treaty names it (or its ratification) in its label, quote or note
    for e in corpus.events:
        if e.treaty == "2024-dprk-russia" and not e.claimed_by:  # claims: see the test below
            said = " ".join((e.event, e.support, e.note)).lower()
            assert any(w in said for w in ("treaty", "ratif", "article 4", "договор", "조약", "statements.jsonl")), e.id
    untagged = {e.id for e in corpus.events if e.treaty is None}
    assert {"ev-2019-04-1", "ev-2023-09-13-1", "ev-2025-10-10-1"} <= untagged


def test_october_2024_troop_reports_are_claims_shown_before_entry_into_force(corpus):
    """M7 (review 2026-11): the timeline never said that troops were reported sent in October 2024, before the
    treaty entered into force. The reports are shown as claims by South Korean intelligence, relayed by news
    agencies (from the records' claimed_by / relayed_by), placed before entry into force, with the gap in days
    computed from the data."""
    html = timeline(corpus)._repr_html_()
    ev = {e.id: e for e in corpus.events}
    in_force = corpus.treaties["2024-dprk-russia"].in_force_date
    assert in_force == "2024-12-04"
    for eid, days in (("ev-2024-10-18-1", 47), ("ev-2024-10-23-1", 42)):
        e = ev[eid]
        assert e.date < in_force
        assert html.index(f"id='{eid}'") < html.index("id='ev-2024-12-04-1'") < html.index("id='ev-2025-04-28-1'")
        item = re.search(rf"<li id='{eid}'>(.*?)</li>", html, re.S).group(1)
        claim = re.search(r"<p class='tl-claim'>(.*?)</p>", item, re.S).group(1)
        assert claim.startswith("<strong>Reported claim.</strong> A claim by South Korea")
        assert esc(e.claimed_by) in claim and all(esc(r) in claim for r in e.relayed_by)
        assert f"Reported {days} days before the" in claim and "4 December 2024" in claim
    assert "AFP" in ev["ev-2024-10-18-1"].relayed_by and "Associated Press" in ev["ev-2024-10-23-1"].relayed_by
    # an acknowledged event is not dressed as a claim
    assert claim_sentence(corpus, ev["ev-2025-04-28-1"]) == ""
    assert html.count("class='tl-claim'") == sum(1 for e in corpus.events if e.claimed_by) == 2

"""The timeline component: every event with its date, support snippet, source link and note; escaping;
deterministic output; periods in order."""

from __future__ import annotations

import dataclasses
import re

from explainer.pages import esc
from explainer.timeline import PERIODS, timeline, timeline_events


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
    assert dates == sorted(dates)
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

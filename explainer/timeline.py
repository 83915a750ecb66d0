"""The timeline component: every record of ``data/events.jsonl`` in date order, grouped into periods, each
with its date, what happened, the verbatim snippet that supports it, the source link and the curator's
note (where sources disagree on a date, the note says so and the timeline shows it).

Readable without CSS: an ordered list per period, with a heading at the level asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from .pages import Fragment, esc, format_date, guess_lang, heading, link
from .records import Corpus, Event

__all__ = ["PERIODS", "claim_sentence", "date_key", "days_between", "timeline", "timeline_events"]

#: Periods of the story (our own labels): (label, first date, last date), inclusive, ISO prefixes compared.
PERIODS: tuple[tuple[str, str, str], ...] = (
    ("1961: two Cold War alliance treaties", "0000", "1989-12-31"),
    ("1990–1996: the 1961 treaty lapses", "1990", "1996-12-31"),
    ("1997–2001: a new treaty without automatic military aid", "1997", "2018-12-31"),
    ("2019–2024: summits and the 2024 treaty", "2019", "2024-12-31"),
    ("2025 onward: Article 4 invoked, and later meetings", "2025", "9999"),
)


#: The tag of an event that names no treaty (a summit, a visit): shown, so that a missing tag is never silent.
BACKGROUND = "background: the source names no treaty"


def timeline_events(
    corpus: Corpus, *, treaty: str | None = None, since: str | None = None, until: str | None = None
) -> list[Event]:
    """Events in date order (then id), optionally of one treaty and between two ISO dates (prefixes)."""
    evs = [
        e
        for e in corpus.events
        if (treaty is None or e.treaty == treaty)
        and (since is None or e.date >= since)
        and (until is None or e.date[: len(until)] <= until)
    ]
    return sorted(evs, key=lambda e: (date_key(e.date), e.id))


def date_key(date: str) -> str:
    """Sort key for an ISO date that may stop at the month or year: a date known only to the month sorts after
    the dated entries of that month (and a bare year after its dated entries), so that e.g. 'July 2000' does
    not appear to come before '19 July 2000'."""
    return date + "-99" * (2 - date.count("-"))


def _when(date: str) -> str:
    """The date as the data gives it, saying so when the source gives no day (never an invented day)."""
    missing = {1: "day not given", 0: "month and day not given"}.get(date.count("-"))
    hint = f" <span class='tl-partial'>({missing})</span>" if missing else ""
    return f"<time datetime='{esc(date)}'>{esc(format_date(date))}</time>{hint}"


def _period(date: str) -> int:
    for i, (_, start, end) in enumerate(PERIODS):
        if start <= date <= end or date.startswith(end):
            return i
    return len(PERIODS) - 1


def days_between(a: str, b: str) -> int:
    """Days from ISO date ``a`` to ISO date ``b`` (both YYYY-MM-DD)."""
    from datetime import date

    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def claim_sentence(corpus: Corpus, e: Event) -> str:
    """For a report that is a claim (``claimed_by``): whose claim it is, who relayed it and, when the event's
    treaty entered into force later, how long before that it was made. Empty for other events."""
    if not e.claimed_by:
        return ""
    out = f"A claim by {e.claimed_by}"
    if e.relayed_by:
        out += "; relayed by " + ", then ".join(e.relayed_by)
    out += "."
    t = corpus.treaties.get(e.treaty or "")
    if t and t.in_force_date and e.date.count("-") == 2 and t.in_force_date.count("-") == 2:
        n = days_between(e.date, t.in_force_date)
        if n > 0:
            out += (
                f" Reported {n} days before the {t.short_title} entered into force"
                f" ({format_date(t.in_force_date)})."
            )
    return out


def _event_html(corpus: Corpus, e: Event) -> str:
    treaty = corpus.treaties.get(e.treaty or "")
    tag = (
        f" <span class='tl-treaty'>[{esc(treaty.short_title)}]</span>"
        if treaty
        else f" <span class='tl-treaty'>[{esc(BACKGROUND)}]</span>"
    )
    note = f"<p class='tl-note'><strong>Note:</strong> {esc(e.note)}</p>" if e.note else ""
    claim = claim_sentence(corpus, e)
    claim_html = f"<p class='tl-claim'><strong>Reported claim.</strong> {esc(claim)}</p>" if claim else ""
    return (
        f"<li id='{esc(e.id)}'>"
        f"<p class='tl-head'>{_when(e.date)} — "
        f"{esc(e.event)}{tag}</p>{claim_html}"
        f"<blockquote lang='{guess_lang(e.support)}'>{esc(e.support)}</blockquote>"
        f"<p class='tl-src'>Source: {link(e.source_url, e.publisher)} <span class='xp-meta'>"
        f"(record <code>{esc(e.id)}</code>)</span></p>{note}</li>"
    )


_CSS = """
#ID ol.tl{list-style:none;margin:0 0 0 .4rem;padding:0 0 0 1.1rem;border-left:3px solid #7a7a7a}
#ID ol.tl>li{position:relative;margin:0 0 1rem}
#ID ol.tl>li::before{content:"";position:absolute;left:-1.55rem;top:.45rem;width:.7rem;height:.7rem;
 border-radius:50%;background:#fff;border:3px solid #333}
#ID .tl-head{margin:0;font-weight:600}
#ID time{font-variant-numeric:tabular-nums;white-space:nowrap}
#ID .tl-treaty,#ID .tl-partial{font-weight:400;font-size:.85em;color:#3d3d3d}
#ID .tl-src,#ID .tl-note{margin:.15rem 0;font-size:.9em}
#ID .tl-note{color:#3d3d3d}
#ID .tl-claim{margin:.15rem 0;padding:.1rem .5rem;border-left:3px dashed #8a4b00;background:#fff8ec}
@media print{#ID ol.tl>li{break-inside:avoid}}
"""


def timeline(
    corpus: Corpus,
    *,
    level: int = 2,
    title: str = "Timeline",
    treaty: str | None = None,
    since: str | None = None,
    until: str | None = None,
    periods: Sequence[tuple[str, str, str]] | None = None,
) -> Fragment:
    """A timeline of the events in the data, grouped by period, every entry with its source link.

    ``level`` is the heading level of the title; period headings are one level below.
    """
    evs = timeline_events(corpus, treaty=treaty, since=since, until=until)
    groups: dict[int, list[Event]] = {}
    for e in evs:
        groups.setdefault(_period(e.date), []).append(e)
    labels = periods or PERIODS
    body = heading(level, title)
    body += (
        f"<p class='xp-meta'>{len(evs)} events from <code>data/events.jsonl</code>, oldest first. Each quotes"
        " the words of its source that support it; notes flag sources that disagree. An event known only to the"
        " month comes after that month's dated events. The tag in brackets names the treaty the event concerns."
        "</p>"
    )
    for i in sorted(groups):
        body += heading(level + 1, labels[i][0] if i < len(labels) else "Other")
        body += "<ol class='tl'>" + "".join(_event_html(corpus, e) for e in groups[i]) + "</ol>"
    if not evs:
        body += "<p>No events match.</p>"
    return Fragment("timeline", body, _CSS)

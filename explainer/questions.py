"""Questions with the evidence the data holds, for reading and for class (``data/questions.jsonl``).

A question is ours; its evidence is quoted from the records, grouped under headings in our words, so that a
reader sees what each side says and what the texts and dates are, and weighs them. No answer is given. Facts
stated around the questions (dates, days between them, records found or not found) are computed from the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .pages import Fragment, _quote_html, esc, format_date, heading, lookup, paragraphs, pick
from .records import Corpus, Event, plural
from .timeline import claim_sentence, days_between

__all__ = ["deployment_dates", "evidence_questions", "mentions", "questions"]


def questions(corpus: Corpus, topic: str | None = None) -> list[dict]:
    """Rows of questions.jsonl (of one topic), in file order; every evidence id must resolve."""
    rows = [q for q in corpus.table("questions") if topic is None or q["topic"] == topic]
    for q in rows:
        for group in q["evidence"]:
            for ref in group["ids"]:
                try:
                    lookup(corpus, ref)
                except KeyError:
                    raise KeyError(f"questions.jsonl: question {q['id']!r} cites unknown record {ref!r}") from None
    return rows


def mentions(corpus: Corpus, patterns: Sequence[str]) -> list[str]:
    """Ids of statements and events whose text, event or support snippet contains one of ``patterns``
    (case-insensitive; inflected forms are listed in the data)."""
    rx = re.compile("|".join(re.escape(p) for p in patterns), re.IGNORECASE)
    hits = [s.id for s in corpus.statements.values() if rx.search(s.text) or rx.search(s.event or "")]
    hits += [e.id for e in corpus.events if rx.search(e.support) or rx.search(e.event)]
    return sorted(hits)


def deployment_dates(corpus: Corpus, treaty: str = "2024-dprk-russia") -> tuple[list[Event], str]:
    """The reports that are claims (``claimed_by``) about a treaty, its entry into force and the first events
    after it whose label says troops were acknowledged — in date order — and the sentence computed from them."""
    t = corpus.treaties[treaty]
    claims = sorted((e for e in corpus.events if e.claimed_by and e.treaty == treaty), key=lambda e: e.date)
    in_force = [e for e in corpus.events if e.treaty == treaty and e.date == t.in_force_date and "force" in e.event]
    acks = sorted(
        (e for e in corpus.events if e.treaty == treaty and "acknowledg" in e.event.lower()
         and t.in_force_date and e.date > t.in_force_date),
        key=lambda e: (e.date, e.id),
    )
    if not (claims and t.in_force_date and acks):
        return claims + in_force + acks, ""
    first, ack = claims[0], acks[0]
    sentence = (
        f"The first report in our data ({format_date(first.date)}) is a claim by {first.claimed_by}; it came "
        f"{days_between(first.date, t.in_force_date)} days before the {t.short_title} entered into force "
        f"({format_date(t.in_force_date)}) and {days_between(first.date, ack.date)} days before the first "
        f"acknowledgement by a party in our data ({format_date(ack.date)})."
    )
    return claims + in_force + acks, sentence


def _event_line(corpus: Corpus, e: Event) -> str:
    claim = claim_sentence(corpus, e)
    return (
        f"<li><time datetime='{esc(e.date)}'>{esc(format_date(e.date))}</time> — {esc(e.event)} "
        f"<span class='xp-meta'>(<code>{esc(e.id)}</code>)</span>"
        + (f"<br><span class='xp-meta'>{esc(claim)}</span>" if claim else "")
        + "</li>"
    )


def evidence_questions(
    corpus: Corpus,
    topic: str = "article-4-kursk",
    *,
    level: int = 3,
    ids: Sequence[str] | None = None,
    title: str | None = "Article 4 and the troops in Kursk: questions, with the evidence we hold",
    dates: bool = True,
) -> Fragment:
    """The questions of one topic, each with its evidence quoted from the data under our headings; with
    ``dates``, the computed dates first. ``ids`` picks and orders questions."""
    rows = questions(corpus, topic)
    if ids is not None:
        rows = pick(rows, ids, f"questions.jsonl: topic {topic!r} has no question")
    body = heading(level, title) if title else ""
    sub = level + 1 if title else level
    if dates:
        evs, sentence = deployment_dates(corpus)
        body += (
            "<p>What our data holds on the dates, oldest first:</p><ol class='xq-dates'>"
            + "".join(_event_line(corpus, e) for e in evs)
            + "</ol>"
            + (f"<p>{esc(sentence)}</p>" if sentence else "")
        )
    body += (
        "<p class='xp-meta'>The questions and headings are ours; everything in a quotation box is quoted from the "
        "records, with its source. We give no answer: the evidence is laid out for you to weigh.</p>"
    )
    for n, q in enumerate(rows, 1):
        body += heading(sub, f"{n}. {q['title']}", anchor=q["id"]) + paragraphs(q["question"])
        if q.get("background"):
            body += (
                "<p class='xq-bg'><strong>Background not from our data (general knowledge):</strong> "
                f"{esc(q['background'])}</p>"
            )
        if q.get("search"):
            hits = mentions(corpus, q["search"]["patterns"])
            label = q["search"]["label"]
            body += (
                f"<p>Records in our statements and events that mention {esc(label)}: "
                + (
                    f"{plural(len(hits), 'record')} ({', '.join(f'<code>{esc(h)}</code>' for h in hits)})."
                    if hits
                    else "none. That is an absence in what we collected, not evidence that nothing was said or "
                    "done."
                )
                + "</p>"
            )
        for group in q["evidence"]:
            body += f"<p class='xq-group'><strong>{esc(group['heading'])}</strong></p>"
            body += "".join(_quote_html(corpus, r) for r in group["ids"])
    css = (
        "#ID .xq-group{margin:.8rem 0 .2rem}#ID .xq-bg{border-left:3px dashed #8a4b00;background:#fff8ec;"
        "padding:.2rem .6rem}#ID .xq-dates li{margin:.15rem 0}"
    )
    return Fragment("questions", body, css)

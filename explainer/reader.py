"""The reader: one page per treaty (every part, every rendering we hold, every gap) and one page per clause
family. Generated from the data alone (``explainer.publish`` builds one page per treaty and per family).

Contract, as for :mod:`explainer.views`: every text from data is escaped; the page reads top to bottom without
CSS or JS; the witness switch of each part is a :func:`explainer.views._component` (precomputed states,
printing shows them all). Permalinks: ``#<treaty>/<article>`` is the part (an element with that id), and
``#<treaty>/<article>/<witness id>`` opens that witness in the part's switch.
"""

from __future__ import annotations

import hashlib

from .align import LANGUAGE_NAMES, LANGUAGE_ORDER, comparable_pair, family
from .articles import Citation, citations, is_gap, places
from .coverage import CODES, cell_text, coverage, holdings
from .records import Clause, Corpus, Witness, plural
from .views import (
    MAPPING_WORDS,
    View,
    _component,
    _outlet,
    all_views,
    clause_name,
    e,
    link_item,
    redline_view,
    witness_card,
)


def reader_href(treaty: str, clause: str | None = None) -> str:
    """Link to a treaty's reader page (and one of its parts)."""
    return f"reader-{treaty}.html" + (f"#{clause}" if clause else "")


def family_href(family_id: str) -> str:
    return f"family-{family_id}.html"


_CSS = """
#R{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:72em}
#R table{border-collapse:collapse;width:100%;table-layout:auto}
#R th,#R td{border:1px solid #999;padding:.2em .45em;text-align:left;vertical-align:top}
#R td.rd-c{font-family:ui-monospace,monospace;white-space:nowrap;width:1%}
#R .rd-part{border-top:3px solid #1f3b63;margin-top:1.6em;padding-top:.2em}
#R .rd-sub{font-size:.9em;color:#333}
#R .rd-gap{border:2px dashed #8a4b00;padding:.3em .7em;color:#4d2a00;background:#fff8ec;margin:.5em 0}
#R .rd-topic{border:1px dotted #555;padding:.3em .7em;margin:.5em 0;font-style:italic}
#R .rd-kwic mark{background:#fff1a8;color:#1a1a1a;font-weight:700}
#R a{color:#0b4f9c}
#R .rd-top{font-size:.85em}
#R .xv-controls [role=group]{display:grid;grid-template-columns:repeat(auto-fill,minmax(19em,1fr));gap:.25em .5em}
#R .xv-controls [role=group] button{font-size:.8em;text-align:left;padding:.1em .4em}
#R .xv-controls .xv-dl{grid-column:1/-1}
@media print{#R .rd-top{display:none}}
"""


def _wrap(kind: str, body: str) -> View:
    rid = f"rd-{kind}-" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:10]
    css = _CSS.replace("#R", "#" + rid).strip()
    return View(f'<section class="rd" id="{rid}"><style>{css}</style>{body}</section>')


def _languages(corpus: Corpus, treaty: str) -> list[str]:
    """The treaty's authentic languages first, then every other language of a witness we hold."""
    t = corpus.treaties[treaty]
    held = {w.language for w in corpus.witnesses.values() if w.treaty == treaty}
    auth = [x for x in t.authentic_languages if x in LANGUAGE_NAMES]
    return auth + [x for x in LANGUAGE_ORDER if x in held and x not in auth]


def _lname(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


# ------------------------------------------------------------------------------------------------------
# table of contents
# ------------------------------------------------------------------------------------------------------


def contents(corpus: Corpus, treaty: str, level: int = 2) -> str:
    langs = _languages(corpus, treaty)
    rows = coverage(corpus, treaty, languages=tuple(langs))
    h = holdings(corpus, treaty)
    t = corpus.treaties[treaty]
    head = "".join(f"<th scope='col'>{e(_lname(x))}{' (authentic)' if x in t.authentic_languages else ''}</th>"
                   for x in langs)
    body = []
    for r in rows:
        cl = corpus.clauses[r.clause]
        indent = "&#8195;" if cl.parent else ""
        cells = "".join(f"<td class='rd-c'>{e(cell_text(r, x))}</td>" for x in langs)
        body.append(
            f"<tr><th scope='row'>{indent}<a href='#{e(cl.id)}'>{e(cl.heading)}</a></th>"
            f"<td>{e(cl.label)}</td>{cells}</tr>"
        )
    key = "; ".join(f"{k} = {v}" for k, v in CODES.items())
    return (
        f"<h{level} id='{e(treaty)}/contents'>Contents: every part, and what we hold of it</h{level}>"
        f"<p>{plural(h.parts, 'part')} (preamble, articles and other parts as the treaty record lists them): "
        f"wording of some kind for {h.worded}, a complete text in an authentic language for "
        f"{h.complete_authentic}, no wording at all for {h.gaps}"
        + (f" (for {h.topic_only} of these a source names the topic)" if h.topic_only else "")
        + ".</p>"
        f"<table><caption class='rd-sub'>Each language cell: the best text held (letter), then how many of "
        f"the texts held in that language are that good, of how many. {e(key)}.</caption>"
        f"<thead><tr><th scope='col'>Part</th><th scope='col'>Our one-line label</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


# ------------------------------------------------------------------------------------------------------
# one part
# ------------------------------------------------------------------------------------------------------


def _full_label(corpus: Corpus, w: Witness) -> str:
    """Button label: language, outlet, date, complete or truncated, how the article number is known."""
    how = {"attested": "number given by the source", "inferred": "number inferred by us",
           "disputed": "number disputed"}.get(w.mapping, w.mapping)
    return (f"{w.language.upper()} · {w.status} · {_outlet(w)} · {w.published or 'no date'} · "
            f"{'complete' if w.complete else 'truncated'} · {how}")


def _best_state(corpus: Corpus, cl: Clause, ws: list[Witness], langs: list[str]) -> str:
    t = corpus.treaties[cl.treaty]
    items = []
    for lang in sorted({w.language for w in ws}, key=lambda x: (langs.index(x) if x in langs else 99, x)):
        best = next(w for w in ws if w.language == lang)
        kind = "authentic language" if lang in t.authentic_languages else "translation"
        items.append(f"<h5>{e(_lname(lang))} ({kind})</h5>{witness_card(corpus, best, notes=False)}")
    return (
        "<p class='rd-sub'>The best text we hold in each language: a text in an authentic language before a "
        "translation, a complete text before a truncated one, a quotation before reported speech, an "
        "article number given by the source before one we inferred, and a copy its outlet did not change "
        "(no inserted gloss, no substitution reported) before one it did.</p>" + "".join(items)
    )


def _witness_switch(corpus: Corpus, cl: Clause, ws: list[Witness], langs: list[str], level: int) -> str:
    # grouped by language (authentic languages first), best first within a language
    ws = sorted(ws, key=lambda w: langs.index(w.language) if w.language in langs else len(langs))
    states = [("best", "Best text in each language", _best_state(corpus, cl, ws, langs))]
    buttons = [("best", "Best in each language")]
    for w in ws:
        lbl = _full_label(corpus, w)
        states.append((w.id, lbl, witness_card(corpus, w)))
        buttons.append((w.id, lbl))
    title = f"{clause_name(corpus, cl.id)}: the texts we hold ({plural(len(ws), 'witness', 'witnesses')})"
    return _component(cl.id, title, level, "", [("Text", buttons)], states).html


def _topic_known(corpus: Corpus, cl: Clause) -> str:
    labels = [w for w in corpus.witnesses_of(cl.id, labels=True) if not w.is_wording]
    if not labels:
        return ""
    items = "".join(
        f"<li><span class='rd-topic-words' lang='{e(w.language)}'>{e(w.text)}</span> — {e(w.rendered_by)}, "
        f"{e(w.published or 'date not given')}"
        + (f", <a href='{e(w.source_url)}'>source</a>" if w.source_url and w.source_url.startswith("http") else "")
        + f" <span class='rd-sub'>({e(MAPPING_WORDS.get(w.mapping, w.mapping))}; record id <code>{e(w.id)}</code>)"
        "</span></li>"
        for w in labels
    )
    return (
        "<div class='rd-topic' role='note'><p><strong>What is known of its topic.</strong> A source names what "
        "this part is about in a few words of its own: a condensed label, not the wording of the treaty.</p>"
        f"<ul>{items}</ul></div>"
    )


def _gap(corpus: Corpus, cl: Clause) -> str:
    leads = "".join(f"<li>{e(g)}</li>" for g in cl.gap_leads)
    return (
        "<div class='rd-gap' role='note'><p><strong>Gap: no wording of this part is held</strong>, in any "
        "language.</p>" + (f"<p>Where the full text may be found:</p><ul>{leads}</ul>" if leads else
                            "<p>No lead to a full text has been recorded.</p>") + "</div>"
    )


def _place(corpus: Corpus, cl: Clause) -> str:
    out = []
    for p in places(corpus, cl.id):
        via = "" if p.member == cl.id else f" (as {e(clause_name(corpus, p.member))})"
        links = "".join(link_item(corpus, lk, clause=_clause_link) for lk in p.links)
        linked = {x for lk in p.links for x in (lk.source, lk.target)}
        others = [c for c in p.others if c not in linked]
        more = (
            "<li>Also in the family (no direct link recorded): "
            + ", ".join(_clause_link(corpus, c) for c in others) + "</li>"
            if others else ""
        )
        out.append(
            f"<li>Family <a href='{e(family_href(p.family.id))}'>{e(p.family.label)}</a>{via}"
            f"<ul>{links or '<li>No link of this clause is recorded.</li>'}{more}</ul></li>"
        )
    if not out:
        return "<p>This part is in none of our clause families (no counterpart in other treaties is recorded).</p>"
    return "<ul>" + "".join(out) + "</ul>"


def _clause_link(corpus: Corpus, cid: str) -> str:
    cl = corpus.clauses.get(cid)
    if cl is None:
        return e(cid)
    return f"<a href='{e(reader_href(cl.treaty, cid))}'>{e(clause_name(corpus, cid))}</a>"


def _kwic(c: Citation, width: int = 110) -> str:
    s = c.statement
    a, b = max(0, c.start - width), min(len(s.text), c.end + width)
    left = ("…" if a else "") + s.text[a:c.start]
    right = s.text[c.end:b] + ("…" if b < len(s.text) else "")
    src = (f"<a href='{e(s.source_url)}'>source</a>" if s.source_url and s.source_url.startswith("http")
           else e(s.source or ""))
    return (
        f"<li class='rd-kwic'><p lang='{e(s.language)}'>{e(left)}<mark>{e(s.text[c.start:c.end])}</mark>{e(right)}</p>"
        f"<p class='rd-sub'>{e(s.speaker)} ({e(s.side)}), {e(s.date)}, {e(s.translator_or_publisher)}"
        f"{' (translation)' if s.is_translation else ''} · {src} · record id <code>{e(s.id)}</code></p></li>"
    )


def _obligations(corpus: Corpus, cl: Clause) -> str:
    rows = [r for r in corpus.table("obligations") if r["clause"] == cl.id]
    if not rows:
        return ""
    body = "".join(
        f"<tr><th scope='row'>{e(r['dimension'])}</th><td>{e(r['value'])}</td><td>{e(r['status'])}</td>"
        f"<td>{(chr(8220) + e(r['quote']) + chr(8221)) if r['quote'] else '—'}</td>"
        f"<td><code>{e(r['witness'] or '—')}</code></td></tr>"
        for r in rows
    )
    return (
        "<table><caption class='rd-sub'>Our coding (our words) and the exact words of the witness it rests "
        "on.</caption><thead><tr><th scope='col'>Dimension</th><th scope='col'>Coding</th>"
        "<th scope='col'>Status</th><th scope='col'>Words</th><th scope='col'>Witness</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def part(corpus: Corpus, cl: Clause, langs: list[str], cited: dict[str, list[Citation]], level: int = 2) -> str:
    """One part of a treaty: label, texts (or the gap), place across treaties, citations, coding."""
    h, h2 = f"h{level}", f"h{level + 1}"
    ws = corpus.witnesses_of(cl.id, include_parent=False)
    out = [f"<article class='rd-part' id='{e(cl.id)}' aria-labelledby='{e(cl.id)}/h'>"
           f"<{h} id='{e(cl.id)}/h'>{e(cl.heading)}: {e(cl.label)}</{h}>"]
    kids = corpus.children(cl.id)
    if cl.parent:
        out.append(f"<p class='rd-sub'>A paragraph of <a href='#{e(cl.parent)}'>"
                   f"{e(corpus.clauses[cl.parent].heading)}</a>.</p>")
    if kids:
        out.append("<p class='rd-sub'>Paragraphs: " + ", ".join(
            f"<a href='#{e(k.id)}'>{e(k.heading)}</a>" for k in kids) + ".</p>")
    if ws:
        out.append(_witness_switch(corpus, cl, ws, langs, level + 1))
    elif is_gap(corpus, cl):
        out.append(_gap(corpus, cl))
    elif cl.parent:
        out.append(f"<p>No text is filed under this paragraph alone: the texts of the whole "
                   f"<a href='#{e(cl.parent)}'>{e(corpus.clauses[cl.parent].heading)}</a> include it.</p>")
    else:
        out.append("<p>No text is filed under the whole article: its paragraphs are held one by one below.</p>")
    out.append(_topic_known(corpus, cl))
    out.append(f"<{h2}>Across treaties</{h2}>{_place(corpus, cl)}")
    cites = cited.get(cl.article, []) if cl.article.isdigit() else []
    if cites:
        out.append(f"<{h2}>Officials citing {e(cl.heading)}</{h2}><p class='rd-sub'>"
                   f"{plural(len(cites), 'statement')} that name the article by its number, in context.</p>"
                   f"<ul>{''.join(_kwic(c) for c in cites)}</ul>")
    ob = _obligations(corpus, cl)
    if ob:
        out.append(f"<{h2}>Obligation coding</{h2}>{ob}")
    out.append(f"<p class='rd-top'><a href='#{e(cl.treaty)}/contents'>Back to the contents</a></p></article>")
    return "".join(out)


def reader_page(corpus: Corpus, treaty: str, level: int = 2) -> View:
    """A treaty as a document: the facts, a table of contents with coverage, then every part in order."""
    if treaty not in corpus.treaties:
        raise KeyError(f"unknown treaty {treaty!r}; known: {', '.join(sorted(corpus.treaties))}")
    t = corpus.treaties[treaty]
    langs = _languages(corpus, treaty)
    cited = citations(corpus, treaty)
    facts = (
        f"<p>{e(t.title)}. Parties: {e(' · '.join(t.parties))}. Signed {e(t.signed_date or 'date not recorded')}"
        + (f" in {e(t.signed_place)}" if t.signed_place else "")
        + (f"; in force from {e(t.in_force_date)}" if t.in_force_date else "")
        + (f"; ended {e(t.end_date)}" if t.end_date else "")
        + ". Authentic languages: "
        + (e(", ".join(_lname(x) for x in t.authentic_languages)) or "not recorded")
        + ".</p>"
        + (f"<p class='rd-sub'>Curator's note on the record: {e(t.note)}</p>" if t.note else "")
    )
    body = facts + contents(corpus, treaty, level) + "".join(
        part(corpus, cl, langs, cited, level) for cl in corpus.clauses_of(treaty)
    )
    return _wrap("reader-" + treaty, body)


def family_page(corpus: Corpus, family_id: str, level: int = 2) -> list[View]:
    """A clause family: the version, witness and obligation views (:func:`explainer.views.all_views`) and a
    redline for every linked pair with texts in a shared language; where nothing is comparable, it says so."""
    fam = family(corpus, family_id)
    out = [_wrap("family-" + family_id, _family_intro(corpus, fam.id, level))]
    out += all_views(corpus, family_id, level)
    pairs = []
    for lk in corpus.links_of(family_id):
        pair = comparable_pair(corpus, lk.source, lk.target)
        if pair:
            pairs.append(redline_view(corpus, pair[0], pair[1], level))
    if pairs:
        out += pairs
    else:
        out.append(_wrap("family-none-" + family_id, (
            f"<h{level}>Redlines</h{level}><p>Nothing comparable: no two linked clauses of this family are held in "
            "a shared language, so no redline can be drawn. The texts are shown side by side above.</p>")))
    if not any(r["clause"] in fam.clauses for r in corpus.table("obligations")):
        out.append(_wrap("family-nocode-" + family_id, (
            f"<h{level}>Obligation coding</h{level}><p>None of this family's clauses is coded (the obligation "
            "matrix covers the mutual-assistance clauses only).</p>")))
    return out


def _family_intro(corpus: Corpus, family_id: str, level: int) -> str:
    fam = family(corpus, family_id)
    items = "".join(
        f"<li>{_clause_link(corpus, cid)}{' (focus)' if cid == fam.focus else ''}: "
        f"{e(corpus.clauses[cid].label)}</li>"
        for cid in fam.clauses
    )
    return (f"<p>{e(fam.description)}</p><p>The clauses, each linked to its place in its treaty's reader "
            f"page:</p><ul>{items}</ul>")

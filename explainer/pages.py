"""Small HTML components for the reader notebooks: treaty card and registry, witness quotes, coverage table
with gaps, source-link lists, glossary, discussion questions and exercises with hidden solutions.

Every component is a :class:`Fragment`: an object whose ``_repr_html_()`` returns one self-contained
``<section>`` with a deterministic id (a hash of its content), a ``<style>`` scoped to that id, no external
resource, and every text from the data escaped. Without CSS and JS the fragment still reads top to bottom
(solutions in ``<details>`` stay reachable; printing opens them through ``@media print`` and the site
template's ``beforeprint`` handler, see :data:`PRINT_OPEN_DETAILS_JS`).

Headings inside a component start at ``level`` (default 2); the page's one H1 belongs to the notebook.
Only the stdlib ``html`` module is used here (GUIDE §1: views never import rendering libraries).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from .records import STATUSES, Corpus, Event, Source, Statement, Treaty, Witness, plural

__all__ = [
    "PRINT_OPEN_DETAILS_JS",
    "Fragment",
    "add_text_guide",
    "coverage_table",
    "exercise",
    "glossary",
    "question",
    "quote",
    "source_link",
    "sources",
    "treaty_card",
    "treaty_registry",
    "witnesses",
    "word_hits",
]

LANGUAGE_NAMES = {
    "ko": "Korean",
    "ru": "Russian",
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "fr": "French",
    "es": "Spanish",
}

#: For the site template (publish): open every <details> before printing, restore afterwards.
PRINT_OPEN_DETAILS_JS = (
    "window.addEventListener('beforeprint',function(){document.querySelectorAll('details:not([open])')"
    ".forEach(function(d){d.setAttribute('open','');d.dataset.printOpened='1';});});"
    "window.addEventListener('afterprint',function(){document.querySelectorAll('details[data-print-opened]')"
    ".forEach(function(d){d.removeAttribute('open');delete d.dataset.printOpened;});});"
)

_ID = "\x00ID\x00"  # placeholder for the fragment id while the body is hashed; never in escaped data

_BASE_CSS = """
#ID{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK KR',sans-serif;
 line-height:1.5;color:#1b1b1b;max-width:60rem;margin:.5rem 0 1.25rem}
#ID h2,#ID h3,#ID h4,#ID h5,#ID h6{margin:1rem 0 .4rem;line-height:1.25}
#ID blockquote{margin:.3rem 0 .3rem 0;padding:.35rem .8rem;border-left:4px solid #6b6b6b;background:#f6f6f4}
#ID .xp-meta{font-size:.9em;color:#3d3d3d}
#ID code{font-size:.88em;background:#efefef;padding:0 .2em;border-radius:2px}
#ID a{color:#0b57a4}
#ID a:focus{outline:2px solid #0b57a4;outline-offset:2px}
#ID .xp-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
 white-space:nowrap;border:0}
#ID details{border:1px solid #8a8a8a;border-radius:4px;padding:.3rem .7rem;margin:.5rem 0}
#ID summary{cursor:pointer;font-weight:600}
@media print{
 #ID details::details-content{content-visibility:visible;display:block}
 #ID details{border-style:dashed}
 #ID summary{list-style:none}
 #ID summary::after{content:" (shown for print)";font-weight:400}
 #ID a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;word-break:break-all}
 #ID blockquote{background:none}
 #ID .xp-meta{break-after:avoid}
}
"""

_LANG_SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7a3]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
)


# --------------------------------------------------------------------------------------------------------
# the fragment
# --------------------------------------------------------------------------------------------------------


class Fragment:
    """A self-contained HTML fragment: ``<section id=…><style>…</style>…</section>``."""

    def __init__(self, kind: str, body: str, css: str = ""):
        digest = hashlib.sha1((kind + "\n" + css + "\n" + body).encode("utf-8")).hexdigest()[:12]
        self.id = f"xp-{kind}-{digest}"
        style = (_BASE_CSS + css).replace(_ID, self.id).replace("#ID", "#" + self.id)
        self.html = (
            f'<section class="xp xp-{kind}" id="{self.id}">'
            f"<style>{style}</style>{body.replace(_ID, self.id)}</section>"
        )

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<Fragment {self.id}: {len(self.html)} chars of HTML>"


def esc(text: object) -> str:
    """Escape any data text for HTML (quotes too); NUL bytes are dropped so ids cannot be forged."""
    return html.escape(str(text).replace("\x00", ""), quote=True)


def heading(level: int, text: str, anchor: str | None = None) -> str:
    level = min(max(int(level), 2), 6)
    a = f' id="{_ID}-{esc(anchor)}"' if anchor else ""
    return f"<h{level}{a}>{esc(text)}</h{level}>"


def paragraphs(text: str) -> str:
    """Our own prose: blank-line separated paragraphs, escaped; `code` spans kept as <code>."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        if para.strip():
            p = esc(" ".join(para.split()))
            out.append("<p>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", p) + "</p>")
    return "".join(out)


def guess_lang(text: str) -> str:
    """BCP 47 tag for a snippet from its script (for screen readers and fonts); English by default."""
    for tag, rx in _LANG_SCRIPTS:
        if rx.search(text):
            return tag
    return "en"


def safe_url(url: str | None) -> str | None:
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def link(url: str | None, text: str) -> str:
    u = safe_url(url)
    if not u:
        return esc(text)
    return f'<a href="{esc(u)}">{esc(text)}</a>'


def lang_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def format_date(d: str | None) -> str:
    """'2024-06-19' -> '19 June 2024'; '1995-09' -> 'September 1995'; '2000' -> '2000'."""
    if not d:
        return "date not known"
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    parts = d.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{months[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return d


# --------------------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------------------


def lookup(corpus: Corpus, ref: object):
    """The record an id names: witness, statement, event, source, treaty or clause (records pass through)."""
    if not isinstance(ref, str):
        return ref
    for table in (corpus.witnesses, corpus.statements, corpus.sources, corpus.treaties, corpus.clauses):
        if ref in table:
            return table[ref]
    for ev in corpus.events:
        if ev.id == ref:
            return ev
    raise KeyError(f"no witness, statement, event, source, treaty or clause with id {ref!r}")


def _seed_citation(corpus: Corpus, source_id: str | None) -> str:
    s = corpus.sources.get(source_id or "")
    if s is None:
        return "source not recorded"
    who = f"{s.outlet}, “{s.title}”" + (f", {s.author}" if s.author else "")
    return (
        link(s.url, who) + f", {esc(format_date(s.published))}" + ("" if s.url else " (address not recorded)")
    )


def source_html(corpus: Corpus, ref: object) -> str:
    """Inline citation (an <a> where the data has an address) for one record."""
    rec = lookup(corpus, ref)
    if isinstance(rec, Event):
        return link(rec.source_url, rec.publisher)
    if isinstance(rec, Witness):
        return link(rec.source_url, rec.rendered_by) if rec.source_url else _seed_citation(corpus, rec.source)
    if isinstance(rec, Statement):
        if rec.source_url:
            return link(rec.source_url, rec.translator_or_publisher)
        return _seed_citation(corpus, rec.source)
    if isinstance(rec, Source):
        return _seed_citation(corpus, rec.id)
    if isinstance(rec, Treaty):
        return ", ".join(link(u, urlsplit(u).netloc or u) for u in rec.source_urls) or "no source recorded"
    raise TypeError(f"cannot cite a {type(rec).__name__}")


def source_link(corpus: Corpus, ref: object) -> Fragment:
    """The source of one event, witness, statement, seed source or treaty, as a link from the data."""
    rec = lookup(corpus, ref)
    return Fragment("src", f"<p>Source of <code>{esc(rec.id)}</code>: {source_html(corpus, rec)}</p>")


def sources(corpus: Corpus, refs: Iterable[object], *, level: int = 2, title: str = "Sources") -> Fragment:
    """A numbered list of the sources behind the given record ids (witness, statement, event, seed source,
    treaty). An address cited by several records is listed once, naming every record. ``title=""``: no
    heading (when the notebook's own markdown already has one)."""
    entries: dict[str, list[str]] = {}
    cites: dict[str, str] = {}
    for ref in refs:
        rec = lookup(corpus, ref)
        url = getattr(rec, "source_url", None) or getattr(rec, "url", None)
        key = url or source_html(corpus, rec)  # one entry per address, naming every record that cites it
        if key not in entries:
            entries[key] = []
            cites[key] = source_html(corpus, rec)
        entries[key].append(rec.id)
    order = list(entries)
    items = "".join(
        f"<li>{cites[key]} <span class='xp-meta'>(for "
        f"{', '.join(f'<code>{esc(i)}</code>' for i in entries[key])})"
        "</span></li>"
        for key in order
    )
    return Fragment("sources", (heading(level, title) if title else "") + f"<ol>{items}</ol>")


# --------------------------------------------------------------------------------------------------------
# treaties
# --------------------------------------------------------------------------------------------------------


def _title_of(corpus: Corpus, tid: str) -> str:
    t = corpus.treaties.get(tid)
    return t.short_title if t else tid


def treaty_card(corpus: Corpus, treaty: str, *, level: int = 2) -> Fragment:
    """The facts of one treaty from ``treaties.jsonl``, with what it replaced and what replaced it."""
    t = corpus.treaties[treaty]
    replaced_by = [o.id for o in corpus.treaties.values() if treaty in o.replaces]
    n_clauses = len(corpus.clauses_of(treaty))
    n_wit = sum(1 for w in corpus.witnesses.values() if w.treaty == treaty)
    rows = [
        ("Full title", esc(t.title)),
        ("Parties", esc(" · ".join(t.parties))),
        (t.date_kind.capitalize(),
         esc(format_date(t.signed_date)) + (f", {esc(t.signed_place)}" if t.signed_place else "")),
        ("In force from", esc(format_date(t.in_force_date)) if t.in_force_date else "not recorded"),
        ("Ended", esc(format_date(t.end_date)) if t.end_date else "no end date recorded"),
        (
            "Authentic languages",
            esc(", ".join(lang_name(x) for x in t.authentic_languages)) or "not recorded",
        ),
        ("Articles", esc(t.articles) if t.articles is not None else "not recorded"),
        ("Replaces", _replaces_html(corpus, t)),
        ("Replaced by", esc("; ".join(_title_of(corpus, r) for r in replaced_by)) or "nothing recorded"),
        ("What we hold", f"{n_clauses} clause records, {n_wit} witnesses (see notebook 04)"),
        ("Sources", source_html(corpus, t)),
    ]
    if t.note:
        rows.append(("Note", esc(t.note)))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    css = (
        "#ID dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.2rem 1rem;margin:0}"
        "#ID dt{font-weight:600;white-space:nowrap;padding:0 !important}#ID dd{margin:0}"
    )
    return Fragment("treaty", heading(level, t.short_title) + f"<dl>{dl}</dl>", css)


#: How firmly a source says a document was replaced (treaties.jsonl ``replaces_basis``).
FIRMNESS_WORDS = {"attested": "attested", "announced": "announced only, before the signing"}


def _replaces_html(corpus: Corpus, t: Treaty) -> str:
    """Each replaced document with what a source says and how firmly, citing the records (review U3)."""
    if not t.replaces:
        return "nothing recorded"
    items = []
    for r in t.replaces:
        b = t.basis_of(r) or {}
        refs = ", ".join(f"<code>{esc(x)}</code>" for x in b.get("records", ()))
        items.append(
            f"<li>{esc(_title_of(corpus, r))} — <strong>{esc(FIRMNESS_WORDS.get(b.get('firmness'), 'no source'))}"
            f"</strong>: {esc(b.get('basis', 'no source says so'))}" + (f" (records {refs})" if refs else "")
            + "</li>"
        )
    return "<ul class='xp-replaces'>" + "".join(items) + "</ul>"


def treaty_registry(
    corpus: Corpus, *, level: int = 2, caption: str = "Every treaty and text we hold"
) -> Fragment:
    """One table row per treaty, oldest first: dates, authentic languages, clauses and witnesses held."""
    ts = sorted(corpus.treaties.values(), key=lambda t: (t.signed_date or "", t.id))
    body = []
    for t in ts:
        ws = [w for w in corpus.witnesses.values() if w.treaty == t.id]
        auth = sum(1 for w in ws if w.is_authentic and w.complete and w.language in t.authentic_languages)
        body.append(
            f"<tr><th scope='row'>{esc(t.short_title)}<br><code>{esc(t.id)}</code></th>"
            f"<td>{esc(t.kind)}</td><td class='xp-dates'>{esc(t.date_kind)} {esc(format_date(t.signed_date))}"
            + (f"<br>in force {esc(format_date(t.in_force_date))}" if t.in_force_date else "")
            + (f"<br>ended {esc(format_date(t.end_date))}" if t.end_date else "")
            + "</td>"
            f"<td>{esc(', '.join(lang_name(x) for x in t.authentic_languages) or 'not attested')}</td>"
            f"<td>{esc(t.articles) if t.articles is not None else '—'}</td>"
            f"<td>{len(corpus.clauses_of(t.id))}</td><td>{len(ws)}</td><td>{auth}</td></tr>"
        )
    head = (
        "<tr><th scope='col'>Treaty</th><th scope='col'>Kind</th><th scope='col'>Dates</th>"
        "<th scope='col'>Authentic languages</th>"
        "<th scope='col'>Articles</th><th scope='col'>Clauses held</th><th scope='col'>Witnesses</th>"
        "<th scope='col'>Complete authentic-language witnesses</th></tr>"
    )
    css = (
        "#ID table{border-collapse:collapse;font-size:.92em}#ID th,#ID td{border:1px solid #9a9a9a;"
        "padding:.25rem .45rem;text-align:left;vertical-align:top}#ID thead th{background:#ecebe6}"
    )
    return Fragment(
        "registry",
        heading(level, caption)
        + f"<table><caption class='xp-meta'>{len(ts)} treaties and declarations, oldest first"
        f"</caption><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>",
        css,
    )


# --------------------------------------------------------------------------------------------------------
# quotations
# --------------------------------------------------------------------------------------------------------


def _witness_html(corpus: Corpus, w: Witness) -> str:
    status = f"{lang_name(w.language)} · {w.status} · {'complete' if w.complete else 'partial'}"
    cl = corpus.clauses.get(w.clause)
    where = f"{_title_of(corpus, w.treaty)}, {cl.heading if cl else w.clause}"
    meta = (
        f"<p class='xp-meta'><code>{esc(w.id)}</code> — {esc(where)} — {esc(status)}"
        + (f" — published {esc(format_date(w.published))}" if w.published else "")
        + "</p>"
    )
    from .views import text_block  # one rule for every page: only a quotation is styled as one

    quote_ = text_block(w)
    src = f"<p class='xp-meta'>Rendered by: {source_html(corpus, w)}</p>"
    note = f"<p class='xp-meta'>Note on this witness: {esc(w.note)}</p>" if w.note else ""
    return f"<div class='xp-quote'>{meta}{quote_}{src}{note}</div>"


def _statement_html(corpus: Corpus, s: Statement) -> str:
    from .sayings import load_rules, record_note

    kind = "translation" if s.is_translation else "original language"
    note = record_note(s, load_rules(corpus))
    meta = (
        f"<p class='xp-meta'><code>{esc(s.id)}</code> — {esc(s.speaker)} ({esc(s.speaker_role)}), "
        f"{esc(format_date(s.date))} — {esc(s.event)} — {esc(lang_name(s.language))}, {esc(kind)}; "
        f"{esc(s.completeness)}</p>" + (f"<p class='xp-meta xp-note'>Note: {esc(note)}</p>" if note else "")
    )
    quote_ = f"<blockquote lang='{esc(s.language)}'>{esc(s.text)}</blockquote>"
    src = f"<p class='xp-meta'>Published by: {source_html(corpus, s)}</p>"
    return f"<div class='xp-quote'>{meta}{quote_}{src}</div>"


def _quote_html(corpus: Corpus, ref: object) -> str:
    rec = lookup(corpus, ref)
    if isinstance(rec, Witness):
        return _witness_html(corpus, rec)
    if isinstance(rec, Statement):
        return _statement_html(corpus, rec)
    if isinstance(rec, Event):
        return (
            f"<div class='xp-quote'><p class='xp-meta'><code>{esc(rec.id)}</code> — "
            f"{esc(format_date(rec.date))} — {esc(rec.event)}</p>"
            f"<blockquote lang='{guess_lang(rec.support)}'>{esc(rec.support)}</blockquote>"
            f"<p class='xp-meta'>Source: {source_html(corpus, rec)}</p></div>"
        )
    raise TypeError(f"{getattr(rec, 'id', ref)!r} is not a witness, statement or event")


def quote(corpus: Corpus, *refs: str, level: int | None = None, title: str | None = None) -> Fragment:
    """Witnesses, statements or event snippets quoted verbatim from the data, each with its id and source."""
    head = heading(level or 3, title) if title else ""
    return Fragment("quote", head + "".join(_quote_html(corpus, r) for r in refs))


def witnesses(
    corpus: Corpus,
    clause: str,
    *,
    languages: Sequence[str] | None = None,
    per_language: int | None = None,
    level: int = 3,
    title: str | None = None,
) -> Fragment:
    """The best witnesses of a clause (``Corpus.witnesses_of`` order), optionally ``per_language`` per
    language in the order of ``languages``; says how many more the data holds."""
    cl = corpus.clauses[clause]
    allw = corpus.witnesses_of(clause)
    chosen: list[Witness] = []
    for lang in languages or sorted({w.language for w in allw}):
        lw = [w for w in allw if w.language == lang]
        chosen += lw[:per_language] if per_language else lw
    shown = "".join(_witness_html(corpus, w) for w in chosen)
    if not allw:
        shown = "<p><strong>Gap:</strong> no witness of this clause is held.</p>"
    count = (
        f"<p class='xp-meta'>Showing {len(chosen)} of the {len(allw)} witnesses held for "
        f"<code>{esc(clause)}</code>, best first (authentic-language quotations before translations, "
        "complete before partial).</p>"
    )
    head = heading(level, title or f"{_title_of(corpus, cl.treaty)}, {cl.heading}: {cl.label}")
    return Fragment("witnesses", head + count + shown)


# --------------------------------------------------------------------------------------------------------
# coverage and gaps
# --------------------------------------------------------------------------------------------------------


_CODE_CLASS = {"A": "c-auth", "a": "c-auth-part", "T": "c-tr", "t": "c-tr-part", "-": "c-none"}


def _complete_kind(corpus: Corpus, clause: str) -> str:
    """'yes, official' when a complete authentic text (added with add-text) is held, else 'yes, quoted': a
    quotation purports to reproduce the authentic wording, it is not an official copy (review M13)."""
    official = any(w.status == "authentic text" and w.complete_wording for w in corpus.witnesses_of(clause))
    return "yes, official" if official else "yes, quoted"


def coverage_table(
    corpus: Corpus, treaty: str, *, level: int = 2, languages: Sequence[str] | None = None, gaps: bool = True
) -> Fragment:
    """Coverage of one treaty as an accessible table (codes as letters with a spelled-out legend, not colour),
    followed by every clause lacking a complete authentic-language witness with its gap leads."""
    from .coverage import CODES, COUNTED, TRANSLATION_IN_AUTHENTIC_LANGUAGE, coverage

    t = corpus.treaties[treaty]
    rows = coverage(corpus, treaty, tuple(languages) if languages else None)
    langs = list(rows[0].cells) if rows else list(languages or ())
    head = (
        "<tr><th scope='col'>Clause</th>"
        + "".join(
            f"<th scope='col'>{esc(lang_name(x))}"
            + (" <span class='xp-meta'>(authentic)</span>" if x in t.authentic_languages else "")
            + "</th>"
            for x in langs
        )
        + "<th scope='col'>Complete authentic text?</th></tr>"
    )
    auth = [x for x in langs if x in t.authentic_languages]

    def complete(r) -> bool:  # an article held paragraph by paragraph counts when its combined code is A
        return r.has_complete_authentic or any(r.cells[x] == "A" for x in auth)

    def cell(r, x) -> str:
        code, k, n = r.cells[x], r.graded[x], r.counts[x]
        count = (
            f" <span class='xp-n' aria-hidden='true'>· {k} of {n}</span>"
            f"<span class='xp-sr'>; {esc(COUNTED[code])}: {k} of {plural(n, 'witness', 'witnesses')} held in "
            f"{esc(lang_name(x))}</span>"
            if n and code in COUNTED
            else ""
        )
        return (
            f"<td class='{_CODE_CLASS[code]}'><span aria-hidden='true'>{esc(code)}</span>"
            f"<span class='xp-sr'>{esc(CODES[code])}</span>{count}</td>"
        )

    body = []
    for r in rows:
        cells = "".join(cell(r, x) for x in langs)
        ok = _complete_kind(corpus, r.clause) if complete(r) else "<strong>no — gap</strong>"
        name = (
            f"<a href='#{_ID}-{esc(r.clause)}'>{esc(r.heading)}</a>"
            if gaps and not complete(r)
            else esc(r.heading)
        )
        body.append(
            f"<tr><th scope='row'>{name} <span class='xp-lab'>{esc(r.label)}</span></th>{cells}"
            f"<td>{ok}</td></tr>"
        )
    legend = "".join(
        f"<dt><code>{esc(k)}</code></dt><dd>{esc(v)}"
        + (f" <span class='xp-meta'>(the number counts {esc(COUNTED[k])})</span>" if k in COUNTED else "")
        + "</dd>"
        for k, v in CODES.items()
    )
    n_ok = sum(complete(r) for r in rows)
    summary = (
        f"<p>{n_ok} of {len(rows)} clause records of <em>{esc(t.short_title)}</em> have a complete "
        f"witness in an authentic language ({esc(', '.join(lang_name(x) for x in t.authentic_languages))})."
        "</p>"
    )
    table = (
        f"<table><caption>Coverage of {esc(t.short_title)}: per language, the best we hold (letter) and "
        "how many of the witnesses held reach that letter, of how many</caption>"
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
    )
    out = heading(level, f"Coverage: {t.short_title}") + summary
    out += (
        "<div class='xp-legend'><p><strong>Legend.</strong> Each cell gives the best we hold in that language as a "
        "letter, then <em>k of n</em>: of the <em>n</em> witnesses we hold in that language, <em>k</em> are as good "
        "as the letter says. For example <code>A · 1 of 5</code>: one complete authentic-language text among five "
        "witnesses; the other four are partial or translations. An article held through its paragraphs counts the "
        f"witnesses of every paragraph. Letters, best first:</p><dl>{legend}</dl>"
        f"<p>{esc(TRANSLATION_IN_AUTHENTIC_LANGUAGE)}</p>"
        "<p>The last column: <em>yes, quoted</em> means the complete authentic-language text is a quotation by a "
        "newspaper or web page, which purports to reproduce the wording but is not an official copy; <em>yes, "
        "official</em> means an official full text is held.</p></div>"
    )
    out += table
    if gaps:
        groups: dict[tuple[str, ...], list] = {}
        for r in rows:
            if not complete(r):
                groups.setdefault(tuple(r.gap_leads), []).append(r)
        n_gaps = sum(len(g) for g in groups.values())
        out += heading(level + 1, f"Gaps ({n_gaps}) and where the missing text might be")
        if not groups:
            out += "<p>No gaps: every clause has a complete authentic-language witness.</p>"
        for leads, rs in groups.items():
            names = "".join(
                f"<li id='{_ID}-{esc(r.clause)}'><strong>{esc(r.heading)}</strong> "
                f"<code>{esc(r.clause)}</code> — {esc(r.label)}</li>"
                for r in rs
            )
            lead_html = (
                "<ul>" + "".join(f"<li>{esc(lead)}</li>" for lead in leads) + "</ul>"
                if leads
                else "<p class='xp-meta'>No lead recorded yet.</p>"
            )
            out += (
                f"<div class='xp-gapgroup'><p>{plural(len(rs), 'clause record')} missing:</p><ul>{names}</ul>"
                f"<p><em>Leads — where the missing text might be found:</em></p>{lead_html}</div>"
            )
    css = (
        "#ID table{border-collapse:collapse;font-size:.92em;margin:.5rem 0}"
        "#ID th,#ID td{border:1px solid #9a9a9a;padding:.2rem .45rem;text-align:left;vertical-align:top}"
        "#ID td{text-align:center;font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}"
        "#ID thead th{background:#ecebe6}#ID caption{text-align:left;font-weight:600;padding:.2rem 0}"
        "#ID .c-auth{background:#d9ead3;font-weight:700}#ID .c-auth-part{background:#eef5e9}"
        "#ID .c-tr{background:#dde7f3}#ID .c-tr-part{background:#eef3f9}#ID .c-none{color:#6b6b6b}"
        "#ID .xp-n{font-size:.85em}#ID .xp-legend dl{display:grid;grid-template-columns:2rem 1fr;margin:0}"
        "#ID .xp-legend dd{margin:0}#ID .xp-lab{font-weight:400;font-size:.92em}"
        "#ID .xp-gapgroup{border-left:3px solid #9a9a9a;padding-left:.7rem;margin:.6rem 0}"
        "@media print{#ID td{background:none}}"
    )
    return Fragment("coverage", out, css)


def add_text_guide(corpus: Corpus, treaty: str, *, level: int = 2) -> Fragment:
    """How to add a full official text of ``treaty``: the command, its allowed values (from the data) and
    what makes it refuse. Shows the command as text; nothing is run."""
    t = corpus.treaties[treaty]
    langs = t.authentic_languages or ("ko",)
    cmd = (
        f"python -m explainer add-text FILE --treaty {t.id} --language {langs[0]} "
        f"--status 'authentic text' --source-url URL --rendered-by 'WHO PUBLISHED IT' "
        f"--published YYYY-MM-DD --dry-run"
    )
    opts = [
        (
            "FILE",
            "a UTF-8 text file holding the whole text, articles headed ‘Article N’, ‘Статья N’, ‘제N조’ "
            "or a roman numeral on a line of their own.",
        ),
        ("--treaty", f"the treaty id, here {t.id}; an unknown id is refused."),
        (
            "--language",
            "the language of the file; authentic languages of this treaty: "
            + ", ".join(f"{x} ({lang_name(x)})" for x in langs)
            + ".",
        ),
        ("--status", "one of: " + "; ".join(STATUSES) + "."),
        ("--source-url", "where you found the text (http, https or file address)."),
        ("--rendered-by / --published", "who published it and when (optional)."),
        ("--dry-run", "check and report what would be added, write nothing. Drop it to write."),
    ]
    refusals = (
        "It refuses, writing nothing, when the treaty is unknown, an article number is missing or "
        "repeated, the last article is beyond the treaty's count, the file is not UTF-8, or the result "
        "would not pass `python -m explainer validate`. When it writes, it writes to a scratch copy "
        "first and swaps the tables in only after they validate."
    )
    dl = "".join(f"<dt><code>{esc(k)}</code></dt><dd>{esc(v)}</dd>" for k, v in opts)
    body = (
        heading(level, f"Adding a full text of {t.short_title}")
        + f"<pre><code>{esc(cmd)}</code></pre><dl>{dl}</dl>"
        + paragraphs(refusals)
    )
    css = (
        "#ID pre{white-space:pre-wrap;background:#f3f3f0;border:1px solid #bbb;padding:.5rem;"
        "font-size:.9em}#ID dd{margin:0 0 .3rem 1.5rem}"
    )
    return Fragment("addtext", body, css)


# --------------------------------------------------------------------------------------------------------
# classroom: glossary, questions, exercises, word hits
# --------------------------------------------------------------------------------------------------------


def _related_html(corpus: Corpus, ref: str) -> str:
    if ref in corpus.clauses:
        cl = corpus.clauses[ref]
        ws = corpus.witnesses_of(ref)
        src = (
            f"; best witness <code>{esc(ws[0].id)}</code>: {source_html(corpus, ws[0])}"
            if ws
            else "; no witness"
        )
        return f"<code>{esc(ref)}</code> ({esc(_title_of(corpus, cl.treaty))}, {esc(cl.heading)}){src}"
    rec = lookup(corpus, ref)
    return f"<code>{esc(rec.id)}</code>: {source_html(corpus, rec)}"


def pick(rows: Sequence[dict], ids: Sequence[str], missing: str) -> list[dict]:
    """The rows with these ids, in this order; ``KeyError`` '<missing> <id>' for the first id not there."""
    by_id = {r["id"]: r for r in rows}
    absent = [i for i in ids if i not in by_id]
    if absent:
        raise KeyError(f"{missing} {absent[0]!r}")
    return [by_id[i] for i in ids]


def glossary(
    corpus: Corpus, *, level: int = 2, ids: Sequence[str] | None = None, title: str = "Glossary"
) -> Fragment:
    """Entries of ``data/glossary.jsonl`` (our own definitions), each pointing at records in the data."""
    entries = corpus.table("glossary")
    if ids is not None:
        entries = pick(entries, ids, "glossary.jsonl has no entry")
    else:
        entries = sorted(entries, key=lambda e: e["term"].casefold())
    items = []
    for e in entries:
        rel = e.get("related") or []
        rel_html = (
            "<p class='xp-meta'>In the data: " + "; ".join(_related_html(corpus, r) for r in rel) + "</p>"
            if rel
            else ""
        )
        items.append(
            f"<dt id='gl-{esc(e['id'])}'>{esc(e['term'])}</dt>"
            f"<dd>{paragraphs(e['definition'])}{rel_html}</dd>"
        )
    css = "#ID dt{font-weight:700;margin-top:.6rem}#ID dd{margin:0 0 0 1rem}#ID dd p{margin:.2rem 0}"
    return Fragment("glossary", heading(level, title) + f"<dl>{''.join(items)}</dl>", css)


def question(
    corpus: Corpus, title: str, prompt: str, *, evidence: Sequence[str] = (), level: int = 3
) -> Fragment:
    """A discussion question: our prompt, then the witnesses/statements it is about, quoted from the data."""
    ev = "".join(_quote_html(corpus, r) for r in evidence)
    return Fragment("question", heading(level, title) + paragraphs(prompt) + ev)


def exercise(
    corpus: Corpus,
    title: str,
    task: str,
    *,
    evidence: Sequence[str] = (),
    solution: str,
    solution_refs: Sequence[str] = (),
    solution_extra: object | None = None,
    level: int = 3,
) -> Fragment:
    """An exercise with its solution in ``<details>`` (closed on screen, open in print; class ``solution``, so
    the published page's students' copy leaves it out).

    ``task`` and ``solution`` are our prose; ``evidence`` / ``solution_refs`` are record ids quoted verbatim
    from the data; ``solution_extra`` is another component (e.g. :func:`word_hits`) placed in the solution.
    """
    ev = "".join(_quote_html(corpus, r) for r in evidence)
    extra = ""
    if solution_extra is not None:
        extra = (
            solution_extra._repr_html_() if hasattr(solution_extra, "_repr_html_") else esc(solution_extra)
        )
    sol = paragraphs(solution) + "".join(_quote_html(corpus, r) for r in solution_refs) + extra
    body = (
        heading(level, title)
        + paragraphs(task)
        + ev
        + f"<details class='xp-solution solution'><summary>Solution — {esc(title)}</summary>{sol}</details>"
    )
    return Fragment("exercise", body)


def word_hits(
    corpus: Corpus,
    prefixes: Sequence[str],
    *,
    speaker: str | None = None,
    side: str | None = None,
    level: int = 3,
    title: str | None = None,
    width: int = 60,
) -> Fragment:
    """Statements containing a word that *starts* with one of ``prefixes`` (case-insensitive; a prefix must
    begin a word, so 'ally' never matches inside 'really'). Every hit shows its id, language, whether it is
    a translation, the words around it and the source link; the count of statements searched is stated."""
    if not prefixes:
        raise ValueError("word_hits: give at least one prefix")
    from .sayings import sayings_of

    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*", re.IGNORECASE)
    said = sayings_of(corpus)  # a record counts for the speaker of its saying (KCNA's rendering of Putin: Putin)
    pool = [
        s
        for s in corpus.statements.values()
        if (speaker is None or said[s.id].speaker == speaker) and (side is None or said[s.id].side == side)
    ]
    pool.sort(key=lambda s: (s.date, s.id))
    rows = []
    hit_sayings: dict[str, bool] = {}  # saying id -> has a hit in an own-language record
    for s in pool:
        m = rx.search(s.text)
        if not m:
            continue
        sy = said[s.id]
        hit_sayings[sy.id] = hit_sayings.get(sy.id, False) or not s.is_translation
        a, b = max(0, m.start() - width), min(len(s.text), m.end() + width)
        ctx = (
            ("…" if a else "")
            + esc(s.text[a : m.start()])
            + f"<mark>{esc(m.group(0))}</mark>"
            + esc(s.text[m.end() : b])
            + ("…" if b < len(s.text) else "")
        )
        rows.append(
            f"<tr><td><code>{esc(s.id)}</code><br>{esc(format_date(s.date))}"
            + (f"<br><small>saying <code>{esc(sy.id)}</code>, {len(sy.records)} records</small>"
               if len(sy.records) > 1 else "") + "</td>"
            f"<td>{esc(s.speaker)}</td><td>{esc(lang_name(s.language))}<br>"
            f"{'translation' if s.is_translation else '<strong>original</strong>'}</td>"
            f"<td lang='{esc(s.language)}'>{ctx}</td><td>{source_html(corpus, s)}</td></tr>"
        )
    who = speaker or (f"the {side} side" if side else "all speakers")
    n_sayings = len({said[s.id].id for s in pool})
    own = sum(hit_sayings.values())
    summary = (
        f"<p>Searched {len(pool)} records ({n_sayings} sayings) by {esc(who)} for words beginning "
        + ", ".join(f"<code>{esc(p)}</code>" for p in prefixes)
        + f": <strong>{len(rows)}</strong> records contain one. They hold <strong>{len(hit_sayings)}</strong> "
        f"{'saying' if len(hit_sayings) == 1 else 'sayings'} (one sentence held by several outlets or in "
        f"several languages is one saying), {own} of them in a record in the speaker's own language.</p>"
    )
    table = (
        "<table><thead><tr><th scope='col'>Statement (saying)</th><th scope='col'>Speaker</th>"
        "<th scope='col'>Language</th><th scope='col'>Words around the match</th>"
        f"<th scope='col'>Source</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    css = (
        "#ID table{border-collapse:collapse;font-size:.9em}#ID th,#ID td{border:1px solid #9a9a9a;"
        "padding:.2rem .4rem;text-align:left;vertical-align:top}#ID td code{white-space:nowrap}"
        "#ID mark{background:#ffe58a;"
        "font-weight:700;outline:1px solid #806000}"
    )
    return Fragment(
        "hits", heading(level, title or f"Words beginning {', '.join(prefixes)}") + summary + table, css
    )

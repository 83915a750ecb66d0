"""Self-contained HTML components for comparing clauses: version view, witness view, redline, obligation
matrix, change summary.

Contract (publish and notebooks rely on it):

- every view is a :class:`View`; ``_repr_html_()`` returns one fragment: a root ``<section>`` whose id is a
  hash of its content (two builds are byte-identical), a scoped ``<style>`` and at most one small inline
  ``<script>``;
- all states are in the HTML. With JS, buttons (``aria-pressed``) switch between them; with CSS and JS
  stripped (untrusted JupyterLab output) or in print, every state appears one after another under its own
  heading. What several states share (e.g. a clause's change summary, in every language) is a *part*, written
  once and shown with each of them;
- permalinks: ``#<slug>/<state key>``. The slug of a version view is the family id, of a witness view
  ``w-<clause id with '/' as '-'>``; state keys are the chosen button values joined by ``/``. So
  ``#mutual-assistance/2024-dprk-russia/ru`` is the 2024 clause in Russian, ``#mutual-assistance/all/en`` the
  whole family side by side in English, ``#w-2024-dprk-russia-4/2024-04-ru-01`` one witness. Each state panel
  also carries that id, so the link works without JS. The fragment is restored on load and updated on switch;
- every text from data is escaped; only http(s) URLs become links; no external resource is loaded.
"""

from __future__ import annotations

import hashlib
import html
import re

from .align import (
    DIMENSIONS,
    LANGUAGE_NAMES,
    ChangeSummary,
    change_summary,
    family,
    family_languages,
    members,
    pair_kind,
    translators_caveat,
    wording_pairs,
)
from .diff import Redline, Stretch, diff, match_stretch, size
from .records import Corpus, Witness, plural

KIND_LABELS = {
    "version": ("V", "version change (between treaties; both texts authentic or by one translator)"),
    "version-or-translation": (
        "V/T",
        "difference between two treaties' texts by different translators: a change between the treaties, or "
        "only the translators' choice",
    ),
    "translation": ("T", "variance between renderings of one clause"),
    "orthographic": ("O", "spelling, spacing, punctuation or an outlet's gloss only"),
}

#: What each value of Witness.mapping means, in plain words (how sure we are of the article number).
MAPPING_WORDS = {
    "attested": "article number given by the source",
    "inferred": "article number worked out by us from the order or content of the text",
    "disputed": "article number disputed: sources place this text differently (see the curator's note)",
}

#: Rules of diff.Normalisation, in plain words.
RULE_WORDS = {
    "dprk-spelling": "North Korean spelling",
    "gloss": "a word in brackets inserted by the outlet",
    "spacing": "spacing",
    "case": "capital letters",
    "punctuation": "punctuation",
    "other": "other difference of form",
}


def e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


class View:
    """An HTML component: display it in a notebook, or take ``.html`` for a page."""

    def __init__(self, html_text: str, slug: str = ""):
        self.html = html_text
        self.slug = slug

    def _repr_html_(self) -> str:
        return self.html

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


# ------------------------------------------------------------------------------------------------------
# the shared shell: style, controls, states, script
# ------------------------------------------------------------------------------------------------------

_CSS = """
#R{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;border:1px solid #8a8a8a;padding:.6em 1em;
margin:1em 0;max-width:72em}
#R .xv-controls{display:flex;flex-wrap:wrap;gap:.4em 1.2em;margin:.4em 0}
#R [role=group]{display:flex;flex-wrap:wrap;gap:.3em;align-items:center}
#R .xv-dl{font-weight:600;margin-right:.2em}
#R button{font:inherit;font-size:.9em;padding:.2em .6em;border:1px solid #1f3b63;background:#fff;
color:#1f3b63;border-radius:3px;cursor:pointer}
#R button[aria-pressed=true]{background:#1f3b63;color:#fff;font-weight:700}
#R button[aria-pressed=true]::before{content:"\\2713\\00a0"}
#R button:focus-visible,#R a:focus-visible{outline:3px solid #b35900;outline-offset:2px}
#R a{color:#0b4f9c}
#R.xv-js .xv-state:not(.xv-on),#R.xv-js .xv-part:not(.xv-on){display:none}
#R .xv-state,#R .xv-part{border-top:1px solid #bbb;margin-top:.6em;padding-top:.3em}
#R .xv-part+.xv-state{border-top:0}
#R blockquote{margin:.4em 0;padding:.3em .8em;border-left:4px solid #1f3b63;background:#f4f6f9}
#R .xv-meta,#R .xv-src,#R .xv-note{font-size:.88em;color:#333;margin:.2em 0}
#R .xv-badge{border:1px solid #333;padding:0 .3em;border-radius:3px}
#R .xv-notq{margin:.4em 0;padding:.3em .8em;border:1px dotted #555;font-style:italic}
#R .xv-trunc,#R .xv-gap{border:2px dashed #8a4b00;padding:.3em .6em;color:#4d2a00;background:#fff8ec}
#R table{border-collapse:collapse;width:100%}
#R th,#R td{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}
#R tbody th{width:11em}
#R td code{overflow-wrap:anywhere}
#R td ul{padding-left:1.1em;margin:0}
#R ins,#R del{text-decoration-thickness:2px;padding:0 1px}
#R ins.k-version{background:#d4efdc;color:#0b3d1a}
#R del.k-version{background:#f9dcdc;color:#5c0b0b}
#R ins.k-version-or-translation{background:#e6f0d8;color:#203d0b;text-decoration-style:dashed}
#R del.k-version-or-translation{background:#f6e6d8;color:#5c2a0b;text-decoration-style:dashed}
#R ins.k-translation{background:#dce8fb;color:#0a2a5c;text-decoration-style:double}
#R del.k-translation{background:#f3e0f5;color:#4a0b4f;text-decoration-style:double}
#R ins.k-orthographic,#R del.k-orthographic{background:#eee;color:#333;text-decoration-style:dotted}
#R sup.xv-tag{font-size:.7em;font-weight:700;color:#1a1a1a;user-select:none}
#R .xv-legend{font-size:.88em}
#R .xv-small,#R .xv-outside,#R .xv-sep{font-size:.8em;color:#333;margin:.1em 0}
#R summary{cursor:pointer;color:#1f3b63;font-weight:600}
#R table.xv-sbs{table-layout:fixed}
#R .xv-c1{width:11em}
#R .xv-c2{width:7.5em}
@media print{#R .xv-state,#R .xv-part{display:block!important}
#R .xv-controls,#R .xv-link{display:none!important}
#R details::details-content{content-visibility:visible;display:block}}
"""

# Switching: buttons set the state key (values joined by "/"); the state with that key is shown, with every
# part (a block shared by several states, e.g. what one clause is about) whose key is a prefix of it.
_JS = """(function(){var r=document.getElementById("R");if(!r||r.getAttribute("data-xv-init"))return;
r.setAttribute("data-xv-init","1");var slug=r.getAttribute("data-xv-slug");
var gs=[].slice.call(r.querySelectorAll("[data-xv-dim]")),ss=[].slice.call(r.querySelectorAll(".xv-state")),
ps=[].slice.call(r.querySelectorAll(".xv-part"));
function bs(g){return [].slice.call(g.querySelectorAll("button"))}
function cur(){return gs.map(function(g){var b=g.querySelector("button[aria-pressed=true]");
return b?b.getAttribute("data-xv-val"):""}).join("/")}
function show(k,upd){var f=null;ss.forEach(function(s){if(s.getAttribute("data-xv-key")===k)f=s});
if(!f)return false;
var v=k.split("/");gs.forEach(function(g,i){bs(g).forEach(function(b){
b.setAttribute("aria-pressed",String(b.getAttribute("data-xv-val")===v[i]))})});
ss.forEach(function(s){s.classList.toggle("xv-on",s===f)});
ps.forEach(function(p){p.classList.toggle("xv-on",k.indexOf(p.getAttribute("data-xv-part")+"/")===0)});
var a=r.querySelector(".xv-link a");if(a)a.setAttribute("href","#"+slug+"/"+k);
var st=r.querySelector(".xv-status");if(st)st.textContent="Showing: "+f.firstElementChild.textContent;
if(upd){try{history.replaceState(null,"","#"+slug+"/"+k)}catch(x){}}return true}
gs.forEach(function(g){g.addEventListener("click",function(ev){var b=ev.target.closest("button");if(!b)return;
bs(g).forEach(function(x){x.setAttribute("aria-pressed",String(x===b))});show(cur(),true)})});
function fromHash(){var h="";try{h=decodeURIComponent(location.hash.slice(1))}catch(x){}
if(h.indexOf(slug+"/")!==0)return false;h=h.slice(slug.length+1);if(show(h,false))return true;
var m=ss.filter(function(s){return s.getAttribute("data-xv-key").indexOf(h+"/")===0})[0];
return !!m&&show(m.getAttribute("data-xv-key"),false)}
r.classList.add("xv-js");var c=r.querySelector(".xv-controls");if(c)c.hidden=false;
if(!fromHash()&&ss.length)show(ss[0].getAttribute("data-xv-key"),false);
window.addEventListener("hashchange",fromHash)})();"""


def _slugify(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", s).strip("-")


def _component(
    slug: str, title: str, level: int, body_top: str, dims: list, states: list, note: str = ""
) -> View:
    """dims: [(label, [(value, button label)])].

    states: [(key, label, body_html)] (key = values joined by '/'), in document order. An entry
    ``(key, label, body_html, "part")`` is a *part*: shown with every state whose key starts with ``key/`` and
    written once (so what is common to several states is not repeated). A part heading is one level below the
    title, the headings of the states it covers one further.
    """
    deepest = 2 if any(len(st) > 3 for st in states) else 1
    if not 1 <= level <= 6 - deepest:
        raise ValueError(f"heading_level must be between 1 and {6 - deepest}")
    h = f"h{level}"
    parts = []
    if dims:
        parts.append('<div class="xv-controls" hidden>')
        for i, (label, values) in enumerate(dims):
            parts.append(
                f'<div role="group" aria-label="{e(label)}" data-xv-dim="{i}">'
                f'<span class="xv-dl">{e(label)}:</span>'
            )
            for val, blabel in values:
                if "/" in val:
                    raise ValueError(f"state value {val!r} must not contain '/'")
                parts.append(
                    f'<button type="button" aria-pressed="false" data-xv-val="{e(val)}">{e(blabel)}</button>'
                )
            parts.append("</div>")
        parts.append(
            '<p class="xv-link"><a href="#">Link to this view</a> '
            '<span class="xv-status" aria-live="polite"></span></p></div>'
        )
    part_keys: list[str] = []
    for key, label, body, *kind in states:
        if kind:
            part_keys.append(key)
            hp = f"h{level + 1}"
            parts.append(
                f'<div class="xv-part" id="{e(slug)}/{e(key)}" data-xv-part="{e(key)}">'
                f"<{hp}>{e(label)}</{hp}>{body}</div>"
            )
            continue
        depth = 2 if any(key.startswith(pk + "/") for pk in part_keys) else 1
        hs = f"h{level + depth}"
        parts.append(
            # the heading comes first: the script reads the state's label from it
            f'<div class="xv-state" id="{e(slug)}/{e(key)}" data-xv-key="{e(key)}">'
            f"<{hs}>{e(label)}</{hs}>{body}</div>"
        )
    inner = f"<{h}>{e(title)}</{h}>{note}{body_top}{''.join(parts)}"
    rid = "xv-" + hashlib.sha1((slug + "\0" + inner).encode("utf-8")).hexdigest()[:12]
    css = _CSS.replace("#R", "#" + rid).replace("\n", "")
    css = css.replace("}#", "}\n#")
    script = "<script>" + _JS.replace('"R"', '"' + rid + '"') + "</script>" if dims else ""
    out = (
        f'<section class="xv" id="{rid}" data-xv-slug="{e(slug)}" aria-label="{e(title)}">'
        f"<style>{css}</style>{inner}{script}</section>"
    )
    return View(out, slug)


# ------------------------------------------------------------------------------------------------------
# pieces
# ------------------------------------------------------------------------------------------------------


def _href(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url) else None


def _common_note_prefixes(ws: list[Witness], at_least: int = 3) -> list[str]:
    """Opening sentences that several witnesses' notes share (written once at the top of a view)."""
    counts: dict[str, int] = {}
    for w in ws:
        head = _note_head(w.note)
        if head:
            counts[head] = counts.get(head, 0) + 1
    return [h for h, n in counts.items() if n >= at_least]


def _note_head(note: str | None) -> str | None:
    m = re.match(r"(.+?[.!?])\s+\S", note or "", re.S)
    return m.group(1) if m else None


def _shared_note_label(ws: list[Witness], head: str) -> str:
    """'Note common to 14 of the 17 Korean witnesses' (count and language from the data)."""
    have = [w for w in ws if _note_head(w.note) == head]
    langs = sorted({w.language for w in have})
    if len(langs) == 1:
        lname = LANGUAGE_NAMES.get(langs[0], langs[0])
        of_lang = sum(w.language == langs[0] for w in ws)
        if of_lang == len(have):
            return f"Curator's note common to all {len(have)} {lname} witnesses"
        return f"Curator's note common to {len(have)} of the {of_lang} {lname} witnesses"
    return f"Curator's note common to {len(have)} of the {len(ws)} witnesses"


def _curator_note(text_html: str, label: str = "Curator's note") -> str:
    """Our curation remarks on a record: folded, one click away (opened for print by the site)."""
    return f'<details class="xv-note"><summary>{e(label)}</summary><p>{text_html}</p></details>'


def article_label(label: str) -> str:
    """A source's article label in the site's style: '4' → 'Art. 4', '1.2' → 'Art. 1 para 2', 'Article II' →
    'Art. II', 'Article 4 | KCNA paragraph 5' → 'Art. 4; KCNA paragraph 5'."""
    out = []
    for piece in re.split(r"\s*[|;]\s*", label.strip()):
        if not piece or piece.casefold() == "article number inferred":
            continue
        m = re.fullmatch(r"(?:Article\s+)?(\d+|[IVXLC]+)(?:\.(\d+))?", piece)
        if m:
            piece = f"Art. {m.group(1)}" + (f" para {m.group(2)}" if m.group(2) else "")
        out.append(piece[:1].upper() + piece[1:])
    return "; ".join(out)


def mapping_words(corpus: Corpus, w: Witness) -> str:
    """How the witness was placed at its article, in plain words (no field names)."""
    words = MAPPING_WORDS.get(w.mapping, f"article number: {w.mapping}")
    label = article_label(w.source_article) if w.source_article else ""
    if w.mapping == "attested":
        return f"the source numbers it {label}" if label else words
    cl = corpus.clauses.get(w.clause)
    filed = cl.heading if cl else w.clause
    own = label and not re.fullmatch(r"Art\. [\d.]+( para \d+)?", label)  # more than a bare article number
    extra = f"; the source's own label: {label}" if own else ""
    return f"{words}; filed under {filed}{extra}"


def witness_card(corpus: Corpus, w: Witness, notes: bool = True, shared: dict[str, str] | None = None) -> str:
    """Status, language, outlet, date, truncation, text, source, how the article number is known, the record
    id (small print) and our curator's note (folded).

    ``shared`` maps note openings printed once at the top of the view to their label there: the card's note
    then refers to it instead of repeating the sentence.
    """
    lang = LANGUAGE_NAMES.get(w.language, w.language)
    meta = (
        f'<p class="xv-meta"><span class="xv-badge">{e(w.status)}</span> · {e(lang)} · {e(w.rendered_by)}'
        f" · {e(w.published or 'date not given')}</p>"
    )
    trunc = (
        ""
        if w.complete
        else f'<p class="xv-trunc"><strong>Truncated:</strong> the held text '
        f"({plural(size(w.text, w.language), _unit(w.language))}) stops where the source excerpt ends; what "
        "follows is not known from it.</p>"
    )
    if _href(w.source_url):
        host = re.sub(r"^https?://(www\.)?([^/]+).*$", r"\2", w.source_url)
        src = f'<p class="xv-src">Source: <a href="{e(w.source_url)}">{e(host)}</a></p>'
    elif w.source and w.source in corpus.sources:
        s = corpus.sources[w.source]
        src = f'<p class="xv-src">Source: {e(s.outlet)}, “{e(s.title)}” ({e(s.published)})</p>'
    else:
        src = f'<p class="xv-src">Source: {e(w.source_url or w.origin)}</p>'
    small = f'<p class="xv-small">{e(_cap(mapping_words(corpus, w)))} · record id <code>{e(w.id)}</code></p>'
    note = ""
    if w.note and notes:
        head = _note_head(w.note)
        if shared and head in shared:
            rest = w.note[len(head) :].strip()
            note = _curator_note(f"[Begins with the common note above.] {e(rest)}")
        else:
            note = _curator_note(e(w.note))
    return f'<div class="xv-w">{meta}{trunc}{text_block(w)}{src}{small}{note}</div>'

#: How a text that is not the clause's quoted wording is introduced (never styled as treaty text).
KIND_WORDS = {
    "reported speech": "Reported speech: the source gives the article's content in its own sentence, without "
    "quotation marks; it is not a quotation of the wording.",
    "condensed label": "A source's condensed label naming the article's topic: not the article's wording.",
}


def text_block(w: Witness) -> str:
    """The witness's text: a quotation as a blockquote; reported speech and a condensed label as marked
    plain text (no blockquote, no quotation marks), so they never look like the treaty's wording."""
    if w.kind == "quotation":
        return f'<blockquote lang="{e(w.language)}">{e(w.text)}</blockquote>'
    return (
        f'<div class="xv-notq" data-kind="{e(w.kind)}"><p class="xv-small"><strong>'
        f"{e(KIND_WORDS.get(w.kind, w.kind))}</strong></p>"
        f'<p class="xv-notq-text" lang="{e(w.language)}">{e(w.text)}</p></div>'
    )


def _unit(lang: str) -> str:
    return "character" if lang in ("zh", "ja") else "word"


def gap_card(corpus: Corpus, clause_id: str, language: str | None = None, leads: bool = True) -> str:
    """A visible gap: no text of the clause (in ``language``) is held; with ``leads``, where one might be
    found."""
    cl = corpus.clauses[clause_id]
    what = f"No {LANGUAGE_NAMES.get(language, language)} text" if language else "No text"
    items = "".join(f"<li>{e(g)}</li>" for g in cl.gap_leads) if leads else ""
    others = ""
    if language:
        have = sorted({w.language for w in corpus.witnesses_of(clause_id)})
        others = (
            " Held in: " + ", ".join(LANGUAGE_NAMES.get(x, x) for x in have) + "."
            if have
            else " No witness in any language is held."
        )
    return (
        f'<div class="xv-gap" role="note"><p><strong>Gap — {e(what)} of this clause is held.</strong>'
        f"{e(others)}</p>" + (f"<p>Where it might be found:</p><ul>{items}</ul>" if items else "") + "</div>"
    )


def legend() -> str:
    items = "".join(f"<li><sup class='xv-tag'>{t}</sup> {e(lbl)}</li>" for t, lbl in KIND_LABELS.values())
    return (
        '<div class="xv-legend"><p><strong>How to read the redline:</strong> <del class="k-version">'
        'struck through</del> = only in the first text; <ins class="k-version">underlined</ins> = only in '
        "the second text. The letter after each change gives its kind:</p>"
        f"<ul>{items}</ul></div>"
    )


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render_ops(red: Redline, normalisations: bool = True, before: str = "", after: str = "") -> str:
    """The whole second text with every difference marked (kinds explained once, in the legend).

    A replaced passage reads "old → new" (the arrow keeps the two runs apart in copied text and without CSS).
    ``before``/``after``: text of the fuller side outside the stretch a truncated text covers, shown in
    brackets and not compared.
    """
    out = []
    if before.strip():
        out.append(f'<span class="xv-outside">[not compared, outside the truncated text: {e(before.strip())}]</span> ')
    for o in red.ops:
        if o.tag == "equal":
            out.append(e(o.b))
            continue
        tag = KIND_LABELS[o.kind][0]
        # the kind letter goes right after the changed words, before the space that ends them
        last = o.b if o.b else o.a
        tail = last[len(last.rstrip()) :] if last.strip() else ""
        a, b = (o.a, o.b[: len(o.b) - len(tail)]) if o.b else (o.a[: len(o.a) - len(tail)], "")
        if a:
            out.append(f'<del class="k-{o.kind}">{e(a)}</del>')
        if a and b:
            out.append('<span class="xv-sep" aria-hidden="true"> → </span>')
        if b:
            out.append(f'<ins class="k-{o.kind}">{e(b)}</ins>')
        out.append(f'<sup class="xv-tag">{tag}</sup>{e(tail)}')
    if after.strip():
        out.append(f' <span class="xv-outside">[not compared, outside the truncated text: {e(after.strip())}]</span>')
    norms = ""
    if red.normalisations and normalisations:
        items = "".join(
            f"<li>{e(RULE_WORDS.get(n.rule, n.rule))}: <q>{e(n.a)}</q>"
            + ("" if n.b == "(removed)" else f" and <q>{e(n.b)}</q>")
            + "</li>"
            for n in red.normalisations[:12]
        )
        norms = (
            f"<details><summary>What we ignored when comparing ({len(red.normalisations)})</summary>"
            "<p>Differences of form only, marked O above and not counted as changes of wording:</p>"
            f"<ul>{items}</ul></details>"
        )
    n = red.counts
    real = (
        plural(n["version-or-translation"], "difference that may be the treaties' or the translators'",
               "differences that may be the treaties' or the translators'")
        if red.kind == "version-or-translation"
        else plural(n["version"], "version change")
    )
    counts = (
        f'<p class="xv-meta">{real}, '
        f'{plural(n["translation"], "rendering difference")}, '
        f"{plural(n['orthographic'], 'orthographic-only difference')}.</p>"
    )
    return f'<p class="xv-redline" lang="{e(red.lang)}">{"".join(out)}</p>{counts}{norms}'


def compare(
    wa: Witness,
    wb: Witness,
    kind: str,
    names: tuple[str, str] = ("text A", "text B"),
    normalisations: bool = True,
    caveat: str = "",
) -> tuple[str, bool]:
    """Redline of two witnesses in one language → (html, drawn).

    When one is truncated, it is compared only with the stretch of the other that it covers; when it covers
    too little of it (a few words, or different wording), no redline and no counts are given — they would
    mostly show what the fragment leaves out — and ``drawn`` is False: the caller shows the two texts.
    """
    caveat_html = (
        f"<p class='xv-note xv-caveat'><strong>Translators, not treaties?</strong> {e(caveat)}</p>" if caveat else ""
    )
    html_, drawn = _compare(wa, wb, kind, names, normalisations)
    return (caveat_html + html_ if drawn else html_), drawn


def _compare(
    wa: Witness, wb: Witness, kind: str, names: tuple[str, str], normalisations: bool
) -> tuple[str, bool]:
    lang = wa.language
    if wa.complete and wb.complete:
        return render_ops(diff(wa.text, wb.text, lang, kind), normalisations), True
    frag_is_a = not wa.complete and (wb.complete or size(wa.text, lang) <= size(wb.text, lang))
    frag, full = (wa, wb) if frag_is_a else (wb, wa)
    fname, oname = names if frag_is_a else names[::-1]
    n_frag, n_full = size(frag.text, lang), size(full.text, lang)
    unit = _unit(lang)
    st: Stretch = match_stretch(frag.text, full.text, lang)
    if st.comparable:
        piece = full.text[st.start : st.end]
        red = diff(frag.text, piece, lang, kind) if frag_is_a else diff(piece, frag.text, lang, kind)
        note = (
            f"<p class='xv-trunc'>{e(_cap(fname))} is truncated ({plural(n_frag, unit)}), so it is compared only "
            f"with the stretch of {e(oname)} it covers; the rest of {e(oname)} is shown in brackets and not "
            "counted.</p>"
        )
        return note + render_ops(red, normalisations, full.text[: st.start], full.text[st.end :]), True
    return (
        f"<p class='xv-trunc'><strong>No word-by-word comparison.</strong> {e(_cap(fname))} is a fragment of "
        f"{plural(n_frag, unit)}; a word-by-word comparison with the {plural(n_full, unit)} of {e(oname)} would "
        "mostly show what the fragment leaves out, so no redline is drawn and no changes are counted. "
        "Read the two texts side by side instead.</p>",
        False,
    )


def _is_cut(op) -> bool:
    """The last op of a diff against a truncated text, when it only reflects where the excerpt stops."""
    return op.tag != "equal" and (not op.b.strip() or op.a.startswith(op.b.strip()))


def render_changes(red: Redline, truncated: bool = False) -> str:
    """Compact list of the differences only (for many near-identical renderings).

    Differences in spacing alone are counted, not listed ("(space) → (nothing)" tells a reader nothing); when
    the second text is ``truncated``, the missing end is said to be missing rather than listed as a change.
    """
    changes = red.changes()
    cut = None
    if truncated and red.ops and red.ops[-1].tag != "equal" and _is_cut(red.ops[-1]):
        cut = red.ops[-1]
        changes = changes[:-1]
    items, spacing = [], 0
    for o in changes:
        if not o.a.strip() and not o.b.strip():
            spacing += 1
            continue
        tag = KIND_LABELS[o.kind][0]
        a = f'<del class="k-{o.kind}">{e(o.a)}</del>' if o.a.strip() else ""
        b = f'<ins class="k-{o.kind}">{e(o.b)}</ins>' if o.b.strip() else ""
        what = f"{a} → {b}" if a and b else f"dropped {a}" if a else f"added {b}"
        items.append(f"<li>{what} <sup class='xv-tag'>{tag}</sup></li>")
    if spacing:
        items.append(
            f"<li>{plural(spacing, 'difference')} of spacing only (a space added or removed), not listed.</li>"
        )
    if cut is not None:
        items.append(
            "<li>The excerpt is truncated here; where it stops, the reference text reads: "
            f"<q>{e(cut.a.strip())}</q> (not a difference of wording).</li>"
        )
    if not items:
        return "<p class='xv-meta'>No difference at all.</p>"
    return f"<ul class='xv-changes' lang='{e(red.lang)}'>{''.join(items)}</ul>"


def summary_html(s: ChangeSummary, skip_link: bool = False) -> str:
    """The summary's sentences; ``skip_link`` leaves out the link sentence where the view lists links."""
    sentences = s.sentences[1:] if skip_link and s.link else s.sentences
    return "<ul class='xv-summary'>" + "".join(f"<li>{e(x)}</li>" for x in sentences) + "</ul>"


# ------------------------------------------------------------------------------------------------------
# public views
# ------------------------------------------------------------------------------------------------------


def redline(
    text_a: str,
    text_b: str,
    lang: str,
    kind: str = "translation",
    heading_level: int = 2,
    title: str = "Redline",
) -> View:
    """A redline of two raw texts (no corpus needed)."""
    red = diff(text_a, text_b, lang, kind)
    return _component("redline", title, heading_level, legend() + render_ops(red), [], [])


def redline_view(
    corpus: Corpus, witness_a: str | Witness, witness_b: str | Witness, heading_level: int = 2
) -> View:
    """Redline between two witnesses; the kind (version/translation) follows from their clauses."""
    wa = corpus.witnesses[witness_a] if isinstance(witness_a, str) else witness_a
    wb = corpus.witnesses[witness_b] if isinstance(witness_b, str) else witness_b
    na, nb = clause_name(corpus, wa.clause), clause_name(corpus, wb.clause)
    if wa.clause == wb.clause:
        title = f"Redline, {na}: {_outlet(wa)} → {_outlet(wb)}"
    else:
        title = f"Redline: {na} ({_outlet(wa)}) → {nb} ({_outlet(wb)})"
    cards = (
        f"<p><strong>First text (A)</strong></p>{witness_card(corpus, wa)}"
        f"<p><strong>Second text (B)</strong></p>{witness_card(corpus, wb)}"
    )
    if wa.language != wb.language:
        body = cards + (
            "<p class='xv-note'>The two texts are in different languages, so no word-level redline is "
            "drawn; compare them side by side above.</p>"
        )
    else:
        red_html, drawn = compare(wa, wb, pair_kind(corpus, wa, wb), caveat=translators_caveat(corpus, wa, wb))
        if drawn:
            body = legend() + "<p><strong>Redline A → B</strong></p>" + red_html + cards
        else:
            body = red_html + _pair_table(corpus, wa, wb, ("Text A", "Text B")) + cards
    if wa.clause != wb.clause:
        body += "<p><strong>What changes</strong></p>" + summary_html(
            change_summary(corpus, wa.clause, wb.clause, wa, wb)
        )
    return _component("redline-" + _slugify(wa.id + "--" + wb.id), title, heading_level, body, [], [])


def clause_name(corpus: Corpus, clause_id: str) -> str:
    """'DPRK–Russia treaty (2024) Art. 4': the human label used in every heading (ids go in small print)."""
    cl = corpus.clauses.get(clause_id)
    if cl is None:
        return clause_id
    tr = corpus.treaties.get(cl.treaty)
    return f"{tr.short_title if tr else cl.treaty} {cl.heading}"


def _pair_table(corpus: Corpus, wa: Witness, wb: Witness, heads: tuple[str, str]) -> str:
    """Two texts side by side (where no redline is drawn)."""

    def cell(w: Witness) -> str:
        trunc = "" if w.complete else f" — truncated, {plural(size(w.text, w.language), _unit(w.language))}"
        return (
            f"<td><blockquote lang='{e(w.language)}'>{e(w.text)}</blockquote>"
            f"<p class='xv-small'>{e(_outlet(w))}{e(trunc)} · record id <code>{e(w.id)}</code></p></td>"
        )

    return (
        "<table class='xv-pair'><thead><tr>"
        + "".join(f"<th scope='col'>{e(h)}</th>" for h in heads)
        + f"</tr></thead><tbody><tr>{cell(wa)}{cell(wb)}</tr></tbody></table>"
    )


def _outlet(w: Witness) -> str:
    """A short name for who rendered a witness (for labels; the card gives the full description)."""
    return w.rendered_by.split(",")[0].split("(")[0].strip()[:40]


def witness_view(corpus: Corpus, clause_id: str, heading_level: int = 2, language: str | None = None) -> View:
    """One clause, switching between its witnesses; each compared with the best witness of its language."""
    if clause_id not in corpus.clauses:
        raise KeyError(f"unknown clause {clause_id!r}")
    cl = corpus.clauses[clause_id]
    tr = corpus.treaties.get(cl.treaty)
    title = f"{tr.short_title if tr else cl.treaty} {cl.heading}: every rendering we hold"
    slug = "w-" + _slugify(clause_id.replace("/", "-"))
    ws = corpus.witnesses_of(clause_id, language=language)
    top = f"<p>{e(cl.label)}.</p>"
    if not ws:
        return _component(slug, title, heading_level, top + gap_card(corpus, clause_id, language), [], [])
    best: dict[str, Witness] = {}
    for w in ws:
        best.setdefault(w.language, w)
    shared = {h: _shared_note_label(ws, h) for h in _common_note_prefixes(ws)}
    # grouped by language (in the order of each language's best witness), best first within a language
    first = {lang: i for i, lang in reversed(list(enumerate(w.language for w in ws)))}
    ws = sorted(ws, key=lambda w: first[w.language])
    labels = _witness_labels(ws)
    states, buttons = [], []
    for w, lbl in zip(ws, labels, strict=True):
        lname = e(LANGUAGE_NAMES.get(w.language, w.language))
        body = witness_card(corpus, w, shared=shared)
        ref = best[w.language]
        if ref.id != w.id:
            red = diff(ref.text, w.text, w.language, "translation")
            body += (
                f"<p><strong>Differences from the reference {lname} text ({e(_outlet(ref))})</strong> "
                f"<span class='xv-small'>record id <code>{e(ref.id)}</code></span></p>"
                f"{render_changes(red, truncated=not w.complete)}"
            )
        else:
            body += f"<p class='xv-note'>This is the reference {lname} text of this clause (best status).</p>"
        states.append((w.id, lbl, body))
        buttons.append((w.id, lbl + ("" if w.complete else " (truncated)")))
    top += (
        f"<p>{plural(len(ws), 'witness', 'witnesses')}. Differences are marked against the reference text of the same "
        "language.</p>" + legend()
    )
    top += "".join(_curator_note(e(h), label) for h, label in shared.items())
    return _component(slug, title, heading_level, top, [("Witness", buttons)], states)


def _witness_labels(ws: list[Witness]) -> list[str]:
    """'KO · Yonhap News Agency', with the date, then a number, added where two labels would be the same."""
    labels = [f"{w.language.upper()} · {_outlet(w)}" for w in ws]
    labels = [
        lbl + f" · {w.published}" if labels.count(lbl) > 1 and w.published else lbl
        for lbl, w in zip(labels, ws, strict=True)
    ]
    seen: dict[str, int] = {}
    out = []
    for lbl in labels:
        seen[lbl] = seen.get(lbl, 0) + 1
        out.append(lbl if labels.count(lbl) == 1 else f"{lbl} · copy {seen[lbl]}")
    return out


def version_view(corpus: Corpus, family_id: str, heading_level: int = 2) -> View:
    """A clause family across treaties: one clause at a time or all side by side, in a chosen language.

    What does not depend on the language — the links, each clause's label and its change summary — is written
    once (links at the top, the rest in a part per clause); each language state holds only the text and the
    redline to the focus clause.
    """
    fam = family(corpus, family_id)
    mem = members(corpus, family_id)
    langs = family_languages(corpus, family_id) or ["en"]
    keys = [m.clause.treaty for m in mem]
    if len(set(keys)) != len(keys):
        keys = [_slugify(m.clause.id.replace("/", "~")) for m in mem]
    focus = next(m for m in mem if m.is_focus)
    names = {m.clause.id: clause_name(corpus, m.clause.id) for m in mem}

    def link_to_focus(m) -> str:
        if m.is_focus:
            return "(this clause)"
        lk = next((lk for lk in m.links if focus.clause.id in (lk.source, lk.target)), None)
        if not lk:
            return "no direct link"
        return f"<strong>{e(lk.type)}</strong>" + (" (our interpretation)" if lk.interpretation else "")

    links = "".join(link_item(corpus, lk) for lk in corpus.links_of(family_id))
    elsewhere = [
        lk
        for lk in corpus.links
        if lk.family != family_id and (lk.source in fam.clauses or lk.target in fam.clauses)
    ]
    if elsewhere:
        links += (
            "<li>Links of these clauses in other families: <ul>"
            + "".join(link_item(corpus, lk, with_family=True) for lk in elsewhere)
            + "</ul></li>"
        )
    states = []
    for lang in langs:
        lname = LANGUAGE_NAMES.get(lang, lang)
        rows = []
        for m in mem:
            w = m.best.get(lang)
            cell = (
                witness_card(corpus, w, notes=False)
                if w
                else f"<p class='xv-gap'>Gap: no {e(lname)} text of this clause is held.</p>"
            )
            rows.append(
                f"<tr><th scope='row'>{e(names[m.clause.id])}{' (focus)' if m.is_focus else ''}</th>"
                f"<td>{link_to_focus(m)}</td><td>{cell}</td></tr>"
            )
        table = (
            f"<table class='xv-sbs'><caption>{e(fam.label)}: every clause, oldest first, in {e(lname)}. "
            f"The middle column gives the clause's link to {e(names[focus.clause.id])} (reasons above).</caption>"
            "<colgroup><col class='xv-c1'><col class='xv-c2'><col></colgroup>"
            "<thead><tr><th scope='col'>Clause</th><th scope='col'>Link</th>"
            f"<th scope='col'>Text ({e(lname)})</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        states.append(("all/" + lang, f"All clauses side by side — {lname}", table))
    for key, m in zip(keys, mem, strict=True):
        about = f"<p>{e(m.clause.label)}.</p>"
        if m.is_focus:
            about += "<p class='xv-note'>The other clauses of the family are compared with this one.</p>"
        else:
            about += f"<p><strong>What changes from this clause to {e(names[focus.clause.id])}</strong></p>"
            about += summary_html(change_summary(corpus, m.clause.id, focus.clause.id), skip_link=True)
        missing = [lang for lang in langs if lang not in m.best]
        if missing and m.clause.gap_leads:
            about += (
                "<p>Not held in "
                + e(", ".join(LANGUAGE_NAMES.get(x, x) for x in missing))
                + ". Leads to texts of this clause that we have not reached:</p><ul>"
                + "".join(f"<li>{e(g)}</li>" for g in m.clause.gap_leads)
                + "</ul>"
            )
        states.append((key, names[m.clause.id] + (" (focus)" if m.is_focus else ""), about, "part"))
        for lang in langs:
            lname = LANGUAGE_NAMES.get(lang, lang)
            w, fw = m.best.get(lang), focus.best.get(lang)
            body = witness_card(corpus, w, notes=False) if w else gap_card(corpus, m.clause.id, lang, False)
            if not m.is_focus and w and fw:
                red_html, drawn = compare(
                    w,
                    fw,
                    pair_kind(corpus, w, fw),
                    ("the text above", f"the {lname} text of {names[focus.clause.id]}"),
                    False,
                    translators_caveat(corpus, w, fw),
                )
                body += f"<p><strong>Redline to {e(names[focus.clause.id])} ({e(lname)})</strong></p>" + (
                    red_html
                    if drawn
                    else red_html + _pair_table(corpus, w, fw, (names[m.clause.id], names[focus.clause.id]))
                )
            states.append((f"{key}/{lang}", f"{names[m.clause.id]} — {lname}", body))
    dims = [
        (
            "Clause",
            [("all", "All side by side")] + [(k, names[m.clause.id]) for k, m in zip(keys, mem, strict=True)],
        ),
        ("Language", [(lang, LANGUAGE_NAMES.get(lang, lang)) for lang in langs]),
    ]
    top = (
        f"<p>{e(fam.description)}</p><p><strong>How the clauses are linked</strong></p>"
        f"<ul class='xv-links'>{links}</ul>" + legend()
    )
    return _component(family_id, f"{fam.label}: the clause across treaties", heading_level, top, dims, states)


def _evidence_item(corpus: Corpus, ref: str) -> str:
    """One record quoted in full with who said or rendered it, when, and in what language."""
    if ref in corpus.witnesses:
        w = corpus.witnesses[ref]
        who = f"{clause_name(corpus, w.clause)}, {w.status}, {w.rendered_by.split(',')[0].strip()}"
        lang, text = w.language, w.text
    else:
        st = corpus.statements[ref]
        kind = "translation" if st.is_translation else "original language"
        lname = LANGUAGE_NAMES.get(st.language, st.language)
        who = f"{st.speaker}, {st.date}, {lname} ({kind}), {st.translator_or_publisher}"
        lang, text = st.language, st.text
    return (
        f"<li><p class='xv-meta'><code>{e(ref)}</code> — {e(who)}</p>"
        f"<blockquote lang='{e(lang)}'>{e(text)}</blockquote></li>"
    )


def link_item(corpus: Corpus, lk, with_family: bool = False, clause=None, tag: str = "li") -> str:
    """A link as a list item: type, the two clauses, our reason; an interpretation says so and shows its
    evidence on both sides (folded, opened for print). ``clause(corpus, id)`` renders a clause (default: its
    escaped name); ``tag`` is the element that holds it (the reader and the front page use their own)."""
    clause = clause or (lambda c, cid: e(clause_name(c, cid)))
    fam = f" ({e(corpus.families[lk.family].label)})" if with_family and lk.family in corpus.families else ""
    flag = (
        " <em class='xv-interp'>— our interpretation, not something the wording shows by itself</em>"
        if lk.interpretation
        else ""
    )
    out = (
        f"<{tag}><strong>{e(lk.type)}</strong>{flag}{fam}: {clause(corpus, lk.source)} → "
        f"{clause(corpus, lk.target)}. {e(lk.reason)}"
    )
    if lk.evidence_for or lk.evidence_against:
        out += (
            f"<details class='xv-evidence'><summary>Evidence on both sides ({len(lk.evidence_for)} for this "
            f"reading, {len(lk.evidence_against)} against)</summary>"
            f"<p><strong>For “{e(lk.type)}”:</strong></p><ul>"
            + "".join(_evidence_item(corpus, r) for r in lk.evidence_for)
            + f"</ul><p><strong>Against “{e(lk.type)}”:</strong></p><ul>"
            + "".join(_evidence_item(corpus, r) for r in lk.evidence_against)
            + "</ul></details>"
        )
    return out + f"</{tag}>"


def obligation_matrix(corpus: Corpus, family_id: str = "mutual-assistance", heading_level: int = 2) -> View:
    """Trigger, obligation, timing and conditions per clause, each cell tied to the words of a named
    witness."""
    mem = members(corpus, family_id)
    head = "".join(f"<th scope='col'>{e(d.capitalize())}</th>" for d in DIMENSIONS)
    rows = []
    for m in mem:
        cells = []
        for d in DIMENSIONS:
            entries = [
                r for r in corpus.table("obligations") if r["clause"] == m.clause.id and r["dimension"] == d
            ]
            if not entries:
                cells.append("<td><em>not coded</em></td>")
                continue
            items = []
            for r in entries:
                w = corpus.witnesses.get(r["witness"]) if r["witness"] else None
                who = f" — <code>{e(w.id)}</code>, {e(w.status)}, {e(_outlet(w))}" if w else ""
                q = f' <q lang="{e(w.language if w else "")}">{e(r["quote"])}</q>' if r["quote"] else ""
                st = "" if r["status"] in ("coded", r["value"]) else f" <em>({e(r['status'])})</em>"
                items.append(
                    f"<li><strong>{e(r['value'])}</strong>{st}{q}<span class='xv-meta'>{who}</span></li>"
                )
            cells.append(f"<td><ul>{''.join(items)}</ul></td>")
        rows.append(
            f"<tr><th scope='row'>{e(m.treaty_title)} {e(m.clause.heading)}</th>{''.join(cells)}</tr>"
        )
    body = (
        "<p>The four dimensions (trigger, obligation, timing, conditions) are our own choice for this comparison, "
        "not the coding scheme of any dataset. "
        "Our coding (in our own words, bold) with the exact words of a named witness that justify it. "
        "“none stated” means a complete witness says nothing on that point; “not in held text” means no held "
        "witness covers it.</p>"
        f"<table><thead><tr><th scope='col'>Clause</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    fam = family(corpus, family_id)
    return _component(
        "obligations-" + family_id, f"{fam.label}: obligation matrix", heading_level, body, [], []
    )


#: The Korean and Russian words for the mutual-assistance trigger, with the English each is usually rendered by.
TRIGGER_TERMS = {"ko": ("무력침공", "armed invasion"), "ru": ("вооруженному нападению", "armed attack")}


def trigger_pairing(
    corpus: Corpus,
    clauses: tuple[str, ...] = ("1961-ussr-dprk/1.2", "2024-dprk-russia/4"),
    terms: dict[str, tuple[str, str]] | None = None,
    heading_level: int = 3,
) -> View:
    """Where the Korean and the Russian wording of the trigger are found, clause by clause, with the sentence
    that follows from it (computed: it says 'the same pairing' only when every clause has both words)."""
    terms = terms or TRIGGER_TERMS
    found = wording_pairs(corpus, clauses, {lang: t for lang, (t, _) in terms.items()})
    items = []
    for cid in clauses:
        parts = []
        for lang, (term, gloss) in terms.items():
            ids = found[cid][lang]
            held = corpus.witnesses_of(cid, language=lang)
            lname = LANGUAGE_NAMES.get(lang, lang)
            if ids:
                kinds = sorted({corpus.witnesses[i].status for i in ids})
                shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                parts.append(
                    f"{lname} <q lang='{e(lang)}'>{e(term)}</q> ({e(gloss)}) in {len(ids)} of {len(held)} {lname} "
                    f"witnesses ({e(', '.join(kinds))}: {e(shown)})"
                )
            else:
                parts.append(f"{lname} <q lang='{e(lang)}'>{e(term)}</q>: in none of {len(held)} {lname} witnesses")
        items.append(f"<li><strong>{e(clause_name(corpus, cid))}</strong>: {'; '.join(parts)}.</li>")
    everywhere = all(found[c][lang] for c in clauses for lang in terms)
    names = " and ".join(clause_name(corpus, c) for c in clauses)
    pair = " / ".join(f"{g}" for _, (_, g) in terms.items())
    if everywhere:
        verdict = (
            f"The same pairing ({pair}) is found in {names}: it is how the Korean and the Russian texts word the "
            "trigger in both treaties, not a divergence between the two authentic texts of one treaty. English "
            "renderings follow one language or the other. In both, the state of war is brought about by the "
            "attack or invasion."
        )
    else:
        verdict = (
            f"The pairing ({pair}) is not found in every clause listed, so the held texts do not show that it "
            "is a standing pairing of the two languages."
        )
    weak = [
        f"the {LANGUAGE_NAMES.get(lang, lang)} wording of {clause_name(corpus, c)} rests only on "
        + " and ".join(sorted({corpus.witnesses[i].status for i in found[c][lang]}))
        for c in clauses
        for lang in terms
        if found[c][lang] and not any(corpus.witnesses[i].is_authentic for i in found[c][lang])
    ]
    if weak:
        verdict += " Caveat: " + "; ".join(weak) + "."
    body = f"<ul>{''.join(items)}</ul><p>{e(verdict)}</p>"
    return _component("trigger-pairing", "Armed invasion or armed attack?", heading_level, body, [], [])


def change_summary_view(corpus: Corpus, clause_a: str, clause_b: str, heading_level: int = 2) -> View:
    s = change_summary(corpus, clause_a, clause_b)
    return _component(
        "summary-" + _slugify(clause_a + "--" + clause_b),
        f"What changes: {clause_name(corpus, clause_a)} → {clause_name(corpus, clause_b)}",
        heading_level,
        summary_html(s),
        [],
        [],
    )


def all_views(corpus: Corpus, family_id: str, heading_level: int = 2) -> list[View]:
    """Every view of a family: versions, the witnesses of each clause and (where coded) the obligation
    matrix."""
    out = [version_view(corpus, family_id, heading_level)]
    out += [witness_view(corpus, cid, heading_level) for cid in family(corpus, family_id).clauses]
    if any(r["clause"] == family(corpus, family_id).focus for r in corpus.table("obligations")):
        out.append(obligation_matrix(corpus, family_id, heading_level))
    return out

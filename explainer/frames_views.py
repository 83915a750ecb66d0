"""HTML for the "In complete texts" section of page 03: the frames, their monthly counts (one table per frame,
never one series), lines in context with their referent, the claims with the complete-text evidence, and
the referent rules' measured precision. Reads the derived tables only (no archive needed); every text is
escaped; readable without CSS or JS (``<details>`` open in print)."""

from __future__ import annotations

from .frames import ENV_VAR, monthly
from .views import e as _e

_LANG = {"en": "English", "ru": "Russian", "ko": "Korean"}
STYLE = ("<style>.xf-t{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}.xf-t th,.xf-t td{border:1px "
         "solid #ccc;padding:.2em .45em;vertical-align:top;text-align:left!important}"
         ".xf-t td.n{text-align:right!important}"
         ".xf-t td.o{color:#555}.xf-t caption{text-align:left;caption-side:top;color:#444;padding-bottom:.3em}"
         "@media print{.xf-t{table-layout:fixed!important;width:100%!important;font-size:9px!important}"
         ".xf-t th,.xf-t td{padding:1px 2px;"
         "overflow-wrap:anywhere;hyphens:auto}}</style>")
REFERENT_LABELS = {"relationship": "about the DPRK–Russia relationship", "other": "about others",
                   "denial": "denials"}


class _HTML:
    def __init__(self, body: str):
        self.html = body

    def _repr_html_(self) -> str:
        return self.html


def _month(m: str) -> str:
    import calendar

    y, mo = m.split("-")
    return f"{calendar.month_abbr[int(mo)]} {y}"


def frames_overview(corpus, heading_level: int = 3) -> _HTML:
    """Where the frames come from, what each holds, and the README's caveats (quoted)."""
    h = f"h{heading_level}"
    frames = corpus.table("frames")
    if not frames:
        return _HTML(
            f"<section class='xf'><p><strong>No frame data in this data folder.</strong> The archives of complete "
            f"texts go in <code>../shared/sources/corpora/</code> (or a folder named by <code>${ENV_VAR}</code> or "
            f"<code>--corpora DIR</code>); <code>make data</code> then derives the tables this section reads.</p>"
            f"</section>")
    rows = "".join(
        f"<tr><th scope='row'><code>{_e(f['id'])}</code></th><td>{_e(f['publisher'])}</td>"
        f"<td>{_e(_LANG.get(f['language'], f['language']))}, {_e(f['status'])}</td>"
        f"<td>{_e(f['from'])} – {_e(f['to'])}</td><td class='n'>{f['items']:,}</td><td class='n'>{f['links']:,}</td>"
        f"<td class='n'>{f['documents']:,}</td><td class='n'>{f['mentioning_other_side']:,} "
        f"<small>(name {_e(f['other_side'])})</small></td>"
        f"<td>{_e('; '.join(f'{n} {why}' for why, n in f['skipped'].items()) or 'none')}</td></tr>"
        for f in frames)
    caveats = frames[0]["caveats"]
    cav = "".join(f"<li>{_e(c)}</li>" for c in caveats)
    files = ", ".join(f"<code>{_e(f['file'])}</code>" for f in frames)
    return _HTML(
        f"<section class='xf'>{STYLE}<table class='xf-t'><caption>The three frames. <em>Documents</em> are distinct "
        f"texts: an article KCNA files under several menus is one document with several links.</caption>"
        f"<thead><tr><th scope='col'>Frame</th><th scope='col'>Publisher</th><th scope='col'>Language, status</th>"
        f"<th scope='col'>Dates</th><th scope='col'>Items</th><th scope='col'>Distinct links</th>"
        f"<th scope='col'>Documents</th><th scope='col'>Naming the other side</th>"
        f"<th scope='col'>Left out</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p class='xf-src'>Derived by <code>make data</code> from {files} in <code>../shared/sources/corpora/</code> "
        f"(or <code>${ENV_VAR}</code>). The archives are not copied into the project and are not needed to "
        f"build this page: it reads the derived tables in <code>data/</code> (document metadata, counts, and "
        f"the matching sentences with their links).</p>"
        f"<{h}>What the archives' README asks readers to keep in mind</{h}>"
        f"<blockquote><ul>{cav}</ul><footer>— <code>sources/corpora/README.md</code>, "
        f"“Caveats to show readers”</footer></blockquote></section>")


def frames_by_month(corpus, concepts: list[str], labels: dict[str, str] | None = None,
                    heading_level: int = 3) -> _HTML:
    """One table per frame: per month, documents, documents naming the other side, and for each concept the
    documents (of those naming the other side) that use it for the relationship / for others."""
    labels = labels or {}
    h = f"h{heading_level}"
    by = {}
    for r in monthly(corpus):
        by.setdefault(r["frame"], []).append(r)
    out = []
    for f in corpus.table("frames"):
        rows = by.get(f["id"], [])
        head = "".join(f"<th scope='col' colspan='2'>{_e(labels.get(c, c))}</th>" for c in concepts)
        sub = "".join("<th scope='col'>relation&shy;ship</th><th scope='col'>others</th>" for _ in concepts)
        body = []
        for r in rows:
            cells = "".join(
                f"<td class='n'>{r['concepts'].get(c, {}).get('relationship', 0)}</td>"
                f"<td class='n o'>{r['concepts'].get(c, {}).get('other', 0)}</td>" for c in concepts)
            body.append(f"<tr><th scope='row'>{_e(_month(r['month']))}</th><td class='n'>{r['documents']}</td>"
                        f"<td class='n'>{r['mentioning_other_side']}</td>{cells}</tr>")
        den = sum(r["concepts"].get(c, {}).get("denial", 0) for r in rows for c in concepts)
        out.append(
            f"<{h}><code>{_e(f['id'])}</code>: {_e(f['publisher'])} ({_e(_LANG.get(f['language']))}, "
            + (f"{_e(f['from'][:7])} to {_e(f['to'][:7])})" if f["from"] and f["to"] else "no dated document)")
            + f"</{h}>"
            f"<table class='xf-t xf-m'><caption>Documents per month in this frame; the concept columns count "
            f"documents that name {_e(f['other_side'])} and use the concept for the relationship, or only for others"
            f"{f' ({den} with a denial)' if den else ''}.</caption><thead><tr><th scope='col' rowspan='2'>Month</th>"
            f"<th scope='col' rowspan='2'>Documents</th><th scope='col' rowspan='2'>Naming "
            f"{_e(f['other_side'])}</th>{head}</tr><tr>{sub}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return _HTML(f"<section class='xf'>{STYLE}{''.join(out)}</section>")


def frame_lines_view(corpus, concepts: list[str], labels: dict[str, str] | None = None,
                     heading_level: int = 3) -> _HTML:
    """Every matching sentence of the documents naming the other side, by frame, concept and referent, each
    with its date and a link into the document; the matched word is marked."""
    labels = labels or {}
    h = f"h{heading_level}"
    lines = corpus.table("frame_lines")
    out = []
    for f in corpus.table("frames"):
        mine = [r for r in lines if r["frame"] == f["id"] and r["concept"] in concepts]
        if not mine:
            continue
        out.append(f"<{h}><code>{_e(f['id'])}</code></{h}>")
        for c in concepts:
            for ref in ("relationship", "denial", "other"):
                sel = [r for r in mine if r["concept"] == c and r["referent"] == ref]
                if not sel:
                    continue
                items = []
                for r in sel:
                    s, a = r["sentence"], r["start"]
                    b = a + len(r["word"])
                    rule = "" if r["why"].startswith("ANCHOR") else f" · rule <code>{_e(r['why'])}</code>"
                    items.append(
                        f"<li lang='{_e(f['language'])}'>{_e(s[:a])}<mark>{_e(s[a:b])}</mark>{_e(s[b:])} "
                        f"<span class='xf-meta'>— {_e(r['date'])}, <a href='{_e(r['link'])}'>{_e(r['document'])}</a>"
                        f"{rule}</span></li>")
                out.append(f"<details open><summary>{_e(labels.get(c, c))}, {_e(REFERENT_LABELS[ref])} "
                           f"({len(sel)})</summary><ol>{''.join(items)}</ol></details>")
    if not out:
        return _HTML("<p>No matching sentence in the derived frame data.</p>")
    style = ("<style>.xf-l li{margin:.25em 0;line-height:1.4}.xf-l mark{background:#ffe08a;font-weight:600}"
             ".xf-l .xf-meta{color:#666;font-size:.85em}.xf-l summary{font-weight:600;cursor:pointer}</style>")
    return _HTML(f"<section class='xf xf-l'>{style}{''.join(out)}</section>")


def claims_evidence_view(table, heading_level: int = 3) -> _HTML:
    """The claims table (explainer.claims.check_claims) reduced to: claim, verdict, what carries it, and
    what the complete texts add."""
    rows = "".join(
        f"<tr><td>{_e(r.claim)}</td><td><strong>{_e(r.verdict)}</strong><br><small>{_e(r.reason)}</small></td>"
        f"<td>{_e(r.carried_by)}</td><td><small>{_e(r.complete_texts)}</small></td></tr>"
        for r in table.itertuples())
    return _HTML(
        f"{STYLE}<table class='xf-t'><caption>Each verdict, what carries it, and what the complete-text frames add."
        "</caption><thead><tr><th scope='col'>Claim</th><th scope='col'>Verdict and reason</th>"
        "<th scope='col'>Carried by</th><th scope='col'>Complete texts</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>")


def precision_view(score_table, sample_size: int, held_out: int, held_table=None,
                   labels: dict[str, str] | None = None) -> _HTML:
    """The referent rules' precision and recall per concept and language against the labelled sample, and
    (``held_table``) on the held-out sentences only."""
    def pct(x):
        return "–" if x is None or x != x else f"{x:.2f}"

    held = {} if held_table is None else {(r.concept, r.language): r for r in held_table.itertuples()}
    rows = []
    for r in score_table.itertuples():
        h = held.get((r.concept, r.language))
        rows.append(
            f"<tr><th scope='row'>{_e((labels or {}).get(r.concept, r.concept))}</th>"
            f"<td>{_e(_LANG.get(r.language, r.language))}</td>"
            f"<td class='n'>{r.sentences}</td><td class='n'>{r.labelled_relationship}</td>"
            f"<td class='n'>{r.predicted_relationship}</td><td class='n'>{pct(r.precision)}</td>"
            f"<td class='n'>{pct(r.recall)}</td><td class='n'>{h.sentences if h else 0}</td>"
            f"<td class='n'>{pct(h.precision) if h else '–'}</td><td class='n'>{pct(h.recall) if h else '–'}</td></tr>")
    return _HTML(
        f"{STYLE}<table class='xf-t'><caption>Rules against {sample_size} sentences labelled by reading "
        f"({held_out} of them held out: not looked at while the rules were written). <em>Precision</em>: of the "
        f"matches the rules call the relationship, the share a reader does too; <em>recall</em>: of the "
        f"sentences a reader calls the relationship, the share the rules find.</caption>"
        f"<thead><tr><th scope='col' rowspan='2'>Concept</th><th scope='col' rowspan='2'>Language</th>"
        f"<th scope='colgroup' colspan='5'>All labelled sentences</th><th scope='colgroup' colspan='3'>Held out</th>"
        f"</tr><tr><th scope='col'>Sentences</th>"
        f"<th scope='col'>Labelled relationship</th><th scope='col'>Rules say relationship</th>"
        f"<th scope='col'>Precision</th><th scope='col'>Recall</th><th scope='col'>Sentences</th>"
        f"<th scope='col'>Precision</th><th scope='col'>Recall</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def precision_for(corpus) -> _HTML:
    """:func:`precision_view` of the corpus's labelled sample and lexicon."""
    from .referents import score
    from .terms import load_lexicon

    sample = corpus.table("referent_sample")
    lex = load_lexicon(corpus)
    held = [r for r in sample if not r["tuned_on"]]
    return precision_view(score(sample, lex), len(sample), len(held), score(held, lex),
                          {c: lex.label(c) for c in lex.concepts})


def claims_evidence_for(corpus) -> _HTML:
    """:func:`claims_evidence_view` of the corpus's claims."""
    from .claims import check_claims

    return claims_evidence_view(check_claims(corpus))


def statement_referents_view(corpus, labels: dict[str, str] | None = None) -> _HTML:
    """The statements' matches that the referent rules put on others or read as denials: shown, and counted
    apart from the concept (they are not in the counts above)."""
    from .frames import statement_lines

    labels = labels or {}
    sts = corpus.statements
    items = []
    for r in statement_lines(corpus, referent="all"):
        if r["referent"] == "relationship":
            continue
        s, a = r["sentence"], r["start"]
        b = a + len(r["word"])
        st = sts[r["document"]]
        link = (f"<a href='{_e(r['link'])}'>{_e(r['document'])}</a>" if r["link"] else _e(r["document"]))
        items.append(
            f"<li lang='{_e(st.language)}'><strong>{_e(REFERENT_LABELS[r['referent']])}</strong> · "
            f"{_e(labels.get(r['concept'], r['concept']))}: {_e(s[:a])}<mark>{_e(s[a:b])}</mark>{_e(s[b:])} "
            f"<span class='xf-meta'>— {_e(st.speaker)}, {_e(r['date'])}, {link} · rule <code>{_e(r['why'])}</code>"
            f"</span></li>")
    if not items:
        return _HTML("<p>No statement uses a concept's words for others or in a denial.</p>")
    return _HTML(f"<section class='xf xf-l'><ol>{''.join(items)}</ol></section>")

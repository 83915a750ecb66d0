"""The front page's story in one screen, computed from the data: what the focus clause of the first family said in
its oldest linked ancestor and says now (quoted, with sources), the two sides' words in one small figure, how much
of the treaty we hold, and the way into the reader. Also the publishers table (page 04).

Everything from data is escaped; the figure is plain HTML (bars with their numbers written out), so it reads
without CSS and prints as it is shown.
"""

from __future__ import annotations

from .align import LANGUAGE_NAMES
from .coverage import holdings
from .reader import family_href, reader_href
from .records import Corpus, Witness, plural
from .views import clause_name, link_item
from .views import e as esc


def _best_english(corpus: Corpus, clause_id: str) -> Witness | None:
    ws = [w for w in corpus.witnesses_of(clause_id, language="en") if w.kind == "quotation"]
    complete = [w for w in ws if w.complete]
    return (complete or ws or [None])[0]


def _ancestor(corpus: Corpus, family_id: str) -> str | None:
    """The focus clause's oldest linked predecessor (a link into the focus of a type other than 'related')."""
    fam = corpus.families[family_id]
    cands = [lk.source for lk in corpus.links_of(family_id) if lk.target == fam.focus and lk.type != "related"]
    cands.sort(key=lambda c: corpus.treaties[corpus.clauses[c].treaty].signed_date or "")
    return cands[0] if cands else None


def _quote(corpus: Corpus, w: Witness) -> str:
    src = (f"<a href='{esc(w.source_url)}'>{esc(w.rendered_by.split('(')[0].strip())}</a>"
           if w.source_url and w.source_url.startswith("http") else esc(w.rendered_by))
    cut = "" if w.complete else " (truncated)"
    return (f"<blockquote lang='{esc(w.language)}'>{esc(w.text)}</blockquote>"
            f"<p class='fr-src'>{esc(w.status)}{cut}, {src}, {esc(w.published or 'date not given')} · record "
            f"<code>{esc(w.id)}</code></p>")


def story(corpus: Corpus, family_id: str | None = None, level: int = 2, words=None) -> str:
    """The story block (an HTML string), or '' when the data has no family with a linked ancestor."""
    fams = [family_id] if family_id else list(corpus.families)
    for fid in fams:  # the first family with a linked ancestor and an English text of both clauses
        old, new = _ancestor(corpus, fid), corpus.families[fid].focus
        wo, wn = (_best_english(corpus, old), _best_english(corpus, new)) if old else (None, None)
        if wo and wn:
            break
    else:
        return ""
    t_new = corpus.treaties[corpus.clauses[new].treaty]
    t_old = corpus.treaties[corpus.clauses[old].treaty]
    link = next(lk for lk in corpus.links_of(fid) if lk.source == old and lk.target == new)
    h = holdings(corpus, t_new.id)
    names = [LANGUAGE_NAMES.get(x, x) for x in t_new.authentic_languages]
    auth = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    hl, h2 = f"h{level}", f"h{level + 1}"
    out = [
        f"<div class='fr-story'><{hl}>The promise, then and now</{hl}>",
        "<div class='fr-pair'>",
        *(f"<div><{h2}>{esc((t.signed_date or '')[:4])}: {esc(clause_name(corpus, c))}</{h2}>{_quote(corpus, w)}</div>"
          for t, c, w in ((t_old, old, wo), (t_new, new, wn))),
        "</div>",
        "<div class='fr-link'>" + link_item(corpus, link, tag="div") + "</div>",
        f"<p>Both quotations are English "
        f"renderings; the treaty's own languages are {esc(auth)}. The "
        f"<a href='{esc(family_href(fid))}'>clause family page</a> sets every rendering side by side.</p>",
    ]
    out.append("<div class='fr-pair'><div>")
    out.append(
        f"<p><strong>How much of the {esc(t_new.short_title)} we hold:</strong> of its {h.parts} parts, "
        f"{h.worded} have wording of some kind in our sources, {h.complete_authentic} a complete text in an "
        f"authentic language (a press quotation, not an official copy), and {h.gaps} none at all"
        + (f" ({h.topic_only} of them known only by topic)" if h.topic_only else "") + ".</p>"
        f"<p class='fr-go'><a href='{esc(reader_href(t_new.id))}'>Read the whole treaty, part by part →</a></p>"
        "</div><div>" + (two_sides(words, level + 1) if words is not None else "") + "</div></div></div>"
    )
    return "".join(out)


def two_sides(words, level: int = 3, n: int = 3) -> str:
    """One small figure: for the concepts on which the DPRK's and Russia's officials differ most, the share of
    each side's original-language sayings that use them (``WordCounts.table``), with the counts written out."""
    t = words.table("side", original_only=True)
    t = t[t["side"].isin(("DPRK", "Russia"))]
    if t.empty:
        return ""
    wide = t.pivot_table(index="label", columns="side", values="share", aggfunc="first").fillna(0)
    if not {"DPRK", "Russia"} <= set(wide.columns):
        return ""
    order = (wide["DPRK"] - wide["Russia"]).abs().sort_values(ascending=False).index[:n]
    rows = []
    for label in order:
        cells = []
        for side in ("DPRK", "Russia"):
            r = t[(t["label"] == label) & (t["side"] == side)].iloc[0]
            pct = round(100 * float(r["share"]))
            cells.append(
                f"<td><span class='fr-track' aria-hidden='true'><span class='fr-bar fr-{side.lower()}' "
                f"style='width:{pct}%'></span></span>"
                f"<span class='fr-n'>{int(r['statements_with'])} of {int(r['statements'])} ({pct}%)</span></td>"
            )
        rows.append(f"<tr><th scope='row'>{esc(label)}</th>{''.join(cells)}</tr>")
    total = int(t.drop_duplicates("side")["statements"].sum())
    return (
        f"<{'h' + str(level)}>The two sides' words</{'h' + str(level)}>"
        "<table class='fr-fig'><caption>Sayings using each concept, per side: the three concepts on which the "
        f"sides differ most ({plural(total, 'original-language saying')} of officials; a sentence held by several "
        "outlets counts once; quotations chosen by journalists, not transcripts).</caption>"
        "<thead><tr><th scope='col'>Concept</th><th scope='col'>DPRK officials</th>"
        f"<th scope='col'>Russian officials</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "<p class='fr-src'>How the words are counted: <a href='03-officials-words.html'>03 Officials' words</a>.</p>"
    )


STORY_CSS = (
    "#ID .fr-pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}"
    "@media (max-width:800px){#ID .fr-pair{grid-template-columns:1fr}}"
    "#ID blockquote{margin:.3em 0;padding:.3em .8em;border-left:4px solid #1f3b63;background:#f4f6f9}"
    "#ID .fr-src{font-size:.85em;color:#333;margin:.2em 0}"
    "#ID .fr-go a{font-size:1.15em;font-weight:700}"
    "#ID table.fr-fig{border-collapse:collapse;font-size:.85em;width:100%}"
    "#ID .fr-pair h3,#ID .fr-pair h4{font-size:1.05em;margin:.3em 0}"
    "#ID .fr-fig th,#ID .fr-fig td{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:middle}"
    "#ID .fr-fig caption{font-size:.85em;text-align:left;color:#333}"
    "#ID .fr-track{display:inline-block;width:4em;height:.8em;margin-right:.4em;vertical-align:middle;"
    "background:#eee}#ID .fr-bar{display:block;height:100%}"
    "#ID .fr-dprk{background:#8a1c1c}#ID .fr-russia{background:#1f3b63}"
    "#ID .fr-n{white-space:nowrap}"
    "@media print{#ID .fr-pair{grid-template-columns:1fr}}"
)


def story_view(corpus: Corpus, level: int = 2, words=None):
    """The story as a notebook output (a :class:`explainer.pages.Fragment` with scoped style)."""
    from .pages import Fragment

    return Fragment("story", story(corpus, level=level, words=words), STORY_CSS)


def publishers_table(corpus: Corpus) -> str:
    """Publishers of the quoted texts with how many witnesses and statements each gave, folded."""
    counts: dict[str, list[int]] = {}
    for w in corpus.witnesses.values():
        counts.setdefault(w.rendered_by or "unknown", [0, 0])[0] += 1
    for s in corpus.statements.values():
        counts.setdefault(s.translator_or_publisher or "unknown", [0, 0])[1] += 1
    rows = "\n".join(f"<tr><td>{esc(k)}</td><td>{v[0]}</td><td>{v[1]}</td></tr>"
                     for k, v in sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0])))
    return (
        f"<details class='fr-publishers'><summary>Publishers of the texts we quote ({len(counts)})</summary>"
        "<table><thead><tr><th scope='col'>Publisher</th><th scope='col'>Treaty texts</th>"
        f"<th scope='col'>Statements</th></tr></thead><tbody>\n{rows}\n</tbody></table></details>"
    )


def publishers(corpus: Corpus):
    from .pages import Fragment

    return Fragment("publishers", publishers_table(corpus),
                    "#ID table{border-collapse:collapse;font-size:.9em}#ID th,#ID td{border:1px solid #999;"
                    "padding:.2em .5em;text-align:left}")

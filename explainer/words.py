"""One call for the officials'-words notebook: counts, context lines and labels from one corpus."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .records import Corpus
from .terms import Lexicon, count_statements, kwic, load_lexicon


@dataclass(frozen=True)
class WordCounts:
    lexicon: Lexicon
    counts: pd.DataFrame  # one row per statement x concept (terms.count_statements)
    lines: pd.DataFrame  # KWIC lines (terms.kwic)
    labels: dict[str, str]  # concept -> readable label

    @property
    def statements(self) -> int:
        return self.counts["statement_id"].nunique()


    def table(self, by: str = "side", *, original_only: bool = False,
              sides: tuple[str, ...] = ("DPRK", "Russia")):
        """Rates with their denominators, one row per group x concept (readable concept labels)."""
        from .terms import aggregate

        c = self.counts[self.counts["side"].isin(sides)]
        if original_only:
            c = c[~c["is_translation"]]
        out = aggregate(c, by=by)
        out.insert(out.columns.get_loc("concept") + 1, "label", out["concept"].map(self.labels))
        return out.round({"share": 2, "rate_per_1000": 2})

    def rates_view(self, by: str = "side", *, original_only: bool = False,
                   sides: tuple[str, ...] = ("DPRK", "Russia"), heading_level: int = 3):
        """:meth:`table` as a readable HTML table (labels, no index, share as a percentage, small groups
        flagged); it fits a printed page."""
        from .views import _component, e

        t = self.table(by, original_only=original_only, sides=sides)
        has_note = bool(t["small"].any())
        rows = []
        for r in t.itertuples(index=False):
            rate = "–" if pd.isna(r.rate_per_1000) else f"{r.rate_per_1000:.2f}"
            rows.append(f'<tr><th scope="row">{e(getattr(r, by))}</th><td class="rt-l">{e(r.label)}</td>'
                        f"<td>{int(r.statements_with)} of {int(r.statements)}</td><td>{r.share:.0%}</td>"
                        f"<td>{int(r.hits)}</td><td>{int(r.words):,}</td><td>{rate}</td>"
                        + (f"<td class=\"rt-l\">{'small group' if r.small else ''}</td>" if has_note else "")
                        + "</tr>")
        css = ("table.rt{border-collapse:collapse;font-size:.9em;table-layout:auto}.rt th,.rt td{padding:.25em .6em;"
               "text-align:right!important;vertical-align:top}.rt .rt-l,.rt th[scope=row]{text-align:left!important}"
               ".rt thead th{vertical-align:bottom}")
        counted = "original-language records" if original_only else "all records (incl. translations)"
        body = (f'<style>{css}</style><table class="rt"><thead><tr><th scope="col">{e(by.capitalize())}</th>'
                '<th scope="col" class="rt-l">Concept</th><th scope="col">Statements mentioning it</th>'
                '<th scope="col">Share</th><th scope="col">Hits</th><th scope="col">Words</th>'
                '<th scope="col">Hits per 1,000 words</th>'
                + ('<th scope="col" class="rt-l">Note</th>' if has_note else "") + "</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")
        return _component(f"rates-{by}", f"Rates by {by} ({counted})", heading_level, body, [], [])

    def speaker_grid(self, min_statements: int = 2, heading_level: int = 3, sides=("DPRK", "Russia")):
        """Speaker × concept shares as an HTML table; see :func:`speaker_grid`."""
        return speaker_grid(self.counts, self.labels, min_statements, heading_level, sides)


# Share bins of the grid: (upper bound, background, text colour); each pair passes WCAG AA contrast.
GRID_BINS = ((0.2, "#deebf7", "#111"), (0.4, "#9ecae1", "#111"), (0.6, "#6baed6", "#111"),
             (0.8, "#2171b5", "#fff"), (1.01, "#08306b", "#fff"))
_GRID_CSS = (".sg-wrap{overflow-x:auto}table.sg{border-collapse:collapse;font-size:.88em;table-layout:auto}"
             ".sg th,.sg td{border:1px solid #bbb;padding:.3em .45em;text-align:center}"
             ".sg th[scope=row]{text-align:left;font-weight:normal;min-width:8em;max-width:13em}"
             ".sg thead th{font-size:.9em;vertical-align:bottom}"
             ".sg td{-webkit-print-color-adjust:exact;print-color-adjust:exact;min-width:3em}"
             ".sg td small{display:block;font-size:.78em}.sg .sg-side{font-size:.8em;color:#444}"
             # print: nine columns on a sheet; `section.xv table.sg` outranks the site's print rule for tables
             "@media print{section.xv table.sg{font-size:10px!important}.sg th[scope=row],.sg td{min-width:0!important}"
             ".sg th,.sg td{padding:.2em .25em!important;overflow-wrap:break-word!important}}"
             ".sg-key span{display:inline-block;padding:0 .5em;margin-right:.2em;border:1px solid #bbb;"
             "-webkit-print-color-adjust:exact;print-color-adjust:exact}")


def _grid_cell(r) -> str:
    if pd.isna(r.statements) or not r.statements:
        return '<td title="no record">–</td>'
    share = float(r.share)
    bg, fg = ("#fff", "#111") if share == 0 else next((b, f) for top, b, f in GRID_BINS if share < top)
    return (f'<td style="background:{bg};color:{fg}">{share:.0%}'
            f"<small>{int(r.statements_with)} of {int(r.statements)}</small></td>")


def speaker_grid(counts: pd.DataFrame, labels: dict[str, str] | None = None, min_statements: int = 2,
                 heading_level: int = 3, sides=("DPRK", "Russia")):
    """Speaker × concept: the share of each speaker's statements that mention each concept, as an HTML table
    with the counts behind each share ("2 of 5"), one table per counting subset with buttons to switch (all
    tables print). The same numbers as :func:`figures.speaker_heatmap`, without plotly.js."""
    from .figures import SUBSETS, speaker_shares
    from .views import _component, e

    labels = labels or {}
    speakers, concepts, frames = speaker_shares(counts, min_statements, sides)
    side_of = counts.drop_duplicates("speaker").set_index("speaker")["side"]
    head = "".join(f'<th scope="col">{e(labels.get(c, c))}</th>' for c in concepts)
    states = []
    for key, label in SUBSETS:
        rows = []
        for sp in speakers:
            cells = "".join(_grid_cell(r) for r in frames[key].loc[sp].itertuples())
            rows.append(f'<tr><th scope="row">{e(sp)} <span class="sg-side">{e(side_of[sp])}</span></th>{cells}</tr>')
        states.append((key, f"Counting: {label.lower()}",
                       f'<div class="sg-wrap"><table class="sg"><thead><tr><th scope="col">Speaker</th>{head}'
                       f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"))
    lo, shades = 0.0, ['<span style="background:#fff;color:#111">none</span>']
    for top, bg, fg in GRID_BINS:
        span = f"under {top:.0%}" if lo == 0 else f"{lo:.0%}–{min(top, 1.0):.0%}"
        shades.append(f'<span style="background:{bg};color:{fg}">{span}</span>')
        lo = top
    top_html = (f"<style>{_GRID_CSS}</style><p>Each cell: the share of the speaker's statements that mention the "
                f"concept, and the counts behind it. Speakers with fewer than {int(min_statements)} statements are "
                f"left out; – means the speaker has no record in that subset.</p>"
                f'<p class="sg-key">Shading: {"".join(shades)}</p>')
    return _component("speaker-grid", "Which speaker uses which words", heading_level, top_html,
                      [("Counting", list(SUBSETS))], states)


def word_counts(corpus: Corpus, *, method: str = "stem") -> WordCounts:
    """Count every lexicon concept in every statement of the corpus, with context lines."""
    lex = load_lexicon(corpus)
    sts = list(corpus.statements.values())
    return WordCounts(
        lexicon=lex,
        counts=count_statements(sts, lex, method=method),
        lines=kwic(sts, lex, method=method),
        labels={c: lex.label(c) for c in lex.concepts},
    )


class ClaimsView:
    """The claims table as an accessible HTML table: full claim text, verdict, reason, record ids."""

    def __init__(self, table: pd.DataFrame, corpus: Corpus, heading_level: int = 3):
        self.table, self.corpus, self.level = table, corpus, heading_level

    def _repr_html_(self) -> str:
        import hashlib
        from html import escape as e

        from .pages import lookup, source_html

        def ids(v) -> str:
            items = list(v) if isinstance(v, list | tuple) else [x for x in str(v).strip("[]").split(", ") if x]
            return ", ".join(e(str(x).strip("'\"")) for x in items) or "—"

        rows = []
        for r in self.table.itertuples(index=False):
            src = (source_html(self.corpus, lookup(self.corpus, r.source)) if isinstance(r.source, str)
                   else "our finding")
            rows.append(
                f"<tr><td>{e(str(r.claim))}<div class='cl-src'>{e(str(r.who))}, {e(str(r.when))}. {src}</div></td>"
                f"<td><strong>{e(str(r.verdict))}</strong></td><td>{e(str(r.reason))}</td>"
                f"<td class='cl-ids'>{ids(r.supporting)}</td><td class='cl-ids'>{ids(r.against)}</td></tr>"
            )
        body = "".join(rows)
        uid = "claims-" + hashlib.sha1(body.encode()).hexdigest()[:10]
        h = f"h{self.level}"
        return (
            f"<section id='{uid}'><style>#{uid} table{{border-collapse:collapse;font-size:.92em}}"
            f"#{uid} th,#{uid} td{{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}}"
            f"#{uid} .cl-src{{color:#444;font-size:.85em;margin-top:.3em}}"
            f"#{uid} .cl-ids{{font-size:.8em;word-break:break-word;max-width:14em}}</style>"
            f"<{h}>Claims and verdicts</{h}><table><thead><tr><th scope='col'>Claim (who, when, where made)</th>"
            f"<th scope='col'>Verdict</th><th scope='col'>Why</th><th scope='col'>Records that support</th>"
            f"<th scope='col'>Records against</th></tr></thead><tbody>{body}</tbody></table></section>"
        )


def claims_view(corpus: Corpus, heading_level: int = 3) -> ClaimsView:
    from .claims import check_claims

    return ClaimsView(check_claims(corpus), corpus, heading_level)

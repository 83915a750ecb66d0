"""One call for the officials'-words notebook: counts, context lines and labels from one corpus."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .records import Corpus
from .terms import Lexicon, count_statements, kwic, load_lexicon
from .timeline import days_between


@dataclass(frozen=True)
class WordCounts:
    lexicon: Lexicon
    counts: pd.DataFrame  # one row per statement x concept (terms.count_statements)
    lines: pd.DataFrame  # KWIC lines (terms.kwic)
    labels: dict[str, str]  # concept -> readable label

    @property
    def statements(self) -> int:
        return self.counts["statement_id"].nunique()

    @property
    def sayings(self) -> int:
        """Officials' sayings (records of one saying count once; state-media-only sayings left out)."""
        from .sayings import collapse

        return collapse(self.counts)["statement_id"].nunique()


    def table(self, by: str = "side", *, original_only: bool = False,
              sides: tuple[str, ...] = ("DPRK", "Russia")):
        """Rates with their denominators, one row per group x concept (readable concept labels)."""
        from .sayings import collapse
        from .terms import aggregate

        c = self.counts
        if original_only:
            c = c[~c["is_translation"].astype(bool)]
        c = collapse(c)  # one row per saying x concept, on the saying's side
        out = aggregate(c[c["side"].isin(sides)], by=by)
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
                        f"<td>{int(r.occasions_with)} of {int(r.occasions)}</td>"
                        f"<td>{int(r.hits)}</td><td>{int(r.words):,}</td><td>{rate}</td>"
                        + (f"<td class=\"rt-l\">{'small group' if r.small else ''}</td>" if has_note else "")
                        + "</tr>")
        css = ("table.rt{border-collapse:collapse;font-size:.9em;table-layout:auto}.rt th,.rt td{padding:.25em .6em;"
               "text-align:right!important;vertical-align:top}.rt .rt-l,.rt th[scope=row]{text-align:left!important}"
               ".rt thead th{vertical-align:bottom}")
        from .figures import SUBSETS

        counted = dict(SUBSETS)["original" if original_only else "all"].lower()
        body = (f'<style>{css}</style><table class="rt"><thead><tr>'
                f'<th scope="col" class="rt-l">{e(by.capitalize())}</th>'
                '<th scope="col" class="rt-l">Concept</th><th scope="col">Sayings using it</th>'
                '<th scope="col">Share of sayings</th><th scope="col">Occasions using it</th>'
                '<th scope="col">Hits</th><th scope="col">Words</th>'
                '<th scope="col">Hits per 1,000 words (not comparable across languages)</th>'
                + ('<th scope="col" class="rt-l">Note</th>' if has_note else "") + "</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")
        return _component(f"rates-{by}", f"Shares by {by}: {counted}", heading_level, body, [], [])

    def lexicon_view(self, heading_level: int = 3):
        """What counts as each concept: per concept and language, the rules that count (the pattern and our
        reason) and the exclusions, as a table; each concept folds open (print opens them all)."""
        from .views import _component, e

        names = {"en": "English", "ru": "Russian", "ko": "Korean"}
        blocks = []
        for concept, info in self.lexicon.concepts.items():
            rows = []
            for r in self.lexicon.rules:
                if r.concept != concept:
                    continue
                kind = ("counts" if r.kind == "match" else "does not count") + (
                    " (capitals matter)" if r.case_sensitive else "")
                rows.append(f'<tr><td>{e(names.get(r.language, r.language))}</td><td>{kind}</td>'
                            f'<td><code lang="{e(r.language)}">{e(r.pattern)}</code></td><td>{e(r.reason)}</td></tr>')
            blocks.append(
                f"<details class=\"lx\"><summary>{e(info.get('label', concept))} "
                f"<small>({e(concept)}, {len(rows)} rules)</small></summary><p>{e(info.get('description', ''))}</p>"
                '<table class="lx-t"><colgroup><col style="width:10%"><col style="width:13%">'
                '<col style="width:32%"><col style="width:45%"></colgroup>'
                f'<thead><tr><th scope="col">Language</th><th scope="col">Rule</th>'
                f'<th scope="col">Pattern</th><th scope="col">Why</th></tr></thead><tbody>{"".join(rows)}</tbody>'
                f"</table></details>"
            )
        css = (".lx summary{cursor:pointer;padding:.2em 0}.lx-t{border-collapse:collapse;font-size:.85em;"
               "table-layout:fixed;width:100%}.lx-t th,.lx-t td{border:1px solid #bbb;padding:.25em .45em;"
               "vertical-align:top;text-align:left!important}"
               ".lx-t code{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95em}")
        top = (f"<style>{css}</style><p>Each pattern is a regular expression. It is matched on lower-cased text "
               "unless the rule says capitals matter, as whole words in English and Russian; Korean stems also "
               "match inside words, because particles attach to them. Before matching, North Korean spellings "
               "are mapped to South Korean ones and an outlet's glosses in brackets are blanked. A match that "
               "overlaps an exclusion is not counted. Open a concept to see its rules.</p>" + "".join(blocks))
        return _component("lexicon", "What counts as each concept (the lexicon)", heading_level, top, [], [])

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
    days = int(r.occasions)
    return (f'<td style="background:{bg};color:{fg}">{share:.0%}'
            f"<small>{int(r.statements_with)} of {int(r.statements)}</small>"
            f"<small>{int(r.occasions_with)} of {days} {'day' if days == 1 else 'days'}</small></td>")


def speaker_grid(counts: pd.DataFrame, labels: dict[str, str] | None = None, min_statements: int = 2,
                 heading_level: int = 3, sides=("DPRK", "Russia")):
    """Speaker × concept: the share of each speaker's statements that mention each concept, as an HTML table
    with the counts behind each share ("2 of 5"), one table per counting subset with buttons to switch (all
    tables print). The same numbers as :func:`figures.speaker_heatmap`, without plotly.js."""
    from .figures import SUBSETS, speaker_shares
    from .views import _component, e

    labels = labels or {}
    speakers, concepts, frames = speaker_shares(counts, min_statements, sides)
    from .sayings import collapse

    said = collapse(counts)  # a saying's speaker and side are its principal record's
    side_of = said.drop_duplicates("speaker").set_index("speaker")["side"]
    head = "".join(f'<th scope="col">{e(labels.get(c, c))}</th>' for c in concepts)
    states = []
    for key, label in SUBSETS:
        rows, absent = [], []
        for sp in speakers:
            frame = frames[key].loc[sp]
            if frame["statements"].isna().all():
                absent.append(sp)
                continue
            cells = "".join(_grid_cell(r) for r in frame.itertuples())
            rows.append(f'<tr><th scope="row">{e(sp)} <span class="sg-side">{e(side_of[sp])}</span></th>{cells}</tr>')
        left_out = (f'<p class="sg-absent">No record in this subset, so not shown: {e(", ".join(absent))}.</p>'
                    if absent else "")
        states.append((key, f"Counting: {label.lower()}",
                       f'<div class="sg-wrap"><table class="sg"><thead><tr><th scope="col">Speaker</th>{head}'
                       f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{left_out}"))
    lo, shades = 0.0, ['<span style="background:#fff;color:#111">none</span>']
    for top, bg, fg in GRID_BINS:
        span = f"under {top:.0%}" if lo == 0 else f"{lo:.0%}–{min(top, 1.0):.0%}"
        shades.append(f'<span style="background:{bg};color:{fg}">{span}</span>')
        lo = top
    top_html = (f"<style>{_GRID_CSS}</style><p>Each cell: the share of the speaker's sayings that use the "
                f"concept, the counts behind it, and on how many of the days we have a saying of that speaker the "
                f"concept was used. A saying held by several outlets or in several languages counts once; state "
                f"media are not speakers here. Speakers with fewer than {int(min_statements)} sayings are left "
                f"out.</p>"
                f'<p class="sg-key">Shading: {"".join(shades)}</p>')
    return _component("speaker-grid", "Which speaker uses which words", heading_level, top_html,
                      [("Counting", list(SUBSETS))], states)


def word_counts(corpus: Corpus, *, method: str = "stem") -> WordCounts:
    """Count every lexicon concept in every statement of the corpus, with context lines; both frames carry
    each record's saying and flags (:func:`explainer.sayings.attach`)."""
    from .sayings import attach, sayings_of

    lex = load_lexicon(corpus)
    sts = list(corpus.statements.values())
    sayings = sayings_of(corpus)
    return WordCounts(
        lexicon=lex,
        counts=attach(count_statements(sts, lex, method=method), corpus, sayings),
        lines=attach(kwic(sts, lex, method=method), corpus, sayings),
        labels={c: lex.label(c) for c in lex.concepts},
    )


class ClaimsView:
    """The claims table as an accessible HTML table: full claim text, verdict, reason, the records behind the
    verdict in labelled groups, and a key to the verdict rules."""

    def __init__(self, table: pd.DataFrame, corpus: Corpus, heading_level: int = 3):
        self.table, self.corpus, self.level = table, corpus, heading_level

    def _seed_quoted(self) -> set[str]:
        """Statements quoted from an article whose claims the table tests (their ``source`` is that article)."""
        tested = {x for x in self.table.get("source", pd.Series(dtype=object)) if isinstance(x, str)}
        return {sid for sid, st in self.corpus.statements.items() if st.source and st.source in tested}

    def _evidence(self, r) -> str:
        from html import escape as e

        groups = getattr(r, "evidence", None) or ()
        seeded = self._seed_quoted()
        out = []
        for label, ids in groups:
            # a saying is shown as its records joined by " = "; each record seed-quoted is marked
            shown = ", ".join(
                "<span class='cl-id'>" + " = ".join(f"<span class='cl-r'>{e(x)}{'†' if x in seeded else ''}</span>"
                                                     for x in str(i).split(" = "))
                + "</span>" for i in ids) or "none"
            out.append(f"<div class='cl-g'><span class='cl-gl'>{e(str(label))} ({len(ids)}):</span> "
                       f"<span class='cl-ids'>{shown}</span></div>")
        return "".join(out) or "—"

    def _key(self) -> str:
        from html import escape as e

        from .claims import RULES, VERDICTS

        kinds = {"present": "The speaker used the words", "absent": "The speaker did not use the words",
                 "increase": "Later, the words are used more"}
        head = "".join(f"<th scope='col'>{e(v)}</th>" for v in VERDICTS)
        rows = "".join(
            f"<tr><th scope='row'>{e(kinds.get(k, k))}</th>"
            + "".join(f"<td>{e(rules.get(v, ''))}</td>" for v in VERDICTS) + "</tr>"
            for k, rules in RULES.items()
        )
        return (f"<table class='cl-key'><caption>How the verdicts are decided</caption><thead><tr>"
                f"<th scope='col'>Kind of claim</th>{head}</tr></thead><tbody>{rows}</tbody></table>")

    def _repr_html_(self) -> str:
        import hashlib
        from html import escape as e

        from .pages import lookup, source_html

        rows = []
        for r in self.table.itertuples(index=False):
            src = (source_html(self.corpus, lookup(self.corpus, r.source)) if isinstance(r.source, str)
                   else "our finding")
            rows.append(
                f"<tr><td>{e(str(r.claim))}<div class='cl-src'>{e(str(r.who))}, {e(str(r.when))}. {src}</div></td>"
                f"<td><strong>{e(str(r.verdict))}</strong></td><td>{e(str(r.reason))}</td>"
                f"<td class='cl-ev'>{self._evidence(r)}</td></tr>"
            )
        body = "".join(rows)
        uid = "claims-" + hashlib.sha1(body.encode()).hexdigest()[:10]
        h = f"h{self.level}"
        return (
            f"<section id='{uid}'><style>#{uid} table{{border-collapse:collapse;font-size:.92em}}"
            f"#{uid} th,#{uid} td{{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}}"
            f"#{uid} .cl-src{{color:#444;font-size:.85em;margin-top:.3em}}"
            f"#{uid} table.cl-t{{table-layout:fixed;width:100%}}#{uid} .cl-ev{{font-size:.8em}}"
            f"#{uid} .cl-g{{margin-bottom:.3em}}#{uid} .cl-gl{{font-weight:600}}#{uid} .cl-r{{white-space:nowrap}}"
            f"#{uid} table.cl-key{{margin-top:1em;font-size:.85em}}"
            f"#{uid} .cl-key caption{{text-align:left;font-weight:600;padding:.3em 0}}</style>"
            f"<{h}>Claims and verdicts</{h}><table class='cl-t'><colgroup><col style='width:30%'>"
            f"<col style='width:12%'><col style='width:24%'><col style='width:34%'></colgroup>"
            f"<thead><tr><th scope='col'>Claim (who, when, where made)</th>"
            f"<th scope='col'>Verdict</th><th scope='col'>Why</th><th scope='col'>Records behind the verdict</th>"
            f"</tr></thead><tbody>{body}</tbody></table>"
            f"<p class='cl-src'>† quoted in an article whose claims are tested here, so it cannot confirm that "
            f"article on its own: look for records from other outlets.</p>{self._key()}</section>"
        )


def claims_view(corpus: Corpus, heading_level: int = 3) -> ClaimsView:
    from .claims import check_claims

    return ClaimsView(check_claims(corpus), corpus, heading_level)


# --- sentences computed from the data (summary and overview sentences must not be typed by hand) ---------------


def _day(d: str) -> str:
    from .pages import format_date

    return format_date(d)


def corpus_sentence(corpus: Corpus, wc: WordCounts) -> str:
    """What the corpus is, computed: records per source file, dates, full texts, sayings per side, state media."""
    from .sayings import collapse, load_rules

    sts = list(corpus.statements.values())
    by_file: dict[str, int] = {}
    for s in sts:
        f = s.origin.split(" line ")[0].removeprefix("statements/") if s.origin.startswith("statements/") else (
            "seed" if s.source else "other")
        by_file[f] = by_file.get(f, 0) + 1
    files = ", ".join(f"{n} from {f}" for f, n in sorted(by_file.items()) if f not in ("seed", "other"))
    seed = by_file.get("seed", 0)
    full = sum(s.completeness == "full text" for s in sts)
    archives = sum(s.retrieved_via.startswith("file in a public GitHub repository") for s in sts)
    first, last = min(s.date for s in sts), max(s.date for s in sts)
    names = {"en": "English", "ru": "Russian", "ko": "Korean"}
    found = [names.get(x, x) for x in sorted({s.language for s in sts}, key=lambda x: list(names).index(x)
                                             if x in names else 9)]
    langs = ", ".join(found[:-1]) + f" and {found[-1]}" if len(found) > 1 else found[0]
    sy = collapse(wc.counts).drop_duplicates("statement_id")
    sides = sy["side"].value_counts()
    media = load_rules(corpus).state_media
    n_media = sum(s.speaker in media for s in sts)
    return (
        f"The corpus holds {len(sts)} records of what officials, and state media, said ({files}"
        + (f", and {seed} quoted in the two seed articles" if seed else "")
        + f"), dated {_day(first)} to {_day(last)}, in {langs}. {full} are full texts of a message or "
        f"statement; {archives} were read from complete texts in public archives, the others from stored copies "
        f"of web pages (about their first 2,000 characters), so most records are news quotations or excerpts. "
        f"Counted by saying (one sentence held by several outlets, in several languages, "
        f"or as a full text and an excerpt of it counts once) they are {len(sy)} sayings: "
        f"{int(sides.get('DPRK', 0))} by DPRK officials, {int(sides.get('Russia', 0))} by Russian officials and "
        f"{int(sides.get('ROK', 0))} by South Korean officials. {n_media} records are state media "
        f"({', '.join(sorted(media))}): they are not counted as officials' words, except as renderings of a "
        f"saying they carry."
    )


def use_dates(wc: WordCounts, concept: str, side: str) -> list[str]:
    """Dates of the side's sayings that use the concept in the speaker's own language, in order."""
    from .sayings import collapse

    c = collapse(wc.counts[~wc.counts["is_translation"].astype(bool) & (wc.counts["concept"] == concept)])
    return sorted(c.loc[(c["side"] == side) & (c["hits"] > 0), "date"])


def uses_sentence(wc: WordCounts, concept: str, sides=("DPRK", "Russia")) -> str:
    """When each side's own-language sayings use a concept: first and next dates, the longest gap, per year."""
    names = {"DPRK": "DPRK officials", "Russia": "Russian officials"}
    label = wc.labels.get(concept, concept)
    parts = []
    for side in sides:
        ds = use_dates(wc, concept, side)
        who = names.get(side, side)
        if not ds:
            parts.append(f"{who}' own words never use “{label}” in the sayings we hold.")
            continue
        years = {}
        for d in ds:
            years[d[:4]] = years.get(d[:4], 0) + 1
        per_year = ", ".join(f"{n} in {y}" for y, n in sorted(years.items()))
        s = f"{who}' own words use “{label}” in {len(ds)} sayings ({per_year}), first on {_day(ds[0])}"
        if len(ds) > 1:
            s += f", next on {_day(ds[1])}"
            gaps = [(days_between(a, b), a, b) for a, b in zip(ds, ds[1:], strict=False)]
            g, a, b = max(gaps)
            if g > 60:
                s += f"; the longest gap runs from {_day(a)} to {_day(b)}"
        parts.append(s + ".")
    return " ".join(parts)


def framing_view(corpus: Corpus, fits: list[str], across: list[str], heading_level: int = 3):
    """Two columns of records: those that fit the press's framing and those that cut across it, verbatim
    with id, speaker, date, language and source (:func:`pages.quote`'s rendering)."""
    from .pages import _quote_html
    from .views import _component, e

    def col(title: str, ids: list[str]) -> str:
        return (f"<div class='fr-col'><h{heading_level + 1}>{e(title)}</h{heading_level + 1}>"
                + "".join(_quote_html(corpus, i) for i in ids) + "</div>")

    css = (".fr-wrap{display:flex;gap:1.2em;flex-wrap:wrap}.fr-col{flex:1 1 20em;min-width:0}"
           ".fr-col blockquote{margin:.3em 0;padding:.3em .7em;border-left:4px solid #6b6b6b;background:#f6f6f4}"
           ".fr-col .xp-meta{font-size:.88em;color:#333}")
    body = (f"<style>{css}</style><div class='fr-wrap'>"
            + col("Records that fit the framing", fits) + col("Records that cut across it", across) + "</div>")
    return _component("framing", "“Alliance” against “defensive”: the records on both sides", heading_level,
                      body, [], [])


def computed(*sentences: str):
    """Sentences computed from the data as an HTML paragraph (escaped), for a notebook cell."""
    from .pages import Fragment, esc

    return Fragment("computed", "".join(f"<p>{esc(x)}</p>" for x in sentences))

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


    def table(self, by: str = "side", *, original_only: bool = False, sides: tuple[str, ...] = ("DPRK", "Russia")):
        """Rates with their denominators, one row per group x concept (readable concept labels)."""
        from .terms import aggregate

        c = self.counts[self.counts["side"].isin(sides)]
        if original_only:
            c = c[~c["is_translation"]]
        out = aggregate(c, by=by)
        out.insert(out.columns.get_loc("concept") + 1, "label", out["concept"].map(self.labels))
        return out.round({"share": 2, "rate_per_1000": 2})


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
            src = source_html(self.corpus, lookup(self.corpus, r.source)) if isinstance(r.source, str) else "our finding"
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

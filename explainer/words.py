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

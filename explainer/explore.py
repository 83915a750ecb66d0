"""Live exploration of the statements (ipywidgets; needs a running kernel -- tag such cells ``live-only``).

Type any word or phrase (literal by default; a switch turns on regular expressions), pick sides, speakers,
languages and dates; the chart and the KWIC list update. Regular expressions run with the ``regex`` module
and a time limit, so a pathological pattern such as ``(a+)+$`` is stopped with a clear message.
"""

from __future__ import annotations

import html

import pandas as pd

from .terms import _WORD, _kwic_row, _meta, normalise

TIMEOUT_S = 0.5


class SearchError(ValueError):
    """A bad or too slow search pattern; the message is meant for the reader."""


def compile_term(term: str, *, is_regex: bool = False, language: str = "en"):
    """Compile a search term for a language (literal: whole words in en/ru, anywhere inside Korean words)."""
    import regex

    term = term.strip()
    if not term:
        raise SearchError("Type a word or phrase.")
    if is_regex:
        body = term
    else:
        words = [regex.escape(normalise(w, language)) for w in term.split()]
        body = r"[\s\-]+".join(words)
        if language != "ko":
            body = r"(?<!\w)" + body + r"(?!\w)"
    try:
        return regex.compile(body, regex.IGNORECASE | regex.V0)
    except regex.error as e:
        raise SearchError(f"Not a valid regular expression: {e}") from None


def search(
    statements, term: str, *, is_regex: bool = False, timeout: float = TIMEOUT_S, width: int = 60
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-statement counts, KWIC lines) of a free term over statements; raises :class:`SearchError`."""
    import regex  # noqa: F401  (the time limit relies on it)

    rows, lines = [], []
    budget = timeout
    import time

    for st in statements:
        pat = compile_term(term, is_regex=is_regex, language=st.language)
        norm = normalise(st.text, st.language)
        t0 = time.perf_counter()
        try:
            spans = [
                (m.start(), m.end())
                for m in pat.finditer(norm, timeout=max(budget, 1e-3))
                if m.end() > m.start()
            ]
        except TimeoutError:
            raise SearchError(
                f"The pattern took longer than {timeout:g} s and was stopped; "
                "simplify it (nested repetition such as (a+)+ is the usual cause)."
            ) from None
        budget -= time.perf_counter() - t0
        if budget <= 0:
            raise SearchError(f"The pattern took longer than {timeout:g} s and was stopped.")
        rows.append(
            {
                **_meta(st),
                "hits": len(spans),
                "words": len(_WORD.findall(norm)),
            }
        )
        for s, e in spans:
            lines.append(_kwic_row(st, "search", "search", s, e, width))
    return pd.DataFrame(rows), pd.DataFrame(lines)


class Explorer:
    """The live explorer; ``.widget`` is the box to display. Traits can be set from code (tests do)."""

    def __init__(self, statements):
        import ipywidgets as w

        self.statements = list(statements)
        speakers = sorted({s.speaker for s in self.statements})
        dates = sorted({s.date for s in self.statements})
        self.term = w.Text(value="alliance", description="Word", continuous_update=False)
        self.is_regex = w.Checkbox(value=False, description="regular expression")
        self.sides = w.SelectMultiple(
            options=["DPRK", "Russia", "ROK"], value=("DPRK", "Russia"), description="Sides"
        )
        self.speakers = w.SelectMultiple(options=speakers, value=(), description="Speakers", rows=6)
        self.languages = w.SelectMultiple(
            options=["en", "ru", "ko"], value=("en", "ru", "ko"), description="Languages"
        )
        self.original_only = w.Checkbox(value=False, description="original-language only")
        self.dates = w.SelectionRangeSlider(
            options=dates, index=(0, len(dates) - 1), description="Dates", layout={"width": "600px"}
        )
        self.message = w.HTML()
        self.kwic = w.HTML()
        self.chart = w.Output()
        self.counts = pd.DataFrame()
        self.lines = pd.DataFrame()
        self.figure = None
        for c in (
            self.term,
            self.is_regex,
            self.sides,
            self.speakers,
            self.languages,
            self.original_only,
            self.dates,
        ):
            c.observe(lambda _change: self.update(), names="value")
        self.widget = w.VBox(
            [
                w.HBox([self.term, self.is_regex, self.original_only]),
                w.HBox([self.sides, self.languages, self.speakers]),
                self.dates,
                self.message,
                self.chart,
                self.kwic,
            ]
        )
        self.update()

    def selected(self):
        lo, hi = self.dates.value
        sp = set(self.speakers.value)
        return [
            s
            for s in self.statements
            if s.side in self.sides.value
            and s.language in self.languages.value
            and lo <= s.date <= hi
            and (not sp or s.speaker in sp)
            and not (self.original_only.value and s.is_translation)
        ]

    def update(self) -> None:
        from .figures import SIDE_COLOURS
        from .kwic import KwicView

        sts = self.selected()
        try:
            self.counts, self.lines = search(sts, self.term.value, is_regex=self.is_regex.value)
        except SearchError as e:
            self.message.value = f"<p role='alert' style='color:#b00'>{html.escape(str(e))}</p>"
            self.counts, self.lines = pd.DataFrame(), pd.DataFrame()
            self.kwic.value = ""
            return
        if self.counts.empty:
            self.message.value = "<p>No statement matches these filters.</p>"
            self.kwic.value = ""
            self.figure = None
            return
        n_with = int((self.counts["hits"] > 0).sum())
        self.message.value = (
            f"<p>{int(self.counts['hits'].sum())} hits in {n_with} of {len(self.counts)} "
            f"statements ({int(self.counts['words'].sum())} words).</p>"
        )
        self.figure = self._figure(SIDE_COLOURS)
        self.chart.clear_output(wait=True)
        with self.chart:
            self.figure.show()
        labels = {"search": self.term.value}
        self.kwic.value = (
            KwicView(self.lines, labels, title=f"“{self.term.value}” in context").html
            if len(self.lines)
            else "<p>No lines.</p>"
        )

    def _figure(self, colours):
        import plotly.graph_objects as go

        g = (
            self.counts.groupby(["side", "month"])
            .agg(hits=("hits", "sum"), words=("words", "sum"), n=("statement_id", "nunique"))
            .reset_index()
        )
        g["rate"] = 1000 * g["hits"] / g["words"]
        fig = go.Figure()
        for side, d in g.groupby("side"):
            fig.add_bar(
                name=side,
                x=d["month"],
                y=d["rate"],
                customdata=d[["hits", "n", "words"]].values,
                marker_color=colours.get(side),
                hovertemplate="%{x}: %{y:.2f} per 1,000 words<br>%{customdata[0]} hits in "
                "%{customdata[1]} statements (%{customdata[2]} words)<extra></extra>",
            )
        fig.update_layout(
            title={"text": f"“{self.term.value}” per 1,000 words, by month"},
            barmode="group",
            xaxis_type="category",
            template="plotly_white",
        )
        return fig


def explore(corpus=None) -> Explorer:
    """Build the live explorer over the corpus' statements (display ``.widget``)."""
    if corpus is None:
        from .load import load

        corpus = load()
    s = corpus.statements
    return Explorer(list(s.values()) if isinstance(s, dict) else list(s))

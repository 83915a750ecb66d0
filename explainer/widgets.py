"""Live controls (kernel only): an ipywidgets panel driving the same HTML views.

Published pages drop cells tagged ``live-only``; nothing here is needed for the static views.
"""

from __future__ import annotations

from .align import family, members
from .records import Corpus

MODES = ("redline", "versions", "witnesses", "obligations")


def _ipywidgets():
    try:
        import ipywidgets
    except ImportError as exc:  # pragma: no cover - ipywidgets is a dependency
        raise ImportError("compare_panel needs ipywidgets: pip install ipywidgets") from exc
    return ipywidgets


class ComparePanel:
    """family, text_a, text_b, mode → ``output`` (an ``ipywidgets.HTML`` holding the view)."""

    def __init__(self, corpus: Corpus, family_id: str = "mutual-assistance", heading_level: int = 2):
        w = _ipywidgets()
        self.corpus = corpus
        self.heading_level = heading_level
        self.family = w.Dropdown(options=sorted(corpus.families), value=family_id, description="Family")
        self.text_a = w.Dropdown(description="Text A")
        self.text_b = w.Dropdown(description="Text B")
        self.mode = w.ToggleButtons(options=MODES, value="redline", description="View")
        self.output = w.HTML()
        self.widget = w.VBox([self.family, w.HBox([self.text_a, self.text_b]), self.mode, self.output])
        self._fill_texts()
        self.family.observe(self._on_family, names="value")
        for ctl in (self.text_a, self.text_b, self.mode):
            ctl.observe(self._render, names="value")
        self._render()

    def _options(self) -> list[tuple[str, str]]:
        opts = []
        for m in members(self.corpus, self.family.value):
            for wt in self.corpus.witnesses_of(m.clause.id):
                opts.append((f"{m.treaty_title} {m.clause.heading} · {wt.language} · {wt.id}", wt.id))
        return opts

    def _fill_texts(self) -> None:
        opts = self._options()
        self._silent = True
        self.text_a.options = opts
        self.text_b.options = opts
        fam = family(self.corpus, self.family.value)
        focus = [v for _, v in opts if self.corpus.witnesses[v].clause == fam.focus]
        first = [v for _, v in opts if self.corpus.witnesses[v].clause == fam.clauses[0]]
        if opts:
            self.text_a.value = (first or [opts[0][1]])[0]
            self.text_b.value = (focus or [opts[-1][1]])[0]
        self._silent = False

    def _on_family(self, _change=None) -> None:
        self._fill_texts()
        self._render()

    def _render(self, _change=None) -> None:
        if getattr(self, "_silent", False):
            return
        from . import views

        c, lvl = self.corpus, self.heading_level
        if self.mode.value == "versions":
            v = views.version_view(c, self.family.value, lvl)
        elif self.mode.value == "witnesses":
            v = (
                views.witness_view(c, c.witnesses[self.text_a.value].clause, lvl)
                if self.text_a.value
                else None
            )
        elif self.mode.value == "obligations":
            v = views.obligation_matrix(c, self.family.value, lvl)
        else:
            v = (
                views.redline_view(c, self.text_a.value, self.text_b.value, lvl)
                if self.text_a.value and self.text_b.value
                else None
            )
        self.output.value = v.html if v else "<p>No texts held for this family.</p>"

    def _ipython_display_(self):  # pragma: no cover - display hook
        from IPython.display import display

        display(self.widget)


def compare_panel(
    corpus: Corpus, family_id: str = "mutual-assistance", heading_level: int = 2
) -> ComparePanel:
    """An ipywidgets panel (family, text A, text B, view mode) for a live kernel."""
    return ComparePanel(corpus, family_id, heading_level)

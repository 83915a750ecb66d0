"""A small demo notebook set with ipywidgets: what publishes (browser-side widgets) and what is refused.

Used by tests/test_publish.py (build checks) and tests/test_widgets_browser.py (headless Chromium, offline).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}

TOGGLE_STACK = '''\
import ipywidgets as w
versions = w.ToggleButtons(options=["Treaty of 1961", "Treaty of 2024"], description="Version")
stack = w.Stack([w.HTML("<p>Panel one: the 1961 text</p>"), w.HTML("<p>Panel two: the 2024 text</p>")],
                selected_index=0)
w.jslink((versions, "index"), (stack, "selected_index"))
w.VBox([versions, stack])
'''
TAB = '''\
tab = w.Tab([w.HTML("<p>First tab body</p>"), w.HTML("<p>Second tab body</p>")])
tab.titles = ("Korean", "Russian")
tab
'''
ACCORDION = '''\
acc = w.Accordion([w.HTML("<p>Inside the first fold</p>"), w.HTML("<p>Inside the second fold</p>")],
                  titles=("Fold A", "Fold B"))
acc
'''
JSDLINK = '''\
slider = w.IntSlider(value=3, min=0, max=10, description="Articles")
shown = w.IntText(value=0, description="Copied")
w.jsdlink((slider, "value"), (shown, "value"))
w.HBox([slider, shown])
'''
PLAIN_PLOTLY = '''\
import plotly.graph_objects as go
go.Figure([go.Bar(x=["ko", "ru"], y=[2, 3])]).update_layout(title={"text": "Plain plotly"})
'''
OUTPUT_WIDGET = "import ipywidgets as w\nout = w.Output()\nwith out:\n    print('printed by Python')\nout"
BUTTON = "import ipywidgets as w\nw.Button(description='Does nothing without Python')"
PYTHON_LINK = ("import ipywidgets as w\na, b = w.IntSlider(), w.IntSlider()\nw.link((a, 'value'), (b, 'value'))\n"
               "w.VBox([a, b])")


def notebook(*code: str, title: str = "Widgets", tags: dict[int, list[str]] | None = None):
    cells = [new_markdown_cell(f"# {title}\n\nBrowser-side widgets on a static page.")]
    for i, c in enumerate(code):
        cells.append(new_code_cell(c, metadata={"tags": (tags or {}).get(i, [])}))
    return new_notebook(cells=cells, metadata=KERNEL)


def write(folder: Path, name: str, nb) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)
    return folder / name


def demo_notebooks(folder: Path) -> Path:
    """01: every browser-side widget case and a plain plotly figure; 02: a live-only Python widget."""
    write(folder, "01-widgets.ipynb", notebook(TOGGLE_STACK, TAB, ACCORDION, JSDLINK, PLAIN_PLOTLY))
    write(folder, "02-live.ipynb", notebook("x = 1", OUTPUT_WIDGET, title="Live only", tags={1: ["live-only"]}))
    write(folder, "03-plain.ipynb", notebook("print('no widgets here')", title="No widgets"))
    return folder

"""The numbered notebooks: structure (one H1, no outputs, no logic in cells, sibling links exist) and
execution (each runs top to bottom in a fresh kernel, from the notebooks folder, without error)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NB_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
FORBIDDEN = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _ids(paths):
    return [p.name for p in paths]


def test_the_numbered_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"01-start-here.ipynb", "02-article-4.ipynb", "03-officials-words.ipynb", "04-the-texts.ipynb",
            "05-classroom.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_structure(path):
    nb = nbformat.read(path, as_version=4)
    h1 = [
        line
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if re.match(r"#\s", line)
    ]
    assert len(h1) == 1, f"{path.name}: expected exactly one H1, found {h1}"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), (
        "H1 must open the notebook"
    )
    sections = [
        line[3:].strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("## ")
    ]
    for fixed in ("Overview", "Summary", "Sources"):
        assert fixed in sections, f"{path.name}: missing section '## {fixed}'"
    assert sections[0] == "Overview" and sections[-1] == "Sources"
    for i, c in enumerate(nb.cells):
        if c.cell_type != "code":
            continue
        assert not c.outputs, f"{path.name} cell {i}: outputs are committed"
        assert c.execution_count is None, f"{path.name} cell {i}: execution count is committed"
        for node in ast.walk(ast.parse(c.source)):
            assert not isinstance(node, FORBIDDEN), f"{path.name} cell {i}: {type(node).__name__} in a cell"
        assert "ipywidgets" not in c.source, f"{path.name} cell {i}: published pages cannot run widgets"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_sibling_links_exist(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    links = set(re.findall(r"\]\(([^)#\s]+\.ipynb)", text))
    assert links, f"{path.name}: no link to another notebook"
    for target in links:
        assert "/" not in target, f"{path.name}: link {target} leaves the notebooks folder"
        assert (NB_DIR / target).exists(), f"{path.name}: link to missing {target}"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_executes(path):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(NB_DIR)}}
    ).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    html = [
        o["data"]["text/html"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "data" in o and "text/html" in o["data"]
    ]
    assert html, f"{path.name}: no component rendered"
    assert not any(re.search(r"<h1[\s>]", h) for h in html), "components must not add a second H1"
    assert not any(re.search(r"(src|href)=\"//|<script[^>]+src=", h) for h in html), "no external resources"

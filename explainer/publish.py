"""Publish the numbered notebooks as an offline static site (``python -m explainer site``) and print
hand-outs (``python -m explainer handout``).

One process executes every notebook (nbclient), exports it through the ``explainer_site`` nbconvert
template (lab without CDN scripts, inputs and prompts removed, a nav bar, a link to the source), and
writes ``site/`` atomically: build in a temporary folder beside the target, then swap it in. Two builds
from the same inputs are byte-identical.

Contract with notebook authors (cell tags, as in nbconvert):

* ``live-only``: the cell holds ipywidgets for a live kernel. It is not executed; the page shows a note
  pointing to the notebook instead.
* any other code cell must not use Python callbacks (``.observe(``, ``widgets.link`` …) nor display an
  ipywidget that needs Python (``Output``, ``Button``, third-party widgets): a static page has no kernel, so
  such a control would look alive and do nothing. The build fails, naming the notebook and cell. Core
  widgets linked in the browser (``jslink``/``jsdlink``, Stack, Tab, Accordion) publish with their state
  and the widget manager (see "browser-side ipywidgets" below).
* plotly figures need no set-up: the build selects the renderer in every kernel (``KERNEL_SETUP``).
* ``solution`` / ``teacher-only`` / ``exercise``: the page's students' copy hides the first two and leaves
  room to write after the third (``static/site.js``); ``make handout`` prints both copies.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
REPO = PACKAGE.parent
NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
LIVE_ONLY = "live-only"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLOTLY_JSON = "application/vnd.plotly.v1+json"
CALLBACK_PATTERNS = (".observe(", "interact(", "interactive(", "interactive_output(", ".on_click(", ".on_submit(",
                     ".on_msg(")
# widgets.link / dlink tie two traits through Python (jslink / jsdlink, which work in the browser, do not match)
PYTHON_LINK_RE = re.compile(r"\bd?link\(")
# Trace modules in npm's partial plotly.js bundles (their READMEs), smallest first; anything else needs
# the full bundle. (npm package, file inside it, trace types)
CARTESIAN_TRACES = frozenset({"bar", "box", "contour", "heatmap", "histogram", "histogram2d",
                              "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin"})
PARTIAL_BUNDLES = (("plotly.js-basic-dist-min", "plotly-basic.min.js", frozenset({"bar", "pie", "scatter"})),
                   ("plotly.js-cartesian-dist-min", "plotly-cartesian.min.js", CARTESIAN_TRACES))
CDN_HOSTS = ("cdnjs.cloudflare.com", "unpkg.com", "cdn.jsdelivr.net", "cdn.plot.ly", "code.jquery.com",
             "ajax.googleapis.com", "fonts.googleapis.com", "fonts.gstatic.com", "cdn.mathjax.org")
# Default URLs inside plotly.js for geo/mapbox traces (never fetched by cartesian charts). They are
# rewritten to local paths in our copy so that no CDN host appears anywhere in site/.
VENDOR_URL_REWRITES = (("https://cdn.plot.ly/un/", "assets/topojson/"),
                       ("https://cdn.jsdelivr.net/npm/@mapbox/maki@8.2.0/icons/", "assets/maki/"))
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TABINDEX_RE = re.compile(
    r'(<div class="[^"]*\bjp-(?:Cell-inputWrapper|OutputArea-output)\b[^>]*?)\s+tabindex="0"')
LIVE_NOTE = ("This control needs a live kernel: open the notebook in JupyterLab "
             '(<a href="{src}">{name}</a>) to use it.')


class PublishError(Exception):
    """A notebook cannot be published; the message names the notebook and, where known, the cell."""

    def __init__(self, notebook: str | os.PathLike, message: str, cell: int | None = None):
        self.notebook, self.cell = str(notebook), cell
        where = self.notebook if cell is None else f"{self.notebook}, cell {cell}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Page:
    stem: str  # "01-start-here"
    title: str  # the notebook's H1
    summary: str  # its first paragraph (markdown source)
    plotly: bool  # does the page draw a plotly figure
    trace_types: frozenset[str] | None  # None: a figure came without its JSON, type unknown
    nav: str = ""  # nav-bar label: notebook metadata explainer.nav, else short_label(stem)
    widgets: bool = False  # does the page show browser-side ipywidgets (ships the widget manager)
    group: str = ""  # "" for a numbered notebook; "reader" / "family" for a page generated from the data

    @property
    def label(self) -> str:
        return self.nav or short_label(self.stem)


@dataclass
class Site:
    out: Path
    pages: list[Page] = field(default_factory=list)
    plotly_bundle: str = ""  # which plotly.js was shipped, e.g. "plotly.js-cartesian-dist-min@4.1.1"


# -- reading and checking notebooks ----------------------------------------------------------------------
def find_notebooks(notebooks: str | os.PathLike) -> list[Path]:
    return sorted(Path(notebooks).glob(NOTEBOOK_GLOB))


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def check_sources(nb, name: str) -> None:
    """Fail on a Python callback in a cell that will be published (not tagged live-only)."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or LIVE_ONLY in _tags(cell):
            continue
        code = "\n".join(line.split("#", 1)[0] for line in cell.source.splitlines())
        for pat in CALLBACK_PATTERNS:
            if pat in code:
                raise PublishError(name, f"uses a Python callback ({pat!r}), which is dead in a static page; "
                                         f"tag the cell '{LIVE_ONLY}' or use a client-side view", cell=i)
        if PYTHON_LINK_RE.search(code):
            raise PublishError(name, "links widgets through Python (link/dlink), which is dead in a static page; "
                                     f"use jslink/jsdlink, or tag the cell '{LIVE_ONLY}'", cell=i)


def check_outputs(nb, name: str) -> None:
    """Fail on a plotly figure that nbconvert would silently drop (widgets: :func:`check_widgets`)."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if PLOTLY_JSON in data and "text/html" not in data:
                raise PublishError(name, "a plotly figure has no text/html (it would vanish from the page); "
                                         "the build selects plotly's renderer: do not change "
                                         "plotly.io.renderers.default in a published notebook", cell=i)


def title_and_summary(nb, fallback: str) -> tuple[str, str]:
    """The first H1 of the notebook and the first paragraph of prose after it (markdown source)."""
    title, summary = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source.strip()):
            block = block.strip()
            if not title:
                m = re.match(r"#\s+(.+)", block)
                if m:
                    title = m.group(1).strip()
                    rest = block[m.end():].strip()
                    if rest and not rest.startswith(("#", ">", "-", "*", "|", "<")):
                        summary = rest
                continue
            prose = not block.startswith(("#", ">", "|", "<", "```")) and _is_prose(block)
            if block and not summary and prose:
                summary = block
        if title and summary:
            break
    # "… It shows:" introduces a list that the index does not repeat: end at the sentence before it
    if summary.endswith(":") and re.search(r"[.!?]\s", summary):
        summary = re.split(r"(?<=[.!?])\s+(?=[^.!?]*:$)", summary)[0]
    return title or fallback, summary


def _is_prose(block: str) -> bool:
    """False for a line of links such as the notebooks' own "*Notebooks:* [01 …](…) · [02 …](…)" bar."""
    links = re.findall(r"\[[^\]]*\]\([^)]*\)", block)
    words = re.sub(r"\[[^\]]*\]\([^)]*\)", "", block)
    return len(links) < 2 or len(re.findall(r"\w", words)) >= 20


def short_label(stem: str) -> str:
    """"04-the-texts" -> "04 The texts" (the nav bar; full titles are on the index and in the footer)."""
    number, _, rest = stem.partition("-")
    return f"{number} {rest.replace('-', ' ').capitalize()}".strip()


NB_LINK_RE = re.compile(r'<a\s([^>]*?)href="(?:\./)?(\d\d-[^"/#?]+)\.ipynb(#[^"]*)?"([^>]*)>(.*?)</a>', re.S)


def relink(text: str, stems: set[str]) -> str:
    """Links between notebooks (``02-x.ipynb``) point to their pages; links to a notebook that is not
    published become plain text, so the site has no broken link."""
    def sub(m):
        before, stem, frag, after, label = m.groups()
        if stem in stems:
            return f'<a {before}href="{stem}.html{frag or ""}"{after}>{label}</a>'
        return f'<span class="unpublished" title="not published yet">{label}</span>'
    return NB_LINK_RE.sub(sub, text)


def _live_note(stem: str) -> str:
    note = LIVE_NOTE.format(src=f"notebooks/{stem}.ipynb", name=f"{stem}.ipynb")
    return f'<p class="live-only-note">{note}</p>'


def prepare(nb, stem: str):
    """Copy of ``nb`` ready to run: live-only cells become a note, cell ids are stable, no old outputs."""
    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = []
    for i, cell in enumerate(nb.cells):
        if LIVE_ONLY in _tags(cell):
            cell = nbformat.v4.new_markdown_cell(_live_note(stem), metadata={"tags": ["live-only-note"]})
        cell["id"] = f"cell-{i}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def source_copy(nb) -> str:
    """The notebook as readers download it: no outputs, no execution metadata, keys sorted."""
    import nbformat

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nbformat.writes(nb) + "\n"


async def execute_async(nb, name: str, cwd: Path, env: dict[str, str], timeout: int = 600):
    """Run every code cell in a fresh kernel; a failing cell raises PublishError naming it."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    from jupyter_client.manager import AsyncKernelManager

    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    # Kernel and client share this machine: Unix sockets (IPC) at an absolute, short path, not loopback TCP
    # (ipykernel ≥ 7.3 warns about unencrypted TCP on every start).
    with tempfile.TemporaryDirectory(prefix="explainer-ipc-") as sockets:
        km = AsyncKernelManager(kernel_name=kernel, transport="ipc", ip=os.path.join(sockets, "k"))
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name=kernel, record_timing=False,
                                resources={"metadata": {"path": str(cwd)}}, on_cell_start=on_cell_start)
        client.on_notebook_start = kernel_setup_hook(client, name)
        try:
            await client.async_execute(env=env)
        except CellExecutionError as e:
            last = str(e).strip().splitlines()[-1:] or ["error"]
            raise PublishError(name, f"raised {e.ename}: {e.evalue or last[0]}", cell=current["index"]) from e
        except Exception as e:  # timeouts, dead kernels
            raise PublishError(name, f"{type(e).__name__}: {e}", cell=current["index"]) from e
        finally:  # nbclient shuts down only kernel managers it created itself
            if km.has_kernel:
                await km.shutdown_kernel(now=False)
    keep_browser_widgets(nb)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


# -- kernel set-up: what every published notebook gets before its first cell --------------------------
# Authors write plain plotly (fig.show(), or a figure as a cell's value): the build selects a renderer that
# emits the figure's JSON for JupyterLab and an HTML fragment (no plotly.js, no MathJax) for the page.
KERNEL_SETUP = ("import explainer.figures as _explainer_figures\n"
                "_explainer_figures.use_offline_renderer()\n"
                "del _explainer_figures\n")


def kernel_setup_hook(client, name: str):
    """nbclient ``on_notebook_start`` hook: run :data:`KERNEL_SETUP` silently in the fresh kernel."""
    async def hook(**_):
        msg_id = client.kc.execute(KERNEL_SETUP, silent=True, store_history=False)
        reply = await client.async_wait_for_reply(msg_id)
        content = (reply or {}).get("content", {})
        if content.get("status") != "ok":
            raise PublishError(name, "could not set the plotly renderer in the kernel: "
                                     f"{content.get('ename', '')}: {content.get('evalue', 'no reply')}")
    return hook


def execute_all(jobs_list: list[tuple], env: dict[str, str], timeout: int = 600, jobs: int = 2) -> None:
    """Execute ``[(nb, name, cwd), …]`` in this process, ``jobs`` kernels at a time (in place). If any
    fails, raise the PublishError of the first failing notebook in the given order."""
    import asyncio

    async def run_all():
        sem = asyncio.Semaphore(max(1, jobs))

        async def one(nb, name, cwd):
            async with sem:
                await execute_async(nb, name, cwd, env, timeout)

        return await asyncio.gather(*(one(*j) for j in jobs_list), return_exceptions=True)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        results = asyncio.run(run_all())
    else:  # called from a running loop (e.g. inside Jupyter): one at a time through nbclient's sync bridge
        from jupyter_core.utils import run_sync

        results = []
        for j in jobs_list:
            try:
                run_sync(execute_async)(*j, env, timeout)
                results.append(None)
            except PublishError as e:
                results.append(e)
    for r in results:
        if isinstance(r, BaseException):
            raise r


def trace_types(nb) -> frozenset[str] | None:
    """Plotly trace types drawn by the notebook; None if a figure came as HTML without its JSON."""
    types: set[str] = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html_out = data.get("text/html", "")
            if isinstance(html_out, list):
                html_out = "".join(html_out)
            if PLOTLY_JSON in data:
                fig = data[PLOTLY_JSON]
                types.update(t.get("type", "scatter") for t in fig.get("data", []))
            elif "Plotly.newPlot" in html_out:
                return None
    return frozenset(types)


# -- browser-side ipywidgets ---------------------------------------------------------------------------
# Core controls linked in the browser (jslink/jsdlink, Stack, Tab, Accordion …) keep working without a kernel
# when the page carries their state and a widget manager: @jupyter-widgets/html-manager's embed.js (core
# widgets only, no require.js), fetched from npm in this version, cached in .cache/npm-pack and shipped in
# site/assets/widgets/ only when a page shows a widget. 1.0.15 renders ipywidgets 8 state (controls 2.0).
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
HTML_MANAGER = "@jupyter-widgets/html-manager"
HTML_MANAGER_VERSION = "1.0.15"
HTML_MANAGER_FILES = ("embed.js", "embed.js.LICENSE.txt")  # + the icon fonts (*.woff2) embed.js asks for
BROWSER_WIDGET_MODULES = {"@jupyter-widgets/controls": "2.", "@jupyter-widgets/base": "2."}
PYTHON_ONLY_MODELS = {"ButtonModel": "a Button does nothing without a Python on_click"}
MODEL_REF_RE = re.compile(r"IPY_MODEL_([0-9a-f]+)")


def keep_browser_widgets(nb) -> None:
    """Keep the notebook's widget state only if a cell shows a widget (the page then needs it)."""
    shown = any(WIDGET_VIEW in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    if not shown:
        nb.metadata.pop("widgets", None)


def _widget_models(nb) -> dict[str, dict]:
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def _reachable(models: dict[str, dict], root: str) -> set[str]:
    seen, todo = set(), [root]
    while todo:
        mid = todo.pop()
        if mid in seen or mid not in models:
            continue
        seen.add(mid)
        todo += MODEL_REF_RE.findall(json.dumps(models[mid].get("state", {})))
    return seen


def _model_problem(model: dict) -> str | None:
    module, name = model.get("model_module", ""), model.get("model_name", "")
    version = str(model.get("model_module_version", ""))
    if name in PYTHON_ONLY_MODELS:
        return f"{name}: {PYTHON_ONLY_MODELS[name]}"
    if module not in BROWSER_WIDGET_MODULES:
        return f"{name} from {module or 'an unknown module'} needs Python or a front end the site does not ship"
    if not version.startswith(BROWSER_WIDGET_MODULES[module]):
        return f"{name} is {module}@{version}; {HTML_MANAGER}@{HTML_MANAGER_VERSION} renders ipywidgets 8 (2.x)"
    return None


def check_widgets(nb, name: str) -> bool:
    """True if the page shows widgets that work in the browser; PublishError, naming the cell, for a widget
    that needs Python (an Output, a Button, a third-party widget) or whose state was not saved."""
    models = _widget_models(nb)
    shown = False
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            shown = True
            root = view.get("model_id", "")
            if root not in models:
                raise PublishError(name, "shows an ipywidget whose state was not saved; "
                                         f"tag the cell '{LIVE_ONLY}'", cell=i)
            for mid in sorted(_reachable(models, root)):
                problem = _model_problem(models[mid])
                if problem:
                    raise PublishError(name, f"shows a widget that cannot work without a kernel ({problem}); "
                                             f"tag the cell '{LIVE_ONLY}'", cell=i)
    for _mid, model in sorted(models.items()):  # links (jslink) are in the state but in no view
        problem = _model_problem(model)
        if problem:
            raise PublishError(name, f"a widget cannot work without a kernel ({problem}); "
                                     f"tag its cell '{LIVE_ONLY}'")
    return shown


def canonical_widget_ids(nb) -> None:
    """Number widget model ids in order of appearance (random hex otherwise), so builds are byte-identical."""
    import nbformat

    models = _widget_models(nb)
    if not models:
        return
    text = json.dumps({"cells": nb.cells, "widgets": nb.metadata["widgets"]})
    order: dict[str, str] = {}
    for m in re.finditer(r"[0-9a-f]{32}", text):
        if m.group(0) in models:
            order.setdefault(m.group(0), f"widget{len(order) + 1:04d}")
    new = nbformat.from_dict(json.loads(re.sub(r"[0-9a-f]{32}", lambda m: order.get(m.group(0), m.group(0)),
                                               text)))
    nb.cells, nb.metadata["widgets"] = new.cells, new.widgets


def widget_manager(fetch: bool) -> Path | None:
    """The folder holding html-manager's embed.js and its icon fonts (``.cache/npm-pack/…``); fetched with
    ``npm pack`` when ``fetch`` and npm is present; None when it is not available."""
    dest = cache_dir() / "npm-pack" / f"{HTML_MANAGER}@{HTML_MANAGER_VERSION}"
    if (dest / "embed.js").is_file():
        return dest
    if not fetch or not shutil.which("npm"):
        return None

    def wanted(member: str) -> bool:
        return member.startswith("package/dist/") and (
            member.rsplit("/", 1)[-1] in HTML_MANAGER_FILES or member.endswith(".woff2"))

    files = npm_pack(f"{HTML_MANAGER}@{HTML_MANAGER_VERSION}", wanted, dest)
    return dest if files and (dest / "embed.js").is_file() else None


def write_widget_assets(assets: Path, pages: list[Page], fetch: bool) -> str:
    """Copy the widget manager to ``assets/widgets/`` if a page shows widgets; PublishError naming the pages
    when it is not available (no npm and nothing cached)."""
    users = [p.stem for p in pages if p.widgets]
    if not users:
        return ""
    src = widget_manager(fetch)
    if src is None:
        raise PublishError(", ".join(f"{u}.ipynb" for u in users),
                           f"shows ipywidgets, which need the widget manager {HTML_MANAGER}@{HTML_MANAGER_VERSION}; "
                           f"it is not in {cache_dir() / 'npm-pack'} and npm is "
                           + ("not installed (sudo apt-get install npm; then run the build again)"
                              if not shutil.which("npm") else "not allowed to fetch it (run without --no-fetch)")
                           + f", or tag the widget cells '{LIVE_ONLY}'")
    (assets / "widgets").mkdir(parents=True, exist_ok=True)
    for f in sorted(src.iterdir()):
        shutil.copyfile(f, assets / "widgets" / f.name)
    return f"widgets/embed.js: {HTML_MANAGER}@{HTML_MANAGER_VERSION} (npm)"


# -- HTML ------------------------------------------------------------------------------------------------
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="explainer_site", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        theme="light", sanitize_html=False)


def canonical_ids(text: str) -> str:
    """Replace random UUIDs (plotly div ids, component ids) by ids numbered in order of appearance."""
    seen: dict[str, str] = {}
    return UUID_RE.sub(lambda m: seen.setdefault(m.group(0), f"uid-{len(seen) + 1:04d}"), text)


def _a(href: str, text: str, cls: str = "", rel: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' rel="{rel}"' if rel else ""
    return f'<a href="{html.escape(href)}"{attrs}>{html.escape(text)}</a>'


def nav_html(pages: list[Page], i: int) -> str:
    p = pages[i]
    parts = [_a("index.html", "Contents", "site-home")]
    if i > 0:
        parts.append(_a(f"{pages[i - 1].stem}.html", pages[i - 1].label, "site-prev", "prev"))
    parts.append(f'<span aria-current="page">{html.escape(p.label)}</span>')
    if i + 1 < len(pages):
        parts.append(_a(f"{pages[i + 1].stem}.html", pages[i + 1].label, "site-next", "next"))
    return '<nav class="site-nav" aria-label="Pages">' + "\n".join(parts) + "</nav>"


def footer_html(pages: list[Page], i: int) -> str:
    p = pages[i]
    src = f"notebooks/{p.stem}.ipynb"
    pager = [_a("index.html", "Contents")]
    if i > 0:
        pager.insert(0, _a(f"{pages[i - 1].stem}.html", f"Previous: {pages[i - 1].title}", rel="prev"))
    if i + 1 < len(pages):
        pager.append(_a(f"{pages[i + 1].stem}.html", f"Next: {pages[i + 1].title}", rel="next"))
    return (f'<p>Code is hidden on this page. Source notebook: {_a(src, f"{p.stem}.ipynb")} '
            "(open it in JupyterLab to run the code and the live controls).</p>\n"
            f'<nav class="site-pager" aria-label="Previous and next">{" · ".join(pager)}</nav>')


def export_page(nb, pages: list[Page], i: int, exporter=None) -> str:
    exporter = exporter or _exporter()
    page = pages[i]
    nb.metadata["title"] = page.title
    resources = {"metadata": {"name": page.stem},
                 "site": {"plotly": page.plotly, "widgets": page.widgets, "nav_html": nav_html(pages, i),
                          "footer_html": footer_html(pages, i)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = TABINDEX_RE.sub(r"\1", body)  # outputs are not interactive: no extra Tab stops
    body = relink(body, {q.stem for q in pages})
    return canonical_ids(body).rstrip() + "\n"


def lab_css(exporter) -> str:
    """nbconvert's lab CSS (light theme), shared by all pages instead of inlined 250 KB per page."""
    env = exporter.environment
    parts = [env.loader.get_source(env, name)[0] for name in ("static/index.css", "static/theme-light.css")]
    parts.append("a.anchor-link{display:none}.jp-Collapser{display:none}"
                 ".jp-OutputArea-output pre{line-height:inherit;font-family:inherit}"
                 "@page{margin:.5in}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}")
    return "\n".join(parts)


def index_html(pages: list[Page], data: str | os.PathLike | None) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from .load import load

    items = []
    numbered = [p for p in pages if not p.group]
    for p in numbered:
        summary = relink(markdown2html_mistune(p.summary), {q.stem for q in pages}) if p.summary else ""
        items.append(f'<li>{_a(f"{p.stem}.html", p.title)}\n{summary}</li>')
    corpus = load(data)
    seeds = "\n".join(
        f"<li>{html.escape(s.outlet)}, “{html.escape(s.title)}”, {html.escape(s.published)}"
        + (f" — {_a(s.url, s.url)}" if s.url else " (print source, no URL recorded)") + "</li>"
        for s in sorted(corpus.sources.values(), key=lambda s: s.id))
    page_list = "\n".join(items) if items else "<li>No notebooks have been published yet.</li>"
    story, story_css = _index_story(corpus, pages)
    generated = _index_generated(pages)
    nav = [p for p in numbered] + [p for p in pages if p.group][:1]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>The 2024 DPRK–Russia treaty, explained</title>
<link rel="stylesheet" href="assets/site.css">
<script src="assets/site.js" defer></script>{story_css}
</head>
<body class="site-index">
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header"><nav class="site-nav" aria-label="Pages">
<span class="site-home" aria-current="page">Contents</span>
{" ".join(_a(f"{p.stem}.html", p.label if not p.group else "Read the treaty") for p in nav)}
</nav></header>
<main id="content">
<h1>The 2024 DPRK–Russia treaty, explained</h1>
<p>An explainer of the Treaty on Comprehensive Strategic Partnership signed by North Korea and Russia in
June 2024: what its texts say in each language, how its clauses compare with earlier treaties, and how
officials on each side described it. Every quotation comes from a recorded source.</p>
{story}
<h2>Pages</h2>
<ol class="pages">
{page_list}
</ol>
{generated}
<h2>How to read it</h2>
<p>Each page below is a notebook that was run when this site was built; its code is hidden. Buttons, tabs and
chart menus work in this browser, without a network connection or a Python kernel. Controls that need
Python are marked and point to the notebook, which you can open in JupyterLab. Printing a page from the
browser shows every panel expanded and charts sized to the sheet; whoever built the site can also print all
pages to PDF at once with <code>make handout</code>.</p>
<h2>Sources and licences</h2>
<p>The code is MIT-licensed. Treaty texts, translations and officials' words are quoted verbatim from their
publishers, who keep their rights; each quotation on the pages names its publisher and, where known, its
address. The notebooks (in <code>notebooks/</code> beside these pages) are the source of every page. The
publishers of every text we quote are listed on the texts page.</p>
<h3>Articles cited as a whole</h3>
<ul>
{seeds}
</ul>
</main>
</body>
</html>
"""


def _index_story(corpus, pages: list[Page]) -> tuple[str, str]:
    """The front page's story (explainer.front) when the data holds it, with its style; else nothing."""
    from .front import STORY_CSS, story

    words = None
    if corpus.table("lexicon") and any(p.stem.startswith("03-") for p in pages):
        from .words import word_counts

        words = word_counts(corpus)
    body = story(corpus, level=2, words=words)
    if not body:
        return "", ""
    if not any(p.group == "reader" for p in pages):  # no reader published: no link into it
        body = re.sub(r"<p class='fr-go'>.*?</p>", "", body)
    return body, "\n<style>" + STORY_CSS.replace("#ID", "main") + "</style>"


def _index_generated(pages: list[Page]) -> str:
    """The pages generated from the data: a reader per treaty, a page per clause family."""
    out = []
    for group, head, intro in (
        ("reader", "Read the texts", "Every treaty and declaration we hold, part by part, with every rendering "
                                     "and every gap:"),
        ("family", "Clause families", "Clauses that do the same job in different treaties, side by side:"),
    ):
        ps = [p for p in pages if p.group == group]
        if ps:
            out.append(f"<h2>{head}</h2><p>{intro}</p><ul class='pages-{group}'>"
                       + "".join(f"<li>{_a(f'{p.stem}.html', p.label)}</li>" for p in ps) + "</ul>")
    return "\n".join(out)


# -- assets ----------------------------------------------------------------------------------------------
def cache_dir() -> Path:
    return Path(os.environ.get("EXPLAINER_CACHE") or (REPO / ".cache"))


def plotly_js_full() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("plotly")  # locate the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise PublishError("plotly", "plotly is not installed; pages with figures need its plotly.min.js")
    return Path(list(spec.submodule_search_locations)[0]) / "package_data" / "plotly.min.js"


def bundle_version(path: Path) -> str:
    # "plotly.js v4.1.1" or "plotly.js (cartesian - minified) v4.1.1"
    head = path.read_text(encoding="utf-8", errors="replace")[:400]
    m = re.search(r"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)", head)
    return m.group(1) if m else "unknown"


def npm_pack(spec: str, wanted, dest: Path) -> list[Path]:
    """``npm pack spec`` and keep the members for which ``wanted(member name)`` is true, flat in ``dest`` (which
    appears whole or not at all). [] when npm, the network or the package fails (a message says why)."""
    part = dest.with_name(dest.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    written = []
    try:
        r = subprocess.run(["npm", "pack", "--silent", spec], cwd=part, capture_output=True, text=True,
                           timeout=120, check=True)
        tgz = part / r.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as t:
            for member in t.getmembers():
                if member.isfile() and wanted(member.name):
                    out = part / member.name.rsplit("/", 1)[-1]
                    out.write_bytes(t.extractfile(member).read())
                    written.append(dest / out.name)
        tgz.unlink()
        if not written:
            raise KeyError(f"no wanted file in {tgz.name}")
        shutil.rmtree(dest, ignore_errors=True)
        os.rename(part, dest)
    except (subprocess.SubprocessError, OSError, KeyError, IndexError, tarfile.TarError) as e:
        print(f"site: could not fetch {spec} ({e})", file=sys.stderr)
        shutil.rmtree(part, ignore_errors=True)
        return []
    return written


def npm_bundle(package: str, filename: str, version: str, fetch: bool) -> Path | None:
    """``package/filename`` from npm in exactly ``version``, cached under .cache/npm-pack; None if unavailable
    (not cached and ``fetch`` is False, no npm, no network, or a version mismatch)."""
    pkg = f"{package}@{version}"
    dest = cache_dir() / "npm-pack" / pkg
    js = dest / filename
    if js.exists():
        return js if bundle_version(js) == version else None
    if not fetch or not shutil.which("npm"):
        return None
    if not npm_pack(pkg, lambda m: m == f"package/{filename}", dest):
        print(f"site: shipping the full plotly.js instead of {pkg}", file=sys.stderr)
        return None
    if bundle_version(js) != version:
        print(f"site: {pkg} says v{bundle_version(js)}; shipping the full plotly.js", file=sys.stderr)
        js.unlink()
        return None
    return js


def choose_plotly(pages: list[Page], fetch: bool) -> tuple[Path, str]:
    """The smallest npm partial bundle (basic, then cartesian) that has every trace type the figures use,
    in the exact version of plotly.py's plotly.js; else the full bundle shipped with plotly.py."""
    full = plotly_js_full()
    version = bundle_version(full)
    types = [p.trace_types for p in pages if p.plotly]
    if types and all(t is not None for t in types):
        used = frozenset().union(*types)
        for package, filename, traces in PARTIAL_BUNDLES:
            if used <= traces:
                js = npm_bundle(package, filename, version, fetch)
                if js is not None:
                    return js, f"{package}@{version} (npm)"
    return full, f"plotly.js@{version} (full, from the plotly Python package)"


def write_assets(assets: Path, exporter, pages: list[Page], fetch: bool) -> str:
    assets.mkdir(parents=True, exist_ok=True)
    for f in sorted(STATIC.iterdir()):
        if f.is_file():
            shutil.copyfile(f, assets / f.name)
    (assets / "lab.css").write_text(lab_css(exporter), encoding="utf-8", newline="\n")
    if not any(p.plotly for p in pages):
        return ""
    src, label = choose_plotly(pages, fetch)
    js = src.read_text(encoding="utf-8")
    for old, new in VENDOR_URL_REWRITES:
        js = js.replace(old, new)
    (assets / "plotly.min.js").write_text(js, encoding="utf-8", newline="\n")
    (assets / "ASSETS.txt").write_text(f"plotly.min.js: {label}\n", encoding="utf-8")
    return label


# -- the build -------------------------------------------------------------------------------------------
def _kernel_env(data: str | os.PathLike | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"  # set/dict-of-str order is stable across builds
    env["EXPLAINER_PUBLISH"] = "1"
    if data is not None:
        env["EXPLAINER_DATA"] = str(Path(data).resolve())
    return env


def _swap_in(tmp: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f"{out.name}.old-{os.getpid()}")
        if old.exists():  # left by a crashed run with the same pid
            shutil.rmtree(old)
        os.rename(out, old)
    os.rename(tmp, out)
    if old is not None:
        shutil.rmtree(old)


def build_site(notebooks: str | os.PathLike = "notebooks", out: str | os.PathLike = "site", *,
               data: str | os.PathLike | None = None, fetch: bool = True, timeout: int = 600,
               jobs: int | None = None, log=None, readers: bool = False) -> Site:
    """Execute ``notebooks/NN-*.ipynb`` and write the offline site to ``out``.

    ``data``: data folder for the kernels (else $EXPLAINER_DATA, else the repository's data/).
    ``fetch``: allow ``npm pack`` of the smaller plotly.js bundle when it is not cached (never in tests).
    ``jobs``: kernels running at once (default: the number of CPUs, at most 4).
    ``readers``: also write a reader page per treaty and a page per clause family, generated from the data
    (:func:`generated_pages`); notebooks whose ``explainer.requires`` records the data lacks are left out.
    Raises PublishError (``out`` untouched) if a notebook fails or breaks the live-only contract.
    """
    import nbformat

    log = log or (lambda msg: None)
    jobs = jobs or min(os.cpu_count() or 1, 4)
    notebooks, out = Path(notebooks).resolve(), Path(out).resolve()
    if data is None and os.environ.get("EXPLAINER_DATA"):
        data = os.environ["EXPLAINER_DATA"]
    env = _kernel_env(data)
    sources = find_notebooks(notebooks)
    if readers:
        sources = with_records(sources, data, log)
    executed, pages, copies, names = [], [], [], []
    for path in sources:  # every static check first: no kernel starts for a build that cannot succeed
        rel = os.path.relpath(path)
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as e:
            raise PublishError(rel, f"cannot read notebook: {e}") from e
        check_sources(nb, rel)
        copies.append(source_copy(nb))
        executed.append(prepare(nb, path.stem))
        names.append(rel)
    log(f"executing {len(names)} notebook(s), {jobs} at a time")
    execute_all([(nb, rel, notebooks) for nb, rel in zip(executed, names, strict=True)], env, timeout, jobs)
    for path, run, rel in zip(sources, executed, names, strict=True):
        check_outputs(run, rel)
        title, summary = title_and_summary(run, path.stem)
        summary = str(run.metadata.get("explainer", {}).get("summary", "")) or summary
        types = trace_types(run)
        has_plot = any("Plotly.newPlot" in str(o.get("data", {}).get("text/html", ""))
                       for c in run.cells for o in c.get("outputs", []))
        nav = str(run.metadata.get("explainer", {}).get("nav", ""))
        widgets = check_widgets(run, rel)
        canonical_widget_ids(run)
        pages.append(Page(path.stem, title, summary, has_plot, types, nav, widgets=widgets))
    if readers:
        for page, nb, copy in generated_pages(data, log):
            pages.append(page)
            executed.append(nb)
            copies.append(copy)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    try:
        exporter = _exporter()
        (tmp / "notebooks").mkdir()
        for i, (nb, copy) in enumerate(zip(executed, copies, strict=True)):
            log(f"exporting {pages[i].stem}.html")
            (tmp / f"{pages[i].stem}.html").write_text(export_page(nb, pages, i, exporter), encoding="utf-8",
                                                       newline="\n")
            (tmp / "notebooks" / f"{pages[i].stem}.ipynb").write_text(copy, encoding="utf-8", newline="\n")
        (tmp / "index.html").write_text(index_html(pages, data), encoding="utf-8", newline="\n")
        bundle = write_assets(tmp / "assets", exporter, pages, fetch)
        widget_label = write_widget_assets(tmp / "assets", pages, fetch)
        if widget_label:
            with open(tmp / "assets" / "ASSETS.txt", "a", encoding="utf-8") as f:
                f.write(widget_label + "\n")
        for d in [tmp, *(p for p in tmp.rglob("*") if p.is_dir())]:
            d.chmod(0o755)
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Site(out, pages, bundle)


# -- pages generated from the data (reader per treaty, page per clause family) ---------------------------
def missing_records(nb, corpus) -> list[str]:
    """What a notebook's ``metadata.explainer.requires`` ({table: [ids]}) names that the corpus lacks."""
    needs = nb.metadata.get("explainer", {}).get("requires", {})
    out = []
    for table, ids in needs.items():
        have = getattr(corpus, table, None)
        if isinstance(have, list):  # events
            have = {getattr(x, "id", None) for x in have}
        if have is None:
            out.append(f"table {table!r}")
            continue
        out += [f"{table[:-1] if table.endswith('s') else table} {i}" for i in ids if i not in have]
    return out


def with_records(paths: list[Path], data, log) -> list[Path]:
    """The notebooks whose declared records are all in the data folder; one log line per notebook left out."""
    import nbformat

    from .load import load

    corpus = load(data)
    kept = []
    for path in paths:
        missing = missing_records(nbformat.read(path, as_version=4), corpus)
        if missing:
            shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
            log(f"leaving out {path.name}: the data folder lacks {shown}")
        else:
            kept.append(path)
    return kept


def _md(text: str) -> str:
    """Data text made safe for a markdown cell (no markup, no HTML)."""
    return re.sub(r"([\\`*_\[\]{}()#+!|<>~-])", r"\\\1", text)


def generated_pages(data, log=lambda m: None) -> list[tuple[Page, object, str]]:
    """One page per treaty with clause records (:func:`explainer.reader.reader_page`) and one per clause
    family (:func:`explainer.reader.family_page`), from the data alone: a new treaty or family in the data
    folder gets its pages with no code change. Each is a notebook whose one code cell calls the reader; the
    build fills its output by making that same call in this process (no kernel needed, as the call reads
    only the data), and ships the notebook without outputs for readers to run in JupyterLab."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    from .articles import reader_treaties
    from .load import load
    from .reader import family_page, reader_page

    corpus = load(data)
    made = []
    jobs = [("reader", t, corpus.treaties[t].short_title, reader_page) for t in reader_treaties(corpus)]
    jobs += [("family", f, corpus.families[f].label, family_page) for f in corpus.families]
    for group, key, label, fn in jobs:
        stem = f"{group}-{key}"
        if group == "reader":
            title = f"Read the text: {label}"
            para = ("Every part of this document that our records list, with every rendering we hold, the best "
                    "text per language first, each gap shown as a gap, the part's place among other treaties' "
                    "clauses, and officials' statements that cite it.")
            call = f"reader.reader_page(corpus, {key!r})"
        else:
            title = f"Clause family: {label}"
            para = ("The clauses of this family side by side across treaties, every rendering of each, redlines "
                    "between linked clauses and the obligation coding where there is one.")
            call = f"reader.family_page(corpus, {key!r})"
        views = fn(corpus, key)
        views = views if isinstance(views, list) else [views]
        code = new_code_cell(f"from explainer import load, reader\n\ncorpus = load()\n{call}")
        nb = new_notebook(cells=[new_markdown_cell(f"# {_md(title)}\n\n{para}"), code],
                          metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                   "language": "python"},
                                    "explainer": {"nav": label, "generated": group}})
        nb = prepare(nb, stem)
        code = nb.cells[1]
        code.outputs = [new_output("display_data", data={"text/html": v.html, "text/plain": f"<{group} view>"})
                        for v in views]
        made.append((Page(stem, title, para, False, frozenset(), label, group=group), nb, source_copy(nb)))
    log(f"generated {len(made)} page(s) from the data: "
        f"{sum(p.group == 'reader' for p, *_ in made)} reader, {sum(p.group == 'family' for p, *_ in made)} family")
    return made


# -- hand-outs -------------------------------------------------------------------------------------------
CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
PLOTS_DRAWN_JS = """() => {
  if (window.explainerDrawAll) window.explainerDrawAll();  // charts not yet scrolled into view (lazyplot.js)
  return [...document.querySelectorAll('.plotly-graph-div, .js-plotly-plot')].every(
    gd => gd._fullLayout && gd.querySelectorAll('.trace, .hm').length > 0); }"""  # .hm: a heatmap's image
HAS_SOLUTIONS_JS = "() => typeof window.explainerCopy === 'function'"  # site.js found solutions on the page
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def build_handouts(site: str | os.PathLike = "site", out: str | os.PathLike = "handouts", *,
                   browser=None) -> list[Path]:
    """Print every page of ``site`` (not the index) to ``out/NN-*.pdf`` in headless Chromium, offline,
    after firing ``beforeprint`` so that every <details> is open. ``browser``: a Playwright Chromium
    browser to reuse (else Debian's Chromium is launched)."""
    site, out = Path(site).resolve(), Path(out).resolve()
    pages = sorted(site.glob(NOTEBOOK_GLOB.replace(".ipynb", ".html")))
    if not pages:
        raise PublishError(site, "no NN-*.html pages; run `make site` first")
    if browser is None:
        if not Path(CHROMIUM).exists():
            raise PublishError(CHROMIUM, "Chromium not found (Debian package 'chromium')")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return build_handouts(site, out, browser=own)
            finally:
                own.close()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:"))
                  else r.abort())
    page = context.new_page()
    for html_path in pages:
        page.goto(html_path.as_uri(), wait_until="load")
        try:
            page.wait_for_function(PLOTS_DRAWN_JS, timeout=15_000)
        except Exception:  # playwright's TimeoutError; print what there is, and say so
            print(f"handout: {html_path.name}: a chart was not drawn after 15 s", file=sys.stderr)
        copies = [("teacher", "-teacher"), ("students", "-students")] if page.evaluate(HAS_SOLUTIONS_JS) \
            else [("", "")]
        for copy, suffix in copies:
            written.append(print_pdf(page, out / f"{html_path.stem}{suffix}.pdf", copy))
    context.close()
    return written


def print_pdf(page, pdf: Path, copy: str = "") -> Path:
    """Print the open page to an A4 PDF as a browser would (print media, ``beforeprint`` fired); ``copy``:
    "teacher" or "students" on a page with solutions (site.js), else ""."""
    page.emulate_media(media="print")
    if copy:
        page.evaluate("c => window.explainerCopy(c)", copy)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=str(pdf), format="A4", print_background=True,
             margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    return pdf


# -- command line ----------------------------------------------------------------------------------------
def _cmd_site(args) -> int:
    try:
        site = build_site(args.notebooks, args.out, data=args.data, fetch=not args.no_fetch, jobs=args.jobs,
                          log=lambda m: print(f"site: {m}", file=sys.stderr), readers=True)
    except PublishError as e:
        print(f"site: {e}", file=sys.stderr)
        return 1
    print(f"site: wrote {len(site.pages)} page(s) + index to {site.out}"
          + (f"; {site.plotly_bundle}" if site.plotly_bundle else ""))
    return 0


def _cmd_handout(args) -> int:
    from .printcheck import check_pdf

    try:
        pdfs = build_handouts(args.site, args.out)
    except PublishError as e:
        print(f"handout: {e}", file=sys.stderr)
        return 1
    boxes = [problem for pdf in pdfs if (problem := check_pdf(pdf))]
    for pdf in pdfs:
        print(pdf)
    for problem in boxes:
        print(f"handout: {problem}", file=sys.stderr)
    return 1 if boxes else 0


def add_site_cli(subparsers, data_arg) -> None:
    p = subparsers.add_parser("site", help="execute the notebooks and write the offline static site")
    data_arg(p)
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--notebooks", default="notebooks", help="folder of NN-*.ipynb (default: notebooks)")
    p.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: CPUs, max 4)")
    p.add_argument("--no-fetch", action="store_true",
                   help="never run `npm pack` for the smaller plotly.js (use the cache or the full bundle)")
    p.set_defaults(func=_cmd_site)


def add_handout_cli(subparsers, data_arg) -> None:
    p = subparsers.add_parser("handout", help="print every site page to PDF with headless Chromium")
    data_arg(p)
    p.add_argument("--site", default="site", help="built site folder (default: site)")
    p.add_argument("--out", default="handouts", help="PDF folder (default: handouts)")
    p.set_defaults(func=_cmd_handout)


def _cmd_fetch(args) -> int:
    """Fetch into .cache/npm-pack what a build may ship: the widget manager and plotly.js's partial bundles."""
    if not shutil.which("npm"):
        print("fetch-assets: npm not found (sudo apt-get install npm); builds use what is cached, else the full "
              "plotly.js, and refuse pages with widgets", file=sys.stderr)
        return 1
    version = bundle_version(plotly_js_full())
    found = [widget_manager(fetch=True)] + [npm_bundle(package, filename, version, fetch=True)
                                            for package, filename, _ in PARTIAL_BUNDLES]
    for path in found:
        if path is not None:
            print(f"fetch-assets: cached {path}")
    return 0 if all(p is not None for p in found) else 1


def add_fetch_cli(subparsers, data_arg) -> None:
    p = subparsers.add_parser("fetch-assets", help="fetch into .cache/ the JavaScript a build may ship (npm)")
    p.set_defaults(func=_cmd_fetch)


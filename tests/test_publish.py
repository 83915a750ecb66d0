"""Build mechanics of the offline site, on small notebooks made in tmp (no browser, no network).

The browser checks (zero requests, toggles, charts, axe) are in test_site_browser.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from widget_demo import BUTTON, OUTPUT_WIDGET, PYTHON_LINK, demo_notebooks

from explainer import publish
from explainer.publish import PublishError, build_site

# -- small notebooks ---------------------------------------------------------------------------------------
PLOTLY_CELL = '''\
import plotly.graph_objects as go, plotly.io as pio
from IPython.display import display
try:
    from explainer.figures import use_offline_renderer
    use_offline_renderer()
    OFFLINE = True
except ImportError:
    OFFLINE = False
fig = go.Figure([go.Bar(x=["ru", "ko"], y=[3, 5], name="counts", visible=True),
                 go.Bar(x=["ru", "ko"], y=[1, 2], name="rates", visible=False)])
fig.update_layout(title={"text": "Counts"}, updatemenus=[{"type": "buttons", "buttons": [
    {"label": "Counts", "method": "update", "args": [{"visible": [True, False]}, {"title.text": "Counts"}]},
    {"label": "Rates", "method": "update", "args": [{"visible": [False, True]}, {"title.text": "Rates"}]}]}])
if OFFLINE:
    fig.show()
else:  # what use_offline_renderer() emits: the figure JSON for Lab, HTML without plotly.js for the site
    display({"application/vnd.plotly.v1+json": fig.to_plotly_json(),
             "text/html": pio.to_html(fig, full_html=False, include_plotlyjs=False, include_mathjax=False)},
            raw=True)
'''

TOGGLE_CELL = '''\
from IPython.display import HTML
HTML("""<div class="tg" id="tg1"><style>#tg1 .p{display:none} #tg1 #tg1-a:checked ~ .ps .pa,
#tg1 #tg1-b:checked ~ .ps .pb{display:block}</style>
<fieldset><legend>Version</legend></fieldset>
<input type="radio" name="tg1" id="tg1-a" checked><label for="tg1-a">1961</label>
<input type="radio" name="tg1" id="tg1-b"><label for="tg1-b">2024</label>
<div class="ps"><p class="p pa">Text of version A</p><p class="p pb">Text of version B</p></div>
<details><summary>Note</summary><p>Hidden until opened</p></details></div>""")
'''

WIDGET_CELL = "import ipywidgets as w\ns = w.IntSlider()\ns.observe(print, 'value')\ns"


def nb(*cells, title="Title", para="First paragraph of prose."):
    return new_notebook(cells=[new_markdown_cell(f"# {title}\n\n{para}\n\n## Later\n\nMore text."), *cells],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                 "language": "python"}})


def write(folder: Path, name: str, notebook) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(notebook, path)
    return path


def good_notebooks(folder: Path) -> Path:
    write(folder, "01-chart.ipynb", nb(new_code_cell(PLOTLY_CELL), title="A chart",
                                       para="Counts by *language*, with a menu."))
    write(folder, "02-toggle.ipynb", nb(new_code_cell(TOGGLE_CELL), title="A toggle",
                                        para="*Pages:* [01](01-chart.ipynb) · [09](09-missing.ipynb#x)\n\n"
                                             "See [the chart](./01-chart.ipynb#Later) first."))
    live = new_code_cell(WIDGET_CELL, metadata={"tags": ["live-only"]})
    write(folder, "03-live.ipynb", nb(new_code_cell("x = 41"), live, new_code_cell("print(x + 1)"),
                                      title="Live <controls>"))
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("pub")
    notebooks = good_notebooks(root / "notebooks")
    site = build_site(notebooks, root / "site", fetch=False)
    return root, site


def pages_html(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


# -- tests ------------------------------------------------------------------------------------------------
def test_one_page_per_notebook_plus_index_and_assets(built):
    root, site = built
    out = root / "site"
    assert sorted(p.name for p in out.glob("*.html")) == ["01-chart.html", "02-toggle.html", "03-live.html",
                                                          "index.html"]
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == [
        "01-chart.ipynb", "02-toggle.ipynb", "03-live.ipynb"]
    assert {"site.css", "site.js", "lab.css", "plotly.min.js"} <= {p.name for p in (out / "assets").iterdir()}
    assert [p.title for p in site.pages] == ["A chart", "A toggle", "Live <controls>"]


def test_index_lists_each_page_with_its_h1_and_first_paragraph_escaped(built):
    root, _ = built
    index = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="01-chart.html">A chart</a>' in index
    assert "Counts by <em>language</em>, with a menu." in index
    assert "Live &lt;controls&gt;" in index and "Live <controls>" not in index
    assert "Sources and licences" in index


def test_inputs_and_prompts_hidden_source_linked_nav_present(built):
    root, _ = built
    html = pages_html(root / "site")
    for name in ("01-chart.html", "02-toggle.html", "03-live.html"):
        page = html[name]
        assert "jp-CodeMirrorEditor" not in page and "In&nbsp;[" not in page and "jp-InputPrompt" not in page
        assert f'href="notebooks/{name[:-5]}.ipynb"' in page
        assert 'href="index.html"' in page
    assert 'rel="next"' not in html["03-live.html"] and 'rel="prev"' not in html["01-chart.html"]
    assert '<a class="site-next" href="03-live.html" rel="next">03 Live</a>' in html["02-toggle.html"]
    assert '<a class="site-prev" href="01-chart.html" rel="prev">01 Chart</a>' in html["02-toggle.html"]
    assert '<a href="03-live.html" rel="next">Next: Live &lt;controls&gt;</a>' in html["02-toggle.html"]
    assert "Text of version B" in html["02-toggle.html"]
    assert "import plotly" not in html["01-chart.html"] and "x = 41" not in html["03-live.html"]


def test_live_only_cell_replaced_by_a_note_and_not_executed(built):
    root, _ = built
    page = (root / "site" / "03-live.html").read_text(encoding="utf-8")
    assert "This control needs a live kernel" in page
    assert '<a href="notebooks/03-live.ipynb">03-live.ipynb</a>' in page
    assert "IntSlider" not in page and "widget-view" not in page
    assert "42" in page  # the cells around it ran


def test_plotly_loaded_only_on_pages_with_a_figure(built):
    root, _ = built
    html = pages_html(root / "site")
    assert '<script defer="" src="assets/plotly.min.js"></script>' in html["01-chart.html"]
    assert '<script defer="" src="assets/lazyplot.js"></script>' in html["01-chart.html"]
    assert "Plotly.newPlot" in html["01-chart.html"]
    for name in ("02-toggle.html", "03-live.html", "index.html"):
        assert "plotly.min.js" not in html[name]


def test_no_cdn_or_remote_resource_anywhere_in_site(built):
    root, _ = built
    out = root / "site"
    for f in out.rglob("*"):
        if f.is_file():
            text = f.read_text(encoding="utf-8", errors="replace")
            for host in publish.CDN_HOSTS:
                assert host not in text, (f, host)
            if f.suffix == ".html":
                # loaded resources (src=, <link href>) are all local; only <a href> may point outside
                assert not re.search(r'\ssrc="(?:https?:)?//', text), f
                assert not re.search(r'<link[^>]+href="(?:https?:)?//', text), f
                assert "require.js" not in text and "mathjax" not in text.lower()


def test_source_copies_have_no_outputs(built):
    root, _ = built
    copy = nbformat.read(root / "site" / "notebooks" / "03-live.ipynb", as_version=4)
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None
               for c in copy.cells if c.cell_type == "code")
    assert any("live-only" in c.metadata.get("tags", []) for c in copy.cells)  # the source keeps the cell


def test_output_areas_are_not_tab_stops(built):
    root, _ = built
    page = (root / "site" / "02-toggle.html").read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in page
    assert 'tabindex="0"' not in page


def test_two_builds_are_byte_identical(built, tmp_path):
    root, _ = built
    build_site(root / "notebooks", tmp_path / "again", fetch=False)
    first = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*")
              if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_random_ids_are_canonical():
    page = "<div id='{0}'></div><script>f('{0}')</script>"
    a = page.format("0b1c2d3e-aaaa-4bbb-8ccc-0123456789ab")
    b = page.format("ffffffff-aaaa-4bbb-8ccc-0123456789ab")
    assert publish.canonical_ids(a) == publish.canonical_ids(b) == page.format("uid-0001")


def _previous_site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous build", encoding="utf-8")
    return out


def test_failing_notebook_names_notebook_and_cell_and_keeps_previous_site(tmp_path):
    notebooks = tmp_path / "nbs"
    write(notebooks, "01-ok.ipynb", nb(new_code_cell("1 + 1")))
    write(notebooks, "02-bad.ipynb", nb(new_code_cell("a = 1"), new_code_cell("raise ValueError('boom')")))
    out = _previous_site(tmp_path)
    with pytest.raises(PublishError) as e:
        build_site(notebooks, out, fetch=False)
    assert "02-bad.ipynb, cell 2" in str(e.value) and "ValueError: boom" in str(e.value)
    assert e.value.cell == 2
    assert (out / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nbs", "site"]  # no temporary folder left


def test_untagged_callback_cell_fails_before_execution(tmp_path):
    notebooks = tmp_path / "nbs"
    write(notebooks, "01-cb.ipynb", nb(new_code_cell("print('fine')"), new_code_cell(WIDGET_CELL)))
    out = _previous_site(tmp_path)
    with pytest.raises(PublishError, match=r"01-cb\.ipynb, cell 2: uses a Python callback \('\.observe\('\)"):
        build_site(notebooks, out, fetch=False)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous build"


def test_callback_in_a_comment_is_not_a_callback():
    notebook = nb(new_code_cell("# slider.observe(f) would not work here\nx = 1"))
    publish.check_sources(notebook, "n.ipynb")  # does not raise


@pytest.fixture()
def fake_widget_manager(tmp_path, monkeypatch) -> Path:
    """A cache holding a stand-in for html-manager's embed.js (the build copies it; browsers are not involved)."""
    cache = tmp_path / "cache"
    hm = cache / "npm-pack" / f"{publish.HTML_MANAGER}@{publish.HTML_MANAGER_VERSION}"
    hm.mkdir(parents=True)
    (hm / "embed.js").write_text("/* stand-in for embed.js */\n", encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_CACHE", str(cache))
    return cache


def test_browser_side_widgets_publish_with_their_state_byte_identically(tmp_path, fake_widget_manager):
    notebooks = demo_notebooks(tmp_path / "nbs")
    site = build_site(notebooks, tmp_path / "site", fetch=False)
    assert [(p.stem, p.widgets) for p in site.pages] == [("01-widgets", True), ("02-live", False),
                                                         ("03-plain", False)]
    page = (tmp_path / "site" / "01-widgets.html").read_text(encoding="utf-8")
    state = json.loads(re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
                                 page, re.S).group(1))
    names = sorted(m["model_name"] for m in state["state"].values())
    assert {"ToggleButtonsModel", "StackModel", "LinkModel", "DirectionalLinkModel", "TabModel",
            "AccordionModel"} <= set(names)
    assert not re.search(r"[0-9a-f]{32}", page)  # model ids are numbered, not random
    assert (tmp_path / "site" / "assets" / "widgets" / "embed.js").is_file()
    assert "Plotly.newPlot" in page  # plain plotly, no renderer call in the notebook
    build_site(notebooks, tmp_path / "again", fetch=False)
    for f in (tmp_path / "site").rglob("*"):
        if f.is_file():
            assert f.read_bytes() == (tmp_path / "again" / f.relative_to(tmp_path / "site")).read_bytes(), f


def test_widgets_without_the_widget_manager_fail_naming_the_notebook(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "empty-cache"))
    notebooks = tmp_path / "nbs"
    write(notebooks, "01-w.ipynb", nb(new_code_cell("import ipywidgets as w\nw.ToggleButtons(options=['a', 'b'])")))
    out = _previous_site(tmp_path)
    with pytest.raises(PublishError, match=r"01-w\.ipynb: shows ipywidgets, which need the widget manager "
                                           r"@jupyter-widgets/html-manager@1\.0\.15.*without --no-fetch"):
        build_site(notebooks, out, fetch=False)
    monkeypatch.setattr(publish.shutil, "which", lambda name: None)
    with pytest.raises(PublishError, match=r"npm is not installed \(sudo apt-get install npm"):
        build_site(notebooks, out, fetch=True)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous build"


@pytest.mark.parametrize(("code", "message"), [
    (OUTPUT_WIDGET, r"cell 1: shows a widget that cannot work without a kernel \(OutputModel from "
                    r"@jupyter-widgets/output"),
    (BUTTON, r"cell 1: shows a widget that cannot work without a kernel \(ButtonModel: a Button does nothing"),
])
def test_widgets_that_need_python_are_refused_naming_the_cell(tmp_path, fake_widget_manager, code, message):
    notebooks = tmp_path / "nbs"
    write(notebooks, "01-w.ipynb", nb(new_code_cell(code)))
    with pytest.raises(PublishError, match=message):
        build_site(notebooks, tmp_path / "site", fetch=False)
    assert not (tmp_path / "site").exists()


def test_python_side_widget_link_is_refused_before_execution(tmp_path):
    notebooks = tmp_path / "nbs"
    write(notebooks, "01-l.ipynb", nb(new_code_cell("x = 1"), new_code_cell(PYTHON_LINK)))
    with pytest.raises(PublishError, match=r"01-l\.ipynb, cell 2: links widgets through Python"):
        build_site(notebooks, tmp_path / "site", fetch=False)
    js = nb(new_code_cell("import ipywidgets as w\na, b = w.IntSlider(), w.IntSlider()\n"
                          "w.jslink((a, 'value'), (b, 'value'))\nw.jsdlink((a, 'value'), (b, 'max'))"))
    publish.check_sources(js, "n.ipynb")  # does not raise


def test_plotly_figure_without_html_fails(tmp_path):
    notebooks = tmp_path / "nbs"
    code = ("from IPython.display import display\n"
            "display({'application/vnd.plotly.v1+json': {'data': [], 'layout': {}}}, raw=True)")
    write(notebooks, "01-p.ipynb", nb(new_code_cell(code)))
    with pytest.raises(PublishError, match=r"cell 1: a plotly figure has no text/html.*do not change "
                                           r"plotly\.io\.renderers\.default"):
        build_site(notebooks, tmp_path / "site", fetch=False)


def test_links_between_notebooks_point_to_pages_and_every_local_link_resolves(built):
    root, _ = built
    out = root / "site"
    toggle = (out / "02-toggle.html").read_text(encoding="utf-8")
    assert '<a href="01-chart.html#Later">the chart</a>' in toggle
    assert '<span class="unpublished" title="not published yet">09</span>' in toggle
    for page in out.glob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", href):
                assert (out / href).is_file(), (page.name, href)


def test_title_and_summary_from_markdown():
    notebook = nb(title="Start here", para="What this is, in one **paragraph**.")
    assert publish.title_and_summary(notebook, "x") == ("Start here", "What this is, in one **paragraph**.")
    assert publish.title_and_summary(new_notebook(cells=[new_markdown_cell("no heading")]), "fallback") == (
        "fallback", "")
    links = "*Notebooks:* [01 A](01-a.ipynb) · [02 B](02-b.ipynb)"
    bar = nb(title="T", para=f"{links}\n\n## Overview\n\nReal prose.")
    assert publish.title_and_summary(bar, "x") == ("T", "Real prose.")
    lead = nb(title="T", para="This is the front door. It shows, from data only:\n\n1. a\n2. b")
    assert publish.title_and_summary(lead, "x") == ("T", "This is the front door.")
    assert publish.title_and_summary(nb(title="T", para="It shows:"), "x") == ("T", "It shows:")
    assert publish.short_label("04-the-texts") == "04 The texts"


def test_nav_labels_come_from_notebook_metadata_else_the_file_name():
    pages = [publish.Page("01-a-b", "A", "", False, None),
             publish.Page("02-officials-words", "B", "", False, None, nav="02 Officials' <words>")]
    bar = publish.nav_html(pages, 0)
    assert ">01 A b<" in bar and ">02 Officials&#x27; &lt;words&gt;</a>" in bar
    assert ">02 Officials&#x27; &lt;words&gt;</span>" in publish.nav_html(pages, 1)


def test_trace_types_pick_the_bundle():
    fig = {"data": [{"type": "bar"}, {"type": "heatmap"}, {}], "layout": {}}
    notebook = nb(new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data={publish.PLOTLY_JSON: fig, "text/html": "<div>Plotly.newPlot</div>"})]))
    assert publish.trace_types(notebook) == {"bar", "heatmap", "scatter"}
    assert publish.trace_types(notebook) <= publish.CARTESIAN_TRACES
    html_only = nb(new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<script>Plotly.newPlot('x', [])</script>"})]))
    assert publish.trace_types(html_only) is None


def test_plotly_bundle_choice_needs_cartesian_traces_and_the_exact_version(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path))
    version = publish.bundle_version(publish.plotly_js_full())
    bar = publish.Page("01-a", "A", "", True, frozenset({"bar", "heatmap"}))
    geo = publish.Page("02-b", "B", "", True, frozenset({"scattergeo"}))
    unknown = publish.Page("03-c", "C", "", True, None)
    only_bar = publish.Page("04-d", "D", "", True, frozenset({"bar"}))
    assert publish.choose_plotly([bar], fetch=False)[1].startswith("plotly.js@")  # nothing cached: full
    cached = {}
    for name, kind in (("cartesian", "cartesian"), ("basic", "basic")):
        f = tmp_path / "npm-pack" / f"plotly.js-{name}-dist-min@{version}" / f"plotly-{name}.min.js"
        f.parent.mkdir(parents=True)
        f.write_text(f"/**\n* plotly.js ({kind} - minified) v{version}\n*/\n", encoding="utf-8")
        cached[name] = f
    assert publish.choose_plotly([bar], fetch=False) == (cached["cartesian"],
                                                         f"plotly.js-cartesian-dist-min@{version} (npm)")
    assert publish.choose_plotly([only_bar], fetch=False)[0] == cached["basic"]  # the smallest that fits
    assert publish.choose_plotly([bar, geo], fetch=False)[1].startswith("plotly.js@")
    assert publish.choose_plotly([bar, unknown], fetch=False)[1].startswith("plotly.js@")
    cached["basic"].write_text("/**\n* plotly.js (basic - minified) v0.0.1\n*/\n", encoding="utf-8")
    assert publish.choose_plotly([only_bar], fetch=False)[0] == cached["cartesian"]  # wrong version: skipped


def test_cli_site_writes_site_and_reports_failure(tmp_path, monkeypatch):
    from explainer.cli import main

    notebooks = tmp_path / "nbs"
    write(notebooks, "01-ok.ipynb", nb(new_code_cell("print('hello from the kernel')")))
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path / "cache"))
    assert main(["site", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--no-fetch"]) == 0
    assert "hello from the kernel" in (tmp_path / "out" / "01-ok.html").read_text(encoding="utf-8")
    write(notebooks, "02-bad.ipynb", nb(new_code_cell("1/0")))
    assert main(["site", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--no-fetch"]) == 1
    assert not (tmp_path / "out" / "02-bad.html").exists()


def test_kernel_sees_the_data_folder(tmp_path, data_copy):
    notebooks = tmp_path / "nbs"
    code = "import os; print('DATA=' + os.environ['EXPLAINER_DATA'])"
    write(notebooks, "01-env.ipynb", nb(new_code_cell(code)))
    build_site(notebooks, tmp_path / "site", data=data_copy, fetch=False)
    page = (tmp_path / "site" / "01-env.html").read_text(encoding="utf-8")
    assert f"DATA={os.fspath(data_copy.resolve())}" in page


def test_build_from_inside_a_running_event_loop(tmp_path):
    """As when called from a notebook or JupyterLab: the kernels then run one at a time."""
    import asyncio

    notebooks = tmp_path / "nbs"
    write(notebooks, "01-a.ipynb", nb(new_code_cell("print('ran in loop')")))
    write(notebooks, "02-b.ipynb", nb(new_code_cell("raise KeyError('k')")))

    async def main():
        return build_site(notebooks, tmp_path / "site", fetch=False)

    def in_fresh_loop():
        # A thread of its own: the session's Playwright browser may already hold this thread's loop.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, main()).result()

    with pytest.raises(PublishError, match=r"02-b\.ipynb, cell 1: raised KeyError"):
        in_fresh_loop()
    (notebooks / "02-b.ipynb").unlink()
    site = in_fresh_loop()
    assert [p.stem for p in site.pages] == ["01-a"]
    assert "ran in loop" in (tmp_path / "site" / "01-a.html").read_text(encoding="utf-8")

"""The published site in headless Chromium with the network blocked (file:// only).

Two sites are built once per session: one from small notebooks made in tmp (a plotly figure with a
menu, a CSS radio toggle, a live-only widget cell), and one from whatever notebooks/ holds. For every
page: zero non-file requests, zero page errors, every chart drawn, every toggle changes what is
visible, axe-core finds no serious or critical violation, a screenshot under tests/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_publish import good_notebooks

from explainer.publish import NOTEBOOK_GLOB, build_handouts, build_site

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TMP_PAGES = ["index.html", "01-chart.html", "02-toggle.html", "03-live.html"]
REAL_PAGES = ["index.html"] + [p.stem + ".html" for p in sorted((REPO / "notebooks").glob(NOTEBOOK_GLOB))]
CASES = [("tmp", p) for p in TMP_PAGES] + [("real", p) for p in REAL_PAGES]
IDS = [f"{s}-{p}" for s, p in CASES]


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sites")
    build_site(good_notebooks(root / "nbs"), root / "tmp", fetch=False)
    built = {"tmp": root / "tmp"}

    def real() -> Path:
        if "real" not in built:
            build_site(REPO / "notebooks", root / "real", fetch=False)
            built["real"] = root / "real"
        return built["real"]

    class Sites(dict):
        def __missing__(self, key):
            return real() if key == "real" else built[key]

    return Sites(built)


# What is visible: rendered text (innerText skips display:none) and the state of every plotly graph.
SNAPSHOT_JS = """() => JSON.stringify({
  text: document.body.innerText,
  plots: [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    vis: (gd.data || []).map(t => t.visible === undefined ? true : t.visible),
    title: gd.layout && gd.layout.title ? (gd.layout.title.text || '') : '',
    shapes: gd.querySelectorAll('.trace').length})),
})"""

CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
  id: gd.id, traces: (gd.data || []).length,
  drawn: gd.querySelectorAll('.trace, .hm').length}))"""


DRAWN_JS = """() => [...document.querySelectorAll('.plotly-graph-div, .js-plotly-plot')].every(
  gd => gd._fullLayout && gd.querySelectorAll('.trace, .hm').length > 0)"""
# Charts are drawn when they come near the window (assets/lazyplot.js): scroll to each, as a reader would.
SCROLL_TO_EACH_CHART_JS = """async () => {
  for (const gd of document.querySelectorAll('.plotly-graph-div')) {
    gd.scrollIntoView();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  window.scrollTo(0, 0);
}"""


def _open(offline_page, site: Path, name: str):
    offline_page.goto(site / name)
    page = offline_page.page
    page.wait_for_load_state("load")
    page.evaluate(SCROLL_TO_EACH_CHART_JS)
    try:  # plotly draws asynchronously after load; a chart that never draws fails below
        page.wait_for_function(DRAWN_JS, timeout=10_000)
    except Exception:
        pass
    return page


@pytest.mark.parametrize(("site", "name"), CASES, ids=IDS)
def test_page_loads_offline_with_every_chart_drawn(sites, offline_page, site, name):
    page = _open(offline_page, sites[site], name)
    charts = page.evaluate(CHARTS_JS)
    offline_page.screenshot(f"site-{site}-{name[:-5]}")
    assert offline_page.blocked == []
    assert offline_page.errors == []
    assert all(c["traces"] > 0 and c["drawn"] > 0 for c in charts), charts
    html = (sites[site] / name).read_text(encoding="utf-8")
    assert html.count("Plotly.newPlot") == len(charts)  # no figure silently missing from the DOM
    assert page.locator("nav").first.is_visible()


def _changes(page, action) -> bool:
    """Does the action change what is visible? (waits up to 2 s for the change, e.g. a plotly redraw)"""
    before = page.evaluate(SNAPSHOT_JS)
    action()
    try:
        page.wait_for_function(f"before => ({SNAPSHOT_JS})() !== before", arg=before, timeout=2_000)
    except Exception:
        return False
    return True


RESET_SELECTS_JS = """(initial) => document.querySelectorAll('main select').forEach((s, i) => {
  if (s.value !== initial[i]) {
    s.value = initial[i]; s.dispatchEvent(new Event('change', {bubbles: true})); }})"""


def _toggle_actions(page):
    """(description, action) for every control on the page that a reader can operate."""
    actions = []
    radios = page.locator("input[type=radio]")
    for i in range(radios.count()):
        r = radios.nth(i)
        if not r.is_checked():
            actions.append((f"radio #{i} {r.get_attribute('id')}", lambda r=r: r.check(force=True)))
    # .modebar-btn: plotly's own zoom/download tools, not a toggle of ours
    buttons = page.locator("main button:not([disabled]):not(.modebar-btn), main [role=tab]")
    for i in range(buttons.count()):
        b = buttons.nth(i)
        if b.get_attribute("aria-pressed") != "true" and b.get_attribute("aria-selected") != "true" \
                and b.is_visible():
            actions.append((f"button #{i} {b.inner_text()[:30]!r}", lambda b=b: b.click()))
    selects = page.locator("main select")
    for i in range(selects.count()):
        s = selects.nth(i)
        values = s.evaluate("s => [...s.options].map(o => o.value)")
        current = s.input_value()
        for v in values:
            if v != current:
                actions.append((f"select #{i} -> {v}", lambda s=s, v=v: s.select_option(v)))
    # plotly updatemenus: button rows (last to first: the active first button is clicked last), dropdowns
    menus = page.locator(".updatemenu-container .updatemenu-button")
    for i in reversed(range(menus.count())):
        actions.append((f"plotly menu button #{i}", lambda i=i: menus.nth(i).dispatch_event("click")))
    headers = page.locator(".updatemenu-container .updatemenu-header")
    for h in range(headers.count()):
        headers.nth(h).dispatch_event("click")
        n = page.locator(".updatemenu-dropdown-button").count()
        headers.nth(h).dispatch_event("click")
        for k in reversed(range(n)):
            def pick(h=h, k=k):
                headers.nth(h).dispatch_event("click")
                page.locator(".updatemenu-dropdown-button").nth(k).dispatch_event("click")
            actions.append((f"plotly dropdown #{h} option {k}", pick))
    return actions


@pytest.mark.parametrize(("site", "name"), CASES, ids=IDS)
def test_every_toggle_changes_what_is_visible(sites, offline_page, site, name):
    page = _open(offline_page, sites[site], name)
    initial = page.evaluate("() => [...document.querySelectorAll('main select')].map(s => s.value)")
    actions = _toggle_actions(page)
    dead = []
    for desc, act in actions:
        if not _changes(page, act):
            dead.append(desc)
        # filters combine: put every select back, so each option is tested on its own
        page.evaluate(RESET_SELECTS_JS, initial)
    offline_page.screenshot(f"site-{site}-{name[:-5]}-after-toggles")
    assert dead == []
    assert offline_page.errors == [] and offline_page.blocked == []
    if (site, name) in {("tmp", "01-chart.html"), ("tmp", "02-toggle.html")}:
        assert actions, "the test notebooks have toggles: discovery must find them"


def test_radio_toggle_switches_panel_and_menu_switches_traces(sites, offline_page):
    page = _open(offline_page, sites["tmp"], "02-toggle.html")
    assert page.get_by_text("Text of version A").is_visible()
    assert not page.get_by_text("Text of version B").is_visible()
    page.locator("label[for=tg1-b]").click()
    assert page.get_by_text("Text of version B").is_visible()
    assert not page.get_by_text("Text of version A").is_visible()
    page = _open(offline_page, sites["tmp"], "01-chart.html")
    vis = "() => document.querySelector('.js-plotly-plot').data.map(t => t.visible)"
    assert page.evaluate(vis) == [True, False]
    page.locator(".updatemenu-button").nth(1).dispatch_event("click")
    page.wait_for_timeout(50)
    assert page.evaluate(vis) == [False, True]
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').layout.title.text") == "Rates"


def _axe_or_skip():
    if not AXE.exists():
        reason = f"axe-core not installed at {AXE}: install npm (`sudo apt-get install npm`); `make test` fetches it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE


@pytest.mark.parametrize(("site", "name"), CASES, ids=IDS)
def test_axe_finds_no_serious_or_critical_violation(sites, offline_page, site, name):
    axe = _axe_or_skip()
    page = _open(offline_page, sites[site], name)
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, "
                           "impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1)


def test_print_opens_details_and_hides_navigation(sites, offline_page):
    page = _open(offline_page, sites["tmp"], "02-toggle.html")
    assert page.evaluate("() => document.querySelector('details').open") is False
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("() => [...document.querySelectorAll('details')].every(d => d.open)")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-pager").is_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("() => document.querySelector('details').open") is False


def test_handouts_are_pdfs_of_every_page(sites, tmp_path, browser):
    pdfs = build_handouts(sites["tmp"], tmp_path / "handouts", browser=browser)
    assert [p.name for p in pdfs] == ["01-chart.pdf", "02-toggle.pdf", "03-live.pdf"]
    for p in pdfs:
        data = p.read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 2000


def test_real_handouts_print_korean_chinese_and_russian_with_real_glyphs(sites, tmp_path, browser):
    """Every PDF `make handout` writes for the real site: no character printed as an empty box, and the scripts
    the data quotes (Korean and Russian authentic texts, Chinese witnesses) are drawn with real glyphs."""
    from explainer.printcheck import check_pdf, glyph_report

    pdfs = build_handouts(sites["real"], tmp_path / "handouts", browser=browser)
    stems = [p.stem for p in pdfs]
    assert any(s.endswith("-teacher") for s in stems) and any(s.endswith("-students") for s in stems)
    shown: dict[str, int] = {}
    for pdf in pdfs:
        assert check_pdf(pdf) is None
        for script, n in glyph_report(pdf).script_counts().items():
            shown[script] = shown.get(script, 0) + n
    assert shown["Korean"] > 0 and shown["Chinese/Japanese ideographs"] > 0 and shown["Cyrillic"] > 0, shown


def test_print_fits_charts_to_the_page_and_restores_them(sites, offline_page):
    page = _open(offline_page, sites["tmp"], "01-chart.html")
    width = "() => [document.querySelector('.js-plotly-plot')._fullLayout.width, " \
            "+document.querySelector('.js-plotly-plot .main-svg').getAttribute('width')]"
    screen = page.evaluate(width)  # the fixture's 1200 px window: wider than a printed column
    assert screen[0] > 680
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(width) == [680, 680]  # A4/Letter column: the chart is redrawn, not clipped
    page.emulate_media(media="screen")  # as in a browser: afterprint fires once the page is back on screen
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function("w => document.querySelector('.js-plotly-plot')._fullLayout.width === w", arg=screen[0])
    assert page.evaluate(width) == screen


WIDER_THAN_SHEET_JS = """() => {
  const edge = document.querySelector('main').getBoundingClientRect().right + 1;
  return [...document.querySelectorAll('main table, main .js-plotly-plot, main pre, main blockquote, main img')]
    .filter(el => el.getBoundingClientRect().right > edge)
    .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 50));
}"""


@pytest.mark.parametrize(("site", "name"), CASES, ids=IDS)
def test_printed_page_has_nothing_wider_than_the_sheet(sites, offline_page, site, name):
    page = _open(offline_page, sites[site], name)
    page.set_viewport_size({"width": 703, "height": 1000})  # A4 (210 mm) minus 2 x 12 mm margins, at 96 dpi
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(WIDER_THAN_SHEET_JS) == []


LAZY_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>lazy</title>
<script src="assets/plotly.min.js"></script><script src="assets/lazyplot.js"></script></head><body><main>
<h1>Lazy charts</h1><div id="near" class="plotly-graph-div" style="height:300px"></div>
<script>Plotly.newPlot("near", [{type: "bar", x: ["a"], y: [1]}], {})</script>
<div style="height:4000px"></div><div id="far" class="plotly-graph-div" style="height:300px"></div>
<script>Plotly.newPlot("far", [{type: "bar", x: ["b"], y: [2]}], {})</script>
<div style="height:4000px"></div><div id="last" class="plotly-graph-div" style="height:300px"></div>
<script>Plotly.newPlot("last", [{type: "bar", x: ["c"], y: [3]}], {})</script></main></body></html>"""
DRAWN_IDS_JS = "() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => gd.id)"


def test_charts_are_drawn_when_they_come_into_view_and_all_before_printing(sites, offline_page):
    page = offline_page.page
    offline_page.open_html(LAZY_PAGE, sites["tmp"] / "lazy.html")
    page.wait_for_function("() => document.querySelector('#near .trace') !== null")
    assert page.evaluate(DRAWN_IDS_JS) == ["near"]  # the others are off screen: not drawn yet
    page.locator("#far").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#far .trace') !== null")
    assert page.evaluate(DRAWN_IDS_JS) == ["near", "far"]
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(DRAWN_IDS_JS) == ["near", "far", "last"]
    assert offline_page.errors == [] and offline_page.blocked == []
    (sites["tmp"] / "lazy.html").unlink()


COPY_STATE_JS = """() => ({
  solutions: [...document.querySelectorAll('.celltag_solution, .celltag_teacher-only, .solution')]
    .filter(el => el.getClientRects().length > 0).length,
  room: [...document.querySelectorAll('.celltag_exercise')]
    .map(el => parseFloat(getComputedStyle(el, '::after').height) || 0),
})"""


@pytest.mark.parametrize("copy", ["teacher", "students"])
def test_classroom_prints_both_copies_on_a4_with_nothing_cut_off(sites, offline_page, copy):
    """The classroom page (05) has solutions: the switch is there; each copy fits the A4 column; the students'
    copy shows no solution and leaves room (at least 5 cm) under every exercise, the teacher's copy none."""
    name = next(p for p in REAL_PAGES if p.startswith("05-"))
    page = _open(offline_page, sites["real"], name)
    switch = page.get_by_role("group", name="Copy to show and print")
    switch.get_by_role("button", name=re.compile("Students'" if copy == "students" else "Teacher's")).click()
    page.set_viewport_size({"width": 703, "height": 1000})
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(WIDER_THAN_SHEET_JS) == []
    assert not switch.is_visible()  # not printed
    state = page.evaluate(COPY_STATE_JS)
    assert len(state["room"]) >= 3  # the three exercises are tagged
    if copy == "students":
        assert state["solutions"] == 0
        assert min(state["room"]) >= 5 * 96 / 2.54
    else:
        assert state["solutions"] > 0 and max(state["room"]) == 0
    offline_page.screenshot(f"site-real-05-{copy}-copy-print")

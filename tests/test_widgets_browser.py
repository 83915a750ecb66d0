"""Browser-side ipywidgets on the published page, in headless Chromium with the network blocked.

The demo notebooks (tests/widget_demo.py) show a ToggleButtons jslinked to a Stack, a Tab, an Accordion, a
slider jsdlinked to a number box and a plain plotly figure; the page ships html-manager's embed.js from
.cache/npm-pack (`make test` fetches it when npm is present).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from test_site_browser import _axe_or_skip
from widget_demo import demo_notebooks

from explainer import publish
from explainer.publish import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def widget_site(tmp_path_factory):
    if publish.widget_manager(fetch=False) is None:
        reason = (f"{publish.HTML_MANAGER}@{publish.HTML_MANAGER_VERSION} is not cached in "
                  f"{publish.cache_dir() / 'npm-pack'}: install npm (`sudo apt-get install npm`); "
                  "`make test` fetches it")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("widgets")
    build_site(demo_notebooks(root / "nbs"), root / "site", fetch=False)
    return root / "site"


def _open(offline_page, site, name):
    offline_page.goto(site / name)
    page = offline_page.page
    page.wait_for_load_state("load")
    page.wait_for_selector(".widget-toggle-buttons", timeout=15_000)
    return page


def _visible(page, text: str) -> bool:
    loc = page.get_by_text(text, exact=True)
    return loc.count() > 0 and loc.first.is_visible()


def test_toggle_buttons_switch_the_stack_offline(widget_site, offline_page):
    page = _open(offline_page, widget_site, "01-widgets.html")
    assert _visible(page, "Panel one: the 1961 text") and not _visible(page, "Panel two: the 2024 text")
    page.get_by_role("button", name="Treaty of 2024").click()
    page.wait_for_function("() => document.body.innerText.includes('Panel two: the 2024 text')")
    assert _visible(page, "Panel two: the 2024 text") and not _visible(page, "Panel one: the 1961 text")
    offline_page.screenshot("widgets-toggle-stack")
    assert offline_page.blocked == [] and offline_page.errors == []


def test_tab_accordion_and_jsdlink_work_offline(widget_site, offline_page):
    page = _open(offline_page, widget_site, "01-widgets.html")
    assert _visible(page, "First tab body") and not _visible(page, "Second tab body")
    page.get_by_role("tab", name="Russian").click()
    assert _visible(page, "Second tab body") and not _visible(page, "First tab body")
    assert not _visible(page, "Inside the second fold")
    page.get_by_text("Fold B", exact=True).click()
    page.wait_for_function("() => document.body.innerText.includes('Inside the second fold')")
    copied = page.locator(".widget-text input").first
    assert copied.input_value() == "3"  # jsdlink copied the slider's value when the page was drawn
    page.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.widget-text input').value === '4'")
    assert offline_page.blocked == [] and offline_page.errors == []


def test_print_shows_every_tab_panel_and_accordion_fold(widget_site, offline_page):
    page = _open(offline_page, widget_site, "01-widgets.html")
    assert not _visible(page, "Second tab body") and not _visible(page, "Inside the first fold")
    page.emulate_media(media="print")
    for text in ("First tab body", "Second tab body", "Inside the first fold", "Inside the second fold"):
        assert _visible(page, text), text


def test_plain_plotly_figure_is_drawn_without_renderer_setup(widget_site, offline_page):
    page = _open(offline_page, widget_site, "01-widgets.html")
    page.locator(".plotly-graph-div").first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .trace') !== null")
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').layout.title.text") == "Plain plotly"


def test_widget_manager_ships_only_with_pages_that_show_widgets(widget_site):
    html = {p.name: p.read_text(encoding="utf-8") for p in widget_site.glob("*.html")}
    assert re.search(r'<script defer="" src="assets/widgets/embed\.js">', html["01-widgets.html"])
    for name in ("02-live.html", "03-plain.html", "index.html"):
        assert "embed.js" not in html[name] and "widget-state+json" not in html[name]
    assert "This control needs a live kernel" in html["02-live.html"]
    listing = (widget_site / "assets" / "ASSETS.txt").read_text(encoding="utf-8")
    assert f"{publish.HTML_MANAGER}@{publish.HTML_MANAGER_VERSION}" in listing


def test_widget_page_has_no_serious_accessibility_violation(widget_site, offline_page):
    axe = _axe_or_skip()
    page = _open(offline_page, widget_site, "01-widgets.html")
    page.add_script_tag(path=str(axe))
    result = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, "
                           "impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1)

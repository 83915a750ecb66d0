"""Reader and family pages in headless Chromium, offline: permalinks restored on load, every state printed,
axe-core clean on screen and in print."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_views_browser import AXE, require_axe, run_axe

from explainer.publish import build_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    (root / "nbs").mkdir()
    build_site(root / "nbs", root / "site", fetch=False, readers=True)
    return root / "site"


def test_permalinks_open_the_part_and_the_witness(reader_site, offline_page):
    page = offline_page.page
    offline_page.goto(reader_site / "reader-2024-dprk-russia.html", "#2024-dprk-russia/4/2024-04-ru-01")
    page.wait_for_load_state("load")
    state = page.locator('[id="2024-dprk-russia/4/2024-04-ru-01"]')
    assert state.is_visible() and "xv-on" in (state.get_attribute("class") or "")
    sec = page.locator('section[data-xv-slug="2024-dprk-russia/4"]')
    pressed = sec.locator("button[aria-pressed=true]")
    assert pressed.count() == 1 and pressed.get_attribute("data-xv-val") == "2024-04-ru-01"
    assert sec.locator(".xv-state:visible").count() == 1
    # switching updates the address, and the new address opens the same state
    sec.locator('button[data-xv-val="best"]').click()
    assert page.evaluate("location.hash") == "#2024-dprk-russia/4/best"
    offline_page.goto(reader_site / "reader-2024-dprk-russia.html", "#2024-dprk-russia/10")
    page.wait_for_load_state("load")
    part = page.locator('[id="2024-dprk-russia/10"]')
    box = part.bounding_box()
    assert box is not None and -2 <= box["y"] < 300  # scrolled to the part (sub-pixel rounding: -0.19 seen)
    assert part.locator(".xv-state:visible").count() == 1  # its switch shows the default state
    offline_page.screenshot("reader-2024-art10", full_page=False)
    assert offline_page.errors == [] and offline_page.blocked == []


def test_print_shows_every_state(reader_site, offline_page):
    page = offline_page.page
    offline_page.goto(reader_site / "reader-2024-dprk-russia.html")
    page.wait_for_load_state("load")
    total = page.locator(".xv-state").count()
    assert page.locator(".xv-state:visible").count() < total
    page.emulate_media(media="print")
    assert page.locator(".xv-state:visible").count() == total
    assert not page.locator(".xv-controls").first.is_visible()


def _generated_names() -> list[str]:
    from explainer import load
    from explainer.articles import reader_treaties

    corpus = load()
    return [f"reader-{t}.html" for t in reader_treaties(corpus)] + [f"family-{f}.html" for f in corpus.families]


@pytest.mark.parametrize("name", _generated_names())
def test_axe_clean_on_screen_and_in_print(reader_site, offline_page, name):
    require_axe()
    page = offline_page.page
    offline_page.goto(reader_site / name)
    page.wait_for_load_state("load")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = {}
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        for v in run_axe(page):
            found.setdefault((media, v["id"]), v)
    bad = {k: v for k, v in found.items() if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"}
    assert bad == {}, "\n".join(f"{k}: {v['help']} {v['nodes']}" for k, v in bad.items())
    assert offline_page.errors == [] and offline_page.blocked == []


@pytest.mark.parametrize("name", _generated_names())
def test_printed_page_fits_the_sheet(reader_site, offline_page, name):
    from test_site_browser import WIDER_THAN_SHEET_JS

    page = offline_page.page
    offline_page.goto(reader_site / name)
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 703, "height": 1000})  # A4 minus 2 x 12 mm margins, at 96 dpi
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(WIDER_THAN_SHEET_JS) == []

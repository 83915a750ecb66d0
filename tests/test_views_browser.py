"""The comparison views in headless Chromium, network blocked: mouse, keyboard, permalinks, escaping."""

from __future__ import annotations

import os
import re

import pytest

from explainer import views
from tests.conftest import REPO, html_document
from tests.test_views import evil_corpus

pytestmark = pytest.mark.browser


def visible_state(page, slug):
    return page.locator(f'section[data-xv-slug="{slug}"] .xv-state:visible')


def open_at(offline_page, path, fragment):
    """Load ``path`` afresh at a permalink ``fragment`` (a reload, so the state is restored on load)."""
    offline_page.goto(path, fragment)
    offline_page.page.reload()
    return offline_page.page


def test_version_view_mouse_keyboard_permalink(offline_page, corpus, tmp_path):
    body = views.version_view(corpus, "mutual-assistance").html
    path = tmp_path / "versions.html"
    offline_page.open_html(html_document(body, "Versions"), path)
    page = offline_page.page
    root = page.locator('section[data-xv-slug="mutual-assistance"]')
    assert visible_state(page, "mutual-assistance").count() == 1
    # mouse: Russian, then the 2024 clause
    root.get_by_role("button", name="Russian").click()
    root.get_by_role("button", name="DPRK–Russia treaty (2024) Art. 4").click()
    st = visible_state(page, "mutual-assistance")
    assert st.count() == 1 and "незамедлительно" in st.inner_text()
    assert page.evaluate("location.hash") == "#mutual-assistance/2024-dprk-russia/ru"
    assert root.get_by_role("button", name="Russian").get_attribute("aria-pressed") == "true"
    # the live status names the state shown, read from the state's own heading
    heading = st.locator("h3, h4").first.inner_text()
    assert "2024" in heading and root.locator(".xv-status").inner_text() == f"Showing: {heading}"
    offline_page.screenshot("version-2024-ru")
    # keyboard: focus the Korean button and press Enter, then Space on the 1961 clause
    root.get_by_role("button", name="Korean").focus()
    page.keyboard.press("Enter")
    root.get_by_role("button", name="USSR–DPRK treaty (1961) Art. 1 para 2").focus()
    page.keyboard.press("Space")
    st = visible_state(page, "mutual-assistance")
    assert "체약일방이" in st.inner_text() and "Redline to" in st.inner_text()
    offline_page.screenshot("version-1961-ko")
    # permalink restores a state on load
    open_at(offline_page, path, "#mutual-assistance/all/en")
    st = visible_state(page, "mutual-assistance")
    assert st.count() == 1 and "All clauses side by side — English" in st.inner_text()
    assert "without delay" in st.inner_text()
    offline_page.screenshot("version-all-en")
    assert offline_page.errors == [] and offline_page.blocked == []


def test_witness_view_and_matrix(offline_page, corpus, tmp_path):
    body = (
        views.witness_view(corpus, "2024-dprk-russia/4").html
        + views.obligation_matrix(corpus, "mutual-assistance").html
        + views.redline_view(corpus, "2024-04-ko-04", "2024-04-ko-06").html
    )
    path = tmp_path / "witnesses.html"
    offline_page.open_html(html_document(body, "Witnesses"), path)
    page = open_at(offline_page, path, "#w-2024-dprk-russia-4/2024-04-ko-06")
    st = visible_state(page, "w-2024-dprk-russia-4")
    assert "Yonhap" in st.inner_text() and "(북한)" in st.inner_text()
    page.locator('section[data-xv-slug="w-2024-dprk-russia-4"]').get_by_role("button").filter(
        has_text="(truncated)"
    ).first.click()
    assert "Truncated:" in visible_state(page, "w-2024-dprk-russia-4").inner_text()
    offline_page.screenshot("witness-and-matrix")
    assert page.get_by_role("table").count() >= 1
    assert offline_page.errors == [] and offline_page.blocked == []


def test_evil_witness_is_literal_text(offline_page, corpus, tmp_path):
    c, wid = evil_corpus(corpus)
    body = views.witness_view(c, "2024-dprk-russia/4").html
    offline_page.open_html(html_document(body, "Evil"), tmp_path / "evil.html")
    page = offline_page.page
    page.locator('section[data-xv-slug="w-2024-dprk-russia-4"]').get_by_role("button").filter(
        has_text="Evil"
    ).click()
    text = visible_state(page, "w-2024-dprk-russia-4").inner_text()
    assert "<script>window.__pwned=1</script>" in text and "onerror" in text
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert offline_page.errors == [] and offline_page.blocked == []


def test_print_shows_every_state(offline_page, corpus, tmp_path):
    body = views.version_view(corpus, "no-hostile-alliances").html
    offline_page.open_html(html_document(body, "Print"), tmp_path / "print.html")
    page = offline_page.page
    n = page.locator(".xv-state").count()
    assert visible_state(page, "no-hostile-alliances").count() == 1
    page.emulate_media(media="print")
    assert visible_state(page, "no-hostile-alliances").count() == n > 1
    assert not page.locator(".xv-controls").is_visible()


AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page) -> list[dict]:
    """axe-core's violations for the page (WCAG 2 A/AA rules plus best practice such as heading order)."""
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))"
    )


def require_axe() -> None:
    """Skip (fail in CI) when axe-core is not installed."""
    if not AXE.exists():
        reason = f"axe-core not installed at {AXE}: install npm (`sudo apt-get install npm`); `make test` fetches it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_axe_finds_no_serious_violation_in_all_views(offline_page, corpus, tmp_path):
    require_axe()
    body = "".join(v.html for v in views.all_views(corpus, "mutual-assistance"))
    body += views.redline_view(corpus, "2024-04-ko-04", "2024-04-ko-01").html
    offline_page.open_html(html_document(body, "All views"), tmp_path / "axe.html")
    page = offline_page.page
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # inline: no request
    root = page.locator('section[data-xv-slug="mutual-assistance"]')
    root.get_by_role("button", name="Korean").click()
    root.get_by_role("button", name="USSR–DPRK treaty (1961) Art. 1 para 2").click()
    found = {}
    for media in ("screen", "print"):  # print shows every state, so every state's contrast is checked
        page.emulate_media(media=media)
        for v in run_axe(page):
            found.setdefault((media, v["id"]), v)
    bad = {
        k: v for k, v in found.items() if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"
    }
    assert bad == {}, "\n".join(f"{k}: {v['help']} {v['nodes']}" for k, v in bad.items())
    assert offline_page.errors == [] and offline_page.blocked == []


def test_redline_runs_read_apart_with_and_without_css(offline_page, corpus, tmp_path):
    w = corpus.witnesses
    body = views.redline(w["2024-04-en-01"].text, w["2024-04-en-12"].text, "en").html
    page = offline_page.page
    for name, html in (("css", body), ("stripped", re.sub(r"<(style|script)>.*?</\1>", "", body, flags=re.S))):
        offline_page.open_html(html_document(html, "Redline"), tmp_path / f"redline-{name}.html")
        text = page.locator(".xv-redline").inner_text()
        # every replaced passage reads "old → new", never the two runs glued together
        assert "In case any → If" in text and "without delay → disposal" in text, text
        assert "anyIf" not in text and "delaydisposal" not in text
        assert page.locator(".xv-redline del").count() > 0
        if name == "css":  # copied text keeps the words whole: the kind letters are not selectable
            copied = page.evaluate("""() => { const p = document.querySelector('.xv-redline');
                const r = document.createRange(); r.selectNodeContents(p);
                const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }""")
            assert "In case any → If one" in copied and "IfT" not in copied, copied
    assert offline_page.errors == [] and offline_page.blocked == []


def test_fragment_state_and_folded_curator_note(offline_page, corpus, tmp_path):
    body = views.version_view(corpus, "mutual-assistance").html + views.witness_view(corpus, "2000-russia-dprk/2").html
    path = tmp_path / "fragment.html"
    offline_page.open_html(html_document(body, "Fragment"), path)
    page = open_at(offline_page, path, "#mutual-assistance/2000-russia-dprk/ko")
    st = visible_state(page, "mutual-assistance")
    text = st.inner_text()
    assert "No word-by-word comparison." in text and "fragment of 3 words" in text
    assert "쌍방은 즉각 접촉한다쌍방중" not in text and "version change" not in text
    assert st.locator("table.xv-pair blockquote").count() == 2
    offline_page.screenshot("fragment-2000-ko")
    # the curator's note is one click away: closed on screen, opened by its summary, printed open
    wv = page.locator('section[data-xv-slug="w-2000-russia-dprk-2"]')
    note = wv.locator(".xv-state:visible details").first
    assert not note.locator("p").is_visible()
    note.locator("summary").click()
    first = corpus.witnesses_of("2000-russia-dprk/2")[0]
    assert note.locator("p").is_visible() and first.note[:40] in note.inner_text()
    note.locator("summary").click()
    page.emulate_media(media="print")
    assert note.locator("p").is_visible()
    assert offline_page.errors == [] and offline_page.blocked == []

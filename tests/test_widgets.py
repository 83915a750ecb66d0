"""The live compare panel, driven through its traits."""

from __future__ import annotations

from explainer.widgets import compare_panel


def test_panel_traits_drive_the_html(corpus):
    p = compare_panel(corpus)
    first = p.output.value
    assert "Redline:" in first and p.text_b.value.startswith("2024-04")
    p.text_a.value = "2024-04-en-01"
    p.text_b.value = "2024-04-en-12"
    red = p.output.value
    assert red != first and "immediately" in red and 'class="k-translation"' in red
    p.mode.value = "obligations"
    assert "obligation matrix" in p.output.value
    p.mode.value = "versions"
    assert 'data-xv-slug="mutual-assistance"' in p.output.value
    p.family.value = "no-hostile-alliances"
    assert p.text_b.value in {w.id for w in corpus.witnesses_of("2024-dprk-russia/5")}
    assert 'data-xv-slug="no-hostile-alliances"' in p.output.value
    p.mode.value = "witnesses"
    assert "every rendering we hold" in p.output.value

"""Figures: menus built in, orthogonal switches, deterministic HTML, offline renderer."""

from __future__ import annotations

import plotly.io as pio
import pytest

from explainer.figures import (
    figure_div_id,
    figure_html,
    side_concept_figure,
    speaker_heatmap,
    timeline_figure,
    use_offline_renderer,
)
from explainer.terms import count_statements, load_lexicon


@pytest.fixture(scope="module")
def counts(corpus):
    from explainer.sayings import attach

    s = corpus.statements
    return attach(count_statements(list(s.values()) if isinstance(s, dict) else list(s), load_lexicon(corpus)),
                  corpus)


def _no_string_title(fig):
    for menu in fig.layout.updatemenus:
        for b in menu.buttons:
            for part in b.args:
                assert "title" not in part, (
                    "a string 'title' in updatemenus args blanks the title in plotly.js 4"
                )


def test_side_concept_switch_restyles_data(counts):
    fig = side_concept_figure(counts)
    assert [t.name for t in fig.data] == ["DPRK", "Russia"]
    orig, allr = (b.args[0] for b in fig.layout.updatemenus[0].buttons)
    i = list(fig.data[1].x).index("ALLIANCE")
    # Russian side, counted by saying: 12 of 58 own-language sayings use ALLIANCE (Putin's «США и их
    # союзниками» is about others, M9); with renderings, 17 of 86
    assert orig["customdata"][1][i][2:4] == [12, 58] and allr["customdata"][1][i][2:4] == [17, 86]
    # M10: the bars are the share of sayings (not a rate per 1,000 words, which compares Korean and Russian words)
    assert list(fig.data[1].y) == orig["y"][1] and orig["y"][1][i] == round(12 / 58, 3)
    assert fig.layout.yaxis.tickformat == ".0%" and "1,000" not in str(fig.layout.yaxis.title.text)
    _no_string_title(fig)


def test_timeline_dropdown_changes_visibility_only(counts):
    fig = timeline_figure(counts)
    subset, dropdown = fig.layout.updatemenus
    assert len(fig.data) == 2 * 8
    labels = [b.label for b in dropdown.buttons]
    assert labels[0] == "ALLIANCE" and len(labels) == 8
    vis = dropdown.buttons[2].args[0]["visible"]
    assert sum(vis) == 2 and set(dropdown.buttons[2].args[0]) == {"visible"}
    assert set(subset.buttons[0].args[0]) == {"y", "customdata"}
    assert dropdown.buttons[1].args[1] == {"title.text": "Monthly share of sayings using “DEFENSIVE”, by side"}
    months = list(fig.data[0].x)
    assert months[0] == "2024-06" and months[-1] == "2026-02" and "2024-08" in months
    _no_string_title(fig)


def test_heatmap_rows_are_speakers(counts):
    fig = speaker_heatmap(counts, min_statements=5)
    assert "Kim Jong Un" in fig.data[0].y and "Vladimir Putin" in fig.data[0].y
    assert "Yury Ushakov" not in fig.data[0].y
    z_all = fig.layout.updatemenus[0].buttons[1].args[0]["z"][0]
    row = list(fig.data[0].y).index("Kim Jong Un")
    assert z_all[row][list(fig.data[0].x).index("ALLIANCE")] == pytest.approx(
        round(15 / 52, 3)
    )  # Kim Jong Un: 15 of 52 sayings


def test_html_is_deterministic_and_offline(counts):
    a = figure_html(side_concept_figure(counts))
    b = figure_html(side_concept_figure(counts))
    assert a == b and figure_div_id(side_concept_figure(counts)) in a
    assert "cdn" not in a.lower() and "<script src" not in a


def test_offline_renderer_emits_html_and_json(counts):
    old = pio.renderers.default
    try:
        name = use_offline_renderer()
        bundle = pio.renderers[name].to_mimebundle(side_concept_figure(counts).to_dict())
        assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}
        assert "Plotly.newPlot" in bundle["text/html"] and "fig-" in bundle["text/html"]
    finally:
        pio.renderers.default = old

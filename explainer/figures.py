"""Tidy count frames -> plotly figures with their menus built in (they work in a static page, no kernel).

Menus are orthogonal: the "original-language / all records" buttons *restyle the data* (y, z, hover) of
every trace, while the concept dropdown only changes *which traces are visible*; neither undoes the other.
Titles are changed with ``{"title.text": ...}`` (a plain string ``title`` blanks it in plotly.js 4).
No file I/O here. :func:`use_offline_renderer` registers a renderer for nbconvert pages.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

SIDE_COLOURS = {"DPRK": "#b2182b", "Russia": "#2166ac", "ROK": "#4d9221"}
SUBSETS = (
    ("original", "Sayings, own-language records only"),  # translations and state-media renderings left out
    ("all", "Sayings, any record (translations too)"),
)
_HOVER = (
    "%{customdata[0]}<br>share of sayings: %{y:.0%}<br>"
    "sayings using it: %{customdata[2]} of %{customdata[3]}<br>"
    "occasions (speaker-days) using it: %{customdata[6]} of %{customdata[7]}<br>hits: %{customdata[1]}, "
    "words: %{customdata[4]}%{customdata[5]}<extra></extra>"
)


def _subset(counts: pd.DataFrame, which: str) -> pd.DataFrame:
    """The records of one counting subset, counted by saying (:func:`explainer.sayings.collapse`; a frame
    without saying columns is counted by record)."""
    from .sayings import collapse

    return collapse(counts[~counts["is_translation"].astype(bool)] if which == "original" else counts)


def _agg(counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    from .terms import aggregate

    return aggregate(counts, keys)


def _custom(a: pd.DataFrame, label: str) -> list[list]:
    return [
        [
            label,
            int(r.hits),
            int(r.statements_with),
            int(r.statements),
            int(r.words),
            " (small numbers)" if r.small else "",
            int(r.occasions_with),
            int(r.occasions),
        ]
        for r in a.itertuples()
    ]


def _subset_buttons(states: dict[str, dict], note_prefix: str) -> dict:
    buttons = []
    for key, label in SUBSETS:
        buttons.append(
            {
                "label": label,
                "method": "update",
                "args": [states[key], {"annotations[0].text": f"{note_prefix}{label.lower()}"}],
            }
        )
    return {
        "type": "buttons",
        "direction": "right",
        "x": 0,
        "xanchor": "left",
        "y": 1.1,
        "yanchor": "bottom",
        "showactive": True,
        "active": 0,
        "buttons": buttons,
    }


def _note(text: str) -> list[dict]:
    return [
        {
            "text": text,
            "xref": "paper",
            "yref": "paper",
            "x": 1,
            "xanchor": "right",
            "y": 1.02,
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 11},
        }
    ]


def side_concept_figure(
    counts: pd.DataFrame, labels: dict[str, str] | None = None, sides=("DPRK", "Russia")
) -> go.Figure:
    """Grouped bars: share of each side's sayings that use each concept (n in the hover); a share, not a rate
    per 1,000 words, because a Korean word is not a Russian one."""
    labels = labels or {}
    concepts = list(dict.fromkeys(counts["concept"]))
    xs = [labels.get(c, c) for c in concepts]
    states: dict[str, dict] = {}
    per_subset = {}
    for key, _ in SUBSETS:
        sub = _subset(counts, key)  # counted by saying first: a saying belongs to its principal record's side
        a = _agg(sub[sub["side"].isin(sides)], ["side"])
        per_subset[key] = {}
        for side in sides:
            s = a[a["side"] == side].set_index("concept").reindex(concepts).reset_index()
            whole = ["hits", "statements_with", "statements", "words", "occasions", "occasions_with"]
            s[whole] = s[whole].fillna(0)
            s["small"] = s["small"].fillna(True).astype(bool)
            per_subset[key][side] = (
                s["share"].astype(float).fillna(0).round(3).tolist(),
                _custom(s, side),
            )
        states[key] = {
            "y": [per_subset[key][sd][0] for sd in sides],
            "customdata": [per_subset[key][sd][1] for sd in sides],
        }
    fig = go.Figure()
    for side in sides:
        y, cd = per_subset["original"][side]
        fig.add_bar(
            name=side, x=xs, y=y, customdata=cd, hovertemplate=_HOVER, marker_color=SIDE_COLOURS.get(side)
        )
    fig.update_layout(
        title={"y": 0.98, "yanchor": "top", "text": "Who uses which words: share of sayings, by side"},
        barmode="group",
        yaxis_title="share of the side's sayings using it",
        yaxis_tickformat=".0%",
        updatemenus=[_subset_buttons(states, "Counting: ")],
        annotations=_note(f"Counting: {SUBSETS[0][1].lower()}"),
        margin={"t": 150},
        template="plotly_white",
    )
    return fig


def timeline_figure(
    counts: pd.DataFrame, labels: dict[str, str] | None = None, sides=("DPRK", "Russia")
) -> go.Figure:
    """Monthly share of sayings per side; a dropdown picks the concept, buttons switch the counting subset."""
    labels = labels or {}
    concepts = list(dict.fromkeys(counts["concept"]))
    months = pd.period_range(counts["month"].min(), counts["month"].max(), freq="M").astype(str).tolist()
    traces, states = [], {k: {"y": [], "customdata": []} for k, _ in SUBSETS}
    for c in concepts:
        for side in sides:
            for key, _ in SUBSETS:
                sub = _subset(counts[counts["concept"] == c], key)
                sub = sub[sub["side"] == side]
                a = _agg(sub, ["month"]).set_index("month").reindex(months)
                y = [None if pd.isna(v) else round(float(v), 3) for v in a["share"]]
                cd = [
                    [
                        f"{side} · {m}",
                        int(r.hits or 0) if not pd.isna(r.hits) else 0,
                        0 if pd.isna(r.statements_with) else int(r.statements_with),
                        0 if pd.isna(r.statements) else int(r.statements),
                        0 if pd.isna(r.words) else int(r.words),
                        " (small numbers)" if (pd.isna(r.small) or r.small) else "",
                        0 if pd.isna(r.occasions_with) else int(r.occasions_with),
                        0 if pd.isna(r.occasions) else int(r.occasions),
                    ]
                    for m, r in zip(months, a.itertuples(), strict=True)
                ]
                states[key]["y"].append(y)
                states[key]["customdata"].append(cd)
            traces.append((c, side))
    fig = go.Figure()
    for i, (c, side) in enumerate(traces):
        fig.add_scatter(
            name=side,
            x=months,
            y=states["original"]["y"][i],
            customdata=states["original"]["customdata"][i],
            mode="lines+markers",
            connectgaps=False,
            visible=(c == concepts[0]),
            line={"color": SIDE_COLOURS.get(side)},
            hovertemplate=_HOVER,
        )
    dropdown = {
        "type": "dropdown",
        "x": 1,
        "xanchor": "right",
        "y": 1.1,
        "yanchor": "bottom",
        "active": 0,
        "buttons": [
            {
                "label": labels.get(c, c),
                "method": "update",
                "args": [
                    {"visible": [tc == c for tc, _ in traces]},
                    {"title.text": f"Monthly share of sayings using “{labels.get(c, c)}”, by side"},
                ],
            }
            for c in concepts
        ],
    }
    fig.update_layout(
        title={
            "y": 0.98,
            "yanchor": "top",
            "text": f"Monthly share of sayings using “{labels.get(concepts[0], concepts[0])}”, by side",
        },
        yaxis_title="share of sayings (gap: none that month)",
        yaxis_tickformat=".0%",
        xaxis_type="category",
        updatemenus=[_subset_buttons(states, "Counting: "), dropdown],
        annotations=_note(f"Counting: {SUBSETS[0][1].lower()}"),
        margin={"t": 150},
        template="plotly_white",
    )
    return fig


def speaker_shares(
    counts: pd.DataFrame, min_statements: int = 2, sides=("DPRK", "Russia")
) -> tuple[list[str], list[str], dict[str, pd.DataFrame]]:
    """Speakers (with at least ``min_statements`` statements, ordered by side then name), concepts (lexicon
    order), and per subset key of :data:`SUBSETS` a speaker × concept frame of :func:`terms.aggregate`
    columns (rows with no record in that subset are NaN). Shared by the heatmap and the HTML grid."""
    concepts = list(dict.fromkeys(counts["concept"]))
    base = _subset(counts, "all")
    base = base[base["side"].isin(sides)]
    n = base.groupby("speaker")["statement_id"].nunique()
    speakers = sorted(
        n[n >= min_statements].index, key=lambda s: (base.loc[base.speaker == s, "side"].iloc[0], s)
    )
    index = pd.MultiIndex.from_product([speakers, concepts], names=["speaker", "concept"])
    frames = {}
    for key, _ in SUBSETS:
        sub = _subset(counts, key)
        frames[key] = (_agg(sub[sub["speaker"].isin(speakers) & sub["side"].isin(sides)], ["speaker"])
                       .set_index(["speaker", "concept"]).reindex(index))
    return speakers, concepts, frames


def speaker_heatmap(
    counts: pd.DataFrame,
    labels: dict[str, str] | None = None,
    min_statements: int = 2,
    sides=("DPRK", "Russia"),
) -> go.Figure:
    """Speaker × concept heatmap of the share of statements mentioning the concept; buttons switch subsets.

    Needs plotly.js's cartesian bundle; a published page can use :func:`explainer.words.speaker_grid`
    (the same numbers as an HTML table) instead."""
    labels = labels or {}
    speakers, concepts, frames = speaker_shares(counts, min_statements, sides)

    def whole(v) -> int:
        return 0 if pd.isna(v) else int(v)

    states = {}
    for key, a in frames.items():
        z, cd = [], []
        for sp in speakers:
            s = a.loc[sp]
            z.append([None if pd.isna(v) else round(float(v), 3) for v in s["share"]])
            cd.append(
                [
                    [sp, labels.get(c, c), whole(r.hits), whole(r.statements_with), whole(r.statements),
                     whole(r.words)]
                    for c, r in zip(concepts, s.itertuples(), strict=True)
                ]
            )
        states[key] = {"z": [z], "customdata": [cd]}
    fig = go.Figure(
        go.Heatmap(
            z=states["original"]["z"][0],
            customdata=states["original"]["customdata"][0],
            x=[labels.get(c, c) for c in concepts],
            y=speakers,
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"title": {"text": "share"}},
            hovertemplate="%{customdata[0]} · %{customdata[1]}<br>share of sayings: "
            "%{z:.0%}<br>%{customdata[3]} of %{customdata[4]} sayings, "
            "%{customdata[2]} hits, %{customdata[5]} words<extra></extra>",
        )
    )
    fig.update_layout(
        title={
            "y": 0.98,
            "yanchor": "top",
            "text": "Which speaker uses which words (share of their sayings)",
        },
        updatemenus=[_subset_buttons(states, "Counting: ")],
        annotations=_note(f"Counting: {SUBSETS[0][1].lower()} (blank: no such saying)"),
        margin={"t": 150, "l": 260},
        height=max(400, 28 * len(speakers) + 200),
        template="plotly_white",
    )
    return fig


# --- rendering for static pages ----------------------------------------------------------------------------


def figure_div_id(fig) -> str:
    """A deterministic div id derived from the figure's content."""
    d = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    blob = json.dumps(d, sort_keys=True, default=str, ensure_ascii=False)
    return "fig-" + hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]


def figure_html(fig) -> str:
    """The figure as an HTML fragment (no plotly.js, no MathJax; the page loads assets/plotly.min.js)."""
    fig = fig if isinstance(fig, go.Figure) else go.Figure(fig)
    return pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=figure_div_id(fig),
        config={"displaylogo": False},
    )


OFFLINE_RENDERER = "explainer_offline"


def use_offline_renderer() -> str:
    """Register and select a renderer emitting both the plotly JSON and a ``text/html`` fragment.

    plotly ≥ 6's default renderer emits only the plotly mimetype, which nbconvert's HTML export drops; this
    one adds :func:`figure_html`, so static pages show the figure (with ``assets/plotly.min.js`` loaded).
    """
    from plotly.io.base_renderers import MimetypeRenderer

    class _Offline(MimetypeRenderer):
        def to_mimebundle(self, fig_dict):
            return {"application/vnd.plotly.v1+json": fig_dict, "text/html": figure_html(fig_dict)}

    pio.renderers[OFFLINE_RENDERER] = _Offline()
    pio.renderers.default = OFFLINE_RENDERER
    return OFFLINE_RENDERER

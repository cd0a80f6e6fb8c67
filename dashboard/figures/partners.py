"""Figures of the partners page (pure: a Chart in, a plotly Figure out): one table of partners
ranked, and the other country's rank over time."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.chart import Chart
from dashboard.figures import style

HIGHLIGHT = style.colour(3)  # vermillion: the counterpart (Russia in China's table, or China)


def ranking(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows.iloc[::-1]  # largest at the top
    labels = [
        f"#{r} {name}" + (" ◀" if mine else "")
        for r, name, mine in zip(
            frame["rank"], frame["partner_name"], frame["is_counterpart"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=frame["value_shown"],
            orientation="h",
            marker={
                "color": [HIGHLIGHT if m else style.colour(0) for m in frame["is_counterpart"]],
                "pattern": {"shape": ["x" if m else "" for m in frame["is_counterpart"]]},
            },
            hovertext=style.hover(frame, frame["partner_name"]),
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_yaxes(automargin=True, tickfont={"size": 11})
    style.finish(fig, chart, version, legend=False)
    # one bar per partner: grow with the table so labels never collide
    fig.update_layout(height=fig.layout.height + max(0, len(frame) - 12) * 18)
    return fig


def rank_history(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows
    styles = {
        "as stated by a source": (style.colour(0), "circle", 1.0),
        "computed from a table of partners": (style.colour(2), "diamond", 1.0),
        "convention not stated or mixed": (style.GREY, "square", 0.55),
    }
    fig = go.Figure()
    for series, rows in frame.groupby("series", sort=False):
        color, shape, opacity = styles.get(series, (style.colour(4), "circle", 1.0))
        shapes = [
            s.replace("circle", shape) if not s.endswith("-open") else f"{shape}-open"
            for s in style.symbols(rows)
        ]
        fig.add_trace(style.scatter(rows, series, color, size=11, symbol=shapes, outline=1.5,
                                    opacity=opacity))
    top = int(frame["value_shown"].max()) + 1 if not frame.empty else 10
    fig.update_yaxes(autorange=False, range=[max(top, 10) + 0.5, 0.5], dtick=1)
    fig.update_xaxes(type="date")
    return style.finish(fig, chart, version)


FIGURES = {"ranking": ranking, "rank_history": rank_history}

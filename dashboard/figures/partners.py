"""Figures of the partners page (pure: a Chart in, a figure dict out): one table of partners
ranked, and the other country's rank over time."""

from __future__ import annotations

from dashboard.chart import Chart
from dashboard.figures import style

HIGHLIGHT = style.colour(3)  # vermillion: the counterpart (Russia in China's table, or China)


def ranking(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows.iloc[::-1]  # largest at the top
    labels = [
        f"#{r} {name}" + (" ◀" if mine else "")
        for r, name, mine in zip(
            frame["rank"], frame["partner_name"], frame["is_counterpart"], strict=True
        )
    ]
    fig = style.figure(
        style.trace(
            "bar",
            y=labels,
            x=style.values(frame["value_shown"]),
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
    style.update_axes(fig, "y", automargin=True, tickfont={"size": 11})
    style.finish(fig, chart, version, legend=False)
    # one bar per partner: grow with the table so labels never collide
    fig["layout"]["height"] += max(0, len(frame) - 12) * 18
    return fig


def rank_history(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    styles = {
        "as stated by a source": (style.colour(0), "circle", 1.0),
        "computed from a table of partners": (style.colour(2), "diamond", 1.0),
        "convention not stated or mixed": (style.GREY, "square", 0.55),
    }
    fig = style.figure()
    for series, rows in frame.groupby("series", sort=False):
        color, shape, opacity = styles.get(series, (style.colour(4), "circle", 1.0))
        shapes = [
            s.replace("circle", shape) if not s.endswith("-open") else f"{shape}-open"
            for s in style.symbols(rows)
        ]
        fig["data"].append(style.scatter(rows, series, color, size=11, symbol=shapes, outline=1.5,
                                         opacity=opacity))
    top = int(frame["value_shown"].max()) + 1 if not frame.empty else 10
    style.update_axes(fig, "y", autorange=False, range=[max(top, 10) + 0.5, 0.5], dtick=1)
    style.update_axes(fig, "x", type="date")
    return style.finish(fig, chart, version)


FIGURES = {"ranking": ranking, "rank_history": rank_history}

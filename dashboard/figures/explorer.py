"""Figures of the trade explorer (pure: a Chart in, a plotly Figure out): trade over time, the
source comparison, and commodities as stacked areas, a treemap or bars of quoted products."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.chart import Chart
from dashboard.figures.style import (
    DAY_MS,
    GREY,
    INK,
    colour,
    event_lines,
    finish,
    hover,
    reference_lines,
    source_text,
    x_dates,
    years,
)

FLOW_COLOUR = {"export": 0, "import": 1, "total": 2, "balance": 6}
HATCHES = ["", "/", "x", "\\", "|", "-", "+", ""]


def _flow_colour(flow: str) -> str:
    return colour(FLOW_COLOUR.get(flow, 4))


def trade_bars(chart: Chart, version: str) -> go.Figure:
    """Annual values: a bar per flow and year; hatched where converted at a stored rate, solid
    where shown as the publisher reported it."""
    fig = go.Figure()
    for flow, rows in chart.rows.groupby("flow", sort=False):
        converted = rows["conversion"].str.startswith("converted").tolist()
        fig.add_trace(
            go.Bar(
                x=years(rows),
                y=rows["value_shown"],
                name=rows["series"].iloc[0],
                marker={
                    "color": _flow_colour(flow),
                    "pattern": {"shape": ["/" if c else "" for c in converted], "solidity": 0.4},
                    "line": {"color": _flow_colour(flow), "width": 1},
                },
                hovertext=hover(rows),
                hoverinfo="text",
            )
        )
    return _trade_axes(fig, chart, version)


def trade_lines(chart: Chart, version: str) -> go.Figure:
    """Monthly values, or growth rates: a line per flow; hollow markers for figures derived
    (single months from year-to-date totals)."""
    annual = chart.flags.annual
    fig = go.Figure()
    for flow, rows in chart.rows.groupby("flow", sort=False):
        fig.add_trace(
            go.Scatter(
                x=years(rows) if annual else x_dates(rows),
                y=rows["value_shown"],
                mode="lines+markers",
                name=rows["series"].iloc[0],
                line={"color": _flow_colour(flow), "width": 2},
                marker={
                    "color": _flow_colour(flow),
                    "size": 9 if annual else 6,
                    "symbol": [
                        "circle-open" if s == "derived" else "circle" for s in rows["status"]
                    ],
                },
                hovertext=hover(rows),
                hoverinfo="text",
            )
        )
    return _trade_axes(fig, chart, version)


def _trade_axes(fig: go.Figure, chart: Chart, version: str) -> go.Figure:
    if chart.flags.annual:
        # a numeric year axis: a missing year shows as a gap, and ticks thin out on a phone
        fig.update_xaxes(tickformat="d", dtick=None)
    reference_lines(fig, chart)
    fig.update_layout(barmode="group")
    return finish(fig, chart, version)


def source_comparison(chart: Chart, version: str) -> go.Figure:
    """Each source's series on top; each one's gap to China's customs release below."""
    frame = chart.rows
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.66, 0.34], vertical_spacing=0.07
    )
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        china = rows["side"].iloc[0] == "China-reported"
        reference = rows["gap_pct"].isna().all() and china
        fig.add_trace(
            go.Scatter(
                x=x_dates(rows),
                y=rows["value_shown"],
                mode="lines+markers",
                name=series,
                line={
                    "color": colour(i),
                    "width": 3 if reference else 1.5,
                    "dash": "solid" if china else "dash",
                },
                marker={"color": colour(i), "size": 8,
                        "symbol": ["circle", "square", "diamond"][i % 3]},
                hovertext=hover(rows),
                hoverinfo="text",
                legendgroup=series,
            ),
            row=1,
            col=1,
        )
        gaps = rows[rows["gap_pct"].notna()]
        if not gaps.empty:
            fig.add_trace(
                go.Bar(
                    x=x_dates(gaps),
                    y=gaps["gap_pct"],
                    # most of a year or of a month
                    width=(200 if chart.flags.annual else 9) * DAY_MS,
                    name=f"gap: {series}",
                    marker={"color": colour(i)},
                    showlegend=False,
                    legendgroup=series,
                    hovertext=[
                        f"<b>{row['series']}</b><br>{row['period_label']}: "
                        f"{row['gap_pct']:+.1f}% ({row['gap_value_shown']:+,.2f} "
                        f"{row['unit_shown']}) vs China's customs release<br>{source_text(row)}"
                        for row in gaps.to_dict("records")
                    ],
                    hoverinfo="text",
                ),
                row=2,
                col=1,
            )
    fig.add_hline(y=0, line_color=INK, line_width=1, row=2, col=1)
    event_lines(fig, chart, x_dates(frame), row=1)
    fig.update_layout(barmode="group")
    return finish(fig, chart, version)


def commodity_area(chart: Chart, version: str) -> go.Figure:
    """The largest chapters (or sections) stacked over the years, the rest as one grey band."""
    fig = go.Figure()
    for i, (series, rows) in enumerate(chart.rows.groupby("series", sort=False)):
        other = rows["group"].iloc[0] == "other"
        fig.add_trace(
            go.Scatter(
                x=years(rows),
                y=rows["value_shown"],
                mode="lines",
                stackgroup="one",
                name=series,
                line={"color": GREY if other else colour(i), "width": 0.5},
                fillpattern={"shape": "." if other else HATCHES[i % len(HATCHES)]},
                hovertext=hover(rows),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(dtick=1, tickformat="d")
    return finish(fig, chart, version)


def treemap(chart: Chart, version: str) -> go.Figure:
    """One year's chapters inside their sections, sized by value."""
    frame = chart.rows
    # a section's box is the sum of its chapters' boxes (plotly needs the parent's value)
    by_section = frame.groupby(["section", "section_label"], sort=False)["value_shown"].sum()
    ids = [f"s-{s}" for s, _ in by_section.index] + [f"c-{c}" for c in frame["chapter"]]
    labels = [label for _, label in by_section.index] + [
        f"{lab} (HS {c})" for lab, c in zip(frame["label"], frame["chapter"], strict=True)
    ]
    parents = [""] * len(by_section) + [f"s-{s}" for s in frame["section"]]
    values = list(by_section.to_numpy()) + list(frame["value_shown"])
    section_text = [
        f"<b>{label}</b><br>{v:,.2f} {chart.unit}"
        for (_, label), v in zip(by_section.index, by_section.to_numpy(), strict=True)
    ]
    section_colour = {s: colour(i) for i, s in enumerate(dict.fromkeys(frame["section"]))}
    colours = [section_colour[s] for s, _ in by_section.index] + [
        section_colour[s] for s in frame["section"]
    ]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker={"colors": colours, "line": {"color": "#fff", "width": 1}},
            hovertext=section_text + hover(frame, frame["label"]),
            hoverinfo="text",
            textinfo="label+percent root",
            maxdepth=2 if chart.flags.sections else 3,
        )
    )
    return finish(fig, chart, version, legend=False, axes=False)


def products(chart: Chart, version: str) -> go.Figure:
    """The products quoted in the press, as bars (they overlap, so never stacked)."""
    frame = chart.rows.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            y=frame["series"],
            x=frame["value_shown"],
            orientation="h",
            marker={"color": colour(0)},
            hovertext=hover(frame),
            hoverinfo="text",
            showlegend=False,
        )
    )
    return finish(fig, chart, version, legend=False)


FIGURES = {
    "trade_bars": trade_bars,
    "trade_lines": trade_lines,
    "source_comparison": source_comparison,
    "commodity_area": commodity_area,
    "treemap": treemap,
    "products": products,
}

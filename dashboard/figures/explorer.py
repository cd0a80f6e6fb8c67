"""Figures of the trade explorer (pure: a Chart in, a plotly Figure out): trade over time, the
source comparison, and commodities as stacked areas, a treemap or bars of quoted products."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.chart import Chart
from dashboard.figures import style
from dashboard.units import share_text

FLOW_COLOUR = {"export": 0, "import": 1, "total": 2, "balance": 6}
HATCHES = ["", "/", "x", "\\", "|", "-", "+", ""]


def _flow_colour(flow: str) -> str:
    return style.colour(FLOW_COLOUR.get(flow, 4))


def trade_bars(chart: Chart, version: str) -> go.Figure:
    """Annual values: a bar per flow and year; hatched where converted at a stored rate, solid
    where shown as the publisher reported it."""
    fig = go.Figure()
    for flow, rows in chart.rows.groupby("flow", sort=False):
        color = _flow_colour(flow)
        hatches = ["/" if c else "" for c in rows["conversion"].str.startswith("converted")]
        marker = {"pattern": {"shape": hatches, "solidity": 0.4},
                  "line": {"color": color, "width": 1}}
        fig.add_trace(style.bars(rows, rows["series"].iloc[0], color, x=style.years(rows),
                                 marker=marker))
    return _trade_axes(fig, chart, version)


def trade_lines(chart: Chart, version: str) -> go.Figure:
    """Monthly values, or growth rates: a line per flow; hollow markers for figures derived
    (single months from year-to-date totals)."""
    annual = chart.flags.annual
    fig = go.Figure()
    for flow, rows in chart.rows.groupby("flow", sort=False):
        color = _flow_colour(flow)
        hollow = ["circle-open" if s == "derived" else "circle" for s in rows["status"]]
        fig.add_trace(style.scatter(rows, rows["series"].iloc[0], color,
                                    x=style.years(rows) if annual else None, mode="lines+markers",
                                    size=9 if annual else 6, symbol=hollow,
                                    line={"color": color, "width": 2}))
    return _trade_axes(fig, chart, version)


def _trade_axes(fig: go.Figure, chart: Chart, version: str) -> go.Figure:
    if chart.flags.annual:
        # a numeric year axis: a missing year shows as a gap, and ticks thin out on a phone
        fig.update_xaxes(tickformat="d", dtick=None)
    style.reference_lines(fig, chart)
    fig.update_layout(barmode="group")
    return style.finish(fig, chart, version)


def source_comparison(chart: Chart, version: str) -> go.Figure:
    """Each source's series on top; each one's gap to China's customs release below."""
    frame = chart.rows
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.66, 0.34], vertical_spacing=0.07
    )
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        china = rows["side"].iloc[0] == "China-reported"
        reference = rows["gap_pct"].isna().all() and china
        line = {"color": style.colour(i), "width": 3 if reference else 1.5,
                "dash": "solid" if china else "dash"}
        values = style.scatter(rows, series, style.colour(i), mode="lines+markers", size=8,
                               line=line, symbol=["circle", "square", "diamond"][i % 3],
                               legendgroup=series)
        fig.add_trace(values, row=1, col=1)
        gaps = rows[rows["gap_pct"].notna()]
        if not gaps.empty:
            fig.add_trace(
                go.Bar(
                    x=style.x_dates(gaps),
                    y=gaps["gap_pct"],
                    # most of a year or of a month
                    width=(200 if chart.flags.annual else 9) * style.DAY_MS,
                    name=f"gap: {series}",
                    marker={"color": style.colour(i)},
                    showlegend=False,
                    legendgroup=series,
                    hovertext=[
                        f"<b>{row['series']}</b><br>{row['period_label']}: "
                        f"{row['gap_pct']:+.1f}% ({row['gap_value_shown']:+,.2f} "
                        f"{row['unit_shown']}) vs China's customs release<br>"
                        f"{style.source_text(row)}"
                        for row in gaps.to_dict("records")
                    ],
                    hoverinfo="text",
                ),
                row=2,
                col=1,
            )
    fig.add_hline(y=0, line_color=style.INK, line_width=1, row=2, col=1)
    style.event_lines(fig, chart, style.x_dates(frame), row=1)
    fig.update_layout(barmode="group")
    return style.finish(fig, chart, version)


def commodity_area(chart: Chart, version: str) -> go.Figure:
    """The largest chapters (or sections) stacked over the years, the rest as one grey band."""
    fig = go.Figure()
    for i, (series, rows) in enumerate(chart.rows.groupby("series", sort=False)):
        other = rows["group"].iloc[0] == "other"
        color = style.GREY if other else style.colour(i)
        hatch = "." if other else HATCHES[i % len(HATCHES)]
        fig.add_trace(style.scatter(rows, series, color, x=style.years(rows), mode="lines",
                                    stackgroup="one", line={"color": color, "width": 0.5},
                                    fillpattern={"shape": hatch}))
    fig.update_xaxes(dtick=1, tickformat="d")
    return style.finish(fig, chart, version)


def treemap(chart: Chart, version: str) -> go.Figure:
    """One year's chapters inside their sections, sized by value. The sections' boxes are the
    published section totals (`level` "section" rows), so plotly adds nothing up
    (branchvalues "total"), and each box's percentage is the published share, not plotly's."""
    frame = chart.rows
    sections = frame[frame["level"] == "section"]
    chapters = frame[frame["level"] == "chapter"]
    ids = [f"s-{s}" for s in sections["section"]] + [f"c-{c}" for c in chapters["chapter"]]
    labels = list(sections["section_label"]) + [
        f"{lab} (HS {c})" for lab, c in zip(chapters["label"], chapters["chapter"], strict=True)
    ]
    drawn = set(sections["section"])  # a snapshot without section totals: chapters alone
    parents = [""] * len(sections) + [
        f"s-{s}" if s in drawn else "" for s in chapters["section"]]
    values = list(sections["value_shown"]) + list(chapters["value_shown"])
    section_text = [
        f"<b>{label}</b><br>{v:,.2f} {chart.unit}"
        for label, v in zip(sections["section_label"], sections["value_shown"], strict=True)
    ]
    section_colour = {s: style.colour(i) for i, s in enumerate(dict.fromkeys(chapters["section"]))}
    colours = [section_colour.get(s, style.GREY) for s in sections["section"]] + [
        section_colour[s] for s in chapters["section"]
    ]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker={"colors": colours, "line": {"color": "#fff", "width": 1}},
            text=[share_text(v) for v in [*sections["share_pct"], *chapters["share_pct"]]],
            textinfo="label+text",
            hovertext=section_text + style.hover(chapters, chapters["label"]),
            hoverinfo="text",
            maxdepth=2 if chart.flags.sections else 3,
        )
    )
    return style.finish(fig, chart, version, legend=False, axes=False)


def products(chart: Chart, version: str) -> go.Figure:
    """The products quoted in the press, as bars (they overlap, so never stacked)."""
    frame = chart.rows.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            y=frame["series"],
            x=frame["value_shown"],
            orientation="h",
            marker={"color": style.colour(0)},
            hovertext=style.hover(frame),
            hoverinfo="text",
            showlegend=False,
        )
    )
    return style.finish(fig, chart, version, legend=False)


FIGURES = {
    "trade_bars": trade_bars,
    "trade_lines": trade_lines,
    "source_comparison": source_comparison,
    "commodity_area": commodity_area,
    "treemap": treemap,
    "products": products,
}

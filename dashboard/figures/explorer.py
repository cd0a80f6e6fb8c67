"""Figures of the trade explorer (pure: a Chart in, a figure dict out): trade over time, the
source comparison, and commodities as stacked areas, a treemap or bars of quoted products."""

from __future__ import annotations

import pandas as pd

from dashboard.chart import Chart
from dashboard.figures import style
from dashboard.units import share_text

FLOW_COLOUR = {"export": 0, "import": 1, "total": 2, "balance": 6}
GAP_COLUMNS = ("series", "period_label", "gap_pct", "gap_value_shown", "unit_shown",
               *style.SOURCE_COLUMNS)
HATCHES = ["", "/", "x", "\\", "|", "-", "+", ""]


def _flow_colour(flow: str) -> str:
    return style.colour(FLOW_COLOUR.get(flow, 4))


# How a point came to be, by its source: a marker shape each, named in the legend.
POINT_STYLES = {
    "published": ("circle", "as published"),
    "derived-ytd-difference": ("circle-open", "single month: difference of two year-to-date "
                               "totals"),
    "derived-currency-conversion": ("diamond", "converted from US dollars at the period's "
                                    "average rate"),
    "computed": ("square-open", "computed by this project (balance, growth rate)"),
}


def point_style(source_id: str) -> str:
    if source_id in POINT_STYLES:
        return source_id
    return "computed" if source_id.startswith("derived-") else "published"


def _legend_entries(fig: style.Figure, styles: list[str]) -> None:
    """One legend entry per marker shape drawn, saying what it means (not a series)."""
    for style_key in dict.fromkeys(styles):
        symbol, meaning = POINT_STYLES[style_key]
        fig["data"].append(style.trace(
            "scatter", x=[None], y=[None], mode="markers", name=meaning,
            marker={"symbol": symbol, "color": style.INK, "size": 8}, hoverinfo="skip",
            legendgroup="point-styles"))


def _position(period: str) -> int:
    """A period's place in time: months since year 0 for "2024-03", the year for "2024"."""
    year = int(period[:4])
    return year * 12 + int(period[5:7]) - 1 if len(period) >= 7 else year


def _breaks_before(periods: list[str]) -> list[bool]:
    """For each period, whether a period is missing between it and the one before."""
    places = [_position(p) for p in periods]
    return [i > 0 and places[i] - places[i - 1] > 1 for i in range(len(places))]


def _with_breaks(rows: pd.DataFrame, monthly: bool) -> tuple[list, list, list, list]:
    """x, y, symbols and hover texts of a line, with a gap (None) wherever a month (or a year)
    is missing between two points, so a line never joins across missing periods."""
    x = style.x_dates(rows) if monthly else style.values(style.years(rows))
    y = style.values(rows["value_shown"])
    symbols = [POINT_STYLES[point_style(s)][0] for s in rows["source_id"]]
    texts = style.hover(rows)
    out: tuple[list, list, list, list] = ([], [], [], [])
    breaks = _breaks_before([str(p) for p in rows["period"]])
    for i, point in enumerate(zip(x, y, symbols, texts, strict=True)):
        if breaks[i]:
            for part, blank in zip(out, (None, None, "circle", ""), strict=True):
                part.append(blank)
        for part, value in zip(out, point, strict=True):
            part.append(value)
    return out


def trade_bars(chart: Chart, version: str) -> style.Figure:
    """Annual values: a bar per flow and year; hatched where converted at a stored rate, solid
    where shown as the publisher reported it (the legend says which is which)."""
    fig = style.figure()
    converted_any = False
    for flow, rows in chart.rows.groupby("flow", sort=False):
        color = _flow_colour(flow)
        converted = list(rows["conversion"].str.startswith("converted"))
        converted_any = converted_any or any(converted)
        hatches = ["/" if c else "" for c in converted]
        marker = {"pattern": {"shape": hatches, "solidity": 0.4},
                  "line": {"color": color, "width": 1}}
        fig["data"].append(style.bars(rows, rows["series"].iloc[0], color,
                                      x=style.years(rows), marker=marker))
    if converted_any:
        fig["data"].append(style.trace(
            "bar", x=[None], y=[None],
            name="hatched: converted from US dollars at the year's average rate",
            hoverinfo="skip", marker={"color": "#fff", "line": {"color": style.INK, "width": 1},
                                      "pattern": {"shape": "/", "fgcolor": style.INK}}))
    return _trade_axes(fig, chart, version)


def trade_lines(chart: Chart, version: str) -> style.Figure:
    """Monthly values, or growth rates: a line per flow that breaks where a period is missing,
    a marker shape per kind of point (published, from year-to-date totals, converted,
    computed), each named in the legend."""
    annual = chart.flags.annual
    fig = style.figure()
    drawn: list[str] = []
    for flow, rows in chart.rows.groupby("flow", sort=False):
        color = _flow_colour(flow)
        x, y, symbols, texts = _with_breaks(rows, monthly=not annual)
        fig["data"].append(style.trace(
            "scatter", x=x, y=y, mode="lines+markers", name=rows["series"].iloc[0],
            connectgaps=False,
            marker={"color": color, "size": 9 if annual else 7, "symbol": symbols,
                    "line": {"color": color, "width": 1.5}},
            line={"color": color, "width": 2}, hovertext=texts, hoverinfo="text"))
        drawn += [point_style(s) for s in rows["source_id"]]
    _legend_entries(fig, drawn)
    if not annual:
        style.update_axes(fig, "x", type="date", tickformat="%b %Y", hoverformat="%b %Y")
    return _trade_axes(fig, chart, version)


def _trade_axes(fig: style.Figure, chart: Chart, version: str) -> style.Figure:
    if chart.flags.annual:
        # a numeric year axis: a missing year shows as a gap, and ticks thin out on a phone
        style.update_axes(fig, "x", tickformat="d", dtick=None)
    style.reference_lines(fig, chart)
    fig["layout"]["barmode"] = "group"
    return style.finish(fig, chart, version)


def _broken(rows: pd.DataFrame, x: list) -> tuple[list, list, list]:
    """x, y and hover texts of one source's line, with a gap wherever a period is missing."""
    out: tuple[list, list, list] = ([], [], [])
    breaks = _breaks_before([str(p) for p in rows["period"]])
    shown = style.values(rows["value_shown"])
    for i, point in enumerate(zip(x, shown, style.hover(rows), strict=True)):
        if breaks[i]:
            for part, blank in zip(out, (None, None, ""), strict=True):
                part.append(blank)
        for part, value in zip(out, point, strict=True):
            part.append(value)
    return out


def source_comparison(chart: Chart, version: str) -> style.Figure:
    """Each source's series on top; each one's gap to China's customs release below (only
    where some period has two sources to compare: else one panel, no empty one)."""
    frame = chart.rows
    two_panels = bool(chart.axes.y2)
    fig = (style.two_panels(row_heights=[0.66, 0.34], spacing=0.07) if two_panels
           else style.figure())
    upper, lower = (1, 2) if two_panels else (None, None)
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        china = rows["side"].iloc[0] == "China-reported"
        reference = rows["gap_pct"].isna().all() and china
        line = {"color": style.colour(i), "width": 3 if reference else 1.5,
                "dash": "solid" if china else "dash"}
        x, y, texts = _broken(rows, style.x_dates(rows))
        fig["data"].append(style.on_panel(style.trace(
            "scatter", x=x, y=y, mode="lines+markers", name=style.legend_name(series),
            connectgaps=False, line=line, legendgroup=series, hovertext=texts, hoverinfo="text",
            marker={"color": style.colour(i), "size": 8,
                    "symbol": ["circle", "square", "diamond"][i % 3]}), upper))
        gaps = rows[rows["gap_pct"].notna()]
        if two_panels and not gaps.empty:
            fig["data"].append(style.on_panel(
                style.trace(
                    "bar",
                    x=style.x_dates(gaps),
                    y=style.values(gaps["gap_pct"]),
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
                        for row in style.records(gaps, GAP_COLUMNS)
                    ],
                    hoverinfo="text",
                ),
                lower,
            ))
    if two_panels:
        style.hline(fig, 0, style.line_style(color=style.INK, width=1), row=lower)
    style.event_lines(fig, chart, style.x_dates(frame), row=upper)
    # the axis spans the periods drawn (nothing stretches it to 2040 on a phone), with dates
    style.update_axes(fig, "x", type="date", range=style.period_range(frame))
    if chart.flags.annual:
        style.year_ticks(fig, frame)
    else:
        style.update_axes(fig, "x", tickformat="%b %Y", hoverformat="%b %Y")
    fig["layout"]["barmode"] = "group"
    return style.finish(fig, chart, version)


def commodity_area(chart: Chart, version: str) -> style.Figure:
    """The largest chapters (or sections) stacked over the years, the rest as one grey band."""
    fig = style.figure()
    for i, (series, rows) in enumerate(chart.rows.groupby("series", sort=False)):
        other = rows["group"].iloc[0] == "other"
        color = style.GREY if other else style.colour(i)
        hatch = "." if other else HATCHES[i % len(HATCHES)]
        fig["data"].append(style.scatter(rows, series, color, x=style.years(rows), mode="lines",
                                         stackgroup="one", line={"color": color, "width": 0.5},
                                         fillpattern={"shape": hatch}))
    style.update_axes(fig, "x", dtick=1, tickformat="d")
    return style.finish(fig, chart, version)


def treemap(chart: Chart, version: str) -> style.Figure:
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
    fig = style.figure(
        style.trace(
            "treemap",
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


def products(chart: Chart, version: str) -> style.Figure:
    """The products quoted in the press, as bars (they overlap, so never stacked)."""
    frame = chart.rows.iloc[::-1]
    fig = style.figure(
        style.trace(
            "bar",
            y=style.values(frame["series"]),
            x=style.values(frame["value_shown"]),
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

"""Figures of the energy page (pure: a Chart in, a figure dict out): crude imports, Russia's
rank and share among China's crude suppliers, Power of Siberia deliveries, energy's share."""

from __future__ import annotations

from dashboard.chart import Chart
from dashboard.figures import style


def crude(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    full = frame[frame["freq"] == "A"]
    part = frame[frame["freq"] != "A"]
    if not full.empty:
        # most of a year wide
        fig["data"].append(style.bars(full, "Full year", style.colour(0), width=300 * style.DAY_MS))
    if not part.empty:
        fig["data"].append(style.scatter(part, "Part of the year (year to date or quarter)",
                                         style.colour(1), size=11, symbol="circle-open", outline=2))
    style.update_axes(fig, "x", type="date")
    style.year_ticks(fig, frame)  # the year under its bar, not at its edge
    return style.finish(fig, chart, version)


def suppliers(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.two_panels(spacing=0.08)
    for row, (indicator, index) in enumerate((("partner_rank", 0), ("partner_share", 2)), start=1):
        rows = frame[frame["indicator"] == indicator]
        if rows.empty:
            continue
        trace = style.scatter(rows, rows["series"].iloc[0], style.colour(index),
                              mode="lines+markers")
        fig["data"].append(style.on_panel(trace, row))
    style.update_axes(fig, "y", row=1, autorange=False, range=[4.5, 0.5], dtick=1)
    style.update_axes(fig, "y", row=2, rangemode="tozero")
    style.update_axes(fig, "x", type="date")
    return style.finish(fig, chart, version)


def gas(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    deliveries = frame[frame["indicator"] == "pipeline_gas_deliveries"]
    capacity = frame[frame["indicator"] == "pipeline_capacity"]
    fig = style.figure(style.bars(deliveries, "Gas delivered (bcm)", style.colour(2),
                                  x=style.years(deliveries)))
    if not capacity.empty:
        level = float(capacity["value_shown"].iloc[-1])
        fig["data"].append(
            style.trace(
                "scatter",
                x=style.values(style.years(deliveries)),
                y=[level] * len(deliveries),
                mode="lines",
                name=f"Design capacity ({level:g} bcm a year)",
                line={"color": style.colour(6), "dash": "dash"},
                hovertext=style.hover(capacity.iloc[[-1] * len(deliveries)]),
                hoverinfo="text",
            )
        )
    style.update_axes(fig, "x", tickformat="d")
    return style.finish(fig, chart, version)


def share(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        fig["data"].append(style.scatter(rows, series, style.colour(i), size=11, outline=2,
                                         symbol=style.symbols(rows, derived_open=True)))
    style.reference_lines(fig, chart)
    style.update_axes(fig, "y", range=[0, 100])
    style.update_axes(fig, "x", type="date")
    return style.finish(fig, chart, version)


FIGURES = {"crude": crude, "suppliers": suppliers, "gas": gas, "energy_share": share}

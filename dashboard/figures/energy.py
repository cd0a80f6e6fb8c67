"""Figures of the energy page (pure: a Chart in, a plotly Figure out): crude imports, Russia's
rank and share among China's crude suppliers, Power of Siberia deliveries, energy's share."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.chart import Chart
from dashboard.figures.style import (
    DAY_MS,
    colour,
    finish,
    hover,
    reference_lines,
    symbols,
    x_dates,
    years,
)


def crude(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows
    fig = go.Figure()
    full = frame[frame["freq"] == "A"]
    part = frame[frame["freq"] != "A"]
    if not full.empty:
        fig.add_trace(
            go.Bar(
                x=x_dates(full),
                y=full["value_shown"],
                width=300 * DAY_MS,  # most of a year
                name="Full year",
                marker={"color": colour(0)},
                hovertext=hover(full),
                hoverinfo="text",
            )
        )
    if not part.empty:
        fig.add_trace(
            go.Scatter(
                x=x_dates(part),
                y=part["value_shown"],
                mode="markers",
                name="Part of the year (year to date or quarter)",
                marker={
                    "color": colour(1),
                    "size": 11,
                    "symbol": "circle-open",
                    "line": {"width": 2},
                },
                hovertext=hover(part),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(type="date")
    return finish(fig, chart, version)


def suppliers(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    for row, (indicator, index) in enumerate((("partner_rank", 0), ("partner_share", 2)), start=1):
        rows = frame[frame["indicator"] == indicator]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=x_dates(rows),
                y=rows["value_shown"],
                mode="lines+markers",
                name=rows["series"].iloc[0],
                line={"color": colour(index)},
                marker={"color": colour(index), "size": 10, "symbol": symbols(rows)},
                hovertext=hover(rows),
                hoverinfo="text",
            ),
            row=row,
            col=1,
        )
    fig.update_yaxes(autorange=False, range=[4.5, 0.5], dtick=1, row=1, col=1)
    fig.update_yaxes(rangemode="tozero", row=2, col=1)
    fig.update_xaxes(type="date")
    return finish(fig, chart, version)


def gas(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows
    deliveries = frame[frame["indicator"] == "pipeline_gas_deliveries"]
    capacity = frame[frame["indicator"] == "pipeline_capacity"]
    fig = go.Figure(
        go.Bar(
            x=years(deliveries),
            y=deliveries["value_shown"],
            name="Gas delivered (bcm)",
            marker={"color": colour(2)},
            hovertext=hover(deliveries),
            hoverinfo="text",
        )
    )
    if not capacity.empty:
        level = float(capacity["value_shown"].iloc[-1])
        fig.add_trace(
            go.Scatter(
                x=list(years(deliveries)),
                y=[level] * len(deliveries),
                mode="lines",
                name=f"Design capacity ({level:g} bcm a year)",
                line={"color": colour(6), "dash": "dash"},
                hovertext=hover(capacity.iloc[[-1] * len(deliveries)]),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(tickformat="d")
    return finish(fig, chart, version)


def share(chart: Chart, version: str) -> go.Figure:
    frame = chart.rows
    fig = go.Figure()
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=x_dates(rows),
                y=rows["value_shown"],
                mode="markers",
                name=series,
                marker={
                    "color": colour(i),
                    "size": 11,
                    "symbol": symbols(rows, derived_open=True),
                    "line": {"width": 2, "color": colour(i)},
                },
                hovertext=hover(rows),
                hoverinfo="text",
            )
        )
    reference_lines(fig, chart)
    fig.update_yaxes(range=[0, 100])
    fig.update_xaxes(type="date")
    return finish(fig, chart, version)


FIGURES = {"crude": crude, "suppliers": suppliers, "gas": gas, "energy_share": share}

"""Figures of the energy page (pure)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import colour, finish, hover, symbols, x_dates
from dashboard.views.common import Chart


def crude(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
    fig = go.Figure()
    full = frame[frame["freq"] == "A"]
    part = frame[frame["freq"] != "A"]
    if not full.empty:
        fig.add_trace(
            go.Bar(
                x=x_dates(full),
                y=full["value_shown"],
                width=300 * 86_400_000,  # most of a year, in milliseconds (date axis)
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
    unit = frame["unit_shown"].iloc[0]
    return finish(fig, chart, version, y_title=f"Crude oil imports ({unit})", x_title="Period")


def suppliers(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
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
    fig.update_yaxes(title_text="Rank", autorange=False, range=[4.5, 0.5], dtick=1, row=1, col=1)
    fig.update_yaxes(title_text="Share (%)", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(type="date")
    fig.update_xaxes(title_text="Year", row=2, col=1)
    return finish(fig, chart, version)


def gas(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
    deliveries = frame[frame["indicator"] == "pipeline_gas_deliveries"]
    capacity = frame[frame["indicator"] == "pipeline_capacity"]
    fig = go.Figure(
        go.Bar(
            x=deliveries["period"].astype(int),
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
                x=list(deliveries["period"].astype(int)),
                y=[level] * len(deliveries),
                mode="lines",
                name=f"Design capacity ({level:g} bcm a year)",
                line={"color": colour(6), "dash": "dash"},
                hovertext=hover(capacity.iloc[[-1] * len(deliveries)]),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(tickformat="d")
    return finish(
        fig, chart, version, y_title="Gas delivered (bcm, billion cubic metres)", x_title="Year"
    )


def share(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
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
    fig.add_hline(y=50, line_dash="dash", line_color="#999", annotation_text="half")
    fig.update_yaxes(range=[0, 100])
    fig.update_xaxes(type="date")
    return finish(
        fig, chart, version, y_title="Share of China's imports from Russia (%)", x_title="Period"
    )


FIGURES = {"crude": crude, "suppliers": suppliers, "gas": gas, "share": share}

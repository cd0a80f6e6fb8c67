"""Figures of the trade explorer (pure: a Chart in, a plotly Figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import GREY, colour, event_line, finish, hover, source_text, x_dates
from dashboard.views.common import Chart

FLOW_COLOUR = {"export": 0, "import": 1, "total": 2, "balance": 6}


def _flow_colour(flow: str) -> str:
    return colour(FLOW_COLOUR.get(flow, 4))


def trade(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
    fig = go.Figure()
    growth = chart.meta.get("measure") == "growth"
    annual = chart.meta.get("freq") == "A"
    for flow, rows in frame.groupby("flow", sort=False):
        name = rows["series"].iloc[0]
        converted = rows["conversion"].str.startswith("converted").tolist()
        if annual and not growth:
            fig.add_trace(
                go.Bar(
                    x=rows["period"].astype(int),
                    y=rows["value_shown"],
                    name=name,
                    marker={
                        "color": _flow_colour(flow),
                        # hatched: converted at a rate; solid: as the publisher reported it
                        "pattern": {
                            "shape": ["/" if c else "" for c in converted],
                            "solidity": 0.4,
                        },
                        "line": {"color": _flow_colour(flow), "width": 1},
                    },
                    hovertext=hover(rows),
                    hoverinfo="text",
                )
            )
        else:
            fig.add_trace(
                go.Scatter(
                    x=x_dates(rows) if not annual else rows["period"].astype(int),
                    y=rows["value_shown"],
                    mode="lines+markers",
                    name=name,
                    line={"color": _flow_colour(flow), "width": 2},
                    marker={
                        "color": _flow_colour(flow),
                        "size": 6 if not annual else 9,
                        "symbol": [
                            "circle-open" if s == "derived" else "circle" for s in rows["status"]
                        ],
                    },
                    hovertext=hover(rows),
                    hoverinfo="text",
                )
            )
    if annual:
        # a numeric year axis: a missing year shows as a gap, and ticks thin out on a phone
        fig.update_xaxes(tickformat="d", dtick=None)
    if growth or (frame["value_shown"] < 0).any():
        fig.add_hline(y=0, line_color="#555", line_width=1)
    unit = frame["unit_shown"].iloc[0] if not frame.empty else ""
    y_title = "Change on a year earlier (%)" if growth else f"Goods trade ({unit})"
    fig.update_layout(barmode="group")
    return finish(fig, chart, version, y_title=y_title, x_title="Year" if annual else "Month")


def compare(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.66, 0.34], vertical_spacing=0.07
    )
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        reference = rows["gap_pct"].isna().all() and rows["side"].iloc[0] == "China-reported"
        fig.add_trace(
            go.Scatter(
                x=x_dates(rows),
                y=rows["value_shown"],
                mode="lines+markers",
                name=series,
                line={
                    "color": colour(i),
                    "width": 3 if reference else 1.5,
                    "dash": "solid" if rows["side"].iloc[0] == "China-reported" else "dash",
                },
                marker={
                    "color": colour(i),
                    "size": 8,
                    "symbol": ["circle", "square", "diamond"][i % 3],
                },
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
                    # bars on a date axis need a width in milliseconds: most of a year or month
                    width=(200 if chart.meta.get("freq") == "A" else 9) * 86_400_000,
                    name=f"gap: {series}",
                    marker={"color": colour(i)},
                    showlegend=False,
                    legendgroup=series,
                    hovertext=[
                        f"<b>{row['series']}</b><br>{row['period_label']}: "
                        f"{row['gap_pct']:+.1f}% ({row['gap_value_shown']:+,.2f} US$ bn) vs "
                        f"China's customs release<br>{source_text(row)}"
                        for _, row in gaps.iterrows()
                    ],
                    hoverinfo="text",
                ),
                row=2,
                col=1,
            )
    fig.add_hline(y=0, line_color="#555", line_width=1, row=2, col=1)
    event = chart.meta.get("fcs_event") or {}
    if event and not frame.empty:
        first, last = min(x_dates(frame)), max(x_dates(frame))
        when = pd.Timestamp(event["date"]).date()
        if first <= when <= last:
            event_line(fig, event["date"], "Russia's customs stops publishing", row=1)
    fig.update_yaxes(title_text="US$ bn", row=1, col=1)
    fig.update_yaxes(title_text="Gap vs China (%)", row=2, col=1)
    fig.update_layout(barmode="group")
    return finish(fig, chart, version, y_title="", x_title="")


def commodities(chart: Chart, version: str) -> go.Figure:
    kind = chart.meta.get("kind")
    if kind == "treemap":
        return _treemap(chart, version)
    if kind == "products":
        return _products(chart, version)
    frame = chart.frame
    fig = go.Figure()
    for i, (series, rows) in enumerate(frame.groupby("series", sort=False)):
        other = rows["group"].iloc[0] == "other"
        fig.add_trace(
            go.Scatter(
                x=rows["period"].astype(int),
                y=rows["value_shown"],
                mode="lines",
                stackgroup="one",
                name=series,
                line={"color": GREY if other else colour(i), "width": 0.5},
                fillpattern={
                    "shape": "." if other else ["", "/", "x", "\\", "|", "-", "+", ""][i % 8]
                },
                hovertext=hover(rows.assign(period_label=rows["period"])),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(dtick=1, tickformat="d")
    unit = frame["unit_shown"].iloc[0]
    return finish(fig, chart, version, y_title=f"Value ({unit})", x_title="Year")


def _treemap(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame
    by_section = frame.groupby(["section", "section_label"], sort=False)["value_shown"].sum()
    ids = [f"s-{s}" for s, _ in by_section.index] + [f"c-{c}" for c in frame["chapter"]]
    labels = [label for _, label in by_section.index] + [
        f"{lab} (HS {c})" for lab, c in zip(frame["label"], frame["chapter"], strict=True)
    ]
    parents = [""] * len(by_section) + [f"s-{s}" for s in frame["section"]]
    values = list(by_section.to_numpy()) + list(frame["value_shown"])
    section_text = [
        f"<b>{label}</b><br>{v:,.2f} {frame['unit_shown'].iloc[0]}"
        for (_, label), v in zip(by_section.index, by_section.to_numpy(), strict=True)
    ]
    chapter_text = hover(frame.assign(series=frame["label"], period_label=frame["period"]))
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
            hovertext=section_text + chapter_text,
            hoverinfo="text",
            textinfo="label+percent root",
            maxdepth=2 if chart.meta.get("level") == "section" else 3,
        )
    )
    return finish(fig, chart, version, legend=False, axes=False)


def _products(chart: Chart, version: str) -> go.Figure:
    frame = chart.frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            y=frame["series"],
            x=frame["value_shown"],
            orientation="h",
            marker={"color": colour(0)},
            hovertext=hover(frame.assign(period_label=frame["period"])),
            hoverinfo="text",
            showlegend=False,
        )
    )
    unit = frame["unit_shown"].iloc[0]
    return finish(fig, chart, version, y_title="", x_title=f"Value ({unit})", legend=False)


FIGURES = {"trade": trade, "commodities": commodities, "sources": compare}

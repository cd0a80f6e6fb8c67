"""What every page chart shares: its frame in, a plotly figure out, laid out the same way.

The title states the finding and the source line lists the documents with their dates; both are
wrapped so they fit a 375 px phone screen as well as a desktop. The legend sits between the title
and the plot, with room reserved for it, so nothing overlaps at any width. Hover text gives the
exact value, unit, period and source of every point.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.claims import (
    PALETTE,
    QUALIFIER_SYMBOL,
    finish_layout,
    period_mid,
    source_line,
)
from dashboard.views.common import Chart, fmt_value, text

GREY = "#888888"


def finish(
    fig: go.Figure,
    chart: Chart,
    version: str,
    *,
    y_title: str = "",
    x_title: str = "",
    legend: bool = True,
    axes: bool = True,
) -> go.Figure:
    """The shared layout (dashboard.figures.finish_layout) with the chart's finding as title
    and its sources, with dates, underneath."""
    return finish_layout(
        fig,
        chart.title,
        source_line(chart.frame, version),
        y_title=y_title,
        x_title=x_title,
        legend=legend,
        axes=axes,
    )


def hover(frame: pd.DataFrame, name_column: str = "series") -> list[str]:
    """Exact value, unit, period and source of each row, plus how it was obtained."""
    texts = []
    for _, row in frame.iterrows():
        value = fmt_value(row["value_shown"], text(row.get("unit_shown")))
        bound = {"lower_bound": "at least ", "upper_bound": "at most ", "approx": "about "}.get(
            text(row.get("qualifier")), ""
        )
        if text(row.get("unit_shown")) == "rank":
            bound = {"lower_bound": "at best ", "upper_bound": "at worst "}.get(
                text(row.get("qualifier")), bound
            )
        lines = [
            f"<b>{text(row.get(name_column))}</b>",
            f"{text(row.get('period_label')) or text(row.get('period'))}: {bound}{value}",
        ]
        if text(row.get("speaker")):
            lines.append(text(row["speaker"])[:80])
        if text(row.get("conversion")):
            lines.append(text(row["conversion"])[:90])
        lines.append(source_text(row))
        if text(row.get("status")) == "derived" and not text(row.get("source_id")).startswith(
            "derived-"
        ):
            lines.append("estimate derived by the source (see note)")
        texts.append("<br>".join(lines))
    return texts


def source_text(row: pd.Series) -> str:
    """Where a point comes from, for hover text: publisher (date), or what it was computed from."""
    source_id = text(row.get("source_id"))
    if source_id.startswith("derived-"):
        origins = text(row.get("derived_from")).replace(";", ", ")
        return "computed by this project from " + origins[:80]
    when = text(row.get("date_published")) or "date not recorded"
    return f"{text(row.get('publisher')) or source_id} ({when})"


def x_dates(frame: pd.DataFrame) -> list[date]:
    return [period_mid(p, f) for p, f in zip(frame["period"], frame["freq"], strict=True)]


def symbols(frame: pd.DataFrame, *, derived_open: bool = False) -> list[str]:
    out = []
    for qualifier, status in zip(
        frame["qualifier"], frame.get("status", [""] * len(frame)), strict=True
    ):
        symbol = QUALIFIER_SYMBOL.get(qualifier, "circle")
        if derived_open and status == "derived" and not symbol.endswith("-open"):
            symbol = "circle-open"
        out.append(symbol)
    return out


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def event_line(fig: go.Figure, when: str, label: str, *, row: int | None = None) -> None:
    """A dotted vertical line for a dated event, labelled at the top."""
    kwargs = {"row": row, "col": 1} if row else {}
    fig.add_vline(x=when, line_dash="dot", line_color="#555", **kwargs)
    fig.add_annotation(
        x=when,
        y=1,
        yref="paper",
        text=label,
        showarrow=False,
        xanchor="left",
        yanchor="top",  # inside the plot: the legend sits just above it
        bgcolor="rgba(255,255,255,0.8)",
        font={"size": 10, "color": "#555"},
    )


def nice_max(values: pd.Series) -> float:
    top = float(values.max()) if len(values) else 1.0
    if top <= 0 or math.isnan(top):
        return 1.0
    return top * 1.08

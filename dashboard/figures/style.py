"""What every figure shares: palette, layout, hover text, event and reference lines.

Every figure states its finding in the title, labels its axes with units, lists its sources with
dates underneath, and gives the exact value, unit, period and source on hover. Title and source
line are wrapped to fit a 375 px phone as well as a desktop; the legend sits between title and
plot with room reserved for it, so nothing overlaps at any width. Colours are the Okabe–Ito
palette (safe for colour-blind readers), and meaning never rests on colour alone: symbols and
labels carry it too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart import Chart
from dashboard.vocabulary import value_words
from etl.periods import end_month, year_of

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
GREY = "#888888"
INK = "#555"  # lines and small text that annotate rather than show data
# One colour per convention on every chart, so a reader learns it once.
CONVENTION_COLOR = {
    "countries_only": PALETTE[0],
    "incl_hk_tw": PALETTE[1],
    "blocs_as_units": PALETTE[2],
    "mixed": PALETTE[4],
    "unspecified": GREY,
    "volume": PALETTE[5],
}
QUALIFIER_SYMBOL = {
    "exact": "circle",
    "approx": "circle-open",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
}
# plotly_white, reduced to what these charts use: the full template adds ~7 KB to every figure's
# JSON (two thirds of it), which every page load and callback would carry.
SLIM_TEMPLATE = go.layout.Template(layout={
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "colorway": PALETTE,
    "font": {"color": "#2a3f5f"},
    "hoverlabel": {"align": "left"},
    "xaxis": {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
              "automargin": True, "ticks": "", "title": {"standoff": 15}},
    "yaxis": {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
              "automargin": True, "ticks": "", "title": {"standoff": 15}},
})
TITLE_WIDTH = 42  # characters per title line at 14 px on a 375 px screen
SOURCE_WIDTH = 46  # characters per source line at 10 px, beside a phone's y-axis labels
LEGEND_WIDTH = 330  # px a horizontal legend has on a phone
PLOT_HEIGHT = 300  # px of the plotting area itself, whatever the margins
DAY_MS = 86_400_000  # bars on a date axis need their width in milliseconds


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


# --- positions ---------------------------------------------------------------------------------
def period_mid(period: str, freq: str) -> date:
    """A date to plot a period at: mid-year, mid-quarter, mid-month, or the day itself."""
    if freq == "D":
        return date.fromisoformat(period)
    year = year_of(period)
    if freq == "A":
        return date(year, 7, 1)
    month = end_month(period, freq)
    span = {"H": 6, "Q": 3, "M": 1}[freq]
    first = month - span + 1
    return date(year, first, 1) + timedelta(days=15 * span)


def x_dates(rows: pd.DataFrame) -> list[date]:
    return [period_mid(p, f) for p, f in zip(rows["period"], rows["freq"], strict=True)]


def years(rows: pd.DataFrame) -> pd.Series:
    """Periods as year numbers, for a numeric year axis (a missing year shows as a gap)."""
    return rows["period"].astype(int)


def symbols(rows: pd.DataFrame, *, derived_open: bool = False) -> list[str]:
    """A marker shape per row by its qualifier (a bound is a triangle, an estimate hollow);
    with `derived_open`, figures computed by this project are hollow too."""
    statuses = rows["status"] if "status" in rows else [""] * len(rows)
    out = []
    for qualifier, status in zip(rows["qualifier"], statuses, strict=True):
        symbol = QUALIFIER_SYMBOL.get(qualifier, "circle")
        if derived_open and status == "derived" and not symbol.endswith("-open"):
            symbol = "circle-open"
        out.append(symbol)
    return out


# --- hover text --------------------------------------------------------------------------------
def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def source_text(row: dict | pd.Series) -> str:
    """Where a point comes from, for hover text: publisher (date), or what it was computed from."""
    source_id = _text(row.get("source_id"))
    if source_id.startswith("derived-"):
        # the documents it comes from (not the pipeline's intermediate steps)
        origins = [o for o in _text(row.get("derived_from")).split(";")
                   if o and not o.startswith("derived-")]
        return "computed by this project from " + ", ".join(origins)[:80]
    when = _text(row.get("date_published")) or "date not recorded"
    return f"{_text(row.get('publisher')) or source_id} ({when})"


def hover(rows: pd.DataFrame, names: Sequence[str] | None = None) -> list[str]:
    """Each row's name, period, exact value with its unit and bound, who said it, how it was
    converted, and its source. `names` default to the rows' `series`; periods are the rows'
    `period_label` (else `period`)."""
    if names is None:
        names = rows["series"] if "series" in rows else [""] * len(rows)
    texts = []
    for name, row in zip(names, rows.to_dict("records"), strict=True):
        unit = _text(row.get("unit_shown"))
        value = row.get("value_shown")
        if pd.isna(value):
            quote = _text(row.get("quote"))
            shown = f"“{quote[:120]}”" if quote else "no figure"
        else:
            shown = value_words(value, unit, _text(row.get("qualifier")))
        period = _text(row.get("period_label")) or _text(row.get("period"))
        lines = [f"<b>{name}</b>"] if name else []
        lines.append(f"{period}: {shown}")
        if _text(row.get("speaker")) and row["speaker"] != name:
            lines.append(_text(row["speaker"])[:80])
        if _text(row.get("conversion")):
            lines.append(_text(row["conversion"])[:90])
        lines.append(source_text(row))
        if row.get("status") == "derived" and not _text(row.get("source_id")).startswith(
            "derived-"
        ):
            lines.append("estimate derived by the source (see note)")
        texts.append("<br>".join(lines))
    return texts


# --- traces -----------------------------------------------------------------------------------
def scatter(rows: pd.DataFrame, name: str, color: str, *, x: Sequence | None = None,
            y: Sequence | None = None, mode: str = "markers", size: int = 10,
            symbol: str | list[str] | None = None, outline: float | None = None,
            line: dict | None = None,
            names: Sequence[str] | None = None, **trace: object) -> go.Scatter:
    """One series: each row's shown value (or `y`) at its period (or at `x`), marked by its
    qualifier unless `symbol` says otherwise, with its hover text (named by `names`, default
    the rows' `series`)."""
    marker: dict = {"color": color, "size": size,
                    "symbol": symbols(rows) if symbol is None else symbol}
    if outline is not None:
        marker["line"] = {"width": outline, "color": color}
    return go.Scatter(x=x_dates(rows) if x is None else x,
                      y=rows["value_shown"] if y is None else y, mode=mode,
                      name=name, marker=marker, line=line or {"color": color},
                      hovertext=hover(rows, names), hoverinfo="text", **trace)


def bars(rows: pd.DataFrame, name: str, color: str | list[str], *, x: Sequence | None = None,
         names: Sequence[str] | None = None, **trace: object) -> go.Bar:
    """One series of bars: each row's shown value at its period (or at `x`), with hover text."""
    return go.Bar(x=x_dates(rows) if x is None else x, y=rows["value_shown"], name=name,
                  marker={"color": color, **trace.pop("marker", {})},
                  hovertext=hover(rows, names), hoverinfo="text", **trace)


# --- lines that annotate -----------------------------------------------------------------------
def event_lines(fig: go.Figure, chart: Chart, drawn: Sequence[date] = (), *,
                row: int | None = None) -> None:
    """A dotted vertical line per marker (the article's date, an event), labelled at the top.
    A marker that is `inside_only` is drawn only within the span of the `drawn` dates."""
    kwargs = {"row": row, "col": 1} if row else {}
    for marker in chart.markers:
        when = date.fromisoformat(marker.when)
        if marker.inside_only and not (drawn and min(drawn) <= when <= max(drawn)):
            continue
        fig.add_vline(x=when.isoformat(), line_dash="dot", line_color=INK, **kwargs)
        fig.add_annotation(
            x=when.isoformat(),
            y=1,
            yref="paper",
            text=marker.label,
            showarrow=False,
            xanchor="left",
            yanchor="top",  # inside the plot: the legend sits just above it
            bgcolor="rgba(255,255,255,0.8)",
            font={"size": 10, "color": INK},
        )


def reference_lines(fig: go.Figure, chart: Chart, *, vertical: bool = False,
                    row: int | None = None) -> None:
    """A line across the plot at each reference value: dashed vermillion for the figure a
    statement claims, dashed grey for a threshold, thin solid grey for zero."""
    kwargs = {"row": row, "col": 1} if row else {}
    for ref in chart.references:
        if ref.role == "zero":
            style = {"line_color": INK, "line_width": 1}
        else:
            style = {"line_dash": "dash", "line_color": PALETTE[3] if ref.role == "claim" else INK}
        if ref.label:
            position = "top right" if vertical else "bottom right"
            style |= {"annotation_text": ref.label, "annotation_position": position}
        add = fig.add_vline if vertical else fig.add_hline
        add(ref.value, **style, **kwargs)


# --- layout ------------------------------------------------------------------------------------
def wrap(words: str, width: int) -> str:
    return (
        "<br>".join(textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False))
        or words
    )


def legend_rows(names: list[str]) -> int:
    """How many rows a horizontal legend of these names takes on a phone (a safe estimate)."""
    if not names:
        return 0
    rows, used = 1, 0.0
    for name in names:
        width = 44 + 6.6 * len(name)
        if used and used + width > LEGEND_WIDTH:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def finish(fig: go.Figure, chart: Chart, version: str, *, legend: bool = True,
           axes: bool = True) -> go.Figure:
    """The chart's finding as title on top, then the legend, the plot with the chart's axis
    titles, and its sources with the snapshot version under it.

    The legend gets the room it needs on a phone reserved between title and plot, so nothing
    overlaps at any width; the plotting area keeps the same height whatever the margins."""
    title = wrap(chart.title, TITLE_WIDTH)
    source = wrap(" · ".join(s for s in (chart.sources, f"Data: snapshot {version}") if s),
                  SOURCE_WIDTH)
    title_lines = title.count("<br>") + 1
    source_lines = source.count("<br>") + 1
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    rows = legend_rows(list(dict.fromkeys(names))) if legend else 0
    top = 16 + 19 * title_lines + 24 * rows + (8 if rows else 0)
    under_axis = (34 if axes else 8) + (20 if chart.axes.x else 0)
    bottom = under_axis + 14 * source_lines + 8
    fig.update_layout(
        template=SLIM_TEMPLATE,
        height=PLOT_HEIGHT + top + bottom,
        margin={"l": 56, "r": 16, "t": top, "b": bottom},
        title={
            "text": title,
            "x": 0.0,
            "xanchor": "left",
            "xref": "container",
            "y": 1.0,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 14},
            "pad": {"l": 8, "t": 24},  # the first line's baseline; plotly does not shift it down
        },
        font={"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        showlegend=legend,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0)",
        },
        hoverlabel={"align": "left"},
    )
    if axes:
        fig.update_yaxes(automargin=True)
        if chart.axes.y2:  # two panels, one above the other, sharing the x axis
            fig.update_yaxes(title_text=chart.axes.y, row=1, col=1)
            fig.update_yaxes(title_text=chart.axes.y2, row=2, col=1)
            if chart.axes.x:
                fig.update_xaxes(title_text=chart.axes.x, row=2, col=1)
        else:
            if chart.axes.y:
                fig.update_yaxes(title_text=chart.axes.y)
            if chart.axes.x:
                fig.update_xaxes(title_text=chart.axes.x)
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-under_axis,
        xshift=-48,  # start under the y-axis labels, not under the plot area
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 10, "color": INK},
    )
    return fig

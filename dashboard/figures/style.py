"""What every figure shares: palette, layout, hover text, event and reference lines, and the
few helpers that build a figure as a plain dict.

Figures are plain dicts (`{"data": [...], "layout": {...}}`), which `dcc.Graph` sends as they
are: building a go.Figure ran plotly's validators on every property, and `update_layout`,
`add_vline` and `make_subplots` cost 17-66 ms a chart (711 ms for the 31 charts of the pages'
default states, on charts of 7-130 points); the dicts cost a few ms. The helpers here write
exactly what plotly wrote for us: a trace's `type`, the line shapes and labels of
`add_vline`/`add_hline` (with their `xref`/`yref`), the axes of a two-panel
`make_subplots(rows=2, cols=1, shared_xaxes=True)` and axis updates by panel. Tests check
each figure with plotly's own validator (`go.Figure(figure)`), not each request.

Every figure states its finding in the title, labels its axes with units, lists its sources with
dates underneath, and gives the exact value, unit, period and source on hover. Title and source
line are wrapped to fit a 375 px phone as well as a desktop; the legend sits between title and
plot with room reserved for it, so nothing overlaps at any width. Colours are the Okabe–Ito
palette (safe for colour-blind readers), and meaning never rests on colour alone: symbols and
labels carry it too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

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
SLIM_TEMPLATE: dict[str, Any] = {"layout": {
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "colorway": PALETTE,
    "font": {"color": "#2a3f5f"},
    "hoverlabel": {"align": "left"},
    "xaxis": {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
              "automargin": True, "ticks": "", "title": {"standoff": 15}},
    "yaxis": {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#EBF0F8",
              "automargin": True, "ticks": "", "title": {"standoff": 15}},
}}
TITLE_WIDTH = 42  # characters per title line at 14 px on a 375 px screen
SOURCE_WIDTH = 44  # characters per source line at 11 px, beside a phone's y-axis labels
SOURCE_SIZE = 11  # px: the source line's type, readable on a phone
TOOLBAR_BAND = 28  # px above the title where the chart's toolbar sits, clear of the title
LEGEND_WIDTH = 330  # px a horizontal legend has on a phone
LEGEND_LINE = 40  # characters of a legend entry's line, so one entry fits a phone
PLOT_HEIGHT = 300  # px of the plotting area itself, whatever the margins
DAY_MS = 86_400_000  # bars on a date axis need their width in milliseconds
LEGEND_TRACES = {"scatter", "bar"}  # trace types that can have a legend entry

Figure = dict[str, Any]  # {"data": [trace, ...], "layout": {...}}, as plotly.js reads it


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


# --- figures as dicts ---------------------------------------------------------------------------
def figure(*traces: dict) -> Figure:
    return {"data": list(traces), "layout": {}}


def values(seq: Iterable | None) -> list | None:
    """A column or sequence as a plain list (a Series' numbers as Python numbers)."""
    if seq is None:
        return None
    return seq.tolist() if hasattr(seq, "tolist") else list(seq)


def trace(kind: str, **props: Any) -> dict:
    """A trace of type `kind` with the properties given (None: not set, as plotly leaves it)."""
    return {"type": kind, **{k: v for k, v in props.items() if v is not None}}


def merge(target: dict, props: dict) -> dict:
    """`props` written into `target` as plotly's update methods do: nested dicts merged, a
    value of None unsets."""
    for key, value in props.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def _axis_names(fig: Figure, letter: str, row: int | None) -> list[str]:
    if row is not None:
        return [f"{letter}axis" + (str(row) if row > 1 else "")]
    layout = fig["layout"]
    names = {f"{letter}axis"} | {k for k in layout
                                 if k.startswith(f"{letter}axis") and k[5:].isdigit()}
    return sorted(names)


def update_axes(fig: Figure, letter: str, *, row: int | None = None, **props: Any) -> None:
    """`fig.update_xaxes(**props)` ("x") or `update_yaxes` ("y"): every axis of that letter,
    or the one of panel `row`. Nested properties are given as dicts (title={"text": ...})."""
    layout = fig["layout"]
    setting = any(v is not None for v in props.values())
    for name in _axis_names(fig, letter, row):
        if name in layout or setting:  # an axis only unset is not created
            merge(layout.setdefault(name, {}), props)


def two_panels(row_heights: Sequence[float] = (1.0, 1.0), spacing: float = 0.2) -> Figure:
    """An empty figure of two panels, one above the other, sharing the x axis: the axes
    `make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=..., vertical_spacing=...)`
    lays out (the upper x axis matches the lower one and hides its tick labels)."""
    upper, lower = ((1.0 - spacing) * h / sum(row_heights) for h in row_heights)
    top = min(1.0, lower + spacing + upper)
    return {"data": [], "layout": {
        "xaxis": {"anchor": "y", "domain": [0.0, 1.0], "matches": "x2", "showticklabels": False},
        "yaxis": {"anchor": "x", "domain": [lower + spacing, top]},
        "xaxis2": {"anchor": "y2", "domain": [0.0, 1.0]},
        "yaxis2": {"anchor": "x2", "domain": [0.0, lower]},
    }}


def on_panel(trace: dict, row: int | None) -> dict:
    """The trace drawn on panel `row` of a two-panel figure (None: a one-panel figure)."""
    if row is not None:
        trace["xaxis"] = "x" + (str(row) if row > 1 else "")
        trace["yaxis"] = "y" + (str(row) if row > 1 else "")
    return trace


def _ref(letter: str, row: int | None) -> str:
    return letter + (str(row) if row and row > 1 else "")


def line_style(*, color: str, dash: str | None = None, width: float | None = None) -> dict:
    return {k: v for k, v in (("color", color), ("dash", dash), ("width", width))
            if v is not None}


def vline(fig: Figure, x: Any, line: dict, *, label: str = "", row: int | None = None) -> None:
    """`fig.add_vline(x, ...)`: a line from the bottom to the top of the plot at `x`, and,
    with a `label`, its "top left" annotation (right-aligned at the line's top)."""
    xref, yref = _ref("x", row), _ref("y", row) + " domain"
    layout = fig["layout"]
    layout.setdefault("shapes", []).append({"type": "line", "x0": x, "x1": x, "xref": xref,
                                            "y0": 0, "y1": 1, "yref": yref, "line": line})
    if label:
        layout.setdefault("annotations", []).append({
            "text": label, "showarrow": False, "x": x, "xanchor": "right", "xref": xref,
            "y": 1, "yanchor": "top", "yref": yref})


def hline(fig: Figure, y: Any, line: dict, *, label: str = "", row: int | None = None) -> None:
    """`fig.add_hline(y, ...)`: a line across the plot at `y`, and, with a `label`, its
    "bottom right" annotation (under the line, at its right end)."""
    xref, yref = _ref("x", row) + " domain", _ref("y", row)
    layout = fig["layout"]
    layout.setdefault("shapes", []).append({"type": "line", "x0": 0, "x1": 1, "xref": xref,
                                            "y0": y, "y1": y, "yref": yref, "line": line})
    if label:
        layout.setdefault("annotations", []).append({
            "text": label, "showarrow": False, "x": 1, "xanchor": "right", "xref": xref,
            "y": y, "yanchor": "top", "yref": yref})


def annotate(fig: Figure, **annotation: Any) -> None:
    fig["layout"].setdefault("annotations", []).append(annotation)


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


def year_ticks(fig: Figure, rows: pd.DataFrame) -> None:
    """On a date axis, a tick under each year's bar (drawn mid-year), labelled with the year."""
    shown = sorted({year_of(p) for p in rows["period"]})
    shown = shown[::max(1, -(-len(shown) // 10))]  # at most ten labels: a phone has room
    if shown:
        update_axes(fig, "x", tickvals=[date(y, 7, 1).isoformat() for y in shown],
                    ticktext=[str(y) for y in shown])


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


SOURCE_COLUMNS = ("source_id", "derived_from", "date_published", "publisher")
HOVER_COLUMNS = ("unit_shown", "value_shown", "quote", "qualifier", "period_label", "period",
                 "speaker", "conversion", "status", *SOURCE_COLUMNS)


def records(rows: pd.DataFrame, columns: Sequence[str]) -> list[dict]:
    """The rows as dicts of just these columns (those the frame has). A chart's rows carry
    some thirty columns, and `to_dict("records")` on all of them was most of a figure's cost."""
    present = [c for c in columns if c in rows]
    if not present:
        return [{} for _ in range(len(rows))]
    return [dict(zip(present, row, strict=True))
            for row in zip(*(rows[c].tolist() for c in present), strict=True)]


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
    for name, row in zip(names, records(rows, HOVER_COLUMNS), strict=True):
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
            names: Sequence[str] | None = None, **props: object) -> dict:
    """One series: each row's shown value (or `y`) at its period (or at `x`), marked by its
    qualifier unless `symbol` says otherwise, with its hover text (named by `names`, default
    the rows' `series`)."""
    marker: dict = {"color": color, "size": size,
                    "symbol": symbols(rows) if symbol is None else symbol}
    if outline is not None:
        marker["line"] = {"width": outline, "color": color}
    return trace("scatter", x=x_dates(rows) if x is None else values(x),
                 y=values(rows["value_shown"] if y is None else y), mode=mode,
                 name=name, marker=marker, line=line or {"color": color},
                 hovertext=hover(rows, names), hoverinfo="text", **props)


def bars(rows: pd.DataFrame, name: str, color: str | list[str], *, x: Sequence | None = None,
         names: Sequence[str] | None = None, **props: Any) -> dict:
    """One series of bars: each row's shown value at its period (or at `x`), with hover text."""
    return trace("bar", x=x_dates(rows) if x is None else values(x),
                 y=values(rows["value_shown"]), name=name,
                 marker={"color": color, **props.pop("marker", {})},
                 hovertext=hover(rows, names), hoverinfo="text", **props)


# --- lines that annotate -----------------------------------------------------------------------
def event_lines(fig: Figure, chart: Chart, drawn: Sequence[date] = (), *,
                row: int | None = None) -> None:
    """A dotted vertical line per marker (the article's date, an event), labelled at the top
    (of panel `row`, in a figure of two). A marker that is `inside_only` is drawn only within
    the span of the `drawn` dates."""
    for marker in chart.markers:
        when = date.fromisoformat(marker.when)
        if marker.inside_only and not (drawn and min(drawn) <= when <= max(drawn)):
            continue
        vline(fig, when.isoformat(), line_style(color=INK, dash="dot"), row=row)
        # a label right of its line, or left of it in the later half (never cut by the edge)
        late = bool(drawn) and when > min(drawn) + (max(drawn) - min(drawn)) / 2
        annotate(
            fig,
            x=when.isoformat(),
            y=1,
            yref="paper",
            text=marker.label,
            showarrow=False,
            xanchor="right" if late else "left",
            yanchor="top",  # inside the plot: the legend sits just above it
            bgcolor="rgba(255,255,255,0.8)",
            font={"size": 10, "color": INK},
        )


def reference_lines(fig: Figure, chart: Chart, *, vertical: bool = False,
                    row: int | None = None) -> None:
    """A line across the plot at each reference value: dashed vermillion for the figure a
    statement claims, dashed grey for a threshold, thin solid grey for zero; its label inside
    the plot (top left of a vertical line, under a horizontal one at its right end)."""
    for ref in chart.references:
        if ref.role == "zero":
            line = line_style(color=INK, width=1)
        else:
            line = line_style(color=PALETTE[3] if ref.role == "claim" else INK, dash="dash")
        add = vline if vertical else hline
        add(fig, ref.value, line, label=ref.label, row=row)


# --- layout ------------------------------------------------------------------------------------
def wrap(words: str, width: int) -> str:
    return (
        "<br>".join(textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False))
        or words
    )


def legend_rows(names: list[str]) -> int:
    """How many rows a horizontal legend of these names takes on a phone (a safe estimate; a
    name wrapped with <br> is as wide as its longest line)."""
    if not names:
        return 0
    rows, used = 1, 0.0
    for name in names:
        width = 44 + 6.6 * max(len(line) for line in name.split("<br>"))
        if used and used + width > LEGEND_WIDTH:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def legend_height(names: list[str]) -> int:
    """The px a horizontal legend of these names takes on a phone: 24 a row, more for names
    wrapped over several lines."""
    if not names:
        return 0
    lines = max(name.count("<br>") + 1 for name in names)
    return legend_rows(names) * (24 + 15 * (lines - 1))


def legend_name(name: str) -> str:
    """A long series name wrapped for the legend, so a phone shows all of it."""
    return wrap(name, LEGEND_LINE)


def period_range(rows: pd.DataFrame) -> list[str]:
    """The x range of a date axis that spans exactly the periods drawn (the first one's start
    to the last one's end), so nothing stretches the axis past the data."""
    starts = [period_mid(p, f) for p, f in zip(rows["period"], rows["freq"], strict=True)]
    monthly = set(rows["freq"]) <= {"M"}
    half = timedelta(days=16 if monthly else 183)
    return [(min(starts) - half).isoformat(), (max(starts) + half).isoformat()]


def finish(fig: Figure, chart: Chart, version: str, *, legend: bool = True,
           axes: bool = True, y_labels: Sequence[str] = ()) -> Figure:
    """The chart's finding as title on top, then the legend, the plot with the chart's axis
    titles, and its sources with the snapshot version under it.

    The legend gets the room it needs on a phone reserved between title and plot, so nothing
    overlaps at any width; the plotting area keeps the same height whatever the margins."""
    title = wrap(chart.title, TITLE_WIDTH)
    source = wrap(" · ".join(s for s in (chart.sources, f"Data: snapshot {version}") if s),
                  SOURCE_WIDTH)
    title_lines = title.count("<br>") + 1
    source_lines = source.count("<br>") + 1
    for drawn in fig["data"]:  # a trace without a name is never a legend entry ("trace 0")
        if not drawn.get("name") and drawn["type"] in LEGEND_TRACES:
            drawn["showlegend"] = False
    names = [t["name"] for t in fig["data"] if t.get("name") and t.get("showlegend") is not False]
    entries = list(dict.fromkeys(names)) if legend else []
    top = TOOLBAR_BAND + 16 + 19 * title_lines + legend_height(entries) + (8 if entries else 0)
    under_axis = (34 if axes else 8) + (20 if chart.axes.x else 0)
    bottom = under_axis + 15 * source_lines + 8
    left = 56
    if y_labels:
        longest = max(len(line) for label in y_labels for line in str(label).split("<br>"))
        left = min(max(left, 12 + 7 * longest), 210)  # labels are wrapped to fit this
    merge(fig["layout"], {
        "template": SLIM_TEMPLATE,
        "height": PLOT_HEIGHT + top + bottom,
        "margin": {"l": left, "r": 16, "t": top, "b": bottom},
        "title": {
            "text": title,
            "x": 0.0,
            "xanchor": "left",
            "xref": "container",
            "y": 1.0,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 14},
            # the first line's baseline (plotly does not shift it down), under the toolbar
            "pad": {"l": 8, "t": 24 + TOOLBAR_BAND},
        },
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12},
        "showlegend": legend,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0)",
        },
        "hoverlabel": {"align": "left"},
    })
    if axes:
        update_axes(fig, "y", automargin=not y_labels)
        if chart.axes.y2:  # two panels, one above the other, sharing the x axis
            update_axes(fig, "y", row=1, title={"text": chart.axes.y})
            update_axes(fig, "y", row=2, title={"text": chart.axes.y2})
            if chart.axes.x:
                update_axes(fig, "x", row=2, title={"text": chart.axes.x})
        else:
            if chart.axes.y:
                update_axes(fig, "y", title={"text": chart.axes.y})
            if chart.axes.x:
                update_axes(fig, "x", title={"text": chart.axes.x})
    annotate(
        fig,
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-under_axis,
        xshift=8 - left,  # start at the chart's left edge, not under the plot area
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": SOURCE_SIZE, "color": INK},
    )
    return fig

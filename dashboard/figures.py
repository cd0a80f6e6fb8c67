"""Pure figure builders: a chart frame (dashboard.chart_data) in, a plotly Figure out.

Every figure states its finding in the title, labels its axes with units, lists its sources with
dates underneath, and gives the exact value, unit, period and source on hover. Colours are the
Okabe–Ito palette (safe for colour-blind readers), and meaning never rests on colour alone:
symbols and labels carry it too.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from etl.periods import end_month, year_of
from etl.vocabulary import tier_words

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]
CONVENTION_LABEL = {
    "countries_only": "Countries only",
    "incl_hk_tw": "Hong Kong & Taiwan counted",
    "blocs_as_units": "EU & ASEAN as blocs",
    "mixed": "Mixed convention",
    "unspecified": "Convention not stated",
    "volume": "By volume",
    "": "",
}
# One colour per convention on every chart, so a reader learns it once.
CONVENTION_COLOR = {
    "countries_only": PALETTE[0],
    "incl_hk_tw": PALETTE[1],
    "blocs_as_units": PALETTE[2],
    "mixed": PALETTE[4],
    "unspecified": "#888888",
    "volume": PALETTE[5],
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
QUALIFIER_SYMBOL = {
    "exact": "circle",
    "approx": "circle-open",
    "lower_bound": "triangle-up",
    "upper_bound": "triangle-down",
}
GRAPH_CONFIG = {
    "displaylogo": False,
    # no "Share chart" button: it would upload the data to an outside service
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


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


def source_line(frame: pd.DataFrame, version: str, limit: int = 4) -> str:
    names: list[str] = []
    for _, row in frame.drop_duplicates("source_id").iterrows():
        if str(row["source_id"]).startswith("derived-"):
            entry = "computed by this project from the sources listed in the data"
        else:
            when = row.get("date_published") or "date not recorded"
            tier = tier_words(str(row.get("tier") or ""), str(row.get("original_publisher") or ""))
            entry = f"{row.get('publisher') or row['source_id']} ({when}" + (
                f", {tier})" if tier else ")")
        if entry not in names:
            names.append(entry)
    more = f" and {len(names) - limit} more (see the CSV)" if len(names) > limit else ""
    return "Sources: " + "; ".join(names[:limit]) + more + f" · Data: snapshot {version}"


def _hover(frame: pd.DataFrame) -> list[str]:
    texts = []
    for _, row in frame.iterrows():
        if pd.isna(row.get("value_shown")):
            value = f"“{row['quote'][:120]}”" if row["quote"] else "no figure"
        else:
            bound = {
                "lower_bound": "more than ",
                "upper_bound": "at most ",
                "approx": "about ",
            }.get(row["qualifier"], "")
            value = f"{bound}{row['value_shown']:,.4g} {row['unit_shown']}"
        who = f"<br>{row['speaker']}" if row.get("speaker") else ""
        when = row.get("date_published") or "date not recorded"
        source = (
            "computed from " + str(row["derived_from"]).split(";")[0]
            if str(row["source_id"]).startswith("derived-")
            else f"{row.get('publisher') or row['source_id']} ({when})"
        )
        texts.append(f"<b>{row['label']}</b>: {value}{who}<br>{source}")
    return texts


TITLE_WIDTH = 42  # characters per title line at 14 px on a 375 px screen
SOURCE_WIDTH = 46  # characters per source line at 10 px, beside a phone's y-axis labels
LEGEND_WIDTH = 330  # px a horizontal legend has on a phone
PLOT_HEIGHT = 300  # px of the plotting area itself, whatever the margins


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


def finish_layout(
    fig: go.Figure,
    title: str,
    source: str,
    *,
    y_title: str = "",
    x_title: str = "",
    legend: bool = True,
    axes: bool = True,
) -> go.Figure:
    """Title (the finding) on top, then the legend, the plot, and the sources under it.

    Title and source line are wrapped to fit a 375 px phone; the legend gets the room it needs
    on a phone reserved between title and plot, so nothing overlaps at any width; the plotting
    area keeps the same height whatever the margins."""
    title = wrap(title, TITLE_WIDTH)
    source = wrap(source, SOURCE_WIDTH)
    title_lines = title.count("<br>") + 1
    source_lines = source.count("<br>") + 1
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    rows = legend_rows(list(dict.fromkeys(names))) if legend else 0
    top = 16 + 19 * title_lines + 24 * rows + (8 if rows else 0)
    under_axis = (34 if axes else 8) + (20 if x_title else 0)
    bottom = under_axis + 14 * source_lines + 8
    height = PLOT_HEIGHT + top + bottom
    fig.update_layout(
        template=SLIM_TEMPLATE,
        height=height,
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
        if y_title:
            fig.update_yaxes(title_text=y_title)
        if x_title:
            fig.update_xaxes(title_text=x_title)
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
        font={"size": 10, "color": "#555"},
    )
    return fig


def _layout(fig: go.Figure, title: str, source: str, y_title: str, x_title: str = "") -> go.Figure:
    return finish_layout(fig, title, source, y_title=y_title, x_title=x_title)


def _article_line(fig: go.Figure, as_of: str | None) -> None:
    if as_of:
        fig.add_vline(x=date.fromisoformat(as_of).isoformat(), line_dash="dot", line_color="#555")
        fig.add_annotation(
            x=date.fromisoformat(as_of).isoformat(),
            y=1,
            yref="paper",
            text="article",
            showarrow=False,
            xanchor="left",
            yanchor="top",  # inside the plot: the legend sits just above it
            font={"size": 10, "color": "#555"},
        )


def _points(
    frame: pd.DataFrame,
    name: str,
    color: str,
    *,
    mode: str = "markers",
    opacity: float = 1.0,
    y: pd.Series | None = None,
) -> go.Scatter:
    return go.Scatter(
        x=[period_mid(p, f) for p, f in zip(frame["period"], frame["freq"], strict=True)],
        y=frame["value_shown"] if y is None else y,
        mode=mode,
        name=name,
        opacity=opacity,
        marker={
            "color": color,
            "size": 10,
            "line": {"width": 1, "color": color},
            "symbol": [QUALIFIER_SYMBOL.get(q, "circle") for q in frame["qualifier"]],
        },
        line={"color": color},
        hovertext=_hover(frame),
        hoverinfo="text",
    )


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(
        template=SLIM_TEMPLATE,
        height=220,
        xaxis_visible=False,
        yaxis_visible=False,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


def rank_timeline(
    frame: pd.DataFrame, title: str, version: str, as_of: str | None = None
) -> go.Figure:
    fig = go.Figure()
    for i, (basis, rows) in enumerate(frame.groupby("basis", sort=False)):
        color = CONVENTION_COLOR.get(basis, PALETTE[i % len(PALETTE)])
        for role, opacity in (("evidence", 1.0), ("since", 0.45)):
            part = rows[rows["role"] == role]
            if part.empty:
                continue
            name = CONVENTION_LABEL.get(basis, basis) + (
                " (after the article)" if role == "since" else ""
            )
            fig.add_trace(_points(part, name, color, opacity=opacity))
    top = max(10, int(frame["value_shown"].max()) + 1) if not frame.empty else 10
    fig.update_yaxes(autorange=False, range=[top + 0.5, 0.5], dtick=1)
    _article_line(fig, as_of)
    return _layout(fig, title, source_line(frame, version), "Rank (1 = largest partner)")


def statements(
    frame: pd.DataFrame,
    title: str,
    version: str,
    as_of: str | None = None,
    claimed: float | None = None,
) -> go.Figure:
    fig = go.Figure()
    said = frame[frame["speaker"] != ""]
    data = frame[frame["speaker"] == ""]
    numeric = said[said["value_shown"].notna()]
    if not numeric.empty:
        fig.add_trace(_points(numeric, "Officials' statements", PALETTE[0]))
    wordy = said[said["value_shown"].isna()]
    if not wordy.empty:
        fig.add_trace(
            go.Scatter(
                x=[period_mid(p, f) for p, f in zip(wordy["period"], wordy["freq"], strict=True)],
                y=[100] * len(wordy),
                mode="markers",
                name="Statements without a figure",
                marker={"symbol": "star", "size": 13, "color": PALETTE[4]},
                hovertext=_hover(wordy.assign(value_shown=float("nan"))),
                hoverinfo="text",
            )
        )
    series_cols = ["reporter", "partner", "flow", "currency"]
    for i, (key, rows) in enumerate(data.groupby(series_cols, sort=False)):
        _reporter, partner, flow, currency = key
        scope = {"CHN": "Russia–China", "WLD": "all partners", "ASIA": "Asia"}.get(partner, partner)
        name = f"{currency} share, {scope}" + (f" ({flow}s)" if flow else "")
        fig.add_trace(_points(rows, name, PALETTE[(i + 1) % len(PALETTE)], mode="lines+markers"))
    if claimed is not None:
        fig.add_hline(
            y=claimed,
            line_dash="dash",
            line_color=PALETTE[3],
            annotation_text=f"the article: {claimed:g}%",
            annotation_position="bottom right",
        )
    fig.update_yaxes(range=[0, 105])
    _article_line(fig, as_of)
    return _layout(fig, title, source_line(frame, version), "Share of payments (%)")


def share_timeline(
    frame: pd.DataFrame,
    title: str,
    version: str,
    as_of: str | None = None,
    threshold: float | None = None,
) -> go.Figure:
    fig = go.Figure()
    names = {
        ("commodity_share", "27"): "Energy (oil, gas, coal) share of imports from Russia",
        ("commodity_share", "2709"): "Crude oil share of imports from Russia",
        ("partner_share", "2709"): "Russia's share of China's crude imports",
    }
    for i, (key, rows) in enumerate(frame.groupby(["indicator", "commodity"], sort=False)):
        fig.add_trace(_points(rows, names.get(key, " ".join(key)), PALETTE[i % len(PALETTE)]))
    if threshold is not None:
        fig.add_hline(
            y=threshold,
            line_dash="dash",
            line_color="#555",
            annotation_text="half",
            annotation_position="bottom right",
        )
    fig.update_yaxes(range=[0, 100])
    _article_line(fig, as_of)
    return _layout(fig, title, source_line(frame, version), "Share by value (%)")


def value_timeline(
    frame: pd.DataFrame, title: str, version: str, as_of: str | None = None
) -> go.Figure:
    fig = go.Figure()
    for role, color, name in (
        ("evidence", PALETTE[0], "China's trade with Russia"),
        ("since", PALETTE[5], "after the article"),
    ):
        rows = frame[frame["role"] == role]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=rows["period"].astype(int),  # a year axis: missing years show as gaps
                y=rows["value_shown"],
                name=name,
                marker_color=color,
                hovertext=_hover(rows),
                hoverinfo="text",
            )
        )
    fig.update_xaxes(type="linear", dtick=2, tickformat="d")
    unit = frame["unit_shown"].iloc[0] if not frame.empty else ""
    return _layout(fig, title, source_line(frame, version), f"Total goods trade ({unit})", "Year")


def counts(
    frame: pd.DataFrame, title: str, version: str, threshold: float | None = None
) -> go.Figure:
    labels = [str(n).split(";")[0] for n in frame["note"]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=frame["value_shown"],
            orientation="h",
            marker_color=[PALETTE[0] if r == "evidence" else PALETTE[5] for r in frame["role"]],
            hovertext=_hover(frame),
            hoverinfo="text",
        )
    )
    if threshold is not None:
        fig.add_vline(
            x=threshold, line_dash="dash", line_color=PALETTE[3], annotation_text=f"{threshold:g}"
        )
    fig.update_yaxes(automargin=True)
    return _layout(fig, title, source_line(frame, version), "", "Persons")


def events(frame: pd.DataFrame, title: str, version: str, as_of: str | None = None) -> go.Figure:
    fig = go.Figure()
    for i, (_, row) in enumerate(frame.iterrows()):
        start = date.fromisoformat(row["period"])
        end = date.fromisoformat(row["period_end"]) + timedelta(days=1)
        fig.add_trace(
            go.Bar(
                base=[start.isoformat()],
                x=[(end - start).days * 86_400_000],
                y=[row["label"][:60]],
                orientation="h",
                marker_color=PALETTE[i % len(PALETTE)],
                showlegend=False,
                hovertext=[
                    f"<b>{row['label']}</b><br>{row['period']} → {row['period_end']}<br>"
                    f"{row['publisher']} ({row['date_published']})"
                ],
                hoverinfo="text",
            )
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(automargin=True)
    _article_line(fig, as_of)
    return _layout(fig, title, source_line(frame, version), "", "Date")


def claim_figure(
    chart: str,
    frame: pd.DataFrame,
    title: str,
    version: str,
    as_of: str | None,
    params: dict | None = None,
) -> go.Figure:
    """The evidence chart of a claim, by its chart kind."""
    params = params or {}
    if frame.empty:
        return empty_figure("No data to chart for this statement.")
    if chart == "rank_timeline":
        return rank_timeline(frame, title, version, as_of)
    if chart == "statements":
        return statements(frame, title, version, as_of, params.get("claimed"))
    if chart == "share_timeline":
        return share_timeline(frame, title, version, as_of, params.get("threshold"))
    if chart == "value_timeline":
        return value_timeline(frame, title, version, as_of)
    if chart == "counts":
        return counts(frame, title, version, params.get("threshold"))
    if chart == "events":
        return events(frame, title, version, as_of)
    return empty_figure("No chart for this statement.")

"""Figures of the article's claim cards (pure: a Chart in, a figure dict out): ranks and
shares over time, statements beside statistics, growth rates, trade values by year or by
month, quarter and year to date, physical quantities, counts and event dates."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.chart import Chart
from dashboard.figures import style
from dashboard.vocabulary import convention_label

EVENT_LABEL_WIDTH = 28  # characters per line of an event's label beside its bar
DAY_TICKS_UP_TO = 21  # days: events within this span get a tick per day
SCOPE = {"CHN": "Russia–China", "WLD": "all partners", "ASIA": "Asia"}
FLOW_NAMES = {"total": "Total trade", "export": "Exports", "import": "Imports",
              "balance": "Balance"}
QUANTITY_NAMES = {
    ("trade_quantity", "2709"): "Crude oil",
    ("trade_quantity", "271111"): "Liquefied natural gas",
    ("pipeline_gas_deliveries", "271121"): "Pipeline gas delivered",
    ("pipeline_capacity", "271121"): "Pipeline design capacity",
}
ROLE_WORDS = {"evidence": "", "context": " (context)", "since": " (after the article)"}
SHARE_NAMES = {
    ("commodity_share", "27"): "Energy (oil, gas, coal) share of imports from Russia",
    ("commodity_share", "2709"): "Crude oil share of imports from Russia",
    ("partner_share", "2709"): "Russia's share of China's crude imports",
}


def _periods(rows: pd.DataFrame) -> pd.DataFrame:
    """Claim evidence names its period in `label` ("9 May 2025"): the hover's period."""
    return rows.assign(period_label=rows["label"])


def _points(rows: pd.DataFrame, name: str, color: str, **trace: object) -> dict:
    """A claim's series: named `name` on hover too (claim evidence has no `series`)."""
    return style.scatter(_periods(rows), name, color, outline=1, names=[name] * len(rows),
                         **trace)


def _over_time(fig: style.Figure, chart: Chart, version: str, *, top: float) -> style.Figure:
    """A share over time: the claimed figure or threshold, 0 to `top` per cent, the article's
    date."""
    style.reference_lines(fig, chart)
    style.update_axes(fig, "y", range=[0, top])
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version)


def rank_timeline(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    for i, (basis, rows) in enumerate(frame.groupby("basis", sort=False)):
        color = style.CONVENTION_COLOR.get(basis, style.colour(i))
        for role, opacity in (("evidence", 1.0), ("since", 0.45)):
            part = rows[rows["role"] == role]
            if part.empty:
                continue
            name = convention_label(basis) + (" (after the article)" if role == "since" else "")
            fig["data"].append(_points(part, name, color, opacity=opacity))
    top = max(10, int(frame["value_shown"].max()) + 1)
    style.update_axes(fig, "y", autorange=False, range=[top + 0.5, 0.5], dtick=1)
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version)


def statements(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    fig = style.figure()
    said = frame[frame["speaker"] != ""]
    data = frame[frame["speaker"] == ""]
    numeric = said[said["value_shown"].notna()]
    if not numeric.empty:
        fig["data"].append(_points(numeric, "Officials' statements", style.PALETTE[0]))
    wordy = said[said["value_shown"].isna()]
    if not wordy.empty:
        fig["data"].append(_points(wordy, "Statements without a figure", style.PALETTE[4],
                              y=[100] * len(wordy), symbol="star", size=13))
    for i, (key, rows) in enumerate(
        data.groupby(["reporter", "partner", "flow", "currency"], sort=False)
    ):
        _reporter, partner, flow, currency = key
        name = f"{currency} share, {SCOPE.get(partner, partner)}" + (f" ({flow}s)" if flow else "")
        fig["data"].append(_points(rows, name, style.colour(i + 1), mode="lines+markers"))
    return _over_time(fig, chart, version, top=105)


def share_timeline(chart: Chart, version: str) -> style.Figure:
    fig = style.figure()
    for i, (key, rows) in enumerate(chart.rows.groupby(["indicator", "commodity"], sort=False)):
        fig["data"].append(_points(rows, SHARE_NAMES.get(key, " ".join(key)), style.colour(i)))
    return _over_time(fig, chart, version, top=100)


def value_timeline(chart: Chart, version: str) -> style.Figure:
    fig = style.figure()
    for role, color, name in (
        ("evidence", style.PALETTE[0], "China's trade with Russia"),
        ("since", style.PALETTE[5], "after the article"),
    ):
        rows = chart.rows[chart.rows["role"] == role]
        if rows.empty:
            continue
        # a year axis: missing years show as gaps
        fig["data"].append(style.bars(_periods(rows), name, color, x=style.years(rows),
                                      names=[name] * len(rows)))
    style.update_axes(fig, "x", type="linear", dtick=2, tickformat="d")
    return style.finish(fig, chart, version)


def _series(rows: pd.DataFrame, by: list[str], name) -> list[tuple[str, pd.DataFrame]]:
    """The rows split into named series, in the order they come: (name, rows)."""
    return [(name(key if isinstance(key, tuple) else (key,)), part)
            for key, part in rows.groupby(by, sort=False)]


def growth_timeline(chart: Chart, version: str) -> style.Figure:
    """Growth rates at their periods, one series per currency they were measured in (a yuan
    rate beside a dollar one is a different figure), with zero and the claimed rate."""
    fig = style.figure()

    def name(key: tuple) -> str:
        indicator, currency, cumulative, role = key
        base = "on the month before" if indicator == "trade_value_mom" else "on a year earlier"
        words = f"Change {base}" + (f", in {currency}" if currency else "")
        return words + (", year to date" if cumulative else "") + ROLE_WORDS.get(role, "")

    groups = _series(chart.rows, ["indicator", "currency", "cumulative", "role"], name)
    for i, (series, rows) in enumerate(groups):
        fig["data"].append(_points(rows, series, style.colour(i)))
    style.reference_lines(fig, chart)
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version)


def value_periods(chart: Chart, version: str) -> style.Figure:
    """Trade values of months, quarters and year-to-date periods at their dates, a series per
    flow (and year-to-date totals apart from single periods)."""
    fig = style.figure()

    def name(key: tuple) -> str:
        flow, cumulative, role = key
        return (FLOW_NAMES.get(flow, flow or "Trade") + (", year to date" if cumulative else "")
                + ROLE_WORDS.get(role, ""))

    for i, (series, rows) in enumerate(_series(chart.rows, ["flow", "cumulative", "role"], name)):
        fig["data"].append(_points(rows, series, style.colour(i)))
    style.reference_lines(fig, chart)
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version)


def quantities(chart: Chart, version: str) -> style.Figure:
    """Physical quantities (tonnes, barrels a day, cubic metres of gas) at their periods."""
    fig = style.figure()

    def name(key: tuple) -> str:
        indicator, commodity, role = key
        words = QUANTITY_NAMES.get((indicator, commodity), indicator.replace("_", " ").capitalize())
        return words + ROLE_WORDS.get(role, "")

    groups = _series(chart.rows, ["indicator", "commodity", "role"], name)
    for i, (series, rows) in enumerate(groups):
        fig["data"].append(_points(rows, series, style.colour(i)))
    style.update_axes(fig, "y", rangemode="tozero")
    style.reference_lines(fig, chart)
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version)


def counts(chart: Chart, version: str) -> style.Figure:
    frame = chart.rows
    labels = [style.wrap(str(n).split(";")[0], EVENT_LABEL_WIDTH) for n in frame["note"]]
    fig = style.figure(
        style.trace(
            "bar",
            y=labels,
            x=style.values(frame["value_shown"]),
            orientation="h",
            marker={"color": [style.PALETTE[0 if r == "evidence" else 5] for r in frame["role"]]},
            hovertext=style.hover(_periods(frame), labels),
            hoverinfo="text",
        )
    )
    style.reference_lines(fig, chart, vertical=True)
    return style.finish(fig, chart, version, y_labels=labels)


def events(chart: Chart, version: str) -> style.Figure:
    """Each event as a bar from its first to its last day, labelled in full (wrapped, never
    cut); a span of a few weeks is ticked day by day."""
    fig = style.figure()
    starts, ends = [], []
    for i, row in enumerate(chart.rows.to_dict("records")):
        start = date.fromisoformat(row["period"])
        end = date.fromisoformat(row["period_end"]) + timedelta(days=1)
        starts.append(start)
        ends.append(end)
        fig["data"].append(
            style.trace(
                "bar",
                base=[start.isoformat()],
                x=[(end - start).days * style.DAY_MS],
                y=[style.wrap(row["label"], EVENT_LABEL_WIDTH)],
                orientation="h",
                marker={"color": style.colour(i)},
                name=row["label"],
                showlegend=False,
                hovertext=[
                    f"<b>{row['label']}</b><br>{row['period']} → {row['period_end']}<br>"
                    f"{style.source_text(row)}"
                ],
                hoverinfo="text",
            )
        )
    style.update_axes(fig, "x", type="date")
    if starts and (max(ends) - min(starts)).days <= DAY_TICKS_UP_TO:
        # a few days: a tick on each day, at its start
        style.update_axes(fig, "x", dtick=style.DAY_MS, tickformat="%-d %b",
                          tick0=min(starts).isoformat())
    else:
        style.update_axes(fig, "x", tickformat="%-d %b %Y")
    style.event_lines(fig, chart)
    return style.finish(fig, chart, version,
                        y_labels=[style.wrap(r, EVENT_LABEL_WIDTH) for r in chart.rows["label"]])


FIGURES = {
    "rank_timeline": rank_timeline,
    "statements": statements,
    "share_timeline": share_timeline,
    "value_timeline": value_timeline,
    "growth_timeline": growth_timeline,
    "value_periods": value_periods,
    "quantities": quantities,
    "counts": counts,
    "events": events,
}

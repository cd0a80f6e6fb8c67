"""Trade over time: annual or true monthly values (never year-to-date) of exports, imports,
total and balance, in US dollars, yuan or roubles, or their change on a year earlier."""

from __future__ import annotations

import pandas as pd

from dashboard.chart import Axes, Chart, Flags, Reference
from dashboard.units import display, fmt_value
from dashboard.views import common
from dashboard.views.columns import FLOW_OF, PROVENANCE, RATE_BLANKS, SHOWN, VALUE
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.currency import described, in_currency, rate_summary, unconverted
from dashboard.views.explorer.labels import (
    CURRENCY_PHRASE,
    FLOWS,
    SERIES_NAMES,
    SOURCES,
    VALUATION,
)
from dashboard.views.explorer.state import Params
from etl.periods import year_earlier, year_of

TRADE_COLUMNS = ["series", *FLOW_OF, "period", "freq", "period_label", "measure", "currency",
                 *SHOWN, *VALUE, "conversion", *RATE_BLANKS, "valuation", "qualifier",
                 *PROVENANCE]
GROWTH_COLUMNS = ["year_earlier_period", "year_earlier_value", "value_in_period"]
FLOAT_COLUMNS = {"value_shown", "value", "rate", "year_earlier_value", "value_in_period"}
TABLE_COLUMNS = ("series", "period_label", "value_shown", "unit_shown", "conversion", "status",
                 "publisher", "date_published")


PUBLISHED_FOR_BEST = (
    "Balances and growth rates are published for the best available figures; choose “Best "
    "available” as the source to see them."
)


def trade_chart(base: ExplorerBase, p: Params) -> Chart:
    """The flows chosen, as the pipeline publishes them in the chosen currency: the preferred
    figure of each flow and period (reported, converted at stored rates, or derived: balances
    and growth rates are published rows too)."""
    notes: list[str] = []
    growth = p.measure == "growth"
    trade = base.trade
    series = trade[
        (trade["reporter"] == p.reporter)
        & (trade["commodity"] == "TOTAL")
        & (trade["freq"] == p.freq)
    ]
    if p.source != "best":
        series = series[series["family"] == p.source]
        if growth or "balance" in p.flows:
            notes.append(PUBLISHED_FOR_BEST)
    plain = [f for f in p.flows if f != "balance"]
    dollars = series[(series["unit"] == "USD") & series["flow"].isin(plain or ["export", "import"])]
    first_period = (
        common.chronological(dollars)["period"].iloc[0] if not dollars.empty else None
    )
    levels = common.best_rows(in_currency(series, p.currency), ["flow", "period"])
    if growth:
        if "balance" in p.flows:
            notes.append("A balance changes sign, so its growth rate is not shown.")
        rates = base.growth[
            (base.growth["reporter"] == p.reporter)
            & (base.growth["commodity"] == "TOTAL")
            & (base.growth["freq"] == p.freq)
            & (base.growth["currency"] == p.currency)
            & base.growth["flow"].isin(plain)
        ]
        rates = rates if p.source == "best" else rates.iloc[0:0]
        chosen = common.best_rows(common.in_years(rates, p.start, p.end), ["flow", "period"])
    else:
        chosen = levels[levels["flow"].isin(p.flows)]
        chosen = common.in_years(chosen, p.start, p.end)
        wanted = common.best_rows(
            common.in_years(dollars[dollars["flow"].isin(plain)], p.start, p.end),
            ["flow", "period"],
        )
        missing = unconverted(wanted, chosen, base, p.currency)
        if missing:
            notes.append(missing)
    freq_word = "monthly" if p.freq == "M" else "annual"
    who = common.COUNTRY[p.reporter]
    if first_period and p.start < year_of(first_period):
        notes.append(
            f"No {freq_word} {who}-reported data before "
            f"{common.period_label(first_period, p.freq)} in this snapshot"
            + (f" from {SOURCES[p.source]}" if p.source != "best" else "")
            + "."
        )
    frame = _trade_frame(described(chosen, base), levels, p)
    columns = TRADE_COLUMNS + (GROWTH_COLUMNS if growth else [])
    frame = frame[columns].reset_index(drop=True) if not frame.empty else pd.DataFrame(
        columns=columns)
    summary = rate_summary(frame, p.currency)
    if summary:
        notes.append(summary)
    gaps = missing_years(frame, p) if p.freq == "A" and not frame.empty else ""
    if gaps:
        notes.append(gaps)
    annual = p.freq == "A"
    unit = "%" if growth else display(p.currency)[1]
    return common.drawn(
        "trade",
        "trade_bars" if annual and not growth else "trade_lines",
        frame,
        _trade_title(frame, p),
        unit=unit,
        axes=Axes(x="Year" if annual else "Month",
                  y="Change on a year earlier (%)" if growth else f"Goods trade ({unit})"),
        references=(Reference(0, role="zero"),)
        if growth or (frame["value_shown"] < 0).any() else (),
        flags=Flags(annual=annual),
        empty=_empty(frame, p, first_period),
        notes=tuple(notes),
        table_columns=TABLE_COLUMNS,
        documents=base.documents,
    )


def _empty(frame: pd.DataFrame, p: Params, first_period: str | None) -> str:
    if not frame.empty:
        return ""
    flows = ", ".join(FLOWS[f].lower() for f in p.flows)
    source = "" if p.source == "best" else f" from {SOURCES[p.source]}"
    freq_word = "monthly" if p.freq == "M" else "annual"
    return (
        f"No {freq_word} {common.COUNTRY[p.reporter]}-reported figures for {flows}{source} between "
        f"{p.start} and {p.end} in this snapshot"
        + (" (growth needs the same period a year earlier)" if p.measure == "growth" else "")
        + (
            f"; monthly data starts {common.period_label(first_period, p.freq)}"
            if p.freq == "M" and first_period
            else ""
        )
        + "."
    )


def _year_axis(frame: pd.DataFrame, p: Params) -> list[str]:
    """Every year from the first to the last drawn, so a missing year shows as a gap."""
    if frame.empty:
        return []
    years = frame["period"].astype(int)
    return [str(y) for y in range(max(p.start, years.min()), min(p.end, years.max()) + 1)]


def missing_years(frame: pd.DataFrame, p: Params) -> str:
    """Which drawn series lack which years inside the span shown (said, not hidden)."""
    axis = _year_axis(frame, p)
    gaps = []
    for flow in p.flows:
        rows = frame[frame["flow"] == flow]
        if rows.empty:
            continue
        absent = [y for y in axis if y not in set(rows["period"])]
        if absent:
            gaps.append(f"{FLOWS[flow].lower()} {', '.join(absent)}")
    if not gaps:
        return ""
    who = common.COUNTRY[p.reporter]
    return f"No {who}-reported figure in this snapshot for: {'; '.join(gaps)}."


def _trade_frame(rows: pd.DataFrame, levels: pd.DataFrame, p: Params) -> pd.DataFrame:
    """The chart's rows; a growth rate carries the values it compares (`levels`: the preferred
    figure of each flow and period in the currency)."""
    if rows.empty:
        return rows
    rows = rows.reset_index(drop=True)
    growth = p.measure == "growth"
    divisor, unit_label = display(p.currency)
    extra = {}
    if growth:
        level = levels.set_index(["flow", "period"])["value"]
        earlier = [year_earlier(x) for x in rows["period"]]
        extra = {
            "year_earlier_period": earlier,
            "year_earlier_value": [level.get((f, e)) for f, e in zip(rows["flow"], earlier,
                                                                     strict=True)],
            "value_in_period": [level.get(k) for k in zip(rows["flow"], rows["period"],
                                                          strict=True)],
        }
    out = common.frame_of(
        rows,
        TRADE_COLUMNS + (GROWTH_COLUMNS if growth else []),
        series=[SERIES_NAMES[(r, f)] for r, f in zip(rows["reporter"], rows["flow"], strict=True)],
        period_label=[common.period_label(x, p.freq) for x in rows["period"]],
        measure=p.measure,
        currency=p.currency,
        value_shown=rows["value"] if growth else rows["value"] / divisor,
        unit_shown="%" if growth else unit_label,
        rate=rows["rate"].astype("float64"),
        valuation=rows["valuation"].where(rows["valuation"] != "", rows["flow"].map(VALUATION)),
        **extra,
    )
    for column in out.columns:
        if column in FLOAT_COLUMNS:
            out[column] = out[column].astype("float64")
        elif out[column].dtype == object:
            out[column] = out[column].astype("str")
    return common.in_order(out, "flow", list(FLOWS))


def _trade_title(frame: pd.DataFrame, p: Params) -> str:
    if frame.empty:
        return "No figures for this selection"
    for flow in ("total", "export", "import", "balance"):
        rows = frame[frame["flow"] == flow]
        if not rows.empty:
            break
    name, unit = rows["series"].iloc[0], rows["unit_shown"].iloc[0]
    last = rows.iloc[-1]
    if p.measure == "growth":
        return (
            f"{name}: {last['value_shown']:+.1f}% in {last['period_label']} on a year earlier "
            f"({CURRENCY_PHRASE[p.currency]})"
        )
    if len(rows) == 1:
        return f"{name}: {fmt_value(last['value_shown'], unit)} in {last['period_label']}"
    first = rows.iloc[0]
    peak = rows.loc[rows["value_shown"].idxmax()]
    title = (
        f"{name}: {fmt_value(last['value_shown'], unit)} in {last['period_label']}, "
        f"from {fmt_value(first['value_shown'], unit)} in {first['period_label']}"
    )
    if peak["period"] not in (last["period"], first["period"]) and flow != "balance":
        title += f" (peak {fmt_value(peak['value_shown'], unit)} in {peak['period_label']})"
    return title

"""Energy: China's crude oil imports from Russia, Russia's rank among China's crude suppliers,
Power of Siberia gas deliveries, and energy's share of China's imports from Russia."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.chart import Axes, Chart, Reference
from dashboard.units import fmt_value, shown
from dashboard.views import common
from dashboard.views.columns import FLOW_OF, PERIOD, PROVENANCE, SHOWN, VALUE
from dashboard.views.params import Query, State, pick, pick_span

MEASURES = {"tonnes": "Million tonnes", "barrels": "Million barrels a day", "value": "US dollars"}
# measure -> (indicator, unit) of the rows it shows
MEASURE_ROWS = {"tonnes": ("trade_quantity", "t"), "barrels": ("trade_quantity", "b/d"),
                "value": ("trade_value", "USD")}
SHARE_NAMES = {"27": "Energy (HS 27: oil, gas, coal)", "2709": "Crude oil (HS 2709)"}
SERIES = {  # indicator -> the series its rows are drawn as
    "partner_rank": "Russia's rank among China's crude suppliers (by volume)",
    "partner_share": "Russia's share of China's crude imports (%)",
    "pipeline_gas_deliveries": "Gas delivered through Power of Siberia",
    "pipeline_capacity": "Design capacity",
}
COLUMNS = ["series", "indicator", *FLOW_OF, "commodity", "basis", *PERIOD, *SHOWN, *VALUE,
           "qualifier", *PROVENANCE]


PARTIAL_YEARS = (
    "Full years are bars; partial years (January to the month shown, or one quarter) are hollow "
    "markers and are not comparable with full years."
)


@dataclass(frozen=True)
class EnergyBase:
    rows: pd.DataFrame  # every energy-related observation, with sources
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)
    first_year: int
    last_year: int


def prepare(tables: dict[str, pd.DataFrame]) -> EnergyBase:
    obs = tables["observations"]
    energy = obs[
        (obs["commodity"].isin(["27", "2709", "271121"]))
        | obs["indicator"].isin(["pipeline_gas_deliveries", "pipeline_capacity"])
    ]
    energy = common.attach_sources(energy, tables["sources"])
    first, last = common.year_range(energy["period"], 2020)
    return EnergyBase(rows=energy.reset_index(drop=True),
                      documents=common.documents(tables["sources"]), first_year=first,
                      last_year=last)


@dataclass(frozen=True)
class Params(State):
    """The energy page's URL state: the unit of crude imports and the years."""

    measure: str
    start: int
    end: int


def parse(query: Query, base: EnergyBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    return Params(pick(query, "measure", MEASURES, "tonnes", notes, "measure"),
                  *pick_span(query, base, 2019, notes)), notes


def _frame(rows: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    rows = rows.reset_index(drop=True)
    values, units = shown(rows["value"], rows["unit"])
    return common.frame_of(rows, COLUMNS, series=series, value_shown=values, unit_shown=units)


def crude_chart(base: EnergyBase, p: Params) -> Chart:
    indicator, unit = MEASURE_ROWS[p.measure]
    rows = base.rows[
        (base.rows["indicator"] == indicator)
        & (base.rows["unit"] == unit)
        & (base.rows["commodity"] == "2709")
        & (base.rows["reporter"] == "CHN")
        & (base.rows["partner"] == "RUS")
        & (base.rows["flow"] == "import")
    ]
    rows = common.in_years(rows, p.start, p.end)
    rows = common.best_rows(rows, ["period", "freq", "cumulative"])
    if rows.empty:
        return common.no_rows(
            "crude", "crude", COLUMNS,
            "China's crude oil imports from Russia: no figures",
            f"No {MEASURES[p.measure].lower()} figures for China's crude imports from "
            f"Russia between {p.start} and {p.end} in this snapshot.",
        )
    series = [
        "Full year" if f == "A" else "Part of the year (year to date or quarter)"
        for f in rows["freq"]
    ]
    frame = common.chronological(_frame(rows, series), "series")
    annual = frame[frame["freq"] == "A"]
    if len(annual) >= 2:
        first, last = annual.iloc[0], annual.iloc[-1]
        now, then = (fmt_value(r["value_shown"], r["unit_shown"]) for r in (last, first))
        title = (
            f"China imported {now} of Russian crude in {last['period']}, against {then} "
            f"in {first['period']}"
        )
    else:
        last = frame.iloc[-1]
        amount = fmt_value(last["value_shown"], last["unit_shown"])
        title = f"China's crude imports from Russia: {amount} in {last['period_label']}"
    return common.drawn(
        "crude", "crude", frame, title,
        axes=Axes(x="Period", y=f"Crude oil imports ({frame['unit_shown'].iloc[0]})"),
        notes=(PARTIAL_YEARS,),
        table_columns=("period_label", "value_shown", "unit_shown", "series", "publisher",
                       "date_published"),
        documents=base.documents,
    )


def supplier_chart(base: EnergyBase, p: Params) -> Chart:
    rows = base.rows[
        base.rows["indicator"].isin(["partner_rank", "partner_share"])
        & (base.rows["commodity"] == "2709")
        & (base.rows["reporter"] == "CHN")
        & (base.rows["partner"] == "RUS")
    ]
    rows = common.best_rows(common.in_years(rows, p.start, p.end), ["indicator", "period", "freq"])
    if rows.empty:
        return common.no_rows(
            "suppliers", "suppliers", COLUMNS,
            "Russia among China's crude suppliers: no figures",
            f"No rank or share of Russia among China's crude suppliers between {p.start} "
            f"and {p.end} in this snapshot.",
        )
    frame = common.chronological(_frame(rows, list(rows["indicator"].map(SERIES))), "series")
    ranks = frame[frame["indicator"] == "partner_rank"]
    if not ranks.empty:
        firsts = ranks[ranks["value_shown"] == 1]["period"].tolist()
        last = ranks.iloc[-1]
        title = (
            f"Russia was China's largest crude supplier in {', '.join(firsts)}"
            if firsts
            else f"Russia was China's #{last['value_shown']:.0f} crude supplier in {last['period']}"
        )
    else:
        last = frame.iloc[-1]
        title = (
            f"Russia supplied {last['value_shown']:.0f}% of China's crude imports in "
            f"{last['period']}"
        )
    return common.drawn(
        "suppliers", "suppliers", frame, title,
        axes=Axes(x="Year", y="Rank", y2="Share (%)"),
        notes=(
            "Ranks by volume, as reported from China's customs data (Saudi Arabia is the other "
            "contender for first place).",
        ),
        table_columns=("series", "period_label", "value_shown", "unit_shown", "publisher"),
        documents=base.documents,
    )


def gas_chart(base: EnergyBase, p: Params) -> Chart:
    rows = base.rows[base.rows["indicator"].isin(["pipeline_gas_deliveries", "pipeline_capacity"])]
    deliveries = rows[rows["indicator"] == "pipeline_gas_deliveries"]
    deliveries = common.in_years(deliveries, p.start, p.end)
    capacity = rows[rows["indicator"] == "pipeline_capacity"]
    rows = pd.concat([common.best_rows(d, ["period"]) for d in (deliveries, capacity)])
    if deliveries.empty:
        return common.no_rows(
            "gas", "gas", COLUMNS,
            "Power of Siberia: no deliveries in this period",
            f"No Power of Siberia deliveries between {p.start} and {p.end} in this snapshot "
            "(the pipeline started in December 2019).",
        )
    frame = common.chronological(_frame(rows, list(rows["indicator"].map(SERIES))), "series")
    flows = frame[frame["indicator"] == "pipeline_gas_deliveries"]
    last = flows.iloc[-1]
    cap = frame[frame["indicator"] == "pipeline_capacity"]
    title = f"Power of Siberia delivered {last['value_shown']:g} bcm in {last['period']}"
    if not cap.empty:
        title += f" (design capacity {cap['value_shown'].iloc[-1]:g} bcm a year)"
    return common.drawn(
        "gas", "gas", frame, title,
        axes=Axes(x="Year", y="Gas delivered (bcm, billion cubic metres)"),
        table_columns=("series", "period_label", "value_shown", "unit_shown", "publisher"),
        documents=base.documents,
    )


def share_chart(base: EnergyBase, p: Params) -> Chart:
    rows = base.rows[
        (base.rows["indicator"] == "commodity_share")
        & base.rows["commodity"].isin(list(SHARE_NAMES))
        & (base.rows["reporter"] == "CHN")
        & (base.rows["partner"] == "RUS")
        & (base.rows["flow"] == "import")
    ]
    rows = common.best_rows(common.in_years(rows, p.start, p.end),
                            ["commodity", "period", "freq", "cumulative"])
    if rows.empty:
        return common.no_rows(
            "share", "energy_share", COLUMNS,
            "Energy's share of China's imports from Russia: no figures",
            f"No shares between {p.start} and {p.end} in this snapshot.",
        )
    frame = _frame(rows, [SHARE_NAMES[c] for c in rows["commodity"]])
    frame = common.chronological(frame, "series")
    energy = frame[frame["commodity"] == "27"]
    crude = frame[frame["commodity"] == "2709"]
    parts = []
    if not energy.empty:
        parts.append(
            f"energy was {energy['value_shown'].min():.0f}–{energy['value_shown'].max():.0f}%"
        )
    if not crude.empty:
        parts.append(
            f"crude oil {crude['value_shown'].min():.0f}–{crude['value_shown'].max():.0f}%"
        )
    title = f"Of China's imports from Russia, {' and '.join(parts)} ({p.start}–{p.end} figures)"
    return common.drawn(
        "share", "energy_share", frame, title,
        axes=Axes(x="Period", y="Share of China's imports from Russia (%)"),
        references=(Reference(50.0, "half"),),
        notes=(
            "Solid markers: shares published by a source; hollow: computed by this project from "
            "published values (value of the product ÷ value of all imports from Russia).",
        ),
        table_columns=("series", "period_label", "value_shown", "status", "publisher"),
        documents=base.documents,
    )


CHARTS: dict[str, Callable[[EnergyBase, Params], Chart]] = {
    "crude": crude_chart,
    "suppliers": supplier_chart,
    "gas": gas_chart,
    "share": share_chart,
}

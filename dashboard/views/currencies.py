"""Currencies and settlement: what officials said about the share of roubles and yuan in
Russia–China payments, beside what the Bank of Russia publishes, and the exchange rates.

The Bank of Russia publishes the currency structure of Russia's payments for all partners and,
in recent releases, by region (Asia), not for China alone, while the statements are about
Russia–China trade. The page shows both on one axis and, beside each statement, the nearest
published all-partner figure and the gap between them, saying plainly that the two are not
like for like. Which figure a statement is compared with is decided once, in the pipeline
(etl/derive/statements.py), which publishes the gaps (settlement_gap rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.chart import Axes, Chart
from dashboard.views import common
from dashboard.views.columns import PROVENANCE, SHOWN
from dashboard.views.params import Query, State, pick, pick_many, pick_span
from etl.derive.statements import (
    COMPARE_WITHIN_MONTHS,
    NO_NEARBY,
    STATEMENT_KEY,
    statement_comparisons,
)
from etl.periods import year_of

FLOWS = {
    "export": "Russia's exports (payments received)",
    "import": "Russia's imports (payments made)",
}
SHARES = {"RUB": "Roubles", "RUB+CNY": "Roubles and yuan", "CNY": "Yuan",
          "USD+EUR": "Dollars and euros"}
PAIRS = {
    "rub_cny": ("RUB", "CNY", "RUB per CNY"),
    "rub_usd": ("RUB", "USD", "RUB per USD"),
    "cny_usd": ("CNY", "USD", "CNY per USD"),
}
PAIR_LABELS = {k: v[2] for k, v in PAIRS.items()}
SCOPE = {"WLD": "all partners", "ASIA": "Asia", "CHN": "Russia–China"}

SETTLEMENT_COLUMNS = ["series", "role", "partner", "flow", "currency", "period", "freq",
                      "period_label", *SHOWN, "qualifier", "speaker", "compared_with",
                      "compared_value", "gap_pp", *PROVENANCE, "quote"]
FX_COLUMNS = ["series", "pair", "period", "freq", "period_label", *SHOWN, "qualifier", *PROVENANCE]


@dataclass(frozen=True)
class CurrenciesBase:
    settlement: pd.DataFrame  # settlement_share rows with sources
    comparisons: pd.DataFrame  # each statement and flow: the share it is compared with
    gaps: pd.DataFrame  # settlement_gap rows: each statement minus that share, in points
    fx: pd.DataFrame  # fx_rate rows with sources
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)
    first_year: int
    last_year: int


def prepare(tables: dict[str, pd.DataFrame]) -> CurrenciesBase:
    obs = tables["observations"]
    sources = tables["sources"]
    settlement = common.attach_sources(obs[obs["indicator"] == "settlement_share"], sources)
    fx = common.attach_sources(obs[obs["indicator"] == "fx_rate"], sources)
    first, last = common.year_range([*settlement["period"], *fx["period"]], 2015)
    published = dict(zip(sources["source_id"], sources["date_published"], strict=True))
    return CurrenciesBase(
        settlement=settlement.reset_index(drop=True),
        comparisons=statement_comparisons(settlement, published),
        gaps=obs[obs["indicator"] == "settlement_gap"].reset_index(drop=True),
        fx=fx.reset_index(drop=True),
        documents=common.documents(sources),
        first_year=first,
        last_year=last,
    )


@dataclass(frozen=True)
class Params(State):
    """The currencies page's URL state: payment direction, shares shown, rate pair, years."""

    flow: str
    shares: tuple[str, ...]
    pair: str
    start: int
    end: int


def parse(query: Query, base: CurrenciesBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    flow = pick(query, "flow", FLOWS, "export", notes, "payment direction")
    shares = pick_many(query, "shares", SHARES, ("RUB", "RUB+CNY"), notes, "currency share")
    pair = pick(query, "pair", PAIR_LABELS, "rub_cny", notes, "exchange rate")
    start, end = pick_span(query, base, 2013, notes)
    return Params(flow, shares, pair, start, end), notes


def settlement_chart(base: CurrenciesBase, p: Params) -> Chart:
    rows = common.in_years(base.settlement, p.start, p.end)
    statements = rows[(rows["speaker"] != "") & (rows["partner"] == "CHN")]
    statistics = rows[
        (rows["speaker"] == "")
        & (
            (rows["partner"].isin(["WLD", "ASIA"]) & (rows["flow"] == p.flow))
            | ((rows["partner"] == "CHN") & (rows["flow"].isin([p.flow, "total"])))
        )
    ]
    statistics = statistics[statistics["currency"].isin(p.shares)]
    statistics = statistics.assign(
        series=[
            f"{SHARES[c]}, {SCOPE.get(pt, pt)}" + (" (published)" if pt == "CHN" else "")
            for c, pt in zip(statistics["currency"], statistics["partner"], strict=True)
        ]
    )
    statistics = common.best_rows(statistics, ["series", "period", "freq"])
    statements = statements.assign(
        series=[
            "Officials' statements, Russia–China" if pd.notna(v) else "Statements without a figure"
            for v in statements["value"]
        ]
    )
    statements = _compared(statements, base, p.flow)
    statistics = statistics.assign(role="statistic", compared_with="", compared_value=float("nan"),
                                   gap_pp=float("nan"))
    both = pd.concat([statements, statistics], ignore_index=True)
    if both.empty:
        return common.no_rows(
            "settlement", "settlement", SETTLEMENT_COLUMNS,
            "Settlement currencies: no figures in this period",
            f"No statements or published shares between {p.start} and {p.end} in this "
            "snapshot.",
        )
    frame = common.frame_of(
        both,
        SETTLEMENT_COLUMNS,
        value_shown=both["value"],
        unit_shown="%",
        compared_value=both["compared_value"].astype("float64"),
        gap_pp=both["gap_pp"].astype("float64"),
    )
    frame = common.chronological(frame.assign(cumulative=False), "role", "series").drop(
        columns="cumulative"
    )
    notes = [
        "Not like for like: the statements are about Russia–China payments; the Bank of Russia "
        "publishes the currency structure of all of Russia's payments and, in recent releases, "
        "by region (Asia), not for China alone. Each statement is compared with the nearest "
        f"all-partner figure of the same currencies published within {COMPARE_WITHIN_MONTHS} "
        "months (gap in percentage points, in the table and the CSV).",
    ]
    if base.gaps.empty and frame["compared_value"].notna().any():
        notes.append("This snapshot was published before the pipeline measured these gaps; the "
                     "next refresh adds them.")
    frame = frame[SETTLEMENT_COLUMNS].reset_index(drop=True)
    return common.drawn(
        "settlement",
        "settlement",
        frame,
        _settlement_title(frame),
        unit="%",
        axes=Axes(x="Date", y="Share of payments (%)"),
        notes=tuple(notes),
        table_columns=("period_label", "series", "value_shown", "speaker", "compared_with",
                       "gap_pp", "publisher"),
        documents=base.documents,
    )


def _compared(statements: pd.DataFrame, base: CurrenciesBase, flow: str) -> pd.DataFrame:
    """Each statement with the published all-partner share of `flow` it is compared with (the
    pipeline's pairing: the nearest within COMPARE_WITHIN_MONTHS months), and the pipeline's gap
    between the two in percentage points."""
    key = [*STATEMENT_KEY, "speaker", "source_id"]
    pairs = base.comparisons[base.comparisons["flow"] == flow].rename(
        columns={"statement_source_id": "source_id"})
    gaps = base.gaps[base.gaps["flow"] == flow].assign(
        source_id=lambda g: g["derived_from"].str.split(";").str[0])
    found = statements[key].merge(pairs, on=key, how="left").merge(
        gaps[[*key, "value"]].drop_duplicates(subset=key).rename(columns={"value": "gap_pp"}),
        on=key, how="left")
    compared = [
        _compared_words(status, currency, period, freq)
        for status, currency, period, freq in zip(
            found["compared_with"], found["currency"], found["ref_period"], found["ref_freq"],
            strict=True)
    ]
    return statements.assign(
        role="statement",
        compared_with=compared,
        compared_value=found["ref_value"].to_numpy(),
        gap_pp=found["gap_pp"].to_numpy(),
    )


def _compared_words(status: object, currency: str, period: object, freq: object) -> str:
    """What a statement is compared with, in words: "Roubles and yuan, all partners, Jun 2023",
    NO_NEARBY when the nearest published share is more than a year away, "" when there is none
    (or the statement has no figure)."""
    if status == NO_NEARBY:
        return NO_NEARBY
    if status != "" or not isinstance(period, str) or not period:
        return ""
    return f"{SHARES.get(currency, currency)}, {SCOPE['WLD']}, {common.period_label(period, freq)}"


def _settlement_title(frame: pd.DataFrame) -> str:
    """The recent statements' range beside the published all-partner share in the same years."""
    said = frame[(frame["role"] == "statement") & frame["value_shown"].notna()]
    stats = frame[(frame["role"] == "statistic") & (frame["partner"] == "WLD")]
    if said.empty:
        return "The Bank of Russia's currency structure of Russia's payments"
    latest = year_of(said["period"].max())
    recent = said[said["period"].str.slice(0, 4).astype(int) >= latest - 2]
    first = year_of(recent["period"].min())
    span = f"{first}–{latest}" if first != latest else str(latest)
    title = (
        f"Officials put roubles and yuan at {recent['value_shown'].min():g}–"
        f"{recent['value_shown'].max():g}% of Russia–China payments ({span})"
    )
    stats = stats[stats["period"].str.slice(0, 4).astype(int) >= first]
    if not stats.empty:
        rouble = stats[stats["currency"] == "RUB"]
        stats = rouble if not rouble.empty else stats
        name = SHARES[stats["currency"].iloc[0]].lower()
        title += (
            f"; the Bank of Russia's share of {name} in all of Russia's payments: "
            f"{stats['value_shown'].min():g}–{stats['value_shown'].max():g}%"
        )
    return title


def fx_chart(base: CurrenciesBase, p: Params) -> Chart:
    unit, currency, label = PAIRS[p.pair]
    rows = base.fx[(base.fx["unit"] == unit) & (base.fx["currency"] == currency)]
    rows = common.in_years(rows, p.start, p.end)
    if rows.empty:
        return common.no_rows(
            "fx", "fx", FX_COLUMNS, f"{label}: no rates in this period",
            f"No {label} rates between {p.start} and {p.end} in this snapshot.",
        )
    rows = rows.assign(
        series=[_fx_series(f, s) for f, s in zip(rows["freq"], rows["status"], strict=True)]
    )
    rows = common.best_rows(rows, ["series", "period"]).reset_index(drop=True)
    frame = common.frame_of(rows, FX_COLUMNS, pair=label, value_shown=rows["value"],
                            unit_shown=label)
    frame = common.in_order(frame, "series", FX_SERIES)
    notes = []
    if not (frame["status"] == "official").any():
        notes.append(
            "The Bank of Russia's daily official rates are not in this snapshot (the last "
            "refresh had no network); annual averages and the rates of the day quoted in the "
            "press are shown."
        )
    frame = frame[FX_COLUMNS].reset_index(drop=True)
    return common.drawn(
        "fx",
        "fx",
        frame,
        _fx_title(frame, label),
        unit=label,
        axes=Axes(x="Date", y=label),
        notes=tuple(notes),
        table_columns=("series", "period_label", "value_shown", "status", "publisher"),
        documents=base.documents,
    )


FX_SERIES = [
    "Annual average",
    "Monthly average",
    "Bank of Russia official rate, daily",
    "Rate of the day quoted in the press",
]


def _fx_series(freq: str, status: str) -> str:
    if freq == "A":
        return FX_SERIES[0]
    if freq == "M":
        return FX_SERIES[1]
    return FX_SERIES[2] if status == "official" else FX_SERIES[3]


def _fx_title(frame: pd.DataFrame, label: str) -> str:
    annual = frame[frame["freq"] == "A"]
    if len(annual) >= 2:
        first, last = annual.iloc[0], annual.iloc[-1]
        return (
            f"{label}: {first['value_shown']:.2f} in {first['period']}, "
            f"{last['value_shown']:.2f} in {last['period']} (annual averages)"
        )
    last = frame.iloc[-1]
    return f"{label}: {last['value_shown']:.2f} on {last['period_label']}"


CHARTS: dict[str, Callable[[CurrenciesBase, Params], Chart]] = {
    "settlement": settlement_chart,
    "fx": fx_chart,
}

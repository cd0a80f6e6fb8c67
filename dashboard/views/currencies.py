"""Currencies and settlement: what officials said about the share of roubles and yuan in
Russia–China payments, beside what the Bank of Russia publishes, and the exchange rates.

The Bank of Russia publishes the currency structure of Russia's payments for all partners and,
in recent releases, by region (Asia), not for China alone, while the statements are about
Russia–China trade. The page shows both on one axis and measures the gap between each statement
and the nearest published figure, saying plainly that the two are not like for like.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.chart import Axes, Chart
from dashboard.views import arithmetic, common
from dashboard.views.columns import PROVENANCE, SHOWN
from dashboard.views.params import Query, State, pick, pick_many, pick_span
from etl.periods import end_month, year_of

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
COMPARE_WITHIN_MONTHS = 12

SETTLEMENT_COLUMNS = ["series", "role", "partner", "flow", "currency", "period", "freq",
                      "period_label", *SHOWN, "qualifier", "speaker", "compared_with",
                      "compared_value", "gap_pp", *PROVENANCE, "quote"]
FX_COLUMNS = ["series", "pair", "period", "freq", "period_label", *SHOWN, "qualifier", *PROVENANCE]


@dataclass(frozen=True)
class CurrenciesBase:
    settlement: pd.DataFrame  # settlement_share rows with sources
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
    return CurrenciesBase(
        settlement=settlement.reset_index(drop=True),
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


def month_index(period: str, freq: str) -> float:
    """A period's middle as a month count, to measure how far apart two figures are."""
    if freq == "D":
        return year_of(period) * 12 + int(period[5:7]) - 0.5
    span = {"A": 12, "H": 6, "Q": 3, "M": 1}[freq]
    return year_of(period) * 12 + end_month(period, freq) - span / 2


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
    reference = statistics[(statistics["partner"] == "WLD") & (statistics["currency"] == "RUB+CNY")]
    if reference.empty:
        reference = statistics[statistics["partner"] == "WLD"]
    compared = [_nearest(row, reference) for _, row in statements.iterrows()]
    statements = statements.assign(
        role="statement",
        compared_with=[c[0] for c in compared],
        compared_value=[c[1] for c in compared],
    )
    statistics = statistics.assign(role="statistic", compared_with="", compared_value=float("nan"))
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
        gap_pp=arithmetic.points_apart(both["value"], both["compared_value"]),
    )
    frame = common.chronological(frame.assign(cumulative=False), "role", "series").drop(
        columns="cumulative"
    )
    notes = [
        "Not like for like: the statements are about Russia–China payments; the Bank of Russia "
        "publishes the currency structure of all of Russia's payments and, in recent releases, "
        "by region (Asia), not for China alone. Each statement is compared with the nearest "
        f"all-partner figure published within {COMPARE_WITHIN_MONTHS} months (gap in "
        "percentage points, in the table and the CSV).",
    ]
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


def _nearest(statement: pd.Series, reference: pd.DataFrame) -> tuple[str, float]:
    if reference.empty or pd.isna(statement["value"]):
        return "", float("nan")
    when = month_index(statement["period"], statement["freq"])
    distance = reference.apply(lambda r: abs(month_index(r["period"], r["freq"]) - when), axis=1)
    close = distance[distance <= COMPARE_WITHIN_MONTHS]
    if close.empty:
        return "no all-partner figure within a year", float("nan")
    best = reference.loc[close.idxmin()]
    return (
        f"{best['series']}, {common.period_label(best['period'], best['freq'])}",
        float(best["value"]),
    )


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

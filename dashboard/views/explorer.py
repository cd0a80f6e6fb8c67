"""Trade explorer: China–Russia goods trade over any period, by flow, currency, commodity and
source. `prepare` runs once per snapshot; each chart function filters its output (pure).

Three views share one URL state (`Params`):
- trade        annual or true monthly values (never year-to-date), exports, imports, total and
               balance, in USD, CNY or RUB (converted at the stored rates, or as reported in
               yuan), or their growth on a year earlier;
- commodities  HS chapters or sections (UN Comtrade rows when the snapshot has them), else the
               product figures quoted in the press, which overlap and do not add up;
- sources      China-reported against Russia-reported (mirror) figures and press-reported
               customs figures against UN Comtrade and the IMF, with the gap in value and %.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from dashboard.views.common import (
    COUNTRY,
    SOURCE_COLUMNS,
    Chart,
    attach_sources,
    best_rows,
    chronological,
    display,
    fmt_value,
    in_years,
    period_label,
    source_kind,
    text,
)
from dashboard.views.params import Query, pick, pick_many, pick_year, pick_year_range
from etl.derive.common import combined_qualifier, origins
from etl.periods import year_earlier, year_of

VIEWS = {"trade": "Trade over time", "commodities": "By commodity", "sources": "Compare sources"}
FREQS = {"A": "Annual", "M": "Monthly (single months)"}
FLOWS = {"total": "Total", "export": "Exports", "import": "Imports", "balance": "Balance"}
CURRENCIES = {"USD": "US dollars", "CNY": "Chinese yuan", "RUB": "Russian roubles"}
CURRENCY_PHRASE = {"USD": "in US dollars", "CNY": "in yuan", "RUB": "in roubles"}
MEASURES = {"value": "Value", "growth": "Change on a year earlier (%)"}
REPORTERS = {"CHN": "China-reported", "RUS": "Russia-reported"}
SOURCES = {
    "best": "Best available",
    "press": "Customs releases (as reported)",
    "comtrade": "UN Comtrade",
    "imf": "IMF (IMTS)",
}
PAIRS = {
    "cn_exports": "China's exports to Russia",
    "cn_imports": "China's imports from Russia",
    "total": "Total trade",
}
CFLOWS = {"import": "China's imports from Russia", "export": "China's exports to Russia"}
LEVELS = {"chapter": "HS chapters", "section": "HS sections"}
KINDS = {"area": "Over time (stacked)", "treemap": "One year (treemap)"}

# (reporter, flow) -> series name
SERIES_NAMES = {
    ("CHN", "export"): "China's exports to Russia",
    ("CHN", "import"): "China's imports from Russia",
    ("CHN", "total"): "China–Russia trade (China-reported)",
    ("CHN", "balance"): "China's trade balance with Russia",
    ("RUS", "export"): "Russia's exports to China",
    ("RUS", "import"): "Russia's imports from China",
    ("RUS", "total"): "Russia–China trade (Russia-reported)",
    ("RUS", "balance"): "Russia's trade balance with China",
}
FAMILY_NAMES = {
    "press": "customs figures as reported",
    "comtrade": "UN Comtrade",
    "imf": "IMF (IMTS)",
    "derived": "computed",
}
# The mirror pairs: (reporter, flow) of the two sides of one flow of goods.
PAIR_SIDES = {
    "cn_exports": (("CHN", "export"), ("RUS", "import")),
    "cn_imports": (("CHN", "import"), ("RUS", "export")),
    "total": (("CHN", "total"), ("RUS", "total")),
}
VALUATION = {"export": "FOB", "import": "CIF", "total": "FOB+CIF"}
TOP_GROUPS = 8

PRODUCT_LABELS = {
    "01-24": "Agricultural and food products (HS 01–24)",
    "02": "Meat (HS 02)",
    "0201-0202": "Beef (HS 0201–0202)",
    "0207": "Poultry (HS 0207)",
    "03": "Fish and seafood (HS 03)",
    "26": "Ores, slag and ash (HS 26)",
    "2601": "Iron ore (HS 2601)",
    "27": "Mineral fuels: oil, gas, coal (HS 27)",
    "2701-2702": "Coal and lignite (HS 2701–2702)",
    "2709": "Crude oil (HS 2709)",
    "2709-2710": "Crude oil and oil products (HS 2709–2710)",
    "2710": "Oil products (HS 2710)",
    "2711": "Natural gas and LPG (HS 2711)",
    "271111": "Liquefied natural gas (HS 271111)",
    "271121": "Pipeline natural gas (HS 271121)",
    "4011": "Tyres (HS 4011)",
    "84-85": "Machinery and electrical equipment (HS 84–85)",
    "84-89": "Machinery, equipment and vehicles (HS 84–89)",
    "86-89": "Transport equipment (HS 86–89)",
    "87": "Vehicles and parts (HS 87)",
    "8703": "Passenger cars (HS 8703)",
    "8703;8704": "Cars and lorries (HS 8703, 8704)",
    "8708": "Vehicle parts (HS 8708)",
    "8429;8430": "Construction machinery (HS 8429, 8430)",
    "COD": "Cod",
    "CRABS": "Crabs",
    "OTHER_CRUSTACEANS": "Other crustaceans",
    "POLLOCK": "Pollock",
    "LABOUR_INTENSIVE": "Labour-intensive products",
    "MECH_ELEC": "Mechanical and electrical products",
}

TRADE_COLUMNS = [
    "series",
    "reporter",
    "partner",
    "flow",
    "period",
    "freq",
    "period_label",
    "measure",
    "currency",
    "value_shown",
    "unit_shown",
    "value",
    "unit",
    "conversion",
    "rate",
    "rate_unit",
    "rate_period",
    "rate_source_id",
    "rate_publisher",
    "valuation",
    "qualifier",
    "status",
    "source_id",
    "derived_from",
    *SOURCE_COLUMNS,
    "note",
]
GROWTH_COLUMNS = ["year_earlier_period", "year_earlier_value", "value_in_period"]
COMPARE_COLUMNS = [
    "series",
    "side",
    "source_family",
    "reporter",
    "partner",
    "flow",
    "valuation",
    "period",
    "freq",
    "period_label",
    "value_shown",
    "unit_shown",
    "reference_series",
    "reference_value_shown",
    "gap_value_shown",
    "gap_pct",
    "value",
    "unit",
    "qualifier",
    "status",
    "source_id",
    "derived_from",
    *SOURCE_COLUMNS,
    "note",
]
AREA_COLUMNS = [
    "series",
    "group",
    "chapters",
    "reporter",
    "partner",
    "flow",
    "period",
    "freq",
    "value_shown",
    "unit_shown",
    "share_pct",
    "value",
    "unit",
    "conversion",
    "source_id",
    *SOURCE_COLUMNS,
]
TREEMAP_COLUMNS = [
    "chapter",
    "label",
    "section",
    "section_label",
    "reporter",
    "partner",
    "flow",
    "period",
    "value_shown",
    "unit_shown",
    "share_pct",
    "value",
    "unit",
    "conversion",
    "source_id",
    *SOURCE_COLUMNS,
]
PRODUCT_COLUMNS = [
    "series",
    "commodity",
    "reporter",
    "partner",
    "flow",
    "period",
    "value_shown",
    "unit_shown",
    "value",
    "unit",
    "conversion",
    "qualifier",
    "status",
    "source_id",
    "derived_from",
    *SOURCE_COLUMNS,
    "note",
]


# --- precomputed once per snapshot -------------------------------------------------------------
@dataclass(frozen=True)
class ExplorerBase:
    trade: pd.DataFrame  # China–Russia trade_value rows, non-cumulative A and M, with sources
    converted: pd.DataFrame  # trade_converted with the rate's publisher
    chapters: pd.DataFrame  # HS chapter rows from statistical APIs, with chapter/section labels
    products: pd.DataFrame  # other commodity rows (press-reported products)
    fcs_event: dict[str, str]  # Russia's customs stops publishing (date, label, source)
    first_year: int
    last_year: int


def prepare(tables: dict[str, pd.DataFrame], hs: pd.DataFrame) -> ExplorerBase:
    obs = tables["observations"]
    sources = tables["sources"]
    pair = ((obs["reporter"] == "CHN") & (obs["partner"] == "RUS")) | (
        (obs["reporter"] == "RUS") & (obs["partner"] == "CHN")
    )
    trade = obs[
        (obs["indicator"] == "trade_value")
        & pair
        & ~obs["cumulative"]
        & obs["freq"].isin(["A", "M"])
        & obs["unit"].isin(["USD", "CNY"])
        # balances are recomputed from exactly the exports and imports a chart draws
        & (obs["flow"] != "balance")
    ]
    trade = attach_sources(trade, sources)
    trade = trade.assign(
        family=trade["source_id"].map(source_kind).astype("str"),
        year=trade["period"].str.slice(0, 4).astype(int),
    )
    converted = tables.get("trade_converted", pd.DataFrame())
    if not converted.empty:
        converted = converted[~converted["cumulative"]]
        publishers = sources.set_index("source_id")
        converted = converted.assign(
            rate_publisher=converted["rate_source_id"]
            .map(publishers["publisher"])
            .fillna("")
            .astype("str")
        )
    chapter_mask = trade["commodity"].str.fullmatch(r"\d{2}") & trade["family"].isin(
        ["comtrade", "imf"]
    )
    chapters = trade[chapter_mask & (trade["freq"] == "A")]
    if not hs.empty:
        labels = hs.rename(columns={"chapter": "commodity"})[
            ["commodity", "label", "short_label", "section", "section_label", "section_short"]
        ]
        chapters = chapters.merge(labels, on="commodity", how="left")
    for column in ("label", "short_label", "section", "section_label", "section_short"):
        if column not in chapters:
            chapters = chapters.assign(**{column: ""})
        chapters[column] = chapters[column].astype("str").where(chapters[column].notna(), "")
    chapters = chapters.assign(
        short_label=[
            s or f"HS {c}"
            for s, c in zip(chapters["short_label"], chapters["commodity"], strict=True)
        ],
        section_short=[s or "Not classified" for s in chapters["section_short"]],
        section=[s or "NC" for s in chapters["section"]],
    )
    products = trade[
        (trade["commodity"] != "TOTAL")
        & ~chapter_mask
        & (trade["freq"] == "A")
        & (trade["unit"] == "USD")
    ]
    years = sorted(set(trade["year"])) or [2015]
    events = tables.get("events", pd.DataFrame())
    fcs: dict[str, str] = {}
    if not events.empty:
        found = events[events["event_id"] == "fcs-publication-suspended"]
        if not found.empty:
            event = attach_sources(found, sources).iloc[0]
            fcs = {
                "date": event["start"],
                "label": event["label"],
                "publisher": event["publisher"],
                "date_published": event["date_published"],
                "url": event["url"],
            }
    return ExplorerBase(
        trade=trade.reset_index(drop=True),
        converted=converted.reset_index(drop=True) if not converted.empty else converted,
        chapters=chapters.reset_index(drop=True),
        products=products.reset_index(drop=True),
        fcs_event=fcs,
        first_year=years[0],
        last_year=years[-1],
    )


# --- state ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Params:
    view: str
    freq: str
    flows: tuple[str, ...]
    currency: str
    measure: str
    reporter: str
    source: str
    start: int
    end: int
    pair: str
    cflow: str
    level: str
    kind: str
    year: int

    def query(self) -> dict[str, str]:
        values = asdict(self)
        values["flows"] = ",".join(self.flows)
        return {k: str(v) for k, v in values.items()}


def commodity_years(base: ExplorerBase, reporter: str, cflow: str) -> list[int]:
    rows = base.chapters[(base.chapters["reporter"] == reporter) & (base.chapters["flow"] == cflow)]
    if rows.empty:
        rows = base.products[
            (base.products["reporter"] == reporter) & (base.products["flow"] == cflow)
        ]
    return sorted(set(rows["year"])) if not rows.empty else []


def default_commodity_year(base: ExplorerBase, reporter: str, cflow: str, fallback: int) -> int:
    """The latest year with chapter data; without chapters, the year most products are quoted."""
    chapters = base.chapters[
        (base.chapters["reporter"] == reporter) & (base.chapters["flow"] == cflow)
    ]
    if not chapters.empty:
        return int(chapters["year"].max())
    products = base.products[
        (base.products["reporter"] == reporter) & (base.products["flow"] == cflow)
    ]
    if products.empty:
        return fallback
    counts = products.groupby("year")["commodity"].nunique()
    return int(counts[counts == counts.max()].index.max())


def default_reporter_for_chapters(base: ExplorerBase) -> str:
    sides = set(base.chapters["reporter"])
    return "CHN" if "CHN" in sides or not sides else "RUS"


def parse(query: Query, base: ExplorerBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    view = pick(query, "view", VIEWS, "trade", notes, "view")
    freq = pick(query, "freq", FREQS, "A", notes, "frequency")
    flows = pick_many(query, "flows", FLOWS, ("export", "import"), notes, "trade flow")
    currency = pick(query, "currency", CURRENCIES, "USD", notes, "currency")
    measure = pick(query, "measure", MEASURES, "value", notes, "measure")
    reporter_default = "CHN" if view != "commodities" else default_reporter_for_chapters(base)
    reporter = pick(query, "reporter", REPORTERS, reporter_default, notes, "reporting country")
    source = pick(query, "source", SOURCES, "best", notes, "source")
    lo, hi = base.first_year, base.last_year
    start, end = pick_year_range(query, lo, hi, (max(lo, hi - 11), hi), notes)
    pair = pick(query, "pair", PAIRS, "total", notes, "comparison")
    cflow = pick(query, "cflow", CFLOWS, "import", notes, "commodity flow")
    level = pick(query, "level", LEVELS, "chapter", notes, "commodity level")
    kind = pick(query, "kind", KINDS, "area", notes, "chart kind")
    years = commodity_years(base, reporter, cflow)
    year = pick_year(query, "year", years, default_commodity_year(base, reporter, cflow, hi), notes)
    return Params(
        view,
        freq,
        flows,
        currency,
        measure,
        reporter,
        source,
        start,
        end,
        pair,
        cflow,
        level,
        kind,
        year,
    ), notes


# --- currency ------------------------------------------------------------------------------
CONVERSION_KEY = ["reporter", "partner", "flow", "commodity", "period", "freq", "source_id"]


def conversion_text(row: pd.Series) -> str:
    return (
        f"converted at {row['rate']:.4f} {row['rate_unit']} ({row['rate_kind']} "
        f"{row['rate_period']}; {row['rate_publisher'] or row['rate_source_id']})"
    )


def in_currency(
    rows: pd.DataFrame,
    base: ExplorerBase,
    currency: str,
    notes: list[str],
    *,
    reported_first: bool = True,
) -> pd.DataFrame:
    """USD rows in `currency`: converted at the stored average rate of their period, or, for
    yuan figures China's customs published itself, as reported. Adds `amount` (base units of
    `currency`), `conversion` and the rate columns; drops rows no rate covers (with a note)."""
    rate_cols = {
        "rate": float("nan"),
        "rate_unit": "",
        "rate_period": "",
        "rate_source_id": "",
        "rate_publisher": "",
    }
    if currency == "USD":
        return rows.assign(amount=rows["value"], amount_unit="USD", conversion="", **rate_cols)
    if rows.empty:
        return rows.assign(amount=pd.Series(dtype="float64"), amount_unit=currency, conversion="")
    converted = base.converted
    table = (
        converted[converted["unit"] == currency]
        if not converted.empty
        else pd.DataFrame(columns=[*CONVERSION_KEY, "value_usd", "value"])
    )
    lookup = table.rename(columns={"value": "amount", "value_usd": "value"})
    keep = [
        *CONVERSION_KEY,
        "value",
        "amount",
        "rate",
        "rate_unit",
        "rate_period",
        "rate_kind",
        "rate_source_id",
        "rate_publisher",
    ]
    lookup = lookup[[c for c in keep if c in lookup.columns]].drop_duplicates(
        subset=[*CONVERSION_KEY, "value"]
    )
    merged = rows.merge(lookup, on=[*CONVERSION_KEY, "value"], how="left")
    for column, default in {**rate_cols, "rate_kind": "", "amount": float("nan")}.items():
        if column not in merged:
            merged[column] = default
    out = merged[merged["amount"].notna()].copy()
    out["conversion"] = [conversion_text(r) for _, r in out.iterrows()]
    out["amount_unit"] = currency
    if reported_first and currency == "CNY":
        out = _reported_yuan(rows, base, out)
    covered = set(zip(out["flow"], out["commodity"], out["period"], strict=True))
    missing = sum(
        key not in covered
        for key in zip(rows["flow"], rows["commodity"], rows["period"], strict=True)
    )
    if missing:
        notes.append(
            f"{missing} figure(s) have no stored {currency} rate for their period and are left "
            f"out {CURRENCY_PHRASE[currency]}; switch to US dollars to see them."
        )
    return out.drop(columns=["rate_kind"], errors="ignore").reset_index(drop=True)


def _reported_yuan(usd_rows: pd.DataFrame, base: ExplorerBase, out: pd.DataFrame) -> pd.DataFrame:
    """Where customs published the yuan figure itself, show it as reported, not converted."""
    keys = ["reporter", "partner", "flow", "commodity", "period", "freq"]
    if usd_rows.empty:
        return out
    wanted = usd_rows[keys].drop_duplicates()
    yuan = base.trade[(base.trade["unit"] == "CNY") & (base.trade["status"] != "derived")]
    yuan = best_rows(yuan.merge(wanted, on=keys), keys)
    if yuan.empty:
        return out
    yuan = yuan.assign(
        amount=yuan["value"],
        amount_unit="CNY",
        conversion="as reported (yuan)",
        rate=float("nan"),
        rate_unit="",
        rate_period="",
        rate_source_id="",
        rate_publisher="",
    )
    replaced = out.merge(yuan[keys], on=keys, how="left", indicator=True)
    kept = out[(replaced["_merge"] == "left_only").to_numpy()]
    return pd.concat(
        [kept, yuan[[c for c in kept.columns if c in yuan.columns]]], ignore_index=True
    )


def rate_summary(frame: pd.DataFrame, currency: str) -> str:
    """Which rates a chart's converted values used, in one sentence for beside the chart."""
    if currency == "USD" or frame.empty or "conversion" not in frame:
        return ""
    converted = frame[frame["conversion"].str.startswith("converted")]
    reported = frame[frame["conversion"].str.startswith("as reported")]
    parts = []
    if not converted.empty:
        named = converted.assign(
            rate_from=converted["rate_publisher"].where(
                converted["rate_publisher"] != "", converted["rate_source_id"]
            )
        )
        by_source = (
            named.groupby("rate_from", sort=False)["rate_period"]
            .agg(lambda s: ", ".join(dict.fromkeys(s)))
            .to_dict()
        )
        names = "; ".join(f"{sid} ({periods})" for sid, periods in by_source.items())
        parts.append(
            f"{len(converted)} value(s) converted from US dollars at the average "
            f"{converted['rate_unit'].iloc[0]} rate of their own period — rates from: {names}"
        )
    if not reported.empty:
        parts.append(
            f"{len(reported)} value(s) shown as China's customs published them in yuan "
            "(solid), not converted"
        )
    return ". ".join(parts) + "." if parts else ""


# --- charts --------------------------------------------------------------------------------
def _flows_needed(flows: tuple[str, ...]) -> set[str]:
    needed = {f for f in flows if f != "balance"}
    if "balance" in flows:
        needed |= {"export", "import"}
    return needed


def _balance(rows: pd.DataFrame) -> pd.DataFrame:
    """Exports minus imports of the same period, from exactly the rows drawn."""
    exports = rows[rows["flow"] == "export"].set_index("period")
    imports = rows[rows["flow"] == "import"].set_index("period")
    out = []
    for period in exports.index.intersection(imports.index):
        e, i = exports.loc[period], imports.loc[period]
        out.append(
            {
                **{c: e[c] for c in ("reporter", "partner", "commodity", "freq", "year")},
                "flow": "balance",
                "period": period,
                "value": e["value"] - i["value"],
                "unit": e["unit"],
                "amount": e["amount"] - i["amount"],
                "amount_unit": e["amount_unit"],
                "conversion": "difference of the values shown"
                if e["conversion"] or i["conversion"]
                else "",
                "rate": float("nan"),
                "rate_unit": "",
                "rate_period": "",
                "rate_source_id": "",
                "rate_publisher": "",
                "valuation": "FOB−CIF",
                "qualifier": combined_qualifier(e["qualifier"], i["qualifier"]),
                "status": "derived",
                "source_id": "derived-balance",
                "derived_from": origins(
                    e["source_id"], e["derived_from"], i["source_id"], i["derived_from"]
                ),
                "publisher": "This project (computed by the pipeline)",
                "title": "Trade balance",
                "url": "",
                "date_published": "",
                "tier": "",
                "original_publisher": "",
                "note": "exports minus imports of the same period, both as shown",
            }
        )
    return pd.DataFrame(out)


def _growth(frame: pd.DataFrame) -> pd.DataFrame:
    """Change on the same period a year earlier, within each series, from the values shown."""
    rows = []
    for _, series in frame.groupby("flow", sort=False):
        by_period = series.set_index("period")
        for period, row in by_period.iterrows():
            earlier = year_earlier(period)
            if earlier not in by_period.index:
                continue
            before = by_period.loc[earlier, "amount"]
            if before == 0 or pd.isna(before):
                continue
            rows.append(
                {
                    **row.to_dict(),
                    "period": period,
                    "growth": (row["amount"] / before - 1.0) * 100.0,
                    "year_earlier_period": earlier,
                    "year_earlier_value": before,
                }
            )
    return pd.DataFrame(rows, columns=[*frame.columns, "growth", *GROWTH_COLUMNS[:2]])


def trade_chart(base: ExplorerBase, p: Params) -> Chart:
    notes: list[str] = []
    trade = base.trade
    candidates = trade[
        (trade["reporter"] == p.reporter)
        & (trade["commodity"] == "TOTAL")
        & (trade["freq"] == p.freq)
        & (trade["unit"] == "USD")
    ]
    if p.source != "best":
        candidates = candidates[candidates["family"] == p.source]
    needed = _flows_needed(p.flows)
    candidates = candidates[candidates["flow"].isin(needed)]
    first_period = chronological(candidates)["period"].iloc[0] if not candidates.empty else None
    window = in_years(candidates, p.start - (1 if p.measure == "growth" else 0), p.end)
    chosen = best_rows(window, ["flow", "period"])
    valued = in_currency(
        chosen, base, p.currency, notes, reported_first=p.source in ("best", "press")
    )
    if "balance" in p.flows and not valued.empty:
        if p.measure == "growth":
            notes.append("A balance changes sign, so its growth rate is not shown.")
        else:
            valued = pd.concat([valued, _balance(valued)], ignore_index=True)
    valued = valued[valued["flow"].isin(p.flows)] if not valued.empty else valued
    freq_word = "monthly" if p.freq == "M" else "annual"
    who = COUNTRY[p.reporter]
    if first_period and p.start < year_of(first_period):
        notes.append(
            f"No {freq_word} {who}-reported data before "
            f"{period_label(first_period, p.freq)} in this snapshot"
            + (f" from {SOURCES[p.source]}" if p.source != "best" else "")
            + "."
        )
    if p.measure == "growth":
        grown = _growth(valued) if not valued.empty else valued
        frame = _trade_frame(grown, p, growth=True) if not grown.empty else pd.DataFrame()
    else:
        frame = _trade_frame(in_years(valued, p.start, p.end), p, growth=False)
    columns = TRADE_COLUMNS + (GROWTH_COLUMNS if p.measure == "growth" else [])
    frame = frame if not frame.empty else pd.DataFrame(columns=columns)
    summary = rate_summary(frame, p.currency)
    if summary:
        notes.append(summary)
    gaps = missing_years(frame, p) if p.freq == "A" and not frame.empty else ""
    if gaps:
        notes.append(gaps)
    empty = ""
    if frame.empty:
        flows = ", ".join(FLOWS[f].lower() for f in p.flows)
        source = "" if p.source == "best" else f" from {SOURCES[p.source]}"
        empty = (
            f"No {freq_word} {who}-reported figures for {flows}{source} between {p.start} and "
            f"{p.end} in this snapshot"
            + (" (growth needs the same period a year earlier)" if p.measure == "growth" else "")
            + (
                f"; monthly data starts {period_label(first_period, p.freq)}"
                if p.freq == "M" and first_period
                else ""
            )
            + "."
        )
    return Chart(
        key="trade",
        frame=frame[columns].reset_index(drop=True) if not frame.empty else frame,
        title=_trade_title(frame, p),
        empty=empty,
        notes=tuple(notes),
        table_columns=(
            "series",
            "period_label",
            "value_shown",
            "unit_shown",
            "conversion",
            "status",
            "publisher",
            "date_published",
        ),
        meta={
            "freq": p.freq,
            "measure": p.measure,
            "currency": p.currency,
        },
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
    return f"No {COUNTRY[p.reporter]}-reported figure in this snapshot for: {'; '.join(gaps)}."


def _trade_frame(rows: pd.DataFrame, p: Params, *, growth: bool) -> pd.DataFrame:
    if rows.empty:
        return rows
    rows = rows.reset_index(drop=True)
    divisor, unit_label = display(p.currency)
    out = pd.DataFrame(
        {
            "series": [
                SERIES_NAMES[(r, f)] for r, f in zip(rows["reporter"], rows["flow"], strict=True)
            ],
            "reporter": rows["reporter"],
            "partner": rows["partner"],
            "flow": rows["flow"],
            "period": rows["period"],
            "freq": rows["freq"],
            "period_label": [period_label(x, p.freq) for x in rows["period"]],
            "measure": p.measure,
            "currency": p.currency,
            "value_shown": rows["growth"] if growth else rows["amount"] / divisor,
            "unit_shown": "%" if growth else unit_label,
            "value": rows["amount"],
            "unit": rows["amount_unit"],
            "conversion": rows["conversion"],
            "rate": rows["rate"].astype("float64"),
            "rate_unit": rows["rate_unit"],
            "rate_period": rows["rate_period"],
            "rate_source_id": rows["rate_source_id"],
            "rate_publisher": rows["rate_publisher"],
            "valuation": rows["valuation"].where(
                rows["valuation"] != "", rows["flow"].map(VALUATION)
            ),
            "qualifier": rows["qualifier"],
            "status": rows["status"],
            "source_id": rows["source_id"],
            "derived_from": rows["derived_from"],
            **{c: rows[c] for c in SOURCE_COLUMNS},
            "note": rows["note"],
        }
    )
    if growth:
        out["year_earlier_period"] = rows["year_earlier_period"]
        out["year_earlier_value"] = rows["year_earlier_value"]
        out["value_in_period"] = rows["amount"]
        out = in_years(out, p.start, p.end)
    for column in out.columns:
        if column in ("value_shown", "value", "rate", "year_earlier_value", "value_in_period"):
            out[column] = out[column].astype("float64")
        elif out[column].dtype == object:
            out[column] = out[column].astype("str")
    order = {f: i for i, f in enumerate(FLOWS)}
    out = out.assign(_flow=out["flow"].map(order))
    return chronological(out, "_flow").drop(columns="_flow")


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


def compare_chart(base: ExplorerBase, p: Params) -> Chart:
    """The same flow as each side and each publisher reports it, and the gap to China's own
    customs figures (the reference)."""
    sides = PAIR_SIDES[p.pair]
    trade = base.trade
    wanted = pd.Series(False, index=trade.index)
    for reporter, flow in sides:
        wanted |= (trade["reporter"] == reporter) & (trade["flow"] == flow)
    rows = trade[
        wanted
        & (trade["commodity"] == "TOTAL")
        & (trade["freq"] == p.freq)
        & (trade["unit"] == "USD")
        & (trade["family"] != "derived")
    ]
    rows = in_years(rows, p.start, p.end)
    rows = best_rows(rows, ["reporter", "family", "period"]).reset_index(drop=True)
    divisor, unit_label = display("USD")
    frame = pd.DataFrame(columns=COMPARE_COLUMNS)
    if not rows.empty:
        reference = rows[(rows["reporter"] == sides[0][0]) & (rows["family"] == "press")]
        ref_by_period = reference.set_index("period")["value"]
        ref_name = _compare_name(sides[0][0], sides[0][1], "press")
        gaps = rows["period"].map(ref_by_period)
        is_reference = (rows["reporter"] == sides[0][0]) & (rows["family"] == "press")
        gap = (rows["value"] - gaps).where(~is_reference)
        frame = pd.DataFrame(
            {
                "series": [
                    _compare_name(r, f, fam)
                    for r, f, fam in zip(
                        rows["reporter"], rows["flow"], rows["family"], strict=True
                    )
                ],
                "side": rows["reporter"].map({"CHN": "China-reported", "RUS": "Russia-reported"}),
                "source_family": rows["family"].map(FAMILY_NAMES),
                "reporter": rows["reporter"],
                "partner": rows["partner"],
                "flow": rows["flow"],
                "valuation": rows["valuation"].where(
                    rows["valuation"] != "", rows["flow"].map(VALUATION)
                ),
                "period": rows["period"],
                "freq": rows["freq"],
                "period_label": [period_label(x, p.freq) for x in rows["period"]],
                "value_shown": rows["value"] / divisor,
                "unit_shown": unit_label,
                "reference_series": ref_name,
                "reference_value_shown": (gaps / divisor).where(~is_reference),
                "gap_value_shown": gap / divisor,
                "gap_pct": (gap / gaps * 100.0).where(~is_reference),
                "value": rows["value"],
                "unit": rows["unit"],
                "qualifier": rows["qualifier"],
                "status": rows["status"],
                "source_id": rows["source_id"],
                "derived_from": rows["derived_from"],
                **{c: rows[c] for c in SOURCE_COLUMNS},
                "note": rows["note"],
            }
        )
        order = {
            _compare_name(r, f, fam): i
            for i, (r, f, fam) in enumerate(
                (r, f, fam) for (r, f) in sides for fam in ("press", "comtrade", "imf")
            )
        }
        frame = chronological(frame.assign(_o=frame["series"].map(order)), "_o").drop(columns="_o")
    freq_word = "monthly" if p.freq == "M" else "annual"
    empty = (
        f"No {freq_word} figures for {PAIRS[p.pair].lower()} from either side between {p.start} "
        f"and {p.end} in this snapshot."
        if frame.empty
        else ""
    )
    notes = [
        "Why the figures differ: each customs service values its exports free on board (FOB) "
        "and its imports including cost, insurance and freight (CIF), so one side's imports "
        "normally exceed the other side's exports; goods in transit at the turn of a period "
        "are counted in different months; re-exports and the country of origin are recorded "
        "differently; and revisions arrive at different times.",
    ]
    if base.fcs_event:
        event = base.fcs_event
        notes.append(
            f"Since {event['date']} Russia's customs service no longer publishes detailed trade "
            f"statistics ({event['publisher']}, {event['date_published']}), so Russia-reported "
            "figures after early 2022 come from officials' statements, the IMF's estimates or "
            "partner (mirror) data."
        )
    if not frame.empty and frame["side"].nunique() < 2:
        other = (
            COUNTRY[sides[1][0]]
            if frame["reporter"].iloc[0] == sides[0][0]
            else COUNTRY[sides[0][0]]
        )
        notes.append(f"No {other}-reported figures for this flow and period in this snapshot.")
    return Chart(
        key="sources",
        frame=frame.reset_index(drop=True),
        title=_compare_title(frame, p),
        empty=empty,
        notes=tuple(notes),
        table_columns=(
            "series",
            "period_label",
            "value_shown",
            "gap_value_shown",
            "gap_pct",
            "valuation",
            "publisher",
            "date_published",
        ),
        meta={"fcs_event": base.fcs_event, "freq": p.freq},
    )


def _compare_name(reporter: str, flow: str, family: str) -> str:
    return f"{SERIES_NAMES[(reporter, flow)]} — {FAMILY_NAMES[family]}"


FAMILY_TITLE = {
    "press": "its published customs figure",
    "comtrade": "UN Comtrade",
    "imf": "the IMF",
    "derived": "a computed figure",
}


def _compare_title(frame: pd.DataFrame, p: Params) -> str:
    if frame.empty:
        return f"{PAIRS[p.pair]}: no figures to compare"
    gaps = frame[frame["gap_pct"].notna()]
    if gaps.empty:
        return f"{PAIRS[p.pair]}: only one source covers each period shown"
    latest = gaps.iloc[-1]
    direction = "above" if latest["gap_pct"] > 0 else "below"
    who = "Russia's figure" if latest["reporter"] == "RUS" else "China's figure"
    family = next(k for k, v in FAMILY_NAMES.items() if v == latest["source_family"])
    return (
        f"{PAIRS[p.pair]}, {latest['period_label']}: {who} ({FAMILY_TITLE[family]}) was "
        f"{abs(latest['gap_pct']):.1f}% {direction} China's customs release"
    )


def commodity_chart(base: ExplorerBase, p: Params) -> Chart:
    notes: list[str] = []
    chapters = base.chapters[
        (base.chapters["reporter"] == p.reporter) & (base.chapters["flow"] == p.cflow)
    ]
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    if chapters.empty:
        others = base.chapters[base.chapters["reporter"] != p.reporter]
        if not others.empty:
            notes.append(
                f"UN Comtrade chapters reported by {COUNTRY[others['reporter'].iloc[0]]} are in "
                "this snapshot: switch the reporting country to see them."
            )
        else:
            notes.append(
                "UN Comtrade's HS chapter data is not in this snapshot (the last refresh had no "
                "network), so this shows the product figures quoted from customs releases. They "
                "overlap (crude oil is part of mineral fuels) and do not add up to the total."
            )
        return _products_chart(base, p, notes)
    if p.kind == "treemap":
        return _treemap_chart(chapters, base, p, notes, flow_name)
    return _area_chart(chapters, base, p, notes, flow_name)


def _chapter_rows(
    rows: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
) -> pd.DataFrame:
    chosen = best_rows(rows, ["commodity", "period"])
    valued = in_currency(chosen, base, p.currency, notes, reported_first=False)
    return valued


def _join(values: pd.Series) -> str:
    return ";".join(dict.fromkeys(text(v) for v in values if text(v)))


def _area_chart(
    chapters: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str], flow_name: str
) -> Chart:
    rows = _chapter_rows(in_years(chapters, p.start, p.end), base, p, notes)
    divisor, unit_label = display(p.currency)
    columns = AREA_COLUMNS
    if rows.empty:
        return Chart(
            key="commodities",
            frame=pd.DataFrame(columns=columns),
            title=f"{flow_name} by HS chapter: no data",
            empty=f"No HS chapter figures for {flow_name.lower()} between {p.start} and {p.end} "
            f"in this snapshot (chapter data covers {_span(chapters)}).",
            notes=tuple(notes),
        )
    key = "commodity" if p.level == "chapter" else "section"
    name = "short_label" if p.level == "chapter" else "section_short"
    totals = rows.groupby(key)["amount"].sum().sort_values(ascending=False)
    top = list(totals.index[:TOP_GROUPS])
    rows = rows.assign(
        group=[g if g in top else "other" for g in rows[key]],
        group_name=[
            n if g in top else f"Other {'chapters' if p.level == 'chapter' else 'sections'}"
            for g, n in zip(rows[key], rows[name], strict=True)
        ],
    )
    grouped = (
        rows.groupby(["group", "group_name", "period"], sort=False)
        .agg(
            amount=("amount", "sum"),
            chapters=("commodity", _join),
            conversion=("conversion", _join),
            source_id=("source_id", _join),
            publisher=("publisher", _join),
            title=("title", _join),
            url=("url", _join),
            date_published=("date_published", _join),
            tier=("tier", _join),
            original_publisher=("original_publisher", _join),
        )
        .reset_index()
    )
    year_total = grouped.groupby("period")["amount"].transform("sum")
    order = {g: i for i, g in enumerate([*top, "other"])}
    frame = pd.DataFrame(
        {
            "series": grouped["group_name"],
            "group": grouped["group"],
            "chapters": grouped["chapters"],
            "reporter": p.reporter,
            "partner": "RUS" if p.reporter == "CHN" else "CHN",
            "flow": p.cflow,
            "period": grouped["period"],
            "freq": "A",
            "value_shown": grouped["amount"] / divisor,
            "unit_shown": unit_label,
            "share_pct": grouped["amount"] / year_total * 100.0,
            "value": grouped["amount"],
            "unit": p.currency,
            "conversion": grouped["conversion"],
            "source_id": grouped["source_id"],
            **{c: grouped[c] for c in SOURCE_COLUMNS},
        }
    )
    frame = chronological(frame.assign(_o=frame["group"].map(order)), "_o").drop(columns="_o")
    latest = frame[frame["period"] == frame["period"].max()].sort_values("value", ascending=False)
    lead = latest.iloc[0]
    title = f"{lead['series']} made up {lead['share_pct']:.0f}% of {flow_name} in {lead['period']}"
    return Chart(
        key="commodities",
        frame=frame[columns].reset_index(drop=True),
        title=title,
        notes=tuple(notes),
        table_columns=("series", "period", "value_shown", "unit_shown", "share_pct", "publisher"),
        meta={"kind": "area", "level": p.level},
    )


def _treemap_chart(
    chapters: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str], flow_name: str
) -> Chart:
    rows = _chapter_rows(chapters[chapters["period"] == str(p.year)], base, p, notes)
    columns = TREEMAP_COLUMNS
    if rows.empty:
        return Chart(
            key="commodities",
            frame=pd.DataFrame(columns=columns),
            title=f"{flow_name} by HS chapter in {p.year}: no data",
            empty=f"No HS chapter figures for {flow_name.lower()} in {p.year} in this snapshot "
            f"(chapter data covers {_span(chapters)}).",
            notes=tuple(notes),
        )
    rows = rows[rows["amount"] > 0].reset_index(drop=True)
    divisor, unit_label = display(p.currency)
    total = rows["amount"].sum()
    frame = pd.DataFrame(
        {
            "chapter": rows["commodity"],
            "label": rows["short_label"],
            "section": rows["section"],
            "section_label": rows["section_short"],
            "reporter": rows["reporter"],
            "partner": rows["partner"],
            "flow": rows["flow"],
            "period": rows["period"],
            "value_shown": rows["amount"] / divisor,
            "unit_shown": unit_label,
            "share_pct": rows["amount"] / total * 100.0,
            "value": rows["amount"],
            "unit": rows["amount_unit"],
            "conversion": rows["conversion"],
            "source_id": rows["source_id"],
            **{c: rows[c] for c in SOURCE_COLUMNS},
        }
    ).sort_values("value", ascending=False)
    lead = frame.iloc[0]
    by_section = frame.groupby("section_label")["share_pct"].sum().sort_values(ascending=False)
    title = (
        f"{lead['label']} (HS {lead['chapter']}) was {lead['share_pct']:.0f}% of "
        f"{flow_name} in {p.year}"
    )
    if p.level == "section":
        title = (
            f"{by_section.index[0]} made up {by_section.iloc[0]:.0f}% of {flow_name} in {p.year}"
        )
    return Chart(
        key="commodities",
        frame=frame[columns].reset_index(drop=True),
        title=title,
        notes=tuple(notes),
        table_columns=(
            "chapter",
            "label",
            "section_label",
            "value_shown",
            "unit_shown",
            "share_pct",
        ),
        meta={"kind": "treemap", "level": p.level},
    )


def _span(rows: pd.DataFrame) -> str:
    years = sorted(set(rows["year"])) if not rows.empty else []
    if not years:
        return "no years"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _products_chart(base: ExplorerBase, p: Params, notes: list[str]) -> Chart:
    products = base.products[
        (base.products["reporter"] == p.reporter) & (base.products["flow"] == p.cflow)
    ]
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    rows = best_rows(products[products["period"] == str(p.year)], ["commodity", "period"])
    rows = in_currency(rows, base, p.currency, notes, reported_first=False).reset_index(drop=True)
    if p.kind == "treemap" or p.level == "section":
        notes.append(
            "Treemaps and HS sections need complete chapter data; the quoted products are "
            "shown as bars instead."
        )
    if rows.empty:
        return Chart(
            key="commodities",
            frame=pd.DataFrame(columns=PRODUCT_COLUMNS),
            title=f"{flow_name}: no product figures",
            empty=f"No product figures for {flow_name.lower()} in {p.year} in this snapshot "
            f"(products are quoted for {_span(products)}).",
            notes=tuple(notes),
        )
    divisor, unit_label = display(p.currency)
    frame = pd.DataFrame(
        {
            "series": [PRODUCT_LABELS.get(c, f"HS {c}") for c in rows["commodity"]],
            "commodity": rows["commodity"],
            "reporter": rows["reporter"],
            "partner": rows["partner"],
            "flow": rows["flow"],
            "period": rows["period"],
            "value_shown": rows["amount"] / divisor,
            "unit_shown": unit_label,
            "value": rows["amount"],
            "unit": rows["amount_unit"],
            "conversion": rows["conversion"],
            "qualifier": rows["qualifier"],
            "status": rows["status"],
            "source_id": rows["source_id"],
            "derived_from": rows["derived_from"],
            **{c: rows[c] for c in SOURCE_COLUMNS},
            "note": rows["note"],
        }
    ).sort_values("value", ascending=False)
    lead = frame.iloc[0]
    return Chart(
        key="commodities",
        frame=frame[PRODUCT_COLUMNS].reset_index(drop=True),
        title=(
            f"{lead['series']}: {fmt_value(lead['value_shown'], lead['unit_shown'])} of "
            f"{flow_name} in {p.year} (products as quoted; they overlap)"
        ),
        notes=tuple(notes),
        table_columns=(
            "series",
            "period",
            "value_shown",
            "unit_shown",
            "publisher",
            "date_published",
        ),
        meta={"kind": "products"},
    )


CHARTS: dict[str, Any] = {
    "trade": trade_chart,
    "commodities": commodity_chart,
    "sources": compare_chart,
}


def chart_for(base: ExplorerBase, p: Params) -> Chart:
    return CHARTS[p.view](base, p)

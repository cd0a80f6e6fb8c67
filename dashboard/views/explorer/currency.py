"""Trade values in the currency a reader chose, as the pipeline publishes them: the figures a
publisher reported in that currency, and dollar figures the pipeline converted at the stored
average rate of their period (`derived-currency-conversion` rows; their rates are in
trade_converted). This module selects and describes; it converts nothing."""

from __future__ import annotations

import pandas as pd

from dashboard.views.columns import RATE_BLANKS
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.labels import CURRENCY_PHRASE
from etl.derive.families import CONVERSION

SERIES_KEY = ["reporter", "partner", "flow", "commodity", "period", "freq"]
MISSING_KEY = ["flow", "commodity", "period"]
RATE_DETAIL = [*RATE_BLANKS, "rate_kind"]
REPORTED = {"CNY": "yuan", "RUB": "roubles"}


def conversion_text(row: dict) -> str:
    return (
        f"converted at {row['rate']:.4f} {row['rate_unit']} ({row['rate_kind']} "
        f"{row['rate_period']}; {row['rate_publisher'] or row['rate_source_id']})"
    )


def in_currency(rows: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The rows in `currency`: reported in it, or converted into it by the pipeline."""
    return rows[rows["unit"] == currency]


def described(rows: pd.DataFrame, base: ExplorerBase) -> pd.DataFrame:
    """The rows with `conversion` (how a value came to be in its currency: the rate a dollar
    figure was converted at, or "as reported (yuan)") and the rate's value, unit, period, source
    and publisher, from the pipeline's conversions table."""
    if rows.empty:
        return rows.assign(conversion="", **RATE_BLANKS)
    converted = rows["source_id"] == CONVERSION
    table = base.converted
    rates = (
        table[table["value"].notna()]
        .rename(columns={"source_id": "_origin"})[[*SERIES_KEY, "unit", "_origin", *RATE_DETAIL]]
        .drop_duplicates(subset=[*SERIES_KEY, "unit", "_origin"])
        if not table.empty
        else pd.DataFrame(columns=[*SERIES_KEY, "unit", "_origin", *RATE_DETAIL])
    )
    keyed = rows.assign(_origin=rows["derived_from"].str.split(";").str[0].where(converted, ""))
    merged = keyed.merge(rates, on=[*SERIES_KEY, "unit", "_origin"], how="left")
    merged = merged.drop(columns="_origin").reset_index(drop=True)
    for column, blank in {**RATE_BLANKS, "rate_kind": ""}.items():
        merged[column] = merged[column].where(merged[column].notna(), blank)
    converted = converted.to_numpy()
    reported = (~converted) & merged["unit"].isin(["CNY", "RUB"]).to_numpy() & (
        ~merged["source_id"].str.startswith("derived-")
    ).to_numpy()
    merged["conversion"] = [
        conversion_text(r) if c else (f"as reported ({REPORTED[r['unit']]})" if y else "")
        for r, c, y in zip(merged.to_dict("records"), converted, reported, strict=True)
    ]
    return merged.drop(columns="rate_kind")


def unconverted(wanted: pd.DataFrame, shown: pd.DataFrame, base: ExplorerBase,
                currency: str) -> str:
    """A note on the dollar figures `wanted` that have no value in `currency` among the rows
    `shown`, with the pipeline's reason (no rate for their period, and why)."""
    if currency == "USD" or wanted.empty:
        return ""
    covered = set(zip(*(shown[k] for k in MISSING_KEY), strict=True))
    missing = [k for k in zip(*(wanted[k] for k in MISSING_KEY), strict=True) if k not in covered]
    if not missing:
        return ""
    table = base.converted
    reasons: list[str] = []
    if not table.empty and "no_rate_reason" in table:
        gaps = table[(table["unit"] == currency) & (table["no_rate_reason"] != "")]
        found = gaps.set_index(MISSING_KEY)["no_rate_reason"]
        reasons = list(dict.fromkeys(found[found.index.isin(missing)]))
    why = f" Why: {'; '.join(reasons[:3])}." if reasons else ""
    return (
        f"{len(missing)} figure(s) have no stored {currency} rate for their period and are left "
        f"out {CURRENCY_PHRASE[currency]}; switch to US dollars to see them.{why}"
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

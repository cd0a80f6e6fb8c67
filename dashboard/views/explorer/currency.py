"""Trade values in the currency a reader chose: the pipeline's stored conversions
(trade_converted) joined to the rows a chart draws, and one sentence naming the rates used."""

from __future__ import annotations

import pandas as pd

from dashboard.views.arithmetic import reported_yuan
from dashboard.views.columns import RATE_BLANKS
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.labels import CURRENCY_PHRASE

CONVERSION_KEY = ["reporter", "partner", "flow", "commodity", "period", "freq", "source_id"]
LOOKUP_COLUMNS = [*CONVERSION_KEY, "value", "amount", "rate", "rate_unit", "rate_period",
                  "rate_kind", "rate_source_id", "rate_publisher"]


def conversion_text(row: dict) -> str:
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
    if currency == "USD":
        return rows.assign(amount=rows["value"], amount_unit="USD", conversion="", **RATE_BLANKS)
    if rows.empty:
        return rows.assign(amount=pd.Series(dtype="float64"), amount_unit=currency, conversion="")
    converted = base.converted
    table = (
        converted[converted["unit"] == currency]
        if not converted.empty
        else pd.DataFrame(columns=[*CONVERSION_KEY, "value_usd", "value"])
    )
    lookup = table.rename(columns={"value": "amount", "value_usd": "value"})
    lookup = lookup[[c for c in LOOKUP_COLUMNS if c in lookup.columns]].drop_duplicates(
        subset=[*CONVERSION_KEY, "value"]
    )
    merged = rows.merge(lookup, on=[*CONVERSION_KEY, "value"], how="left")
    for column, default in {**RATE_BLANKS, "rate_kind": "", "amount": float("nan")}.items():
        if column not in merged:
            merged[column] = default
    out = merged[merged["amount"].notna()].copy()
    out["conversion"] = [conversion_text(r) for r in out.to_dict("records")]
    out["amount_unit"] = currency
    if reported_first and currency == "CNY":
        out = reported_yuan(rows, base.trade, out)
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

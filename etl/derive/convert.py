"""Currency conversion of China–Russia trade values: USD -> CNY and RUB at period-average rates.

Annual figures convert at the year's average rate, single months at the month's average (the
Bank of Russia's where present, else the ECB-based monthly rates: etl/derive/fx.py).

Two outputs, from one computation:
- `trade_converted` (its own table): every USD figure of every source in CNY and RUB, with the
  original value, the rate, the rate's period and the rate's source, so a reader can redo the
  arithmetic. A figure no rate covers is a row too, with no value and `no_rate_reason` saying
  why (in roubles after February 2022 without the Bank of Russia's rates, for instance).
- `converted_observations`: the conversions of the preferred USD figure of each series, as
  ordinary derived observation rows (`derived-currency-conversion`), so balances and growth in
  each currency are computed by the same steps as in dollars. They are `approx` (a value
  converted at an average rate approximates what it was worth in that currency), so a figure a
  publisher reported in yuan always wins over a converted one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.derive.common import derived_columns, fmts, labels_of, origins_of, preferred
from etl.derive.fx import ECB_RUB_STOP, best_rates

CONVERTED_COLUMNS = [
    "indicator",
    "reporter",
    "partner",
    "flow",
    "commodity",
    "period",
    "freq",
    "cumulative",
    "value",
    "unit",
    "value_usd",
    "rate",
    "rate_unit",
    "rate_period",
    "rate_kind",
    "rate_source_id",
    "source_id",
    "derived_from",
    "qualifier",
    "note",
    "no_rate_reason",  # "" when converted; else why no rate covers the figure's period
    # the cause of a gap that lasts beyond one period ("" if none is known): what a page says
    # once for a whole span of figures without a rate
    "no_rate_cause",
]
TARGETS = ("CNY", "RUB")
CONVERSION = "derived-currency-conversion"
SERIES = ["indicator", "reporter", "partner", "flow", "commodity", "period", "freq",
          "cumulative"]
CBR_SOURCE_ID = "cbr-xml-rates"
FIRST_MONTH_WITHOUT_ECB_RUB = "2022-03"


def rate_table(rates: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """Best average rate per (target currency per USD, period, freq)."""
    usd = rates[
        (rates["indicator"] == "fx_rate")
        & (rates["currency"] == "USD")
        & rates["unit"].isin(TARGETS)
        & rates["freq"].isin(["A", "M"])
    ]
    return best_rates(usd, ["unit", "period", "freq"], published)


def convertible(values: pd.DataFrame) -> pd.DataFrame:
    """USD trade values of China, Russia and the world, annual or single months."""
    return values[(values["indicator"] == "trade_value") & (values["unit"] == "USD")
                  & ~values["cumulative"] & values["freq"].isin(["A", "M"])
                  & values["reporter"].isin(["CHN", "RUS"])
                  & values["partner"].isin(["CHN", "RUS", "WLD"])]


def convert_trade(values: pd.DataFrame, rates: pd.DataFrame,
                  published: dict[str, str]) -> pd.DataFrame:
    """`values`: trade_value rows; only USD rows of annual or single-month periods convert."""
    usd = convertible(values)
    table = rate_table(rates, published)[["unit", "period", "freq", "value", "source_id",
                                          "derived_from"]]
    have_cbr = bool((rates["source_id"] == CBR_SOURCE_ID).any()
                    or rates["derived_from"].str.contains(CBR_SOURCE_ID, regex=False).any())
    parts = []
    for target in TARGETS:
        rate = table[table["unit"] == target].drop(columns="unit").rename(columns={
            "value": "rate", "source_id": "rate_source_id", "derived_from": "rate_from"})
        pairs = usd.merge(rate, on=["period", "freq"], how="left")
        if pairs.empty:
            continue
        found = pairs["rate"].notna().to_numpy()
        kind = pairs["freq"].map({"A": "annual average", "M": "monthly average"})
        when = pd.Series(labels_of(pairs["period"], pairs["freq"], False), index=pairs.index)
        rate_source = pairs["rate_source_id"].fillna("")
        parts.append(pd.DataFrame({
            **{c: pairs[c] for c in SERIES},
            "source_id": pairs["source_id"],
            "qualifier": pairs["qualifier"],
            "value": pairs["value"] * pairs["rate"],
            "unit": target,
            "value_usd": pairs["value"],
            "rate": pairs["rate"],
            "rate_unit": f"{target} per USD",
            "rate_period": np.where(found, when, ""),
            "rate_kind": np.where(found, kind, ""),
            "rate_source_id": rate_source,
            "derived_from": np.where(found, origins_of(
                pairs["source_id"], pairs["derived_from"], rate_source,
                pairs["rate_from"].fillna("")), pairs["source_id"]),
            "note": [f"converted at {r:.4f} {target} per USD ({k} {w}, {s})" if ok else ""
                     for r, k, w, s, ok in zip(pairs["rate"], kind, when, rate_source, found,
                                               strict=True)],
            "no_rate_reason": [
                "" if ok else no_rate_reason(target, p, f, w, have_cbr)
                for p, f, w, ok in zip(pairs["period"], pairs["freq"], when, found, strict=True)
            ],
            "no_rate_cause": [
                "" if ok else no_rate_cause(target, p, have_cbr)
                for p, ok in zip(pairs["period"], found, strict=True)
            ],
        }))
    frame = (pd.concat(parts, ignore_index=True) if parts
             else pd.DataFrame(columns=CONVERTED_COLUMNS))[CONVERTED_COLUMNS]
    for column in ("value", "value_usd", "rate"):
        frame[column] = frame[column].astype("float64")
    frame["cumulative"] = frame["cumulative"].astype(bool)
    for column in ("rate_source_id", "derived_from", "note", "no_rate_reason", "no_rate_cause"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def no_rate_cause(target: str, period: str, have_cbr: bool) -> str:
    """Why no rate covers a figure's period, when the cause is known ("" otherwise)."""
    if target == "RUB" and period[:7] >= FIRST_MONTH_WITHOUT_ECB_RUB[: len(period[:7])]:
        cbr = ("the Bank of Russia's official rates in this snapshot do not cover it" if have_cbr
               else "the Bank of Russia's official rates are not in this snapshot (they are "
               "fetched when a refresh has network access)")
        return f"{ECB_RUB_STOP}, and {cbr}"
    return ""


def no_rate_reason(target: str, period: str, freq: str, when: str, have_cbr: bool) -> str:
    """Why a figure has no value in `target`, in words a reader can act on."""
    kind = "monthly average" if freq == "M" else "annual average"
    reason = f"no {kind} {target} per USD rate for {when} in this snapshot"
    cause = no_rate_cause(target, period, have_cbr)
    return f"{reason}: {cause}" if cause else reason


def converted_observations(converted: pd.DataFrame, values: pd.DataFrame,
                           published: dict[str, str]) -> pd.DataFrame:
    """The conversions of each series' preferred USD figure, as derived observation rows."""
    best = preferred(convertible(values), SERIES, published)[[*SERIES, "source_id"]]
    rows = converted[converted["value"].notna()].merge(best, on=[*SERIES, "source_id"])
    if rows.empty:
        return derived_columns(pd.DataFrame())
    bounded = rows["qualifier"].isin(["lower_bound", "upper_bound"])
    return derived_columns(pd.DataFrame({
        **{c: rows[c] for c in SERIES},
        "value": rows["value"],
        "unit": rows["unit"],
        "qualifier": rows["qualifier"].where(bounded, "approx"),
        "valuation": rows["flow"].map({"export": "FOB", "import": "CIF"}).fillna(""),
        "source_id": CONVERSION,
        "derived_from": rows["derived_from"],
        "note": [f"= {usd} × {rate:.4f} {unit} per USD ({kind} {period}, {source})"
                 for usd, rate, unit, kind, period, source in zip(
                     fmts(rows["value_usd"], "USD"), rows["rate"], rows["unit"],
                     rows["rate_kind"], rows["rate_period"], rows["rate_source_id"],
                     strict=True)],
    }))

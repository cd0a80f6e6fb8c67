"""Currency conversion of China–Russia trade values: USD -> CNY and RUB at period-average rates.

The result is its own table (`trade_converted`), not observations: a converted figure is not
something a publisher said. Each row keeps the original value, the rate, the rate's period and
the rate's source, so a reader can redo the arithmetic.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import labels_of, origins_of, preferred

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
]
TARGETS = ("CNY", "RUB")


def rate_table(rates: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """Best average rate per (target currency per USD, period, freq)."""
    usd = rates[
        (rates["indicator"] == "fx_rate")
        & (rates["currency"] == "USD")
        & rates["unit"].isin(TARGETS)
        & rates["freq"].isin(["A", "M"])
    ]
    return preferred(usd, ["unit", "period", "freq"], published)


def convert_trade(values: pd.DataFrame, rates: pd.DataFrame,
                  published: dict[str, str]) -> pd.DataFrame:
    """`values`: trade_value rows; only USD rows of annual or single-month periods convert."""
    usd = values[(values["indicator"] == "trade_value") & (values["unit"] == "USD")
                 & ~values["cumulative"] & values["freq"].isin(["A", "M"])
                 & values["reporter"].isin(["CHN", "RUS"])
                 & values["partner"].isin(["CHN", "RUS", "WLD"])]
    table = rate_table(rates, published)[["unit", "period", "freq", "value", "source_id",
                                          "derived_from"]]
    parts = []
    for target in TARGETS:
        rate = table[table["unit"] == target].drop(columns="unit").rename(columns={
            "value": "rate", "source_id": "rate_source_id", "derived_from": "rate_from"})
        pairs = usd.merge(rate, on=["period", "freq"])
        if pairs.empty:
            continue
        kind = pairs["freq"].map({"A": "annual average", "M": "monthly average"})
        when = labels_of(pairs["period"], pairs["freq"], False)
        parts.append(pd.DataFrame({
            **{c: pairs[c] for c in ("indicator", "reporter", "partner", "flow", "commodity",
                                     "period", "freq", "cumulative", "source_id", "qualifier")},
            "value": pairs["value"] * pairs["rate"],
            "unit": target,
            "value_usd": pairs["value"],
            "rate": pairs["rate"],
            "rate_unit": f"{target} per USD",
            "rate_period": when,
            "rate_kind": kind,
            "rate_source_id": pairs["rate_source_id"],
            "derived_from": origins_of(pairs["source_id"], pairs["derived_from"],
                                       pairs["rate_source_id"], pairs["rate_from"]),
            "note": [f"converted at {r:.4f} {target} per USD ({k} {w}, {s})" for r, k, w, s in
                     zip(pairs["rate"], kind, when, pairs["rate_source_id"], strict=True)],
        }))
    frame = (pd.concat(parts, ignore_index=True) if parts
             else pd.DataFrame(columns=CONVERTED_COLUMNS))[CONVERTED_COLUMNS]
    for column in ("value", "value_usd", "rate"):
        frame[column] = frame[column].astype("float64")
    frame["cumulative"] = frame["cumulative"].astype(bool)
    return frame

"""Growth on a year earlier, computed from the preferred values of each series."""

from __future__ import annotations

import pandas as pd

from etl.derive.common import (
    as_shown,
    combined_qualifiers,
    derived_columns,
    labels_of,
    origins_of,
    preferred,
)
from etl.periods import year_earlier

KEY = ["reporter", "partner", "flow", "commodity", "unit", "period", "freq", "cumulative"]
SERIES = [k for k in KEY if k != "period"]
CARRY = ["value", "qualifier", "source_id", "derived_from"]


def growth_rates(values: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """`values`: trade_value rows (reported and derived). Returns trade_value_yoy rows."""
    trade = values.loc[
        (values["indicator"] == "trade_value")
        & (values["flow"] != "balance")
        & ~values["qualifier"].isin(["lower_bound", "upper_bound"]),
        [*KEY, *CARRY, "status"],  # only what is read: copies of wide rows cost memory
    ]
    best = preferred(trade, KEY, published)
    del trade  # intermediates are let go as soon as they are read (large inputs)
    if best.empty:
        return derived_columns(pd.DataFrame())
    earlier = {p: year_earlier(p) for p in best["period"].unique()}
    now = best[KEY + CARRY].assign(_before=best["period"].map(earlier))
    before = best[KEY + CARRY].rename(columns={"period": "_before"})
    pairs = now.merge(before, on=[*SERIES, "_before"], suffixes=("", "_b"))
    del best, now, before
    pairs = pairs[pairs["value_b"] > 0]
    return derived_columns(pd.DataFrame({
        "indicator": "trade_value_yoy",
        **{k: pairs[k] for k in KEY if k != "unit"},
        "currency": pairs["unit"],
        "unit": "pct",
        "value": (pairs["value"] / pairs["value_b"] - 1) * 100,
        "qualifier": combined_qualifiers(pairs["qualifier"], pairs["qualifier_b"]),
        "source_id": "derived-growth",
        "derived_from": origins_of(pairs["source_id"], pairs["derived_from"],
                                   pairs["source_id_b"], pairs["derived_from_b"]),
        "note": [
            f"{a} {va} vs {b} {vb}"
            for a, va, b, vb in zip(
                labels_of(pairs["period"], pairs["freq"], pairs["cumulative"]),
                as_shown(pairs["value"], pairs["unit"], pairs["source_id"]),
                labels_of(pairs["_before"], pairs["freq"], pairs["cumulative"]),
                as_shown(pairs["value_b"], pairs["unit"], pairs["source_id_b"]),
                strict=True,
            )
        ],
    }))

"""Currency conversion of China–Russia trade values: USD -> CNY and RUB at period-average rates.

The result is its own table (`trade_converted`), not observations: a converted figure is not
something a publisher said. Each row keeps the original value, the rate, the rate's period and
the rate's source, so a reader can redo the arithmetic.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import origins, preferred
from etl.periods import label

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


def convert_trade(
    values: pd.DataFrame, rates: pd.DataFrame, published: dict[str, str]
) -> pd.DataFrame:
    """`values`: trade_value rows; only USD rows of annual or single-month periods convert."""
    usd = values[
        (values["indicator"] == "trade_value")
        & (values["unit"] == "USD")
        & ~values["cumulative"]
        & values["freq"].isin(["A", "M"])
        & values["reporter"].isin(["CHN", "RUS"])
        & values["partner"].isin(["CHN", "RUS", "WLD"])
    ]
    table = rate_table(rates, published).set_index(["unit", "period", "freq"])
    rows = []
    for _, row in usd.iterrows():
        for target in TARGETS:
            key = (target, row["period"], row["freq"])
            if key not in table.index:
                continue
            rate = table.loc[key]
            kind = "annual average" if row["freq"] == "A" else "monthly average"
            rows.append(
                {
                    **{
                        c: row[c]
                        for c in (
                            "indicator",
                            "reporter",
                            "partner",
                            "flow",
                            "commodity",
                            "period",
                            "freq",
                            "cumulative",
                            "source_id",
                            "qualifier",
                        )
                    },
                    "value": row["value"] * rate["value"],
                    "unit": target,
                    "value_usd": row["value"],
                    "rate": rate["value"],
                    "rate_unit": f"{target} per USD",
                    "rate_period": label(row["period"], row["freq"]),
                    "rate_kind": kind,
                    "rate_source_id": rate["source_id"],
                    "derived_from": origins(
                        row["source_id"],
                        row["derived_from"],
                        rate["source_id"],
                        rate["derived_from"],
                    ),
                    "note": f"converted at {rate['value']:.4f} {target} per USD ({kind} "
                    f"{label(row['period'], row['freq'])}, {rate['source_id']})",
                }
            )
    frame = pd.DataFrame(rows, columns=CONVERTED_COLUMNS)
    for column in ("value", "value_usd", "rate"):
        frame[column] = frame[column].astype("float64")
    frame["cumulative"] = frame["cumulative"].astype(bool)
    return frame

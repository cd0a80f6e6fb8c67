"""Growth on a year earlier, computed from the preferred values of each series."""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifier, derived_frame, fmt, origins, preferred
from etl.periods import label, year_earlier

KEY = ["reporter", "partner", "flow", "commodity", "unit", "period", "freq", "cumulative"]


def growth_rates(values: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """`values`: trade_value rows (reported and derived). Returns trade_value_yoy rows."""
    trade = values[
        (values["indicator"] == "trade_value")
        & (values["flow"] != "balance")
        & ~values["qualifier"].isin(["lower_bound", "upper_bound"])
    ]
    best = preferred(trade, KEY, published).set_index(KEY)
    rows = []
    for key, row in best.iterrows():
        fields = dict(zip(KEY, key, strict=True))
        before_key = tuple({**fields, "period": year_earlier(fields["period"])}[k] for k in KEY)
        if before_key not in best.index:
            continue
        before = best.loc[before_key]
        if before["value"] <= 0:
            continue
        rows.append(
            {
                "indicator": "trade_value_yoy",
                **{k: v for k, v in fields.items() if k != "unit"},
                "currency": fields["unit"],
                "unit": "pct",
                "value": (row["value"] / before["value"] - 1) * 100,
                "qualifier": combined_qualifier(row["qualifier"], before["qualifier"]),
                "source_id": "derived-growth",
                "derived_from": origins(
                    row["source_id"],
                    row["derived_from"],
                    before["source_id"],
                    before["derived_from"],
                ),
                "note": f"{label(fields['period'], fields['freq'], fields['cumulative'])} "
                f"{fmt(row['value'], fields['unit'])} vs "
                f"{label(before_key[5], fields['freq'], fields['cumulative'])} "
                f"{fmt(before['value'], fields['unit'])}",
            }
        )
    return derived_frame(rows)

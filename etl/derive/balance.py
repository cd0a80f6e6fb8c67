"""Trade balance = exports − imports, for every reporter, partner and period that has both."""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifier, derived_frame, fmt, origins, preferred

KEY = ["reporter", "partner", "commodity", "currency", "period", "freq", "cumulative", "unit"]


def balances(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    trade = obs[
        (obs["indicator"] == "trade_value")
        & obs["flow"].isin(["export", "import"])
        & ~obs["qualifier"].isin(["lower_bound", "upper_bound"])
    ]
    best = preferred(trade, KEY + ["flow"], published)
    exports = best[best["flow"] == "export"].set_index(KEY)
    imports = best[best["flow"] == "import"].set_index(KEY)
    both = exports.merge(imports, left_index=True, right_index=True, suffixes=("_x", "_m"))
    rows = []
    for key, row in both.iterrows():
        fields = dict(zip(KEY, key, strict=True))
        rows.append(
            {
                "indicator": "trade_value",
                **fields,
                "flow": "balance",
                "value": row["value_x"] - row["value_m"],
                "qualifier": combined_qualifier(row["qualifier_x"], row["qualifier_m"]),
                "valuation": "",
                "source_id": "derived-balance",
                "derived_from": origins(row["source_id_x"], row["source_id_m"]),
                "note": f"= exports {fmt(row['value_x'], fields['unit'])} − imports "
                f"{fmt(row['value_m'], fields['unit'])}; exports FOB, imports CIF",
            }
        )
    return derived_frame(rows)

"""Trade balance = exports − imports, for every reporter, partner and period that has both."""

from __future__ import annotations

import pandas as pd

from etl.derive.common import (
    as_shown,
    combined_qualifiers,
    derived_columns,
    origins_of,
    preferred,
)

KEY = ["reporter", "partner", "commodity", "currency", "period", "freq", "cumulative", "unit"]
CARRY = ["value", "qualifier", "source_id", "derived_from"]


def balances(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    trade = obs.loc[
        (obs["indicator"] == "trade_value")
        & obs["flow"].isin(["export", "import"])
        & ~obs["qualifier"].isin(["lower_bound", "upper_bound"]),
        [*KEY, "flow", *CARRY, "status"],  # only what is read: copies of wide rows cost memory
    ]
    best = preferred(trade, [*KEY, "flow"], published)
    del trade  # each intermediate is let go as soon as it is read: on large inputs they are
    exports = best.loc[best["flow"] == "export", KEY + CARRY]  # copies of 100,000s of rows
    imports = best.loc[best["flow"] == "import", KEY + CARRY]
    del best
    both = exports.merge(imports, on=KEY, suffixes=("_x", "_m"))
    del exports, imports
    if both.empty:
        return derived_columns(pd.DataFrame())
    return derived_columns(pd.DataFrame({
        "indicator": "trade_value",
        **{k: both[k] for k in KEY},
        "flow": "balance",
        "value": both["value_x"] - both["value_m"],
        "qualifier": combined_qualifiers(both["qualifier_x"], both["qualifier_m"]),
        "valuation": "",
        "source_id": "derived-balance",
        "derived_from": origins_of(both["source_id_x"], both["derived_from_x"],
                                   both["source_id_m"], both["derived_from_m"]),
        "note": [f"= exports {x} − imports {m}; exports FOB, imports CIF"
                 for x, m in zip(as_shown(both["value_x"], both["unit"], both["source_id_x"]),
                                 as_shown(both["value_m"], both["unit"], both["source_id_m"]),
                                 strict=True)],
    }))

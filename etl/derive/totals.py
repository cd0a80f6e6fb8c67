"""Total trade (exports + imports) from an official table that gives the two flows only.

UN Comtrade reports exports and imports, never their sum; a partner ranking by total trade
needs the sum. Within one source's table (same reporter, partner, period and source_id;
all commodities, TOTAL) the total is exports plus imports, derived only where that source gives
no total of its own. Press figures are not summed here: a press release's total is quoted,
not computed.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifiers, derived_columns, fmts

KEY = ["reporter", "partner", "commodity", "currency", "period", "freq", "cumulative", "unit",
       "source_id"]
CARRY = ["value", "qualifier"]


def official_totals(obs: pd.DataFrame) -> pd.DataFrame:
    trade = obs[(obs["indicator"] == "trade_value") & (obs["status"] == "official")
                & (obs["commodity"] == "TOTAL")]
    flows = trade[trade["flow"].isin(["export", "import"])]
    exports = flows.loc[flows["flow"] == "export", KEY + CARRY].drop_duplicates(subset=KEY)
    imports = flows.loc[flows["flow"] == "import", KEY + CARRY].drop_duplicates(subset=KEY)
    both = exports.merge(imports, on=KEY, suffixes=("_x", "_m"))
    given = trade.loc[trade["flow"] == "total", KEY].drop_duplicates()
    both = both.merge(given, on=KEY, how="left", indicator=True)
    both = both[both["_merge"] == "left_only"]
    if both.empty:
        return derived_columns(pd.DataFrame())
    return derived_columns(pd.DataFrame({
        "indicator": "trade_value",
        **{k: both[k] for k in KEY if k != "source_id"},
        "flow": "total",
        "value": both["value_x"] + both["value_m"],
        "qualifier": combined_qualifiers(both["qualifier_x"], both["qualifier_m"]),
        "valuation": "",
        "source_id": "derived-total",
        "derived_from": both["source_id"],
        "note": [f"= exports {x} + imports {m} of the same table ({s}); exports FOB, imports CIF"
                 for x, m, s in zip(fmts(both["value_x"], both["unit"]),
                                    fmts(both["value_m"], both["unit"]), both["source_id"],
                                    strict=True)],
    }))

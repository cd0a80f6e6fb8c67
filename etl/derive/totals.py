"""Total trade (exports + imports) from an official partner table that gives the two flows only.

UN Comtrade reports exports and imports, never their sum; a partner ranking by total trade
needs the sum. Within one source's table (same reporter, partner, period and source_id;
all commodities, TOTAL) the total is exports plus imports, derived only where that source gives
no total of its own. Only partner tables are summed (at least MIN_PARTNERS partners in the
same reporter, period and source), which is what a ranking needs; a bilateral series keeps its
two flows. Press figures are not summed here: a press release's total is quoted, not computed.
The table a total comes from is its `derived_from` (one source_id), so a ranking can stay
within one table.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifiers, derived_columns, fmts, not_in, preferred

KEY = ["reporter", "partner", "commodity", "currency", "period", "freq", "cumulative", "unit",
       "source_id"]
CARRY = ["value", "qualifier"]
TABLE = ["reporter", "period", "freq", "cumulative", "unit", "source_id"]
MIN_PARTNERS = 5


def official_totals(obs: pd.DataFrame) -> pd.DataFrame:
    trade = obs[(obs["indicator"] == "trade_value") & (obs["status"] == "official")
                & (obs["commodity"] == "TOTAL")]
    flows = trade[trade["flow"].isin(["export", "import"])]
    partners = flows.groupby(TABLE, observed=True)["partner"].transform("nunique")
    flows = flows[partners >= MIN_PARTNERS]
    exports = flows.loc[flows["flow"] == "export", KEY + CARRY].drop_duplicates(subset=KEY)
    imports = flows.loc[flows["flow"] == "import", KEY + CARRY].drop_duplicates(subset=KEY)
    both = exports.merge(imports, on=KEY, suffixes=("_x", "_m"))
    both = not_in(both, trade[trade["flow"] == "total"], KEY)
    if both.empty:
        return derived_columns(pd.DataFrame())
    both = _one_per_key(both)
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


def _one_per_key(both: pd.DataFrame) -> pd.DataFrame:
    """Two official tables of the same reporter and period would give two totals under one
    method id; the preferred table's is kept (etl.derive.common.preferred)."""
    ranked = both.assign(status="official", qualifier=both["qualifier_x"])
    return preferred(ranked, [k for k in KEY if k != "source_id"]).drop(
        columns=["status", "qualifier"])

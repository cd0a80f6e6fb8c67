"""RUB+CNY settlement shares: the rouble and the yuan share of one release, added up.

The Bank of Russia (and some officials) publish the rouble's and the yuan's shares of payments
separately; statements about "payments in roubles and yuan" are about their sum. Where a
release gives both shares for the same reporter, partner, flow and period and does not give the
sum itself, the sum is derived here, citing that release. Only published statistics are summed
(rows without a speaker): an official's two figures stay as they were said.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifiers, derived_columns, not_in

KEY = ["reporter", "partner", "flow", "commodity", "period", "freq", "cumulative", "basis",
       "unit", "source_id"]
CARRY = ["value", "qualifier", "note"]
SUM = "RUB+CNY"


def settlement_sums(obs: pd.DataFrame) -> pd.DataFrame:
    shares = obs[(obs["indicator"] == "settlement_share") & (obs["speaker"] == "")
                 & (obs["unit"] == "pct") & obs["value"].notna()]
    rub = shares.loc[shares["currency"] == "RUB", KEY + CARRY].drop_duplicates(subset=KEY)
    cny = shares.loc[shares["currency"] == "CNY", KEY + CARRY].drop_duplicates(subset=KEY)
    both = rub.merge(cny, on=KEY, suffixes=("_r", "_c"))
    both = not_in(both, shares[shares["currency"] == SUM], KEY)
    if both.empty:
        return derived_columns(pd.DataFrame())
    return derived_columns(pd.DataFrame({
        "indicator": "settlement_share",
        **{k: both[k] for k in KEY if k != "source_id"},
        "currency": SUM,
        "value": both["value_r"] + both["value_c"],
        "qualifier": combined_qualifiers(both["qualifier_r"], both["qualifier_c"]),
        "source_id": "derived-settlement-sum",
        "derived_from": both["source_id"],
        "note": [f"= roubles {r:g}% + yuan {c:g}%, both from the same release ({s})"
                 for r, c, s in zip(both["value_r"], both["value_c"], both["source_id"],
                                    strict=True)],
    }))

"""Shares: a partner's share of a reporter's trade, a commodity's share of bilateral trade.

Where the numerator exists both as the reporter reported it and as the partner reported it
(mirror data, e.g. China's customs on trade with Russia), both shares are derived and kept: the
gap between them is information, not noise.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifier, derived_frame, fmt, origins, preferred

PERIOD = ["period", "freq", "cumulative", "unit"]
MIRROR_FLOW = {"export": "import", "import": "export", "total": "total"}


def _exact_trade(obs: pd.DataFrame) -> pd.DataFrame:
    return obs[
        (obs["indicator"] == "trade_value")
        & (obs["status"] != "derived")
        & (obs["qualifier"] == "exact")
    ]


def partner_shares(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    trade = _exact_trade(obs)
    trade = trade[
        (trade["commodity"] == "TOTAL") & trade["flow"].isin(["export", "import", "total"])
    ]
    world = preferred(trade[trade["partner"] == "WLD"], ["reporter", "flow"] + PERIOD, published)
    world = world.set_index(["reporter", "flow"] + PERIOD)
    bilateral = preferred(
        trade[trade["partner"] != "WLD"], ["reporter", "partner", "flow"] + PERIOD, published
    )
    rows = []
    for _, row in bilateral.iterrows():
        # Own numerator: reporter R's trade with P over R's trade with the world.
        key = (row["reporter"], row["flow"], *(row[c] for c in PERIOD))
        if key in world.index:
            rows.append(
                _share_row(
                    row["reporter"], row["partner"], row, world.loc[key], "derived-partner-share"
                )
            )
        # Mirror numerator: P's view of trade with R, over R's own total with the world.
        mirror_key = (row["partner"], MIRROR_FLOW[row["flow"]], *(row[c] for c in PERIOD))
        if mirror_key in world.index:
            rows.append(
                _share_row(
                    row["partner"],
                    row["reporter"],
                    row,
                    world.loc[mirror_key],
                    "derived-partner-share-mirror",
                    flow=MIRROR_FLOW[row["flow"]],
                )
            )
    return derived_frame(rows)


def _share_row(
    reporter: str,
    partner: str,
    part: pd.Series,
    whole: pd.Series,
    method: str,
    flow: str | None = None,
) -> dict:
    mirror = method.endswith("mirror")
    return {
        "indicator": "partner_share",
        "reporter": reporter,
        "partner": partner,
        "flow": flow or part["flow"],
        "commodity": "TOTAL",
        "currency": part["unit"],
        "period": part["period"],
        "freq": part["freq"],
        "cumulative": part["cumulative"],
        "value": part["value"] / whole["value"] * 100,
        "unit": "pct",
        "qualifier": combined_qualifier(part["qualifier"], whole["qualifier"]),
        "source_id": method,
        "derived_from": origins(part["source_id"], whole["source_id"]),
        "note": f"= {fmt(part['value'], part['unit'])} / {fmt(whole['value'], part['unit'])}"
        + (
            "; numerator as reported by the partner (mirror), denominator by the reporter"
            if mirror
            else ""
        ),
    }


def commodity_shares(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    trade = _exact_trade(obs)
    key = ["reporter", "partner", "flow"] + PERIOD
    totals = preferred(trade[trade["commodity"] == "TOTAL"], key, published).set_index(key)
    parts = preferred(trade[trade["commodity"] != "TOTAL"], key + ["commodity"], published)
    rows = []
    for _, part in parts.iterrows():
        index = tuple(part[c] for c in key)
        if index not in totals.index:
            continue
        whole = totals.loc[index]
        if whole["value"] <= 0:
            continue
        rows.append(
            {
                "indicator": "commodity_share",
                **{
                    c: part[c]
                    for c in (
                        "reporter",
                        "partner",
                        "flow",
                        "commodity",
                        "period",
                        "freq",
                        "cumulative",
                    )
                },
                "currency": part["unit"],
                "value": part["value"] / whole["value"] * 100,
                "unit": "pct",
                "qualifier": combined_qualifier(part["qualifier"], whole["qualifier"]),
                "source_id": "derived-commodity-share",
                "derived_from": origins(part["source_id"], whole["source_id"]),
                "note": f"= {fmt(part['value'], part['unit'])} / "
                f"{fmt(whole['value'], part['unit'])} (total {part['flow']}s)",
            }
        )
    return derived_frame(rows)

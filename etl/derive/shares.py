"""Shares: a partner's share of a reporter's trade, a commodity's share of bilateral trade.

Where the numerator exists both as the reporter reported it and as the partner reported it
(mirror data, e.g. China's customs on trade with Russia), both shares are derived and kept: the
gap between them is information, not noise.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifiers, derived_columns, fmts, origins_of, preferred

PERIOD = ["period", "freq", "cumulative", "unit"]
MIRROR_FLOW = {"export": "import", "import": "export", "total": "total"}
CARRY = ["value", "qualifier", "source_id"]


def _exact_trade(obs: pd.DataFrame, rows: pd.Series | bool = True) -> pd.DataFrame:
    """The exact reported trade values among `rows` (a mask of `obs`), with only the columns
    the shares read: copies of wide rows cost memory on large inputs."""
    return obs.loc[
        (obs["indicator"] == "trade_value")
        & (obs["status"] != "derived")
        & (obs["qualifier"] == "exact")
        & rows,
        ["reporter", "partner", "flow", "commodity", *PERIOD, *CARRY, "status", "derived_from"],
    ]


def _share_rows(pairs: pd.DataFrame, reporter: pd.Series, partner: pd.Series, flow: pd.Series,
                method: str) -> pd.DataFrame:
    mirror = method.endswith("mirror")
    suffix = ("; numerator as reported by the partner (mirror), denominator by the reporter"
              if mirror else "")
    return pd.DataFrame({
        "indicator": "partner_share",
        "reporter": reporter.to_numpy(),
        "partner": partner.to_numpy(),
        "flow": flow.to_numpy(),
        "commodity": "TOTAL",
        "currency": pairs["unit"].to_numpy(),
        "period": pairs["period"].to_numpy(),
        "freq": pairs["freq"].to_numpy(),
        "cumulative": pairs["cumulative"].to_numpy(),
        "value": (pairs["value"] / pairs["value_w"] * 100).to_numpy(),
        "unit": "pct",
        "qualifier": combined_qualifiers(pairs["qualifier"], pairs["qualifier_w"]),
        "source_id": method,
        "derived_from": origins_of(pairs["source_id"], pairs["source_id_w"]),
        "note": [f"= {a} / {b}{suffix}" for a, b in zip(
            fmts(pairs["value"], pairs["unit"]), fmts(pairs["value_w"], pairs["unit"]),
            strict=True)],
    })


def partner_shares(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    trade = _exact_trade(obs)
    trade = trade[(trade["commodity"] == "TOTAL")
                  & trade["flow"].isin(["export", "import", "total"])]
    world = preferred(trade[trade["partner"] == "WLD"], ["reporter", "flow", *PERIOD], published)
    world = world[["reporter", "flow", *PERIOD, *CARRY]]
    bilateral = preferred(trade[trade["partner"] != "WLD"],
                          ["reporter", "partner", "flow", *PERIOD], published)
    bilateral = bilateral[["reporter", "partner", "flow", *PERIOD, *CARRY]]
    # Own numerator: reporter R's trade with P over R's trade with the world.
    own = bilateral.merge(world, on=["reporter", "flow", *PERIOD], suffixes=("", "_w"))
    # Mirror numerator: P's view of trade with R, over R's own total with the world.
    mirrored = bilateral.assign(_r=bilateral["partner"],
                                _f=bilateral["flow"].map(MIRROR_FLOW))
    mirror = mirrored.merge(world.rename(columns={"reporter": "_r", "flow": "_f"}),
                            on=["_r", "_f", *PERIOD], suffixes=("", "_w"))
    parts = [
        _share_rows(own, own["reporter"], own["partner"], own["flow"], "derived-partner-share"),
        _share_rows(mirror, mirror["_r"], mirror["reporter"], mirror["_f"],
                    "derived-partner-share-mirror"),
    ]
    parts = [p for p in parts if not p.empty]
    return derived_columns(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame())


def commodity_shares(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    key = ["reporter", "partner", "flow", *PERIOD]
    total = obs["commodity"] == "TOTAL"
    totals = preferred(_exact_trade(obs, total), key, published)[key + CARRY]
    parts = preferred(_exact_trade(obs, ~total), [*key, "commodity"], published)
    # (intermediates are let go as soon as they are read: large inputs)
    pairs = parts[[*key, "commodity", *CARRY]].merge(totals, on=key, suffixes=("", "_w"))
    del parts, totals
    pairs = pairs[pairs["value_w"] > 0]
    if pairs.empty:
        return derived_columns(pd.DataFrame())
    return derived_columns(pd.DataFrame({
        "indicator": "commodity_share",
        **{c: pairs[c] for c in ("reporter", "partner", "flow", "commodity", "period", "freq",
                                 "cumulative")},
        "currency": pairs["unit"],
        "value": pairs["value"] / pairs["value_w"] * 100,
        "unit": "pct",
        "qualifier": combined_qualifiers(pairs["qualifier"], pairs["qualifier_w"]),
        "source_id": "derived-commodity-share",
        "derived_from": origins_of(pairs["source_id"], pairs["source_id_w"]),
        "note": [f"= {a} / {b} (total {f}s)" for a, b, f in zip(
            fmts(pairs["value"], pairs["unit"]), fmts(pairs["value_w"], pairs["unit"]),
            pairs["flow"], strict=True)],
    }))

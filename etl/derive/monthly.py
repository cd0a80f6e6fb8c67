"""Single months from year-to-date totals.

GACC often publishes cumulative January-to-month totals. A single month is the difference of two
consecutive year-to-date totals of the same year; the full-year figure counts as January to
December. Nothing else is differenced: a gap of two months would give a two-month total, and
January–February releases (which GACC often publishes together) cannot be split.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import (
    combined_qualifiers,
    derived_columns,
    derived_frame,
    fmts,
    labels_of,
    origins_of,
    preferred,
)
from etl.periods import end_month, year_of

SERIES = ["indicator", "reporter", "partner", "flow", "commodity", "currency", "unit"]


def year_to_date_points(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """Cumulative monthly rows and full-year rows of trade values, one per series and month."""
    trade = obs[(obs["indicator"] == "trade_value") & (obs["status"] != "derived")]
    ytd = trade[(trade["freq"] == "M") & trade["cumulative"]]
    full_year = trade[trade["freq"] == "A"]
    points = pd.concat([ytd, full_year], ignore_index=True)
    if points.empty:
        return points.assign(year=pd.Series(dtype=int), month=pd.Series(dtype=int))
    points = points.assign(
        year=points["period"].map(year_of),
        month=[end_month(p, f) for p, f in zip(points["period"], points["freq"], strict=True)],
    )
    return preferred(points, SERIES + ["year", "month"], published)


def single_months_from_ytd(obs: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    points = year_to_date_points(obs, published)
    if points.empty:
        return derived_frame([])
    carry = ["period", "freq", "value", "qualifier", "source_id", "unit"]
    later = points[[*SERIES, "year", "month", "valuation", *[c for c in carry if c != "unit"]]]
    earlier = points[[*SERIES, "year", "month", *[c for c in carry if c != "unit"]]].assign(
        month=points["month"] + 1)
    pairs = later.merge(earlier, on=[*SERIES, "year", "month"], suffixes=("", "_e"))
    pairs = pairs.assign(single=pairs["value"] - pairs["value_e"])
    # A negative difference is a revision or an upstream error; the quality checks report it.
    pairs = pairs[pairs["single"] >= 0]
    if pairs.empty:
        return derived_frame([])
    later_label = labels_of(pairs["period"], pairs["freq"], True)
    earlier_label = labels_of(pairs["period_e"], pairs["freq_e"], True)
    return derived_columns(pd.DataFrame({
        **{c: pairs[c] for c in SERIES},
        "period": pairs["year"].astype(str) + "-" + pairs["month"].map("{:02d}".format),
        "freq": "M",
        "cumulative": False,
        "value": pairs["single"],
        "qualifier": combined_qualifiers(pairs["qualifier"], pairs["qualifier_e"]),
        "valuation": pairs["valuation"],
        "source_id": "derived-ytd-difference",
        "derived_from": origins_of(pairs["source_id"], pairs["source_id_e"]),
        "note": [
            f"= {a} {va} ({sa}) − {b} {vb} ({sb})"
            for a, va, sa, b, vb, sb in zip(
                later_label, fmts(pairs["value"], pairs["unit"]), pairs["source_id"],
                earlier_label, fmts(pairs["value_e"], pairs["unit"]), pairs["source_id_e"],
                strict=True,
            )
        ],
    }))

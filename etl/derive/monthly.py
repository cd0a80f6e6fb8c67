"""Single months from year-to-date totals.

GACC often publishes cumulative January-to-month totals. A single month is the difference of two
consecutive year-to-date totals of the same year; the full-year figure counts as January to
December. Nothing else is differenced: a gap of two months would give a two-month total, and
January–February releases (which GACC often publishes together) cannot be split.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import combined_qualifier, derived_frame, fmt, origins, preferred
from etl.periods import end_month, label, year_of

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
    rows: list[dict] = []
    for _, group in points.groupby(SERIES + ["year"], sort=False):
        by_month = group.set_index("month")
        for month, later in by_month.iterrows():
            if month - 1 not in by_month.index:
                continue
            earlier = by_month.loc[month - 1]
            value = later["value"] - earlier["value"]
            if value < 0:
                continue  # a revision or an error upstream; the quality checks report it
            rows.append(
                {
                    **{c: later[c] for c in SERIES},
                    "period": f"{later['year']}-{month:02d}",
                    "freq": "M",
                    "cumulative": False,
                    "value": value,
                    "qualifier": combined_qualifier(later["qualifier"], earlier["qualifier"]),
                    "valuation": later["valuation"],
                    "source_id": "derived-ytd-difference",
                    "derived_from": origins(later["source_id"], earlier["source_id"]),
                    "note": (
                        f"= {label(later['period'], later['freq'], True)}"
                        f" {fmt(later['value'], later['unit'])} ({later['source_id']}) − "
                        f"{label(earlier['period'], earlier['freq'], True)} "
                        f"{fmt(earlier['value'], earlier['unit'])} ({earlier['source_id']})"
                    ),
                }
            )
    return derived_frame(rows)

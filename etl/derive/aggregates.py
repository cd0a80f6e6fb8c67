"""HS-chapter totals from finer detail, so nothing downstream has to scan the detail.

A publisher may deliver HS 4- or 6-digit codes (UN Comtrade does, by request). Charts and claims
work with chapters (2 digits); the chapter total is the sum of its codes for the same reporter,
partner, flow, period and source. Where the source also published the chapter itself, that
published figure is kept and no sum is derived.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_columns, not_in

GROUP = ["reporter", "partner", "flow", "period", "freq", "cumulative", "unit", "source_id",
         "chapter"]


def is_detail(frame: pd.DataFrame) -> pd.Series:
    """Rows of official API detail finer than a chapter (HS 4 or 6 digits)."""
    commodity = frame["commodity"].astype("str")
    return (frame["status"] == "official") & commodity.str.fullmatch(r"\d{4}(\d{2})?")


def hs_chapter_totals(obs: pd.DataFrame) -> pd.DataFrame:
    detail = obs[(obs["indicator"] == "trade_value") & is_detail(obs)]
    if detail.empty:
        return derived_columns(pd.DataFrame())
    detail = detail.assign(chapter=detail["commodity"].str[:2])
    sums = detail.groupby(GROUP, observed=True, sort=False).agg(
        value=("value", "sum"), codes=("commodity", "nunique")).reset_index()
    published = obs[(obs["indicator"] == "trade_value") & (obs["status"] == "official")
                    & obs["commodity"].astype("str").str.fullmatch(r"\d{2}")]
    sums = not_in(sums, published.assign(chapter=published["commodity"]), GROUP)
    if sums.empty:
        return derived_columns(pd.DataFrame())
    return derived_columns(pd.DataFrame({
        "indicator": "trade_value",
        **{c: sums[c] for c in ("reporter", "partner", "flow", "period", "freq", "cumulative",
                                "unit")},
        "commodity": sums["chapter"],
        "value": sums["value"],
        "valuation": sums["flow"].map({"export": "FOB", "import": "CIF"}).fillna(""),
        "source_id": "derived-hs-chapter-sum",
        "derived_from": sums["source_id"],
        "note": "sum of " + sums["codes"].astype(str) + " finer HS codes of chapter "
                + sums["chapter"],
    }))

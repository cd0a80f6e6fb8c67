"""ARITHMETIC STILL DONE IN THE DASHBOARD — every new number the views compute, in one place.

The rule is that every number on screen is computed once, in the ETL, with provenance
(`derived` rows naming their inputs); the views only select and format. Balances, growth rates,
figures in each currency and the RUB+CNY settlement sums are published rows now (etl/derive) and
the views select them. What is left here is arithmetic on the figures a chart shows, waiting
for derive steps to publish it:

function          what it computes                       what is to replace it
gaps              a figure against the reference figure  derived gap rows (or quality_flags)
                  (value and %), in the source compare
points_apart      a statement against the nearest        derived gap rows
                  published share (percentage points)
chapter_groups    the largest HS chapters or sections    derived chapter-group and section rows
                  and "Other", summed per year
shares            each part's share of its year's whole  derived share rows

When a derive step publishes one of these, the view selects its rows and the function goes.
"""

from __future__ import annotations

import pandas as pd

from dashboard.views.columns import SOURCE_COLUMNS
from dashboard.views.common import text


def gaps(values: pd.Series, reference: pd.Series, is_reference: pd.Series
         ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(reference value, gap, gap in % of the reference) of each value; blank for the
    reference rows themselves."""
    gap = (values - reference).where(~is_reference)
    return reference.where(~is_reference), gap, (gap / reference * 100.0).where(~is_reference)


def points_apart(values: pd.Series, compared: pd.Series) -> pd.Series:
    """Percentage points between a share and the share it is compared with."""
    return (values - compared).astype("float64")


def _join(values: pd.Series) -> str:
    return ";".join(dict.fromkeys(text(v) for v in values if text(v)))


def chapter_groups(rows: pd.DataFrame, key: str, name: str, top_n: int, other: str
                   ) -> tuple[pd.DataFrame, list[str]]:
    """The `top_n` largest groups of `key` over all periods, the rest as one "other" group
    named `other`: amounts summed per group and period, their chapters, conversions and
    sources joined. Returns the grouped rows and the top groups, largest first."""
    totals = rows.groupby(key)["value"].sum().sort_values(ascending=False)
    top = list(totals.index[:top_n])
    rows = rows.assign(
        group=[g if g in top else "other" for g in rows[key]],
        group_name=[n if g in top else other for g, n in zip(rows[key], rows[name], strict=True)],
    )
    joined = ("commodity", "conversion", "source_id", *SOURCE_COLUMNS)
    grouped = (
        rows.groupby(["group", "group_name", "period"], sort=False)
        .agg(value=("value", "sum"), **{c: (c, _join) for c in joined})
        .rename(columns={"commodity": "chapters"})
        .reset_index()
    )
    return grouped, top


def shares(amounts: pd.Series, wholes: pd.Series) -> pd.Series:
    """Each amount as a percentage of its whole."""
    return amounts / wholes * 100.0

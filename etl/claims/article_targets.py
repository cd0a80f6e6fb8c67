"""A trade target or milestone found in an article ('$200 billion by 2024', 'crossed $250 billion
for the first time'): the first year the total reached it, against the year it was set for and
what the article says about reaching it.

A year is counted as reaching the sum when its annual total does, or — for a year not over when
the article was written — when its year-to-date total already does (a total that only grows
within the year): "past their $200 billion goal a year early", written in December 2023 with
January–November at $218 billion, holds.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.article_common import best_first, cite_with_tier
from etl.claims.evidence import chronological, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.rules import Context
from etl.derive.common import fmt
from etl.periods import label


def _totals_by_year(ctx: Context) -> pd.DataFrame:
    """The best annual total of each year before the article; for a year with none, its latest
    year-to-date total."""
    values = select(ctx.obs, indicator="trade_value", reporter="CHN", partner="RUS",
                    flow="total", commodity="TOTAL", unit="USD")
    values = split_by_date(values[values["value"].notna()], ctx.as_of)[0]
    annual = values[values["freq"] == "A"]
    best = best_first(ctx, annual).drop_duplicates("period")
    years = set(best["period"])
    ytd = values[(values["freq"] == "M") & values["cumulative"]
                 & ~values["period"].str[:4].isin(years)]
    if not ytd.empty:
        ytd = ytd.assign(_year=ytd["period"].str[:4])
        latest = ytd[ytd["period"] == ytd.groupby("_year")["period"].transform("max")]
        best = pd.concat([best, best_first(ctx, latest.drop(columns="_year"))
                          .drop_duplicates("period")])
    return chronological(best)


def stated_target(ctx: Context, p: dict[str, Any]) -> Outcome:
    target, year = float(p["claimed"]), int(p["target_year"])
    claim = p.get("claim", "reached")
    best = _totals_by_year(ctx)
    reached = best[best["value"] >= target]
    what = (f"the target was set for {year}" if p.get("target_year_known", True) else
            "the sentence does not say which year the target was set for")
    caveats = ["The target itself (when and by whom it was set) is not in the snapshot; only "
               "the trade totals are checked."] if not p.get("milestone") else []
    if reached.empty:
        top = best.loc[best["value"].idxmax()] if not best.empty else None
        holds = claim == "missed"
        explanation = (f"China–Russia trade has not reached {fmt(target, 'USD')} in any year "
                       "before the article" + (
                           f"; the highest total is {fmt(top['value'], 'USD')} in "
                           f"{label(top['period'], top['freq'], top['cumulative'])} "
                           f"({cite_with_tier(ctx, top)})" if top is not None else "") + ".")
    else:
        first = reached.iloc[0]
        first_year = int(str(first["period"])[:4])
        so_far = "" if first["freq"] == "A" else (
            f" ({label(first['period'], first['freq'], first['cumulative'])} already)")
        explanation = (f"Trade first reached {fmt(target, 'USD')} in {first_year}{so_far}: "
                       f"{fmt(first['value'], 'USD')} ({cite_with_tier(ctx, first)})")
        prior = best[best["period"].str[:4].astype(int) < first_year]
        if not prior.empty:
            pr = prior.iloc[-1]
            explanation += f", after {fmt(pr['value'], 'USD')} in {pr['period']}"
        explanation += "." if p.get("milestone") else f"; {what}."
        if claim == "early":
            holds = first_year < year
        elif claim == "missed":
            holds = first_year > year
        elif claim == "reached_in":
            holds = first_year == int(p["reached_year"])
            if not holds:
                explanation += f" The article says {p['reached_year']}."
        else:
            holds = first_year <= year
    verdict = "supported" if holds else "contradicted"
    return Outcome(verdict, explanation, evidence(best, "evidence"), "value_timeline", caveats,
                   [], convention_used="China's customs (GACC) totals in US dollars",
                   headline=f"Trade against the {fmt(target, 'USD')} "
                            f"{'mark' if p.get('milestone') else 'target'}",
                   chart_params={"threshold": target})

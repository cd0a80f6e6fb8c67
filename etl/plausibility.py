"""Plausibility checks on a live source's rows before they may be published.

The schema catches malformed rows (text in a number, a negative value). These catch rows that
are well formed but implausible, which is how a publisher's glitch usually looks:
- a value 100 times larger or smaller than the same figure in the serving snapshot (a unit or
  scale slip: thousands reported as units);
- a value 100 times the median of its own series;
- a monthly total series with a month missing inside its range.
Any finding rejects the whole source for this refresh; it keeps its last good data.
"""

from __future__ import annotations

import pandas as pd

from etl.schema import OBSERVATION_KEY

JUMP = 100.0
SERIES = ["indicator", "reporter", "partner", "flow", "commodity", "currency", "unit", "freq",
          "cumulative", "source_id"]


def jumps(new: pd.DataFrame, serving: pd.DataFrame) -> list[str]:
    if new.empty or serving.empty:
        return []
    both = new.merge(serving[OBSERVATION_KEY + ["value"]], on=OBSERVATION_KEY,
                     suffixes=("", "_serving"))
    both = both[(both["value"] > 0) & (both["value_serving"] > 0)]
    ratio = both["value"] / both["value_serving"]
    bad = both[(ratio > JUMP) | (ratio < 1 / JUMP)]
    return [f"{r.indicator} {r.reporter}→{r.partner} {r.flow} {r.commodity} {r.period}: "
            f"{r.value:,.6g} {r.unit}, {r.value / r.value_serving:,.3g}× the value now "
            f"published ({r.value_serving:,.6g})" for r in bad.head(10).itertuples()]


def outliers(new: pd.DataFrame) -> list[str]:
    problems = []
    for _, series in new[new["value"] > 0].groupby(SERIES, sort=False):
        if len(series) < 4:
            continue
        median = series["value"].median()
        bad = series[series["value"] > JUMP * median]
        problems += [f"{r.indicator} {r.reporter}→{r.partner} {r.flow} {r.commodity} "
                     f"{r.period}: {r.value:,.6g} {r.unit} is over {JUMP:g}× its series' "
                     f"median ({median:,.6g})" for r in bad.head(5).itertuples()]
    return problems


def missing_months(new: pd.DataFrame) -> list[str]:
    monthly = new[(new["freq"] == "M") & ~new["cumulative"] & (new["commodity"] == "TOTAL")
                  & (new["indicator"] == "trade_value")]
    problems = []
    for _, series in monthly.groupby(SERIES, sort=False):
        months = pd.PeriodIndex(series["period"], freq="M")
        expected = pd.period_range(months.min(), months.max(), freq="M")
        gaps = sorted(set(expected) - set(months))
        if gaps:
            r = series.iloc[0]
            problems.append(f"{r.indicator} {r.reporter}→{r.partner} {r.flow}: month(s) "
                            f"{', '.join(str(g) for g in gaps[:6])} missing between "
                            f"{months.min()} and {months.max()}")
    return problems


def implausible(new: pd.DataFrame, serving: pd.DataFrame) -> list[str]:
    """Every reason to refuse `new` (a live source's rows), given the serving observations."""
    values = new[new["value"].notna()]
    return jumps(values, serving) + outliers(values) + missing_months(values)

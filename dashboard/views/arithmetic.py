"""ARITHMETIC STILL DONE IN THE DASHBOARD — every new number the views compute, in one place.

The rule is that every number on screen is computed once, in the ETL, with provenance
(`derived` rows naming their inputs); the views only select and format. The functions here break
that rule and are waiting for the pipeline's derive steps to publish their results:

function          what it computes                       what is to replace it
balance           exports − imports in the chosen        derived balance rows in each currency
                  currency
growth            change on a year earlier in that       derived growth rows in each currency
                  currency (the pipeline leaves bounded  (which then follow the pipeline's rule)
                  figures out of growth; this does not)
reported_yuan     yuan figures customs published, in     "as reported" yuan rows
                  place of converted dollars
settlement_sums   roubles + yuan shares of one release   derived RUB+CNY settlement rows
gaps              a figure against the reference figure  derived gap rows (or quality_flags)
                  (value and %)
points_apart      a statement against the nearest        derived gap rows
                  published share (percentage points)
chapter_groups    the largest HS chapters or sections    derived chapter group and section rows
                  and "Other", summed per year
shares            each part's share of its whole         derived share rows

When a derive step publishes one of these, the view selects its rows and the function goes.
"""

from __future__ import annotations

import pandas as pd

from dashboard.views.columns import RATE_BLANKS
from dashboard.views.common import best_rows, text
from etl.derive.common import combined_qualifier, origins
from etl.periods import year_earlier

YUAN_KEY = ["reporter", "partner", "flow", "commodity", "period", "freq"]


def balance(rows: pd.DataFrame) -> pd.DataFrame:
    """Exports minus imports of the same period, from exactly the rows drawn."""
    exports = rows[rows["flow"] == "export"].set_index("period")
    imports = rows[rows["flow"] == "import"].set_index("period")
    out = []
    for period in exports.index.intersection(imports.index):
        e, i = exports.loc[period], imports.loc[period]
        out.append(
            {
                **{c: e[c] for c in ("reporter", "partner", "commodity", "freq", "year")},
                "flow": "balance",
                "period": period,
                "value": e["value"] - i["value"],
                "unit": e["unit"],
                "amount": e["amount"] - i["amount"],
                "amount_unit": e["amount_unit"],
                "conversion": "difference of the values shown"
                if e["conversion"] or i["conversion"]
                else "",
                **RATE_BLANKS,
                "valuation": "FOB−CIF",
                "qualifier": combined_qualifier(e["qualifier"], i["qualifier"]),
                "status": "derived",
                "source_id": "derived-balance",
                "derived_from": origins(
                    e["source_id"], e["derived_from"], i["source_id"], i["derived_from"]
                ),
                "publisher": "This project (computed by the pipeline)",
                "title": "Trade balance",
                "url": "",
                "date_published": "",
                "note": "exports minus imports of the same period, both as shown",
            }
        )
    return pd.DataFrame(out)


def growth(frame: pd.DataFrame) -> pd.DataFrame:
    """Change on the same period a year earlier, within each flow, from the amounts shown.
    Adds `growth` (%), `year_earlier_period` and `year_earlier_value`."""
    rows = []
    for _, series in frame.groupby("flow", sort=False):
        by_period = series.set_index("period")
        for period, row in by_period.iterrows():
            earlier = year_earlier(period)
            if earlier not in by_period.index:
                continue
            before = by_period.loc[earlier, "amount"]
            if before == 0 or pd.isna(before):
                continue
            rows.append(
                {
                    **row.to_dict(),
                    "period": period,
                    "growth": (row["amount"] / before - 1.0) * 100.0,
                    "year_earlier_period": earlier,
                    "year_earlier_value": before,
                }
            )
    return pd.DataFrame(
        rows, columns=[*frame.columns, "growth", "year_earlier_period", "year_earlier_value"]
    )


def reported_yuan(usd_rows: pd.DataFrame, trade: pd.DataFrame, out: pd.DataFrame) -> pd.DataFrame:
    """Where customs published the yuan figure itself, show it as reported, not converted."""
    if usd_rows.empty:
        return out
    wanted = usd_rows[YUAN_KEY].drop_duplicates()
    yuan = trade[(trade["unit"] == "CNY") & (trade["status"] != "derived")]
    yuan = best_rows(yuan.merge(wanted, on=YUAN_KEY), YUAN_KEY)
    if yuan.empty:
        return out
    yuan = yuan.assign(
        amount=yuan["value"], amount_unit="CNY", conversion="as reported (yuan)", **RATE_BLANKS
    )
    replaced = out.merge(yuan[YUAN_KEY], on=YUAN_KEY, how="left", indicator=True)
    kept = out[(replaced["_merge"] == "left_only").to_numpy()]
    return pd.concat(
        [kept, yuan[[c for c in kept.columns if c in yuan.columns]]], ignore_index=True
    )


def settlement_sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Add "RUB+CNY" rows where one release gives the rouble and the yuan shares separately."""
    key = ["partner", "flow", "period", "freq", "source_id"]
    rub = rows[rows["currency"] == "RUB"].set_index(key)
    cny = rows[rows["currency"] == "CNY"].set_index(key)
    given = rows[rows["currency"] == "RUB+CNY"].set_index(key).index
    extra = []
    for k in rub.index.intersection(cny.index):
        if k in given:
            continue
        r, c = rub.loc[k], cny.loc[k]
        r = r.iloc[0] if isinstance(r, pd.DataFrame) else r
        c = c.iloc[0] if isinstance(c, pd.DataFrame) else c
        extra.append(
            {
                **r.to_dict(),
                **dict(zip(key, k, strict=True)),
                "currency": "RUB+CNY",
                "value": r["value"] + c["value"],
                "qualifier": "exact" if r["qualifier"] == c["qualifier"] == "exact" else "approx",
                "note": f"roubles {r['value']:g}% + yuan {c['value']:g}% as published in the "
                "same release (sum computed here)",
                "quote": "",
            }
        )
    if not extra:
        return rows
    return pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)


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
    totals = rows.groupby(key)["amount"].sum().sort_values(ascending=False)
    top = list(totals.index[:top_n])
    rows = rows.assign(
        group=[g if g in top else "other" for g in rows[key]],
        group_name=[n if g in top else other for g, n in zip(rows[key], rows[name], strict=True)],
    )
    joined = ("commodity", "conversion", "source_id", "publisher", "title", "url",
              "date_published")
    grouped = (
        rows.groupby(["group", "group_name", "period"], sort=False)
        .agg(amount=("amount", "sum"), **{c: (c, _join) for c in joined})
        .rename(columns={"commodity": "chapters"})
        .reset_index()
    )
    return grouped, top


def shares(amounts: pd.Series, wholes: pd.Series) -> pd.Series:
    """Each amount as a percentage of its whole."""
    return amounts / wholes * 100.0

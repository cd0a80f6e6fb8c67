"""What the rules for statements found in any article share: the tier of a row, the best
evidence first, citing a row with its tier, comparing a stated figure with the data, and
selecting the rows of a period.

Tolerance follows the writer: a figure is read to the precision it was written with ("about
$245 billion" is 244.5–245.5 bn or within 3%), "more than" and "nearly" are bounds, and a
figure off by a little more than its rounding (within 2%) is "supported with caveats".
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.context import converted, evidence_tier
from etl.claims.evidence import evidence, period_end, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.rules import Context
from etl.derive.common import QUALIFIER_RANK, STATUS_RANK, fmt
from etl.periods import label
from etl.vocabulary import standard

TIER_ORDER = standard().ranks("tier")  # official 0, wire 1, press 2, reprint 3
# A sources table without `tier` (a snapshot built before it existed, a test fixture): the
# source's kind says roughly the same thing.
KIND_TIER = {"statistical_table": "official", "api": "official", "press": "press",
             "analysis": "press", "reference_work": "reprint"}
APPROX_BAND = 0.03  # "about": within 3%
CLOSE_BAND = 0.02  # exact figure a little off its rounding: supported with caveats
NEARLY_BAND = 0.05  # "nearly 250": 237.5–250
PCT_CLOSE = 0.5  # percentage points


def _tier_table(ctx: Context) -> dict[str, str]:
    """source_id -> tier: the sources table's `tier`; where it has none, the source's kind
    stands in for it (the pipeline's own methods, kind `derived`, have none)."""
    sources = ctx.sources
    kinds = sources["kind"] if "kind" in sources.columns else [""] * len(sources)
    stated = sources["tier"] if "tier" in sources.columns else [""] * len(sources)
    return {
        sid: (str(t) if isinstance(t, str) and t else
              "" if k == "derived" else KIND_TIER.get(str(k), "press"))
        for sid, k, t in zip(sources.index, kinds, stated, strict=True)
    }


def _document_id(source_id: str, derived_from: str) -> str:
    """The document behind a row: its source, or for a computed row its first input that is a
    document (not another computation)."""
    if source_id.startswith("derived-") and derived_from:
        inputs = derived_from.split(";")
        return next((i for i in inputs if not i.startswith("derived-")), inputs[0])
    return source_id


def _row_tier(table: dict[str, str], source_id: str, derived_from: str, status: str) -> str:
    """The shared rule (etl.claims.context.evidence_tier): a computed figure (the pipeline's,
    or a curated row of status `derived`) has the weakest tier of the documents it was
    computed from."""
    is_computed = bool(derived_from) and (source_id.startswith("derived-") or status == "derived")
    return evidence_tier(table, source_id, derived_from, is_computed) or "unknown"


def tiers(ctx: Context, rows: pd.DataFrame) -> pd.Series:
    table = _tier_table(ctx)
    return pd.Series([_row_tier(table, str(s), str(d or ""), str(st))
                      for s, d, st in zip(rows["source_id"], rows["derived_from"],
                                          rows["status"], strict=True)],
                     index=rows.index, dtype=object)


def tier(ctx: Context, row: pd.Series) -> str:
    return _row_tier(_tier_table(ctx), str(row["source_id"]), str(row.get("derived_from") or ""),
                     str(row.get("status") or ""))


def best_first(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """Best evidence first, as etl/claims/evidence.py orders it: a figure stated in its currency
    before a conversion, then tier, then the project's usual preference (sourced over derived,
    exact over bounds, the most recent document). The frames here are a handful of rows, so the
    ranks are applied row-wise, which is much faster than sorting a frame."""
    if len(rows) <= 1:
        return rows
    table, published = _tier_table(ctx), ctx.published
    keys = [
        (converted(str(sid), str(d or "")),
         TIER_ORDER.get(_row_tier(table, str(sid), str(d or ""), str(status)), 4),
         STATUS_RANK.get(status, 9), QUALIFIER_RANK.get(qualifier, 9),
         _descending(published.get(sid, "") or ""), str(sid))
        for sid, d, status, qualifier in zip(rows["source_id"], rows["derived_from"],
                                             rows["status"], rows["qualifier"], strict=True)
    ]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return rows.iloc[order]


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that puts later ISO dates first."""
    return tuple(-ord(ch) for ch in text) + (1,)


def cite_with_tier(ctx: Context, row: pd.Series) -> str:
    """'TASS, 2024-09-10; tier: press'; a computed figure names the document it starts from."""
    sid = str(row["source_id"])
    if sid.startswith("derived-"):
        document = _document_id(sid, str(row.get("derived_from") or ""))
        cited = f"computed from {ctx.cite(pd.Series({'source_id': document}))}"
    else:
        cited = ctx.cite(row)
    return f"{cited}; tier: {tier(ctx, row)}"


def compare(claimed: float, qualifier: str, precision: float, actual: float,
            unit: str) -> str:
    """'match', 'close' or 'off': how a stated figure stands to the data."""
    rounding = precision / 2 + abs(claimed) * 1e-9
    scale = max(abs(claimed), 1e-12)
    diff = actual - claimed
    close = PCT_CLOSE if unit in ("pct", "pp") else scale * CLOSE_BAND
    if qualifier == "approx":
        band = max(rounding, (PCT_CLOSE if unit in ("pct", "pp") else scale * APPROX_BAND))
        return "match" if abs(diff) <= band else "close" if abs(diff) <= 2 * band else "off"
    if qualifier == "nearly":
        # "nearly 250": 237.5–250; "nearly a fifth" (a share in words): 15–20%
        low = claimed - (max(PCT_CLOSE * 2, precision) if unit in ("pct", "pp")
                         else scale * NEARLY_BAND)
        return "match" if low <= actual <= claimed + rounding else (
            "close" if low - close <= actual <= claimed + close else "off")
    if qualifier == "lower_bound":
        return "match" if actual > claimed - rounding else "close" if actual > claimed - close \
            else "off"
    if qualifier == "at_least":
        return "match" if actual >= claimed - rounding else "close" if actual >= claimed - \
            close else "off"
    if qualifier == "upper_bound":
        return "match" if actual < claimed + rounding else "close" if actual < claimed + close \
            else "off"
    if abs(diff) <= rounding:
        return "match"
    return "close" if abs(diff) <= rounding + close else "off"


def rows_for(ctx: Context, p: dict[str, Any], flow: str | None = None) -> tuple[
        pd.DataFrame, tuple[str, str, bool] | None]:
    """The rows of the first candidate period that has any (`p['periods']`), and that period;
    with `any_period`, every row before the article. With `parts_from_year_to_date`, a quarter
    or half no source gives is computed from two year-to-date totals (see `part_of_year`)."""
    base = select(ctx.obs, indicator=p["indicator"], reporter=p["reporter"],
                  partner=p["partner"], flow=flow or p.get("flow"),
                  commodity=p.get("commodity"), unit=p.get("unit"),
                  currency=p.get("currency"))
    # only periods over by the article's date count (a later period's figure is "since then")
    base = split_by_date(base[base["value"].notna()], ctx.as_of)[0]
    if p.get("any_period"):
        return base, None
    for period, freq, cumulative in p.get("periods") or []:
        rows = base[(base["period"] == period) & (base["freq"] == freq)
                    & (base["cumulative"] == bool(cumulative))]
        if not rows.empty:
            return rows, (period, freq, bool(cumulative))
    if p.get("parts_from_year_to_date"):
        for period, freq, cumulative in p.get("periods") or []:
            if freq in ("Q", "H") and not cumulative:
                rows = part_of_year(ctx, base, period, freq)
                if not rows.empty:
                    return rows, (period, freq, False)
    return base.iloc[0:0], None


def part_of_year(ctx: Context, base: pd.DataFrame, period: str, freq: str) -> pd.DataFrame:
    """A quarter or a half as the difference of two year-to-date totals of one year (the second
    quarter: January–June minus January–March; the second half: the year minus January–June),
    each the best evidence for its period; a computed row, citing both."""
    year, number = int(period[:4]), int(period[-1])
    months = 3 if freq == "Q" else 6
    end, start = number * months, (number - 1) * months
    if start == 0:
        return base.iloc[0:0]

    def ytd(month: int) -> pd.DataFrame:
        if month == 12:
            rows = base[(base["period"] == str(year)) & (base["freq"] == "A")]
        else:
            rows = base[(base["period"] == f"{year}-{month:02d}") & (base["freq"] == "M")
                        & base["cumulative"]]
        return best_first(ctx, rows[rows["qualifier"] == "exact"])

    later, earlier = ytd(end), ytd(start)
    if later.empty or earlier.empty:
        return base.iloc[0:0]
    a, b = later.iloc[0], earlier.iloc[0]
    row = a.copy()
    row["period"], row["freq"], row["cumulative"] = period, freq, False
    row["value"] = a["value"] - b["value"]
    row["status"], row["source_id"] = "derived", "derived-ytd-difference"
    row["derived_from"] = ";".join(dict.fromkeys([str(a["source_id"]), str(b["source_id"])]))
    row["quote"], row["speaker"] = "", ""
    row["note"] = (f"computed here: {label(a['period'], a['freq'], a['cumulative'])} "
                   f"{fmt(a['value'], a['unit'])} ({a['source_id']}) − "
                   f"{label(b['period'], b['freq'], b['cumulative'])} "
                   f"{fmt(b['value'], b['unit'])} ({b['source_id']})")
    return pd.DataFrame([row])


def what_of(ctx: Context, p: dict[str, Any], flow: str | None = None) -> str:
    flow = flow or p.get("flow", "")
    what = p.get("what")
    if what:
        return what
    china, russia = ctx.name("CHN"), ctx.name("RUS")
    return {
        "export": f"{china}'s exports to {russia}",
        "import": f"{china}'s imports from {russia} ({russia}'s exports to {china})",
        "total": f"{china}–{russia} trade",
        "balance": f"{china}'s trade balance with {russia}",
    }.get(flow, p.get("indicator", ""))


def period_label(found: tuple[str, str, bool] | None, row: pd.Series) -> str:
    if found is None:
        return label(row["period"], row["freq"], row["cumulative"])
    return label(*found)


def not_over(ctx: Context, periods: list) -> str:
    """' Jan–Dec 2024 had not ended when the article was written.' for a candidate period that
    ends after the article's date ('' otherwise)."""
    late = [c for c in periods if period_end(c[0], c[1]) > ctx.as_of]
    return f" {label(*late[0])} had not ended when the article was written." if late else ""


def unresolved(ctx: Context, p: dict[str, Any]) -> Outcome:
    return Outcome("unresolved", p["reason"], evidence(ctx.obs.iloc[0:0], "evidence"), "none")



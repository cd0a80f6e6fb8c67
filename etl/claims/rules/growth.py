"""Growth claims: "ties have strengthened over the past decade"."""

from __future__ import annotations

from typing import Any

from etl.claims.context import Context
from etl.claims.evidence import (
    best,
    combine,
    evidence,
    select,
)
from etl.claims.model import Outcome
from etl.claims.wording import (
    context_sentences,
    sentence_list,
)
from etl.derive.common import fmt


def growth_over_years(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, years = p["reporter"], p["partner"], int(p["years"])
    values = select(
        ctx.obs,
        indicator="trade_value",
        reporter=reporter,
        partner=partner,
        flow="total",
        commodity="TOTAL",
        unit="USD",
        freq="A",
    )
    values = values[values["qualifier"].isin(["exact", "approx"])]
    top = best(values, ["period"], ctx)
    top = top.assign(year=top["period"].astype(int)).sort_values("year")
    end_year = ctx.reference_year
    window = top[(top["year"] >= end_year - years) & (top["year"] <= end_year)]
    if window.empty or window["year"].max() != end_year:
        return Outcome(
            "not_checkable",
            f"No total for {end_year} is in the snapshot.",
            evidence(top, "evidence"),
            "value_timeline",
        )
    start, end = window.iloc[0], window.iloc[-1]
    ratio = end["value"] / start["value"]
    verdict = (
        "supported"
        if ratio >= float(p["supported_ratio"])
        else "supported_with_caveats"
        if ratio > 1
        else "contradicted"
    )
    explanation = (
        f"China's trade with Russia went from {fmt(start['value'], 'USD')} in "
        f"{start['period']} to {fmt(end['value'], 'USD')} in {end['period']} "
        f"({ratio:.1f}×; {ctx.cite(end)})."
    )
    caveats = []
    if int(start["period"]) > end_year - years:
        caveats.append(
            f"No total for {end_year - years} is in the snapshot; the window starts in "
            f"{start['period']}."
        )
    falls = []
    previous = None
    for _, row in window.iterrows():
        if previous is not None and row["value"] < previous["value"]:
            falls.append(f"{row['period']} ({(row['value'] / previous['value'] - 1) * 100:+.1f}%)")
        previous = row
    if falls:
        caveats.append("Trade fell in some years: " + sentence_list(falls) + ".")
    sentences, context_before, context_after = context_sentences(
        ctx, p.get("context", []), start_year=end_year - years
    )
    if sentences:
        explanation += " " + "; ".join(sentences) + "."
    caveats.append(
        "Trade is one measure of ties; diplomatic and military ties are not in the data."
    )
    later = top[top["year"] > end_year]
    if not later.empty:
        caveats.append(
            "Since the article: "
            + "; ".join(
                f"{r['period']}: {fmt(r['value'], 'USD')} ({ctx.cite(r)})"
                for _, r in later.iterrows()
            )
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(top[top["year"] <= end_year].drop(columns="year"), "evidence"),
            evidence(later.drop(columns="year"), "since"),
            evidence(context_before, "context"),
            evidence(context_after, "since"),
        ),
        "value_timeline",
        caveats,
        [],
        convention_used="China's customs (GACC) totals in US dollars, as reported",
        headline=f"China–Russia trade {start['period']}–{end['period']}: {ratio:.1f}×",
    )

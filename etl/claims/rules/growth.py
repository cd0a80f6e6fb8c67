"""Growth claims: "ties have strengthened over the past decade"."""

from __future__ import annotations

from typing import Any

from etl.claims.context import Context, needs
from etl.claims.evidence import (
    best,
    combine,
    evidence,
    select,
)
from etl.claims.model import Outcome
from etl.claims.wording import context_sentences, sentence_list, tier_note
from etl.derive.common import fmt

RATIO_BAND = 0.1  # "doubled" is 1.8–2.2 times; "nearly doubled" 1.8–2 times


def ratio_holds(ratio: float, claimed: float, qualifier: str) -> bool:
    """Does a multiple stated in words ("more than doubled") hold for the ratio found?"""
    if qualifier == "lower_bound":
        return ratio > claimed
    if qualifier == "nearly":
        return claimed * (1 - RATIO_BAND) <= ratio <= claimed
    band = 2 * RATIO_BAND if qualifier == "approx" else RATIO_BAND  # "roughly doubled"
    return abs(ratio / claimed - 1) <= band


@needs("reporter", "partner", "years", "supported_ratio")
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
        f"{ctx.name(reporter)}'s trade with {ctx.name(partner)} went from "
        f"{fmt(start['value'], 'USD')} in {start['period']} ({ctx.cite(start)}) to "
        f"{fmt(end['value'], 'USD')} in {end['period']} ({ctx.cite(end)}), {ratio:.1f}×."
    )
    if p.get("claimed_ratio"):  # "more than doubled", "tripled": a multiple, stated
        holds = ratio_holds(ratio, float(p["claimed_ratio"]), p.get("ratio_qualifier", "exact"))
        verdict = "supported" if holds else "contradicted"
        explanation += (f" The article's “{p.get('claimed_text', '')}” (×{p['claimed_ratio']:g}) "
                        + ("holds." if holds else "does not."))
    support = tier_note(ctx, top[top["year"] == int(end["period"])], f"the {end['period']} total")
    if support:
        explanation += " " + support
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
    caveats.extend(p.get("notes", []))
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
        convention_used="total trade in US dollars, best evidence for each year: "
        + sentence_list(list(dict.fromkeys(
            ctx.cite(r).removeprefix("computed from ").split(",")[0]
            for _, r in window.iterrows()))),
        headline=f"{ctx.name(reporter)}–{ctx.name(partner)} trade "
        f"{start['period']}–{end['period']}: {ratio:.1f}×",
    )

"""Rank claims: "China is Russia's top trading partner", "Russia is China's fifth-largest"."""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.context import Context
from etl.claims.evidence import best_first, chronological, combine, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.wording import (
    context_sentences,
    convention_phrase,
    ordinal,
    rank_text,
)
from etl.derive.common import QUALIFIER_RANK
from etl.periods import year_of
from etl.schema import BASES


def partner_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, claimed = p["reporter"], p["partner"], int(p["claimed_rank"])
    convention = p["claimed_convention"]
    ranks = select(
        ctx.obs,
        indicator="partner_rank",
        reporter=reporter,
        partner=partner,
        flow="total",
        commodity="TOTAL",
    )
    ranks = ranks[ranks["value"].notna()]
    before, after = split_by_date(ranks, ctx.as_of)
    annual = before[before["freq"] == "A"]
    whose = f"{ctx.name(reporter)}'s"
    if annual.empty:
        return Outcome(
            "not_checkable",
            f"The snapshot has no ranking of {ctx.name(partner)} among {whose} trading partners.",
            evidence(ranks, "evidence"),
            "rank_timeline",
        )

    def latest_under(basis: str) -> pd.Series | None:
        rows = annual[annual["basis"] == basis]
        if rows.empty:
            return None
        year = rows["period"].max()
        rows = rows[rows["period"] == year]
        return best_first(
            rows.assign(_q=rows["qualifier"].map(QUALIFIER_RANK))
            .sort_values("_q", kind="mergesort")
            .drop(columns="_q"),
            ctx,
        ).iloc[0]

    def consistent(row: pd.Series) -> bool:
        """Does the claimed rank lie inside what the row allows? An upper bound ("in the top
        5") allows ranks 1..5; a lower bound ("6th or lower") allows 6 and beyond."""
        if row["qualifier"] == "upper_bound":
            return claimed <= row["value"]
        if row["qualifier"] == "lower_bound":
            return claimed >= row["value"]
        return row["value"] == claimed

    main = latest_under(convention)
    caveats: list[str] = []
    if main is None:
        main = latest_under("unspecified")
        if main is None:
            return Outcome(
                "not_checkable",
                f"No ranking {convention_phrase(convention)} is in the snapshot.",
                evidence(ranks, "evidence"),
                "rank_timeline",
            )
        caveats.append("The ranking found does not state its convention.")
    year = main["period"]
    if int(year) < ctx.reference_year:
        caveats.append(
            f"The latest ranking {convention_phrase(main['basis'])} before the "
            f"article is for {year}; none for {ctx.reference_year} is in the snapshot."
        )
    alternatives, agreeing = [], []
    for basis in ("countries_only", "incl_hk_tw", "blocs_as_units"):
        if basis == main["basis"]:
            continue
        other = latest_under(basis)
        if other is None:
            continue
        phrase = (
            f"{convention_phrase(basis)}, {ctx.name(partner)} ranked "
            f"{rank_text(other)} in {other['period']} ({ctx.cite(other)})"
        )
        (agreeing if consistent(other) else alternatives).append(phrase)
    holds = consistent(main)
    if main["qualifier"] in ("upper_bound", "lower_bound"):
        caveats.append(f"The source gives only a bound ({rank_text(main)}), not an exact rank.")
    statement = (
        f"{ctx.name(partner)} ranked {rank_text(main)} among {whose} trading "
        f"partners in {year} {convention_phrase(main['basis'])} ({ctx.cite(main)})"
    )
    if holds:
        verdict = "supported_with_caveats" if (alternatives or caveats) else "supported"
        explanation = f"{statement}, as the article says."
        if alternatives:
            explanation += (
                " The rank depends on who counts as a partner: " + "; ".join(alternatives) + "."
            )
    else:
        verdict = "contradicted"
        explanation = f"{statement}, not {ordinal(claimed)} as the article says."
        if agreeing:
            explanation += " Only " + "; ".join(agreeing) + "."
    if p.get("became_after"):
        tops = chronological(before[(before["value"] == 1)])
        if not tops.empty and year_of(tops.iloc[0]["period"]) < int(p["became_after"]):
            first = tops.iloc[0]
            caveats.append(
                f"{ctx.name(partner)} was already {whose} largest trading partner in "
                f"{first['period']} ({ctx.cite(first)}), before "
                f"{p.get('became_after_label', p['became_after'])}: "
                f"it did not become the top partner because of the sanctions."
            )
            if verdict == "supported":
                verdict = "supported_with_caveats"
    sentences, context_before, context_after = context_sentences(ctx, p.get("context", []))
    if sentences:
        explanation += " " + "; ".join(sentences) + "."
    since = chronological(after[after["freq"] == "A"])
    if not since.empty:
        caveats.append(
            "Since the article: "
            + "; ".join(
                f"{ctx.name(partner)} {rank_text(r)} in {r['period']} "
                f"{convention_phrase(r['basis'])} ({ctx.cite(r)})"
                for _, r in since.iterrows()
            )
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(after, "since"),
            evidence(context_before, "context"),
            evidence(context_after, "since"),
        ),
        "rank_timeline",
        caveats,
        [f"Counting differently: {a}." for a in alternatives],
        convention_used=BASES[main["basis"]],
        headline=f"{ctx.name(partner)}: {rank_text(main)} among {whose} partners in {year}, "
        f"{convention_phrase(main['basis'])}",
    )

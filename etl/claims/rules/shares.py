"""Share claims: "China primarily relies on Russian gas and oil" (what a flow is made of)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.context import Context
from etl.claims.evidence import (
    chronological,
    combine,
    evidence,
    select,
    split_by_date,
)
from etl.claims.model import Outcome
from etl.claims.wording import (
    value_text,
)
from etl.periods import label, year_of


def composition_share(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, flow = p["reporter"], p["partner"], p["flow"]
    mirror = {"import": "export", "export": "import"}[flow]
    shares = pd.concat(
        [
            select(
                ctx.obs,
                indicator="commodity_share",
                reporter=reporter,
                partner=partner,
                flow=flow,
                commodity=p["commodity"],
            ),
            select(
                ctx.obs,
                indicator="commodity_share",
                reporter=partner,
                partner=reporter,
                flow=mirror,
                commodity=p["commodity"],
            ),
        ]
    )
    detail = select(
        ctx.obs,
        indicator="commodity_share",
        reporter=reporter,
        partner=partner,
        flow=flow,
        commodity=p.get("detail_commodity"),
    )
    if not p.get("detail_commodity"):
        # select() ignores a None filter: without a detail commodity, every share would pass
        # for "crude oil alone"
        detail = detail.iloc[0:0]
    before, after = split_by_date(chronological(shares), ctx.as_of)
    detail_before, detail_after = split_by_date(chronological(detail), ctx.as_of)
    threshold = float(p["more_than"])
    if before.empty:
        return Outcome(
            "not_checkable",
            "No figure for the commodity's share is in the snapshot.",
            evidence(shares, "evidence"),
            "share_timeline",
        )
    latest = before.iloc[-1]
    holds = latest["value"] > threshold or (
        latest["qualifier"] == "lower_bound" and latest["value"] >= threshold
    )
    when = label(latest["period"], latest["freq"], latest["cumulative"])
    explanation = (
        f"Energy made up {value_text(latest)} of what {ctx.name(reporter)} bought "
        f"from {ctx.name(partner)} in {when} ({ctx.cite(latest)})"
        + (", the latest such figure before the article." if holds else ".")
    )
    caveats, alternatives = [], []
    if year_of(latest["period"]) < ctx.reference_year:
        caveats.append(
            f"No energy share for {ctx.reference_year} is in the snapshot; the latest "
            f"is for {when}."
        )
    if "coal" in latest["note"].lower():
        caveats.append("These energy figures include coal, not only oil and gas.")
    if not detail_before.empty:
        crude = detail_before.iloc[-1]
        caveats.append(
            f"Crude oil alone was {value_text(crude)} of {ctx.name(reporter)}'s "
            f"{flow}s from {ctx.name(partner)} in "
            f"{label(crude['period'], crude['freq'], crude['cumulative'])} "
            f"({ctx.cite(crude)})."
        )
    supplier_rows, gas_rows = pd.DataFrame(), pd.DataFrame()
    if p.get("supplier_share"):
        supplier_rows = select(ctx.obs, **p["supplier_share"])
        s_before = chronological(split_by_date(supplier_rows, ctx.as_of)[0])
        if not s_before.empty:
            s = s_before.iloc[-1]
            alternatives.append(
                f"Read as “China relies mainly on Russia for its oil”, the statement does not "
                f"hold: Russia supplied {value_text(s)} of China's crude imports in "
                f"{label(s['period'], s['freq'])} ({ctx.cite(s)}) — its largest supplier, but "
                f"far from most of it."
            )
    if p.get("gas"):
        gas_rows = select(ctx.obs, **p["gas"])
        g_before = chronological(split_by_date(gas_rows, ctx.as_of)[0])
        if not g_before.empty:
            g = g_before.iloc[-1]
            caveats.append(
                f"Pipeline gas (Power of Siberia) deliveries reached {value_text(g)} "
                f"in {g['period']} ({ctx.cite(g)})."
            )
    verdict = ("supported_with_caveats" if caveats else "supported") if holds else "contradicted"
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(detail_before, "evidence"),
            evidence(after, "since"),
            evidence(detail_after, "since"),
            evidence(split_by_date(supplier_rows, ctx.as_of)[0], "context")
            if not supplier_rows.empty
            else pd.DataFrame(),
            evidence(split_by_date(gas_rows, ctx.as_of)[0], "context")
            if not gas_rows.empty
            else pd.DataFrame(),
        ),
        "share_timeline",
        caveats,
        alternatives,
        convention_used=(
            f"share of {ctx.name(reporter)}'s {flow}s from {ctx.name(partner)} by value"
        ),
        headline=f"Energy: {value_text(latest)} of {ctx.name(reporter)}'s {flow}s from "
        f"{ctx.name(partner)} ({when})",
        chart_params={"threshold": threshold},
    )

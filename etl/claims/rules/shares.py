"""Share claims: "China primarily relies on Russian gas and oil" (what a flow is made of).

The share a product has in a flow swings from quarter to quarter with prices and shipments, so
the rule leads with the figures that cover most of a year (`min_months`, default 8) and shows
the shorter ones beside them. Params (data/claims.yaml): reporter, partner, flow, commodity,
more_than; optionally what (the product in words), min_months, robust_reason, detail_commodity
(a part of the product, e.g. crude oil), other_reading with supplier_share, supplier_rank and
gas_share (the partner's share of the reporter's imports), deliveries and deliveries_label.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.context import Context, needs
from etl.claims.evidence import best, chronological, combine, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.wording import sentence_list, tier_note, value_text
from etl.derive.common import fmt
from etl.periods import end_month, label, year_of

MIRROR = {"import": "export", "export": "import"}


def months_covered(period: str, freq: str, cumulative: bool) -> int:
    if freq == "A":
        return 12
    if cumulative:
        return end_month(period, freq)
    return {"H": 6, "Q": 3, "M": 1}.get(freq, 0)


@needs("reporter", "partner", "flow", "commodity", "more_than")
def composition_share(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, flow = p["reporter"], p["partner"], p["flow"]
    what = p.get("what", f"HS {p['commodity']}")
    shares = pd.concat([
        select(ctx.obs, indicator="commodity_share", reporter=reporter, partner=partner,
               flow=flow, commodity=p["commodity"]),
        select(ctx.obs, indicator="commodity_share", reporter=partner, partner=reporter,
               flow=MIRROR[flow], commodity=p["commodity"]),
    ])
    shares = shares[shares["value"].notna()]
    before, after = split_by_date(chronological(shares), ctx.as_of)
    threshold = float(p["more_than"])
    if before.empty:
        return Outcome("not_checkable", f"No figure for the share of {what.lower()} is in the "
                       "snapshot.", evidence(shares, "evidence"), "share_timeline")
    min_months = int(p.get("min_months", 8))
    long = before[[months_covered(r.period, r.freq, r.cumulative) >= min_months
                   for r in before.itertuples()]]
    short = before.drop(index=long.index)
    lead = best(long if not long.empty else before, ["period", "freq", "cumulative"], ctx)
    lead = chronological(lead)
    latest = lead.iloc[-1]

    def above(row: pd.Series) -> bool:
        return row["value"] > threshold or (row["qualifier"] == "lower_bound"
                                            and row["value"] >= threshold)

    holds = all(above(r) for _, r in lead.iterrows())
    whose = f"what {ctx.name(reporter)} bought from {ctx.name(partner)}" if flow == "import" \
        else f"what {ctx.name(reporter)} sold to {ctx.name(partner)}"
    if len(lead) > 1:
        low, high = lead["value"].min(), lead["value"].max()
        explanation = (
            f"{what} made up {fmt(low, 'pct')}–{fmt(high, 'pct')} of {whose} in the "
            f"{len(lead)} figures that cover at least {min_months} months of a year, from "
            f"{label(lead.iloc[0]['period'], lead.iloc[0]['freq'], lead.iloc[0]['cumulative'])} "
            f"to {label(latest['period'], latest['freq'], latest['cumulative'])}; the latest, "
            f"{value_text(latest)} ({ctx.cite(latest)})."
        )
    else:
        explanation = (
            f"{what} made up {value_text(latest)} of {whose} in "
            f"{label(latest['period'], latest['freq'], latest['cumulative'])} "
            f"({ctx.cite(latest)})."
        )
    support = tier_note(ctx, pd.DataFrame([latest]), "the latest of these figures")
    if support:
        explanation += " " + support
    caveats, alternatives = [], []
    if not short.empty and not long.empty:
        caveats.append(
            "Figures for shorter periods are shown but do not lead"
            + (f" ({p['robust_reason']})" if p.get("robust_reason") else "") + ": "
            + "; ".join(f"{value_text(r)} in {label(r['period'], r['freq'], r['cumulative'])} "
                        f"({ctx.cite(r)})" for _, r in short.iterrows())
            + "."
        )
    if year_of(latest["period"]) < ctx.reference_year:
        caveats.append(f"No such figure for {ctx.reference_year} is in the snapshot; the latest "
                       f"is for {label(latest['period'], latest['freq'], latest['cumulative'])}.")
    if any("coal" in str(n).lower() for n in lead["note"]):
        caveats.append(f"These {what.lower()} figures include coal, not only oil and gas.")
    detail_before, detail_after = pd.DataFrame(), pd.DataFrame()
    if p.get("detail_commodity"):
        detail = select(ctx.obs, indicator="commodity_share", reporter=reporter, partner=partner,
                        flow=flow, commodity=p["detail_commodity"])
        detail_before, detail_after = split_by_date(chronological(detail), ctx.as_of)
        if not detail_before.empty:
            d = detail_before.iloc[-1]
            caveats.append(
                f"{p.get('detail_label', 'HS ' + p['detail_commodity'])} alone was "
                f"{value_text(d)} of {ctx.name(reporter)}'s {flow}s from {ctx.name(partner)} in "
                f"{label(d['period'], d['freq'], d['cumulative'])} ({ctx.cite(d)})."
            )
    context = []
    if p.get("other_reading"):
        reading, rows = _other_reading(ctx, p)
        if reading:
            alternatives.append(reading)
            context.append(rows)
    if p.get("deliveries"):
        rows = chronological(split_by_date(select(ctx.obs, **p["deliveries"]), ctx.as_of)[0])
        if not rows.empty:
            g = rows.iloc[-1]
            caveats.append(f"{p.get('deliveries_label', 'Deliveries')} reached {value_text(g)} "
                           f"in {g['period']} ({ctx.cite(g)}).")
            context.append(rows)
    verdict = ("supported_with_caveats" if caveats else "supported") if holds else "contradicted"
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(detail_before, "evidence"),
            evidence(after, "since"),
            evidence(detail_after, "since"),
            *(evidence(rows, "context") for rows in context),
        ),
        "share_timeline",
        caveats,
        alternatives,
        convention_used=(f"share of {ctx.name(reporter)}'s {flow}s from {ctx.name(partner)} by "
                         f"value, from figures covering at least {min_months} months"),
        headline=f"{what}: {value_text(latest)} of {ctx.name(reporter)}'s {flow}s from "
        f"{ctx.name(partner)} "
        f"({label(latest['period'], latest['freq'], latest['cumulative'])})",
        chart_params={"threshold": threshold},
    )


def _latest(ctx: Context, query: dict | None) -> pd.Series | None:
    if not query:
        return None
    rows = chronological(split_by_date(select(ctx.obs, **query), ctx.as_of)[0])
    rows = rows[rows["value"].notna()]
    return None if rows.empty else rows.iloc[-1]


def _other_reading(ctx: Context, p: dict[str, Any]) -> tuple[str, pd.DataFrame]:
    """The statement read the other way round: how much of the reporter's oil and gas came
    from the partner."""
    crude, rank, gas = (_latest(ctx, p.get(k)) for k in ("supplier_share", "supplier_rank",
                                                         "gas_share"))
    if crude is None:
        return "", pd.DataFrame()
    partner, reporter = ctx.name(p["partner"]), ctx.name(p["reporter"])
    parts = [f"{partner} supplied {value_text(crude)} of {reporter}'s crude oil imports in "
             f"{label(crude['period'], crude['freq'])} ({ctx.cite(crude)})"]
    if rank is not None and rank["value"] == 1:
        parts[0] += f", more than any other supplier ({rank['period']}, {ctx.cite(rank)})"
    if gas is not None:
        parts.append(f"{value_text(gas)} of its gas imports in "
                     f"{label(gas['period'], gas['freq'])}, the latest such figure "
                     f"({ctx.cite(gas)})")
    most = crude["value"] > 50 and (gas is None or gas["value"] > 50)
    verdict = "it holds" if most else "it does not hold"
    text = (f"{p['other_reading']}, {verdict}: " + sentence_list(parts)
            + ("" if most else " — far from most of either") + ".")
    return text, pd.DataFrame([r for r in (crude, rank, gas) if r is not None])

"""Rank claims: "China is Russia's top trading partner", "Russia is China's fifth-largest".

A rank depends on who counts as a partner, so the rule compares conventions within the same
year as the rank it judges, and says which years it could not compare. Params (data/claims.yaml):
reporter, partner, claimed_rank, claimed_convention; optionally
- continuity_word: the article's word for "still" ("remains"): the year before is checked too;
- became_after / became_after_label: a year the article ties the rank to (sanctions of 2014);
- rival: {partner, reading, after, after_label}: a bloc that changes the answer when counted as
  one partner (the EU), compared year by year on shares of trade or on values;
- readings_note: the article-specific sentence that weighs the two readings;
- context: other series to summarise beside the rank.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.context import Context, needs
from etl.claims.evidence import (
    best,
    best_first,
    chronological,
    combine,
    evidence,
    select,
    split_by_date,
    stack,
)
from etl.claims.model import Outcome
from etl.claims.wording import (
    context_sentences,
    convention_phrase,
    ordinal,
    rank_text,
    sentence_list,
    tier_note,
    upper_first,
    value_text,
)
from etl.derive.common import QUALIFIER_RANK
from etl.periods import year_of
from etl.schema import BASES, RANK_CONVENTIONS


@needs("reporter", "partner", "claimed_rank", "claimed_convention")
def partner_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    reporter, partner, claimed = p["reporter"], p["partner"], int(p["claimed_rank"])
    convention = p["claimed_convention"]
    ranks = select(ctx.obs, indicator="partner_rank", reporter=reporter, partner=partner,
                   commodity="TOTAL")
    ranks = ranks[ranks["value"].notna()]
    totals = ranks[ranks["flow"] == "total"]
    before, after = split_by_date(totals, ctx.as_of)
    annual = before[before["freq"] == "A"]
    whose = f"{ctx.name(reporter)}'s"
    if annual.empty:
        return Outcome(
            "not_checkable",
            f"The snapshot has no ranking of {ctx.name(partner)} among {whose} trading partners.",
            evidence(ranks, "evidence"),
            "rank_timeline",
        )

    def rank_in(basis: str, year: str | None = None) -> pd.Series | None:
        """The best-evidenced rank under `basis` in `year` (default: the latest year)."""
        rows = annual[annual["basis"] == basis]
        if rows.empty:
            return None
        rows = rows[rows["period"] == (year or rows["period"].max())]
        if rows.empty:
            return None
        ordered = rows.assign(_q=rows["qualifier"].map(QUALIFIER_RANK)).sort_values(
            "_q", kind="mergesort").drop(columns="_q")
        return best_first(ordered, ctx).iloc[0]

    def consistent(row: pd.Series) -> bool:
        """Does the claimed rank lie inside what the row allows? An upper bound ("in the top
        5") allows ranks 1..5; a lower bound ("6th or lower") allows 6 and beyond."""
        if row["qualifier"] == "upper_bound":
            return claimed <= row["value"]
        if row["qualifier"] == "lower_bound":
            return claimed >= row["value"]
        return row["value"] == claimed

    main = rank_in(convention)
    caveats: list[str] = []
    if main is None:
        main = rank_in("unspecified")
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
    alternatives, agreeing, missing = [], [], []
    for basis in RANK_CONVENTIONS:
        if basis == main["basis"]:
            continue
        other = rank_in(basis, year)
        if other is None:
            missing.append(basis)
            continue
        phrase = (f"{convention_phrase(basis)}, {ctx.name(partner)} ranked {rank_text(other)} "
                  f"({ctx.cite(other)})")
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
            explanation += (" In the same year the rank depends on who counts as a partner: "
                            + "; ".join(alternatives) + ".")
    else:
        verdict = "contradicted"
        explanation = f"{statement}, not {ordinal(claimed)} as the article says."
        if agreeing:
            explanation += f" In {year}, only " + "; ".join(agreeing) + "."
    support = tier_note(ctx, pd.DataFrame([main]), f"{ctx.name(partner)}'s {year} rank")
    if support:
        explanation += " " + support
    if missing:
        caveats.append(_missing_conventions(ctx, missing, year, rank_in, annual))
    exports = _flow_ranks(ctx, ranks, year)
    if exports:
        caveats.append(exports)
    if p.get("continuity_word"):
        caveat = _continuity(ctx, p, main, rank_in, partner)
        if caveat:
            caveats.append(caveat)
            verdict = "supported_with_caveats" if verdict == "supported" else verdict
    readings, reading_rows = _readings(ctx, p, before, whose)
    if readings:
        caveats.extend(readings)
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
            evidence(reading_rows, "context"),
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


def _missing_conventions(ctx: Context, missing: list[str], year: str, rank_in,
                         annual: pd.DataFrame) -> str:
    earlier = []
    for basis in missing:
        years = sorted(y for y in set(annual.loc[annual["basis"] == basis, "period"]) if y < year)
        row = rank_in(basis, years[-1]) if years else None
        if row is not None:
            earlier.append(f"{convention_phrase(basis)}, {rank_text(row)} in {row['period']} "
                           f"({ctx.cite(row)})")
    text = (f"No {year} ranking {sentence_list([convention_phrase(b) for b in missing])} "
            "is in the snapshot, so those conventions cannot be compared within the same year")
    return text + (f"; the latest: {'; '.join(earlier)}." if earlier else ".")


def _flow_ranks(ctx: Context, ranks: pd.DataFrame, year: str) -> str:
    """Ranks by one direction of trade (a full export table) in the same year, as context."""
    rows = ranks[(ranks["flow"] == "export") & (ranks["period"] == year) & (ranks["freq"] == "A")
                 & ranks["basis"].isin(RANK_CONVENTIONS)]
    rows = best(rows, ["basis"], ctx)
    if rows.empty:
        return ""
    order = {b: i for i, b in enumerate(RANK_CONVENTIONS)}
    rows = rows.sort_values("basis", key=lambda s: s.map(order))
    first = rows.iloc[0]
    parts = [f"{rank_text(r)} {convention_phrase(r['basis'])}" for _, r in rows.iterrows()]
    return (f"By {ctx.name(first['reporter'])}'s exports alone in {year} "
            f"({ctx.cite(first)}): {sentence_list(parts)}.")


def _continuity(ctx: Context, p: dict[str, Any], main: pd.Series, rank_in,
                partner: str) -> str:
    previous = rank_in(main["basis"], str(int(main["period"]) - 1))
    if previous is None or previous["value"] == main["value"]:
        return ""
    return (f"The article says “{p['continuity_word']}”, but {ctx.name(partner)} was "
            f"{rank_text(previous)} in {previous['period']} {convention_phrase(main['basis'])} "
            f"({ctx.cite(previous)}), so the rank changed between {previous['period']} and "
            f"{main['period']}.")


def _readings(ctx: Context, p: dict[str, Any], before: pd.DataFrame,
              whose: str) -> tuple[list[str], pd.DataFrame]:
    """When did the partner become the top partner, under each reading of 'partner'?"""
    sentences: list[str] = []
    rows: list[pd.DataFrame] = []
    partner = p["partner"]
    if p.get("became_after"):
        tops = chronological(before[(before["value"] == 1) & (before["freq"] == "A")
                                    & (before["qualifier"] == "exact")])
        if not tops.empty and year_of(tops.iloc[0]["period"]) < int(p["became_after"]):
            first = tops.iloc[0]
            sentences.append(
                f"{upper_first(convention_phrase('countries_only'))}, {ctx.name(partner)} was "
                f"already {whose} largest trading partner in {first['period']} "
                f"({ctx.cite(first)}), before {p.get('became_after_label', p['became_after'])}."
            )
    rival = p.get("rival")
    if rival:
        years, compared = _against_rival(ctx, p["reporter"], partner, rival["partner"])
        rows.append(compared)
        behind = [y for y in years if not y["ahead"]]
        ahead = [y for y in years if y["ahead"] and (not behind or y["year"] > behind[-1]["year"])]
        if behind and ahead:
            overtook = ahead[0]
            sentences.append(
                f"{upper_first(rival['reading'])}, {ctx.name(rival['partner'])} was ahead of "
                f"{ctx.name(partner)} in "
                + sentence_list([f"{y['year']} ({y['detail']})" for y in behind])
                + f", and {ctx.name(partner)} led only from {overtook['year']} "
                f"({overtook['detail']})"
                + (f", after {rival['after_label']}" if rival.get("after_label")
                   and int(overtook["year"]) > int(rival.get("after", 0)) else "")
                + "."
            )
    if sentences and p.get("readings_note"):
        sentences.append(p["readings_note"])
    return sentences, stack(rows)


def _against_rival(ctx: Context, reporter: str, partner: str,
                   rival: str) -> tuple[list[dict], pd.DataFrame]:
    """Year by year, is `partner` ahead of `rival` among `reporter`'s partners? Shares of the
    reporter's trade from one document first; otherwise each side's best total in US dollars."""
    obs = ctx.obs[(ctx.obs["freq"] == "A") & ctx.obs["value"].notna()
                  & (ctx.obs["commodity"] == "TOTAL")]
    obs = split_by_date(obs, ctx.as_of)[0]
    shares = obs[(obs["indicator"] == "partner_share") & (obs["reporter"] == reporter)
                 & (obs["flow"] == "total")]
    values = obs[(obs["indicator"] == "trade_value") & (obs["flow"] == "total")
                 & (obs["unit"] == "USD")]
    result, used = [], []
    for year in sorted(set(shares["period"]) | set(values["period"])):
        mine = shares[(shares["period"] == year) & (shares["partner"] == partner)]
        theirs = shares[(shares["period"] == year) & (shares["partner"] == rival)]
        same = set(mine["source_id"]) & set(theirs["source_id"])
        if same:
            sid = sorted(same)[0]
            a = mine[mine["source_id"] == sid].iloc[0]
            b = theirs[theirs["source_id"] == sid].iloc[0]
            lead, other = (a, b) if a["value"] > b["value"] else (b, a)
            detail = (f"{value_text(lead)} against {value_text(other)} of "
                      f"{ctx.name(reporter)}'s trade; {ctx.cite(a)}")
        else:
            pair = {reporter, partner}
            a_rows = values[(values["period"] == year) & values["reporter"].isin(pair)
                            & values["partner"].isin(pair)]
            b_rows = values[(values["period"] == year) & values["reporter"].isin({reporter, rival})
                            & values["partner"].isin({reporter, rival})]
            if a_rows.empty or b_rows.empty:
                continue
            a = best(a_rows, ["period"], ctx).iloc[0]
            b = best(b_rows, ["period"], ctx).iloc[0]
            detail = (f"{value_text(b)} ({ctx.cite(b)}) against {value_text(a)} "
                      f"({ctx.cite(a)})") if b["value"] > a["value"] else (
                      f"{value_text(a)} ({ctx.cite(a)}) against {value_text(b)} ({ctx.cite(b)})")
        used.append(pd.DataFrame([a, b]))
        result.append({"year": year, "ahead": a["value"] > b["value"], "detail": detail})
    return result, stack(used)

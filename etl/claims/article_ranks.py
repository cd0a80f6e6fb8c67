"""A rank found in an article, judged for its period under its convention: among crude
suppliers, by one flow, "in the top N", or with the convention the sentence names.

Where the sentence names a convention ("among individual countries", "counting Hong Kong and
Taiwan", "with the EU as one partner"), the rank is judged under that convention alone: it is
supported if it holds there, whatever the others say (they are shown). Where the partners it
names ahead imply one ("behind the US, South Korea and Japan"), the same. Where it leaves the
convention open, the rank is read counting countries only and is supported with caveats when
another convention gives a different answer. A rank the snapshot has only under a mixed or
unstated convention is supported with caveats at best. A period the snapshot has no ranking
for is unresolved, with the latest ranking before the article beside it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from etl.claims.article_common import best_first, cite_with_tier, unresolved
from etl.claims.evidence import combine, evidence, select, split_by_date
from etl.claims.model import Outcome
from etl.claims.rules import RULES, Context
from etl.claims.wording import rank_text, upper_first
from etl.periods import label
from etl.schema import RANK_CONVENTIONS
from etl.vocabulary import convention_phrase, ordinal

STANDARD = set(RANK_CONVENTIONS) | {"volume", "value"}


def _holds(row: pd.Series, claimed: int, mode: str) -> bool:
    bound = row["qualifier"]
    if mode == "top":
        return row["value"] <= claimed if bound != "lower_bound" else False
    if bound == "upper_bound":
        return claimed <= row["value"]
    if bound == "lower_bound":
        return claimed >= row["value"]
    return row["value"] == claimed


def _period_rows(ranks: pd.DataFrame, periods: list) -> tuple[pd.DataFrame, tuple | None]:
    for period, freq, cumulative in periods:
        rows = ranks[(ranks["period"] == period) & (ranks["freq"] == freq)
                     & (ranks["cumulative"] == bool(cumulative))]
        if not rows.empty:
            return rows, (period, freq, bool(cumulative))
    return ranks.iloc[0:0], None


def _basis_words(basis: str) -> str:
    return convention_phrase(basis) or (f"by {basis}" if basis else "")


def stated_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A rank that `partner_rank` does not cover: for a stated period, under a named convention,
    by one flow, among crude suppliers, or 'in the top N'."""
    claimed, mode = int(p["claimed_rank"]), p.get("mode", "exact")
    wanted, source = p.get("convention") or "", p.get("convention_source", "open")
    ranks = select(ctx.obs, indicator="partner_rank", reporter=p["reporter"],
                   partner=p["partner"], flow=p.get("flow", "total"),
                   commodity=p.get("commodity", "TOTAL"))
    ranks = ranks[ranks["value"].notna()]
    by_total = ""
    if ranks.empty and p.get("flow", "total") != "total" and p.get("commodity", "TOTAL") == "TOTAL":
        # "Russia's biggest customer": no ranking by one flow, so the one by total trade, said so
        by_total = (f"No ranking by {p['flow']}s alone is in the snapshot; read by total trade, "
                    "which the sentence does not name.")
        ranks = select(ctx.obs, indicator="partner_rank", reporter=p["reporter"],
                       partner=p["partner"], flow="total", commodity="TOTAL")
        ranks = ranks[ranks["value"].notna()]
        p = {**p, "among": "trading partners"}
    periods = list(p.get("periods") or [])
    as_of = ctx.as_of
    before = split_by_date(ranks, as_of)[0]
    whose = f"{ctx.name(p['reporter'])}'s"
    among = p.get("among", "trading partners")
    annual = before[before["freq"] == "A"]
    claim_words = f"in the top {claimed}" if mode == "top" else ordinal(claimed)
    if periods:
        rows, found = _period_rows(before, periods)
        if rows.empty:
            asked = label(*periods[0])
            latest = ""
            if not annual.empty:
                year = annual["period"].max()
                row = _main(ctx, annual[annual["period"] == year], wanted)
                latest = (f" The latest ranking before the article: {rank_text(row)} in {year} "
                          f"{_basis_words(row['basis'])} ({cite_with_tier(ctx, row)}).")
            return unresolved(ctx, {"reason": (
                f"The snapshot has no ranking of {ctx.name(p['partner'])} among {whose} "
                f"{among} for {asked}, so '{claim_words}' cannot be settled for that period."
                + latest)})
        when = label(*found)
    else:
        if annual.empty:
            return unresolved(ctx, {"reason": (
                f"The snapshot has no annual ranking of {ctx.name(p['partner'])} among {whose} "
                f"{among}.")})
        year = annual["period"].max()
        rows, when = annual[annual["period"] == year], str(year)
    by_basis = best_first(ctx, rows).drop_duplicates("basis")
    exact = by_basis[by_basis["basis"] == wanted]
    main = exact.iloc[0] if not exact.empty else _main(ctx, by_basis, wanted)
    under_wanted = main["basis"] == wanted
    basis_words = _basis_words(main["basis"])
    statement = (f"{ctx.name(p['partner'])} ranked {rank_text(main)} among {whose} {among} in "
                 f"{when}{' ' + basis_words if basis_words else ''} ({cite_with_tier(ctx, main)})")
    others = [r for _, r in by_basis.iterrows() if r["basis"] != main["basis"]]
    disagree = [r for r in others if not _holds(r, claimed, mode)]
    caveats: list[str] = list(p.get("readings", [])) + ([by_total] if by_total else [])
    if not periods and int(when) < as_of.year - 1:
        caveats.append(f"The latest ranking before the article is for {when}.")
    holds = _holds(main, claimed, mode)
    named = source in ("named", "implied") and under_wanted and not by_total
    if holds:
        if named:
            # an estimate ("about 7th") bears the rank out with that caveat
            verdict = "supported_with_caveats" if main["qualifier"] == "approx" else "supported"
            how = "names" if source == "named" else "implies"
            explanation = (f"Under the convention the sentence {how} ({_basis_words(wanted)}), "
                           f"{statement}: {claim_words}, as the article says.")
            if main["qualifier"] == "approx":
                caveats.append("The ranking under that convention is an estimate "
                               f"({cite_with_tier(ctx, main)}), not a published table.")
        else:
            loose = (main["basis"] not in STANDARD or bool(disagree) or bool(by_total)
                     or (source in ("named", "implied") and not under_wanted))
            verdict = "supported_with_caveats" if loose else "supported"
            explanation = f"{statement}: {claim_words}, as the article says."
            if source in ("named", "implied") and not under_wanted:
                caveats.append(f"No ranking {_basis_words(wanted)} (the convention the "
                               f"sentence {'names' if source == 'named' else 'implies'}) is in "
                               f"the snapshot for {when}; the source ranks {basis_words}.")
            elif main["basis"] not in STANDARD:
                caveats.append(f"The source ranks {basis_words}, not under one of the standard "
                               "conventions.")
    else:
        verdict = "contradicted"
        explanation = f"{statement}, not {claim_words} as the article says."
        agreeing = [r for r in others if _holds(r, claimed, mode)]
        if agreeing:
            explanation += (" It holds only " + "; ".join(
                f"{_basis_words(r['basis'])} ({rank_text(r)}, {cite_with_tier(ctx, r)})"
                for r in agreeing) + ".")
            if source == "open" and any(r["basis"] in RANK_CONVENTIONS for r in agreeing):
                # the sentence leaves the convention open, and under one it holds
                verdict = "supported_with_caveats"
                explanation = (f"True only under one convention: {claim_words} holds "
                               + "; ".join(f"{_basis_words(r['basis'])} ({rank_text(r)}, "
                                           f"{cite_with_tier(ctx, r)})" for r in agreeing)
                               + f", and the sentence does not say which it uses; {statement}.")
    for r in (others if named else disagree):
        caveats.append(f"{upper_first(_basis_words(r['basis']) or r['basis'])}: "
                       f"{rank_text(r)} ({cite_with_tier(ctx, r)}).")
    whole_year = _same_year(ctx, before, main)
    if whole_year:
        caveats.append(whole_year)
    return Outcome(
        verdict, explanation, combine(evidence(before, "evidence")), "rank_timeline", caveats,
        [], convention_used=basis_words or "as the source ranks",
        headline=f"{ctx.name(p['partner'])}: {rank_text(main)} among {whose} {among}, {when}",
    )


def _main(ctx: Context, rows: pd.DataFrame, wanted: str) -> pd.Series:
    """The row to judge by when none has the wanted convention: countries only, then the other
    standard conventions, then any."""
    ordered = best_first(ctx, rows)
    for basis in (wanted, *RANK_CONVENTIONS):
        match = ordered[ordered["basis"] == basis]
        if not match.empty:
            return match.iloc[0]
    return ordered.iloc[0]


def _same_year(ctx: Context, before: pd.DataFrame, main: pd.Series) -> str:
    """For a rank over part of a year, the ranks of the whole year under each convention."""
    if main["freq"] == "A":
        return ""
    year = str(main["period"])[:4]
    whole = before[(before["freq"] == "A") & (before["period"] == year)]
    whole = best_first(ctx, whole).drop_duplicates("basis")
    if whole.empty:
        return ""
    parts = [f"{_basis_words(r['basis'])}, {rank_text(r)} ({cite_with_tier(ctx, r)})"
             for _, r in whole.iterrows()]
    return f"For {year} as a whole: " + "; ".join(parts) + "."


def stated_partner_rank(ctx: Context, p: dict[str, Any]) -> Outcome:
    """A rank in the present tense, convention left open: the claims' own rank rule, unless it
    contradicts a rank that holds under another convention (then: true only under that one)."""
    outcome = RULES["partner_rank"](ctx, p)
    if outcome.verdict != "contradicted":
        return outcome
    other = stated_rank(ctx, {"reporter": p["reporter"], "partner": p["partner"],
                              "claimed_rank": p["claimed_rank"], "convention": "countries_only",
                              "convention_source": "open"})
    return other if other.verdict == "supported_with_caveats" else outcome

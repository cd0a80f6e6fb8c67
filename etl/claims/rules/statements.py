"""Statements that officials made, and statements statistics cannot settle."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from etl.claims.context import Context, needs
from etl.claims.evidence import (
    chronological,
    combine,
    event_evidence,
    evidence,
    select,
    split_by_date,
)
from etl.claims.model import Outcome
from etl.claims.wording import (
    context_sentences,
    short_speaker,
    tier_note,
    value_text,
    when,
)
from etl.periods import label


@needs("indicator", "claimed_value", "what")
def attributed_statement(ctx: Context, p: dict[str, Any]) -> Outcome:
    filters = {k: p.get(k) for k in ("reporter", "partner", "currency")}
    rows = select(ctx.obs, indicator=p["indicator"], **filters)
    rows = rows[rows["status"] != "derived"]
    statements = rows[rows["speaker"] != ""]
    statistics = rows[(rows["speaker"] == "") & rows["value"].notna()]
    before, after = split_by_date(chronological(statements), ctx.as_of)
    claimed = float(p["claimed_value"])
    claimed_text = p.get("claimed_text", f"{claimed:g}")

    def said(row: pd.Series) -> str:
        return f"{short_speaker(row)} {when(row)}: {value_text(row)}"

    if p.get("claimed_text"):  # a threshold such as 'nearly all' = at least claimed
        matches = before[(before["value"] >= claimed)]
    else:  # to the precision the figure was written with, where the caller gives it
        matches = before[(before["value"] - claimed).abs() <= float(p.get("precision", 0)) / 2]
    names = p.get("speaker_names") or []
    if names and not matches.empty:  # the statement of the official the article names first
        theirs = matches["speaker"].str.contains("|".join(map(re.escape, names)))
        matches = matches[theirs] if theirs.any() else matches
    if before.empty:
        verdict = "not_checkable"
        explanation = f"No statement on {p['what']} is in the snapshot."
    elif not matches.empty:
        verdict = "attributed"
        first = matches.iloc[0]
        explanation = (
            f"The figure is an official's statement, not a published statistic: "
            f"{said(first)} ({ctx.cite(first)})."
        )
        if p.get("claimed_text") and len(matches) > 1:
            last = matches.iloc[-1]
            explanation = (
                f"Officials have said {claimed_text} ({claimed:g}% or more) in "
                f"{len(matches)} statements since "
                f"{label(first['period'], first['freq'])}, none of them a published "
                f"statistic: first {said(first)} ({ctx.cite(first)}); most recently "
                f"before the article {said(last)} ({ctx.cite(last)})."
            )
    else:
        verdict = "contradicted" if before["value"].max() < claimed - 2 else "attributed"
        explanation = (
            f"No official statement found gives {claimed_text}: "
            + "; ".join(said(r) for _, r in before.tail(3).iterrows())
            + "."
        )
    if not matches.empty:
        support = tier_note(ctx, matches, "this statement")
        if support:
            explanation += " " + support
    caveats: list[str] = []
    if not before.empty:
        latest = before.iloc[-1]
        if matches.empty or latest.name != matches.index[-1]:
            caveats.append(
                f"The latest statement before the article: {said(latest)} ({ctx.cite(latest)})."
            )
    old_stats = chronological(split_by_date(statistics, ctx.as_of)[0])
    if not old_stats.empty:
        last = old_stats.iloc[-1]
        caveats.append(
            f"The last published figure for exactly this measure is for "
            f"{label(last['period'], last['freq'], last['cumulative'])}: "
            f"{value_text(last)} ({ctx.cite(last)})."
        )
    if p.get("statistics_note"):
        caveats.append(p["statistics_note"])
    proxy_sentences, proxy_before, proxy_after = context_sentences(ctx, p.get("proxies", []))
    if proxy_sentences:
        caveats.append("The nearest published statistics: " + "; ".join(proxy_sentences) + ".")
    if not after.empty:
        caveats.append(
            "Since the article: " + "; ".join(said(r) for _, r in after.iterrows()) + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(
            evidence(before, "evidence"),
            evidence(after, "since"),
            evidence(statistics, "context"),
            evidence(proxy_before, "context"),
            evidence(proxy_after, "since"),
        ),
        "statements",
        caveats,
        [],
        headline=f"Statements on {p['what']}, and the nearest statistics",
        chart_params={"claimed": claimed},
        convention_used="statements by officials; statistics shown beside them",
    )


@needs("reason")
def not_checkable(ctx: Context, p: dict[str, Any]) -> Outcome:
    return Outcome("not_checkable", p["reason"], event_evidence([]), "none")

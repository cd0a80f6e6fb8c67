"""Event claims: dates and weekdays, who proposed what, how many took part."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from etl.claims.context import Context, needs
from etl.claims.evidence import (
    best,
    combine,
    event_evidence,
    evidence,
    find_event,
    select,
)
from etl.claims.model import Outcome
from etl.claims.wording import tier_note, value_text, weekday
from etl.periods import label, year_of
from etl.schema import OBSERVATION_COLUMNS


@needs("event_id")
def event_dates(ctx: Context, p: dict[str, Any]) -> Outcome:
    event = find_event(ctx, p["event_id"])
    if event is None:
        return Outcome(
            "not_checkable",
            f"The event {p['event_id']} is not in the snapshot.",
            event_evidence([]),
            "events",
        )
    checks = []
    for side in ("start", "end"):
        actual = event[side]
        if p.get(side):
            checks.append((f"{side} date", str(p[side]), actual))
        if p.get(f"{side}_weekday"):
            checks.append((f"{side} day", p[f"{side}_weekday"], weekday(actual)))
    wrong = [
        f"the article says {claimed} for the {what}, the record says {actual}"
        for what, claimed, actual in checks
        if claimed != actual
    ]
    span = f"{weekday(event['start'])} {label(event['start'], 'D')}" + (
        ""
        if event["end"] == event["start"]
        else f" to {weekday(event['end'])} {label(event['end'], 'D')}"
    )
    explanation = f"{event['label']}: {span} ({ctx.cite(event)})."
    support = tier_note(ctx, pd.DataFrame([event]), "this date")
    if support:
        explanation += " " + support
    if wrong:
        explanation += " But " + "; ".join(wrong) + "."
    return Outcome(
        "contradicted" if wrong else "supported",
        explanation,
        event_evidence([event]),
        "events",
        [],
        [],
        convention_used="weekdays computed from the recorded dates",
        headline=f"{event['label']}: {span}",
    )


@needs("event_ids", "claimed_actor")
def event_actor(ctx: Context, p: dict[str, Any]) -> Outcome:
    found = [e for e in (find_event(ctx, i) for i in p["event_ids"]) if e is not None]
    before = [e for e in found if date.fromisoformat(e["start"]) <= ctx.as_of]
    after = [e for e in found if date.fromisoformat(e["start"]) > ctx.as_of]
    if not before:
        return Outcome(
            "not_checkable",
            "No such proposal before the article is in the snapshot.",
            event_evidence(found),
            "events",
        )
    claimed = p["claimed_actor"]
    sole = [e for e in before if e["actor"].strip() == claimed]
    shared = [e for e in before if claimed in e["actor"] and e["actor"].strip() != claimed]
    first = before[0]
    explanation = f"{first['label']} ({label(first['start'], 'D')}; {ctx.cite(first)})."
    support = tier_note(ctx, pd.DataFrame([first]), "this record")
    if support:
        explanation += " " + support
    caveats = []
    if sole:
        verdict = "supported"
    elif shared:
        verdict = "supported_with_caveats"
        caveats.append(f"The proposal was not {claimed}'s alone: {shared[0]['actor']}.")
    else:
        verdict = "contradicted"
    if after:
        caveats.append(
            "After the article: "
            + "; ".join(f"{e['label']} ({label(e['start'], 'D')})" for e in after)
            + "."
        )
    return Outcome(
        verdict,
        explanation,
        combine(event_evidence(before), event_evidence(after, "since")),
        "events",
        caveats,
        [],
        convention_used=p.get("convention_used", "who made it, from the records of the time"),
        headline=p.get("headline", f"Who made it, and when: {first['label']}"),
    )


@needs("indicator", "period", "more_than")
def count_threshold(ctx: Context, p: dict[str, Any]) -> Outcome:
    rows = select(ctx.obs, indicator=p["indicator"], period=p["period"])
    rows = rows[rows["value"].notna()]
    context = pd.concat(
        [select(ctx.obs, indicator=i) for i in p.get("context_indicators", [])]
        or [pd.DataFrame(columns=OBSERVATION_COLUMNS)]
    )
    if rows.empty:
        return Outcome(
            "not_checkable", "No count is in the snapshot.", evidence(context, "context"), "counts"
        )
    top = best(rows, ["indicator"], ctx).iloc[0]
    holds = top["value"] > float(p["more_than"])
    explanation = (
        f"{top['value']:.0f} — {top['note'].split(';')[0]} ({ctx.cite(top)}): "
        + ("more than" if holds else "not more than")
        + f" {p['more_than']}."
    )
    support = tier_note(ctx, pd.DataFrame([top]), "this count")
    if support:
        explanation += " " + support
    caveats = [  # other counts of the same occasion (the same year), not earlier ones
        f"{r['note'].split(';')[0]}: {value_text(r)} ({ctx.cite(r)})"
        for _, r in context.iterrows()
        if year_of(r["period"]) == year_of(p["period"])
    ]
    return Outcome(
        "supported" if holds else "contradicted",
        explanation,
        combine(evidence(rows, "evidence"), evidence(context, "context")),
        "counts",
        caveats,
        [],
        convention_used="",
        headline=f"{top['value']:.0f} {p.get('counted', 'counted')}: "
        f"{'more' if holds else 'not more'} than {p['more_than']}",
        chart_params={"threshold": float(p["more_than"])},
    )


@needs("event_id", "claimed")
def event_when(ctx: Context, p: dict[str, Any]) -> Outcome:
    """An event an article dates ("in April 2022"): the date it gives against the recorded one,
    at the precision it gives (a month is right when the event began in that month)."""
    event = find_event(ctx, p["event_id"])
    if event is None:
        return Outcome("unresolved", f"The event {p['event_id']} is not in the snapshot.",
                       event_evidence([]), "events")
    claimed = str(p["claimed"])
    actual = str(event["start"])
    holds = actual.startswith(claimed)
    span = label(actual, "D") + ("" if event["end"] == event["start"]
                                 else f" to {label(event['end'], 'D')}")
    said = p.get("claimed_text", claimed)
    explanation = (f"{event['label']}: {span} ({ctx.cite(event)}); "
                   + (f"in {said}, as the article says." if holds
                      else f"not {said} as the article says."))
    support = tier_note(ctx, pd.DataFrame([event]), "this date")
    if support:
        explanation += " " + support
    return Outcome("supported" if holds else "contradicted", explanation,
                   event_evidence([event]), "events", [], [],
                   convention_used="the date the event began, as recorded",
                   headline=f"{event['label']}: {span}")

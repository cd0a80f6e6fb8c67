"""check_article(text, snapshot tables, as_of) -> the verdict of every statement found.

A pure function of the text and the tables: the command line, the evaluation and (later) the
"Check an article" page are thin layers over it. The result follows the JSON contract of
issue 12: `claims`, in text order, each with quote, start, end, topic, metric, reporter, partner,
flow, period, value, unit, currency, verdict, explanation and evidence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

import etl.claims.article_rules  # noqa: F401  (registers the article rules in RULES)
from etl.articles import entities
from etl.articles.context import ArticleContext
from etl.articles.events import find_event_statements
from etl.articles.finder import Statement, find_statements
from etl.articles.resolver import Resolved, resolve
from etl.claims.article_rules import tiers
from etl.claims.model import VERDICTS, Outcome
from etl.claims.rules import RULES, Context

TOPICS = ("trade_value", "growth", "rank", "energy", "currency", "commodity", "target", "other")
EVIDENCE_KEYS = ["role", "indicator", "reporter", "partner", "flow", "commodity", "currency",
                 "period", "label", "freq", "cumulative", "value", "unit", "qualifier", "basis",
                 "status", "source_id", "derived_from", "note"]


# The indicators each rule reads: a rule is given only those rows, so its many small
# selections scan tens of rows rather than the whole table.
RULE_INDICATORS = {
    "stated_growth": ("trade_value_yoy", "trade_value"),
    "stated_rank": ("partner_rank",),
    "stated_target": ("trade_value",),
    "partner_rank": ("partner_rank", "partner_share"),
    "stated_partner_rank": ("partner_rank", "partner_share"),
    "attributed_statement": ("settlement_share",),
    "settlement_share": ("settlement_share",),
    "composition_share": ("commodity_share", "partner_share", "pipeline_gas_deliveries"),
    "growth_over_years": ("trade_value", "partner_share", "settlement_share"),
}


@dataclass(frozen=True)
class Snapshot:
    """The tables a check reads, prepared once (indexes, name patterns)."""

    observations: pd.DataFrame
    by_indicator: dict[str, pd.DataFrame]
    documents: dict[str, dict[str, str]]  # source_id -> publisher, title, url, date_published
    sources: pd.DataFrame  # indexed by source_id
    events: pd.DataFrame
    names: dict[str, str]
    others: dict  # code -> pattern of the names of partners other than China and Russia
    version: str = ""


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as plain Python strings: a check runs hundreds of small selections, and
    on frames of a thousand rows those are several times faster than on Arrow strings."""
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
    return frame.astype(dict.fromkeys(text, object))


def prepare(tables: Mapping[str, pd.DataFrame], version: str = "") -> Snapshot:
    partners = tables["partners"]
    observations = _plain(tables["observations"])
    return Snapshot(
        observations=observations,
        by_indicator={k: g for k, g in observations.groupby("indicator", sort=False)},
        documents={row["source_id"]: {k: row[k] or "" for k in SOURCE_KEYS}
                   for row in tables["sources"].to_dict("records")},
        sources=_plain(tables["sources"]).set_index("source_id"),
        events=tables["events"],
        names=dict(zip(partners["code"], partners["name"], strict=True)),
        others=entities.other_partners(partners),
        version=version,
    )


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


SOURCE_KEYS = ("publisher", "title", "url", "date_published")


def _evidence(outcome: Outcome, ctx: Context, documents: dict[str, dict]) -> list[dict]:
    """Evidence rows as plain dicts with their document's publisher, title, URL and tier."""
    frame = outcome.evidence
    if frame.empty:
        return []
    keys = [k for k in EVIDENCE_KEYS if k in frame.columns]
    columns = [frame[k].tolist() for k in keys]
    blank = dict.fromkeys(SOURCE_KEYS, "")
    return [
        {**{k: _clean(v) for k, v in zip(keys, values, strict=True)},
         **documents.get(sid, blank), "tier": t}
        for values, sid, t in zip(zip(*columns, strict=True), frame["source_id"],
                                  tiers(ctx, frame), strict=True)
    ]


def _rows_for_rule(snapshot: Snapshot, resolved: Resolved) -> pd.DataFrame:
    wanted = RULE_INDICATORS.get(resolved.rule) or (resolved.params.get("indicator"),)
    parts = [snapshot.by_indicator[i] for i in wanted if i in snapshot.by_indicator]
    if not parts:
        return snapshot.observations.iloc[0:0]
    return parts[0] if len(parts) == 1 else pd.concat(parts)


def _judge(resolved: Resolved, ctx: Context) -> Outcome:
    try:
        return RULES[resolved.rule](ctx, resolved.params)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        # a statement the rules cannot take is reported as such, never a crash
        return RULES["unresolved"](ctx, {"reason": (
            f"The statement could not be evaluated ({type(exc).__name__}: {exc}).")})


def _unique(statements: list[Statement]) -> list[Statement]:
    seen, out = set(), []
    for s in statements:
        key = (s.start, s.end, s.shape, s.quantity.start if s.quantity else s.extra.get("rank"))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def check_article(text: str, tables: Snapshot | Mapping[str, pd.DataFrame],
                  as_of: date) -> dict[str, Any]:
    """Find, resolve and judge every China–Russia statement of `text` as of `as_of`."""
    snapshot = tables if isinstance(tables, Snapshot) else prepare(tables)
    ctx = Context(obs=snapshot.observations, events=snapshot.events, sources=snapshot.sources,
                  as_of=as_of, names=snapshot.names)
    context = ArticleContext(text, as_of)
    claims = []
    found = find_statements(text, snapshot.others) + find_event_statements(text,
                                                                              snapshot.events)
    found.sort(key=lambda s: s.start)
    for statement in _unique(found):
        resolved = resolve(statement, as_of, context.setting(statement.sentence))
        outcome = _judge(resolved, replace(ctx, obs=_rows_for_rule(snapshot, resolved)))
        claims.append({
            "quote": text[statement.start:statement.end],
            "start": statement.start,
            "end": statement.end,
            "topic": statement.topic if statement.topic in TOPICS else "other",
            "metric": resolved.metric,
            "reporter": resolved.reporter,
            "partner": resolved.partner,
            "flow": resolved.flow,
            "period": resolved.period,
            "value": None if resolved.value is None else float(f"{resolved.value:.12g}"),
            "unit": resolved.unit,
            "currency": resolved.currency,
            "verdict": outcome.verdict,
            "verdict_label": VERDICTS[outcome.verdict],
            "explanation": outcome.explanation,
            "caveats": outcome.caveats,
            "alternatives": outcome.alternatives,
            "convention_used": outcome.convention_used,
            "readings": resolved.readings,
            "speaker": statement.extra.get("speaker", ""),
            "figure": statement.quantity.text if statement.quantity else "",
            "rule": resolved.rule,
            "evidence": _evidence(outcome, ctx, snapshot.documents),
        })
    return {"as_of": as_of.isoformat(), "data_version": snapshot.version, "claims": claims}

"""check_article(text, snapshot tables, as_of) -> the verdict of every statement found.

A pure function of the text and the tables: the command line, the evaluation and the "Check
an article" page are thin layers over it. The result follows the JSON contract of issue 12:
`claims`, in text order, each with quote, start, end, topic, metric, reporter, partner, flow,
period, value, unit, currency, verdict, explanation and evidence.

A statement repeated word for word, in the same setting (the same sentence, read with the same
period context), is judged once: each later place gets the first one's result, with its own
offsets and `repeat_of` (the 1-based place of the first). A Budget bounds how many different
statements one call judges, and for how long (the /check page's; the command line has none):
statements beyond it are left out, and `coverage` says how many places and different
statements were found, how many were checked, what stopped the check (`stopped`) and how far
the text was read (`read_chars` of `text_chars`: past the number, reading goes on to count
them; past the time, it stops).
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

import etl.claims.article_rules  # noqa: F401  (registers the article rules in RULES)
from etl.articles import entities
from etl.articles.context import ArticleContext, Setting
from etl.articles.events import find_event_statements
from etl.articles.finder import Statement, iter_statements
from etl.articles.numbers import Quantity
from etl.articles.resolver import Resolved, resolve
from etl.articles.sentences import Span
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


def _unique(statements: Iterable[Statement]) -> Iterator[Statement]:
    seen = set()
    for s in statements:
        key = (s.start, s.end, s.shape, s.quantity.start if s.quantity else s.extra.get("rank"))
        if key not in seen:
            seen.add(key)
            yield s


@dataclass(frozen=True)
class Budget:
    """The most one check may judge: `statements` different statements (None: all), and
    `seconds` since the check began by check_article's clock, finding the statements
    included (None: no limit; checked before each statement is judged, so one statement's
    judging, some milliseconds, may run past it)."""

    statements: int | None = None
    seconds: float | None = None

    def full(self, checked: int) -> bool:
        return self.statements is not None and checked >= self.statements

    def over_time(self, elapsed: float) -> bool:
        return self.seconds is not None and elapsed >= self.seconds


UNLIMITED = Budget()


def _relative(value: Any, base: int) -> Any:
    """A span or quantity of the text moved to offsets from `base` (its sentence's start)."""
    if isinstance(value, (Quantity, Span)):
        return replace(value, start=value.start - base, end=value.end - base)
    return value


def reading_key(statement: Statement, setting: Setting) -> str:
    """What a statement's verdict depends on, wherever it stands in the text: the statement
    with its offsets taken from its sentence's start (its sentence's words, its place in
    them, what the finder read in it) and the period context it inherits. Two places with
    the same key resolve and judge alike (the resolver reads offsets only relative to the
    statement and its sentence)."""
    base = statement.sentence.start
    moved = replace(statement, start=statement.start - base, end=statement.end - base,
                    sentence=_relative(statement.sentence, base),
                    quantity=_relative(statement.quantity, base),
                    extra={k: _relative(v, base) for k, v in statement.extra.items()})
    return repr((moved, setting))


def _repeat(first: dict[str, Any], place: int, statement: Statement, text: str
            ) -> dict[str, Any]:
    return {**first, "quote": text[statement.start:statement.end], "start": statement.start,
            "end": statement.end, "repeat_of": place + 1}


def check_article(text: str, tables: Snapshot | Mapping[str, pd.DataFrame],
                  as_of: date, budget: Budget = UNLIMITED,
                  clock: Callable[[], float] = time.monotonic) -> dict[str, Any]:
    """Find, resolve and judge every China–Russia statement of `text` as of `as_of` (within
    `budget`: see the module docstring)."""
    snapshot = tables if isinstance(tables, Snapshot) else prepare(tables)
    ctx = Context(obs=snapshot.observations, events=snapshot.events, sources=snapshot.sources,
                  as_of=as_of, names=snapshot.names)
    started = clock()
    context = ArticleContext(text, as_of)
    claims: list[dict[str, Any]] = []
    judged: dict[str, int] = {}  # reading_key -> the place (index in claims) first judged
    left_out: set[str] = set()  # the different statements the budget left unjudged
    places, read_to = 0, len(text)
    stopped = ""  # what stopped the judging first: "statements" (the budget's number), "time"
    # the finder's statements as it reads them (in text order), and the events' among them
    # (a stable merge: at one offset, the finder's first)
    events = sorted(find_event_statements(text, snapshot.events), key=lambda s: s.start)
    found = heapq.merge(iter_statements(text, snapshot.others), events, key=lambda s: s.start)
    for statement in _unique(found):
        if budget.over_time(clock() - started):
            # out of time: stop reading too (the rest of the text is not counted)
            stopped, read_to = stopped or "time", statement.start
            break
        places += 1
        setting = context.setting(statement.sentence)
        key = reading_key(statement, setting)
        if key in judged:
            claims.append(_repeat(claims[judged[key]], judged[key], statement, text))
            continue
        if budget.full(len(judged)):
            # judge no more, but read on, to say how many the text holds
            stopped = stopped or "statements"
            left_out.add(key)
            continue
        judged[key] = len(claims)
        resolved = resolve(statement, as_of, setting)
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
            "repeat_of": None,
        })
    coverage = {"places": places, "statements": len(judged) + len(left_out),
                "checked": len(judged), "places_checked": len(claims), "stopped": stopped,
                "read_chars": read_to, "text_chars": len(text),
                "max_statements": budget.statements, "max_seconds": budget.seconds}
    return {"as_of": as_of.isoformat(), "data_version": snapshot.version, "claims": claims,
            "coverage": coverage}

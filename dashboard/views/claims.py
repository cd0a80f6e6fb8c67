"""The article's checked statements: each claim's evidence as a `Chart`, like every other chart.

The claim card draws it, its data-table twin lists it and /download/claim/<id>.csv serves it,
all from `claim_chart`, so a claim's CSV and its chart cannot drift apart.

Which figure draws a claim is chosen by its evidence, not by the rule that judged it: the first
kind in KINDS that draws one of the claim's "evidence" rows. That kind also draws the claim's
context and later ("since") rows it selects; the figure is dashboard.figures.REGISTRY[kind].
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.chart import Axes, Chart, Marker, Reference
from dashboard.units import shown
from dashboard.views import common
from dashboard.views.columns import FLOW_OF, SHOWN, SOURCED, VALUE

EXPORT_COLUMNS = ["label", "period", "freq", "cumulative", "role", "indicator", *FLOW_OF,
                  "commodity", "currency", "basis", *SHOWN, *VALUE, "qualifier", "status",
                  "speaker", *SOURCED, "derived_from", "note", "quote"]
EVENT_EXPORT_COLUMNS = ["label", "period", "period_end", "role", "speaker", "status", *SOURCED,
                        "note", "quote"]
TABLE_COLUMNS = ("label", "role", "indicator", "partner", "flow", "basis", "value_shown",
                 "unit_shown", "qualifier", "speaker", "publisher", "date_published")
EVENT_TABLE_COLUMNS = ("label", "period", "period_end", "speaker", "publisher", "date_published")

Rows = Callable[[pd.DataFrame], pd.Series]
# kind -> the evidence rows it draws, in the order kinds are tried
KINDS: dict[str, Rows] = {
    "events": lambda ev: ev["indicator"] == "event",
    "rank_timeline": lambda ev: ev["indicator"] == "partner_rank",
    "statements": lambda ev: ev["indicator"] == "settlement_share",
    "share_timeline": lambda ev: ev["unit"] == "pct",
    "value_timeline": lambda ev: ev["indicator"] == "trade_value",
    # counts of people on one bar scale: a whole parade (11,000) beside a contingent (102)
    # would flatten the bars the statement is about
    "counts": lambda ev: (ev["unit"] == "persons") & ev["value"].notna() & (ev["value"] < 1000),
}
NONE = "none"  # a claim with no evidence to draw (not checkable with statistics)
AXES = {
    "rank_timeline": Axes(y="Rank (1 = largest partner)"),
    "statements": Axes(y="Share of payments (%)"),
    "share_timeline": Axes(y="Share by value (%)"),
    "value_timeline": Axes(x="Year"),
    "counts": Axes(x="Persons"),
    "events": Axes(x="Date"),
}


@dataclass(frozen=True)
class ClaimsBase:
    claims: pd.DataFrame  # the claims table, in article order
    evidence: pd.DataFrame  # claim_evidence with each row's publisher, title, URL and date
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)


def prepare(tables: dict[str, pd.DataFrame]) -> ClaimsBase:
    return ClaimsBase(
        claims=tables["claims"].sort_values("position").reset_index(drop=True),
        evidence=common.attach_sources(tables["claim_evidence"], tables["sources"]),
        documents=common.documents(tables["sources"]),
    )


def claim_kind(evidence: pd.DataFrame) -> str:
    """The first kind that draws one of these "evidence" rows ("none" if no kind does)."""
    main = evidence[evidence["role"] == "evidence"]
    return next((kind for kind, rows in KINDS.items() if rows(main).any()), NONE)


def evidence_of(base: ClaimsBase, claim_id: str) -> pd.DataFrame:
    return base.evidence[base.evidence["claim_id"] == claim_id]


def claim_chart(base: ClaimsBase, claim_id: str) -> Chart:
    """The evidence chart of one claim (a KeyError for a claim not in the snapshot)."""
    found = base.claims[base.claims["claim_id"] == claim_id]
    if found.empty:
        raise KeyError(claim_id)
    claim = found.iloc[0]
    evidence = evidence_of(base, claim_id)
    kind = claim_kind(evidence)
    if kind == NONE:
        return Chart(key=claim_id, kind=NONE, rows=pd.DataFrame(columns=EXPORT_COLUMNS),
                     title=claim["headline"], empty="No data to chart for this statement.")
    rows = evidence[KINDS[kind](evidence)]
    if kind == "events":
        frame = rows[EVENT_EXPORT_COLUMNS].reset_index(drop=True)
    else:
        values, units = shown(rows["value"], rows["unit"])
        frame = rows.assign(value_shown=values, unit_shown=units)[EXPORT_COLUMNS].reset_index(
            drop=True
        )
    unit = frame["unit_shown"].iloc[0] if "unit_shown" in frame and not frame.empty else ""
    axes = AXES[kind]
    if kind == "value_timeline":
        axes = Axes(x=axes.x, y=f"Total goods trade ({unit})")
    return common.drawn(
        claim_id,
        kind,
        frame,
        claim["headline"],
        unit=unit,
        axes=axes,
        markers=(Marker(claim["as_of"], "article"),) if claim["as_of"] else (),
        references=_references(claim, unit),
        table_columns=EVENT_TABLE_COLUMNS if kind == "events" else TABLE_COLUMNS,
        documents=base.documents,
    )


def _references(claim: pd.Series, unit: str) -> tuple[Reference, ...]:
    """The figure the statement gives, or the threshold its rule tests, as a line."""
    params = json.loads(claim["chart_params"]) if claim.get("chart_params") else {}
    suffix = "%" if unit == "%" else ""
    refs = []
    if params.get("claimed") is not None:
        claimed = float(params["claimed"])
        refs.append(Reference(claimed, f"the article: {claimed:g}{suffix}", "claim"))
    if params.get("threshold") is not None:
        threshold = float(params["threshold"])
        label = "half" if suffix and threshold == 50 else f"{threshold:g}{suffix}"
        refs.append(Reference(threshold, label, "guide"))
    return tuple(refs)

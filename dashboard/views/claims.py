"""The article's checked statements: each claim's evidence as a `Chart`, like every other chart.

The claim card draws it, its data-table twin lists it and /download/claim/<id>.csv serves it,
all from `claim_chart`, so a claim's CSV and its chart cannot drift apart.

Which figure draws a claim is chosen by its evidence, not by the rule that judged it: the first
kind in KINDS that draws one of the claim's "evidence" rows. That kind also draws the claim's
context and later ("since") rows it selects; the figure is dashboard.figures.REGISTRY[kind].
`evidence_chart` does this for any evidence frame, so a statement found in a pasted article
(the /check page) is drawn exactly as a built-in claim is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

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
GROWTH = ("trade_value_yoy", "trade_value_mom")  # percentage changes: they can be negative
QUANTITY_UNITS = ("t", "b/d", "bcm", "bcm/yr")  # physical quantities (crude, pipeline gas)
# kind -> the evidence rows it draws, in the order kinds are tried
KINDS: dict[str, Rows] = {
    "events": lambda ev: ev["indicator"] == "event",
    "rank_timeline": lambda ev: ev["indicator"] == "partner_rank",
    "statements": lambda ev: ev["indicator"] == "settlement_share",
    "growth_timeline": lambda ev: ev["indicator"].isin(GROWTH),
    "share_timeline": lambda ev: ev["unit"] == "pct",
    # whole years on a year axis; months, quarters and year-to-date totals on a date axis
    "value_timeline": lambda ev: (ev["indicator"] == "trade_value") & (ev["freq"] == "A"),
    "value_periods": lambda ev: ev["indicator"] == "trade_value",
    "quantities": lambda ev: ev["unit"].isin(QUANTITY_UNITS),
    # counts of people on one bar scale: a whole parade (11,000) beside a contingent (102)
    # would flatten the bars the statement is about
    "counts": lambda ev: (ev["unit"] == "persons") & ev["value"].notna() & (ev["value"] < 1000),
}
NONE = "none"  # a claim with no evidence to draw (not checkable with statistics)
# kinds whose rows share one value axis: rows in another unit than the first evidence row's
# (a yuan figure beside dollar ones) stay in the evidence and the downloads, not on the axis
ONE_UNIT = ("value_timeline", "value_periods", "quantities")
AXES = {
    "rank_timeline": Axes(y="Rank (1 = largest partner)"),
    "statements": Axes(y="Share of payments (%)"),
    "growth_timeline": Axes(y="Change (%)"),
    "share_timeline": Axes(y="Share by value (%)"),
    "value_timeline": Axes(x="Year"),
    "value_periods": Axes(),
    "quantities": Axes(),
    "counts": Axes(x="Persons"),
    "events": Axes(x="Date"),
}
# the value axis of kinds whose unit comes from the rows: (x or y, title before the unit)
UNIT_AXES = {"value_timeline": ("y", "Total goods trade"), "value_periods": ("y", "Goods trade"),
             "quantities": ("y", "Quantity")}


@dataclass(frozen=True)
class ClaimsBase:
    claims: pd.DataFrame  # the claims table, in article order
    evidence: pd.DataFrame  # claim_evidence with each row's publisher, title, URL and date
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)

    @cached_property
    def by_claim(self) -> dict[str, pd.DataFrame]:
        """Each claim's evidence rows, grouped once for this snapshot version."""
        return evidence_index(self.evidence)

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Each claim's kind (claims without evidence are not in it: their kind is "none")."""
        return claim_kinds(self.evidence)


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


def claim_kinds(evidence: pd.DataFrame) -> dict[str, str]:
    """`claim_kind` of every claim's rows in one pass over the evidence: each kind's rows are
    selected once for the whole table, then looked up by each claim's row positions."""
    main = (evidence["role"] == "evidence").to_numpy(dtype=bool)
    drawn = {kind: rows(evidence).to_numpy(dtype=bool) & main for kind, rows in KINDS.items()}
    return {
        claim_id: next((kind for kind, chosen in drawn.items() if chosen[at].any()), NONE)
        for claim_id, at in evidence.groupby("claim_id", sort=False).indices.items()
    }


def evidence_index(evidence: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """claim_id -> that claim's evidence rows, exactly as `evidence[evidence["claim_id"] == id]`
    gives them (the same rows, order and index), from one grouping of the table."""
    return {
        claim_id: evidence.iloc[at]
        for claim_id, at in evidence.groupby("claim_id", sort=False).indices.items()
    }


def evidence_of(base: ClaimsBase, claim_id: str) -> pd.DataFrame:
    """A claim's evidence rows (none for a claim without evidence)."""
    rows = base.by_claim.get(claim_id)
    return base.evidence[base.evidence["claim_id"] == claim_id] if rows is None else rows


def claim_chart(base: ClaimsBase, claim_id: str) -> Chart:
    """The evidence chart of one claim (a KeyError for a claim not in the snapshot)."""
    found = base.claims[base.claims["claim_id"] == claim_id]
    if found.empty:
        raise KeyError(claim_id)
    claim = found.iloc[0]
    params = json.loads(claim["chart_params"]) if claim.get("chart_params") else {}
    return evidence_chart(claim_id, evidence_of(base, claim_id), claim["headline"],
                          as_of=claim["as_of"], params=params, documents=base.documents,
                          kind=base.kinds.get(claim_id, NONE))


def evidence_chart(key: str, evidence: pd.DataFrame, title: str, *, as_of: str = "",
                   params: dict | None = None, documents: pd.DataFrame | None = None,
                   kind: str | None = None) -> Chart:
    """The chart of a statement's evidence (rows as `claim_evidence` has them, with their
    sources): its kind chosen by the evidence, the article's date as a marker, and the
    figure the statement gives (`params["claimed"]`, in the unit shown) or the threshold its
    rule tests (`params["threshold"]`) as lines. `kind`: the claim's kind when known already
    (the version's `ClaimsBase.kinds`), else read from the evidence."""
    kind = claim_kind(evidence) if kind is None else kind
    if kind == NONE:
        return Chart(key=key, kind=NONE, rows=pd.DataFrame(columns=EXPORT_COLUMNS),
                     title=title, empty="No data to chart for this statement.")
    rows = evidence[KINDS[kind](evidence)]
    if kind in ONE_UNIT:
        main = rows[rows["role"] == "evidence"]
        rows = rows[rows["unit"] == (main if not main.empty else rows)["unit"].iloc[0]]
    if kind == "events":
        frame = rows[EVENT_EXPORT_COLUMNS].reset_index(drop=True)
    else:
        values, units = shown(rows["value"], rows["unit"])
        frame = rows.assign(value_shown=values, unit_shown=units)[EXPORT_COLUMNS].reset_index(
            drop=True
        )
    unit = frame["unit_shown"].iloc[0] if "unit_shown" in frame and not frame.empty else ""
    axes = AXES[kind]
    if kind in UNIT_AXES:
        axis, words = UNIT_AXES[kind]
        axes = replace(axes, **{axis: f"{words} ({unit})"})
    return common.drawn(
        key,
        kind,
        frame,
        title,
        unit=unit,
        axes=axes,
        markers=(Marker(as_of, "article"),) if as_of else (),
        references=_references(params or {}, unit)
        + ((Reference(0.0, role="zero"),) if kind == "growth_timeline" else ()),
        table_columns=EVENT_TABLE_COLUMNS if kind == "events" else TABLE_COLUMNS,
        documents=documents,
    )


def _references(params: dict, unit: str) -> tuple[Reference, ...]:
    """The figure the statement gives, or the threshold its rule tests, as a line."""
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

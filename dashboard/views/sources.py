"""Data and sources: every source with its publisher, title, URL, dates and licence; the snapshot's
version and build time; each live source's freshness; the quality flags; the run log.

The sources table is filtered and sorted by the URL (`q`, `kind`, `sort`, `order`), so a reader
can share "every Bank of Russia source, newest first" as a link, and download exactly that list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.chart import Chart
from dashboard.views.common import table, text
from dashboard.views.params import Query, State, pick, text_param

SORTABLE = {"date_published": "Date published", "publisher": "Publisher", "title": "Title",
            "date_accessed": "Date accessed", "kind": "Kind", "tier": "Tier",
            "source_id": "Source id"}
ORDERS = {"desc": "Descending", "asc": "Ascending"}
KIND_LABELS = {
    "press": "Press reports",
    "official_statement": "Official statements",
    "statistical_table": "Statistical tables",
    "api": "Statistical APIs",
    "reference_work": "Reference works",
    "analysis": "Analyses",
    "derived": "Computed by this project",
}
SOURCE_TABLE_COLUMNS = ["source_id", "publisher", "title", "url", "date_published",
                        "date_accessed", "licence", "kind", "tier", "original_publisher",
                        "citation"]
FRESHNESS_COLUMNS = ["source_id", "state", "fetched_at", "last_checked", "stale_since", "rows",
                     "error"]
QUALITY_COLUMNS = ["check", "period", "flow", "gap_pct", "message"]
CORRECTION_COLUMNS = ["correction_id", "what", "column", "old", "new", "reason", "evidence"]
SEARCHED = ["source_id", "publisher", "title", "url", "original_publisher", "citation"]


@dataclass(frozen=True)
class SourcesBase:
    sources: pd.DataFrame
    quality_flags: pd.DataFrame
    corrections: pd.DataFrame
    tables: dict[str, int]  # table name -> rows
    version: str
    built_at: str
    content_hash: str
    previous: str | None
    sources_state: list[dict[str, Any]] = field(default_factory=list)
    run: dict[str, Any] | None = None
    diff: dict[str, Any] | None = None


def prepare(tables: dict[str, pd.DataFrame], manifest: dict[str, Any], version: str) -> SourcesBase:
    sources = tables["sources"].copy()
    for column in SOURCE_TABLE_COLUMNS:
        if column not in sources:
            sources[column] = ""
        sources[column] = sources[column].astype("str").where(sources[column].notna(), "")
    return SourcesBase(
        sources=sources[SOURCE_TABLE_COLUMNS].reset_index(drop=True),
        quality_flags=tables.get("quality_flags", pd.DataFrame()),
        corrections=tables.get("corrections", pd.DataFrame()),
        tables={name: len(frame) for name, frame in tables.items()},
        version=version,
        built_at=str(manifest.get("built_at", "")),
        content_hash=str(manifest.get("content_hash", "")),
        previous=manifest.get("previous"),
        sources_state=list(manifest.get("sources_state", [])),
        run=manifest.get("run") or None,
        diff=manifest.get("diff") or None,
    )


@dataclass(frozen=True)
class Params(State):
    """The data page's URL state: words to find, kind of source, sort column and order."""

    q: str
    kind: str
    sort: str
    order: str


def kind_options(base: SourcesBase) -> dict[str, str]:
    present = [k for k in KIND_LABELS if k in set(base.sources["kind"])]
    present += sorted(set(base.sources["kind"]) - set(KIND_LABELS) - {""})
    return {"all": "All kinds", **{k: KIND_LABELS.get(k, k) for k in present}}


def parse(query: Query, base: SourcesBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    q = text_param(query, "q")
    kind = pick(query, "kind", kind_options(base), "all", notes, "kind of source")
    sort = pick(query, "sort", SORTABLE, "date_published", notes, "column to sort by")
    order = pick(query, "order", ORDERS, "desc", notes, "sort order")
    return Params(q, kind, sort, order), notes


def sources_chart(base: SourcesBase, p: Params) -> Chart:
    """The sources table, filtered and sorted as the URL says (a table, not a plot)."""
    rows = base.sources
    if p.kind != "all":
        rows = rows[rows["kind"] == p.kind]
    if p.q:
        words = [w for w in re.split(r"\s+", p.q.lower()) if w]
        haystack = rows[SEARCHED].apply(lambda r: " ".join(r).lower(), axis=1)
        for word in words:
            rows = rows[haystack.loc[rows.index].str.contains(word, regex=False)]
    rows = rows.sort_values(
        [p.sort, "source_id"], ascending=[p.order == "asc", True], kind="mergesort"
    )
    described = " matching “" + p.q + "”" if p.q else ""
    kind = f" ({kind_options(base).get(p.kind, p.kind).lower()})" if p.kind != "all" else ""
    return table("sources", rows, f"{len(rows)} of {len(base.sources)} sources{kind}{described}",
                 empty="No source matches this filter.", columns=SOURCE_TABLE_COLUMNS[:9])


def freshness_rows(states: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per source of the snapshot: its state, when fetched, and since when stale."""
    rows = []
    for s in states:
        stale_since = s.get("stale_since")
        if not stale_since and s.get("state") in ("stale", "failed"):
            found = re.search(r"refresh at (\S+) failed", text(s.get("error")))
            stale_since = found.group(1).rstrip(":;,") if found else s.get("fetched_at")
        rows.append(
            {
                "source_id": text(s.get("source_id")),
                "state": text(s.get("state")),
                "fetched_at": text(s.get("fetched_at")),
                "last_checked": text(s.get("last_checked")),
                "stale_since": text(stale_since),
                "rows": s.get("rows"),
                "error": text(s.get("error")),
            }
        )
    return pd.DataFrame(rows, columns=FRESHNESS_COLUMNS)


def quality_chart(base: SourcesBase, _p: Params) -> Chart:
    flags = base.quality_flags
    return table("quality", flags, f"{len(flags)} figures that disagree with each other",
                 empty="No figures disagree in this snapshot.", columns=QUALITY_COLUMNS)


def corrections_chart(base: SourcesBase, _p: Params) -> Chart:
    """Known upstream errors and how the curated data correct them (data/curated/corrections)."""
    rows = base.corrections
    return table("corrections", rows, f"{len(rows)} corrections of upstream errors",
                 empty="No corrections in this snapshot.", columns=CORRECTION_COLUMNS)


CHARTS: dict[str, Callable[[SourcesBase, Params], Chart]] = {
    "sources": sources_chart,
    "quality": quality_chart,
    "corrections": corrections_chart,
}

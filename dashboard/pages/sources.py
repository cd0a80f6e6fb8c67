"""Page 6 — data and sources: every source with publisher, title, URL, dates and licence (filter
and sort it by the URL), the snapshot's version and build time, each live source's freshness,
the latest refresh run and what it changed, the quality flags, and the whole tables.

URL state: q (words to find), kind, sort, order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import flask
import pandas as pd
from dash import html

from dashboard.chart import Chart
from dashboard.components import downloads, notice, notices, visible_table
from dashboard.components.cite import long_date
from dashboard.pages import pagekit
from dashboard.pages.methodology import methodology
from dashboard.pages.pagekit import Control, PageSpec
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from dashboard.views import sources as views
from dashboard.views.common import text
from dashboard.views.sources import SourcesBase
from etl.vocabulary import tier_words

PATH = "/data"
STATE_WORDS = {
    "fresh": "fresh — fetched at the last refresh",
    "unchanged": "up to date — checked, nothing new",
    "cached": "reused — its last download (not checked this time)",
    "stale": "stale — the last refresh failed; older data kept",
    "failed": "failed — no usable data",
    "unavailable": "not available — never downloaded (offline build)",
}
REVISION_COLUMNS = ["indicator", "reporter", "partner", "flow", "commodity", "period", "unit",
                    "source_id", "old", "new"]

CONTROLS = (
    Control("q", "Find", "text", help="publisher, title, URL…"),
    Control("kind", "Kind", "dropdown", lambda base, _p: views.kind_options(base)),
    Control("sort", "Sort by", "dropdown", views.SORTABLE),
    Control("order", "Order", "radio", views.ORDERS),
)


def source_states(snap: Snapshot) -> list[dict[str, Any]]:
    """The manifest's source states, overlaid with what later refresh runs found (a run that
    publishes nothing new may still find a source stale)."""
    states = list(snap.manifest.get("sources_state", []))
    try:
        from etl.state import freshness, read_source_state

        root = flask.current_app.config.get("DATA_ROOT")
        return freshness(states, read_source_state(root)) if root else states
    except (ImportError, OSError, KeyError):
        return states


def intro(snap: Snapshot, base: SourcesBase) -> list:
    fresh = views.freshness_rows(source_states(snap))
    fresh = fresh.assign(state=[STATE_WORDS.get(s, s) for s in fresh["state"]])
    return [
        html.P(
            [html.Strong("Last updated: "), long_date(snap.built_at[:10]),
             f" (data snapshot {snap.version})."],
            className="last-updated",
        ),
        html.P(
            "Every figure on this site names its source. A source is a document or an API "
            "endpoint, with its publisher, date and licence. Tables below can be filtered and "
            "sorted; the link keeps your choice.",
            className="lede",
        ),
        methodology(),
        html.Section(
            [
                html.H2("This snapshot"),
                html.Dl(
                    [
                        html.Dt("Version"),
                        html.Dd(html.Code(snap.version), className="snapshot-version"),
                        html.Dt("Built"),
                        html.Dd(snap.built_at),
                        html.Dt("Content hash"),
                        html.Dd(html.Code(base.content_hash[:16]), title=base.content_hash),
                        html.Dt("Previous version"),
                        html.Dd(base.previous or "none"),
                    ],
                    className="facts",
                ),
            ],
            id="snapshot",
        ),
        html.Section(
            [
                html.H2("Freshness of each source"),
                visible_table(
                    fresh,
                    views.FRESHNESS_COLUMNS,
                    "Source states: when each was last fetched and, if a refresh failed, since "
                    "when its data has been stale",
                ),
            ],
            id="freshness",
        ),
        run_log(base),
    ]


def run_log(base: SourcesBase) -> html.Section:
    """The latest refresh run and what it changed (manifest keys "run" and "diff")."""
    parts: list = [html.H2("Latest refresh and what changed")]
    if not base.run and not base.diff:
        parts.append(
            html.P(
                "No run log yet: this snapshot does not record the refresh run that built it.",
                className="no-run-log",
            )
        )
        return html.Section(parts, id="run-log")
    run = base.run or {}
    facts = []
    for key, label in (
        ("started_at", "Started"),
        ("finished_at", "Finished"),
        ("outcome", "Outcome"),
    ):
        if run.get(key):
            facts += [html.Dt(label), html.Dd(text(run[key]))]
    if facts:
        parts.append(html.Dl(facts, className="facts"))
    sources = run.get("sources") or run.get("outcome_per_source") or []
    if isinstance(sources, dict):
        sources = [
            {"source_id": k, **(v if isinstance(v, dict) else {"state": v})}
            for k, v in sources.items()
        ]
    if sources:
        parts.append(
            visible_table(
                pd.DataFrame(sources),
                ["source_id", "state", "rows", "fetched_at", "error"],
                "Outcome of the run for each source",
            )
        )
    diff = base.diff or {}
    if diff:
        parts.append(
            html.P(
                f"Compared with the version before: {diff.get('added', 0)} rows added, "
                f"{diff.get('changed', 0)} changed, {diff.get('removed', 0)} removed.",
                className="diff-summary",
            )
        )
        new_periods = diff.get("new_periods") or []
        if new_periods:
            parts.append(
                html.Ul(
                    [
                        html.Li(
                            f"{p.get('indicator')} {p.get('reporter')}→{p.get('partner')} "
                            f"{p.get('flow')} {p.get('commodity')} ({p.get('freq')}): new "
                            f"{', '.join(map(str, p.get('periods', [])))}"
                        )
                        for p in new_periods[:20]
                    ],
                    className="new-periods",
                )
            )
        revisions = diff.get("revisions") or []
        if revisions:
            parts.append(
                visible_table(
                    pd.DataFrame(revisions),
                    REVISION_COLUMNS,
                    "Revised figures: the old and the new value",
                )
            )
    return html.Section(parts, id="run-log")


def short_licence(licence: str) -> str:
    first = licence.split(". ")[0].split("; ")[0]
    return first if len(first) <= 60 else first[:57] + "…"


def link_text(row: Mapping[str, Any]) -> str:
    if row["title"]:
        return row["title"]
    url = row["url"]
    return url.split("://", 1)[-1][:70] + ("…" if len(url.split("://", 1)[-1]) > 70 else "")


def sources_table(frame: pd.DataFrame, caption: str) -> html.Div:
    """Publisher, title linked to the document, dates, kind and licence (full text on hover)."""
    header = html.Tr(
        [
            html.Th(h, scope="col")
            for h in ("Publisher", "Title / link", "Published", "Accessed", "Kind", "Tier",
                      "Licence")
        ]
    )
    rows = []
    for row in frame.to_dict("records"):  # plain dicts: a Series per row cost most of the page
        title = (
            html.A(link_text(row), href=row["url"], target="_blank", rel="noopener noreferrer")
            if row["url"].startswith("http")
            else (row["title"] or row["citation"][:120])
        )
        rows.append(
            html.Tr(
                [
                    html.Td(row["publisher"]),
                    html.Td(title, className="source-title"),
                    html.Td(row["date_published"] or "n.d.", className="nowrap"),
                    html.Td(row["date_accessed"] or "—", className="nowrap"),
                    html.Td(views.KIND_LABELS.get(row["kind"], row["kind"])),
                    html.Td(tier_words(row["tier"], row["original_publisher"]) or "computed"),
                    html.Td(short_licence(row["licence"]), title=row["licence"]),
                ],
                **{"data-source": row["source_id"]},
            )
        )
    return html.Div(
        html.Table(
            [html.Caption(caption), html.Thead(header), html.Tbody(rows)],
            className="data-table sources-table",
        ),
        className="table-scroll",
    )


def render(snap: Snapshot, req: Request) -> list:
    p = req.params
    chart = req.chart("sources")
    parts: list = [html.H2("Sources", className="chart-heading")]
    if chart.is_empty:
        parts.append(notice(chart.empty, "empty"))
    else:
        parts += [
            html.P(chart.title, className="table-title"),
            downloads("/download/data/sources", snap.version, p.query()),
            sources_table(chart.rows, chart.title),
        ]
    return [*notices(req.notes), html.Section(parts, className="chart-block", id="data-sources")]


QUALITY_TEXT = (
    "Where two published figures for the same thing do not match (a release's yuan and dollar "
    "totals, a growth rate and the year before it), both are kept and the gap is listed here."
)
CORRECTIONS_TEXT = (
    "Known errors of a publisher (figures swapped, a conversion passed off as the official "
    "figure) are corrected by a reviewed file, never in code; the curated data keep what was "
    "printed."
)


def table_section(heading: str, text: str, chart: Chart, section_id: str) -> html.Section:
    """A heading, a sentence on what the table is, and the table (or why there is none)."""
    table = (notice(chart.empty) if chart.is_empty
             else visible_table(chart.rows, list(chart.table_columns), chart.title))
    return html.Section([html.H2(heading), html.P(text), table], id=section_id)


def after(snap: Snapshot, base: SourcesBase) -> list:
    defaults = views.parse({}, base)[0]
    tables = [
        html.Li(
            [
                html.A(
                    f"{name}.csv",
                    href=f"/download/table/{name}.csv?v={snap.version}",
                    className="table-download",
                ),
                f" — {rows:,} rows",
            ]
        )
        for name, rows in base.tables.items()
    ]
    return [
        table_section("Figures that disagree", QUALITY_TEXT,
                      views.quality_chart(base, defaults), "quality"),
        table_section("Corrections", CORRECTIONS_TEXT,
                      views.corrections_chart(base, defaults), "corrections"),
        html.Section(
            [
                html.H2("Whole tables"),
                html.P(
                    "Each table of this snapshot as CSV (UTF-8; text cells that a spreadsheet "
                    "would run as formulas are prefixed with an apostrophe)."
                ),
                html.Ul(tables, className="table-downloads"),
            ],
            id="tables",
        ),
    ]


SPEC = PageSpec(page="data", heading="Data and sources", intro=intro, controls=CONTROLS,
                render=render, after=after)
layout = pagekit.page_layout(SPEC)

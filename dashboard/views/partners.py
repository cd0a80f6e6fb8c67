"""Partners: China's and Russia's trading partners ranked under each convention, and where the
other country stands, in one table and over time.

A rank depends on who counts as a partner (etl.schema.BASES): countries only; Hong Kong and
Taiwan counted; the EU and ASEAN as single partners. The pipeline computes ranks within each
source's table of partners (etl/derive/ranks.py); statements of rank carry the convention their
source stated. This page lets a reader switch conventions and see the rank move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.chart import TABLE, Axes, Chart
from dashboard.units import display
from dashboard.views import common
from dashboard.views.columns import PERIOD, SHOWN, SOURCE_COLUMNS, SOURCED, VALUE
from dashboard.views.params import Query, State, pick
from dashboard.vocabulary import RANKED as CONVENTIONS
from dashboard.vocabulary import convention_phrase
from etl.schema import BASES, RANK_CONVENTIONS

REPORTERS = {"CHN": "China's partners", "RUS": "Russia's partners"}
RANK_AXIS = "Rank (1 = largest partner)"
CONTEXT_BASES = ("unspecified", "mixed")  # statements that do not say, shown faded for context
RANKING_COLUMNS = ["rank", "partner", "partner_name", "kind", "is_counterpart", "basis",
                   "convention", "reporter", *PERIOD, *SHOWN, *VALUE, "qualifier",
                   "partners_ranked", *SOURCED, "note"]
TIMELINE_COLUMNS = ["series", "reporter", "partner", "basis", "convention", *PERIOD, *SHOWN,
                    "qualifier", "status", "speaker", "source_id", "derived_from",
                    *SOURCE_COLUMNS, "note", "quote"]
TABLE_COLUMNS = ["partner", "partner_name", "kind", *SHOWN,
                 *(f"rank_{c}" for c in RANK_CONVENTIONS), "reporter", *PERIOD, *VALUE, *SOURCED]


@dataclass(frozen=True)
class PartnersBase:
    ranks: pd.DataFrame  # partner_rank rows (all reporters, totals), with sources and names
    tables: pd.DataFrame  # one row per (reporter, table) the ranks were computed from
    values: pd.DataFrame  # the trade values of those tables, one row per partner
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)


def table_id(period: str, cumulative: bool) -> str:
    return f"{period}ytd" if cumulative else period


def prepare(tables: dict[str, pd.DataFrame]) -> PartnersBase:
    obs = tables["observations"]
    sources = tables["sources"]
    partners = tables["partners"].set_index("code")
    ranks = obs[(obs["indicator"] == "partner_rank") & (obs["commodity"] == "TOTAL")
                & (obs["flow"] == "total")]  # ranks by total trade; export-only ranks aside
    ranks = common.attach_sources(ranks, sources)
    ranks = ranks.assign(
        partner_name=ranks["partner"].map(partners["name"]).fillna(ranks["partner"]).astype("str"),
        kind=ranks["partner"].map(partners["kind"]).fillna("").astype("str"),
        table=[table_id(p, c) for p, c in zip(ranks["period"], ranks["cumulative"], strict=True)],
    )
    computed = ranks[ranks["source_id"] == "derived-partner-ranks"]
    index = (
        computed.groupby(["reporter", "table", "period", "freq", "cumulative", "derived_from"])
        .size()
        .reset_index(name="ranked")
    )
    values = obs[
        (obs["indicator"] == "trade_value")
        & (obs["flow"] == "total")
        & (obs["commodity"] == "TOTAL")
        & (obs["partner"] != "WLD")
    ]
    keys = index.rename(columns={"derived_from": "source_id"})[
        ["reporter", "period", "freq", "cumulative", "source_id", "table"]
    ]
    values = values.merge(keys, on=["reporter", "period", "freq", "cumulative", "source_id"])
    values = common.attach_sources(values, sources).assign(
        partner_name=lambda f: (
            f["partner"].map(partners["name"]).fillna(f["partner"]).astype("str")
        ),
        kind=lambda f: f["partner"].map(partners["kind"]).fillna("").astype("str"),
    )
    return PartnersBase(
        ranks=ranks.reset_index(drop=True),
        tables=common.chronological(index).reset_index(drop=True),
        values=values.reset_index(drop=True),
        documents=common.documents(sources),
    )


@dataclass(frozen=True)
class Params(State):
    """The partners page's URL state: whose partners, the convention, the table."""

    reporter: str
    basis: str
    table: str


def table_options(base: PartnersBase, reporter: str) -> dict[str, str]:
    """The partner tables of a reporter, newest first: id -> "2023" or "Jan–Aug 2023"."""
    rows = base.tables[base.tables["reporter"] == reporter]
    options = {
        t: common.period_label(p, f, c)
        for t, p, f, c in zip(
            rows["table"], rows["period"], rows["freq"], rows["cumulative"], strict=True
        )
    }
    return _order(options)


def _order(options: dict[str, str]) -> dict[str, str]:
    """Annual tables (complete years) first, then year-to-date ones; newest first in each."""
    annual = sorted((k for k in options if "ytd" not in k), reverse=True)
    ytd = sorted((k for k in options if "ytd" in k), reverse=True)
    return {k: options[k] for k in [*annual, *ytd]}


def parse(query: Query, base: PartnersBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    reporter = pick(query, "reporter", REPORTERS, "CHN", notes, "reporting country")
    basis = pick(query, "basis", CONVENTIONS, "countries_only", notes, "ranking convention")
    options = table_options(base, reporter)
    default = next(iter(options), "")
    table = (
        pick(query, "table", options or {"": ""}, default, notes, "partner table")
        if options
        else ""
    )
    return Params(reporter, basis, table), notes


def _counterpart_phrase(reporter: str) -> tuple[str, str]:
    other = common.OTHER_SIDE[reporter]
    return common.COUNTRY[other], common.COUNTRY[reporter]


def _computed_ranks(base: PartnersBase, p: Params) -> pd.DataFrame:
    """The ranks the pipeline computed within the chosen table of partners."""
    ranks = base.ranks
    return ranks[
        (ranks["source_id"] == "derived-partner-ranks")
        & (ranks["reporter"] == p.reporter)
        & (ranks["table"] == p.table)
    ]


def _table_values(base: PartnersBase, p: Params) -> pd.DataFrame:
    values = base.values
    return values[(values["reporter"] == p.reporter) & (values["table"] == p.table)]


def ranking_chart(base: PartnersBase, p: Params) -> Chart:
    """Every partner of the chosen table, ranked under the chosen convention."""
    other_name, reporter_name = _counterpart_phrase(p.reporter)
    ranks = _computed_ranks(base, p)
    chosen = ranks[ranks["basis"] == p.basis]
    label = _table_label(base, p)
    if chosen.empty:
        available = ", ".join(CONVENTIONS[b] for b in CONVENTIONS if b in set(ranks["basis"]))
        why = (
            f"{reporter_name}'s {label} table lists no EU or ASEAN totals, so it cannot be "
            "ranked with blocs as single partners"
            if p.basis == "blocs_as_units"
            else f"{reporter_name}'s {label} table has too few partners of this kind to rank"
        )
        return common.no_rows(
            "ranking", "ranking", RANKING_COLUMNS,
            f"{reporter_name}'s partners, {label}: no ranking under this convention",
            why + (f". Conventions this table supports: {available}." if available else "."),
        )
    merged = chosen.drop(columns=SOURCE_COLUMNS).merge(
        _table_values(base, p)[["partner", "value", "unit", "source_id", *SOURCE_COLUMNS]].rename(
            columns={"value": "trade_value", "unit": "trade_unit", "source_id": "table_source"}
        ),
        on="partner",
        how="left",
    )
    divisor, unit_label = display("USD")
    counterpart = common.OTHER_SIDE[p.reporter]
    frame = common.frame_of(
        merged,
        RANKING_COLUMNS,
        rank=merged["value"].astype(int),
        is_counterpart=merged["partner"] == counterpart,
        basis=p.basis,
        convention=BASES[p.basis],
        reporter=p.reporter,
        value_shown=merged["trade_value"] / divisor,
        unit_shown=unit_label,
        value=merged["trade_value"],
        unit=merged["trade_unit"],
        partners_ranked=len(merged),
        source_id=merged["table_source"],
        **{c: merged[c].fillna("") for c in SOURCE_COLUMNS},
    ).sort_values(["rank", "partner"])
    mine = frame[frame["is_counterpart"]]
    if mine.empty:
        title = f"{other_name} is not in {reporter_name}'s {label} table of partners"
    else:
        position = int(mine["rank"].iloc[0])
        bound = " at best" if mine["qualifier"].iloc[0] == "lower_bound" else ""
        title = (
            f"{other_name} ranks #{position}{bound} among {reporter_name}'s partners in {label} "
            f"({convention_phrase(p.basis)})"
        )
    notes = [f"Convention: {BASES[p.basis]}."]
    if (frame["qualifier"] == "lower_bound").any():
        notes.append(
            "This table lists fewer than ten partners, so a partner it leaves out could be "
            "larger: each rank is the best the partner can have."
        )
    frame = frame.reset_index(drop=True)
    return common.drawn(
        "ranking",
        "ranking",
        frame,
        title,
        unit=unit_label,
        axes=Axes(x=f"Total goods trade ({unit_label})"),
        notes=tuple(notes),
        table_columns=("rank", "partner_name", "kind", "value_shown", "unit_shown", "qualifier"),
        documents=base.documents,
    )


def _table_label(base: PartnersBase, p: Params) -> str:
    return table_options(base, p.reporter).get(p.table, p.table or "no")


def standings(base: PartnersBase, p: Params) -> dict[str, int | None]:
    """The counterpart's rank in the chosen table under each convention (None: not ranked)."""
    ranks = _computed_ranks(base, p)
    rows = ranks[ranks["partner"] == common.OTHER_SIDE[p.reporter]]
    found = dict(zip(rows["basis"], rows["value"].astype(int), strict=True))
    return {basis: found.get(basis) for basis in CONVENTIONS}


MARKERS = (
    "Hollow markers: the source gave a bound (“among the top five”) or a table too short to rule "
    "out larger partners. Faded grey markers: the source did not say which convention it used."
)
HISTORY_SERIES = (
    "as stated by a source",
    "computed from a table of partners",
    "convention not stated or mixed",
)


def timeline_chart(base: PartnersBase, p: Params) -> Chart:
    """The counterpart's rank over time: stated by sources and computed from tables, under the
    chosen convention, with statements that name no convention shown faded for context."""
    other_name, reporter_name = _counterpart_phrase(p.reporter)
    counterpart = common.OTHER_SIDE[p.reporter]
    rows = base.ranks[
        (base.ranks["reporter"] == p.reporter)
        & (base.ranks["partner"] == counterpart)
        & (base.ranks["basis"].isin([p.basis, *CONTEXT_BASES]))
    ]
    if rows.empty:
        return common.no_rows(
            "timeline", "rank_history", TIMELINE_COLUMNS,
            f"{other_name}'s rank among {reporter_name}'s partners: no data",
            f"No statement or table in this snapshot ranks {other_name} among "
            f"{reporter_name}'s partners under “{CONVENTIONS[p.basis]}”.",
        )
    rows = rows.reset_index(drop=True)
    series = [
        (HISTORY_SERIES[1] if s == "derived" else HISTORY_SERIES[0])
        if b == p.basis
        else HISTORY_SERIES[2]
        for s, b in zip(rows["status"], rows["basis"], strict=True)
    ]
    frame = common.frame_of(
        rows,
        TIMELINE_COLUMNS,
        series=series,
        convention=rows["basis"].map(BASES).fillna(""),
        value_shown=rows["value"],
        unit_shown="rank",
    )
    frame = common.in_order(frame, "series", HISTORY_SERIES)
    main = frame[frame["basis"] == p.basis]
    if main.empty:
        title = (
            f"No rank of {other_name} under “{CONVENTIONS[p.basis]}” in this snapshot; "
            "statements without a convention shown for context"
        )
    else:
        last = common.chronological(main).iloc[-1]
        title = (
            f"{other_name} was {reporter_name}'s #{int(last['value_shown'])} partner in "
            f"{last['period_label']} ({convention_phrase(p.basis)})"
        )
    frame = frame[TIMELINE_COLUMNS].reset_index(drop=True)
    return common.drawn(
        "timeline",
        "rank_history",
        frame,
        title,
        unit="rank",
        axes=Axes(x="Period", y=RANK_AXIS),
        notes=(MARKERS,),
        table_columns=("period_label", "value_shown", "series", "qualifier", "speaker",
                       "publisher"),
        documents=base.documents,
    )


def table_chart(base: PartnersBase, p: Params) -> Chart:
    """The chosen table with every partner's value and its rank under all three conventions."""
    _other, reporter_name = _counterpart_phrase(p.reporter)
    values = _table_values(base, p)
    if values.empty:
        return common.no_rows(
            "table", TABLE, TABLE_COLUMNS, f"{reporter_name}'s partners: no table",
            f"No table of {reporter_name}'s partners in this snapshot.",
        )
    wide = _computed_ranks(base, p).pivot_table(
        index="partner", columns="basis", values="value", aggfunc="first"
    )
    values = values.drop_duplicates(subset=["partner"], keep="first").reset_index(drop=True)
    divisor, unit_label = display("USD")
    frame = common.frame_of(
        values,
        TABLE_COLUMNS,
        value_shown=values["value"] / divisor,
        unit_shown=unit_label,
        **{
            f"rank_{c}": values["partner"].map(wide.get(c, {})).astype("Float64")
            for c in RANK_CONVENTIONS
        },
    ).sort_values("value", ascending=False)
    return Chart(
        key="table",
        kind=TABLE,
        rows=frame.reset_index(drop=True),
        title=f"{reporter_name}'s trade with each partner in {_table_label(base, p)}, and its "
        "rank under each convention",
        unit=unit_label,
        table_columns=("partner_name", "kind", "value_shown",
                       *(f"rank_{c}" for c in RANK_CONVENTIONS)),
    )


CHARTS: dict[str, Callable[[PartnersBase, Params], Chart]] = {
    "ranking": ranking_chart,
    "timeline": timeline_chart,
    "table": table_chart,
}

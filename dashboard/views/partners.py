"""Partners: China's and Russia's trading partners ranked under each convention, and where the
other country stands, in one table and over time.

A rank depends on who counts as a partner (etl.schema.BASES): countries only; Hong Kong and
Taiwan counted; the EU and ASEAN as single partners. The pipeline computes ranks within each
source's table of partners (etl/derive/ranks.py); statements of rank carry the convention their
source stated. This page lets a reader switch conventions and see the rank move.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from dashboard.views.common import (
    COUNTRY,
    OTHER_SIDE,
    SOURCE_COLUMNS,
    Chart,
    attach_sources,
    chronological,
    display,
    period_label,
)
from dashboard.views.params import Query, pick
from etl.schema import BASES, RANK_CONVENTIONS

REPORTERS = {"CHN": "China's partners", "RUS": "Russia's partners"}
CONVENTIONS = {
    "countries_only": "Countries only",
    "incl_hk_tw": "Hong Kong & Taiwan counted",
    "blocs_as_units": "EU & ASEAN as blocs",
}
CONVENTION_PHRASE = {
    "countries_only": "countries only",
    "incl_hk_tw": "Hong Kong & Taiwan counted",
    "blocs_as_units": "EU & ASEAN as blocs",
}
CONTEXT_BASES = ("unspecified", "mixed")  # statements that do not say, shown faded for context
RANKING_COLUMNS = [
    "rank",
    "partner",
    "partner_name",
    "kind",
    "is_counterpart",
    "basis",
    "convention",
    "reporter",
    "period",
    "freq",
    "cumulative",
    "period_label",
    "value_shown",
    "unit_shown",
    "value",
    "unit",
    "qualifier",
    "partners_ranked",
    "source_id",
    *SOURCE_COLUMNS,
    "note",
]
TIMELINE_COLUMNS = [
    "series",
    "reporter",
    "partner",
    "basis",
    "convention",
    "period",
    "freq",
    "cumulative",
    "period_label",
    "value_shown",
    "unit_shown",
    "qualifier",
    "status",
    "speaker",
    "source_id",
    "derived_from",
    *SOURCE_COLUMNS,
    "note",
    "quote",
]
TABLE_COLUMNS = [
    "partner",
    "partner_name",
    "kind",
    "value_shown",
    "unit_shown",
    *(f"rank_{c}" for c in RANK_CONVENTIONS),
    "reporter",
    "period",
    "freq",
    "cumulative",
    "period_label",
    "value",
    "unit",
    "source_id",
    *SOURCE_COLUMNS,
]


@dataclass(frozen=True)
class PartnersBase:
    ranks: pd.DataFrame  # partner_rank rows (all reporters, totals), with sources and names
    tables: pd.DataFrame  # one row per (reporter, table) the ranks were computed from
    values: pd.DataFrame  # the trade values of those tables, one row per partner


def table_id(period: str, cumulative: bool) -> str:
    return f"{period}ytd" if cumulative else period


def prepare(tables: dict[str, pd.DataFrame]) -> PartnersBase:
    obs = tables["observations"]
    sources = tables["sources"]
    partners = tables["partners"].set_index("code")
    ranks = obs[(obs["indicator"] == "partner_rank") & (obs["commodity"] == "TOTAL")
                & (obs["flow"] == "total")]  # ranks by total trade; export-only ranks aside
    ranks = attach_sources(ranks, sources)
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
    values = attach_sources(values, sources).assign(
        partner_name=lambda f: (
            f["partner"].map(partners["name"]).fillna(f["partner"]).astype("str")
        ),
        kind=lambda f: f["partner"].map(partners["kind"]).fillna("").astype("str"),
    )
    return PartnersBase(
        ranks=ranks.reset_index(drop=True),
        tables=chronological(index).reset_index(drop=True),
        values=values.reset_index(drop=True),
    )


@dataclass(frozen=True)
class Params:
    reporter: str
    basis: str
    table: str

    def query(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}


def table_options(base: PartnersBase, reporter: str) -> dict[str, str]:
    """The partner tables of a reporter, newest first: id -> "2023" or "Jan–Aug 2023"."""
    rows = base.tables[base.tables["reporter"] == reporter]
    options = {
        t: period_label(p, f, c)
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
    other = OTHER_SIDE[reporter]
    return COUNTRY[other], COUNTRY[reporter]


def ranking_chart(base: PartnersBase, p: Params) -> Chart:
    """Every partner of the chosen table, ranked under the chosen convention."""
    other_name, reporter_name = _counterpart_phrase(p.reporter)
    ranks = base.ranks[
        (base.ranks["source_id"] == "derived-partner-ranks")
        & (base.ranks["reporter"] == p.reporter)
        & (base.ranks["table"] == p.table)
    ]
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
        return Chart(
            key="ranking",
            frame=pd.DataFrame(columns=RANKING_COLUMNS),
            title=f"{reporter_name}'s partners, {label}: no ranking under this convention",
            empty=why + (f". Conventions this table supports: {available}." if available else "."),
        )
    values = base.values[
        (base.values["reporter"] == p.reporter) & (base.values["table"] == p.table)
    ]
    merged = chosen.drop(columns=SOURCE_COLUMNS).merge(
        values[["partner", "value", "unit", "source_id", *SOURCE_COLUMNS]].rename(
            columns={"value": "trade_value", "unit": "trade_unit", "source_id": "table_source"}
        ),
        on="partner",
        how="left",
    )
    divisor, unit_label = display("USD")
    counterpart = OTHER_SIDE[p.reporter]
    frame = pd.DataFrame(
        {
            "rank": merged["value"].astype(int),
            "partner": merged["partner"],
            "partner_name": merged["partner_name"],
            "kind": merged["kind"],
            "is_counterpart": merged["partner"] == counterpart,
            "basis": p.basis,
            "convention": BASES[p.basis],
            "reporter": p.reporter,
            "period": merged["period"],
            "freq": merged["freq"],
            "cumulative": merged["cumulative"],
            "period_label": [
                period_label(a, b, c)
                for a, b, c in zip(
                    merged["period"], merged["freq"], merged["cumulative"], strict=True
                )
            ],
            "value_shown": merged["trade_value"] / divisor,
            "unit_shown": unit_label,
            "value": merged["trade_value"],
            "unit": merged["trade_unit"],
            "qualifier": merged["qualifier"],
            "partners_ranked": len(merged),
            "source_id": merged["table_source"],
            **{c: merged[c].fillna("") for c in SOURCE_COLUMNS},
            "note": merged["note"],
        }
    ).sort_values(["rank", "partner"])
    mine = frame[frame["is_counterpart"]]
    if mine.empty:
        title = f"{other_name} is not in {reporter_name}'s {label} table of partners"
    else:
        position = int(mine["rank"].iloc[0])
        bound = " at best" if mine["qualifier"].iloc[0] == "lower_bound" else ""
        title = (
            f"{other_name} ranks #{position}{bound} among {reporter_name}'s partners in {label} "
            f"({CONVENTION_PHRASE[p.basis]})"
        )
    notes = [f"Convention: {BASES[p.basis]}."]
    if (frame["qualifier"] == "lower_bound").any():
        notes.append(
            "This table lists fewer than ten partners, so a partner it leaves out could be "
            "larger: each rank is the best the partner can have."
        )
    return Chart(
        key="ranking",
        frame=frame[RANKING_COLUMNS].reset_index(drop=True),
        title=title,
        notes=tuple(notes),
        table_columns=("rank", "partner_name", "kind", "value_shown", "unit_shown", "qualifier"),
        meta={"counterpart": counterpart},
    )


def _table_label(base: PartnersBase, p: Params) -> str:
    return table_options(base, p.reporter).get(p.table, p.table or "no")


def standings(base: PartnersBase, p: Params) -> dict[str, int | None]:
    """The counterpart's rank in the chosen table under each convention (None: not ranked)."""
    counterpart = OTHER_SIDE[p.reporter]
    rows = base.ranks[
        (base.ranks["source_id"] == "derived-partner-ranks")
        & (base.ranks["reporter"] == p.reporter)
        & (base.ranks["table"] == p.table)
        & (base.ranks["partner"] == counterpart)
    ]
    found = dict(zip(rows["basis"], rows["value"].astype(int), strict=True))
    return {basis: found.get(basis) for basis in CONVENTIONS}


def timeline_chart(base: PartnersBase, p: Params) -> Chart:
    """The counterpart's rank over time: stated by sources and computed from tables, under the
    chosen convention, with statements that name no convention shown faded for context."""
    other_name, reporter_name = _counterpart_phrase(p.reporter)
    counterpart = OTHER_SIDE[p.reporter]
    rows = base.ranks[
        (base.ranks["reporter"] == p.reporter)
        & (base.ranks["partner"] == counterpart)
        & (base.ranks["basis"].isin([p.basis, *CONTEXT_BASES]))
    ]
    if rows.empty:
        return Chart(
            key="timeline",
            frame=pd.DataFrame(columns=TIMELINE_COLUMNS),
            title=f"{other_name}'s rank among {reporter_name}'s partners: no data",
            empty=f"No statement or table in this snapshot ranks {other_name} among "
            f"{reporter_name}'s partners under “{CONVENTIONS[p.basis]}”.",
        )
    rows = rows.reset_index(drop=True)
    series = [
        ("computed from a table of partners" if s == "derived" else "as stated by a source")
        if b == p.basis
        else "convention not stated or mixed"
        for s, b in zip(rows["status"], rows["basis"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "series": series,
            "reporter": rows["reporter"],
            "partner": rows["partner"],
            "basis": rows["basis"],
            "convention": rows["basis"].map(BASES).fillna(""),
            "period": rows["period"],
            "freq": rows["freq"],
            "cumulative": rows["cumulative"],
            "period_label": [
                period_label(a, b, c)
                for a, b, c in zip(rows["period"], rows["freq"], rows["cumulative"], strict=True)
            ],
            "value_shown": rows["value"],
            "unit_shown": "rank",
            "qualifier": rows["qualifier"],
            "status": rows["status"],
            "speaker": rows["speaker"],
            "source_id": rows["source_id"],
            "derived_from": rows["derived_from"],
            **{c: rows[c] for c in SOURCE_COLUMNS},
            "note": rows["note"],
            "quote": rows["quote"],
        }
    )
    order = {
        "as stated by a source": 0,
        "computed from a table of partners": 1,
        "convention not stated or mixed": 2,
    }
    frame = chronological(frame.assign(_o=frame["series"].map(order)), "_o").drop(columns="_o")
    main = frame[frame["basis"] == p.basis]
    if main.empty:
        title = (
            f"No rank of {other_name} under “{CONVENTIONS[p.basis]}” in this snapshot; "
            "statements without a convention shown for context"
        )
    else:
        last = chronological(main).iloc[-1]
        title = (
            f"{other_name} was {reporter_name}'s #{int(last['value_shown'])} partner in "
            f"{last['period_label']} ({CONVENTION_PHRASE[p.basis]})"
        )
    return Chart(
        key="timeline",
        frame=frame[TIMELINE_COLUMNS].reset_index(drop=True),
        title=title,
        notes=(
            "Hollow markers: the source gave a bound (“among the top five”) or a table too short "
            "to rule out larger partners. Faded grey markers: the source did not say which "
            "convention it used.",
        ),
        table_columns=(
            "period_label",
            "value_shown",
            "series",
            "qualifier",
            "speaker",
            "publisher",
        ),
        meta={"basis": p.basis},
    )


def table_chart(base: PartnersBase, p: Params) -> Chart:
    """The chosen table with every partner's value and its rank under all three conventions."""
    _other, reporter_name = _counterpart_phrase(p.reporter)
    values = base.values[
        (base.values["reporter"] == p.reporter) & (base.values["table"] == p.table)
    ]
    if values.empty:
        return Chart(
            key="table",
            frame=pd.DataFrame(columns=TABLE_COLUMNS),
            title=f"{reporter_name}'s partners: no table",
            empty=f"No table of {reporter_name}'s partners in this snapshot.",
        )
    ranks = base.ranks[
        (base.ranks["source_id"] == "derived-partner-ranks")
        & (base.ranks["reporter"] == p.reporter)
        & (base.ranks["table"] == p.table)
    ]
    wide = ranks.pivot_table(index="partner", columns="basis", values="value", aggfunc="first")
    values = best_by_partner(values).reset_index(drop=True)
    divisor, unit_label = display("USD")
    frame = pd.DataFrame(
        {
            "partner": values["partner"],
            "partner_name": values["partner_name"],
            "kind": values["kind"],
            "value_shown": values["value"] / divisor,
            "unit_shown": unit_label,
            **{
                f"rank_{c}": values["partner"].map(wide.get(c, {})).astype("Float64")
                for c in RANK_CONVENTIONS
            },
            "reporter": values["reporter"],
            "period": values["period"],
            "freq": values["freq"],
            "cumulative": values["cumulative"],
            "period_label": [
                period_label(a, b, c)
                for a, b, c in zip(
                    values["period"], values["freq"], values["cumulative"], strict=True
                )
            ],
            "value": values["value"],
            "unit": values["unit"],
            "source_id": values["source_id"],
            **{c: values[c] for c in SOURCE_COLUMNS},
        }
    ).sort_values("value", ascending=False)
    label = _table_label(base, p)
    return Chart(
        key="table",
        frame=frame[TABLE_COLUMNS].reset_index(drop=True),
        title=f"{reporter_name}'s trade with each partner in {label}, and its rank under each "
        "convention",
        table_columns=(
            "partner_name",
            "kind",
            "value_shown",
            *(f"rank_{c}" for c in RANK_CONVENTIONS),
        ),
    )


def best_by_partner(values: pd.DataFrame) -> pd.DataFrame:
    return values.drop_duplicates(subset=["partner"], keep="first")


CHARTS: dict[str, Any] = {
    "ranking": ranking_chart,
    "timeline": timeline_chart,
    "table": table_chart,
}

"""Partner ranks under each convention, computed within one source's table of partners.

A rank claim depends on who counts as a partner. Three conventions (etl.schema.BASES):
- countries_only: sovereign countries; Hong Kong, Taiwan, blocs and regions left out;
- incl_hk_tw: countries plus Hong Kong and Taiwan (as China's customs lists them);
- blocs_as_units: the EU and ASEAN each count as one partner, their members removed;
  Hong Kong and Taiwan counted (as in GACC's own top-partner lists).
Ranks are only computed inside one source's table, never across sources, so that every ranked
value comes from the same release; a table is one reporter, flow (total trade, or exports or
imports alone), period, unit and source. A table of fewer than 10 partners may omit larger ones,
so its ranks are lower bounds (the true rank can only be the same or worse). A full table (UN
Comtrade lists every partner) that has no row for a bloc gets one: the sum of the bloc's members.
An approximate value ("about $55 billion") is ranked, but a rank is exact only when no partner
within 5% of its value is approximate: their order could go either way. Where two tables give
the same reporter, flow and period (a live Comtrade table and the curated copy of the same
release, say), the ranks come from one of them: the table listing more partners, then the
official one, so that each rank has one value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.derive.common import derived_frame, fmt
from etl.mappings import Mappings
from etl.periods import label, year_of
from etl.schema import BASES

MIN_TABLE = 5
COMPLETE_TABLE = 10
FULL_TABLE = 100  # a table this long lists every partner: blocs can be summed from members
CLOSE = 0.05  # values within 5% of each other: an approximate one may swap places
BLOCS = ("EU27", "ASEAN")
AHEAD_NAMED = 10  # a note names at most this many partners ahead, then counts the rest
TABLE = ["reporter", "flow", "period", "freq", "cumulative", "source_id", "unit"]


def with_bloc_sums(table: pd.DataFrame, mappings: Mappings) -> pd.DataFrame:
    """A full table without bloc rows gets the EU and ASEAN as sums of their members."""
    present = set(table["partner"])
    if len(table) < FULL_TABLE or present & set(BLOCS):
        return table.assign(_members="")
    year = year_of(table["period"].iloc[0])
    sums = []
    for bloc in BLOCS:
        members = mappings.bloc_members(bloc, year)
        rows = table[table["partner"].isin(members)]
        if rows.empty:
            continue
        sums.append(rows.iloc[[0]].assign(
            partner=bloc, value=rows["value"].sum(),
            qualifier="exact" if len(rows) == len(members) else "lower_bound",
            _members=f"sum of {len(rows)} of its {len(members)} members in this table"))
    return pd.concat([table.assign(_members=""), *sums], ignore_index=True)


def candidates(table: pd.DataFrame, convention: str, mappings: Mappings) -> pd.DataFrame:
    kind = table["partner"].map(mappings.partner_kind)
    if convention == "countries_only":
        return table[kind == "country"]
    if convention == "incl_hk_tw":
        return table[kind.isin(["country", "territory"])]
    if convention == "blocs_as_units":
        blocs = table[kind == "bloc"]
        if blocs.empty:
            return blocs
        year = year_of(table["period"].iloc[0])
        members: set[str] = set()
        for bloc in blocs["partner"]:
            members |= mappings.bloc_members(bloc, year)
        keep = kind.isin(["country", "territory", "bloc"]) & ~table["partner"].isin(members)
        return table[keep]
    raise ValueError(f"unknown convention {convention!r}")


def partner_tables(obs: pd.DataFrame) -> pd.DataFrame:
    return obs[
        (obs["indicator"] == "trade_value")
        & obs["flow"].isin(["total", "export", "import"])
        & (obs["commodity"] == "TOTAL")
        & (obs["partner"] != "WLD")
        & ~obs["status"].isin(["derived", "unverified"])
        & obs["qualifier"].isin(["exact", "approx"])
    ]


def one_table_per_key(tables: pd.DataFrame) -> pd.DataFrame:
    """Rows of one table per reporter, flow and period: the longest, then the official one."""
    size = tables.groupby(TABLE, sort=False)["partner"].transform("nunique")
    official = tables.groupby(TABLE, sort=False)["status"].transform(
        lambda s: (s == "official").all())
    ranked = tables.assign(_size=size, _official=official)
    key = [c for c in TABLE if c != "source_id"]
    chosen = (ranked.sort_values(["_size", "_official", "source_id"],
                                 ascending=[False, False, True], kind="mergesort")
              .drop_duplicates(subset=key)[TABLE])
    kept = ranked.merge(chosen, on=TABLE, how="inner")
    return kept.drop(columns=["_size", "_official"])


def named_ahead(names: list[str]) -> str:
    """The partners ahead, largest first: all of them up to AHEAD_NAMED, then a count."""
    if len(names) <= AHEAD_NAMED:
        return ", ".join(names)
    return f"{', '.join(names[:AHEAD_NAMED])} and {len(names) - AHEAD_NAMED} others"


def uncertain(ranked: pd.DataFrame) -> np.ndarray:
    """For each partner: is an approximate value within 5% of its own (itself included)?"""
    values = ranked["value"].to_numpy()
    approx = (ranked["qualifier"] != "exact").to_numpy()
    close = np.abs(values[:, None] / values[None, :] - 1) <= CLOSE
    np.fill_diagonal(close, False)
    return (close & (approx[:, None] | approx[None, :])).any(axis=1)


def computed_ranks(obs: pd.DataFrame, mappings: Mappings) -> pd.DataFrame:
    rows = []
    for key, table in one_table_per_key(partner_tables(obs)).groupby(TABLE, sort=False):
        if table["partner"].nunique() < MIN_TABLE:
            continue
        fields = dict(zip(TABLE, key, strict=True))
        complete = len(table) >= COMPLETE_TABLE
        table = with_bloc_sums(table, mappings)
        what = {"total": "partners", "export": "export destinations",
                "import": "suppliers"}[fields["flow"]]
        for convention in ("countries_only", "incl_hk_tw", "blocs_as_units"):
            ranked = candidates(table, convention, mappings)
            if len(ranked) < MIN_TABLE:
                continue
            positions = ranked["value"].rank(ascending=False, method="min").astype(int)
            unsure = uncertain(ranked)
            when = label(fields["period"], fields["freq"], fields["cumulative"])
            bloc_notes = "; ".join(
                f"{mappings.partner_name.get(partner, partner)}: {members}"
                for partner, members in zip(ranked["partner"], ranked["_members"], strict=True)
                if members)
            by_value = ranked.sort_values("value", ascending=False, kind="mergesort")
            names = [mappings.partner_name.get(p, p) for p in by_value["partner"]]
            for partner, value, unit, position, approx in zip(
                    ranked["partner"], ranked["value"], ranked["unit"], positions, unsure,
                    strict=True):
                ahead_names = named_ahead(names[:position - 1])
                qualifier = ("lower_bound" if not complete
                             else "approx" if approx else "exact")
                rows.append(
                    {
                        "indicator": "partner_rank",
                        "reporter": fields["reporter"],
                        "partner": partner,
                        "flow": fields["flow"],
                        "commodity": "TOTAL",
                        "currency": fields["unit"],
                        "period": fields["period"],
                        "freq": fields["freq"],
                        "cumulative": fields["cumulative"],
                        "value": float(position),
                        "unit": "rank",
                        "qualifier": qualifier,
                        "basis": convention,
                        "source_id": "derived-partner-ranks",
                        "derived_from": fields["source_id"],
                        "note": (
                            f"#{position} of {len(ranked)} {what} in this table ({when}, "
                            f"{BASES[convention]}); {fmt(value, unit)}"
                            + (f"; ahead: {ahead_names}" if ahead_names else "")
                            + (f"; {bloc_notes}" if bloc_notes else "")
                            + ("; an approximate value within 5% of it could change the order"
                               if qualifier == "approx" else "")
                            + (
                                ""
                                if complete
                                else "; the table lists only some partners, so the "
                                "true rank may be lower"
                            )
                        ),
                    }
                )
    return derived_frame(rows)

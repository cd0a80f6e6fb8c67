"""Partner ranks under each convention, computed within one source's table of partners.

A rank claim depends on who counts as a partner. Three conventions (etl.schema.BASES):
- countries_only: sovereign countries; Hong Kong, Taiwan, blocs and regions left out;
- incl_hk_tw: countries plus Hong Kong and Taiwan (as China's customs lists them);
- blocs_as_units: the EU and ASEAN each count as one partner, their members removed;
  Hong Kong and Taiwan counted (as in GACC's own top-partner lists).
Ranks are only computed inside one source's table, never across sources, so that every ranked
value comes from the same release. A table of fewer than 10 partners may omit larger ones, so
its ranks are lower bounds (the true rank can only be the same or worse).
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_frame, fmt
from etl.mappings import Mappings
from etl.periods import label, year_of
from etl.schema import BASES

MIN_TABLE = 5
COMPLETE_TABLE = 10
TABLE = ["reporter", "period", "freq", "cumulative", "source_id", "unit"]


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
        & (obs["flow"] == "total")
        & (obs["commodity"] == "TOTAL")
        & (obs["partner"] != "WLD")
        & (obs["status"] != "derived")
        & (obs["qualifier"] == "exact")
    ]


def computed_ranks(obs: pd.DataFrame, mappings: Mappings) -> pd.DataFrame:
    rows = []
    for key, table in partner_tables(obs).groupby(TABLE, sort=False):
        if table["partner"].nunique() < MIN_TABLE:
            continue
        fields = dict(zip(TABLE, key, strict=True))
        for convention in ("countries_only", "incl_hk_tw", "blocs_as_units"):
            ranked = candidates(table, convention, mappings)
            if len(ranked) < MIN_TABLE:
                continue
            complete = len(table) >= COMPLETE_TABLE
            positions = ranked["value"].rank(ascending=False, method="min").astype(int)
            when = label(fields["period"], fields["freq"], fields["cumulative"])
            for (_, row), position in zip(ranked.iterrows(), positions, strict=True):
                ahead = ranked[ranked["value"] > row["value"]].sort_values("value", ascending=False)
                ahead_names = ", ".join(mappings.partner_name.get(p, p) for p in ahead["partner"])
                rows.append(
                    {
                        "indicator": "partner_rank",
                        "reporter": fields["reporter"],
                        "partner": row["partner"],
                        "flow": "total",
                        "commodity": "TOTAL",
                        "currency": fields["unit"],
                        "period": fields["period"],
                        "freq": fields["freq"],
                        "cumulative": fields["cumulative"],
                        "value": float(position),
                        "unit": "rank",
                        "qualifier": "exact" if complete else "lower_bound",
                        "basis": convention,
                        "source_id": "derived-partner-ranks",
                        "derived_from": fields["source_id"],
                        "note": (
                            f"#{position} of {len(ranked)} partners in this table ({when}, "
                            f"{BASES[convention]}); {fmt(row['value'], row['unit'])}"
                            + (f"; ahead: {ahead_names}" if ahead_names else "")
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

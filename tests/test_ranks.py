"""Partner ranks under each convention (etl/derive/ranks.py): who counts as a partner decides
the rank, so every rank says its convention."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from etl.derive.ranks import computed_ranks
from etl.mappings import Mappings
from tests.helpers import observations

# China's partners in one (made-up) customs table, total trade in US$ bn.
TABLE_2024 = {
    "ASEAN": 980,  # bloc
    "EU27": 780,  # bloc
    "USA": 690,
    "JPN": 320,
    "KOR": 310,
    "HKG": 290,  # territory
    "TWN": 270,  # territory
    "RUS": 240,
    "VNM": 230,  # in ASEAN
    "DEU": 200,  # in the EU
    "AUS": 190,
    "MYS": 180,  # in ASEAN
    "BRA": 170,
}


def partner_table(values: dict[str, float], period: str = "2024", source: str = "table-a"):
    return observations(
        *(
            {"partner": p, "period": period, "value": v * 1e9, "source_id": source}
            for p, v in values.items()
        )
    )


def ranks(frame: pd.DataFrame, mappings: Mappings, basis: str) -> dict[str, int]:
    derived = computed_ranks(frame, mappings)
    rows = derived[derived["basis"] == basis]
    return dict(zip(rows["partner"], rows["value"].astype(int), strict=True))


def test_countries_only_leaves_out_hong_kong_taiwan_and_blocs(mappings):
    ranked = ranks(partner_table(TABLE_2024), mappings, "countries_only")

    assert ranked == {"USA": 1, "JPN": 2, "KOR": 3, "RUS": 4, "VNM": 5, "DEU": 6, "AUS": 7,
                      "MYS": 8, "BRA": 9}


def test_incl_hk_tw_counts_hong_kong_and_taiwan_as_partners(mappings):
    ranked = ranks(partner_table(TABLE_2024), mappings, "incl_hk_tw")

    assert ranked["HKG"] == 4 and ranked["TWN"] == 5 and ranked["RUS"] == 6
    assert "EU27" not in ranked and "ASEAN" not in ranked


def test_blocs_as_units_replaces_the_members_of_the_eu_and_asean_by_the_bloc(mappings):
    ranked = ranks(partner_table(TABLE_2024), mappings, "blocs_as_units")

    assert ranked == {"ASEAN": 1, "EU27": 2, "USA": 3, "JPN": 4, "KOR": 5, "HKG": 6, "TWN": 7,
                      "RUS": 8, "AUS": 9, "BRA": 10}


def test_without_a_bloc_in_the_table_there_is_no_blocs_as_units_rank(mappings):
    countries = {p: v for p, v in TABLE_2024.items() if p not in ("EU27", "ASEAN")}

    assert ranks(partner_table(countries), mappings, "blocs_as_units") == {}


def test_bloc_membership_depends_on_the_year_timor_leste_joined_asean_in_2025(mappings):
    assert "TLS" not in mappings.bloc_members("ASEAN", 2024)
    assert "TLS" in mappings.bloc_members("ASEAN", 2025)

    # data/mappings/partners.csv has no Timor-Leste yet; add it as a country for this table
    timor = pd.DataFrame([{"code": "TLS", "name": "Timor-Leste", "kind": "country", "aliases": ""}])
    with_timor = dataclasses.replace(
        mappings, partners=pd.concat([mappings.partners, timor], ignore_index=True)
    )
    table = {**TABLE_2024, "TLS": 1}

    in_2024 = ranks(partner_table(table, "2024"), with_timor, "blocs_as_units")
    in_2025 = ranks(partner_table(table, "2025"), with_timor, "blocs_as_units")

    assert "TLS" in in_2024  # a partner of its own before it joined
    assert "TLS" not in in_2025  # counted within ASEAN from 2025
    assert in_2024["ASEAN"] == in_2025["ASEAN"] == 1


def test_a_complete_table_gives_exact_ranks(mappings):
    derived = computed_ranks(partner_table(TABLE_2024), mappings)

    assert set(derived["qualifier"]) == {"exact"}
    assert set(derived["basis"]) == {"countries_only", "incl_hk_tw", "blocs_as_units"}


def test_a_table_of_fewer_than_10_partners_gives_lower_bound_ranks(mappings):
    # a short table may leave out larger partners: the true rank is the same or worse
    short = {"USA": 690, "JPN": 320, "KOR": 310, "RUS": 240, "AUS": 190, "BRA": 170}

    derived = computed_ranks(partner_table(short), mappings)

    assert set(derived["qualifier"]) == {"lower_bound"}
    russia = derived[(derived["partner"] == "RUS") & (derived["basis"] == "countries_only")]
    assert russia["value"].tolist() == [4.0]
    assert "the true rank may be lower" in russia["note"].iloc[0]


def test_a_table_of_fewer_than_5_partners_gives_no_ranks(mappings):
    tiny = {"USA": 690, "JPN": 320, "KOR": 310, "RUS": 240}

    assert computed_ranks(partner_table(tiny), mappings).empty


def test_a_convention_with_fewer_than_5_partners_gives_no_ranks_under_it(mappings):
    table = {"USA": 690, "HKG": 290, "TWN": 270, "RUS": 240, "AUS": 190, "BRA": 170}

    derived = computed_ranks(partner_table(table), mappings)

    assert set(derived["basis"]) == {"incl_hk_tw"}  # only 4 countries


def test_ranks_are_computed_within_one_sources_table_never_across_sources(mappings):
    # two releases list partners of the same year; mixed together Russia would rank 6th
    first = {"USA": 690, "JPN": 320, "KOR": 310, "RUS": 240, "AUS": 190}
    second = {"USA": 700, "DEU": 250, "IND": 245, "RUS": 100, "BRA": 90, "MEX": 80}
    frame = pd.concat(
        [partner_table(first, source="table-a"), partner_table(second, source="table-b")]
    )

    derived = computed_ranks(frame, mappings)
    russia = derived[(derived["partner"] == "RUS") & (derived["basis"] == "countries_only")]

    # one rank per key (a snapshot holds one value per key): from the table listing more partners
    assert dict(zip(russia["derived_from"], russia["value"], strict=True)) == {"table-b": 4.0}
    assert set(derived["derived_from"]) == {"table-b"}


def test_of_two_tables_of_one_period_the_official_one_ranks_when_they_are_as_long(mappings):
    press = partner_table({"USA": 690, "JPN": 320, "KOR": 310, "RUS": 240, "AUS": 190},
                          source="press-table").assign(status="sourced")
    official = partner_table({"USA": 700, "DEU": 250, "IND": 245, "RUS": 100, "BRA": 90},
                             source="official-table").assign(status="official")

    derived = computed_ranks(pd.concat([press, official]), mappings)

    assert set(derived["derived_from"]) == {"official-table"}


def test_partners_with_equal_trade_share_a_rank(mappings):
    table = {"USA": 690, "JPN": 320, "KOR": 320, "RUS": 240, "AUS": 190}

    assert ranks(partner_table(table), mappings, "countries_only") == {
        "USA": 1,
        "JPN": 2,
        "KOR": 2,
        "RUS": 4,
        "AUS": 5,
    }


def test_a_rank_row_names_its_convention_and_the_table_it_came_from(mappings):
    derived = computed_ranks(partner_table(TABLE_2024, source="gacc-2024"), mappings)
    row = derived[(derived["partner"] == "RUS") & (derived["basis"] == "countries_only")].iloc[0]

    assert row["indicator"] == "partner_rank" and row["unit"] == "rank"
    assert row["status"] == "derived" and row["source_id"] == "derived-partner-ranks"
    assert row["derived_from"] == "gacc-2024"
    assert row["note"].startswith("#4 of 9 partners in this table (2024, countries only;")
    assert "ahead: United States, Japan, South Korea" in row["note"]


def test_a_note_names_at_most_ten_partners_ahead_and_counts_the_rest(mappings):
    codes = ["USA", "JPN", "KOR", "VNM", "DEU", "AUS", "IND", "BRA", "MYS", "MEX", "THA", "IDN",
             "RUS"]
    table = {code: 100.0 - i for i, code in enumerate(codes)}
    derived = computed_ranks(partner_table(table), mappings)
    row = derived[(derived["partner"] == "RUS") & (derived["basis"] == "countries_only")].iloc[0]

    assert row["value"] == 13
    assert "ahead: United States, Japan," in row["note"] and "and 2 others" in row["note"]


def test_world_totals_and_derived_rows_are_not_ranked(mappings):
    table = partner_table(TABLE_2024)
    extra = observations(
        {"partner": "WLD", "value": 6e12, "source_id": "table-a"},
        {"partner": "GBR", "value": 800e9, "source_id": "table-a", "status": "derived"},
        {"partner": "IND", "value": 900e9, "source_id": "table-a", "status": "unverified"},
    )

    ranked = ranks(pd.concat([table, extra]), mappings, "countries_only")

    assert ranked["USA"] == 1
    assert not {"WLD", "IND", "GBR"} & set(ranked)


def test_an_approximate_value_is_ranked_and_makes_close_ranks_approximate(mappings):
    # Russia's 2023 partners as RIA listed them: Belarus "approximately $55 billion"
    table = {"CHN": 240.1, "IND": 64.9, "TUR": 56.5, "BLR": 55, "KAZ": 26, "KOR": 15,
             "DEU": 12.2, "ARE": 12.1, "BRA": 11.3, "NLD": 9.9, "JPN": 9.7}
    frame = observations(*(
        {"reporter": "RUS", "partner": p, "value": v * 1e9, "source_id": "ria",
         "qualifier": "approx" if p in ("BLR", "ARE") else "exact"}
        for p, v in table.items()))

    derived = computed_ranks(frame, mappings)
    countries = derived[derived["basis"] == "countries_only"].set_index("partner")

    assert countries.loc["BLR", "value"] == 4 and countries.loc["KAZ", "value"] == 5
    assert countries.loc["TUR", "qualifier"] == "approx"  # 56.5 is within 5% of ~55
    assert countries.loc["BLR", "qualifier"] == "approx"
    assert countries.loc["CHN", "qualifier"] == "exact"
    assert countries.loc["KAZ", "qualifier"] == "exact"
    assert countries.loc["DEU", "qualifier"] == "approx"  # 12.2 against the UAE's ~12.1


def test_a_full_table_without_blocs_gets_them_as_the_sum_of_their_members(mappings):
    # every partner of a (made-up) full export table: 100+ rows, no bloc rows
    codes = [c for c in mappings.partners["code"]
             if mappings.partner_kind[c] in ("country", "territory") and c != "CHN"]
    values = {c: 1.0 for c in codes}
    values.update({"USA": 500, "HKG": 290, "VNM": 160, "JPN": 150, "KOR": 145, "IND": 120,
                   "RUS": 115, "DEU": 107, "NLD": 91})
    frame = observations(*(
        {"partner": p, "flow": "export", "value": v * 1e9, "source_id": "comtrade"}
        for p, v in values.items()))

    derived = computed_ranks(frame, mappings)
    blocs = derived[(derived["basis"] == "blocs_as_units") & (derived["flow"] == "export")]
    russia = blocs.set_index("partner").loc["RUS"]

    assert len(values) >= 100
    assert russia["value"] == 8  # ASEAN, USA, EU, HK, Japan, Korea, India, then Russia
    assert "European Union: sum of 27 of its 27 members in this table" in russia["note"]
    assert "export destinations" in russia["note"]


@pytest.mark.parametrize(
    ("basis", "rank"), [("countries_only", 4), ("incl_hk_tw", 6), ("blocs_as_units", 8)]
)
def test_russia_among_chinas_2023_partners_on_the_curated_data(built_tables, basis, rank):
    obs = built_tables["observations"]
    computed = obs[
        (obs["indicator"] == "partner_rank")
        & (obs["source_id"] == "derived-partner-ranks")
        & (obs["reporter"] == "CHN")
        & (obs["partner"] == "RUS")
        & (obs["flow"] == "total")
        & (obs["period"] == "2023")
        & (obs["freq"] == "A")
        & (obs["basis"] == basis)
    ]

    assert computed["value"].tolist() == [rank]
    assert computed["qualifier"].tolist() == ["exact"]


@pytest.mark.parametrize(
    ("basis", "rank"), [("countries_only", 6), ("incl_hk_tw", 7), ("blocs_as_units", 8)]
)
def test_russia_among_chinas_2024_export_destinations_in_the_full_comtrade_table(
    built_tables, basis, rank
):
    # UN Comtrade's table of China's 2024 exports to each of 205 partners: USA, Viet Nam,
    # Japan, Korea and India ahead among countries; Hong Kong (and Macao) when territories
    # count; ASEAN, the USA, the EU, Hong Kong, Japan, Korea, India with blocs
    obs = built_tables["observations"]
    computed = obs[
        (obs["indicator"] == "partner_rank")
        & (obs["derived_from"] == "comtrade-2024-chn-exports-by-partner")
        & (obs["partner"] == "RUS")
        & (obs["flow"] == "export")
        & (obs["basis"] == basis)
    ]

    assert computed["value"].tolist() == [rank]
    assert computed["qualifier"].tolist() == ["exact"]

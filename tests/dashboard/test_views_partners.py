"""Partners views: ranks under each convention come from the pipeline's rank rows, values from
the table they were computed in; switching the convention moves Russia."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views import partners
from tests.dashboard.support import observations, tables

TABLE = "gacc-2023"
VALUES = {"USA": 664e9, "EU27": 783e9, "JPN": 318e9, "HKG": 288e9, "RUS": 240e9}
RANKS = {
    "countries_only": {"USA": 1, "JPN": 2, "RUS": 3},
    "incl_hk_tw": {"USA": 1, "JPN": 2, "HKG": 3, "RUS": 4},
    "blocs_as_units": {"EU27": 1, "USA": 2, "JPN": 3, "HKG": 4, "RUS": 5},
}


def table_rows(reporter="CHN", source=TABLE, period="2023"):
    values = [
        {
            "reporter": reporter,
            "partner": p,
            "flow": "total",
            "value": v,
            "source_id": source,
            "period": period,
        }
        for p, v in VALUES.items()
    ]
    ranks = [
        {
            "indicator": "partner_rank",
            "reporter": reporter,
            "partner": p,
            "flow": "total",
            "value": float(rank),
            "unit": "rank",
            "basis": basis,
            "status": "derived",
            "source_id": "derived-partner-ranks",
            "derived_from": source,
            "period": period,
        }
        for basis, ranked in RANKS.items()
        for p, rank in ranked.items()
    ]
    return values + ranks


def stated(period, rank, basis, qualifier="exact"):
    return {
        "indicator": "partner_rank",
        "partner": "RUS",
        "flow": "total",
        "value": float(rank),
        "unit": "rank",
        "basis": basis,
        "period": period,
        "qualifier": qualifier,
        "source_id": f"press-{period}",
    }


@pytest.fixture
def base():
    rows = [
        *table_rows(),
        stated("2024", 5, "countries_only"),
        stated("2019", 10, "unspecified"),
        stated("2021", 11, "incl_hk_tw", "lower_bound"),
    ]
    return partners.prepare(tables(observations(*rows)))


def state(base, **query):
    return partners.parse(query, base)[0]


def test_the_ranking_lists_the_tables_partners_under_the_chosen_convention(base):
    chart = partners.ranking_chart(base, state(base, basis="incl_hk_tw"))
    assert chart.rows["partner"].tolist() == ["USA", "JPN", "HKG", "RUS"]
    assert chart.rows["rank"].tolist() == [1, 2, 3, 4]
    assert chart.rows["value_shown"].tolist() == pytest.approx([664, 318, 288, 240])
    assert chart.rows["is_counterpart"].tolist() == [False, False, False, True]
    assert chart.rows["source_id"].unique().tolist() == [TABLE]
    assert chart.title == (
        "Russia ranks #4 among China's partners in 2023 (counting Hong Kong and Taiwan as partners)"
    )


def test_switching_the_convention_moves_russia(base):
    ranks = partners.standings(base, state(base))
    assert ranks == {"countries_only": 3, "incl_hk_tw": 4, "blocs_as_units": 5}
    titles = {
        b: partners.ranking_chart(base, state(base, basis=b)).title for b in partners.CONVENTIONS
    }
    assert "#3" in titles["countries_only"] and "#5" in titles["blocs_as_units"]


def test_a_convention_the_table_cannot_support_is_explained(base):
    rows = [r for r in table_rows("RUS", "fcs-2023") if r.get("basis") != "blocs_as_units"]
    rus = partners.prepare(tables(observations(*rows)))
    chart = partners.ranking_chart(rus, state(rus, reporter="RUS", basis="blocs_as_units"))
    assert chart.is_empty
    assert "lists no EU or ASEAN totals" in chart.empty
    assert "Countries only, Hong Kong & Taiwan counted" in chart.empty


def test_the_timeline_keeps_the_chosen_convention_and_context_without_a_convention(base):
    chart = partners.timeline_chart(base, state(base, basis="countries_only"))
    assert chart.rows["period"].tolist() == ["2024", "2023", "2019"]
    assert chart.rows["series"].tolist() == [
        "as stated by a source",
        "computed from a table of partners",
        "convention not stated or mixed",
    ]
    assert "incl_hk_tw" not in set(chart.rows["basis"])
    assert chart.title == "Russia was China's #5 partner in 2024 (counting countries only)"


def test_the_partner_table_has_each_partners_rank_under_every_convention(base):
    frame = partners.table_chart(base, state(base)).rows
    russia = frame[frame["partner"] == "RUS"].iloc[0]
    assert (
        russia["rank_countries_only"],
        russia["rank_incl_hk_tw"],
        russia["rank_blocs_as_units"],
    ) == (3, 4, 5)
    eu = frame[frame["partner"] == "EU27"].iloc[0]
    assert eu["rank_blocs_as_units"] == 1 and pd.isna(eu["rank_countries_only"])
    assert frame["partner"].iloc[0] == "EU27"  # ordered by value


def test_an_unknown_table_falls_back_to_the_latest_with_a_note(base):
    p, notes = partners.parse({"table": "1999"}, base)
    assert p.table == "2023" and "“1999”" in notes[0]

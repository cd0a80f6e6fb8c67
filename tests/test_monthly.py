"""Single months from year-to-date totals (etl/derive/monthly.py).

GACC publishes January-to-month totals; a month is the difference of two consecutive totals of
the same year, and the full-year figure counts as January to December."""

from __future__ import annotations

import pytest

from etl.derive.monthly import single_months_from_ytd
from tests.helpers import observations


def ytd(period: str, value: float, source: str = "src-a", **other) -> dict:
    """A China–Russia year-to-date export total, in US$ bn."""
    return {
        "flow": "export",
        "period": period,
        "freq": "M",
        "cumulative": True,
        "value": value * 1e9,
        "source_id": source,
        **other,
    }


def months(*rows: dict) -> dict[str, float]:
    derived = single_months_from_ytd(observations(*rows), published={})
    return dict(zip(derived["period"], derived["value"] / 1e9, strict=True))


def test_consecutive_months_are_differenced():
    assert months(ytd("2024-03", 30.0), ytd("2024-04", 42.5)) == {"2024-04": 12.5}


def test_a_run_of_months_gives_each_month_but_the_first():
    assert months(ytd("2024-03", 30), ytd("2024-04", 42), ytd("2024-05", 51)) == {
        "2024-04": 12,
        "2024-05": 9,
    }


def test_a_gap_of_two_months_is_not_differenced():
    # March to May would be a two-month total, not a month
    assert months(ytd("2024-03", 30.0), ytd("2024-05", 51.0)) == {}


def test_a_combined_january_february_release_is_not_split():
    derived = months(ytd("2024-02", 18.0), ytd("2024-03", 30.0))

    assert derived == {"2024-03": 12.0}
    assert "2024-02" not in derived and "2024-01" not in derived


def test_the_full_year_total_is_used_as_january_to_december():
    full_year = {"flow": "export", "period": "2024", "freq": "A", "value": 125e9}

    assert months(ytd("2024-11", 110.0), full_year) == {"2024-12": 15.0}


def test_totals_of_different_years_are_not_differenced():
    assert months(ytd("2023-12", 110.0), ytd("2024-01", 9.0)) == {}


def test_a_negative_difference_is_dropped():
    # a downward revision (or an upstream error) is left to the quality checks, not published
    assert months(ytd("2024-03", 30.0), ytd("2024-04", 28.0)) == {}


def test_the_derived_month_says_how_it_was_made():
    derived = single_months_from_ytd(
        observations(ytd("2024-03", 30.0, "gacc-march"), ytd("2024-04", 42.5, "gacc-april")),
        published={},
    )

    [row] = derived.to_dict("records")
    assert row["status"] == "derived"
    assert row["source_id"] == "derived-ytd-difference"
    assert row["derived_from"].split(";") == ["gacc-april", "gacc-march"]
    assert (row["freq"], row["cumulative"], row["flow"]) == ("M", False, "export")
    assert row["note"] == (
        "= Jan–Apr 2024 US$42.50 bn (gacc-april) − Jan–Mar 2024 US$30.00 bn (gacc-march)"
    )


def test_an_approximate_total_makes_the_month_approximate():
    derived = single_months_from_ytd(
        observations(ytd("2024-03", 30.0), ytd("2024-04", 42.5, qualifier="approx")), published={}
    )

    assert derived["qualifier"].tolist() == ["approx"]


def test_the_preferred_source_of_a_total_is_differenced():
    # two documents give Jan–Apr; the official table wins over a press report
    rows = [
        ytd("2024-03", 30.0, "customs-march", status="official"),
        ytd("2024-04", 45.0, "press-april"),
        ytd("2024-04", 42.5, "customs-april", status="official"),
    ]

    derived = single_months_from_ytd(observations(*rows), published={})

    assert derived["value"].tolist() == [pytest.approx(12.5e9)]
    assert derived["derived_from"].tolist() == ["customs-april;customs-march"]


def test_single_months_and_other_indicators_are_not_differenced():
    rows = [
        {"period": "2024-03", "freq": "M", "value": 12e9},
        {"period": "2024-04", "freq": "M", "value": 13e9},
        ytd("2024-03", 30.0, indicator="trade_quantity", unit="t"),
        ytd("2024-04", 42.0, indicator="trade_quantity", unit="t"),
    ]

    assert months(*rows) == {}

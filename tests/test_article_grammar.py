"""The words of an article: sums of money with scale words, percentages, volumes, hedges,
period expressions, and flows from either side's point of view."""

from __future__ import annotations

from datetime import date

import pytest

from etl.articles import entities
from etl.articles.numbers import find_quantities
from etl.articles.periods import find_article_date, find_periods

ARTICLE_DAY = date(2025, 5, 7)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "precision"),
    [
        ("$244.81bn", 244.81e9, "USD", "exact", 0.01e9),
        ("US$ 245 billion", 245e9, "USD", "exact", 1e9),
        ("about $245 billion", 245e9, "USD", "approx", 1e9),
        ("more than 200 billion dollars", 200e9, "USD", "lower_bound", 1e9),
        ("nearly $47.2 billion", 47.2e9, "USD", "nearly", 0.1e9),
        ("1.74 trillion yuan", 1.74e12, "CNY", "exact", 0.01e12),
        ("RMB 1.28 trillion", 1.28e12, "CNY", "exact", 0.01e12),
        ("9.4 trillion roubles", 9.4e12, "RUB", "exact", 0.1e12),
        ("two hundred billion dollars", 200e9, "USD", "exact", 1e9),
        ("decreased by 10.1 percent", 10.1, "pct", "exact", 0.1),
        ("108.5 million tonnes", 108.5e6, "t", "exact", 0.1e6),
        ("2.17 million barrels per day", 2.17e6, "b/d", "exact", 0.01e6),
        ("38 billion cubic metres", 38, "bcm", "exact", 1),
        ("up to 25%", 25, "pct", "upper_bound", 1),
    ],
)
def test_a_figure_is_read_with_its_unit_hedge_and_the_precision_it_was_written_with(
    text, value, unit, qualifier, precision
):
    [q] = find_quantities(text)

    assert q.value == pytest.approx(value)
    assert (q.unit, q.qualifier) == (unit, qualifier)
    assert q.precision == pytest.approx(precision)
    assert text[q.start:q.end].endswith(q.text.split()[-1])


def test_bn_is_a_billion_not_a_unit_of_physics():
    [q] = find_quantities("Trade reached a record $244.81bn in 2024.")
    assert q.value == pytest.approx(244.81e9) and q.record


def test_years_days_and_ordinals_are_not_figures():
    assert find_quantities("the 30-day truce, the 80th anniversary, in 2025") == []


@pytest.mark.parametrize(
    ("text", "first_candidate"),
    [
        ("in January–August 2024", ("2024-08", "M", True)),
        ("in Jan-Aug 2023", ("2023-08", "M", True)),
        ("in the first eight months of this year", ("2025-08", "M", True)),
        ("in the first quarter of 2025", ("2025-Q1", "Q", False)),
        ("in H1 2023", ("2023-H1", "H", False)),
        ("in December 2024", ("2024-12", "M", False)),
        ("last year", ("2024", "A", False)),
        ("in 2023", ("2023", "A", False)),
    ],
)
def test_period_expressions_become_the_snapshots_periods(text, first_candidate):
    [period] = find_periods(text, ARTICLE_DAY)
    assert period.best == first_candidate


@pytest.mark.parametrize(
    ("text", "first_candidate"),
    [
        ("in the six months to June 2024", ("2024-06", "M", True)),
        ("in the 11 months through November 2024", ("2024-11", "M", True)),
        ("in the half-year to June 2024", ("2024-H1", "H", False)),
        ("in the half-year to December 2024", ("2024-H2", "H", False)),
        ("the surplus for the half came to $12 billion", ("2025-H1", "H", False)),
    ],
)
def test_half_years_and_months_to_a_month_in_each_phrasing(text, first_candidate):
    [period] = find_periods(text, date(2025, 7, 20), 2025)
    assert period.best == first_candidate


def test_half_and_half_of_are_not_half_years():
    assert find_periods("exports fell by half", date(2025, 7, 20)) == []
    assert find_periods("for the half of it that was paid", date(2025, 7, 20)) == []


def test_over_a_span_of_months_is_the_statements_period_unless_a_figure_comes_before():
    [during] = find_periods("Over January-June, two-way trade shrank 9.1%.", date(2025, 7, 20))
    [against] = find_periods("exports were up 5% over January-June 2024", date(2025, 7, 20))
    assert not during.comparison and against.comparison


def test_a_quarter_or_half_also_matches_the_year_to_date_total_that_ends_with_it():
    [quarter] = find_periods("the first quarter of 2025", ARTICLE_DAY)
    [half] = find_periods("the first half of 2025", ARTICLE_DAY)
    assert ("2025-03", "M", True) in quarter.candidates
    assert ("2025-06", "M", True) in half.candidates


def test_a_month_without_a_year_is_the_last_such_month_before_the_article():
    [august] = find_periods("in August, trade", ARTICLE_DAY)
    assert august.best == ("2024-08", "M", False) and not august.year_stated


def test_the_modal_verb_may_is_not_the_month():
    periods = find_periods("Trade may rise in 2025", ARTICLE_DAY)
    assert [p.best for p in periods] == [("2025", "A", False)]


def test_the_dateline_gives_the_article_date():
    assert find_article_date("Moscow, 14 January 2025 — Trade rose") == date(2025, 1, 14)
    assert find_article_date("Published May 9, 2025. Trade rose") == date(2025, 5, 9)
    assert find_article_date("Trade rose in 2024") is None


@pytest.mark.parametrize(
    ("clause", "flow"),
    [
        ("China's exports to Russia rose 4%", "export"),
        ("Russia's exports to China fell", "import"),  # = China's imports from Russia
        ("China's imports from Russia came to $129 billion", "import"),
        ("Russia's imports from China", "export"),
        ("China shipped goods worth $129.3 billion to Russia", "export"),
        ("Russian exports", "import"),
        ("bilateral trade reached $245 billion", "total"),
    ],
)
def test_a_flow_is_read_in_chinas_terms_from_either_sides_point_of_view(clause, flow):
    assert entities.read_flow(clause).flow == flow


def test_a_surplus_is_signed_by_whose_it_is():
    assert entities.read_flow("Russia ran a trade surplus of $13.8 billion with China").sign == -1
    assert entities.read_flow("China's surplus with Russia").sign == 1
    assert entities.read_flow("China ran a deficit of $7.8 billion with Russia").sign == -1


def test_direction_words():
    assert entities.direction("trade fell") == -1
    assert entities.direction("exports decreased by") == -1
    assert entities.direction("imports rose") == 1
    assert entities.direction("trade was") == 0

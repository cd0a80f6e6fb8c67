"""Currencies views: statements beside the Bank of Russia's figures, the gap between them, and
the exchange rates by kind."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views import currencies
from tests.dashboard.support import observations, tables, with_derived


def share(period, value, currency, partner="WLD", flow="export", freq="M", speaker="", **extra):
    """A share (%) of `currency` in Russia's payments with `partner`, as a release gives it."""
    return dict(indicator="settlement_share", reporter="RUS", partner=partner, flow=flow,
                currency=currency, period=period, freq=freq, value=value, unit="pct",
                speaker=speaker, source_id=extra.pop("source_id", f"src-{period}"), **extra)


def rate(period, value, unit="RUB", currency="CNY", freq="A", status="sourced", source="r"):
    """`value` units of `unit` for one `currency` (a rate has no partner, flow or commodity)."""
    return dict(indicator="fx_rate", reporter="RUS", partner="", flow="", commodity="",
                currency=currency, period=period, freq=freq, value=value, unit=unit,
                status=status, source_id=source)


@pytest.fixture
def base():
    rows = [
        share("2023-06", 42.0, "RUB", source_id="cbr-june"),
        share("2023-06", 25.0, "CNY", source_id="cbr-june"),
        share("2023-06", 67.0, "RUB+CNY", source_id="derived-settlement-sum", status="derived",
              derived_from="cbr-june", note="= roubles 42% + yuan 25%, both from the same release"),
        share("2024-02", 41.6, "RUB"),
        share(
            "2023-11-20",
            95.0,
            "RUB+CNY",
            partner="CHN",
            flow="total",
            freq="D",
            speaker="A deputy prime minister",
        ),
        share("2021-05-01", 50.0, "RUB+CNY", partner="CHN", flow="total", freq="D", speaker="X"),
        rate("2022", 10.19),
        rate("2023", 12.04),
        rate("2023-05", 11.29, freq="M"),
        rate("2024-12-18", 14.07, freq="D"),
        rate("2025-03-04", 14.5, freq="D", status="official", source="cbr-xml-daily"),
    ]
    return currencies.prepare(tables(with_derived(observations(*rows))))


def test_the_rouble_and_yuan_sum_is_the_pipelines_derived_row_naming_its_release(base):
    p, _ = currencies.parse({"shares": "RUB+CNY"}, base)
    frame = currencies.settlement_chart(base, p).rows
    combined = frame[(frame["role"] == "statistic") & (frame["currency"] == "RUB+CNY")]
    assert combined["value_shown"].tolist() == [67.0]
    assert combined[["source_id", "status", "derived_from"]].values.tolist() == [
        ["derived-settlement-sum", "derived", "cbr-june"]
    ]


def test_each_statement_is_compared_with_the_nearest_published_figure_within_a_year(base):
    p, _ = currencies.parse({}, base)
    chart = currencies.settlement_chart(base, p)
    said = chart.rows[chart.rows["role"] == "statement"].set_index("period")
    assert said.loc["2023-11-20", "compared_value"] == 67.0
    assert said.loc["2023-11-20", "gap_pp"] == pytest.approx(28.0)
    assert said.loc["2023-11-20", "compared_with"] == "Roubles and yuan, all partners, Jun 2023"
    assert pd.isna(said.loc["2021-05-01", "gap_pp"])  # no all-partner figure within a year
    assert "Not like for like" in chart.notes[0]


def test_the_comparison_does_not_change_with_the_lines_a_reader_picks(base):
    p, _ = currencies.parse({"shares": "RUB"}, base)  # the roubles-and-yuan line not shown
    said = currencies.settlement_chart(base, p).rows.set_index("period")
    # still the roubles-and-yuan share, never the rouble share alone
    assert said.loc["2023-11-20", "compared_with"] == "Roubles and yuan, all partners, Jun 2023"
    assert said.loc["2023-11-20", "gap_pp"] == pytest.approx(28.0)


def test_the_gap_shown_is_the_pipelines_row_not_a_difference_of_its_own():
    rows = [
        share("2023-06", 67.0, "RUB+CNY", source_id="cbr-june"),
        share("2023-11-20", 95.0, "RUB+CNY", partner="CHN", flow="total", freq="D",
              speaker="A deputy prime minister", source_id="said"),
        {**share("2023-11-20", 30.0, "RUB+CNY", partner="CHN", freq="D",
                 speaker="A deputy prime minister", source_id="derived-settlement-gap"),
         "indicator": "settlement_gap", "unit": "pp", "status": "derived",
         "derived_from": "said;cbr-june"},
    ]
    base = currencies.prepare(tables(observations(*rows)))
    p, _ = currencies.parse({}, base)
    said = currencies.settlement_chart(base, p).rows.set_index("role").loc["statement"]
    assert said["compared_value"] == 67.0 and said["gap_pp"] == 30.0


def test_the_title_sets_recent_statements_beside_the_published_rouble_share(base):
    p, _ = currencies.parse({}, base)
    title = currencies.settlement_chart(base, p).title
    assert title.startswith("Officials put roubles and yuan at 50–95% of Russia–China payments")
    assert "41.6–42%" in title


def test_rates_are_grouped_by_kind_with_the_bank_of_russias_daily_rates_apart(base):
    p, _ = currencies.parse({"pair": "rub_cny"}, base)
    chart = currencies.fx_chart(base, p)
    assert chart.rows.groupby("series").size().to_dict() == {
        "Annual average": 2,
        "Monthly average": 1,
        "Bank of Russia official rate, daily": 1,
        "Rate of the day quoted in the press": 1,
    }
    assert chart.rows["unit_shown"].unique().tolist() == ["RUB per CNY"]
    assert chart.title == "RUB per CNY: 10.19 in 2022, 12.04 in 2023 (annual averages)"
    assert chart.notes == ()  # official daily rates are present


def test_without_official_daily_rates_the_page_says_so(base):
    p, _ = currencies.parse({"pair": "rub_cny", "end": "2024"}, base)
    assert "not in this snapshot" in currencies.fx_chart(base, p).notes[0]


def test_a_pair_without_rates_explains_itself(base):
    p, _ = currencies.parse({"pair": "cny_usd"}, base)
    chart = currencies.fx_chart(base, p)
    assert chart.is_empty and "No CNY per USD rates" in chart.empty

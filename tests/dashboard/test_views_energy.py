"""Energy views: crude volumes and values, Russia among China's crude suppliers, Power of
Siberia, and energy's share of China's imports from Russia."""

from __future__ import annotations

import pytest

from dashboard.views import energy
from tests.dashboard.support import observations, tables


def crude(period, value, unit="t", indicator="trade_quantity", freq="A", cumulative=False, **kw):
    return {
        "indicator": indicator,
        "flow": "import",
        "commodity": "2709",
        "period": period,
        "freq": freq,
        "cumulative": cumulative,
        "value": value,
        "unit": unit,
        "source_id": kw.pop("source_id", f"press-{period}"),
        **kw,
    }


@pytest.fixture
def base():
    rows = [
        crude("2021", 79.6e6),
        crude("2024", 108.5e6),
        crude("2024", 2.17e6, unit="b/d"),
        crude("2025-09", 74e6, freq="M", cumulative=True),
        crude("2023", 60.6e9, unit="USD", indicator="trade_value"),
        crude("2023", 1.0, unit="rank", indicator="partner_rank", basis="volume"),
        crude("2021", 2.0, unit="rank", indicator="partner_rank", basis="volume"),
        crude("2023", 19.0, unit="pct", indicator="partner_share"),
        {
            "indicator": "pipeline_gas_deliveries",
            "reporter": "RUS",
            "partner": "CHN",
            "commodity": "271121",
            "period": "2024",
            "value": 31.12,
            "unit": "bcm",
            "source_id": "gazprom",
        },
        {
            "indicator": "pipeline_capacity",
            "reporter": "RUS",
            "partner": "CHN",
            "commodity": "271121",
            "period": "2024-12-01",
            "freq": "D",
            "value": 38.0,
            "unit": "bcm/yr",
            "source_id": "gazprom",
        },
        crude(
            "2023",
            47.0,
            unit="pct",
            indicator="commodity_share",
            status="derived",
            source_id="derived-commodity-share",
            derived_from="press-2023",
        ),
        {**crude("2019", 73.0, unit="pct", indicator="commodity_share"), "commodity": "27"},
    ]
    return energy.prepare(tables(observations(*rows)))


def state(base, **query):
    return energy.parse(query, base)[0]


def test_crude_imports_in_tonnes_mark_partial_years_apart(base):
    chart = energy.crude_chart(base, state(base))
    assert chart.rows["period_label"].tolist() == ["2021", "2024", "Jan–Sep 2025"]
    assert chart.rows["value_shown"].tolist() == pytest.approx([79.6, 108.5, 74.0])
    assert chart.rows["unit_shown"].unique().tolist() == ["Mt"]
    assert chart.rows["series"].tolist()[-1] == "Part of the year (year to date or quarter)"
    assert (
        chart.title == "China imported 108.5 Mt of Russian crude in 2024, against 79.6 Mt in 2021"
    )


def test_the_measure_switches_between_tonnes_barrels_and_dollars(base):
    barrels = energy.crude_chart(base, state(base, measure="barrels")).rows
    dollars = energy.crude_chart(base, state(base, measure="value")).rows
    assert barrels["unit_shown"].tolist() == ["mb/d"] and barrels["value_shown"].tolist() == [2.17]
    assert dollars["unit_shown"].tolist() == ["US$ bn"]


def test_russias_rank_among_crude_suppliers_says_when_it_was_first(base):
    chart = energy.supplier_chart(base, state(base))
    assert set(chart.rows["indicator"]) == {"partner_rank", "partner_share"}
    assert chart.title == "Russia was China's largest crude supplier in 2023"


def test_power_of_siberia_shows_deliveries_against_capacity(base):
    chart = energy.gas_chart(base, state(base))
    assert (
        chart.title
        == "Power of Siberia delivered 31.12 bcm in 2024 (design capacity 38 bcm a year)"
    )


def test_energy_shares_keep_published_and_computed_figures(base):
    frame = energy.share_chart(base, state(base, start="2019")).rows
    assert dict(zip(frame["series"], frame["status"], strict=True)) == {
        "Crude oil (HS 2709)": "derived",
        "Energy (HS 27: oil, gas, coal)": "sourced",
    }


def test_a_period_without_gas_deliveries_explains_the_pipelines_start(base):
    chart = energy.gas_chart(base, state(base, start="2019", end="2019"))
    assert chart.is_empty and "started in December 2019" in chart.empty

"""The derive steps (etl/derive/): balances, growth, shares, exchange rates, conversion and the
quality checks. Each is a pure function from frames to frames, tested on a few rows."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.derive.balance import balances
from etl.derive.convert import convert_trade
from etl.derive.fx import averages_of_daily, cross_rates
from etl.derive.growth import growth_rates
from etl.derive.quality import quality_flags
from etl.derive.shares import commodity_shares, partner_shares
from tests.helpers import observations

BN = 1e9


def rate(unit: str, value: float, period: str = "2023", freq: str = "A", **other) -> dict:
    """An exchange rate: `value` units of `unit` per one US dollar (unless currency says)."""
    return {
        "indicator": "fx_rate",
        "reporter": "RUS",
        "partner": "",
        "flow": "",
        "commodity": "",
        "currency": "USD",
        "unit": unit,
        "period": period,
        "freq": freq,
        "value": value,
        "source_id": "rates",
        **other,
    }


# --- balances ----------------------------------------------------------------------------------
def test_the_balance_is_exports_minus_imports():
    obs = observations(
        {"flow": "export", "value": 115.49 * BN, "source_id": "gacc-x"},
        {"flow": "import", "value": 129.32 * BN, "source_id": "gacc-m"},
    )

    [row] = balances(obs, {}).to_dict("records")

    assert row["flow"] == "balance"
    assert row["value"] == pytest.approx(-13.83 * BN)
    assert row["status"] == "derived" and row["source_id"] == "derived-balance"
    assert row["derived_from"] == "gacc-x;gacc-m"
    assert row["note"] == "= exports US$115.49 bn − imports US$129.32 bn; exports FOB, imports CIF"


def test_no_balance_without_both_flows_or_from_bounds():
    only_exports = observations({"flow": "export", "value": 115 * BN})
    bound = observations(
        {"flow": "export", "value": 115 * BN, "qualifier": "lower_bound"},
        {"flow": "import", "value": 129 * BN},
    )

    assert balances(only_exports, {}).empty
    assert balances(bound, {}).empty


def test_a_balance_pairs_flows_of_the_same_period_only():
    obs = observations(
        {"flow": "export", "period": "2023", "value": 111 * BN},
        {"flow": "import", "period": "2024", "value": 129 * BN},
    )

    assert balances(obs, {}).empty


# --- growth ------------------------------------------------------------------------------------
def test_growth_is_the_change_on_the_same_period_a_year_earlier():
    obs = observations(
        {"period": "2023", "value": 240.11 * BN, "source_id": "y2023"},
        {"period": "2024", "value": 244.81 * BN, "source_id": "y2024"},
    )

    [row] = growth_rates(obs, {}).to_dict("records")

    assert row["indicator"] == "trade_value_yoy" and row["period"] == "2024"
    assert row["value"] == pytest.approx((244.81 / 240.11 - 1) * 100)
    assert (row["unit"], row["currency"]) == ("pct", "USD")
    assert row["derived_from"] == "y2024;y2023"


def test_growth_compares_like_with_like():
    # a year-to-date total is compared with the same months a year earlier, never with a year
    obs = observations(
        {"period": "2023", "value": 240 * BN},
        {"period": "2024-03", "freq": "M", "cumulative": True, "value": 60 * BN},
        {"period": "2023-03", "freq": "M", "cumulative": True, "value": 50 * BN},
    )

    growth = growth_rates(obs, {})

    assert growth[["period", "cumulative"]].values.tolist() == [["2024-03", True]]
    assert growth["value"].tolist() == [pytest.approx(20.0)]


def test_no_growth_from_a_zero_base_or_for_balances():
    obs = observations(
        {"period": "2023", "value": 0.0},
        {"period": "2024", "value": 5 * BN},
        {"flow": "balance", "period": "2023", "value": -5 * BN},
        {"flow": "balance", "period": "2024", "value": -10 * BN},
    )

    assert growth_rates(obs, {}).empty


# --- partner shares ----------------------------------------------------------------------------
def test_a_partners_share_of_the_reporters_trade_uses_the_reporters_own_figures():
    obs = observations(
        {"partner": "RUS", "value": 240 * BN, "source_id": "gacc"},
        {"partner": "WLD", "value": 6000 * BN, "source_id": "gacc-world"},
    )

    [row] = partner_shares(obs, {}).to_dict("records")

    assert (row["reporter"], row["partner"], row["flow"]) == ("CHN", "RUS", "total")
    assert row["value"] == pytest.approx(4.0)
    assert row["source_id"] == "derived-partner-share"
    assert row["derived_from"] == "gacc;gacc-world"


def test_a_mirror_share_uses_the_partners_figure_over_the_reporters_world_total():
    # Russia's customs report exports to China; China's customs report China's world imports
    obs = observations(
        {
            "reporter": "RUS",
            "partner": "CHN",
            "flow": "export",
            "value": 125 * BN,
            "source_id": "fcs",
        },
        {
            "reporter": "CHN",
            "partner": "WLD",
            "flow": "import",
            "value": 2500 * BN,
            "source_id": "gacc-world",
        },
    )

    [row] = partner_shares(obs, {}).to_dict("records")

    assert (row["reporter"], row["partner"], row["flow"]) == ("CHN", "RUS", "import")
    assert row["value"] == pytest.approx(5.0)
    assert row["source_id"] == "derived-partner-share-mirror"
    assert row["derived_from"] == "fcs;gacc-world"
    assert "numerator as reported by the partner (mirror)" in row["note"]


def test_both_shares_are_kept_when_both_numerators_exist():
    obs = observations(
        {"reporter": "CHN", "partner": "RUS", "flow": "import", "value": 129 * BN},
        {"reporter": "CHN", "partner": "WLD", "flow": "import", "value": 2580 * BN},
        {"reporter": "RUS", "partner": "CHN", "flow": "export", "value": 120 * BN},
    )

    shares = partner_shares(obs, {}).set_index("source_id")["value"]

    assert shares["derived-partner-share"] == pytest.approx(5.0)
    assert shares["derived-partner-share-mirror"] == pytest.approx(120 / 2580 * 100)


# --- commodity shares --------------------------------------------------------------------------
def test_a_commodity_share_is_its_value_over_the_total_of_the_same_flow():
    obs = observations(
        {"flow": "import", "commodity": "27", "value": 70 * BN, "source_id": "hs27"},
        {"flow": "import", "commodity": "TOTAL", "value": 129 * BN, "source_id": "total"},
        {"flow": "export", "commodity": "TOTAL", "value": 115 * BN, "source_id": "total"},
    )

    [row] = commodity_shares(obs, {}).to_dict("records")

    assert (row["indicator"], row["flow"], row["commodity"]) == ("commodity_share", "import", "27")
    assert row["value"] == pytest.approx(70 / 129 * 100)
    assert row["derived_from"] == "hs27;total"
    assert row["note"].endswith("(total imports)")


def test_no_commodity_share_from_bounds():
    obs = observations(
        {"flow": "import", "commodity": "27", "value": 70 * BN, "qualifier": "lower_bound"},
        {"flow": "import", "commodity": "TOTAL", "value": 129 * BN},
    )

    assert commodity_shares(obs, {}).empty


# --- exchange rates ----------------------------------------------------------------------------
def test_a_cross_rate_is_roubles_per_dollar_over_yuan_per_dollar():
    obs = observations(
        rate("RUB", 85.0, source_id="cbr-usd"), rate("CNY", 7.08, source_id="fed-cny")
    )

    [row] = cross_rates(obs, {}).to_dict("records")

    assert (row["currency"], row["unit"], row["period"]) == ("CNY", "RUB", "2023")
    assert row["value"] == pytest.approx(85.0 / 7.08)
    assert row["qualifier"] == "approx"  # a ratio of averages, not an average of ratios
    assert row["source_id"] == "derived-fx-cross"
    assert row["derived_from"] == "cbr-usd;fed-cny"


def test_no_cross_rate_when_a_direct_average_exists():
    obs = observations(
        rate("RUB", 85.0),
        rate("CNY", 7.08),
        rate("RUB", 11.9, currency="CNY", source_id="cbr-cny"),
    )

    assert cross_rates(obs, {}).empty


def test_no_cross_rate_of_daily_rates():
    obs = observations(rate("RUB", 85.0, "2023-03-01", "D"), rate("CNY", 7.08, "2023-03-01", "D"))

    assert cross_rates(obs, {}).empty


def daily(unit: str, days: range, month: str = "2023-03", value=lambda d: 80.0 + d, **other):
    return [
        rate(unit, value(d), f"{month}-{d:02d}", "D", status="official", source_id="cbr", **other)
        for d in days
    ]


def test_a_monthly_average_is_the_mean_of_the_official_daily_rates():
    obs = observations(*daily("RUB", range(1, 11)))

    [row] = averages_of_daily(obs).to_dict("records")

    assert (row["period"], row["freq"], row["unit"]) == ("2023-03", "M", "RUB")
    assert row["value"] == pytest.approx(85.5)
    assert row["source_id"] == "derived-fx-average"
    assert row["note"] == "mean of 10 official daily rates (2023-03-01 to 2023-03-10)"


def test_too_few_daily_rates_give_no_average():
    # nine fixing days are not most of a month; and a handful of days is no annual average
    assert averages_of_daily(observations(*daily("RUB", range(1, 10)))).empty


def test_an_annual_average_needs_150_days():
    many = [
        row
        for month in range(1, 13)
        for row in daily("RUB", range(1, 14), month=f"2023-{month:02d}", value=lambda d: 90.0)
    ]  # 156 days

    averages = averages_of_daily(observations(*many))

    annual = averages[averages["freq"] == "A"]
    assert annual[["period", "value"]].values.tolist() == [["2023", 90.0]]
    assert len(averages[averages["freq"] == "M"]) == 12
    assert averages_of_daily(observations(*many[:149])).query("freq == 'A'").empty


def test_only_official_daily_rates_are_averaged():
    quoted = [dict(row, status="sourced") for row in daily("RUB", range(1, 15))]

    assert averages_of_daily(observations(*quoted)).empty


# --- currency conversion -----------------------------------------------------------------------
def test_a_converted_value_keeps_its_rate_the_rates_period_and_source():
    values = observations({"period": "2023", "value": 240.11 * BN, "source_id": "gacc"})
    rates = observations(rate("CNY", 7.0, source_id="fed"), rate("RUB", 85.0, source_id="cbr"))

    converted = convert_trade(values, rates, {}).set_index("unit")

    yuan = converted.loc["CNY"]
    assert yuan["value"] == pytest.approx(240.11 * BN * 7.0)
    assert yuan["value_usd"] == 240.11 * BN
    assert (yuan["rate"], yuan["rate_unit"]) == (7.0, "CNY per USD")
    assert (yuan["rate_period"], yuan["rate_kind"]) == ("2023", "annual average")
    assert yuan["rate_source_id"] == "fed"
    assert yuan["derived_from"] == "gacc;fed"
    assert converted.loc["RUB", "value"] == pytest.approx(240.11 * BN * 85.0)
    assert converted.loc["RUB", "rate_source_id"] == "cbr"


def test_a_value_without_a_rate_of_its_period_is_not_converted_and_says_why():
    values = observations({"period": "2024", "value": 244.81 * BN})
    rates = observations(rate("CNY", 7.0, period="2023"))

    converted = convert_trade(values, rates, {}).set_index("unit")

    assert converted["value"].isna().all() and converted["rate"].isna().all()
    assert converted.loc["CNY", "no_rate_reason"] == (
        "no annual average CNY per USD rate for 2024 in this snapshot")
    assert converted.loc["RUB", "no_rate_reason"].startswith(
        "no annual average RUB per USD rate for 2024 in this snapshot: the ECB stopped quoting "
        "the rouble after 1 March 2022, and the Bank of Russia's official rates are not in this "
        "snapshot")


def test_year_to_date_totals_are_not_converted_at_a_monthly_rate():
    values = observations({"period": "2023-03", "freq": "M", "cumulative": True, "value": 5e10})
    rates = observations(rate("CNY", 7.0, period="2023-03", freq="M"))

    assert convert_trade(values, rates, {}).empty


# --- quality flags -----------------------------------------------------------------------------
def flags(obs: pd.DataFrame) -> pd.DataFrame:
    return quality_flags(obs, obs, observations(), {})


def test_a_consistent_series_gives_no_flag():
    obs = observations(
        {"period": "2014", "value": 95.28 * BN},
        {"period": "2015", "value": 64.2 * BN, "source_id": "release-2015"},
        {"period": "2015", "value": 64.2 * BN * 6.2, "unit": "CNY", "source_id": "release-2015"},
        {
            "indicator": "trade_value_yoy",
            "period": "2015",
            "value": -32.6,
            "unit": "pct",
            "currency": "USD",
            "source_id": "release-2015",
        },
        rate("CNY", 6.2, period="2015"),
    )

    assert flags(obs).empty


def test_a_growth_rate_that_implies_a_different_previous_year_is_flagged():
    obs = observations(
        {"period": "2014", "value": 100 * BN, "source_id": "release-2014"},
        {"period": "2015", "value": 90 * BN, "source_id": "release-2015"},
        {
            "indicator": "trade_value_yoy",
            "period": "2015",
            "value": -20.0,
            "unit": "pct",
            "currency": "USD",
            "source_id": "release-2015",
        },
    )

    [flag] = flags(obs).to_dict("records")

    assert (flag["check"], flag["period"]) == ("growth", "2014")
    assert flag["expected"] == pytest.approx(112.5 * BN)  # 90 / 0.8
    assert flag["gap_pct"] == pytest.approx((100 / 112.5 - 1) * 100)


def test_a_yuan_figure_that_disagrees_with_the_dollar_figure_is_flagged():
    obs = observations(
        {"period": "2015", "value": 64.2 * BN, "source_id": "release-2015"},
        {"period": "2015", "value": 420 * BN, "unit": "CNY", "source_id": "release-2015"},
        rate("CNY", 6.2, period="2015", source_id="fed"),
    )

    [flag] = flags(obs).to_dict("records")

    assert flag["check"] == "currency"
    assert flag["expected"] == pytest.approx(420 / 6.2 * BN)
    assert flag["source_ids"] == "release-2015;fed"


def test_every_quality_flag_names_its_sources_and_gap(built_tables):
    found = built_tables["quality_flags"]
    sources = set(built_tables["sources"]["source_id"])

    assert not found.empty
    for _, flag in found.iterrows():
        assert set(flag["source_ids"].split(";")) <= sources
        assert f"{flag['gap_pct']:+.1f}%" in flag["message"]

"""Figures in each currency, computed in the ETL: the ECB-based dollar rates, which rate wins,
conversions of monthly figures at monthly rates, balances and growth in CNY and RUB, and the
rouble+yuan settlement sums. Each step is a pure function, tested on a few rows."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.derive import derive_all
from etl.derive.balance import balances
from etl.derive.convert import convert_trade, converted_observations
from etl.derive.fx import best_rates, cross_rates, ecb_dollar_rates
from etl.derive.growth import growth_rates
from etl.derive.settlement import settlement_sums
from tests.helpers import observations

BN = 1e9


def ecb_day(day: str, usd: float, cny: float | None = None, rub: float | None = None) -> list:
    """The ECB's rates of one day: units of each currency per one euro."""
    quoted = {"USD": usd, "CNY": cny, "RUB": rub}
    return [{"indicator": "fx_rate", "reporter": "", "partner": "", "flow": "", "commodity": "",
             "currency": "EUR", "unit": unit, "period": day, "freq": "D", "value": value,
             "status": "official", "source_id": "ecb-eurofxref"}
            for unit, value in quoted.items() if value is not None]


def month_of_ecb_days(month: str, days: int, usd: float, cny: float, rub=None) -> list:
    return [row for d in range(1, days + 1)
            for row in ecb_day(f"{month}-{d:02d}", usd, cny, rub)]


def rate(unit: str, value: float, period: str, freq: str = "M", **other) -> dict:
    return {"indicator": "fx_rate", "reporter": "RUS", "partner": "", "flow": "",
            "commodity": "", "currency": "USD", "unit": unit, "period": period, "freq": freq,
            "value": value, "status": "derived", "source_id": "derived-fx-average", **other}


# --- dollar rates from the ECB's euro rates ----------------------------------------------------
def test_a_monthly_dollar_rate_is_the_mean_of_the_ecbs_daily_cross_rates():
    days = month_of_ecb_days("2024-06", 8, usd=1.0, cny=7.0)  # 7 yuan per dollar
    days += ecb_day("2024-06-11", 1.25, cny=10.0) + ecb_day("2024-06-12", 1.25, cny=10.0)  # 8

    [row] = ecb_dollar_rates(observations(*days)).to_dict("records")

    assert (row["currency"], row["unit"], row["period"], row["freq"]) == (
        "USD", "CNY", "2024-06", "M")
    assert row["value"] == pytest.approx((8 * 7.0 + 2 * 8.0) / 10)
    assert row["source_id"] == "derived-fx-ecb-cross" and row["derived_from"] == "ecb-eurofxref"
    assert row["note"] == ("mean of 10 daily ECB cross rates (CNY per EUR ÷ USD per EUR), "
                           "2024-06-01 to 2024-06-12; reference rates, not market rates")


def test_a_cross_rate_month_needs_ten_days_and_the_rouble_row_says_when_the_ecb_stopped():
    days = month_of_ecb_days("2022-02", 12, 1.1, 7.1, rub=88.0)
    days += month_of_ecb_days("2022-03", 1, 1.1, 7.0, rub=120.0)  # the last rouble quote

    rates = ecb_dollar_rates(observations(*days))

    roubles = rates[rates["unit"] == "RUB"]
    assert roubles["period"].tolist() == ["2022-02"]
    assert roubles["value"].iloc[0] == pytest.approx(80.0)
    assert "the ECB stopped quoting the rouble after 1 March 2022" in roubles["note"].iloc[0]


def test_the_bank_of_russias_rate_wins_and_the_ecb_fills_only_the_months_without_one():
    rates = observations(
        rate("RUB", 75.0, "2021-05"),
        rate("RUB", 74.0, "2021-05", reporter="", source_id="derived-fx-ecb-cross"),
        rate("RUB", 73.0, "2021-06", reporter="", source_id="derived-fx-ecb-cross"),
    )

    best = best_rates(rates, ["unit", "period", "freq"], {}).set_index("period")

    assert best.loc["2021-05", "value"] == 75.0  # the Bank of Russia's
    assert best.loc["2021-06", "value"] == 73.0  # only the ECB has June
    assert best.loc["2021-06", "source_id"] == "derived-fx-ecb-cross"


def test_a_cross_rate_from_ecb_rates_is_not_credited_to_russia():
    rates = observations(
        rate("RUB", 74.0, "2021-06", reporter="", source_id="derived-fx-ecb-cross"),
        rate("CNY", 6.4, "2021-06", reporter="", source_id="derived-fx-ecb-cross"),
    )

    [row] = cross_rates(rates, {}).to_dict("records")

    assert row["reporter"] == "" and row["value"] == pytest.approx(74.0 / 6.4)


# --- conversions -------------------------------------------------------------------------------
def test_a_single_month_converts_at_its_own_months_rate_not_the_years():
    values = observations({"period": "2024-03", "freq": "M", "value": 20 * BN, "source_id": "m"})
    rates = observations(rate("CNY", 7.2, "2024-03"), rate("CNY", 7.0, "2024", freq="A"),
                         rate("CNY", 7.1, "2024-04"))

    yuan = convert_trade(values, rates, {}).set_index("unit").loc["CNY"]

    assert yuan["value"] == pytest.approx(20 * BN * 7.2)
    assert (yuan["rate_period"], yuan["rate_kind"]) == ("Mar 2024", "monthly average")


def test_a_rouble_month_after_february_2022_without_bank_of_russia_rates_says_why():
    values = observations({"period": "2023-05", "freq": "M", "value": 20 * BN})
    rates = observations(rate("CNY", 7.0, "2023-05", source_id="derived-fx-ecb-cross"))

    rouble = convert_trade(values, rates, {}).set_index("unit").loc["RUB"]

    assert pd.isna(rouble["value"])
    assert "the ECB stopped quoting the rouble after 1 March 2022" in rouble["no_rate_reason"]
    assert "Bank of Russia's official rates are not in this snapshot" in rouble["no_rate_reason"]


def test_only_each_series_preferred_dollar_figure_becomes_a_converted_observation():
    values = observations(
        {"value": 240 * BN, "source_id": "customs"},
        {"value": 230 * BN, "source_id": "press", "status": "sourced_secondary"},
        {"flow": "export", "value": 100 * BN, "qualifier": "lower_bound", "source_id": "x"},
    )
    rates = observations(rate("CNY", 7.0, "2024", freq="A"))

    rows = converted_observations(convert_trade(values, rates, {}), values, {})

    total = rows[rows["flow"] == "total"].iloc[0]
    assert len(rows[rows["flow"] == "total"]) == 1
    assert total["value"] == pytest.approx(240 * BN * 7.0)
    assert (total["unit"], total["status"], total["qualifier"]) == ("CNY", "derived", "approx")
    assert total["source_id"] == "derived-currency-conversion"
    assert total["derived_from"] == "customs;derived-fx-average"
    assert total["note"] == "= US$240.00 bn × 7.0000 CNY per USD (annual average 2024, " \
        "derived-fx-average)"
    assert rows[rows["flow"] == "export"]["qualifier"].tolist() == ["lower_bound"]


# --- balances and growth in each currency -------------------------------------------------------
def yuan_case() -> pd.DataFrame:
    """2024: exports reported in yuan; imports only converted. 2023: both converted."""
    conv = {"source_id": "derived-currency-conversion", "status": "derived",
            "qualifier": "approx", "unit": "CNY"}
    return observations(
        {"flow": "export", "value": 820 * BN, "unit": "CNY", "source_id": "gacc"},
        {**conv, "flow": "export", "value": 830 * BN, "derived_from": "gacc-usd;fx"},
        {**conv, "flow": "import", "value": 900 * BN, "derived_from": "gacc-usd;fx"},
        {**conv, "flow": "export", "period": "2023", "value": 780 * BN},
        {**conv, "flow": "import", "period": "2023", "value": 850 * BN},
        {"flow": "import", "period": "2023", "value": 860 * BN, "unit": "CNY",
         "qualifier": "lower_bound", "source_id": "press"},
    )


def test_a_yuan_balance_uses_the_reported_yuan_figure_where_there_is_one():
    rows = balances(yuan_case(), {}).set_index("period")

    assert rows.loc["2024", "value"] == pytest.approx(-80 * BN)  # 820 reported − 900 converted
    assert rows.loc["2024", "unit"] == "CNY" and rows.loc["2024", "qualifier"] == "approx"
    assert rows.loc["2024", "derived_from"] == "gacc;derived-currency-conversion;gacc-usd;fx"
    assert rows.loc["2024", "note"] == ("= exports CN¥820.00 bn − imports CN¥900.00 bn "
                                        "(converted); exports FOB, imports CIF")
    assert rows.loc["2023", "value"] == pytest.approx(-70 * BN)  # the bound is never used


def test_growth_in_yuan_compares_the_values_shown_and_says_which_were_converted():
    rows = growth_rates(yuan_case(), {}).set_index("flow")

    assert rows.loc["export", "value"] == pytest.approx((820 / 780 - 1) * 100)
    assert rows.loc["export", "currency"] == "CNY" and rows.loc["export", "unit"] == "pct"
    assert rows.loc["export", "note"] == "2024 CN¥820.00 bn vs 2023 CN¥780.00 bn (converted)"
    assert rows.loc["import", "value"] == pytest.approx((900 / 850 - 1) * 100)


def test_the_pipeline_publishes_balances_and_growth_in_roubles_from_converted_figures(mappings):
    obs = observations(
        {"flow": "export", "period": "2021", "value": 67 * BN, "source_id": "gacc"},
        {"flow": "import", "period": "2021", "value": 79 * BN, "source_id": "gacc"},
        {"flow": "export", "period": "2020", "value": 50 * BN, "source_id": "gacc"},
        rate("RUB", 73.6, "2021", freq="A", status="sourced", source_id="cbr-2021"),
        rate("RUB", 72.1, "2020", freq="A", status="sourced", source_id="cbr-2020"),
    )

    out = derive_all(obs, mappings, {}).observations
    rub = out[(out["unit"] == "RUB") | (out["currency"] == "RUB")]

    balance = rub[(rub["flow"] == "balance")].iloc[0]
    assert balance["value"] == pytest.approx((67 - 79) * BN * 73.6)
    assert balance["source_id"] == "derived-balance"
    growth = rub[rub["indicator"] == "trade_value_yoy"].iloc[0]
    assert growth["value"] == pytest.approx((67 * 73.6 / (50 * 72.1) - 1) * 100)


def test_monthly_2023_to_2025_china_russia_trade_is_available_in_yuan_offline(offline_tables):
    obs = offline_tables["observations"]
    yuan = obs[(obs["indicator"] == "trade_value") & (obs["unit"] == "CNY")
               & (obs["reporter"] == "CHN") & (obs["partner"] == "RUS")
               & (obs["commodity"] == "TOTAL") & (obs["freq"] == "M")
               & obs["period"].between("2023-01", "2025-12") & ~obs["cumulative"]]

    assert yuan["period"].nunique() >= 12
    converted = offline_tables["trade_converted"]
    rouble = converted[(converted["unit"] == "RUB") & (converted["freq"] == "M")
                       & converted["period"].between("2023-01", "2025-12")]
    assert rouble["value"].isna().all() and (rouble["no_rate_reason"] != "").all()


# --- settlement sums ---------------------------------------------------------------------------
def share(currency: str, value: float, **other) -> dict:
    return {"indicator": "settlement_share", "reporter": "RUS", "partner": "WLD",
            "flow": "export", "commodity": "", "currency": currency, "period": "2024",
            "unit": "pct", "value": value, "source_id": "cbr-structure", **other}


def test_rouble_and_yuan_shares_of_one_release_are_added_up_citing_it():
    [row] = settlement_sums(observations(share("RUB", 41.0), share("CNY", 34.5))).to_dict(
        "records")

    assert (row["currency"], row["value"]) == ("RUB+CNY", 75.5)
    assert row["source_id"] == "derived-settlement-sum" and row["status"] == "derived"
    assert row["derived_from"] == "cbr-structure"
    assert row["note"] == "= roubles 41% + yuan 34.5%, both from the same release (cbr-structure)"


def test_no_sum_across_releases_where_the_release_gives_it_or_of_an_officials_words():
    across = observations(share("RUB", 41.0), share("CNY", 34.5, source_id="other"))
    given = observations(share("RUB", 41.0), share("CNY", 34.5), share("RUB+CNY", 76.0))
    said = observations(share("RUB", 41.0, speaker="Someone"), share("CNY", 34.5,
                                                                     speaker="Someone"))

    assert settlement_sums(across).empty
    assert settlement_sums(given).empty
    assert settlement_sums(said).empty

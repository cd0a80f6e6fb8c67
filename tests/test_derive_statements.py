"""Officials' settlement statements against the nearest published share
(etl/derive/statements.py): which figure each statement is compared with, and the gap in
percentage points."""

from __future__ import annotations

import pytest

from etl.derive.statements import NO_NEARBY, settlement_gaps, statement_comparisons
from tests.helpers import observations


def share(period: str, value: float, currency: str = "RUB+CNY", partner: str = "WLD",
          flow: str = "export", freq: str = "M", speaker: str = "", **other) -> dict:
    return {"indicator": "settlement_share", "reporter": "RUS", "partner": partner,
            "flow": flow, "commodity": "", "currency": currency, "period": period,
            "freq": freq, "value": value, "unit": "pct", "speaker": speaker,
            "source_id": other.pop("source_id", f"src-{period}"), **other}


def said(period: str, value: float, **other) -> dict:
    return share(period, value, partner="CHN", flow="total", freq="D",
                 speaker="A deputy prime minister", source_id=f"said-{period}", **other)


def test_a_statement_is_compared_with_the_nearest_share_of_the_same_currency_for_each_flow():
    obs = observations(
        share("2023-06", 67.0), share("2022-09", 46.4),
        share("2023-06", 64.0, flow="import"),
        share("2023-10", 42.0, currency="RUB"),  # nearer, but roubles alone
        said("2023-11-20", 95.0),
    )

    gaps = settlement_gaps(obs, {}).set_index("flow")

    assert gaps.loc["export", "value"] == pytest.approx(28.0)
    assert gaps.loc["import", "value"] == pytest.approx(31.0)
    assert (gaps.loc["export", "unit"], gaps.loc["export", "indicator"]) == ("pp",
                                                                            "settlement_gap")
    assert gaps.loc["export", "period"] == "2023-11-20"
    assert gaps.loc["export", "speaker"] == "A deputy prime minister"
    assert gaps.loc["export", "derived_from"] == "said-2023-11-20;src-2023-06"
    assert gaps.loc["export", "note"].startswith(
        "= 95% (A deputy prime minister, 20 Nov 2023) − 67% (RUB+CNY share of all of Russia's "
        "payments, Russia's exports (payments received), Jun 2023; src-2023-06)")
    assert "not like for like" in gaps.loc["export", "note"]


def test_a_share_further_than_a_year_is_not_compared_and_says_so():
    obs = observations(share("2022-09", 46.4), said("2024-05-16", 90.0))

    pairs = statement_comparisons(obs, {}).set_index("flow")

    assert pairs.loc["export", "compared_with"] == NO_NEARBY
    assert pairs.loc["import", "compared_with"] == "none"  # no import share at all
    assert settlement_gaps(obs, {}).empty


def test_a_bound_stays_a_bound_against_an_exact_share():
    obs = observations(share("2023-06", 67.0), said("2023-12-19", 90.0, qualifier="lower_bound"))

    [row] = settlement_gaps(obs, {}).to_dict("records")

    assert row["value"] == pytest.approx(23.0) and row["qualifier"] == "lower_bound"


def test_a_sum_of_a_releases_shares_is_cited_by_its_release():
    obs = observations(
        share("2023-06", 67.0, source_id="derived-settlement-sum", status="derived",
              derived_from="cbr-june"),
        said("2023-11-20", 95.0),
    )

    [row] = settlement_gaps(obs, {}).to_dict("records")

    assert row["derived_from"] == "said-2023-11-20;derived-settlement-sum;cbr-june"
    assert "cbr-june via derived-settlement-sum" in row["note"]

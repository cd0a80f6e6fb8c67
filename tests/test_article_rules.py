"""The article rules (etl/claims/article_rules.py): tolerant where the writer rounds, strict
where exact; swapped flows, yuan growth beside a dollar total, records, targets."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from etl.claims.article_rules import compare
from etl.claims.context import Context
from etl.claims.model import VERDICTS
from etl.claims.rules import RULES
from tests.conftest import ARTICLE_DATE
from tests.helpers import events, observations, sources

TOTAL_2024 = 244.81e9


@pytest.mark.parametrize(
    ("claimed", "qualifier", "precision", "grade"),
    [
        (245e9, "approx", 1e9, "match"),  # "about $245 billion"
        (244.8e9, "exact", 0.1e9, "match"),  # rounded correctly
        (244.9e9, "exact", 0.1e9, "close"),  # a little off its rounding
        (240e9, "exact", 1e9, "close"),  # 2% off
        (260e9, "exact", 1e9, "off"),
        (240e9, "lower_bound", 1e9, "match"),  # "more than $240 billion"
        (250e9, "lower_bound", 1e9, "off"),
        (250e9, "nearly", 1e9, "match"),  # "nearly $250 billion"
        (230e9, "nearly", 1e9, "off"),  # well below the actual figure: not "nearly"
    ],
)
def test_a_stated_figure_is_judged_to_the_precision_it_was_written_with(
    claimed, qualifier, precision, grade
):
    assert compare(claimed, qualifier, precision, TOTAL_2024, "USD") == grade


def test_the_article_rules_are_in_the_shared_registry_and_unresolved_in_the_vocabulary():
    assert {"stated_value", "stated_growth", "stated_rank", "stated_target", "unresolved"} <= set(
        RULES)
    assert "unresolved" in VERDICTS


def value_params(**changes):
    params = {"indicator": "trade_value", "reporter": "CHN", "partner": "RUS",
              "flow": "export", "commodity": "TOTAL", "unit": "USD",
              "periods": [["2024", "A", False]], "claimed": 115.5e9, "qualifier": "exact",
              "precision": 0.1e9, "mirror": True}
    return params | changes


@pytest.fixture
def flows(make_observations, make_context):
    return make_context(make_observations(
        {"flow": "export", "value": 115.49e9, "source_id": "gacc"},
        {"flow": "import", "value": 129.32e9, "source_id": "gacc"},
        {"flow": "total", "value": 244.81e9, "source_id": "gacc"},
        {"flow": "total", "period": "2023", "value": 240.11e9, "source_id": "gacc-2023"},
    ))


def test_a_matching_figure_is_supported_and_names_its_source(flows):
    outcome = RULES["stated_value"](flows, value_params())
    assert outcome.verdict == "supported"
    assert "US$115.49 bn" in outcome.explanation and "Publisher gacc" in outcome.explanation


def test_swapped_flows_are_contradicted_and_said_to_be_swapped(flows):
    outcome = RULES["stated_value"](flows, value_params(flow="import"))
    assert outcome.verdict == "contradicted"
    assert "swapped" in outcome.explanation


def test_a_record_must_beat_every_earlier_year(flows):
    record = value_params(flow="total", claimed=244.8e9, record=True)
    assert RULES["stated_value"](flows, record).verdict == "supported"
    not_record = value_params(flow="total", claimed=240.1e9, record=True,
                              periods=[["2023", "A", False]])
    ctx = flows
    higher = ctx.obs.copy()
    higher.loc[len(higher)] = {**higher.iloc[2].to_dict(), "period": "2022", "value": 250e9}
    from dataclasses import replace
    outcome = RULES["stated_value"](replace(ctx, obs=higher), not_record)
    assert outcome.verdict == "contradicted" and "not a record" in outcome.explanation


def test_no_figure_for_the_period_is_unresolved(flows):
    outcome = RULES["stated_value"](flows, value_params(periods=[["2019", "A", False]]))
    assert outcome.verdict == "unresolved"


@pytest.fixture
def growth(make_observations, make_context):
    return make_context(make_observations(
        {"indicator": "trade_value_yoy", "currency": "USD", "unit": "pct", "value": 1.9},
        {"indicator": "trade_value_yoy", "currency": "CNY", "unit": "pct", "value": 2.9},
    ))


def growth_params(**changes):
    return {"flow": "total", "reporter": "CHN", "partner": "RUS",
            "periods": [["2024", "A", False]], "claimed": 2.9, "precision": 0.1,
            "currency": "", "beside_amount": "USD"} | changes


def test_a_yuan_growth_rate_beside_a_dollar_total_is_flagged(growth):
    outcome = RULES["stated_growth"](growth, growth_params())
    assert outcome.verdict == "supported_with_caveats"
    assert "yuan" in outcome.explanation and "+1.9%" in outcome.explanation


def test_growth_in_the_wrong_direction_is_contradicted(growth):
    outcome = RULES["stated_growth"](growth, growth_params(claimed=-1.9))
    assert outcome.verdict == "contradicted"


def test_growth_stated_in_yuan_terms_is_judged_in_yuan(growth):
    outcome = RULES["stated_growth"](growth, growth_params(currency="CNY", beside_amount="CNY"))
    assert outcome.verdict == "supported"


@pytest.fixture
def totals(make_observations, make_context):
    return make_context(make_observations(
        {"period": "2022", "value": 190.27e9}, {"period": "2023", "value": 240.11e9},
    ))


@pytest.mark.parametrize(("claim", "verdict"), [("early", "supported"),
                                                 ("missed", "contradicted")])
def test_a_target_is_checked_against_the_year_it_was_set_for(totals, claim, verdict):
    params = {"claimed": 200e9, "target_year": 2024, "claim": claim}
    assert RULES["stated_target"](totals, params).verdict == verdict


def check_exports_of_115_5_billion(official: float):
    """'$115.5 billion' of China's 2024 exports to Russia, checked against an official figure
    and a press one of 115.49 bn."""
    obs = observations(
        {"flow": "export", "value": official, "status": "official", "source_id": "comtrade"},
        {"flow": "export", "value": 115.49e9, "source_id": "bne"},
    )
    table = sources("comtrade", "bne")
    table["tier"] = table["source_id"].map({"comtrade": "official", "bne": "press"})
    ctx = Context(obs=obs, events=events(), sources=table.set_index("source_id"),
                  as_of=ARTICLE_DATE)

    return RULES["stated_value"](ctx, {
        "indicator": "trade_value", "reporter": "CHN", "partner": "RUS", "flow": "export",
        "commodity": "TOTAL", "unit": "USD", "claimed": 115.5e9, "precision": 0.1e9,
        "claimed_text": "$115.5 billion", "periods": [["2024", "A", False]]})


def test_a_figure_a_source_gives_and_the_best_source_revises_slightly_is_supported_naming_both():
    # China's exports to Russia in 2024: 115.28 bn in Comtrade's final data (official), 115.49 bn
    # in GACC's January release as the press reported it; the article writes $115.5 billion: the
    # figure is borne out (both evaluation sets label it so), the revision is shown
    outcome = check_exports_of_115_5_billion(official=115.28e9)

    assert outcome.verdict == "supported"
    assert "tier: official" in outcome.explanation and "tier: press" in outcome.explanation
    assert "US$115.49 bn (Publisher bne" in outcome.explanation
    assert "the article's $115.5 billion matches" in outcome.explanation
    assert any("US$115.28 bn" in caveat for caveat in outcome.caveats)


def test_a_figure_far_from_the_best_source_but_equal_to_another_is_supported_with_caveats():
    outcome = check_exports_of_115_5_billion(official=110.0e9)

    assert outcome.verdict == "supported_with_caveats"
    assert "The sources disagree" in outcome.explanation
    assert isinstance(outcome.evidence, pd.DataFrame) and len(outcome.evidence) == 2


def test_a_growth_rate_stated_in_dollar_terms_that_is_the_yuan_figure_is_contradicted(growth):
    outcome = RULES["stated_growth"](growth, growth_params(currency="USD", beside_amount=""))
    assert outcome.verdict == "contradicted"
    assert "+1.9%" in outcome.explanation and "yuan terms (+2.9%" in outcome.explanation


def test_a_quarter_no_source_gives_is_two_year_to_date_totals_apart(make_observations,
                                                                     make_context):
    ctx = make_context(make_observations(
        {"period": "2024-06", "freq": "M", "cumulative": True, "value": 116.87e9,
         "source_id": "h1"},
        {"period": "2024-03", "freq": "M", "cumulative": True, "value": 56.68e9,
         "source_id": "q1"},
    ))
    outcome = RULES["stated_value"](ctx, value_params(
        flow="total", claimed=60e9, qualifier="approx", precision=1e9,
        periods=[["2024-Q2", "Q", False]], parts_from_year_to_date=True))

    assert outcome.verdict == "supported"
    assert "US$60.19 bn" in outcome.explanation
    [computed] = outcome.evidence.to_dict("records")
    assert computed["derived_from"] == "h1;q1" and "computed here" in computed["note"]


def rank_rows(make_observations, *rows):
    return make_observations(*[{"indicator": "partner_rank", "unit": "rank", "period": "2024",
                                **row} for row in rows])


@pytest.fixture
def conventions(make_observations, make_context):
    return make_context(rank_rows(
        make_observations,
        {"basis": "countries_only", "value": 5.0, "source_id": "a"},
        {"basis": "incl_hk_tw", "value": 7.0, "qualifier": "approx", "source_id": "b"},
        {"basis": "blocs_as_units", "value": 8.0, "qualifier": "approx", "source_id": "b"},
        {"basis": "mixed", "value": 5.0, "period": "2023-11", "freq": "M", "cumulative": True,
         "source_id": "c"},
    ))


def rank_params(claimed, convention="countries_only", source="open", **changes):
    return {"reporter": "CHN", "partner": "RUS", "claimed_rank": claimed, "mode": "exact",
            "convention": convention, "convention_source": source,
            "periods": [["2024", "A", False]]} | changes


@pytest.mark.parametrize(
    ("claimed", "convention", "source", "verdict"),
    [
        (5, "countries_only", "named", "supported"),  # holds where the sentence says: others shown
        # holds where the sentence says, but that ranking is an estimate (qualifier approx)
        (7, "incl_hk_tw", "named", "supported_with_caveats"),
        (8, "blocs_as_units", "named", "supported_with_caveats"),
        (6, "countries_only", "named", "contradicted"),
        (5, "countries_only", "implied", "supported"),
        (5, "countries_only", "open", "supported_with_caveats"),  # others give 7 and 8
        (8, "countries_only", "open", "supported_with_caveats"),  # true only with blocs
        (3, "countries_only", "open", "contradicted"),
    ],
)
def test_a_rank_is_judged_under_the_convention_the_sentence_names(conventions, claimed,
                                                                  convention, source, verdict):
    outcome = RULES["stated_rank"](conventions, rank_params(claimed, convention, source))
    assert outcome.verdict == verdict
    if source == "named" and verdict != "contradicted":
        assert "Under the convention the sentence names" in outcome.explanation
    if verdict == "supported_with_caveats" and source == "named":
        assert any("is an estimate" in caveat for caveat in outcome.caveats)


def test_a_rank_for_a_period_the_snapshot_does_not_rank_is_unresolved(conventions):
    outcome = RULES["stated_rank"](conventions, rank_params(
        5, mode="top", periods=[["2025-Q1", "Q", False], ["2025-03", "M", True]]))
    assert outcome.verdict == "unresolved"
    assert "Q1 2025" in outcome.explanation and "5th in 2024" in outcome.explanation


def test_a_rank_found_only_under_a_mixed_convention_holds_with_caveats(conventions):
    outcome = RULES["stated_rank"](conventions, rank_params(
        5, "blocs_as_units", "implied", periods=[["2023-11", "M", True]]))
    assert outcome.verdict == "supported_with_caveats"
    assert any("mixed" in caveat for caveat in outcome.caveats)


def test_a_year_not_over_reaches_a_target_with_its_year_to_date_total(make_observations,
                                                                      make_context):
    ctx = make_context(make_observations(
        {"period": "2022", "value": 190.27e9},
        {"period": "2023-11", "freq": "M", "cumulative": True, "value": 218.17e9},
    ), as_of=date(2023, 12, 8))
    outcome = RULES["stated_target"](ctx, {"claimed": 200e9, "target_year": 2024,
                                           "claim": "early"})
    assert outcome.verdict == "supported"
    assert "Jan–Nov 2023 already" in outcome.explanation


def test_a_milestone_said_to_be_passed_in_a_year_it_was_not_is_contradicted(totals):
    params = {"claimed": 250e9, "target_year": 2023, "claim": "reached_in",
              "reached_year": 2023, "milestone": True}
    outcome = RULES["stated_target"](totals, params)
    assert outcome.verdict == "contradicted" and "US$240.11 bn" in outcome.explanation


@pytest.fixture
def payments(make_observations, make_context):
    share = {"indicator": "settlement_share", "reporter": "RUS", "partner": "CHN",
             "currency": "RUB+CNY", "unit": "pct", "freq": "D"}
    return make_context(make_observations(
        {**share, "period": "2023-10-18", "value": 90.0, "speaker": "Anton Siluanov",
         "source_id": "tass"},
        {**share, "period": "2024-05-16", "value": 90.0, "speaker": "Vladimir Putin",
         "source_id": "reuters"},
        {**share, "currency": "USD", "period": "2015", "freq": "A", "value": 90.0,
         "qualifier": "approx", "source_id": "review"},
    ), as_of=date(2024, 6, 3))


def payment_params(**changes):
    return {"indicator": "settlement_share", "reporter": "RUS", "partner": "CHN",
            "currency": "RUB+CNY", "claimed_value": 90.0, "what": "the share of payments"
            } | changes


def test_an_officials_share_is_attributed_to_the_official_the_sentence_names(payments):
    outcome = RULES["settlement_share"](payments, payment_params(speaker="Vladimir Putin"))
    assert outcome.verdict == "attributed"
    assert "Vladimir Putin" in outcome.explanation and "Siluanov" not in outcome.explanation


def test_a_past_share_with_no_speaker_is_compared_with_the_statistic(payments):
    statistic = {"indicator": "settlement_share", "reporter": "RUS", "partner": "CHN",
                 "flow": "total", "currency": "USD", "commodity": "TOTAL", "unit": "pct",
                 "claimed": 90.0, "qualifier": "approx", "precision": 1.0,
                 "periods": [["2015", "A", False]], "what": "Dollars' share"}
    outcome = RULES["settlement_share"](payments, payment_params(currency="USD",
                                                                 statistic=statistic))
    assert outcome.verdict == "supported" and "Dollars' share, 2015: 90%" in outcome.explanation


def test_a_stated_multiple_over_a_decade(make_observations, make_context):
    ctx = make_context(make_observations({"period": "2014", "value": 95.28e9},
                                         {"period": "2024", "value": 244.81e9}))
    base = {"reporter": "CHN", "partner": "RUS", "years": 10, "supported_ratio": 1.5,
            "claimed_text": "more than doubled"}
    doubled = RULES["growth_over_years"](ctx, {**base, "claimed_ratio": 2,
                                               "ratio_qualifier": "lower_bound"})
    tripled = RULES["growth_over_years"](ctx, {**base, "claimed_ratio": 3,
                                               "ratio_qualifier": "exact"})
    assert (doubled.verdict, tripled.verdict) == ("supported", "contradicted")


def test_a_rank_by_one_flow_no_source_gives_is_read_by_total_trade_and_said_so(conventions):
    outcome = RULES["stated_rank"](conventions, rank_params(5, flow="export", periods=[]))
    assert outcome.verdict == "supported_with_caveats"
    assert any("No ranking by exports alone" in caveat for caveat in outcome.caveats)

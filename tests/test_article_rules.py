"""The article rules (etl/claims/article_rules.py): tolerant where the writer rounds, strict
where exact; swapped flows, yuan growth beside a dollar total, records, targets."""

from __future__ import annotations

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


def test_a_figure_a_source_gives_and_the_best_source_revises_slightly_is_supported_naming_both():
    # China's exports to Russia in 2024: 115.28 bn in Comtrade's final data (official), 115.49 bn
    # in GACC's January release as the press reported it; the article writes $115.5 billion: the
    # figure is borne out (both evaluation sets label it so), the revision is shown
    obs = observations(
        {"flow": "export", "value": 115.28e9, "status": "official", "source_id": "comtrade"},
        {"flow": "export", "value": 115.49e9, "source_id": "bne"},
    )
    table = sources("comtrade", "bne")
    table["tier"] = table["source_id"].map({"comtrade": "official", "bne": "press"})
    ctx = Context(obs=obs, events=events(), sources=table.set_index("source_id"),
                  as_of=ARTICLE_DATE)

    outcome = RULES["stated_value"](ctx, {
        "indicator": "trade_value", "reporter": "CHN", "partner": "RUS", "flow": "export",
        "commodity": "TOTAL", "unit": "USD", "claimed": 115.5e9, "precision": 0.1e9,
        "claimed_text": "$115.5 billion", "periods": [["2024", "A", False]]})

    assert outcome.verdict == "supported"
    assert "tier: official" in outcome.explanation and "tier: press" in outcome.explanation
    assert "US$115.49 bn (Publisher bne" in outcome.explanation
    assert "the article's $115.5 billion matches" in outcome.explanation
    assert any("US$115.28 bn" in caveat for caveat in outcome.caveats)


def test_a_figure_far_from_the_best_source_but_equal_to_another_is_supported_with_caveats():
    obs = observations(
        {"flow": "export", "value": 110.0e9, "status": "official", "source_id": "comtrade"},
        {"flow": "export", "value": 115.49e9, "source_id": "bne"},
    )
    table = sources("comtrade", "bne")
    table["tier"] = table["source_id"].map({"comtrade": "official", "bne": "press"})
    ctx = Context(obs=obs, events=events(), sources=table.set_index("source_id"),
                  as_of=ARTICLE_DATE)

    outcome = RULES["stated_value"](ctx, {
        "indicator": "trade_value", "reporter": "CHN", "partner": "RUS", "flow": "export",
        "commodity": "TOTAL", "unit": "USD", "claimed": 115.5e9, "precision": 0.1e9,
        "claimed_text": "$115.5 billion", "periods": [["2024", "A", False]]})

    assert outcome.verdict == "supported_with_caveats"
    assert "The sources disagree" in outcome.explanation
    assert isinstance(outcome.evidence, pd.DataFrame) and len(outcome.evidence) == 2

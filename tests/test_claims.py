"""The claims: each rule turns data into a verdict (etl/claims/rules/), the claims file is
checked against the article (etl/claims/load.py), and on the real data the verdict follows the
data, never a label typed into the claims file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from etl.claims.load import load_claims
from etl.claims.model import VERDICTS
from etl.claims.rules import (
    attributed_statement,
    composition_share,
    count_threshold,
    event_actor,
    event_dates,
    growth_over_years,
    not_checkable,
    partner_rank,
)
from etl.cli import main
from etl.errors import ClaimsError
from etl.pipeline import build_tables, read_inputs
from tests.helpers import edit_cell, events, find_line, observations, run_etl

BN = 1e9


# --- partner_rank ------------------------------------------------------------------------------
def rank(value: int, basis: str, period: str = "2024", **other) -> dict:
    return {
        "indicator": "partner_rank",
        "period": period,
        "value": float(value),
        "unit": "rank",
        "basis": basis,
        **other,
    }


FIFTH = {
    "reporter": "CHN",
    "partner": "RUS",
    "claimed_rank": 5,
    "claimed_convention": "countries_only",
}


def test_a_rank_as_claimed_under_the_claimed_convention_is_supported(make_context):
    ctx = make_context(observations(rank(5, "countries_only")))

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "supported"
    assert outcome.explanation == (
        "Russia ranked 5th among China's trading partners in 2024 counting countries only "
        "(Publisher src-a, 2024-01), as the article says. Only press reports give Russia's "
        "2024 rank."
    )


def test_a_rank_that_differs_under_another_convention_gives_caveats(make_context):
    ctx = make_context(observations(rank(5, "countries_only"), rank(6, "incl_hk_tw")))

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "supported_with_caveats"
    expected = (
        "In the same year the rank depends on who counts as a partner: counting Hong Kong and "
        "Taiwan as partners, Russia ranked 6th (Publisher src-a, 2024-01)"
    )
    assert expected in outcome.explanation
    assert outcome.alternatives == [
        "Counting differently: counting Hong Kong and Taiwan as partners, Russia ranked 6th "
        "(Publisher src-a, 2024-01)."
    ]


def test_a_different_rank_under_the_claimed_convention_is_contradicted(make_context):
    ctx = make_context(observations(rank(6, "countries_only"), rank(5, "blocs_as_units")))

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "contradicted"
    assert "Russia ranked 6th among China's trading partners in 2024" in outcome.explanation
    assert "not 5th as the article says" in outcome.explanation
    assert (
        "In 2024, only counting the EU and ASEAN as single partners, and Hong Kong and Taiwan "
        "as partners, Russia ranked 5th" in outcome.explanation
    )


def test_the_latest_ranking_before_the_article_decides(make_context):
    # 2023 said 4th, 2024 says 5th; a 2025 ranking, published after the article, says 6th
    ctx = make_context(
        observations(
            rank(4, "countries_only", "2023"),
            rank(5, "countries_only", "2024"),
            rank(6, "countries_only", "2025"),
        )
    )

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "supported"
    assert outcome.caveats[-1] == (
        "Since the article: Russia 6th in 2025 counting countries only (Publisher src-a, 2024-01)."
    )
    assert set(outcome.evidence["role"]) == {"evidence", "since"}


def test_conventions_are_compared_within_the_same_year_and_the_gaps_are_named(make_context):
    # 2024 has only the countries-only rank; 2023 had all three
    ctx = make_context(
        observations(
            rank(4, "countries_only", "2023"),
            rank(6, "incl_hk_tw", "2023"),
            rank(8, "blocs_as_units", "2023"),
            rank(5, "countries_only", "2024"),
        )
    )

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.alternatives == []  # 2023's ranks are not 2024's alternatives
    assert outcome.caveats[0] == (
        "No 2024 ranking counting Hong Kong and Taiwan as partners and counting the EU and "
        "ASEAN as single partners, and Hong Kong and Taiwan as partners is in the snapshot, so "
        "those conventions cannot be compared within the same year; the latest: counting Hong "
        "Kong and Taiwan as partners, 6th in 2023 (Publisher src-a, 2024-01); counting the EU "
        "and ASEAN as single partners, and Hong Kong and Taiwan as partners, 8th in 2023 "
        "(Publisher src-a, 2024-01)."
    )


def test_remains_is_checked_against_the_year_before(make_context):
    ctx = make_context(
        observations(rank(4, "countries_only", "2023"), rank(5, "countries_only", "2024"))
    )

    outcome = partner_rank(ctx, {**FIFTH, "continuity_word": "remains"})

    assert outcome.verdict == "supported_with_caveats"
    assert (
        "The article says “remains”, but Russia was 4th in 2023 counting countries only "
        "(Publisher src-a, 2024-01), so the rank changed between 2023 and 2024."
    ) in outcome.caveats


def test_ranks_by_exports_alone_are_shown_beside_the_total_trade_rank(make_context):
    ctx = make_context(
        observations(
            rank(5, "countries_only"),
            rank(6, "countries_only", flow="export"),
            rank(8, "blocs_as_units", flow="export"),
        )
    )

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "supported"  # the export ranks are context, not the claim
    assert (
        "By China's exports alone in 2024 (Publisher src-a, 2024-01): 6th counting countries "
        "only and 8th counting the EU and ASEAN as single partners, and Hong Kong and Taiwan "
        "as partners."
    ) in outcome.caveats


def test_an_old_ranking_is_used_with_a_caveat(make_context):
    ctx = make_context(observations(rank(5, "countries_only", "2022")))

    outcome = partner_rank(ctx, FIFTH)

    assert outcome.verdict == "supported_with_caveats"
    assert "is for 2022; none for 2024 is in the snapshot" in outcome.caveats[0]


def test_no_ranking_at_all_is_not_checkable(make_context):
    outcome = partner_rank(make_context(observations({"value": 240 * BN})), FIFTH)

    assert outcome.verdict == "not_checkable"


TOP = {
    "reporter": "RUS",
    "partner": "CHN",
    "claimed_rank": 1,
    "claimed_convention": "countries_only",
    "became_after": 2014,
    "became_after_label": "the first Western sanctions of 2014",
}


def russias_partner(value: int, period: str) -> dict:
    return rank(value, "countries_only", period, reporter="RUS", partner="CHN")


def test_already_top_before_the_sanctions_is_a_caveat_to_became(make_context):
    ctx = make_context(observations(russias_partner(1, "2010"), russias_partner(1, "2024")))

    outcome = partner_rank(ctx, TOP)

    assert outcome.verdict == "supported_with_caveats"
    assert (
        "Counting countries only, China was already Russia's largest trading partner in 2010 "
        "(Publisher src-a, 2024-01), before the first Western sanctions of 2014."
    ) in outcome.caveats


def test_becoming_top_after_the_sanctions_needs_no_caveat(make_context):
    ranks = [russias_partner(2, "2010"), russias_partner(1, "2016"), russias_partner(1, "2024")]
    ctx = make_context(observations(*ranks))

    outcome = partner_rank(ctx, TOP)

    assert outcome.verdict == "supported"
    assert not any("already" in c for c in outcome.caveats)


def share(partner: str, value: float, period: str, source: str) -> dict:
    return {"indicator": "partner_share", "reporter": "RUS", "partner": partner,
            "period": period, "value": value, "unit": "pct", "source_id": source}


def test_a_rival_bloc_gives_the_second_reading_year_by_year(make_context):
    # the EU (one partner) ahead of China in 2014 and 2022; China ahead from 2023
    ctx = make_context(
        observations(
            russias_partner(1, "2010"),
            russias_partner(1, "2023"),
            share("CHN", 11, "2014", "statement"),
            share("EU27", 47, "2014", "statement"),
            share("CHN", 34, "2023", "statement"),
            share("EU27", 11, "2023", "statement"),
            {"reporter": "EU27", "partner": "RUS", "period": "2022", "value": 282e9,
             "source_id": "eurostat"},
            {"reporter": "CHN", "partner": "RUS", "period": "2022", "value": 190.27e9,
             "source_id": "gacc"},
        )
    )
    rival = {"partner": "EU27", "reading": "counting the EU as one partner", "after": 2022,
             "after_label": "the sanctions of 2022"}

    outcome = partner_rank(ctx, {**TOP, "rival": rival, "readings_note": "Two readings."})

    assert outcome.verdict == "supported_with_caveats"
    assert (
        "Counting the EU as one partner, European Union was ahead of China in 2014 (47% against "
        "11% of Russia's trade; Publisher statement, 2024-01) and 2022 (US$282.00 bn (Publisher "
        "eurostat, 2024-01) against US$190.27 bn (Publisher gacc, 2024-01)), and China led only "
        "from 2023 (34% against 11% of Russia's trade; Publisher statement, 2024-01), after the "
        "sanctions of 2022."
    ) in outcome.caveats
    assert outcome.caveats[-1] == "Two readings."


# --- attributed_statement ----------------------------------------------------------------------
def statement(value: float, day: str, speaker: str = "Andrei Belousov (First Deputy PM), TASS"):
    return {
        "indicator": "settlement_share",
        "reporter": "RUS",
        "partner": "CHN",
        "currency": "RUB+CNY",
        "period": day,
        "freq": "D",
        "value": value,
        "unit": "pct",
        "speaker": speaker,
    }


PAYMENTS = {
    "indicator": "settlement_share",
    "reporter": "RUS",
    "partner": "CHN",
    "currency": "RUB+CNY",
    "claimed_value": 95,
    "what": "the share of payments in roubles and yuan",
}


def test_an_official_who_said_the_figure_makes_it_attributed(make_context):
    ctx = make_context(observations(statement(95, "2023-11-20"), statement(90, "2024-05-17")))

    outcome = attributed_statement(ctx, PAYMENTS)

    assert outcome.verdict == "attributed"
    assert outcome.explanation == (
        "The figure is an official's statement, not a published statistic: Andrei Belousov "
        "(First Deputy PM) on 20 Nov 2023: 95% (Publisher src-a, 2024-01). Only press reports "
        "give this statement."
    )
    assert outcome.caveats[0].startswith("The latest statement before the article: Andrei")


def test_when_every_statement_is_lower_the_figure_is_contradicted(make_context):
    ctx = make_context(observations(statement(80, "2023-11-20"), statement(85, "2024-05-17")))

    outcome = attributed_statement(ctx, PAYMENTS)

    assert outcome.verdict == "contradicted"
    assert outcome.explanation.startswith("No official statement found gives 95: ")


def test_a_statement_within_two_points_is_not_a_contradiction(make_context):
    ctx = make_context(observations(statement(94, "2024-05-17")))

    assert attributed_statement(ctx, PAYMENTS).verdict == "attributed"


def test_a_claimed_text_is_a_threshold_that_several_statements_can_meet(make_context):
    ctx = make_context(
        observations(
            statement(90, "2023-10-18", "Anton Siluanov (Finance Minister)"),
            statement(95, "2023-11-20"),
            statement(70, "2024-01-10"),
            statement(92, "2024-05-17", "Dmitry Peskov (Kremlin spokesman)"),
        )
    )
    nearly_all = {**PAYMENTS, "claimed_value": 90, "claimed_text": "nearly all"}

    outcome = attributed_statement(ctx, nearly_all)

    assert outcome.verdict == "attributed"
    assert outcome.explanation.startswith(
        "Officials have said nearly all (90% or more) in 3 statements since 18 Oct 2023"
    )
    expected = (
        "most recently before the article Dmitry Peskov (Kremlin spokesman) on 17 May 2024: 92%"
    )
    assert expected in outcome.explanation


def test_a_claimed_text_no_statement_reaches_is_contradicted(make_context):
    ctx = make_context(observations(statement(70, "2023-10-18"), statement(80, "2024-05-17")))

    outcome = attributed_statement(
        ctx, {**PAYMENTS, "claimed_value": 90, "claimed_text": "nearly all"}
    )

    assert outcome.verdict == "contradicted"
    assert outcome.explanation.startswith("No official statement found gives nearly all: ")


def test_statements_after_the_article_do_not_count(make_context):
    ctx = make_context(observations(statement(99.1, "2025-11-20")))

    outcome = attributed_statement(ctx, PAYMENTS)

    assert outcome.verdict == "not_checkable"
    assert outcome.caveats[-1].startswith("Since the article: Andrei Belousov")


def test_a_published_statistic_is_shown_beside_the_statements(make_context):
    statistic = {**statement(24, "2020-Q1"), "freq": "Q", "speaker": "", "source_id": "stats"}
    ctx = make_context(observations(statement(95, "2023-11-20"), statistic))

    outcome = attributed_statement(ctx, PAYMENTS)

    assert outcome.verdict == "attributed"
    expected = (
        "The last published figure for exactly this measure is for Q1 2020: 24% "
        "(Publisher stats, 2024-01)."
    )
    assert expected in outcome.caveats
    assert outcome.evidence.set_index("source_id").loc["stats", "role"] == "context"


# --- composition_share -------------------------------------------------------------------------
ENERGY = {"reporter": "CHN", "partner": "RUS", "flow": "import", "commodity": "27", "more_than": 50,
          "what": "Energy", "detail_label": "Crude oil"}


def energy_share(value: float, period: str = "2024", **other) -> dict:
    return {
        "indicator": "commodity_share",
        "flow": "import",
        "commodity": "27",
        "period": period,
        "value": value,
        "unit": "pct",
        **other,
    }


def test_a_share_above_the_threshold_is_supported(make_context):
    outcome = composition_share(make_context(observations(energy_share(62.0))), ENERGY)

    assert outcome.verdict == "supported"
    assert outcome.explanation.startswith("Energy made up 62% of what China bought from Russia")


def test_a_share_below_the_threshold_is_contradicted(make_context):
    outcome = composition_share(make_context(observations(energy_share(45.0))), ENERGY)

    assert outcome.verdict == "contradicted"


def test_a_lower_bound_at_the_threshold_holds(make_context):
    # "more than 50%" is above 50%
    ctx = make_context(observations(energy_share(50.0, qualifier="lower_bound")))

    assert composition_share(ctx, ENERGY).verdict == "supported"


def test_the_partners_mirror_figure_counts_too(make_context):
    mirror = energy_share(70.0, reporter="RUS", partner="CHN", flow="export")

    assert composition_share(make_context(observations(mirror)), ENERGY).verdict == "supported"


def test_a_share_including_coal_is_supported_with_a_caveat(make_context):
    ctx = make_context(observations(energy_share(75.0, note="HS 27, including coal")))

    outcome = composition_share(ctx, ENERGY)

    assert outcome.verdict == "supported_with_caveats"
    assert "These energy figures include coal, not only oil and gas." in outcome.caveats


def test_the_detail_commodity_is_reported_beside_the_share(make_context):
    ctx = make_context(
        observations(energy_share(62.0), energy_share(41.0, "2025-Q1", freq="Q", commodity="2709"))
    )

    outcome = composition_share(ctx, {**ENERGY, "detail_commodity": "2709"})

    assert outcome.verdict == "supported_with_caveats"
    expected = (
        "Crude oil alone was 41% of China's imports from Russia in Q1 2025 "
        "(Publisher src-a, 2024-01)."
    )
    assert expected in outcome.caveats


# --- growth_over_years -------------------------------------------------------------------------
DECADE = {"reporter": "CHN", "partner": "RUS", "years": 10, "supported_ratio": 1.5}


def totals(**by_year: float):
    return observations(
        *({"period": year.removeprefix("y"), "value": v * BN} for year, v in by_year.items())
    )


def test_trade_growing_by_the_supported_ratio_is_supported(make_context):
    outcome = growth_over_years(make_context(totals(y2014=95.28, y2024=244.81)), DECADE)

    assert outcome.verdict == "supported"
    assert outcome.explanation.startswith(
        "China's trade with Russia went from US$95.28 bn in 2014 (Publisher src-a, 2024-01) to "
        "US$244.81 bn in 2024 (Publisher src-a, 2024-01), 2.6×."
    )


def test_trade_growing_less_than_the_ratio_is_supported_with_caveats(make_context):
    outcome = growth_over_years(make_context(totals(y2014=100, y2024=120)), DECADE)

    assert outcome.verdict == "supported_with_caveats"


def test_trade_lower_than_a_decade_ago_is_contradicted(make_context):
    outcome = growth_over_years(make_context(totals(y2014=100, y2024=90)), DECADE)

    assert outcome.verdict == "contradicted"


def test_years_when_trade_fell_are_named(make_context):
    ctx = make_context(totals(y2014=100, y2015=70, y2016=80, y2020=120, y2021=114, y2024=250))

    outcome = growth_over_years(ctx, DECADE)

    assert outcome.verdict == "supported"
    assert "Trade fell in some years: 2015 (-30.0%) and 2021 (-5.0%)." in outcome.caveats


def test_a_later_year_is_shown_but_does_not_change_the_verdict(make_context):
    outcome = growth_over_years(make_context(totals(y2014=100, y2024=250, y2025=50)), DECADE)

    assert outcome.verdict == "supported"
    assert outcome.caveats[-1].startswith("Since the article: 2025: US$50.00 bn")


def test_without_the_reference_year_growth_is_not_checkable(make_context):
    outcome = growth_over_years(make_context(totals(y2014=100, y2023=250)), DECADE)

    assert outcome.verdict == "not_checkable"
    assert outcome.explanation == "No total for 2024 is in the snapshot."


# --- count_threshold ---------------------------------------------------------------------------
def marching(value: float) -> dict:
    return {
        "indicator": "parade_contingent_marching",
        "reporter": "",
        "partner": "",
        "flow": "",
        "commodity": "",
        "period": "2025-05-09",
        "freq": "D",
        "value": value,
        "unit": "persons",
        "note": "PLA honour guard on Red Square; Xinhua",
    }


PARADE = {"indicator": "parade_contingent_marching", "period": "2025-05-09", "more_than": 100}


def test_a_count_above_the_threshold_is_supported(make_context):
    outcome = count_threshold(make_context(observations(marching(102))), PARADE)

    assert outcome.verdict == "supported"
    assert outcome.explanation == (
        "102 — PLA honour guard on Red Square (Publisher src-a, 2024-01): more than 100. Only "
        "press reports give this count."
    )


def test_a_count_at_the_threshold_is_contradicted(make_context):
    outcome = count_threshold(make_context(observations(marching(100))), PARADE)

    assert outcome.verdict == "contradicted"
    assert "not more than 100." in outcome.explanation


# --- event_dates and event_actor ---------------------------------------------------------------
def test_event_dates_matching_the_record_are_supported(make_context):
    ctx = make_context(event_rows=events({"start": "2025-05-07", "end": "2025-05-10"}))

    outcome = event_dates(
        ctx,
        {
            "event_id": "event-a",
            "start": "2025-05-07",
            "start_weekday": "Wednesday",
            "end_weekday": "Saturday",
        },
    )

    assert outcome.verdict == "supported"
    assert "Wednesday 7 May 2025 to Saturday 10 May 2025" in outcome.explanation


def test_a_weekday_that_does_not_match_the_date_is_contradicted(make_context):
    ctx = make_context(event_rows=events({"start": "2025-05-08", "end": "2025-05-08"}))

    outcome = event_dates(ctx, {"event_id": "event-a", "start_weekday": "Friday"})

    assert outcome.verdict == "contradicted"
    assert outcome.explanation.endswith(
        "But the article says Friday for the start day, the record says Thursday."
    )


def test_a_date_that_does_not_match_the_record_is_contradicted(make_context):
    ctx = make_context(event_rows=events({"start": "2025-05-08", "end": "2025-05-08"}))

    outcome = event_dates(ctx, {"event_id": "event-a", "start": "2025-05-07"})

    assert outcome.verdict == "contradicted"


def test_an_unknown_event_is_not_checkable(make_context):
    outcome = event_dates(make_context(), {"event_id": "no-such-event"})

    assert outcome.verdict == "not_checkable"


def proposal(actor: str, start: str = "2025-03-11", event_id: str = "proposal") -> dict:
    return {
        "event_id": event_id,
        "label": "A 30-day ceasefire proposed",
        "start": start,
        "end": start,
        "actor": actor,
    }


TRUCE = {"event_ids": ["proposal"], "claimed_actor": "Ukraine"}


def test_a_proposal_by_the_claimed_actor_alone_is_supported(make_context):
    outcome = event_actor(make_context(event_rows=events(proposal("Ukraine"))), TRUCE)

    assert outcome.verdict == "supported"


def test_a_proposal_shared_with_others_is_supported_with_a_caveat(make_context):
    ctx = make_context(event_rows=events(proposal("US-Ukraine joint statement")))

    outcome = event_actor(ctx, TRUCE)

    assert outcome.verdict == "supported_with_caveats"
    assert outcome.caveats == ["The proposal was not Ukraine's alone: US-Ukraine joint statement."]


def test_a_proposal_by_someone_else_is_contradicted(make_context):
    outcome = event_actor(make_context(event_rows=events(proposal("Russia"))), TRUCE)

    assert outcome.verdict == "contradicted"


def test_a_proposal_made_after_the_article_is_not_checkable(make_context):
    ctx = make_context(event_rows=events(proposal("Ukraine", "2025-05-10")))

    assert event_actor(ctx, TRUCE).verdict == "not_checkable"


def test_not_checkable_gives_its_reason_and_no_evidence(make_context):
    outcome = not_checkable(make_context(), {"reason": "An accusation no statistic records."})

    assert outcome.verdict == "not_checkable"
    assert outcome.explanation == "An accusation no statistic records."
    assert outcome.evidence.empty


# --- loading the claims file -------------------------------------------------------------------
ARTICLE = "Russia remains China’s fifth-largest trading partner.\n\nXi and Putin will meet.\n"


def claims_file(tmp_path: Path, *claims: dict) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    document = {
        "article": {
            "title": "A title",
            "publisher": "A publisher",
            "text_file": "article.txt",
            "published": "2025-05-07",
        },
        "claims": list(claims),
    }
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def claim(id_: str, quote: str, rule: str = "not_checkable", params: dict | None = None):
    return {
        "id": id_,
        "topic": "trade",
        "quote": quote,
        "speaker": "the article",
        "rule": rule,
        "params": {"reason": "why"} if params is None else params,
        "convention": "",
    }


def test_claims_are_loaded_in_the_order_of_the_article(tmp_path):
    path = claims_file(
        tmp_path,
        claim("meet", "Xi and Putin will meet"),
        claim("fifth", "China's fifth-largest"),
    )

    article, claims = load_claims(path)

    assert [c.id for c in claims] == ["fifth", "meet"]  # the straight apostrophe matches ’
    assert [c.paragraph for c in claims] == [0, 1]
    assert article.published.isoformat() == "2025-05-07"


def test_a_quote_not_in_the_article_is_refused_naming_the_quote(tmp_path):
    path = claims_file(tmp_path, claim("fourth", "Russia remains China's fourth-largest"))

    with pytest.raises(ClaimsError, match="quote not found in the article") as caught:
        load_claims(path)

    assert "Russia remains China's fourth-largest" in str(caught.value)


def test_an_unknown_rule_is_refused(tmp_path):
    path = claims_file(tmp_path, claim("meet", "Xi and Putin will meet", rule="vibes"))

    with pytest.raises(ClaimsError, match=r"claim #1 \(meet\): unknown rule 'vibes'; known: "):
        load_claims(path)


def test_missing_params_are_refused_naming_them(tmp_path):
    path = claims_file(
        tmp_path,
        claim("fifth", "fifth-largest", rule="partner_rank", params={"reporter": "CHN"}),
    )

    with pytest.raises(ClaimsError) as caught:
        load_claims(path)

    assert str(caught.value).endswith(
        "rule partner_rank needs params partner, claimed_rank, claimed_convention"
    )


def test_a_duplicate_id_is_refused(tmp_path):
    path = claims_file(
        tmp_path, claim("meet", "Xi and Putin will meet"), claim("meet", "fifth-largest")
    )

    with pytest.raises(ClaimsError, match=r"claim #2 \(meet\): duplicate id 'meet'"):
        load_claims(path)


def test_every_claim_of_the_committed_file_loads(data_root):
    _, claims = load_claims(data_root / "claims.yaml")

    assert len(claims) == len({c.id for c in claims}) >= 15


# --- on the real data --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def claims_json(published_root: Path) -> list[dict]:
    """`python -m etl claims --json` on the shared published snapshot, in a child process."""
    done = run_etl("claims", "--json", root=published_root)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_claims_json_lists_every_claim_with_its_verdict_and_evidence(claims_json):
    assert isinstance(claims_json, list) and len(claims_json) >= 15
    for entry in claims_json:
        assert {"id", "quote", "verdict", "explanation", "evidence"} <= set(entry)
        assert entry["verdict"] in VERDICTS
        assert entry["explanation"]
        assert isinstance(entry["evidence"], list)


@pytest.mark.parametrize(
    ("claim_id", "verdict"),
    [
        ("fifth-largest-partner", "supported_with_caveats"),
        ("payments-95-percent", "attributed"),
        ("top-trading-partner", "supported_with_caveats"),
        ("ties-strengthened-decade", "supported"),
    ],
)
def test_the_verdicts_on_the_curated_data(claims_json, claim_id, verdict):
    by_id = {entry["id"]: entry for entry in claims_json}

    assert by_id[claim_id]["verdict"] == verdict


def test_the_fifth_largest_explanation_names_its_convention(claims_json):
    [fifth] = [e for e in claims_json if e["id"] == "fifth-largest-partner"]

    assert (
        "Russia ranked 5th among China's trading partners in 2024 counting countries only"
        in (fifth["explanation"])
    )
    assert fifth["convention_used"].startswith("countries only")
    assert {row["basis"] for row in fifth["evidence"]} >= {"countries_only", "incl_hk_tw"}


def test_the_verdict_follows_the_data(data_root):
    ranks = data_root / "curated" / "observations" / "partner_ranks.csv"
    line = find_line(
        ranks,
        indicator="partner_rank",
        reporter="CHN",
        partner="RUS",
        period="2024",
        basis="countries_only",
        source_id="m24-2025-10-13-2166",
    )
    edit_cell(ranks, line, "value", "6")

    claims = build_tables(read_inputs(data_root))["claims"].set_index("claim_id")

    assert claims.loc["fifth-largest-partner", "verdict"] == "contradicted"
    assert (
        "Russia ranked 6th among China's trading partners in 2024 counting countries only"
        in (claims.loc["fifth-largest-partner", "explanation"])
    )


def test_the_cli_prints_one_claim_by_id(published_cli, capsys):
    assert main(["claims", "--id", "fifth-largest-partner"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("[supported_with_caveats] fifth-largest-partner\n")
    assert "“Russia remains China’s fifth-largest trading partner” (the article)" in out

"""check_article: the JSON contract, offsets into the text as read, the seed article against
the built-in evaluation, and articles about something else."""

from __future__ import annotations

import json
from datetime import date

import pytest

from etl.articles.check import TOPICS, check_article
from etl.articles.reading import from_text
from etl.claims.model import VERDICTS
from tests.helpers import DATA

CONTRACT = ["quote", "start", "end", "topic", "metric", "reporter", "partner", "flow", "period",
            "value", "unit", "currency", "verdict", "explanation", "evidence"]
SEED = (DATA / "article" / "voz-2025-05-xi-moscow.txt").read_text(encoding="utf-8")
ARTICLE_DAY = date(2025, 5, 7)  # data/claims.yaml: article.published


@pytest.fixture(scope="module")
def seed_result(article_snapshot):
    return check_article(SEED, article_snapshot, ARTICLE_DAY)


def test_every_claim_carries_the_contract_fields_with_the_shared_vocabularies(seed_result):
    assert seed_result["claims"]
    for claim in seed_result["claims"]:
        assert set(CONTRACT) <= set(claim)
        assert claim["topic"] in TOPICS
        assert claim["verdict"] in VERDICTS
        for row in claim["evidence"]:
            assert {"source_id", "publisher", "url", "tier"} <= set(row)
    json.dumps(seed_result)  # plain data, serialisable as is


def test_quotes_are_exact_substrings_at_their_offsets_in_text_order(seed_result):
    starts = []
    for claim in seed_result["claims"]:
        assert SEED[claim["start"]:claim["end"]] == claim["quote"]
        starts.append(claim["start"])
    assert starts == sorted(starts)


def test_the_seed_article_yields_the_trade_rank_energy_and_currency_claims_of_the_claims_file(
    seed_result, built_tables
):
    """Same statements, same verdicts as the built-in evaluation (read from the built claims
    table, so a change of verdict there is followed here)."""
    built = built_tables["claims"]
    wanted = built[built["topic"].isin(["trade", "energy", "currency"])]
    assert len(wanted) >= 6
    for _, claim in wanted.iterrows():
        where = SEED.replace("\u00a0", " ").find(claim["quote"].replace("\u2019", "’"))
        if where < 0:
            where = SEED.find(claim["quote"])
        assert where >= 0, claim["quote"]
        span = (where, where + len(claim["quote"]))
        overlapping = [c for c in seed_result["claims"]
                       if c["start"] < span[1] and span[0] < c["end"]]
        assert overlapping, f"not found: {claim['claim_id']}"
        assert claim["verdict"] in {c["verdict"] for c in overlapping}, (
            claim["claim_id"], [c["verdict"] for c in overlapping])


def test_explanations_name_the_figure_its_source_and_tier(article_snapshot):
    text = "China's trade with Russia reached $244.8 billion in 2024."
    [claim] = check_article(text, article_snapshot, date(2025, 2, 1))["claims"]

    assert claim["verdict"] == "supported"
    assert "US$244.81 bn" in claim["explanation"]
    assert "bne IntelliNews" in claim["explanation"] and "tier:" in claim["explanation"]
    assert {r["source_id"] for r in claim["evidence"]} >= {"bne-2025-01-04ed"}


def test_an_article_about_something_else_gives_an_empty_list(article_snapshot):
    text = ("China's exports to the United States rose 4.9% in 2024 to $525 billion. Tariffs of "
            "up to 25% remain. Analysts compared the fight with the sanctions on Russia.")
    assert check_article(text, article_snapshot, date(2025, 1, 20))["claims"] == []


def test_a_statement_the_data_cannot_settle_is_unresolved_not_forced(article_snapshot):
    text = "Chinese car brands now hold about 60% of Russia's new-car market."
    [claim] = check_article(text, article_snapshot, date(2025, 5, 1))["claims"]
    assert (claim["topic"], claim["verdict"]) == ("other", "unresolved")


def test_html_is_read_as_its_article_text_and_offsets_index_that_text(article_snapshot):
    raw = (DATA / "evaluation" / "ytd-2024-07.html").read_text(encoding="utf-8")
    article = from_text(raw)
    result = check_article(article.text, article_snapshot, article.date)

    assert article.was_html and article.date == date(2024, 8, 8)
    assert "<p>" not in article.text and "Subscribe" not in article.text
    assert result["claims"]
    for claim in result["claims"]:
        assert article.text[claim["start"]:claim["end"]] == claim["quote"]


def test_a_long_article_is_checked_without_error(article_snapshot):
    text = "\n\n".join([SEED] * 6)
    result = check_article(text, article_snapshot, ARTICLE_DAY)
    assert len(result["claims"]) == 6 * len(check_article(SEED, article_snapshot,
                                                          ARTICLE_DAY)["claims"])


def test_each_figure_takes_the_flow_of_its_own_words(article_snapshot):
    text = ("Trade between China and Russia rose to $176.4 billion in January-September 2023. "
            "China's exports to Russia were worth $81.4 billion and its imports from Russia "
            "$94.9 billion, leaving China with a deficit of $13.5 billion.")
    claims = check_article(text, article_snapshot, date(2023, 10, 20))["claims"]
    assert [(c["figure"], c["flow"], c["period"]) for c in claims] == [
        ("$176.4 billion", "total", "2023-09"), ("$81.4 billion", "export", "2023-09"),
        ("$94.9 billion", "import", "2023-09"), ("$13.5 billion", "balance", "2023-09")]
    assert {c["verdict"] for c in claims} == {"supported"}


def test_a_flow_word_beside_the_figure_wins_over_the_sentences_other_flow(article_snapshot):
    text = ("China and Russia: in January-April trade dropped to 510.6 billion yuan, with China's "
            "exports down 4.2% and imports from Russia down 8.0% in yuan terms.")
    claims = check_article(text, article_snapshot, date(2025, 5, 12))["claims"]
    assert [(c["figure"], c["flow"]) for c in claims] == [
        ("510.6 billion yuan", "total"), ("4.2%", "export"), ("8.0%", "import")]


def test_a_later_after_clause_keeps_its_period_to_itself(article_snapshot):
    text = ("China-Russia trade in the first half\n\nThe first half of 2025 was weak. Two-way "
            "turnover fell 9.1% from a year earlier to $106.48 billion, after a 6.6% decline in "
            "the first quarter alone.")
    claims = check_article(text, article_snapshot, date(2025, 7, 20))["claims"]
    by_figure = {c["figure"]: c for c in claims}
    assert by_figure["9.1%"]["period"] in ("2025-06", "2025-H1")
    assert by_figure["9.1%"]["verdict"] == "supported"
    assert by_figure["$106.48 billion"]["verdict"] == "supported"
    assert by_figure["6.6%"]["period"] == "2025-Q1"


def test_trade_in_services_is_unresolved_not_read_as_goods(article_snapshot):
    text = ("Trade between China and Russia fell 9.1% in the first half of 2025. Trade in "
            "services between the two countries rose about 15%, a consultancy estimates.")
    claims = check_article(text, article_snapshot, date(2025, 7, 20))["claims"]
    [services] = [c for c in claims if c["figure"] == "about 15%"]
    assert services["verdict"] == "unresolved" and "goods only" in services["explanation"]


def test_a_sum_named_as_a_total_is_the_trades_in_an_article_about_it(article_snapshot):
    text = ("Trade between China and Russia fell 6.6% in the first quarter of 2025. China's "
            "exports to Russia fell 6.3%.\n\nThe first-quarter total had been $56.7 billion.")
    claims = check_article(text, article_snapshot, date(2025, 7, 20))["claims"]
    [total] = [c for c in claims if c["figure"] == "$56.7 billion"]
    assert (total["flow"], total["verdict"]) == ("total", "contradicted")  # Q1 2025: $53.2 bn


@pytest.mark.parametrize(
    ("sentence", "figure", "period"),
    [
        ("Chinese shipments to Russia were worth $115.49 billion, compared with $111 billion in "
         "2023.", "$111 billion", "2023"),
        ("Russia sold China goods worth $129.32 billion in 2024, against $129.1 billion a year "
         "earlier.", "$129.1 billion", "2023"),
        ("December's trade of $21.97 billion compared with $21.94 billion a year before.",
         "$21.94 billion", "2023-12"),
    ],
)
def test_a_figure_compared_with_takes_the_period_said_of_it(article_snapshot, sentence, figure,
                                                           period):
    text = ("China-Russia trade in 2024\n\nTrade between China and Russia grew 1.9% in 2024 to "
            "$244.81 billion. " + sentence)
    claims = {c["figure"]: c for c in check_article(text, article_snapshot,
                                                    date(2025, 1, 20))["claims"]}
    assert claims[figure]["period"] == period
    assert claims[figure]["verdict"] == "supported"
    # the statement's own figure keeps the statement's period
    [own] = [c for c in claims.values() if c["start"] == claims[figure]["start"]
             and c["figure"] != figure]
    assert not own["period"].startswith("2023")

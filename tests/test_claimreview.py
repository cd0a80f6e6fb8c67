"""ClaimReview JSON-LD: every verdict, the built-in article's and a checked article's, expands
as schema.org ClaimReview with the properties fact-check aggregators require."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pyld import jsonld

from etl.articles.check import check_article
from etl.claimreview import claimreview
from etl.claims.report import claims_report
from etl.cli import main

SCHEMA = "http://schema.org/"
CONTEXT = {"@context": {"@vocab": SCHEMA}}


def offline_loader(url, options=None):
    """schema.org's context, served locally (no network in tests)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": CONTEXT}
    raise AssertionError(f"unexpected fetch of {url}")


def expanded_reviews(document: dict) -> list[dict]:
    nodes = jsonld.expand(document, {"documentLoader": offline_loader})
    graph = nodes[0].get("@graph", nodes) if len(nodes) == 1 and "@graph" in nodes[0] else nodes
    return [n for n in graph if f"{SCHEMA}ClaimReview" in n.get("@type", [])]


def value(node: dict, name: str):
    return node[f"{SCHEMA}{name}"][0]


def assert_valid_claimreview(review: dict) -> None:
    for required in ("claimReviewed", "itemReviewed", "reviewRating", "author",
                     "datePublished", "url"):
        assert f"{SCHEMA}{required}" in review, required
    item = value(review, "itemReviewed")
    assert f"{SCHEMA}Claim" in item["@type"]
    for required in ("author", "datePublished", "appearance"):
        assert f"{SCHEMA}{required}" in item, required
    rating = value(review, "reviewRating")
    assert value(rating, "alternateName")["@value"]
    assert value(rating, "bestRating")["@value"] == 5
    assert value(rating, "worstRating")["@value"] == 1
    author = value(review, "author")
    assert f"{SCHEMA}Organization" in author["@type"]


def test_a_checked_article_gives_one_valid_claimreview_per_verdict(article_snapshot):
    text = ("China's trade with Russia reached $244.8 billion in 2024. Bilateral trade between "
            "Beijing and Moscow hit $260 billion in 2024, one commentator wrote.")
    result = check_article(text, article_snapshot, date(2025, 2, 1))
    document = claimreview(result, {"title": "Test", "published": "2025-02-01",
                                    "url": "https://example.org/a"}, date(2026, 1, 1),
                           base="https://factcheck.example")
    reviews = expanded_reviews(document)

    assert len(reviews) == len(result["claims"]) == 2
    for review in reviews:
        assert_valid_claimreview(review)
    names = [value(value(r, "reviewRating"), "alternateName")["@value"] for r in reviews]
    assert names == ["Supported", "Contradicted"]
    numbers = [value(value(r, "reviewRating"), "ratingValue")["@value"] for r in reviews]
    assert numbers[0] > numbers[1]


def test_unresolved_verdicts_have_a_name_but_no_number(article_snapshot):
    text = "Chinese car brands now hold about 60% of Russia's new-car market."
    result = check_article(text, article_snapshot, date(2025, 5, 1))
    [review] = expanded_reviews(claimreview(result, {"published": "2025-05-01"},
                                            date(2026, 1, 1)))
    assert_valid_claimreview(review)
    assert f"{SCHEMA}ratingValue" not in value(review, "reviewRating")


def test_claims_claimreview_prints_the_built_in_articles_verdicts(published_cli, capsys):
    assert main(["claims", "--claimreview"]) == 0
    document = json.loads(capsys.readouterr().out)
    reviews = expanded_reviews(document)

    assert len(reviews) == len(claims_report(published_cli))  # one per claim, none left out
    for review in reviews:
        assert_valid_claimreview(review)
    appearance = value(value(reviews[0], "itemReviewed"), "appearance")
    assert "Chinese leader travels to Russia" in value(appearance, "headline")["@value"]
    assert value(reviews[0], "url")["@value"].endswith("?claim=xi-visit-dates")


@pytest.mark.parametrize("verdict", ["supported", "contradicted", "not_checkable"])
def test_every_verdict_of_the_vocabulary_can_be_published(verdict):
    document = claimreview({"claims": [{"quote": "q", "verdict": verdict, "explanation": "e"}]},
                           {"published": "2025-05-07"}, date(2026, 1, 1))
    [review] = expanded_reviews(document)
    assert_valid_claimreview(review)

"""/check under a long paste: a statement repeated in the text gets one card, and every place
it stands is marked and linked to that card; past the page's budget the page checks the first
statements and says exactly how many of how many, and which command checks the whole text;
the downloads say the same."""

from __future__ import annotations

import json

import pytest

from dashboard.views import check as check_views
from etl.articles.check import Budget
from tests.dashboard.check_support import (
    download,
    request,
    run_check,
    strings,
    with_class,
)
from tests.helpers import BUDGET_ARTICLE, VARIED_STATEMENTS

ARTICLE, VARIED = BUDGET_ARTICLE, VARIED_STATEMENTS


@pytest.fixture(autouse=True)
def no_time_limit(monkeypatch):
    """The page's number of statements, without its time limit (a busy machine would make
    these tests read less of the text)."""
    monkeypatch.setattr(check_views, "BUDGET", Budget(statements=check_views.MAX_STATEMENTS))


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(check_views, "BUDGET", Budget(statements=6, seconds=None))


def results_of(app, client, text):
    response, parts = run_check(app, client, request(text, "2025-05-07"))
    assert response.status_code == 200
    return parts["check-results"]["children"]


def test_a_repeated_statement_has_one_card_and_every_place_links_to_it(bundled_app, client):
    text = "\n\n".join([ARTICLE] * 8)
    results = results_of(bundled_app, client, text)
    cards = with_class(results, "check-card")
    marks = with_class(results, "quote-mark")
    pointers = with_class(results, "check-repeats")

    card_ids = {c["props"]["id"] for c in cards}
    assert len(cards) < len(marks) / 3  # one card per different statement, not per place
    assert pointers  # the places that repeat one point to its card
    for mark in marks:
        assert mark["props"]["href"].lstrip("#") in card_ids
    summary = with_class(results, "check-summary")[0]
    assert len(with_class(summary, "summary-item")) == len(cards)
    words = " ".join(strings(results))
    assert "repeat a statement found earlier in it" in words
    assert "This page checked the first" not in words  # nothing was left out


def test_past_the_budget_the_page_says_how_many_it_checked_and_how_to_check_all(
        bundled_app, client, small_budget):
    results = results_of(bundled_app, client, VARIED)
    words = " ".join(strings(results))
    assert "This page checked the first 6 of the 40 different statements found" in words
    assert "python -m etl check-article FILE" in words
    assert len(with_class(results, "check-card")) == 6
    assert len(with_class(results, "quote-mark")) == 6
    summary = with_class(results, "check-summary")[0]
    assert len(with_class(summary, "summary-item")) == 6


def test_the_downloads_hold_what_the_page_checked_and_say_what_was_left_out(
        bundled_app, client, bundled_snapshot, small_budget):
    data = request(VARIED + "\n\n" + VARIED, "2025-05-07")
    got = download(bundled_app, client, "json", data, bundled_snapshot.version)
    document = json.loads(got["content"])
    assert document["coverage"]["checked"] == 6
    assert document["coverage"]["statements"] == 40
    assert document["coverage"]["stopped"] == "statements"
    assert len(document["claims"]) == 12  # the six, and where they stand again
    reviews = json.loads(download(bundled_app, client, "jsonld", data,
                                  bundled_snapshot.version)["content"])["@graph"]
    assert len(reviews) == 6  # one review per statement, at its first place
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == [f"claim-{n}" for n in range(1, 7)]


def test_the_message_when_time_ran_out_names_how_far_the_text_was_read():
    coverage = {"places": 31, "statements": 31, "checked": 31, "places_checked": 31,
                "stopped": "time", "read_chars": 790, "text_chars": 98672,
                "max_statements": 250, "max_seconds": 2.5}
    words = check_views.coverage_words(coverage)
    assert words.startswith("This page checked the first 31 different statements of this "
                            "text, and stopped reading it at character 790 of 98,672")
    assert "all it could in 2.5 seconds of computing" in words
    assert "python -m etl check-article FILE" in words
    assert check_views.coverage_words({**coverage, "stopped": ""}) == ""


def test_a_paste_that_runs_out_of_time_before_any_check_says_so(bundled_app, client,
                                                              monkeypatch):
    monkeypatch.setattr(check_views, "BUDGET", Budget(statements=250, seconds=0.0))
    results = results_of(bundled_app, client, VARIED)
    words = " ".join(strings(results))
    assert "This page checked the first 0 different statements" in words
    assert "No statement about China–Russia trade" not in words


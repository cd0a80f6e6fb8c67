"""Events an article dates ("stopped publishing its data in April 2022"): found when the sentence
shares enough distinctive words with one of the snapshot's events, and judged by the date it
gives against the recorded one, at the precision it gives."""

from __future__ import annotations

from datetime import date

import pandas as pd

from etl.articles.check import check_article
from etl.articles.events import find_event_statements

ON_TOPIC = ("Trade between China and Russia rose 1.9% in 2024. China's exports to Russia grew "
            "4.1%. ")
EVENTS = pd.DataFrame([{
    "event_id": "fcs-publication-suspended",
    "label": "Russia's customs service stops publishing detailed trade statistics",
    "start": "2022-04-21", "end": "2022-04-21",
    "actor": "Federal Customs Service of Russia (Vladimir Bulavin)",
    "detail": "Data classified from the January 2022 release on", "status": "sourced",
    "source_id": "s", "quote": "", "note": ""}])


def test_a_sentence_that_dates_a_recorded_event_is_a_statement_with_the_date_it_gives():
    text = ON_TOPIC + ("Russia has released no detailed customs figures since April 2022, when "
                       "its Federal Customs Service classified them.")
    [found] = find_event_statements(text, EVENTS)
    assert found.topic == "other" and found.extra["event_id"] == "fcs-publication-suspended"
    assert found.extra["claimed"] == "2022-04"
    assert "April 2022" in text[found.start:found.end]


def test_a_date_said_of_something_else_is_no_event():
    text = ON_TOPIC + "Trade with Kazakhstan also grew in April 2022."
    assert find_event_statements(text, EVENTS) == []


def test_outside_an_article_about_china_russia_trade_no_event_is_read():
    text = "Russia's customs service stopped publishing detailed trade data in April 2022."
    assert find_event_statements(text, EVENTS) == []


def test_the_month_given_is_judged_against_the_recorded_date(article_snapshot):
    right = ON_TOPIC + ("Russia's customs service stopped publishing detailed trade data in "
                        "April 2022.")
    wrong = right.replace("April 2022", "March 2023")
    [ok] = [c for c in check_article(right, article_snapshot, date(2025, 1, 20))["claims"]
            if c["metric"] == "event"]
    [bad] = [c for c in check_article(wrong, article_snapshot, date(2025, 1, 20))["claims"]
             if c["metric"] == "event"]
    assert ok["verdict"] == "supported" and "21 Apr 2022" in ok["explanation"]
    assert bad["verdict"] == "contradicted" and "not March 2023" in bad["explanation"]
    assert ok["evidence"][0]["source_id"] == "themoscowtimes-2022-04-22-5255"


def test_a_date_in_a_clause_with_a_figure_is_that_figures_period_not_an_event():
    text = ON_TOPIC + ("China's exports to Russia rose 5% in April 2024, according to customs "
                       "statistics the service published.")
    assert find_event_statements(text, EVENTS) == []

"""The period a statement speaks of: its own (clause, then sentence), a comparison's, or the one
its paragraph, the headline or the opening paragraph set; comparison periods never count, and
dates are not periods."""

from __future__ import annotations

from datetime import date

import pytest

from etl.articles.context import ArticleContext, attached_comparison, statement_periods
from etl.articles.periods import find_periods
from etl.articles.sentences import Span, paragraphs, sentences

AUTUMN = date(2024, 9, 12)
DECEMBER = date(2023, 12, 8)


def sentence_of(text: str, words: str) -> Span:
    return next(s for p in paragraphs(text) for s in sentences(p) if words in s.text)


def setting_of(text: str, words: str, as_of: date = AUTUMN):
    return ArticleContext(text, as_of).setting(sentence_of(text, words))


@pytest.mark.parametrize(
    ("text", "as_of", "best"),
    [
        ("over the eleven months", DECEMBER, ("2023-11", "M", True)),
        ("what the eight-month figures say", AUTUMN, ("2024-08", "M", True)),
        ("China-Russia trade through November", DECEMBER, ("2023-11", "M", True)),
        ("the first-quarter figures", AUTUMN, ("2024-Q1", "Q", False)),
        ("the first-half 2023 results", AUTUMN, ("2023-H1", "H", False)),
        ("in the fourth quarter", date(2025, 4, 15), ("2024-Q4", "Q", False)),
        ("in the first three quarters of 2024", AUTUMN, ("2024-09", "M", True)),
        ("in April–June", AUTUMN, ("2024-Q2", "Q", False)),
        ("from July to December 2023", AUTUMN, ("2023-H2", "H", False)),
    ],
)
def test_year_to_date_quarter_and_half_expressions_of_news_copy(text, as_of, best):
    [period] = find_periods(text, as_of)
    assert period.best == best


def test_datelines_and_days_are_not_periods():
    assert find_periods("12 September 2024", AUTUMN) == []
    assert find_periods("MOSCOW, Dec 8 (Northline Wire) -", DECEMBER) == []
    assert find_periods("Column | 12 May 2025", AUTUMN) == []


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("up 26.7% on the same period last year", "last year"),
        ("up about 10% from July's $19.69 billion", "July"),
        ("about 10% more than in July", "July"),
        ("down 2.8% against June", "June"),
        ("compared with 2023", "2023"),
        ("trade has doubled since 2014", "2014"),
    ],
)
def test_a_period_named_as_a_comparison_is_marked_so(text, compared):
    [period] = find_periods(text, AUTUMN)
    assert (period.text, period.comparison) == (compared, True)


def test_spans_and_periods_of_the_statement_are_not_comparisons():
    text = "Over the eight months trade rose; in 2024 it grew over the past year."
    assert not any(p.comparison for p in find_periods(text, AUTUMN))


def test_a_comparison_never_sets_the_year_of_a_later_month():
    text = ("China-Russia trade through November\n\nTrade reached $218.17 billion in "
            "January-November, up 26.7% on the same period last year.\n\n"
            "In November alone, trade came to about $21.5 billion.")
    [november] = find_periods("In November alone", DECEMBER,
                              setting_of(text, "November alone", DECEMBER).year)
    assert november.best == ("2023-11", "M", False)


def test_a_sentence_without_a_period_inherits_the_paragraphs():
    text = "Headline\n\nAugust itself was a good month. Trade reached $21.68 billion."
    setting = setting_of(text, "Trade reached")
    assert (setting.where, setting.period.best) == ("paragraph", ("2024-08", "M", False))


def test_a_paragraph_without_a_period_inherits_the_headlines():
    text = ("What the eight-month figures say\n\n12 September 2024\n\nTrade rose 1.9% in "
            "January-August.\n\nShipments from China to Russia rose only 0.4%.")
    setting = setting_of(text, "Shipments")
    assert (setting.where, setting.period.best) == ("headline", ("2024-08", "M", True))


def test_without_a_headline_period_the_opening_paragraph_sets_it():
    text = ("Russia was China's fifth-largest partner in 2024.\n\n"
            "Counting Hong Kong and Taiwan, it was seventh that year.")
    setting = setting_of(text, "seventh", date(2025, 3, 1))
    assert (setting.where, setting.period.best) == ("lead", ("2024", "A", False))


def test_a_sentence_about_the_present_inherits_nothing():
    text = "Trade rose in 2023. Russia is now China's fifth-largest partner."
    assert setting_of(text, "now").period is None


def figure_periods(text: str, figure: str, as_of: date = AUTUMN):
    sentence = Span(0, len(text), text)
    at = text.index(figure)
    return statement_periods(sentence, sentence, at, as_of, ArticleContext(text, as_of)
                             .setting(sentence), at + len(figure))


def test_a_figure_a_comparison_introduces_has_the_comparisons_period():
    periods, where = figure_periods("Trade reached $21.68 billion, up about 10% from July's "
                                    "$19.69 billion.", "$19.69 billion")
    assert (where, periods[0].best) == ("comparison", ("2024-07", "M", False))


def test_the_period_nearest_the_figure_is_its_own():
    text = "Imports came to $9.70 billion in July, against $10.37 billion in June."
    assert figure_periods(text, "$10.37 billion")[0][0].text == "June"
    assert figure_periods(text, "$9.70 billion")[0][0].text == "July"


def test_a_semicolon_keeps_a_later_clauses_period_to_itself():
    text = "It was the top supplier for a second year; as recently as 2022 it was second."
    sentence = Span(0, len(text), text)
    clause = Span(0, text.index(";"), text[:text.index(";")])
    periods, where = statement_periods(sentence, clause, text.index("top"), AUTUMN,
                                       ArticleContext(text, AUTUMN).setting(sentence))
    assert periods == [] and where == ""


def test_a_rate_measured_against_a_month_names_it():
    text = "Trade reached $21.68 billion, up about 10% from July's $19.69 billion."
    sentence = Span(0, len(text), text)
    end = text.index("10%") + 3
    against = attached_comparison(sentence, end, AUTUMN,
                                  ArticleContext(text, AUTUMN).setting(sentence))
    assert against is not None and against.best == ("2024-07", "M", False)


def test_a_year_written_earlier_in_the_sentence_is_the_year_of_a_period_without_one():
    [this_year, january_april] = find_periods("This year began badly: in January-April trade "
                                             "fell", date(2025, 5, 12), default_year=2014)
    assert this_year.year == 2025 and january_april.best == ("2025-04", "M", True)


def test_an_old_year_in_the_opening_paragraph_is_an_aside_not_the_articles_period():
    text = ("Back in 2014, trade was worth about $95 billion.\n\n"
            "Exports fell 4.2%, customs said.")
    setting = setting_of(text, "Exports fell", date(2025, 5, 12))
    assert setting.period is None and setting.year is None

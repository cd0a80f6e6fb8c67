"""dashboard.urlstate, the one URL-state parser, on its own: each parameter once, by its last
value; only the names a page reads; bounded text without control characters; never raises."""

from __future__ import annotations

import pytest

from dashboard import urlstate


def test_a_repeated_parameter_counts_once_by_its_last_value():
    assert urlstate.page_query({"claim": ["a", "b"]}, ["claim"]) == {"claim": "b"}


def test_only_the_parameters_a_page_reads_are_kept():
    query = {"claim": "x", "utm_source": "mail", "v": "20261120T080000.000000Z-12d539ec"}
    assert urlstate.page_query(query, ["claim"]) == {"claim": "x"}


def test_values_are_text_without_control_characters_and_bounded():
    state = urlstate.page_query({"a": " \x00ab\x1bc\x7f ", "b": "é" * 10_000}, ["a", "b"])
    assert state == {"a": "abc", "b": "é" * urlstate.MAX_VALUE}


@pytest.mark.parametrize("value", [None, {}, {"a": 1}, [], [{}], object(), b"bytes"])
def test_values_that_are_not_text_are_absent(value):
    assert urlstate.page_query({"a": value}, ["a"]) == {}


def test_control_values_join_a_checklist_and_take_numbers_as_text():
    state = urlstate.page_query({"flows": ["export", "import"], "year": 2023, "on": True},
                                ["flows", "year", "on"], repeated=False)
    assert state == {"flows": "export,import", "year": "2023", "on": "true"}


@pytest.mark.parametrize("search", ["", "?", "claim=x", None, 7, "?%", "?a=%ZZ&claim=%E0%A4"])
def test_a_raw_query_string_never_raises(search):
    assert isinstance(urlstate.parse_search(search, ["claim"]), dict)


def test_the_canonical_search_is_the_same_for_every_spelling_of_one_state():
    names = ("view", "currency")
    spellings = ["?currency=CNY&view=trade", "?view=trade&currency=CNY&utm=1",
                 "?currency=USD&currency=CNY&view=trade", "?view=%20trade%20&currency=CNY"]
    keys = {urlstate.canonical_search(urlstate.parse_search(s, names), names) for s in spellings}
    assert keys == {"?view=trade&currency=CNY"}

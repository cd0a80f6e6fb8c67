"""One URL-state parser for every page (dashboard.urlstate): each parameter a page reads is
taken once, as bounded clean text, and parsing never raises, whatever the query holds
(issue 13, defect 4)."""

from __future__ import annotations

import json

import pytest

from dashboard import urlstate
from dashboard.pages import NAV
from tests.security.conftest import post, router_body

PATHS = [path for _label, path in NAV]
HOSTILE = [
    "?claim=a&claim=b",
    "?claim=fifth-largest-partner&claim=fifth-largest-partner",
    "?view=trade&view=commodities&view=sources",
    "?currency=CNY&currency=",
    "?flows=export&flows=import&flows=nonsense",
    "?start=2020&start=&start=%00",
    "?q=" + "x" * 20000,
    "?claim=" + "é" * 5000,
    "?kind=%E0%A4%A&sort=%ZZ&order=%",
    "?%00=%00&claim=%00%00",
    "?year=99999999999999999999999999999&start=1e9999&end=-0",
    "?measure=%F0%9F%98%80&basis=%D0%B1%D0%BB%D0%BE%D0%BA",
    "?reporter[]=RUS&reporter[]=CHN&table=%7B%7D",
    "?utm_source=x&fbclid=y&__proto__=1&constructor=2",
    "?=&&&=&claim",
]


@pytest.mark.parametrize("search", HOSTILE)
@pytest.mark.parametrize("path", PATHS)
def test_every_page_renders_whatever_its_query_holds(client, path, search):
    response = post(client, router_body(path, search))
    assert response.status_code == 200, response.data[:300]
    content = json.dumps(response.get_json()["response"]["_pages_content"], ensure_ascii=False)
    assert "Traceback" not in content and "Error" not in content[:200]


def test_a_repeated_claim_selects_it_once_instead_of_crashing_the_page(client):
    response = post(client, router_body("/", "?claim=a&claim=fifth-largest-partner"))
    assert response.status_code == 200
    page = json.dumps(response.get_json()["response"]["_pages_content"])
    assert '"data-selected": "fifth-largest-partner"' in page


def test_an_unknown_claim_is_named_in_a_bounded_notice(client):
    response = post(client, router_body("/", "?claim=" + "A" * 50000))
    notice = json.dumps(response.get_json()["response"]["_pages_content"])
    assert "There is no checked statement" in notice
    assert "A" * 61 not in notice  # never the whole value back


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

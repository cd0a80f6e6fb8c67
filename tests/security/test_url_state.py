"""One URL-state parser for every page (dashboard.urlstate): each parameter a page reads is
taken once, as bounded clean text, and parsing never raises, whatever the query holds
(issue 13, defect 4)."""

from __future__ import annotations

import json

import pytest

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

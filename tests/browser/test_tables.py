"""Tables a person reads (issue 11, major 9): on a 375 px phone, a chart's table twin and a
page's tables have human headings and words (no internal codes such as "partner_rank" or
"incl_hk_tw"), no cell cut off or a word broken in the middle (the table scrolls sideways)."""

from __future__ import annotations

import re

import pytest

from dashboard.pages import NAV
from tests.browser.conftest import draw_every_chart, open_page

pytestmark = pytest.mark.browser
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # snake_case: a column or a code, not a word
RAW_CELLS = ".col-url, .col-source-id, .col-citation"  # links and ids are shown as they are
CELLS = """() => [...document.querySelectorAll('.data-table th, .data-table td')].map(c => ({
    text: c.textContent, raw: !!c.closest('""" + RAW_CELLS + """'),
    cut: c.scrollWidth > c.clientWidth + 1,
    style: getComputedStyle(c).wordBreak + ' ' + getComputedStyle(c).overflowWrap}))"""


def read_tables(page) -> list[dict]:
    page.evaluate("() => document.querySelectorAll('details.table-twin').forEach(d => "
                  "d.open = true)")
    return page.evaluate(CELLS)


# every page but /check (whose tables come with a checked text) shows tables when opened
@pytest.mark.parametrize("path", [path for _label, path in NAV if path != "/check"])
def test_tables_read_as_words_on_a_phone(page, served, path):
    page.set_viewport_size({"width": 375, "height": 812})
    open_page(page, served, path, charts=False)
    if path == "/":
        draw_every_chart(page)
    page.wait_for_selector("table td", state="attached", timeout=30_000)
    cells = read_tables(page)
    assert cells, f"{path} shows no table"
    codes = [c["text"] for c in cells if not c["raw"] and CODE.search(c["text"])]
    assert not codes, codes[:10]
    cut = [c["text"] for c in cells if c["cut"]]
    assert not cut, cut[:10]
    broken = {c["style"] for c in cells} - {"normal normal"}
    assert not broken, broken

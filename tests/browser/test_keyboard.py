"""The explorer works from the keyboard (issue 11, blocker 3 and minor 13): its views are
reached with Tab and switched with the arrow keys; a chart's toolbar adds no tab stops; the year
dropdowns can be searched by typing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
ACTIVE = """() => { const e = document.activeElement;
  return {inView: !!e.closest('#explorer-view-ctl'), inToolbar: !!e.closest('.modebar'),
          value: e.value || '', tag: e.tagName}; }"""


def tab_until(page, predicate: str, limit: int = 80) -> list[dict]:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(ACTIVE)
        seen.append(where)
        if where[predicate]:
            break
    return seen


def test_the_explorers_views_are_reached_and_switched_with_the_keyboard(page, served):
    open_page(page, served, "/explorer")
    page.locator("h1").click()
    seen = tab_until(page, "inView")
    assert seen[-1]["inView"], "Tab never reached the explorer's views"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('view=commodities')")
    page.wait_for_selector("#explorer-commodities")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('view=sources')")
    page.wait_for_selector("#explorer-sources")


def test_a_charts_toolbar_adds_no_tab_stops(page, served):
    open_page(page, served, "/explorer")
    page.locator("h1").click()
    stops = [tab_until(page, "inToolbar", limit=1) for _ in range(70)]
    assert not any(s[-1]["inToolbar"] for s in stops)
    assert page.locator(".modebar-btn").count() > 0
    assert page.locator(".modebar-btn:not([tabindex='-1'])").count() == 0


def test_a_year_dropdown_is_searched_by_typing(page, served):
    open_page(page, served, "/explorer")
    page.locator("#explorer-start").click()
    search = page.locator(".dash-dropdown-search")  # only a searchable dropdown has one
    search.click()
    page.keyboard.type("2019")
    expect(page.locator(".dash-dropdown-content [role=option]")).to_have_text(["2019"])
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('start=2019')")

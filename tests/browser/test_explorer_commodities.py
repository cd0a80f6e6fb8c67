"""The commodity view honours its controls (issue 11, major 7): where the snapshot has no HS
chapter figures, the choices that need them (stacked over the years, treemap, HS sections) are
disabled with the reason beside them and the chart says it shows one year of quoted products;
the flows are named for the reporting country; a flow with nothing to show says so once, with
country names capitalised."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
COMMODITIES = "/explorer?view=commodities&start=2023&end=2025"


def options(page, control: str) -> list[dict]:
    return page.locator(f"#explorer-{control} label").evaluate_all(
        """labels => labels.map(l => ({
            text: l.textContent, disabled: l.querySelector('input').disabled,
            reason: (l.querySelector('.option-reason') || {}).textContent || ''}))""")


def said(page) -> list[str]:
    block = page.locator("#explorer-commodities")
    return block.locator(".notice, .chart-notes p").all_text_contents()


def test_choices_that_need_chapter_figures_are_disabled_with_the_reason(page, served):
    assert served.snapshot.views.explorer.chapters.empty  # offline: no UN Comtrade chapters
    open_page(page, served, COMMODITIES)
    for control in ("kind", "level"):
        found = options(page, control)
        assert found and all(o["disabled"] and "HS chapter figures" in o["reason"]
                             for o in found), found
    notes = said(page)
    assert any("one year at a time" in n and "From–To" in n for n in notes), notes
    title = page.locator("#explorer-commodities .table-twin caption").text_content()
    year = page.locator("#explorer-year .dash-dropdown-value").text_content()
    assert f"in {year}" in title


def test_the_year_control_changes_the_products_shown(page, served):
    open_page(page, served, COMMODITIES)
    years = served.snapshot.views.explorer.products
    years = sorted(set(years.loc[years["reporter"] == "CHN", "year"]))
    if len(years) < 2:
        pytest.skip("one year of quoted products in this snapshot")
    other = str(years[0])
    page.goto(served.url + COMMODITIES + f"&year={other}")
    page.wait_for_selector("#explorer-commodities .table-twin caption", state="attached")
    assert f"in {other}" in page.locator("#explorer-commodities .table-twin caption").text_content()


def test_flows_are_named_for_the_reporting_country(page, served):
    open_page(page, served, COMMODITIES + "&reporter=RUS", charts=False)
    labels = [o["text"] for o in options(page, "cflow")]
    assert labels == ["Russia's imports from China", "Russia's exports to China"]


def test_a_flow_with_nothing_to_show_says_so_once_with_names_capitalised(page, served):
    open_page(page, served, COMMODITIES + "&reporter=RUS", charts=False)
    page.locator("#explorer-commodities .notice-empty").wait_for()
    notes = said(page)
    assert len(notes) == 1, notes
    assert "Russia's imports from China" in notes[0]
    assert not re.search(r"\b(china|russia)'s\b", " ".join(notes))

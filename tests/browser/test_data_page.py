"""The data & sources page (issue 11, minor 14): a plain "Last updated" date, a short section
on how the checks work (verdicts, conventions, source tiers, what "derived" means, in the
vocabulary's words), and a search that filters the sources as the reader types."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
ROWS = ".sources-table tbody tr"


def test_the_page_says_when_it_was_updated_in_plain_words(page, served):
    open_page(page, served, "/data", charts=False)
    text = page.locator(".page").text_content()
    assert re.search(r"Last updated: \d{1,2} [A-Z][a-z]+ \d{4}", text), text[:400]


def test_the_methodology_names_verdicts_conventions_tiers_and_derived(page, served):
    open_page(page, served, "/data", charts=False)
    headings = page.locator("h2, h3").all_text_contents()
    assert "How the checks work" in headings
    section = page.locator("section:has(> h2:text('How the checks work'))").text_content()
    vocabulary = served.snapshot.tables["vocabulary"]
    for group in ("verdict", "tier"):
        for label in vocabulary.loc[vocabulary["group"] == group, "label"]:
            if label:
                assert label in section, (group, label)
    assert "Countries only" in section and "derived" in section


def test_the_search_filters_the_sources_as_you_type(page, served):
    open_page(page, served, "/data", charts=False)
    page.wait_for_selector(ROWS)
    before = page.locator(ROWS).count()
    page.locator("#data-q").press_sequentially("Bank of Russia", delay=30)
    page.wait_for_function(f"n => document.querySelectorAll('{ROWS}').length < n", arg=before)
    assert page.locator(ROWS).count() > 0
    assert "q=Bank" in page.url  # no Enter pressed: the page filtered as it was typed

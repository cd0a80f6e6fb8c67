"""One check prints as one check (issue 11, minor 15): printing a shared check gives its
statement and its card, not the whole article."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
CLAIM = "top-trading-partner"


def test_a_shared_check_prints_on_its_own(page, served):
    open_page(page, served, f"/?claim={CLAIM}")
    page.wait_for_selector(f"#claim-{CLAIM} .js-plotly-plot .main-svg")
    page.emulate_media(media="print")
    visible_cards = page.locator(".claim-card:visible")
    assert visible_cards.count() == 1
    assert visible_cards.first.get_attribute("id") == f"claim-{CLAIM}"
    for hidden in (".summary", ".site-header", ".downloads"):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages


def test_the_whole_article_still_prints_without_a_selection(page, served):
    open_page(page, served, "/")
    page.emulate_media(media="print")
    assert page.locator(".claim-card:visible").count() == len(served.snapshot.tables["claims"])

"""A link to one check lands on that check and stays there (issue 11, blocker 1): opened fresh
at 1280×900, the card is on screen once the page has settled, and still on screen after every
chart on the page has drawn (the charts above it included)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import draw_every_chart, in_viewport, open_page, settle

pytestmark = pytest.mark.browser
LINKED = ["fifth-largest-partner", "energy-reliance", "payments-95-percent"]


@pytest.mark.parametrize("claim", LINKED)
def test_a_link_to_a_check_stays_on_it_after_every_chart_has_drawn(page, served, claim):
    open_page(page, served, f"/?claim={claim}")
    card = f"#claim-{claim}"
    page.wait_for_selector(f"{card} .js-plotly-plot .main-svg")
    settle(page)
    assert in_viewport(page, card), page.evaluate("window.scrollY")
    draw_every_chart(page)
    page.wait_for_timeout(300)  # a frame or two for any layout change to land
    assert in_viewport(page, card), page.evaluate(
        f"document.querySelector('{card}').getBoundingClientRect().top")
    assert "selected" in (page.locator(card).get_attribute("class") or "")


def test_a_chart_slot_holds_about_the_height_its_chart_takes(page, served):
    """Slots that hold their chart's height are why nothing below moves when a chart draws."""
    open_page(page, served, "/")
    before = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.chart-slot.lazy')].map(s => [s.dataset.claim, s.getBoundingClientRect().height]))""")
    draw_every_chart(page)
    after = page.evaluate("""ids => Object.fromEntries(ids.map(id => [id, document.querySelector(
        `.chart-slot[data-claim="${id}"]`).getBoundingClientRect().height]))""", list(before))
    assert before
    for claim, height in before.items():
        assert abs(after[claim] - height) < 0.45 * height, (claim, height, after[claim])


def test_a_summary_link_jumps_to_its_check_without_reloading(page, served):
    open_page(page, served, "/")
    page.evaluate("window.__same_page = true")
    page.locator('.summary-item[data-claim="top-trading-partner"] a.summary-quote').click()
    page.wait_for_function("() => location.hash === '#claim-top-trading-partner'")
    page.wait_for_selector("#claim-top-trading-partner .js-plotly-plot .main-svg")
    settle(page)
    assert in_viewport(page, "#claim-top-trading-partner")
    assert page.evaluate("window.__same_page") is True

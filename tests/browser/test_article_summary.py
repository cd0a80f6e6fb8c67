"""The article page puts its verdicts first (issue 11, major 4): the first screen shows every
checked statement with its verdict, a one-line reason and a link to its check, statements about
trade first and events after; the article's own text follows, without the scraped page
furniture (major 5); charts below the fold are drawn when scrolled to."""

from __future__ import annotations

import pytest

from etl.claims.load import normalise
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
NUMBERS_FIRST = ["trade", "energy", "currency"]


def test_the_first_screen_lists_every_statement_with_its_verdict_and_a_reason(page, served):
    open_page(page, served, "/")
    claims = served.snapshot.tables["claims"]
    items = page.locator(".summary-item")
    assert items.count() == len(claims)
    assert page.locator(".summary").bounding_box()["y"] < 900  # on the first screen
    first = items.first
    assert first.locator(".verdict").is_visible() and first.bounding_box()["y"] < 900
    for claim in claims.to_dict("records"):
        item = page.locator(f'.summary-item[data-claim="{claim["claim_id"]}"]')
        assert item.locator(".verdict").text_content().strip().endswith(claim["verdict_label"])
        assert item.locator(".summary-reason").text_content() == claim["reason"]
        assert item.locator("a").get_attribute("href") == f"#claim-{claim['claim_id']}"


def test_statements_about_trade_come_before_events(page, served):
    open_page(page, served, "/")
    topic = dict(zip(served.snapshot.tables["claims"]["claim_id"],
                     served.snapshot.tables["claims"]["topic"], strict=True))
    order = [topic[c] for c in page.locator(".summary-item").evaluate_all(
        "items => items.map(i => i.dataset.claim)")]
    numbers = [i for i, t in enumerate(order) if t in NUMBERS_FIRST]
    others = [i for i, t in enumerate(order) if t not in NUMBERS_FIRST]
    assert order[0] == "trade" and max(numbers) < min(others)


def test_charts_below_the_fold_are_drawn_when_scrolled_to(page, served):
    open_page(page, served, "/")
    page.wait_for_load_state("networkidle")
    waiting = page.locator(".chart-slot.lazy").count()
    assert waiting >= 8  # not drawn with the page
    for _ in range(60):  # scroll down the page as a reader would
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(60)
    page.wait_for_function("() => !document.querySelector('.chart-slot.lazy')", timeout=30_000)
    drawn = page.locator(".chart-slot .js-plotly-plot").count()
    charts = sum(served.snapshot.views.claim_kind(c) != "none"
                 for c in served.snapshot.tables["claims"]["claim_id"])
    assert drawn == charts


def test_the_article_text_leaves_out_the_page_furniture(page, served):
    open_page(page, served, "/")
    article = served.snapshot.tables["article"]
    text = page.locator(".article").inner_text()
    furniture = article[article["furniture"]]
    assert not furniture.empty
    for line in furniture["text"]:
        shown = [p for p in page.locator(".article .paragraph-text").all_inner_texts()
                 if p.strip() == line.strip()]
        assert shown == [], line
    for own in article[~article["furniture"]]["text"].head(5):
        assert normalise(own)[:40] in text

"""The "Check an article" page in Chromium, as a person uses it: paste an article, press Check,
read the summary and a verdict card; download the CSV and the JSON and read them back; a 101 KB
paste is refused with a message next to the box before anything is sent; and all of it works
from the keyboard alone."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from etl.articles.check import check_article
from etl.claims.model import VERDICTS
from tests.dashboard.check_support import article_text

pytestmark = pytest.mark.browser
WAIT = 60_000  # ms: a check runs on the server (a second or two; more on a busy machine)


@pytest.fixture(scope="module")
def expected(served):
    """What the checker finds in the test article (judged at its dateline, 14 Jan 2025)."""
    return check_article(article_text(), served.snapshot.views.check.checker,
                         date(2025, 1, 14))["claims"]


def open_check(page, served) -> None:
    page.goto(served.url + "/check")
    page.wait_for_selector("#check-text", timeout=15_000)


def paste_and_check(page, text: str) -> None:
    page.fill("#check-text", text)
    page.click("#check-run")
    page.wait_for_selector(".check-summary", timeout=WAIT)


def test_paste_an_article_and_read_its_summary_and_a_card(page, served, expected,
                                                         console_errors, artifacts):
    open_check(page, served)
    paste_and_check(page, article_text())

    items = page.locator(".summary-item")
    assert items.count() == len(expected)
    first = expected[0]
    assert VERDICTS[first["verdict"]] in items.first.inner_text()
    card = page.locator("#claim-1")
    assert card.locator(".explanation").inner_text() == first["explanation"]
    assert card.locator(".verdict").first.inner_text().strip().endswith(VERDICTS[first["verdict"]])
    # plotly draws the cards' charts after the results arrive: wait for them, don't race them
    page.wait_for_function(
        "document.querySelectorAll('.check-card .js-plotly-plot .main-svg').length >= 3",
        timeout=WAIT)
    assert page.locator(".check-article mark").count() >= 1
    page.screenshot(path=str(artifacts / "check.png"), full_page=True)
    assert console_errors == []


def test_download_the_csv_and_the_json_and_read_them_back(page, served, expected, tmp_path):
    open_check(page, served)
    paste_and_check(page, article_text())
    saved = {}
    for button in ("#check-download-csv", "#check-download-json"):
        with page.expect_download(timeout=WAIT) as download:
            page.click(button)
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        saved[path.suffix] = path

    frame = pd.read_csv(saved[".csv"], keep_default_na=False)
    assert frame["quote"].tolist() == [c["quote"] for c in expected]
    assert frame["verdict"].tolist() == [c["verdict"] for c in expected]
    result = json.loads(saved[".json"].read_text(encoding="utf-8"))
    assert [c["quote"] for c in result["claims"]] == [c["quote"] for c in expected]
    assert result["as_of"] == "2025-01-14"


def test_a_101_kb_paste_is_refused_next_to_the_box_and_not_sent(page, served):
    open_check(page, served)
    sent = []
    page.on("request", lambda r: sent.append(r.post_data or "") if
            r.url.endswith("/_dash-update-component") else None)
    page.fill("#check-text", "Trade between China and Russia grew. " * 2800)  # ~101 KB
    message = page.locator("#check-size")
    message.filter(has_text="at most 100 KB").wait_for(timeout=15_000)
    assert "This text is 10" in message.inner_text()  # its size, e.g. 101.3 KB
    page.click("#check-run")
    page.wait_for_timeout(1500)
    assert page.locator(".check-summary").count() == 0
    assert not any("Trade between China" in body for body in sent)


def focused(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id || "
                         "document.activeElement.className : ''")


def tab_to(page, target: str, key: str = "Tab", limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` (an id or a class) has the focus."""
    for _ in range(limit):
        if target in focused(page).split() or focused(page) == target:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{target} never got the focus (last: {focused(page)!r})")


def test_the_page_works_from_the_keyboard_alone(page, served, expected):
    open_check(page, served)
    tab_to(page, "check-text")  # from the top of the page
    page.keyboard.insert_text(article_text())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "check-as-of"
    page.keyboard.type("2025-01-14")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "check-run"
    page.keyboard.press("Enter")
    page.wait_for_selector(".check-summary", timeout=WAIT)
    assert page.locator(".summary-item").count() == len(expected)

    tab_to(page, "summary-quote")  # the summary comes first
    page.keyboard.press("Enter")
    assert page.evaluate("window.location.hash") == "#claim-1"
    assert page.locator("#claim-1").is_visible()
    assert page.locator("#claim-1").evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= -1 && r.top < innerHeight; }")
    tab_to(page, "check-download-csv", key="Shift+Tab", limit=200)
    with page.expect_download(timeout=WAIT) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "check.csv"

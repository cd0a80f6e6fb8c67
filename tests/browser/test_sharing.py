"""Sharing and citing a check (issue 11, major 10): its own page title and social card (with an
image of its chart drawn on the server where Chromium is present), a visible "Copy link" that
says it copied and does not reload, image exports with meaningful names, and a "Cite this"
block whose text is the same as the README of the ZIP download."""

from __future__ import annotations

import io
import re
import time
import zipfile
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import open_page, settle

pytestmark = pytest.mark.browser
CLAIM = "fifth-largest-partner"


def meta(html_text: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html_text)
    return unescape(found.group(1)) if found else None


def test_a_shared_check_has_its_own_title_description_and_social_card(served):
    claim = served.snapshot.claim(CLAIM)
    html_text = requests.get(f"{served.url}/?claim={CLAIM}", timeout=30).text
    title = unescape(re.search(r"<title>(.*?)</title>", html_text).group(1))
    assert title.startswith(claim["headline"]) and claim["verdict_label"] in title
    assert meta(html_text, "og:title").startswith(claim["headline"])
    assert meta(html_text, "og:description") == meta(html_text, "description") == claim["reason"]
    assert meta(html_text, "twitter:card") == "summary_large_image"
    image = meta(html_text, "og:image")
    assert image.startswith(f"/image/claim/{CLAIM}.png?v=")
    other = requests.get(f"{served.url}/?claim=top-trading-partner", timeout=30).text
    assert meta(other, "og:title") != meta(html_text, "og:title")


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no Chromium: no images")
def test_the_social_card_image_is_the_checks_chart_drawn_on_the_server(served):
    html_text = requests.get(f"{served.url}/?claim={CLAIM}", timeout=30).text
    url = served.url + meta(html_text, "og:image")
    first = requests.get(url, timeout=10)  # never waits for a browser to start
    assert first.status_code in (200, 503)
    deadline = time.monotonic() + 90
    response = first
    while response.status_code == 503 and time.monotonic() < deadline:
        assert response.headers["Retry-After"]
        time.sleep(1)
        response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG") and len(response.content) > 10_000


def test_the_page_title_in_the_browser_is_the_checks(page, served):
    open_page(page, served, f"/?claim={CLAIM}")
    claim = served.snapshot.claim(CLAIM)
    page.wait_for_function("h => document.title.startsWith(h)", arg=claim["headline"])
    page.wait_for_timeout(500)  # Dash's page router sets a title too: ours must stay
    assert document_title(page).startswith(claim["headline"])


def document_title(page) -> str:
    return page.evaluate("document.title")


def test_copy_link_copies_the_checks_address_says_so_and_does_not_reload(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        open_page(page, served, "/")
        page.evaluate("window.__not_reloaded = true")
        card = page.locator(f"#claim-{CLAIM}")
        button = card.get_by_role("button", name="Copy link")
        button.scroll_into_view_if_needed()
        settle(page)  # the charts around it drawn
        button.scroll_into_view_if_needed()
        before = card.bounding_box()["y"]
        assert button.is_visible()
        button.click()
        feedback = card.locator(".copy-feedback")
        page.wait_for_function("e => e.textContent.length > 0", arg=feedback.element_handle())
        assert feedback.text_content() == "Link copied"
        assert page.evaluate("navigator.clipboard.readText()") == f"{served.url}/?claim={CLAIM}"
        assert page.evaluate("window.__not_reloaded") is True
        assert page.url == served.url + "/"
        assert abs(card.bounding_box()["y"] - before) < 2  # the page did not move
    finally:
        context.close()


def test_chart_images_are_saved_under_the_name_of_what_they_show(page, served, tmp_path):
    open_page(page, served, f"/?claim={CLAIM}")
    chart = page.locator(f"#claim-{CLAIM} .js-plotly-plot")
    chart.hover()
    with page.expect_download() as download:
        chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    assert download.value.suggested_filename == f"claim-{CLAIM}.png"


def test_cite_this_gives_the_same_text_as_the_zip_readme(page, served):
    open_page(page, served, f"/?claim={CLAIM}")
    card = page.locator(f"#claim-{CLAIM}")
    card.locator(".cite summary").click()
    text = card.locator(".cite-text").inner_text()
    claim = served.snapshot.claim(CLAIM)
    version = served.snapshot.version
    assert claim["headline"] in text and version in text and "accessed" in text
    assert f"{served.url}/?claim={CLAIM}" in text  # the full address, with the state
    zipped = requests.get(f"{served.url}/download/claim/{CLAIM}.zip?v={version}", timeout=30)
    readme = zipfile.ZipFile(io.BytesIO(zipped.content)).read("README.md").decode()
    cited = readme.split("## How to cite\n", 1)[1].split("\n", 1)[0]
    assert cited == text.replace(served.url, "")  # the server names the path it knows


def test_every_explorer_chart_can_be_cited_with_its_state(page, served):
    open_page(page, served, "/explorer?freq=M&currency=CNY&start=2023&end=2025")
    settle(page)
    block = page.locator("#explorer-trade")
    block.locator(".cite summary").click()
    text = block.locator(".cite-text").inner_text()
    assert "/explorer?" in text and "currency=CNY" in text and "freq=M" in text
    assert served.snapshot.version in text

"""Unknown addresses (issue 11, minor 11): an unknown page answers HTTP 404 with the site's own
layout (its navigation, a heading saying what happened, links onward), and so do an unknown
download and a /check share link that names no stored check; none is Dash's bare "404 - Page
not found"."""

from __future__ import annotations

import pytest

from dashboard.pages import NAV

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/nonexistent", "/download/explorer/pie.csv",
                                  "/download/nowhere/x.csv", "/check?id=" + "0" * 64])
def test_an_unknown_address_is_a_404_in_the_sites_layout(page, served, path):
    response = page.goto(served.url + path)
    assert response.status == 404
    page.wait_for_selector("h1")
    assert "404 - Page not found" not in page.content()
    assert page.locator("h1").first.text_content().strip()
    links = page.locator("nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {path for _label, path in NAV} <= set(links), links
    stylesheet = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "system-ui" in stylesheet or "sans" in stylesheet

"""The Content-Security-Policy is one Dash and plotly work under: every page loads in headless
Chromium, draws its charts and answers a control change with no CSP violation and no console
error (issue 13, defect 11); the article check (/check, issue 12) runs its own clientside
callbacks from assets/ and checks a pasted text under it; the ClaimReview JSON-LD blocks in the
served HTML of `/` and of a share link are data, which the policy lets be."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.pages import NAV
from tests.browser.conftest import (  # noqa: F401 (fixture: Debian's Chromium, no download)
    CHROMIUM,
    browser_type_launch_args,
)
from tests.dashboard.check_support import article_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]
# Browsers report each blocked resource as an event; keep them where the test can read them.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """The page under the app's real policy (tests/browser bypasses it for Playwright's own
    scripts; here nothing may be bypassed)."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900},
            "accept_downloads": True, "bypass_csp": False}


@pytest.fixture(scope="module")
def url(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error it reports collected."""
    reports: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda m: reports.append(f"console {m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: reports.append(f"page error: {e}"))
    return page, reports


def no_violation(page, reports: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert reports == []


@pytest.mark.parametrize("path", [path for _label, path in NAV])
def test_every_page_loads_and_draws_under_the_policy(watched, url, path):
    page, reports = watched
    response = page.goto(url + path)
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_selector(".page", timeout=15_000)
    if path not in ("/data", "/check"):  # /check draws charts once a text is checked
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
    no_violation(page, reports)


def test_a_control_change_redraws_under_the_policy(watched, url):
    page, reports = watched
    assert "script-src" in page.goto(url + "/explorer").headers["content-security-policy"]
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
    page.get_by_label("Chinese yuan").check()
    for _ in range(150):  # (wait_for_function would need eval, which the policy forbids)
        if "currency=CNY" in page.url:
            break
        page.wait_for_timeout(100)
    assert "currency=CNY" in page.url
    page.wait_for_load_state("networkidle")
    assert "CN¥" in (page.locator("#explorer-results .gtitle").first.text_content() or "")
    no_violation(page, reports)


def test_the_chart_toolbar_saves_png_and_svg_under_the_policy(watched, url, tmp_path):
    page, reports = watched
    assert "script-src" in page.goto(url + "/energy").headers["content-security-policy"]
    chart = page.locator("#energy-gas .js-plotly-plot")
    chart.wait_for(timeout=15_000)
    chart.hover()
    for title, head in (("Download plot as SVG", b"<svg"), ("Download plot as a PNG", b"\x89PNG")):
        with page.expect_download() as download:
            chart.locator(f'.modebar-btn[data-title="{title}"]').click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(head)
    no_violation(page, reports)


def test_checking_an_article_runs_under_the_policy(watched, url):
    page, reports = watched
    assert "script-src" in page.goto(url + "/check").headers["content-security-policy"]
    page.wait_for_selector("#check-text", timeout=15_000)
    page.fill("#check-text", article_text())
    page.locator("#check-size").filter(has_text="of at most 100 KB").wait_for(timeout=15_000)
    page.click("#check-run")
    page.wait_for_selector(".check-card .js-plotly-plot .main-svg", timeout=60_000)
    no_violation(page, reports)


def test_the_claimreview_blocks_of_the_served_html_break_no_policy(watched, url):
    page, reports = watched
    page.goto(url + "/")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
    assert page.locator('script[type="application/ld+json"]').count() == 1
    no_violation(page, reports)

    page.goto(url + "/check")
    page.wait_for_selector("#check-text", timeout=15_000)
    page.fill("#check-text", article_text())
    page.click("#check-run")
    page.wait_for_selector(".check-summary", timeout=60_000)
    page.click("#check-share")
    link = page.locator("#check-share-link a")
    link.wait_for(timeout=15_000)
    page.goto(url + link.get_attribute("href"))
    page.wait_for_selector(".check-summary", timeout=60_000)
    assert page.locator('script[type="application/ld+json"]').count() == 1
    no_violation(page, reports)

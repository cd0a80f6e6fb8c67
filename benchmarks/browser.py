"""Headless Chromium for the benchmarks: record the dashboard's own callback requests, and time
page loads. Debian's Chromium with the flags that work on these machines (testing.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def recording(page: Page) -> Iterator[list[dict[str, Any]]]:
    """Collect every callback request the page sends (URL path, headers, JSON body)."""
    seen: list[dict[str, Any]] = []

    def on_request(request: Any) -> None:
        if "/_dash-update-component" in request.url and request.method == "POST":
            seen.append({"body": json.loads(request.post_data or "{}"),
                         "path": "/_dash-update-component"})

    page.on("request", on_request)
    yield seen
    page.remove_listener("request", on_request)


def settle(page: Page, timeout: float = 20.0) -> None:
    """Wait until Dash has no callback in flight."""
    page.wait_for_load_state("networkidle", timeout=timeout * 1000)


def record_callbacks(base_url: str, pages: list[str], explorer: str = "/explorer"
                     ) -> list[dict[str, Any]]:
    """Payloads the browser sends: loading each page, then changing each explorer control."""
    payloads: list[dict[str, Any]] = []
    with chromium() as browser:
        # (the app's CSP is tested in tests/security; Playwright's own helpers need eval)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        for path in pages:
            with recording(page) as seen:
                page.goto(base_url + path)
                settle(page)
                if page.locator(".chart-slot.lazy").count():  # the article's lazy charts too
                    page.evaluate(REQUEST_EVERY_CHART)
                    page.wait_for_function(EVERY_CHART_DRAWN, timeout=60_000)
                    settle(page)
            payloads += [{"label": f"load {path}", **s} for s in seen]
        page.goto(base_url + explorer)
        settle(page)
        ids = [c.get_attribute("id") for c in page.locator("[id^='explorer-'][id$='-ctl']").all()]
        # the views: radio buttons drawn as tabs
        tabs = page.locator("#explorer-view-ctl label")
        for view in range(max(tabs.count(), 1)):
            if tabs.count():
                with recording(page) as seen:
                    tabs.nth(view).click()
                    settle(page)
                payloads += [{"label": f"explorer view {view + 1}", **s} for s in seen[:1]]
            for cid in ids:
                control = page.locator(f"#{cid}")
                if cid == "explorer-view-ctl" or not control.is_visible():
                    continue  # the view switch above; controls of other views are hidden
                with recording(page) as seen:
                    try:
                        changed = _change(page, control)
                    except PlaywrightTimeout:
                        # a control the previous change hid or disabled (a view's options
                        # depend on each other): nothing a person could click there now
                        page.keyboard.press("Escape")
                        continue
                    if not changed:
                        continue
                    settle(page)
                name = cid[len("explorer-"):-len("-ctl")]
                payloads += [{"label": f"explorer control {name} (view {view + 1})", **s}
                             for s in seen[:1]]
    return payloads


def _change(page: Page, control: Any) -> bool:
    """Pick another value in a control the way a person would; False if it has no other."""
    # another tab; Dash 4 draws radio items and checkboxes as labels over hidden inputs, so a
    # person clicks the label of another radio item or of a checkbox
    for clickable in (
        "[role='tab'][aria-selected='false']:visible",
        "label:has(input[type='radio']:not(:checked):not(:disabled)):visible",
        "label:has(input[type='checkbox']:not(:disabled)):visible",
    ):
        found = control.locator(clickable)
        if found.count():
            found.first.click(timeout=5_000)
            return True
    dropdown = control.locator(".dash-dropdown:visible, [role='combobox']:visible")
    if dropdown.count():
        dropdown.first.click(timeout=5_000)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        # Dash 4 keeps a dropdown's menu open after Enter; a person closes it before moving on
        # (an open menu covers the controls below it)
        page.keyboard.press("Escape")
        return True
    return False


def page_load(browser: Browser, url: str, charts: int, repeat: int = 3) -> float:
    """Best of `repeat`: seconds from navigation until `charts` plotly charts are drawn."""
    times = []
    for _ in range(repeat):
        # bypass_csp: wait_for_function uses eval, which the app's policy blocks (the page
        # itself draws the same either way; tests/security checks it under the policy)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
            timeout=60_000)
        times.append(time.perf_counter() - start)
        context.close()
    return min(times)


FIRST_SCREEN = ("() => { const s = document.querySelector('.summary');"
                " const c = document.querySelector('.claim-card .js-plotly-plot .main-svg');"
                " return !!(s && c); }")
REQUEST_EVERY_CHART = """() => document.querySelectorAll('.chart-slot.lazy').forEach(slot => {
    if (slot.getAttribute('data-requested')) return;
    slot.setAttribute('data-requested', '1');
    window.dash_clientside.set_props(
        {type: 'claim-chart-seen', claim: slot.getAttribute('data-claim')}, {data: 1});
})"""
EVERY_CHART_DRAWN = ("() => !document.querySelector('.chart-slot.lazy') && [...document"
                     ".querySelectorAll('.chart-slot .js-plotly-plot')].every("
                     "g => g.querySelector('.main-svg'))")


def article_load(browser: Browser, url: str, repeat: int = 3) -> tuple[float, float]:
    """Best of `repeat`: seconds from navigation until the article page's first screen is drawn
    (the verdict summary and the first check's chart), and until every chart is (the charts
    below the fold asked for at once, as a reader scrolling to the end would)."""
    first, whole = [], []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(FIRST_SCREEN, timeout=60_000)
        first.append(time.perf_counter() - start)
        page.evaluate(REQUEST_EVERY_CHART)
        page.wait_for_function(EVERY_CHART_DRAWN, timeout=60_000)
        whole.append(time.perf_counter() - start)
        context.close()
    return min(first), min(whole)

"""Accessibility (issue 11, minor 13), checked by axe-core in Chromium: no serious or critical
violation on any page; the page declares its language, each chart has a text label (its
finding), headings go in order and each check is a heading a screen reader can jump to."""

from __future__ import annotations

from itertools import pairwise

import pytest

from dashboard.pages import NAV
from tests.browser.conftest import AXE, draw_every_chart, open_page

pytestmark = pytest.mark.browser
# After two animation frames: the page's own fixes (assets/page_text.js) are applied at the
# frame after each change, before it is painted; axe checks what a reader is shown.
RUN_AXE = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci in tests/browser/axe)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [path for _label, path in NAV] + ["/explorer?view=sources",
                                                                    "/explorer?view=commodities",
                                                                    "/no-such-page"])
def test_no_serious_or_critical_violations(page, served, axe_source, path):
    open_page(page, served, path, charts=False)
    if path == "/":
        draw_every_chart(page)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE)
    assert not violations, violations


def test_the_page_has_a_language_charts_have_labels_and_headings_go_in_order(page, served):
    open_page(page, served, "/")
    draw_every_chart(page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    labels = page.locator(".graph-box[role=figure]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-label') || '')")
    assert len(labels) >= 6 and all(label.startswith("Chart: ") and len(label) > 40
                                    for label in labels), labels
    levels = page.locator("h1, h2, h3, h4").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    checks = served.snapshot.tables["claims"]["claim_id"]
    for claim in checks:
        assert page.locator(f"#claim-{claim} :is(h2, h3, h4)").count() >= 1, claim

"""Monthly lines break where months are missing, and every marker shape is explained in the
legend (issue 11, major 6)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
TRACES = """() => document.querySelector('#explorer-trade .js-plotly-plot').data.map(t => ({
  name: t.name, x: t.x, symbols: [].concat((t.marker || {}).symbol || []),
  legend: t.showlegend !== false, gaps: t.connectgaps}))"""


def months(x: str) -> int:
    year, month = int(x[:4]), int(x[5:7])
    return year * 12 + month


def test_monthly_lines_break_across_missing_months(page, served):
    open_page(page, served, "/explorer?freq=M&start=2023&end=2025")
    lines = [t for t in page.evaluate(TRACES) if len(t["x"]) > 1]
    assert lines
    breaks = 0
    for line in lines:
        assert line["gaps"] is False
        previous = None
        for x in line["x"]:
            if x is None:
                previous = None
                breaks += 1
                continue
            if previous is not None:
                assert months(x) - months(previous) == 1, (line["name"], previous, x)
            previous = x
    assert breaks > 0  # this snapshot has missing months in 2023–2025


def test_every_marker_shape_has_a_legend_entry(page, served):
    open_page(page, served, "/explorer?freq=M&start=2023&end=2025")
    traces = page.evaluate(TRACES)
    series = [t for t in traces if len(t["x"]) > 1]
    explained = {t["symbols"][0]: t["name"] for t in traces if t["x"] == [None]}
    used = {s for t in series for s in t["symbols"] if s}
    assert used and used <= set(explained), (used, explained)
    assert any("year-to-date" in name for name in explained.values())
    legend = page.locator("#explorer-trade .legendtext").all_text_contents()
    assert all(name in legend for name in explained.values())

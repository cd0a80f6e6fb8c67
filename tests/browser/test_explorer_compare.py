"""The source comparison works by month and on a phone (issue 11, major 8): monthly figures
have month dates on the axis, every source drawn, no empty gap panel (one panel, and a sentence
saying why there is no gap, where no two sources report the same month); on a 375 px phone the
axis ends with the data and every legend entry is on screen."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
MONTHLY = "/explorer?view=sources&freq=M"
BLOCK = "#explorer-sources"
TICKS = f"{BLOCK} .xtick text, {BLOCK} .x2tick text"
TRACES = f"""() => document.querySelector('{BLOCK} .js-plotly-plot').data.map(t => ({{
  type: t.type, name: t.name, x: t.x, gaps: t.connectgaps}}))"""


def test_monthly_figures_have_months_on_the_axis_every_source_and_no_empty_panel(page, served):
    open_page(page, served, MONTHLY)
    ticks = page.locator(TICKS).all_text_contents()
    assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in ticks), ticks
    traces = page.evaluate(TRACES)
    chart = served.snapshot.views.request("explorer", {"view": "sources", "freq": "M"}).chart(
        "sources")
    lines = [t for t in traces if t["type"] == "scatter"]
    assert len(lines) == chart.rows["series"].nunique() >= 2
    bars = [t for t in traces if t["type"] == "bar"]
    panels = page.locator(f"{BLOCK} .cartesianlayer .subplot").count()
    if chart.rows["gap_pct"].notna().any():
        assert bars and panels == 2
    else:  # nothing to compare: one panel, and the reason
        assert not bars and panels == 1
        notes = page.locator(f"{BLOCK} .chart-notes p").all_text_contents()
        assert any("No two sources report the same month" in n for n in notes), notes
    assert all(t["gaps"] is False for t in lines)


def test_on_a_phone_the_axis_ends_with_the_data_and_the_legend_is_on_screen(page, served):
    page.set_viewport_size({"width": 375, "height": 812})
    open_page(page, served, "/explorer?view=sources")
    chart = served.snapshot.views.request("explorer", {"view": "sources"}).chart("sources")
    last = int(chart.rows["period"].max())
    years = [int(t) for t in page.locator(TICKS).all_text_contents()]
    assert years and max(years) <= last, (years, last)
    width = page.evaluate("() => document.documentElement.clientWidth")
    for entry in page.locator(f"{BLOCK} .legend .traces").all():
        box = entry.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box

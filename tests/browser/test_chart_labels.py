"""Charts read on a phone (issue 11, minor 12): at 375 px no legend entry is a bare "trace 0",
every label inside a chart (event labels, the source line) is whole on screen, the source line
is at least 11 px, and the chart's toolbar does not cover its title."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import draw_every_chart, open_page

pytestmark = pytest.mark.browser
CHARTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const svg = g.querySelector('.main-svg');
  const title = g.querySelector('.gtitle');
  const bar = g.querySelector('.modebar');
  return {
    id: g.id || (g.closest('[id]') || {}).id,
    legend: [...g.querySelectorAll('.legendtext')].map(t => t.textContent),
    svg: svg ? box(svg) : null,
    title: title ? box(title) : null,
    toolbar: bar ? box(bar) : null,
    labels: [...g.querySelectorAll('.annotation-text')].map(t => ({
      text: t.textContent, box: box(t), size: parseFloat(getComputedStyle(t).fontSize)})),
  };
})"""


def overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


@pytest.mark.parametrize("path", ["/", "/explorer", "/explorer?view=sources", "/partners",
                                  "/currencies", "/energy"])
def test_charts_on_a_phone_have_whole_labels_and_an_uncovered_title(page, served, path):
    page.set_viewport_size({"width": 375, "height": 812})
    open_page(page, served, path)
    if path == "/":
        draw_every_chart(page)
    charts = page.evaluate(CHARTS)
    assert charts
    for chart in charts:
        assert not [t for t in chart["legend"] if re.fullmatch(r"trace \d+", t)], chart["id"]
        if chart["title"] and chart["toolbar"]:
            assert not overlap(chart["title"], chart["toolbar"]), chart["id"]
        for label in chart["labels"]:
            box, svg = label["box"], chart["svg"]
            assert box["l"] >= svg["l"] - 1 and box["r"] <= svg["r"] + 1, (chart["id"], label)
            if "Data: snapshot" in label["text"]:
                assert label["size"] >= 11, (chart["id"], label)

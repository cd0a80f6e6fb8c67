"""Figures are plain dicts that plotly accepts and would send the browser unchanged.

`draw` builds figures as dicts, not go.Figure (plotly's validators cost 17-66 ms a chart; see
dashboard/figures/__init__.py), so nothing checks them on a request. Here every chart the app
can draw (each page's charts for a spread of states, every claim's chart, the charts of the
articles in data/evaluation pasted into /check; see figure_catalogue.py), on the bundled and
the live snapshot, is validated by plotly (`go.Figure(figure)` raises on a property plotly.js
does not know) and must send the same JSON as the go.Figure made from it: a dict that leaves
something for go.Figure to fill in (a trace's `type`, an axis's anchor) fails.

When the builders changed from go.Figure to dicts, every one of these figures sent exactly the
JSON the go.Figure builders had sent: tests/fixtures/figures.json.gz, recorded from them at
commit 4ea0cfc, compared at e8b6e1f and again at the merge 1e86dc2; run
`git show 1e86dc2:tests/dashboard/test_figure_equivalence.py` for that test."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from dashboard.figures import REGISTRY, draw
from dashboard.figures.style import SLIM_TEMPLATE
from tests.dashboard.figure_catalogue import VERSION, charts, sent


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """Where two parsed figures first differ ("layout.xaxis.range[0]: a != b"), else None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            if key not in new or key not in old:
                where = "only in the first" if key not in new else "only in the second"
                return f"{path}.{key}: {where}"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} items, then {len(new)}"
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(old, float) or isinstance(new, float):
        same = isinstance(new, int | float) and isinstance(old, int | float) and (
            old == new or abs(old - new) <= 1e-12 * max(abs(old), abs(new)))
        return None if same else f"{path}: {old!r}, then {new!r}"
    return None if old == new else f"{path}: {old!r}, then {new!r}"


@pytest.fixture(scope="module")
def catalogued(bundled_snapshot, live_snapshot) -> dict[str, dict[str, Any]]:
    return {"bundled": charts(bundled_snapshot), "live": charts(live_snapshot)}


@pytest.fixture(scope="module")
def dicts(catalogued) -> dict[str, dict[str, Any]]:
    return {snapshot: {name: draw(chart, VERSION) for name, chart in drawn.items()}
            for snapshot, drawn in catalogued.items()}


@pytest.mark.parametrize("snapshot", ["bundled", "live"])
def test_every_figure_is_one_plotly_validates_and_would_send_unchanged(dicts, snapshot):
    differences = {}
    for name, figure in dicts[snapshot].items():
        if figure is None:
            continue
        validated = go.Figure(figure)  # raises on a property plotly.js does not know
        differences[name] = first_difference(sent(validated), sent(figure))
    assert not {name: where for name, where in differences.items() if where}


def test_the_catalogue_covers_every_kind_of_figure(catalogued, dicts):
    kinds = {chart.kind for drawn in catalogued.values() for chart in drawn.values()
             if not chart.is_empty}
    assert set(REGISTRY) <= kinds
    types = {trace["type"] for drawn in dicts.values() for figure in drawn.values()
             if figure for trace in figure["data"]}
    assert {"bar", "scatter", "treemap"} <= types
    assert sum(figure is not None for figure in dicts["bundled"].values()) >= 150


def test_a_figure_with_something_left_for_plotly_to_fill_in_is_caught():
    layout = {"template": SLIM_TEMPLATE}  # without one, go.Figure adds plotly's default
    complete = {"data": [{"type": "bar", "x": [1], "y": [2.5]}], "layout": layout}
    assert first_difference(sent(go.Figure(complete)), sent(complete)) is None
    untyped = {"data": [{"x": [1], "y": [2.5]}], "layout": layout}
    assert (first_difference(sent(go.Figure(untyped)), sent(untyped))
            == ".data[0].type: only in the first")
    with pytest.raises(ValueError):
        go.Figure({"data": [{"type": "bar", "colour": "red"}], "layout": {}})

"""The figures built as plain dicts send the browser exactly what the go.Figure builders sent.

tests/fixtures/figures.json.gz holds, for every chart the app can draw (each page's charts for
a spread of states, every claim's chart, the charts of the articles in data/evaluation pasted
into /check; see figure_catalogue.py), the figure as Dash sent it when the builders made
go.Figure objects (recorded at the commit that added this test, before any builder changed).
A figure that differs names the chart and the first place it differs. And each dict is a
figure plotly itself accepts and would send unchanged (nothing left for go.Figure to fill in)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import plotly.graph_objects as go
import pytest

from tests.dashboard.figure_catalogue import FIXTURE, figures, sent

RECORDED = json.loads(gzip.decompress(FIXTURE.read_bytes()))


def first_difference(old: Any, new: Any, path: str = "") -> str | None:
    """Where two parsed figures first differ ("layout.xaxis.range[0]: a != b"), else None."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            if key not in new or key not in old:
                where = "only before" if key not in new else "only now"
                return f"{path}.{key}: {where}"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} items before, {len(new)} now"
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    if isinstance(old, float) or isinstance(new, float):
        same = isinstance(new, int | float) and isinstance(old, int | float) and (
            old == new or abs(old - new) <= 1e-12 * max(abs(old), abs(new)))
        return None if same else f"{path}: {old!r} before, {new!r} now"
    return None if old == new else f"{path}: {old!r} before, {new!r} now"


@pytest.fixture(scope="module")
def dicts(bundled_snapshot, live_snapshot) -> dict[str, dict[str, Any]]:
    return {"bundled": figures(bundled_snapshot), "live": figures(live_snapshot)}


@pytest.fixture(scope="module")
def drawn(dicts) -> dict[str, dict[str, Any]]:
    return {snapshot: {name: None if fig is None else sent(fig) for name, fig in drawn.items()}
            for snapshot, drawn in dicts.items()}


@pytest.mark.parametrize("snapshot", ["bundled", "live"])
def test_every_chart_is_drawn_as_before(drawn, snapshot):
    now, before = drawn[snapshot], RECORDED[snapshot]
    assert now.keys() == before.keys()
    differences = {name: first_difference(before[name], now[name]) for name in before}
    differences = {name: where for name, where in differences.items() if where}
    assert not differences, differences


@pytest.mark.parametrize("snapshot", ["bundled", "live"])
def test_every_figure_is_one_plotly_validates_and_would_send_unchanged(dicts, drawn, snapshot):
    for name, figure in dicts[snapshot].items():
        if figure is None:
            continue
        validated = go.Figure(figure)  # raises on a property plotly.js does not know
        assert first_difference(sent(validated), drawn[snapshot][name]) is None, name


def test_the_catalogue_covers_every_kind_of_figure(drawn):
    types = {trace["type"] for figures in drawn.values() for figure in figures.values()
             if figure for trace in figure["data"]}
    assert {"bar", "scatter", "treemap"} <= types
    assert sum(figure is not None for figure in drawn["bundled"].values()) >= 150


def test_a_changed_figure_is_named_where_it_changed():
    before = {"layout": {"xaxis": {"range": [1, 2]}}, "data": [{"y": [1.0, 2.5]}]}
    assert first_difference(before, before) is None
    moved = {"layout": {"xaxis": {"range": [1, 3]}}, "data": [{"y": [1.0, 2.5]}]}
    assert first_difference(before, moved) == ".layout.xaxis.range[1]: 2 before, 3 now"
    assert first_difference(before, {**before, "data": []}) == ".data: 1 items before, 0 now"

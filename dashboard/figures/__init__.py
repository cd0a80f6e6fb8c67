"""Figure builders: a `Chart` (dashboard.chart) in, a plotly figure out, as a plain dict
(`{"data": [...], "layout": {...}}`, what `dcc.Graph` and plotly.js read). Pure; no data
access, no views: a builder draws exactly the rows it is given, with the chart's own title,
axes, source line, markers and references, laid out by the shared style (figures.style).

Why dicts, not go.Figure: a page's first render builds every chart, and plotly's
graph_objects (a validator on every property, `update_layout`, `add_vline`, `make_subplots`)
cost 17-66 ms a chart, 711 ms for the 31 charts of the pages' default states (process CPU
time, bundled snapshot), for charts of 7-130 points. The same figures as dicts send the
browser the same JSON (tests/dashboard/test_figure_equivalence.py) and are validated by
plotly in the tests (`go.Figure(figure)`), not on every request. A caller that needs a
go.Figure (an image export) makes one: `go.Figure(draw(...))`.

`REGISTRY` maps each chart kind to its builder; `draw` dispatches by `chart.kind`. One module per
family of charts, each with a `FIGURES` dict of the kinds it draws:

    explorer    trade_bars, trade_lines, source_comparison, commodity_area, treemap, products
    partners    ranking, rank_history
    currencies  settlement, fx
    energy      crude, suppliers, gas, energy_share
    claims      rank_timeline, statements, share_timeline, value_timeline, growth_timeline,
                value_periods, quantities, counts, events
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dashboard.chart import TABLE, Chart
from dashboard.figures import claims, currencies, energy, explorer, partners

# a chart and the snapshot's version in, the figure as a plain dict out (see above: speed)
Builder = Callable[[Chart, str], dict[str, Any]]

REGISTRY: dict[str, Builder] = {}
for _module in (explorer, partners, currencies, energy, claims):
    for _kind, _builder in _module.FIGURES.items():
        if _kind in REGISTRY:
            raise RuntimeError(f"chart kind {_kind!r} is registered twice")
        REGISTRY[_kind] = _builder


def draw(chart: Chart, version: str) -> dict[str, Any] | None:
    """The chart's figure as a plain dict (plotly's graph_objects cost 17-66 ms a chart; the
    dict a few ms), stamped with the snapshot `version`; None when there is nothing to draw
    (no rows: the page says why instead) or the chart is a table."""
    if chart.is_empty or chart.kind == TABLE:
        return None
    return REGISTRY[chart.kind](chart, version)

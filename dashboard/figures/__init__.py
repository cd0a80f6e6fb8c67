"""Figure builders: a `Chart` (dashboard.chart) in, a plotly figure out. Pure; no data access, no
views: a builder draws exactly the rows it is given, with the chart's own title, axes, source
line, markers and references, laid out by the shared style (figures.style).

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

import plotly.graph_objects as go

from dashboard.chart import TABLE, Chart
from dashboard.figures import claims, currencies, energy, explorer, partners

Builder = Callable[[Chart, str], go.Figure]

REGISTRY: dict[str, Builder] = {}
for _module in (explorer, partners, currencies, energy, claims):
    for _kind, _builder in _module.FIGURES.items():
        if _kind in REGISTRY:
            raise RuntimeError(f"chart kind {_kind!r} is registered twice")
        REGISTRY[_kind] = _builder


def draw(chart: Chart, version: str) -> go.Figure | None:
    """The chart's figure, stamped with the snapshot `version`; None when there is nothing to
    draw (no rows: the page says why instead) or the chart is a table."""
    if chart.is_empty or chart.kind == TABLE:
        return None
    return REGISTRY[chart.kind](chart, version)

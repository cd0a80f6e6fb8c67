"""Small building blocks shared by the pages: verdict badges, source lists, data-table twins,
download links, a chart with everything around it, notices, how to cite. Pure functions from
data (a `Chart`, a figure already drawn, a claims frame) to Dash components; they draw nothing
themselves.

    verdicts   verdict_badge
    sources    source_list
    tables     data_table (a chart's twin), visible_table (a table that is the content)
    cite       Citation, cite_block (the same text as a ZIP's README)
    claims     claim_card, verdict_summary, copy_link, the lazy chart slot of a card
"""

from __future__ import annotations

from dashboard.components.blocks import (
    GRAPH_CONFIG,
    NO_SNAPSHOT,
    chart_block,
    downloads,
    figure_height,
    graph,
    graph_config,
    no_snapshot,
    notice,
    notices,
    table_block,
)
from dashboard.components.cite import Citation, cite_block
from dashboard.components.sources import source_list
from dashboard.components.tables import Words, cell, data_table, visible_table
from dashboard.components.verdicts import VERDICT_STYLE, verdict_badge

__all__ = [
    "GRAPH_CONFIG", "NO_SNAPSHOT", "VERDICT_STYLE", "Citation", "Words", "cell", "chart_block",
    "cite_block", "data_table", "downloads", "figure_height", "graph", "graph_config",
    "no_snapshot", "notice", "notices", "source_list", "table_block", "verdict_badge",
    "visible_table",
]

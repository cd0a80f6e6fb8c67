"""Blocks every page uses: download links, a chart with its box and label, notices, a chart
with everything around it (notes, table twin, downloads, how to cite), a table block."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from dashboard.chart import Chart
from dashboard.components.cite import Citation, cite_block
from dashboard.components.tables import Words, data_table, visible_table

GRAPH_CONFIG = {
    # no "Share chart" button: it would upload the data to an outside service
    "displaylogo": False, "showSendToCloud": False, "showEditInChartStudio": False,
    "responsive": True, "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
NO_SNAPSHOT = (
    "No data snapshot is published yet. Run `python -m etl refresh` (or `make run`, which does "
    "it for you)."
)


def downloads(base: str, version: str, query: dict[str, str] | None = None) -> html.Div:
    params = urlencode({**(query or {}), "v": version})
    return html.Div(
        [
            html.A(
                "Download CSV",
                href=f"{base}.csv?{params}",
                className="button download-csv",
                **{"data-kind": "csv"},
            ),
            html.A(
                "ZIP (CSV + metadata + README)",
                href=f"{base}.zip?{params}",
                className="button button-secondary",
                **{"data-kind": "zip"},
            ),
        ],
        className="downloads",
    )


def graph_config(filename: str) -> dict[str, Any]:
    return {**GRAPH_CONFIG,
            "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename}}


def figure_height(figure: Any) -> int | None:
    """The height a figure sets for itself, in px: a figure dict's (dashboard.figures.draw)
    or a go.Figure's; None when it sets none."""
    if isinstance(figure, dict):
        height = (figure.get("layout") or {}).get("height")
    else:
        height = getattr(getattr(figure, "layout", None), "height", None)
    return int(height) if height else None


def graph(figure: Any, graph_id: str | dict, filename: str = "chart",
          label: str = "") -> html.Div:
    """A chart with the toolbar's PNG download (and an SVG button added by assets/svg_button.js),
    both made in the browser, offline. Screen readers read `label` (the chart's title, which
    states its finding) and are pointed to the table twin for the numbers.

    The wrapper holds the figure's own height before plotly has drawn anything, so a chart that
    draws late never moves what is below it (a link to a check further down stays on it)."""
    height = figure_height(figure)
    style = {"height": f"{height}px"} if height else None
    return html.Div(
        dcc.Graph(id=graph_id, figure=figure, config=graph_config(filename), className="chart",
                  style=style),
        className="graph-box",
        style={"minHeight": f"{height}px"} if height else None,
        role="figure",
        **{"aria-label": f"Chart: {label}. The numbers are in the table below it."
           if label else "Chart"},
    )


def notice(text: str, kind: str = "info") -> html.Div:
    return html.Div(text, className=f"notice notice-{kind}", role="status")


def notices(texts: list[str] | tuple[str, ...], kind: str = "warning") -> list[html.Div]:
    return [notice(t, kind) for t in texts]


def no_snapshot() -> html.Div:
    """What every page shows before the first snapshot is published."""
    return html.Div(notice(NO_SNAPSHOT, "error"), className="page")


def chart_block(
    page: str,
    heading: str,
    chart: Chart,
    figure: Any,
    version: str,
    query: dict[str, str],
    *,
    explainer: list | None = None,
    words: Words | None = None,
    citation: Citation | None = None,
) -> html.Section:
    """One chart with everything around it: notes, the figure (or why there is none), its data
    as a table, its downloads and how to cite it."""
    parts: list = [html.H2(heading, className="chart-heading")]
    if chart.notes:
        parts.append(html.Div([html.P(n) for n in chart.notes], className="chart-notes"))
    if chart.is_empty or figure is None:
        parts.append(notice(chart.empty or "Nothing to show for this selection.", "empty"))
    else:
        parts += [
            html.Div(
                graph(figure, f"{page}-{chart.key}-graph", filename=f"{page}-{chart.key}",
                      label=chart.title),
                className="chart-wrap",
                **{"data-chart": chart.key},
            ),
            data_table(chart.rows, list(chart.table_columns),
                       f"Data behind the chart: {chart.title}", words),
            downloads(f"/download/{page}/{chart.key}", version, query),
        ]
        if citation is not None:
            parts.append(cite_block(citation))
    if explainer:
        parts.append(html.Div(explainer, className="chart-explainer"))
    return html.Section(
        parts, className="chart-block", id=f"{page}-{chart.key}", **{"aria-label": heading}
    )


def table_block(
    page: str, heading: str, chart: Chart, version: str, query: dict[str, str],
    columns: list[str], words: Words | None = None,
) -> html.Section:
    """A table that is the content itself (not a chart's twin), with its downloads."""
    parts: list = [
        html.H2(heading, className="chart-heading"),
        html.P(chart.title, className="table-title"),
    ]
    if chart.is_empty:
        parts.append(notice(chart.empty or "Nothing to show for this selection.", "empty"))
    else:
        parts += [
            visible_table(chart.rows, columns, chart.title, words),
            downloads(f"/download/{page}/{chart.key}", version, query),
        ]
    return html.Section(
        parts, className="chart-block", id=f"{page}-{chart.key}", **{"aria-label": heading}
    )

"""Small building blocks shared by the pages: verdict badges, source lists, data-table twins,
download links, a chart with everything around it, notices. Pure functions from data (a
`Chart`, a figure already drawn) to Dash components; they draw nothing themselves."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html
from markupsafe import escape

from dashboard.chart import Chart
from etl.vocabulary import tier_words

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

VERDICT_STYLE = {
    # verdict: (icon, css class); the icon and the label carry the meaning, not the colour alone
    "supported": ("✓", "verdict-supported"),
    "supported_with_caveats": ("≈", "verdict-caveats"),
    "contradicted": ("✗", "verdict-contradicted"),
    "attributed": ("❝", "verdict-attributed"),
    "not_checkable": ("?", "verdict-unchecked"),
}


def verdict_badge(verdict: str, label: str) -> html.Span:
    icon, css = VERDICT_STYLE.get(verdict, ("•", "verdict-unchecked"))
    return html.Span(
        [html.Span(icon, className="verdict-icon", **{"aria-hidden": "true"}), label],
        className=f"verdict {css}",
        **{"data-verdict": verdict},
    )


def source_list(frame: pd.DataFrame) -> html.Ul:
    """One line per document: publisher, title, date, link."""
    items = []
    if frame.empty:
        return html.Ul([], className="sources")
    seen = frame.drop_duplicates("source_id")
    for _, row in seen.iterrows():
        if str(row["source_id"]).startswith("derived-"):
            continue
        when = row.get("date_published") or "date not recorded"
        title = f" — {row['title']}" if row.get("title") else ""
        tier = tier_words(str(row.get("tier") or ""), str(row.get("original_publisher") or ""))
        text = f"{row.get('publisher') or row['source_id']}{title} ({when}" + (
            f", {tier})" if tier else ")")
        link = (
            html.A(text, href=row["url"], target="_blank", rel="noopener noreferrer")
            if row.get("url")
            else html.Span(text)
        )
        items.append(html.Li(link))
    derived = frame[frame["source_id"].astype(str).str.startswith("derived-")]
    if not derived.empty:
        items.append(
            html.Li(
                "Computed by this project from the documents above (see derived_from in the CSV)",
                className="derived-note",
            )
        )
    return html.Ul(items, className="sources")


def data_table(frame: pd.DataFrame, columns: list[str], caption: str) -> html.Details:
    """The accessible twin of a chart: the same rows as a real <table>, one click away.

    Built as one HTML string (escaped) rather than a component per cell: a 200-row table would
    otherwise be thousands of components to serialise on every page load and callback."""
    shown = [c for c in columns if c in frame.columns]
    head = "".join(f'<th scope="col">{escape(c.replace("_", " "))}</th>' for c in shown)
    body = []
    for values in frame[shown].itertuples(index=False, name=None):
        cells = []
        for value in values:
            if isinstance(value, float):
                value = "" if pd.isna(value) else f"{value:,.6g}"
            cells.append(f"<td>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = (f'<table class="data-table"><caption>{escape(caption)}</caption>'
             f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return html.Details(
        [
            html.Summary("Show the data as a table"),
            dcc.Markdown(table, dangerously_allow_html=True, className="table-scroll"),
        ],
        className="table-twin",
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


def graph(figure: Any, graph_id: str | dict, filename: str = "chart") -> dcc.Graph:
    """A chart with the toolbar's PNG download (and an SVG button added by assets/svg_button.js),
    both made in the browser, offline."""
    config = {
        **GRAPH_CONFIG,
        "toImageButtonOptions": {**GRAPH_CONFIG["toImageButtonOptions"], "filename": filename},
    }
    # A fixed height (the figure's own): Dash fills a responsive graph's container, and a
    # container without a height lets the chart grow with whatever surrounds it.
    height = getattr(getattr(figure, "layout", None), "height", None)
    style = {"height": f"{height}px"} if height else None
    return dcc.Graph(id=graph_id, figure=figure, config=config, className="chart", style=style)


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
) -> html.Section:
    """One chart with everything around it: notes, the figure (or why there is none), its data
    as a table, its downloads."""
    parts: list = [html.H2(heading, className="chart-heading")]
    if chart.notes:
        parts.append(html.Div([html.P(n) for n in chart.notes], className="chart-notes"))
    if chart.is_empty or figure is None:
        parts.append(notice(chart.empty or "Nothing to show for this selection.", "empty"))
    else:
        parts += [
            html.Div(
                graph(figure, f"{page}-{chart.key}-graph", filename=f"{page}-{chart.key}"),
                className="chart-wrap",
                **{"data-chart": chart.key},
            ),
            data_table(
                chart.rows, list(chart.table_columns), f"Data behind the chart: {chart.title}"
            ),
            downloads(f"/download/{page}/{chart.key}", version, query),
        ]
    if explainer:
        parts.append(html.Div(explainer, className="chart-explainer"))
    return html.Section(
        parts, className="chart-block", id=f"{page}-{chart.key}", **{"aria-label": heading}
    )


def table_block(
    page: str, heading: str, chart: Chart, version: str, query: dict[str, str],
    columns: list[str]
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
            visible_table(chart.rows, columns, chart.title),
            downloads(f"/download/{page}/{chart.key}", version, query),
        ]
    return html.Section(
        parts, className="chart-block", id=f"{page}-{chart.key}", **{"aria-label": heading}
    )


def cell(value: Any, column: str = "") -> Any:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        if pd.isna(value):
            return ""
        return f"{value:,.0f}" if column.startswith("rank") else f"{value:,.6g}"
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column == "url" and str(value).startswith("http"):
        return html.A(str(value), href=str(value), target="_blank", rel="noopener noreferrer")
    return str(value)


def visible_table(frame: pd.DataFrame, columns: list[str], caption: str) -> html.Div:
    shown = [c for c in columns if c in frame.columns]
    header = html.Tr([html.Th(c.replace("_", " "), scope="col") for c in shown])
    body = [html.Tr([html.Td(cell(row[c], c)) for c in shown]) for _, row in frame.iterrows()]
    return html.Div(
        html.Table(
            [html.Caption(caption), html.Thead(header), html.Tbody(body)], className="data-table"
        ),
        className="table-scroll",
    )

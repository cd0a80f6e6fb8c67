"""Small building blocks shared by the pages: verdict badges, source lists, data-table twins,
download links. Pure functions from data to Dash components."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
from dash import dcc, html

from dashboard.figures import GRAPH_CONFIG

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
        text = f"{row.get('publisher') or row['source_id']}{title} ({when})"
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
    """The accessible twin of a chart: the same rows as a table, one click away."""
    shown = [c for c in columns if c in frame.columns]
    header = html.Tr([html.Th(c.replace("_", " "), scope="col") for c in shown])
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for c in shown:
            value = row[c]
            if isinstance(value, float):
                value = "" if pd.isna(value) else f"{value:,.6g}"
            cells.append(html.Td(str(value)))
        rows.append(html.Tr(cells))
    return html.Details(
        [
            html.Summary("Show the data as a table"),
            html.Div(
                html.Table(
                    [html.Caption(caption), html.Thead(header), html.Tbody(rows)],
                    className="data-table",
                ),
                className="table-scroll",
            ),
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


def graph(figure, graph_id: str | dict) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG, className="chart")


def notice(text: str, kind: str = "info") -> html.Div:
    return html.Div(text, className=f"notice notice-{kind}", role="status")

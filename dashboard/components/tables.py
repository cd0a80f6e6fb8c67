"""Tables a person reads: a chart's data-table twin and the tables that are a page's content.

Column names become headings ("Published", not "date_published"), codes become words
("Countries only", not "countries_only"; "Rank among trading partners", not "partner_rank"),
a value is shown with its unit and bound ("at least 90.0%"), and cells wrap between words only:
a narrow screen scrolls the table sideways rather than breaking "Hong Kong" mid-word. The
CSV downloads keep the codes; these tables are for reading.

`words` maps a column to {code: word} for codes the snapshot names (indicators, partners);
conventions, bounds, statuses, tiers, roles and flows come from the one vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html
from markupsafe import escape

from dashboard.vocabulary import CONVENTIONS, column_words, value_words

Words = Mapping[str, Mapping[str, str]]  # column -> code -> word

HEADINGS = {
    "series": "Series",
    "label": "What",
    "period_label": "Period",
    "period": "Period",
    "period_end": "Until",
    "value_shown": "Value",
    "unit_shown": "Unit",
    "role": "Role",
    "indicator": "Measure",
    "reporter": "Reported by",
    "partner": "Partner",
    "partner_name": "Partner",
    "flow": "Flow",
    "basis": "Convention",
    "qualifier": "Bound",
    "speaker": "Said by",
    "publisher": "Source",
    "date_published": "Published",
    "date_accessed": "Accessed",
    "conversion": "Conversion",
    "status": "Status",
    "tier": "Source type",
    "source_id": "Source id",
    "kind": "Kind",
    "rank": "Rank",
    "share_pct": "Share (%)",
    "gap_pct": "Gap (%)",
    "gap_value_shown": "Gap",
    "chapter": "HS chapter",
    "section_label": "HS section",
    "compared_with": "Compared with",
    "fetched_at": "Fetched",
    "last_checked": "Last checked",
    "stale_since": "Stale since",
    "state": "State",
    "rows": "Rows",
    "error": "Error",
    "check": "Check",
    "message": "Message",
    "correction_id": "Correction",
    "what": "What",
    "column": "Column",
    "old": "Old",
    "new": "New",
    "reason": "Reason",
    "evidence": "Evidence",
    "url": "Link",
    "licence": "Licence",
    "original_publisher": "Original publisher",
    "citation": "Citation",
    "title": "Title",
    "commodity": "Commodity",
    "unit": "Unit",
    "value": "Value (base units)",
}
# columns whose cells never wrap: dates, periods, short codes and numbers
NOWRAP = {"period_label", "period", "period_end", "date_published", "date_accessed",
          "fetched_at", "last_checked", "stale_since", "value_shown", "gap_pct",
          "gap_value_shown", "share_pct", "rank", "chapter", "rows", "source_id"}
NUMERIC = {"value_shown", "gap_pct", "gap_value_shown", "share_pct", "rank", "rows", "value"}


def heading(column: str) -> str:
    if column in HEADINGS:
        return HEADINGS[column]
    if column.startswith("rank_") and column[5:] in CONVENTIONS:
        return f"Rank ({CONVENTIONS[column[5:]].lower()})"
    return column.replace("_", " ").capitalize()


def shown_columns(frame: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """The columns a reader sees: those present; the unit and the bound are read into the
    value ("at least US$240.1 bn"), so they are not repeated beside it."""
    present = [c for c in columns if c in frame.columns]
    if "value_shown" in present and "unit_shown" in frame.columns:
        present = [c for c in present if c not in ("unit_shown", "qualifier")]
    return present


def cell_text(column: str, value: Any, row: Mapping[str, Any], words: Words) -> str:
    """One cell as a reader reads it."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if column == "value_shown" and "unit_shown" in row:
        return value_words(float(value), str(row.get("unit_shown") or ""),
                           str(row.get("qualifier") or ""))
    if column in ("gap_pct", "share_pct") and isinstance(value, float):
        return f"{value:+.1f}%" if column == "gap_pct" else f"{value:.1f}%"
    if column == "gap_value_shown" and isinstance(value, float):
        return f"{value:+,.2f} {row.get('unit_shown') or ''}".strip()
    if isinstance(value, float):
        return f"{value:,.0f}" if column.startswith("rank") else f"{value:,.6g}"
    text = str(value)
    found = words.get(column, {}).get(text) or column_words().get(column, {}).get(text)
    return found if found is not None else text


def _css(column: str) -> str:
    classes = [f"col-{column.replace('_', '-')}"]
    if column in NOWRAP:
        classes.append("nowrap")
    if column in NUMERIC:
        classes.append("num")
    return " ".join(classes)


def data_table(frame: pd.DataFrame, columns: list[str], caption: str,
               words: Words | None = None) -> html.Details:
    """The accessible twin of a chart: the same rows as a real <table>, one click away.

    Built as one HTML string (escaped) rather than a component per cell: a 200-row table would
    otherwise be thousands of components to serialise on every page load and callback."""
    words = words or {}
    shown = shown_columns(frame, columns)
    head = "".join(f'<th scope="col" class="{_css(c)}">{escape(heading(c))}</th>' for c in shown)
    body = []
    for row in frame.to_dict("records"):
        cells = "".join(
            f'<td class="{_css(c)}">{escape(cell_text(c, row[c], row, words))}</td>'
            for c in shown
        )
        body.append(f"<tr>{cells}</tr>")
    table = (f'<table class="data-table"><caption>{escape(caption)}</caption>'
             f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return html.Details(
        [
            html.Summary("Show the data as a table"),
            # a region a keyboard can scroll (tabindex), named by the table's caption
            html.Div(
                dcc.Markdown(table, dangerously_allow_html=True),
                className="table-scroll",
                tabIndex="0",
                role="region",
                **{"aria-label": caption},
            ),
        ],
        className="table-twin",
    )


def cell(value: Any, column: str = "", row: Mapping[str, Any] | None = None,
         words: Words | None = None) -> Any:
    if column == "url" and isinstance(value, str) and value.startswith("http"):
        return html.A(value, href=value, target="_blank", rel="noopener noreferrer")
    return cell_text(column, value, row or {}, words or {})


def visible_table(frame: pd.DataFrame, columns: list[str], caption: str,
                  words: Words | None = None) -> html.Div:
    """A table that is a page's content (not a chart's twin), with readable headings and cells."""
    shown = shown_columns(frame, columns)
    header = html.Tr([html.Th(heading(c), scope="col", className=_css(c)) for c in shown])
    body = [
        html.Tr([html.Td(cell(row[c], c, row, words), className=_css(c)) for c in shown])
        for row in frame.to_dict("records")
    ]
    return html.Div(
        html.Table(
            [html.Caption(caption), html.Thead(header), html.Tbody(body)], className="data-table"
        ),
        className="table-scroll",
        tabIndex="0",
        role="region",
        **{"aria-label": caption},
    )

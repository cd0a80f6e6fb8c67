"""A list of the documents behind a chart or a check: publisher, title, date, tier, link."""

from __future__ import annotations

import pandas as pd
from dash import html

from etl.vocabulary import tier_words

LINE_COLUMNS = ("source_id", "publisher", "title", "date_published", "tier",
                "original_publisher", "url")


def source_list(frame: pd.DataFrame) -> html.Ul:
    """One line per document: publisher, title, date, link."""
    items = []
    if frame.empty:
        return html.Ul([], className="sources")
    # each document's first row, and only the columns a line shows (the evidence rows a card
    # passes carry thirty)
    # (read column by column: selecting rows of a frame that wide costs more than the list)
    first = ~frame["source_id"].duplicated().to_numpy()
    columns = {c: frame[c].to_numpy()[first].tolist() for c in LINE_COLUMNS if c in frame}
    derived = False
    for values in zip(*columns.values(), strict=True):
        row = dict(zip(columns, values, strict=True))
        if str(row["source_id"]).startswith("derived-"):
            derived = True
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
    if derived:
        items.append(
            html.Li(
                "Computed by this project from the documents above (see derived_from in the CSV)",
                className="derived-note",
            )
        )
    return html.Ul(items, className="sources")

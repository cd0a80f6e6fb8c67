"""Page 1 — the article, checked: its text in order, each checkable statement marked, and beside
each one its verdict, explanation, convention, evidence chart, sources and downloads.

URL state: ?claim=<id> selects (and scrolls to) one statement, so a check can be shared as a link.
Everything is rendered from the snapshot on the server; the page needs no callbacks.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pandas as pd
from dash import html

from dashboard import headers, urlstate
from dashboard.components import (
    data_table,
    downloads,
    graph,
    no_snapshot,
    notice,
    source_list,
    verdict_badge,
)
from dashboard.figures import draw
from dashboard.pages.pagekit import current_snapshot
from dashboard.snapshot import Snapshot
from dashboard.views.claims import evidence_of
from etl.claims.load import normalise
from etl.claims.model import VERDICT_MEANING, VERDICTS

PARAMS = ("claim",)  # the URL state this page reads (dashboard.urlstate)


def layout(**query: Any) -> html.Div:
    claim = urlstate.page_query(query, PARAMS).get("claim") or None
    snap = current_snapshot()
    if snap is None:
        return no_snapshot()
    headers.served(snap.version, pinned=False)
    claims = snap.tables["claims"]
    notes = []
    if claim and claim not in set(claims["claim_id"]):
        notes.append(
            notice(f"There is no checked statement “{claim[:60]}”; showing them all.", "warning")
        )
        claim = None
    page = snap.memo(("article-page", claim), lambda: article_page(snap, claim))
    return html.Div([*notes, page]) if notes else page


def article_page(snap: Snapshot, claim: str | None) -> html.Div:
    """The page for one selection; built once per snapshot version and selection."""
    claims = snap.views.claims.claims
    meta = snap.article_meta
    return html.Div(
        [
            header(meta, snap),
            summary(claims),
            html.Div(
                [
                    paragraph_row(i, text, claims[claims["paragraph"] == i], snap, claim)
                    for i, text in enumerate(article_paragraphs(snap))
                ],
                className="article",
            ),
        ],
        className="page page-article",
        **({"data-selected": claim} if claim else {}),
    )


def article_paragraphs(snap: Snapshot) -> list[str]:
    table = snap.tables.get("article")
    if table is None:
        return []
    return [normalise(t) for t in table.sort_values("paragraph")["text"]]


def header(meta: dict, snap: Snapshot) -> html.Div:
    byline = ", ".join(
        x
        for x in (meta.get("publisher"), f"by {meta['author']}" if meta.get("author") else None)
        if x
    )
    link = meta.get("url") or meta.get("homepage")
    return html.Div(
        [
            html.H1("The article, checked"),
            html.P(
                [
                    "“",
                    html.Cite(meta.get("title", "")),
                    "” — ",
                    html.A(byline, href=link, target="_blank", rel="noopener noreferrer")
                    if link
                    else byline,
                    f". {meta['date_note']}." if meta.get("date_note") else ".",
                ],
                className="attribution",
            ),
            html.P(
                [
                    "Each marked statement is tested against the data by a stated rule; the "
                    "verdict is computed, not typed in, and is judged with the data available "
                    "for the periods "
                    "before the article (later data appears as “since then”). ",
                    html.Span(
                        f"Data snapshot {snap.version}, built {snap.built_at}.",
                        className="snapshot-id",
                    ),
                ],
                className="lede",
            ),
        ],
        className="page-header",
    )


def summary(claims: pd.DataFrame) -> html.Section:
    counts = Counter(claims["verdict"])
    items = [
        html.Li(
            [verdict_badge(v, label), html.Span(f" {counts.get(v, 0)}", className="count")],
            title=VERDICT_MEANING[v],
        )
        for v, label in VERDICTS.items()
    ]
    legend = html.Details(
        [
            html.Summary("What the verdicts mean"),
            html.Dl(
                [
                    item
                    for v, label in VERDICTS.items()
                    for item in (html.Dt(verdict_badge(v, label)), html.Dd(VERDICT_MEANING[v]))
                ]
            ),
        ],
        className="legend",
    )
    return html.Section(
        [
            html.H2(f"{len(claims)} statements checked", className="summary-title"),
            html.Ul(items, className="summary-counts", **{"aria-label": "Verdicts by count"}),
            legend,
        ],
        className="summary",
        **{"aria-label": "Summary of verdicts"},
    )


def marked_text(text: str, claims: pd.DataFrame) -> list:
    """The paragraph with each claim's quote wrapped in a link to its check."""
    spans = []
    for _, c in claims.iterrows():
        start = text.find(normalise(c["quote"]))
        if start >= 0:
            spans.append((start, start + len(normalise(c["quote"])), c))
    children, cursor = [], 0
    for start, end, c in sorted(spans, key=lambda s: s[0]):
        if start < cursor:
            continue
        children.append(text[cursor:start])
        children.append(
            html.A(
                html.Mark(text[start:end]),
                href=f"?claim={c['claim_id']}",
                className=f"quote-mark mark-{c['verdict']}",
                title=c["verdict_label"],
            )
        )
        cursor = end
    children.append(text[cursor:])
    return children


def paragraph_row(
    index: int, text: str, claims: pd.DataFrame, snap: Snapshot, selected: str | None
) -> html.Div:
    body = html.P(
        marked_text(text, claims) if not claims.empty else text, className="paragraph-text"
    )
    if claims.empty:
        return html.Div(body, className="paragraph-row plain")
    cards = [cached_card(c, snap, selected == c["claim_id"]) for _, c in claims.iterrows()]
    return html.Div(
        [html.Div(body, className="paragraph-col"), html.Div(cards, className="cards-col")],
        className="paragraph-row",
    )


def cached_card(c: pd.Series, snap: Snapshot, selected: bool) -> html.Article:
    """A claim's card, built once per snapshot version (its figure is the costly part)."""
    card = snap.memo(("article-card", c["claim_id"]), lambda: claim_card(c, snap, False))
    if not selected:
        return card
    return html.Article(card.children, id=card.id, className="claim-card selected",
                        **{"data-claim": c["claim_id"], "data-verdict": c["verdict"]})


def claim_card(c: pd.Series, snap: Snapshot, selected: bool) -> html.Article:
    claim_id = c["claim_id"]
    chart = snap.views.claim_chart(claim_id)
    caveats = json.loads(c["caveats"])
    alternatives = json.loads(c["alternatives"])
    parts = [
        html.Div(
            [
                verdict_badge(c["verdict"], c["verdict_label"]),
                html.A(
                    "link",
                    href=f"?claim={claim_id}",
                    className="permalink",
                    title="Link to this check",
                ),
            ],
            className="card-top",
        ),
        html.Blockquote(f"“{c['quote']}”", className="claim-quote"),
        html.P(f"— {c['speaker']}", className="claim-speaker"),
        html.P(c["explanation"], className="explanation"),
    ]
    if c["convention"] or c["convention_used"]:
        parts.append(
            html.P(
                [html.Strong("Convention: "), c["convention"] or c["convention_used"]],
                className="convention",
            )
        )
    if alternatives:
        parts.append(
            html.Div(
                [
                    html.H4("What would change the verdict"),
                    html.Ul([html.Li(a) for a in alternatives]),
                ],
                className="alternatives",
            )
        )
    if caveats:
        parts.append(
            html.Div(
                [html.H4("Caveats and context"), html.Ul([html.Li(x) for x in caveats])],
                className="caveats",
            )
        )
    figure = draw(chart, snap.version)
    if figure is not None:
        parts += [
            graph(figure, {"type": "claim-chart", "claim": claim_id}),
            data_table(
                chart.rows, list(chart.table_columns), f"Data behind the chart: {chart.title}"
            ),
            downloads(f"/download/claim/{claim_id}", snap.version),
        ]
    # the documents behind what is drawn; a claim with nothing to draw lists all its evidence
    sources = chart.rows if figure is not None else evidence_of(snap.views.claims, claim_id)
    if not sources.empty:
        parts.append(html.Div([html.H4("Sources"), source_list(sources)], className="card-sources"))
    return html.Article(
        parts,
        id=f"claim-{claim_id}",
        className="claim-card" + (" selected" if selected else ""),
        **{"data-claim": claim_id, "data-verdict": c["verdict"]},
    )

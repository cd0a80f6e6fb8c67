"""The components of a checked article, parameterised by data only (a claims frame, a claim's
row, its evidence's sources, a chart already drawn), so any checked article can use them: the
built-in one (pages/article.py) and an article a reader pastes in.

- `verdict_summary(claims)`: the page's first screen: how many statements of each verdict, then
  every statement with its verdict, a one-line reason and a link down to its check (statements
  about trade, energy and payments first, events after);
- `claim_card(claim, ...)`: one check: its finding as a heading, the verdict, the quote, the
  explanation, the convention, what would change the verdict, caveats, the evidence chart (drawn,
  or drawn when scrolled to), its data, downloads, sources, "Copy link" and "Cite this";
- `lazy_chart(claim_id, height)`: the place a card's chart is drawn in once it is scrolled to
  (assets/lazy_charts.js asks for it; the article page's callback fills it), holding its height.

A claim row carries: claim_id, verdict, verdict_label, headline, quote, speaker, explanation,
reason (optional: its first sentence, published by the ETL), convention, convention_used,
caveats and alternatives (lists, or JSON text of lists), topic (optional).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard.components.blocks import downloads, graph
from dashboard.components.cite import Citation, cite_block
from dashboard.components.sources import source_list
from dashboard.components.tables import Words, data_table
from dashboard.components.verdicts import verdict_badge

LAZY_SLOT = "claim-chart-slot"  # the pattern-matching type of a card's chart slot
SEEN = "claim-chart-seen"  # ... and of the store assets/lazy_charts.js sets when it is in view
# statements the numbers can test first, then events and the war
TOPIC_ORDER = ("trade", "energy", "currency", "payments", "war", "events")
TOPIC_WORDS = {"trade": "Trade", "energy": "Energy", "currency": "Payments",
               "payments": "Payments", "war": "The war", "events": "Events"}
SLOT_HEIGHT = 520  # px a chart not yet drawn holds (claim charts are 440–700 px tall)


def card_id(claim_id: str) -> str:
    return f"claim-{claim_id}"


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        return list(json.loads(value)) if value.strip() else []
    return list(value or [])


def summary_order(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims ordered by topic (TOPIC_ORDER; unknown topics last), then as in the article."""
    topics = claims["topic"] if "topic" in claims else pd.Series([""] * len(claims))
    rank = {t: i for i, t in enumerate(TOPIC_ORDER)}
    order = topics.map(lambda t: rank.get(t, len(TOPIC_ORDER)))
    return claims.assign(_topic=order.to_numpy()).sort_values(
        "_topic", kind="mergesort").drop(columns="_topic")


def verdict_counts(claims: pd.DataFrame, verdicts: Mapping[str, str],
                   meanings: Mapping[str, str]) -> html.Ul:
    counts = Counter(claims["verdict"])
    return html.Ul(
        [
            html.Li(
                [verdict_badge(v, label), html.Span(f" {counts.get(v, 0)}", className="count")],
                title=meanings.get(v, ""),
            )
            for v, label in verdicts.items()
        ],
        className="summary-counts",
        **{"aria-label": "Verdicts by count"},
    )


def verdict_legend(verdicts: Mapping[str, str], meanings: Mapping[str, str]) -> html.Details:
    return html.Details(
        [
            html.Summary("What the verdicts mean"),
            html.Dl(
                [
                    item
                    for v, label in verdicts.items()
                    for item in (html.Dt(verdict_badge(v, label)), html.Dd(meanings.get(v, "")))
                ]
            ),
        ],
        className="legend",
    )


def summary_item(claim: Mapping[str, Any], href: str) -> html.Li:
    reason = claim.get("reason") or claim.get("explanation") or ""
    topic = TOPIC_WORDS.get(str(claim.get("topic") or ""), "")
    return html.Li(
        [
            verdict_badge(claim["verdict"], claim["verdict_label"]),
            html.Div(
                [
                    html.A(f"“{claim['quote']}”", href=href, className="summary-quote"),
                    html.Span(f" {topic}", className="summary-topic") if topic else None,
                    html.P(reason, className="summary-reason"),
                ],
                className="summary-body",
            ),
        ],
        className="summary-item",
        **{"data-claim": claim["claim_id"], "data-verdict": claim["verdict"]},
    )


def verdict_summary(claims: pd.DataFrame, verdicts: Mapping[str, str],
                    meanings: Mapping[str, str], *,
                    href: Callable[[str], str] = lambda cid: f"#{card_id(cid)}",
                    title: str | None = None) -> html.Section:
    """The verdicts first: counts, then every statement with its verdict, a one-line reason and
    a link to its check (numbers first, events after)."""
    ordered = summary_order(claims)
    return html.Section(
        [
            html.H2(title or f"{len(claims)} statements checked", className="summary-title"),
            verdict_counts(claims, verdicts, meanings),
            html.Ol(
                [summary_item(c, href(c["claim_id"])) for c in ordered.to_dict("records")],
                className="summary-list",
            ),
            verdict_legend(verdicts, meanings),
        ],
        className="summary",
        id="summary",
        **{"aria-label": "Summary of verdicts"},
    )


def copy_link(path: str, label: str = "Copy link") -> html.Span:
    """A button that copies the absolute link to `path` and says so (assets/copy_link.js); the
    page does not move or reload."""
    return html.Span(
        [
            html.Button(label, type="button", className="copy-link", **{"data-href": path}),
            html.Span("", className="copy-feedback", role="status", **{"aria-live": "polite"}),
        ],
        className="copy",
    )


def card_chart(figure: Any, chart: Any, claim_id: str, words: Words | None = None) -> list:
    """A card's chart as drawn now: the figure and its data-table twin."""
    return [
        graph(figure, {"type": "claim-chart", "claim": claim_id}, filename=f"claim-{claim_id}",
              label=chart.title),
        data_table(chart.rows, list(chart.table_columns),
                   f"Data behind the chart: {chart.title}", words),
    ]


def lazy_chart(claim_id: str, height: int = SLOT_HEIGHT, children: list | None = None
               ) -> html.Div:
    """Where a card's chart is drawn once it is scrolled to; it holds `height` meanwhile."""
    drawn = children is not None
    return html.Div(
        [
            dcc.Store(id={"type": SEEN, "claim": claim_id}),
            html.Div(
                children if drawn else html.P("The chart is drawn when you scroll to it.",
                                              className="slot-note"),
                id={"type": LAZY_SLOT, "claim": claim_id},
                className="chart-slot" + ("" if drawn else " lazy"),
                style=None if drawn else {"minHeight": f"{height}px"},
                **{"data-claim": claim_id},
            ),
        ],
        className="chart-area",
    )


def claim_card(
    claim: Mapping[str, Any],
    *,
    sources: pd.DataFrame,
    chart: list | html.Div | None,
    version: str,
    downloads_base: str | None = None,
    citation: Citation | None = None,
    selected: bool = False,
    link_path: str | None = None,
    heading_level: int = 3,
) -> html.Article:
    """One check. `chart` is what `card_chart` or `lazy_chart` gives (None: nothing to draw);
    `sources` the documents of what is drawn (or of all the evidence, when nothing is)."""
    claim_id = claim["claim_id"]
    heading = getattr(html, f"H{heading_level}")
    sub = getattr(html, f"H{min(heading_level + 1, 6)}")
    top = [verdict_badge(claim["verdict"], claim["verdict_label"])]
    if link_path:
        top.append(copy_link(link_path))
    parts: list = [
        heading(claim.get("headline") or claim["quote"], className="card-heading"),
        html.Div(top, className="card-top"),
        html.Blockquote(f"“{claim['quote']}”", className="claim-quote"),
    ]
    if claim.get("speaker"):
        parts.append(html.P(f"— {claim['speaker']}", className="claim-speaker"))
    parts.append(html.P(claim.get("explanation") or "", className="explanation"))
    convention = claim.get("convention") or claim.get("convention_used")
    if convention:
        parts.append(html.P([html.Strong("Convention: "), convention], className="convention"))
    alternatives = _items(claim.get("alternatives"))
    if alternatives:
        parts.append(html.Div([sub("What would change the verdict"),
                               html.Ul([html.Li(a) for a in alternatives])],
                              className="alternatives"))
    caveats = _items(claim.get("caveats"))
    if caveats:
        parts.append(html.Div([sub("Caveats and context"), html.Ul([html.Li(x) for x in caveats])],
                              className="caveats"))
    if chart is not None:
        parts += chart if isinstance(chart, list) else [chart]
        if downloads_base:
            parts.append(downloads(downloads_base, version))
    if not sources.empty:
        parts.append(html.Div([sub("Sources"), source_list(sources)], className="card-sources"))
    if citation is not None:
        parts.append(cite_block(citation))
    return html.Article(
        parts,
        id=card_id(claim_id),
        className="claim-card" + (" selected" if selected else ""),
        **{"data-claim": claim_id, "data-verdict": claim["verdict"]},
    )

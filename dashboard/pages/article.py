"""Page 1 — the article, checked. First the verdicts: every checked statement with its verdict, a
one-line reason and a link down to its check (trade, energy and payments first, events after).
Then the article's own text in order (scraped page furniture left out: the `article` table marks
it), each checkable statement marked, and beside each one its check: verdict, explanation,
convention, what would change the verdict, the evidence chart, its data, sources, downloads,
"Copy link" and "Cite this".

URL state: ?claim=<id> selects one check: the page opens on it (and stays on it while the charts
above it draw), its title and social card are that check's, and it prints on its own.

Speed: the page is rendered on the server, but only the first check's chart and the selected
one's are drawn with it. Every other chart is drawn when it is scrolled to: its slot holds the
chart's height meanwhile, assets/lazy_charts.js says when it comes into view, and this page's one
callback draws it from the snapshot version the page was loaded with.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import flask
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import headers, urlstate
from dashboard.components import Citation, no_snapshot, notice
from dashboard.components.cite import today
from dashboard.components.claims import (
    LAZY_SLOT,
    SEEN,
    card_chart,
    lazy_chart,
    verdict_summary,
)
from dashboard.components.claims import claim_card as card_component
from dashboard.figures import draw
from dashboard.pages.pagekit import served_snapshot
from dashboard.snapshot import Snapshot
from dashboard.views.claims import evidence_of
from etl.claims.load import normalise
from etl.claims.model import VERDICT_MEANING, VERDICTS

PARAMS = ("claim",)  # the URL state this page reads (dashboard.urlstate)
VERSION_STORE = "article-version"
SITE = "China–Russia ties"
# px a chart holds before it is drawn, by its kind (the drawn heights of the bundled claims)
SLOT_HEIGHTS = {"events": 470, "counts": 460, "value_timeline": 550, "rank_timeline": 630,
                "share_timeline": 640, "statements": 640}


def layout(**query: Any) -> html.Div:
    claim = urlstate.page_query(query, PARAMS).get("claim") or None
    snap = served_snapshot()
    if snap is None:
        return no_snapshot()
    claims = snap.tables["claims"]
    notes = []
    if claim and claim not in set(claims["claim_id"]):
        notes.append(
            notice(f"There is no checked statement “{claim[:60]}”; showing them all.", "warning")
        )
        claim = None
    accessed = today()
    page = snap.memo(("article-page", claim, accessed),
                     lambda: article_page(snap, claim, accessed))
    return html.Div([*notes, page]) if notes else page


def page_title(claim: pd.Series | dict | None) -> str:
    """The page's title: the selected check's finding and verdict, else the page's name."""
    if claim is None:
        return f"The article, checked — {SITE}"
    return f"{claim['headline']} — {claim['verdict_label']} — {SITE}"


def article_page(snap: Snapshot, claim: str | None, accessed: str | None = None) -> html.Div:
    """The page for one selection; built once per snapshot version, selection and day."""
    accessed = accessed or today()
    claims = snap.views.claims.claims
    selected = claims[claims["claim_id"] == claim].iloc[0] if claim else None
    eager = {claims["claim_id"].iloc[0]} if not claims.empty else set()
    if claim:
        eager.add(claim)
    body = article_paragraphs_with_roles(snap)
    by_paragraph: dict[Any, list[dict]] = {}  # the claims as rows, converted once
    for c in claims.to_dict("records"):
        by_paragraph.setdefault(c["paragraph"], []).append(c)
    return html.Div(
        [
            header(snap.article_meta, snap),
            verdict_summary(claims, VERDICTS, VERDICT_MEANING),
            html.Section(
                [
                    html.H2("The article, statement by statement", className="article-heading"),
                    *[
                        paragraph_row(i, text, role, by_paragraph.get(i, []), snap, claim,
                                      eager, accessed)
                        for i, text, role in body
                    ],
                ],
                className="article",
                **{"aria-label": "The article's text, with each check beside its statement"},
            ),
            dcc.Store(id=VERSION_STORE, data=snap.version),
        ],
        className="page page-article",
        **{"data-version": snap.version, "data-title": page_title(selected),
           **({"data-selected": claim} if claim else {})},
    )


def article_paragraphs_with_roles(snap: Snapshot) -> list[tuple[int, str, str]]:
    """(paragraph index, text, role) of the article's own text: the paragraphs the `article`
    table marks as page furniture (site name, captions, byline, labels) are left out."""
    table = snap.tables.get("article")
    if table is None:
        return []
    table = table.sort_values("paragraph")
    own = ~table["furniture"].astype(bool) if "furniture" in table else [True] * len(table)
    roles = table["role"] if "role" in table else pd.Series(["body"] * len(table))
    return [
        (int(i), normalise(t), str(r))
        for i, t, r, keep in zip(table["paragraph"], table["text"], roles, own, strict=True)
        if keep
    ]


def article_paragraphs(snap: Snapshot) -> list[str]:
    """The article's own text, paragraph by paragraph (no page furniture)."""
    return [text for _i, text, _role in article_paragraphs_with_roles(snap)]


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
                    "Each verdict is computed from the data by a stated rule, with the data for "
                    "the periods before the article (later data appears as “since then”). ",
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
    """The verdict summary of a claims frame (kept for callers of the earlier page)."""
    return verdict_summary(claims, VERDICTS, VERDICT_MEANING)


def _records(claims: pd.DataFrame | Sequence[dict]) -> list[dict]:
    return claims.to_dict("records") if isinstance(claims, pd.DataFrame) else list(claims)


def marked_text(text: str, claims: pd.DataFrame | Sequence[dict]) -> list:
    """The paragraph with each claim's quote wrapped in a link to its check (`claims`: a
    claims frame or its rows)."""
    spans = []
    for c in _records(claims):
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
                href=f"#claim-{c['claim_id']}",
                className=f"quote-mark mark-{c['verdict']}",
                title=c["verdict_label"],
            )
        )
        cursor = end
    children.append(text[cursor:])
    return children


ROLE_ELEMENT = {"headline": ("P", "article-headline"), "standfirst": ("P", "standfirst"),
                "subheading": ("H3", "article-subheading")}


def paragraph_row(index: int, text: str, role: str, claims: pd.DataFrame | Sequence[dict],
                  snap: Snapshot, selected: str | None, eager: set[str], accessed: str
                  ) -> html.Div:
    """A paragraph of the article with the cards of its claims (a claims frame or its rows)."""
    element, css = ROLE_ELEMENT.get(role, ("P", "paragraph-text"))
    rows = _records(claims)
    content = marked_text(text, rows) if rows else text
    body = getattr(html, element)(content, className=f"paragraph-text {css}".strip())
    if not rows:
        return html.Div(body, className="paragraph-row plain")
    cards = [
        card(c, snap, selected == c["claim_id"], c["claim_id"] in eager, accessed)
        for c in rows
    ]
    return html.Div(
        [html.Div(body, className="paragraph-col"), html.Div(cards, className="cards-col")],
        className="paragraph-row",
    )


def card(c: dict, snap: Snapshot, selected: bool, drawn: bool, accessed: str) -> html.Article:
    """A claim's card: its chart drawn now (`drawn`) or when scrolled to."""
    claim_id = c["claim_id"]
    base = snap.views.claims
    evidence = evidence_of(base, claim_id)
    kind = snap.views.claim_kind(claim_id)
    if kind == "none":
        chart = None
    elif drawn:
        chart = lazy_chart(claim_id, children=chart_children(snap, claim_id))
    else:
        chart = lazy_chart(claim_id, SLOT_HEIGHTS.get(kind, 520))
    return card_component(
        c,
        sources=evidence,
        chart=chart,
        version=snap.version,
        downloads_base=f"/download/claim/{claim_id}" if kind != "none" else None,
        citation=Citation(c["headline"], f"/?claim={claim_id}", snap.version, accessed),
        selected=selected,
        link_path=f"/?claim={claim_id}",
    )


def chart_children(snap: Snapshot, claim_id: str) -> list:
    """A claim's chart and its data table, as drawn; built once per snapshot version."""

    def build() -> list:
        chart = snap.views.claim_chart(claim_id)
        figure = draw(chart, snap.version)
        if figure is None:
            return [notice(chart.empty or "No data to chart for this statement.", "empty")]
        return card_chart(figure, chart, claim_id, snap.views.words)

    return snap.memo(("article-card-chart", claim_id), build)


def claim_card(c: pd.Series | dict, snap: Snapshot, selected: bool) -> html.Article:
    """One check with its chart drawn (the earlier call shape: a claims row and the snapshot)."""
    return card(dict(c), snap, selected, True, today())


def draw_later(claim_id: str, version: Any) -> list[Any]:
    """What the page's callback returns when a card's chart comes into view: the chart and its
    table from the version the page was loaded with (or, once that version is gone, a notice to
    reload the page; never a chart from another version)."""
    store = flask.current_app.config["SNAPSHOT_STORE"]
    snap = store.pinned(version) if isinstance(version, str) else None
    if snap is None:
        current = store.current()
        if current is not None:
            headers.served(current.version, pinned=False)
        return [
            [notice("This page shows an older version of the data, which the server no longer "
                    "keeps. Reload the page to see this chart.", "warning")],
            "chart-slot", None,
        ]
    headers.served(snap.version, pinned=True)
    if snap.claim(claim_id) is None:
        return [[notice(f"No check {claim_id[:60]!r} in this version.", "warning")],
                "chart-slot", None]
    return [chart_children(snap, claim_id), "chart-slot", None]


# Charts one answer draws at most: about 20 ms of the server's time each (claim view, figure,
# table twin), so an answer stays near 100 ms however many charts come into view together; the
# page asks again for those left (assets/lazy_charts.js), the topmost first.
MAX_CHARTS_PER_ANSWER = 6


def register(app: Dash) -> None:
    @app.callback(
        Output({"type": LAZY_SLOT, "claim": ALL}, "children"),
        Output({"type": LAZY_SLOT, "claim": ALL}, "className"),
        Output({"type": LAZY_SLOT, "claim": ALL}, "style"),
        Input({"type": SEEN, "claim": ALL}, "data"),
        State({"type": LAZY_SLOT, "claim": ALL}, "className"),
        State(VERSION_STORE, "data"),
        prevent_initial_call=True,
    )
    def draw_card_charts(seen: Any, classes: Any, version: Any) -> list[Any]:
        slots = [_claim(item) for item in ctx.outputs_list[0]]
        wanted = seen_and_waiting(ctx.inputs_list[0], ctx.states_list[0])
        answers = [draw_later(claim_id, version) if claim_id in wanted else [no_update] * 3
                   for claim_id in slots]
        return [[answer[i] for answer in answers] for i in range(3)]


def seen_and_waiting(seen: list[dict[str, Any]], slots: list[dict[str, Any]]) -> list[str]:
    """The claims whose chart is in view (their store set) and not drawn yet (their slot still
    `lazy`), in the page's order, at most MAX_CHARTS_PER_ANSWER. One request answers several
    charts: each answer is a whole update the browser applies to the page (about 100 ms of its
    time on the article page), so charts that come into view together are drawn together. The
    answer depends only on what the request says, so a cached one is right for every visitor
    who sends the same."""
    in_view = {_claim(item) for item in seen if item.get("value")}
    waiting = [_claim(item) for item in slots if "lazy" in str(item.get("value") or "")]
    wanted = [claim for claim in dict.fromkeys(waiting)
              if isinstance(claim, str) and claim in in_view]
    return wanted[:MAX_CHARTS_PER_ANSWER]


def _claim(item: dict[str, Any]) -> Any:
    ident = item.get("id")
    return ident.get("claim") if isinstance(ident, dict) else None

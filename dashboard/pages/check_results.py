"""The results of the /check page as Dash components: a summary of every statement found (its
verdict, one line of reason, a jump link), the article's text with each statement marked, and
beside each paragraph the cards of the statements in it (verdict, explanation, caveats, the
evidence chart, its data and its sources).

Everything pasted is shown as text: the pieces of the article are Dash strings, which React
escapes; nothing from the input is ever rendered as HTML, and no chart title or hover text is
made of it (they come from the snapshot's words).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from dash import html

from dashboard.components import (
    data_table,
    graph,
    notice,
    source_list,
    verdict_badge,
)
from dashboard.figures import draw
from dashboard.views import check as check_views
from dashboard.views.check import CheckBase
from etl.claims.model import VERDICT_MEANING, VERDICTS


def anchor(n: int) -> str:
    """The id of statement `n`'s card (1-based), as ClaimReview's urls name it."""
    return f"claim-{n}"


def results(base: CheckBase, checked: dict[str, Any], version: str) -> list:
    """Everything under the form for one checked text."""
    claims = checked["claims"]
    header = html.P(
        [f"Judged as of {checked['as_of']} ({checked['as_of_source']}), against data "
         f"snapshot {version}.",
         " The pasted text was HTML; its article text was extracted and is shown below."
         if checked.get("html") else ""],
        className="check-context",
    )
    if not claims:
        return [header, notice(
            "No statement about China–Russia trade, payments or energy was found in this text, "
            "so there is nothing to check. The checker looks for figures and ranks of trade "
            "between China and Russia (totals, growth, flows, balances, partner ranks), crude "
            "oil and pipeline gas, and the currencies their trade is settled in.", "empty")]
    return [
        header,
        summary(claims),
        html.H2("The text, statement by statement", className="check-article-title"),
        article(base, checked),
    ]


def summary(claims: list[dict[str, Any]]) -> html.Section:
    counts = Counter(c["verdict"] for c in claims)
    count_items = [
        html.Li([verdict_badge(v, label), html.Span(f" {counts[v]}", className="count")],
                title=VERDICT_MEANING[v])
        for v, label in VERDICTS.items() if counts.get(v)
    ]
    rows = [
        html.Li(
            [
                verdict_badge(c["verdict"], c.get("verdict_label") or VERDICTS[c["verdict"]]),
                " ",
                html.A(f"“{_excerpt(c['quote'])}”", href=f"#{anchor(n)}",
                       className="summary-jump"),
                html.Span(f" — {check_views.reason(c['explanation'])}",
                          className="summary-reason"),
            ],
            className="summary-item",
            **{"data-verdict": c["verdict"]},
        )
        for n, c in enumerate(claims, start=1)
    ]
    return html.Section(
        [
            html.H2(f"{len(claims)} statement{'s' if len(claims) != 1 else ''} found and "
                    "checked", className="summary-title"),
            html.Ul(count_items, className="summary-counts",
                    **{"aria-label": "Verdicts by count"}),
            html.Ol(rows, className="check-summary-list"),
        ],
        className="summary check-summary",
        **{"aria-label": "Summary of verdicts"},
    )


def _excerpt(quote: str, limit: int = 140) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def article(base: CheckBase, checked: dict[str, Any]) -> html.Div:
    claims = checked["claims"]
    rows = []
    for paragraph in check_views.marked_paragraphs(checked["text"], claims):
        body = html.P([_piece(s, claims) for s in paragraph.segments],
                      className="paragraph-text")
        if not paragraph.statements:
            rows.append(html.Div(body, className="paragraph-row plain"))
            continue
        cards = [card(base, claims[i], i + 1, checked["as_of"], checked["data_version"])
                 for i in paragraph.statements]
        rows.append(html.Div(
            [html.Div(body, className="paragraph-col"), html.Div(cards, className="cards-col")],
            className="paragraph-row",
        ))
    return html.Div(rows, className="article check-article")


def _piece(segment: check_views.Segment, claims: list[dict[str, Any]]) -> Any:
    """A piece of the text: plain, or marked and linked to the first statement covering it."""
    if not segment.statements:
        return segment.text
    first = segment.statements[0]
    verdict = claims[first]["verdict"]
    numbers = ", ".join(str(i + 1) for i in segment.statements)
    return html.A(
        html.Mark(segment.text),
        href=f"#{anchor(first + 1)}",
        className=f"quote-mark mark-{verdict}",
        title=f"Statement {numbers}: {VERDICTS.get(verdict, verdict)}",
        **{"data-statements": numbers},
    )


def card(base: CheckBase, claim: dict[str, Any], n: int, as_of: str, version: str
         ) -> html.Article:
    """Statement `n`'s card: verdict, what it says, why, and the evidence."""
    parts: list = [
        html.Div(
            [verdict_badge(claim["verdict"], claim.get("verdict_label")
                           or VERDICTS[claim["verdict"]]),
             html.Span(f"Statement {n}", className="statement-number")],
            className="card-top",
        ),
        html.Blockquote(f"“{claim['quote']}”", className="claim-quote"),
    ]
    if claim.get("speaker"):
        parts.append(html.P(f"— {claim['speaker']}", className="claim-speaker"))
    parts.append(html.P(claim["explanation"], className="explanation"))
    if claim.get("convention_used"):
        parts.append(html.P([html.Strong("Convention: "), claim["convention_used"]],
                            className="convention"))
    for heading, items, css in (("Readings", claim.get("readings"), "readings"),
                                ("What would change the verdict", claim.get("alternatives"),
                                 "alternatives"),
                                ("Caveats and context", claim.get("caveats"), "caveats")):
        if items:
            parts.append(html.Div([html.H4(heading), html.Ul([html.Li(str(x)) for x in items])],
                                  className=css))
    parts += evidence(base, claim, n, as_of, version)
    return html.Article(
        parts,
        id=anchor(n),
        className="claim-card check-card",
        tabIndex="-1",  # a jump link moves the focus here, for keyboard and screen readers
        **{"data-statement": str(n), "data-verdict": claim["verdict"],
           "aria-label": f"Statement {n}: {VERDICTS.get(claim['verdict'], '')}"},
    )


def evidence(base: CheckBase, claim: dict[str, Any], n: int, as_of: str, version: str
             ) -> list:
    """The evidence chart and its data table (for the first MAX_CHARTS statements: a long text
    can hold hundreds, and each costs a chart's selection), then the sources."""
    parts: list = []
    if n <= check_views.MAX_CHARTS:
        chart = check_views.statement_chart(base, claim, n, as_of)
        figure = draw(chart, version)
        if figure is not None:
            parts.append(graph(figure, {"type": "check-chart", "statement": n},
                               filename=f"check-statement-{n}"))
        if not chart.is_empty:
            parts.append(data_table(chart.rows, list(chart.table_columns),
                                    f"Data behind the chart: {chart.title}"))
        sources = (chart.rows if not chart.is_empty
                   else check_views.evidence_frame(claim, base.words))
    else:
        sources = check_views.evidence_frame(claim, base.words)
        if not sources.empty:
            parts.append(notice(f"Charts and their data tables are drawn for the first "
                                f"{check_views.MAX_CHARTS} statements; this one's evidence is "
                                "in the JSON download, its sources below and in the CSV.",
                                "empty"))
    if not sources.empty:
        parts.append(html.Div([html.H4("Sources"), source_list(sources)],
                              className="card-sources"))
    elif claim["verdict"] == "unresolved":
        parts.append(html.P("No figure in the data covers this statement.",
                            className="no-evidence"))
    return parts

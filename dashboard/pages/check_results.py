"""The results of the /check page as Dash components: a summary of every statement found (its
verdict, one line of reason, a jump link), the article's text with each statement marked, and
beside each paragraph the cards of the statements in it (verdict, explanation, caveats, the
evidence chart, its data and its sources). The summary and the cards are the shared components
of a checked article (dashboard.components.claims), as the built-in article's page draws them.

Everything pasted is shown as text: the pieces of the article are Dash strings, which React
escapes; nothing from the input is ever rendered as HTML, and no chart title or hover text is
made of it (they come from the snapshot's words).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from dashboard.components import data_table, graph, notice
from dashboard.components.claims import claim_card, verdict_summary
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
    limits = [notice(words, kind) for words, kind in (
        (check_views.coverage_words(checked.get("coverage")), "warning"),
        (check_views.repeats_words(checked.get("coverage")), "info")) if words]
    if limits:
        header = html.Div([header, *limits], className="check-coverage")
    if not claims and (checked.get("coverage") or {}).get("stopped"):
        return [header]  # none checked in time: the notice above says so
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


def label(claim: dict[str, Any]) -> str:
    return claim.get("verdict_label") or VERDICTS.get(claim["verdict"], claim["verdict"])


def summary(claims: list[dict[str, Any]]) -> html.Section:
    """The shared verdict summary, in the text's order (topic left out: the built-in
    article's topics order its summary; a pasted text's statements keep theirs). A statement
    repeated in the text is listed once, at its first place."""
    frame = pd.DataFrame([
        {"claim_id": str(n), "verdict": c["verdict"], "verdict_label": label(c),
         "quote": _excerpt(c["quote"]), "reason": check_views.reason(c["explanation"]),
         "topic": ""}
        for n, c in enumerate(claims, start=1) if not c.get("repeat_of")
    ])
    count = len(frame)
    section = verdict_summary(
        frame, VERDICTS, VERDICT_MEANING, href=lambda cid: f"#{anchor(int(cid))}",
        title=f"{count:,} statement{'s' if count != 1 else ''} found and checked")
    section.className = "summary check-summary"
    return section


def _excerpt(quote: str, limit: int = 140) -> str:
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


def article(base: CheckBase, checked: dict[str, Any]) -> html.Div:
    """The text, paragraph by paragraph, with the cards of the statements that start in each
    beside it: a full card at a statement's first place, a line pointing to it at a place that
    repeats it (so a text repeated a hundred times costs its cards once)."""
    claims = checked["claims"]
    distinct = [i for i, c in enumerate(claims) if not c.get("repeat_of")]
    charted = set(distinct[:check_views.MAX_CHARTS])
    rows = []
    for paragraph in check_views.marked_paragraphs(checked["text"], claims):
        body = html.P([_piece(s, claims) for s in paragraph.segments],
                      className="paragraph-text")
        if not paragraph.statements:
            rows.append(html.Div(body, className="paragraph-row plain"))
            continue
        firsts = [i for i in paragraph.statements if not claims[i].get("repeat_of")]
        again = [i for i in paragraph.statements if claims[i].get("repeat_of")]
        cards = [card(base, claims[i], i + 1, checked["as_of"], checked["data_version"],
                      chart=i in charted)
                 for i in firsts]
        if again:
            cards.append(repeats(claims, again))
        rows.append(html.Div(
            [html.Div(body, className="paragraph-col"), html.Div(cards, className="cards-col")],
            className="paragraph-row",
        ))
    return html.Div(rows, className="article check-article")


def repeats(claims: list[dict[str, Any]], places: list[int]) -> html.P:
    """The statements of a paragraph that repeat earlier ones, in one line of text (a long
    paste repeats thousands: one component each would slow the browser down); each one's
    mark in the text links to the card of its first place."""
    said = "; ".join(f"statement {i + 1} is statement {claims[i]['repeat_of']} again "
                     f"({label(claims[i])})" for i in places)
    return html.P(said[0].upper() + said[1:] + ". Each mark in the text links to its card.",
                  className="check-repeats")


def _piece(segment: check_views.Segment, claims: list[dict[str, Any]]) -> Any:
    """A piece of the text: plain, or marked and linked to the card of the first statement
    covering it (for a repeated statement, the card of its first place)."""
    if not segment.statements:
        return segment.text
    first = segment.statements[0]
    verdict = claims[first]["verdict"]
    numbers = ", ".join(str(i + 1) for i in segment.statements)
    target = claims[first].get("repeat_of") or first + 1
    return html.A(
        html.Mark(segment.text),
        href=f"#{anchor(target)}",
        className=f"quote-mark mark-{verdict}",
        title=f"Statement {numbers}: {VERDICTS.get(verdict, verdict)}",
        **{"data-statements": numbers},
    )


def card(base: CheckBase, claim: dict[str, Any], n: int, as_of: str, version: str,
         chart: bool = True) -> html.Article:
    """Statement `n`'s card: the shared claim card (verdict, quote, explanation, convention,
    what would change it, caveats, sources), with the ways the checker read the statement and
    its evidence chart (`chart`: drawn, else its sources only)."""
    chart, parts, sources = evidence(base, claim, n, as_of, version, chart)
    readings = claim.get("readings")
    if readings:
        parts.insert(0, html.Div([html.H4("Readings"),
                                  html.Ul([html.Li(str(x)) for x in readings])],
                                 className="readings"))
    row = {**claim, "claim_id": str(n), "verdict_label": label(claim),
           "headline": f"Statement {n}" + (f": {chart.title}" if chart is not None else "")}
    built = claim_card(row, sources=sources, chart=parts, version=version)
    built.className = "claim-card check-card"
    built.tabIndex = "-1"  # a jump link moves the focus here, for keyboard and screen readers
    setattr(built, "data-statement", str(n))
    setattr(built, "aria-label", f"Statement {n}: {VERDICTS.get(claim['verdict'], '')}")
    return built


def evidence(base: CheckBase, claim: dict[str, Any], n: int, as_of: str, version: str,
             drawn: bool = True) -> tuple[Any, list, pd.DataFrame]:
    """The statement's chart (None when not `drawn`: only the first MAX_CHARTS different
    statements get one, as a long text can hold hundreds and each costs a chart's
    selection), what the card shows of it (the figure and its data table, or a note), and the
    documents to list as its sources."""
    parts: list = []
    if not drawn:
        sources = check_views.evidence_frame(claim, base.words)
        if not sources.empty:
            parts.append(notice(f"Charts and their data tables are drawn for the first "
                                f"{check_views.MAX_CHARTS} statements; this one's evidence is "
                                "in the JSON download, its sources below and in the CSV.",
                                "empty"))
        return None, parts, sources
    chart = check_views.statement_chart(base, claim, n, as_of)
    figure = draw(chart, version)
    if figure is not None:
        parts.append(graph(figure, {"type": "check-chart", "statement": n},
                           filename=f"check-statement-{n}", label=chart.title))
    if not chart.is_empty:
        parts.append(data_table(chart.rows, list(chart.table_columns),
                                f"Data behind the chart: {chart.title}"))
    sources = (chart.rows if not chart.is_empty
               else check_views.evidence_frame(claim, base.words))
    if sources.empty and claim["verdict"] == "unresolved":
        parts.append(html.P("No figure in the data covers this statement.",
                            className="no-evidence"))
    return chart, parts, sources

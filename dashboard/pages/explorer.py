"""Page 2 — trade explorer: China–Russia goods trade over any period, by month or year, flow,
currency, commodity and source, with every chart's data one click away.

URL state (all optional; see dashboard.views.explorer.parse): view, freq, flows, currency,
measure, reporter, source, start, end, pair, cflow, level, kind, year.
"""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.components import notices
from dashboard.pages import pagekit
from dashboard.pages.pagekit import Control, PageSpec, year_controls
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from dashboard.views import explorer as views
from dashboard.views.explorer import ExplorerBase, Params
from dashboard.views.explorer import labels as words

PATH = "/explorer"
TRADE, COMMODITIES, SOURCES = (
    frozenset({"trade"}),
    frozenset({"commodities"}),
    frozenset({"sources"}),
)
LIVE_SOURCES = {"comtrade": "UN Comtrade", "imf": "IMF (IMTS)", "cbr": "Bank of Russia"}


def commodity_year_options(base: ExplorerBase, p: Params) -> dict[str, str]:
    years = views.commodity_years(base, p.reporter, p.cflow)
    return {str(y): str(y) for y in years} or {str(p.year): str(p.year)}


def source_options(base: ExplorerBase, _p: Any) -> dict[str, str]:
    present = set(base.trade.loc[base.trade["commodity"] == "TOTAL", "family"])
    return {k: v for k, v in words.SOURCES.items() if k == "best" or k in present}


CONTROLS = (
    Control("view", "View", "tabs", words.VIEWS),
    Control("reporter", "As reported by", "radio", words.REPORTERS, TRADE | COMMODITIES),
    Control("freq", "Frequency", "radio", words.FREQS, TRADE | SOURCES),
    Control("flows", "Flows", "checklist", words.FLOWS, TRADE),
    Control("measure", "Measure", "radio", words.MEASURES, TRADE),
    Control("currency", "Currency", "radio", words.CURRENCIES, TRADE | COMMODITIES),
    Control("source", "Source", "radio", source_options, TRADE),
    Control("pair", "Compare", "radio", words.PAIRS, SOURCES),
    Control("cflow", "Flow", "radio", words.CFLOWS, COMMODITIES),
    Control("level", "Group by", "radio", words.LEVELS, COMMODITIES),
    Control("kind", "Chart", "radio", words.KINDS, COMMODITIES),
    Control(
        "year", "Year (treemap, products)", "dropdown", commodity_year_options, COMMODITIES, True
    ),
    *year_controls(TRADE | COMMODITIES | SOURCES),
)


def intro(snap: Snapshot, _base: ExplorerBase) -> list:
    missing = [
        LIVE_SOURCES[s["source_id"]]
        for s in snap.manifest.get("sources_state", [])
        if s["source_id"] in LIVE_SOURCES and not s.get("rows")
    ]
    parts: list = [
        html.P(
            "Goods trade between China and Russia, as each side and each publisher reports it. "
            "Monthly figures are single months (year-to-date releases are differenced, never "
            "shown as months). Values in yuan or roubles are converted at the stored average "
            "rate of each period — the chart says which — except yuan figures China's customs "
            "published itself, which are shown as reported.",
            className="lede",
        )
    ]
    if missing:
        parts.append(
            html.P(
                f"Not in this snapshot: {', '.join(missing)} (the last refresh could not reach "
                "them, or ran offline). Charts use the customs figures quoted in the press; "
                "see Data & sources for each source's state.",
                className="notice notice-info",
            )
        )
    return parts


EXPLAINERS = {
    "sources": [
        html.P(
            "The reference is China's customs (GACC) figure as released. Russia-reported figures "
            "are Russia's customs (FCS) figures where they were published, officials' totals "
            "after 2022, and partner data from UN Comtrade and the IMF where the snapshot has "
            "them. A gap of a few per cent is normal between mirror figures."
        )
    ],
}


def render(snap: Snapshot, req: Request) -> list:
    p = req.params
    return [
        *notices(req.notes),
        pagekit.chart_section(
            "explorer",
            words.VIEWS[p.view],
            req.chart(p.view),
            snap,
            p.query(),
            explainer=EXPLAINERS.get(p.view),
        ),
    ]


SPEC = PageSpec(page="explorer", heading="Trade explorer", intro=intro, controls=CONTROLS,
                render=render, view_of=lambda p: p.view)
layout = pagekit.page_layout(SPEC)

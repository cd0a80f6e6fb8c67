"""Page 4 — currencies and settlement: officials' statements on the share of roubles and yuan in
Russia–China payments beside the Bank of Russia's currency structure, and the exchange rates.

URL state: flow (export|import), shares (RUB,RUB+CNY,CNY,USD+EUR), pair, start, end.
"""

from __future__ import annotations

from dashboard.components import notices
from dashboard.pages import pagekit
from dashboard.pages.pagekit import Control, PageSpec, year_controls
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from dashboard.views import currencies as views

PATH = "/currencies"


CONTROLS = (
    Control("flow", "Bank of Russia figures for", "radio", views.FLOWS),
    Control("shares", "Published shares", "checklist", views.SHARES),
    Control("pair", "Exchange rate", "radio", views.PAIR_LABELS),
    *year_controls(),
)


INTRO = pagekit.lede(
    "Russian officials have said that almost all payments between Russia and China are "
    "made in roubles and yuan. The Bank of Russia publishes the currency structure of "
    "Russia's payments for trade with all countries and, in recent releases, by region "
    "— not for China alone. Both are shown on one axis below, with the gap between each "
    "statement and the nearest published figure."
)


CHARTS = (("settlement", "Statements and statistics"), ("fx", "Exchange rates"))


def render(snap: Snapshot, req: Request) -> list:
    return [*notices(req.notes), *pagekit.chart_sections("currencies", CHARTS, snap, req)]


SPEC = PageSpec(page="currencies", heading="Currencies and settlement", intro=INTRO,
                controls=CONTROLS, render=render)
layout = pagekit.page_layout(SPEC)

"""Page 4 — currencies and settlement: officials' statements on the share of roubles and yuan in
Russia–China payments beside the Bank of Russia's currency structure, and the exchange rates.

URL state: flow (export|import), shares (RUB,RUB+CNY,CNY,USD+EUR), pair, start, end.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, html

from dashboard import pagekit
from dashboard.charts import currencies as figures
from dashboard.components import chart_block, notices
from dashboard.pagekit import Control, PageSpec
from dashboard.snapshot import Snapshot
from dashboard.views import currencies as views
from dashboard.views.currencies import CurrenciesBase, Params

PATH = "/currencies"


def years(base: CurrenciesBase, _p: Any) -> dict[str, str]:
    return {str(y): str(y) for y in range(base.first_year, base.last_year + 1)}


CONTROLS = (
    Control("flow", "Bank of Russia figures for", "radio", views.FLOWS),
    Control("shares", "Published shares", "checklist", views.SHARES),
    Control("pair", "Exchange rate", "radio", views.PAIR_LABELS),
    Control("start", "From", "dropdown", years),
    Control("end", "To", "dropdown", years),
)


def intro(_snap: Snapshot, _base: CurrenciesBase) -> list:
    return [
        html.P(
            "Russian officials have said that almost all payments between Russia and China are "
            "made in roubles and yuan. The Bank of Russia publishes the currency structure of "
            "Russia's payments for trade with all countries and, in recent releases, by region "
            "— not for China alone. Both are shown on one axis below, with the gap between each "
            "statement and the nearest published figure.",
            className="lede",
        )
    ]


def render(snap: Snapshot, base: CurrenciesBase, p: Params, notes: list[str]) -> list:
    query = p.query()
    settlement = views.settlement_chart(base, p)
    fx = views.fx_chart(base, p)
    return [
        *notices(notes),
        chart_block(
            "currencies",
            "Statements and statistics",
            settlement,
            None if settlement.is_empty else figures.settlement(settlement, snap.version),
            snap.version,
            query,
        ),
        chart_block(
            "currencies",
            "Exchange rates",
            fx,
            None if fx.is_empty else figures.fx(fx, snap.version),
            snap.version,
            query,
        ),
    ]


SPEC = PageSpec(
    page="currencies",
    heading="Currencies and settlement",
    intro=intro,
    controls=CONTROLS,
    render=render,
)


def layout(**query: Any) -> html.Div:
    return pagekit.layout(SPEC, query)


def register_callbacks(app: Dash) -> None:
    pagekit.register(app, SPEC)

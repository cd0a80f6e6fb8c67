"""The trade explorer's URL state: one `Params` shared by its three views, and its parsing."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.labels import (
    CFLOWS,
    CURRENCIES,
    FLOWS,
    FREQS,
    KINDS,
    LEVELS,
    MEASURES,
    PAIRS,
    REPORTERS,
    SOURCES,
    VIEWS,
)
from dashboard.views.params import Query, State, pick, pick_many, pick_span, pick_year


@dataclass(frozen=True)
class Params(State):
    """The explorer's URL state, shared by its three views (each reads the fields it needs)."""

    view: str
    freq: str
    flows: tuple[str, ...]
    currency: str
    measure: str
    reporter: str
    source: str
    start: int
    end: int
    pair: str
    cflow: str
    level: str
    kind: str
    year: int


def _chapters_of(base: ExplorerBase, reporter: str, cflow: str):
    rows = base.chapters
    return rows[(rows["reporter"] == reporter) & (rows["flow"] == cflow)]


def _products_of(base: ExplorerBase, reporter: str, cflow: str):
    rows = base.products
    return rows[(rows["reporter"] == reporter) & (rows["flow"] == cflow)]


def commodity_years(base: ExplorerBase, reporter: str, cflow: str) -> list[int]:
    rows = _chapters_of(base, reporter, cflow)
    if rows.empty:
        rows = _products_of(base, reporter, cflow)
    return sorted(set(rows["year"])) if not rows.empty else []


def default_commodity_year(base: ExplorerBase, reporter: str, cflow: str, fallback: int) -> int:
    """The latest year with chapter data; without chapters, the year most products are quoted."""
    chapters = _chapters_of(base, reporter, cflow)
    if not chapters.empty:
        return int(chapters["year"].max())
    products = _products_of(base, reporter, cflow)
    if products.empty:
        return fallback
    counts = products.groupby("year")["commodity"].nunique()
    return int(counts[counts == counts.max()].index.max())


def default_reporter_for_chapters(base: ExplorerBase) -> str:
    sides = set(base.chapters["reporter"])
    return "CHN" if "CHN" in sides or not sides else "RUS"


def parse(query: Query, base: ExplorerBase) -> tuple[Params, list[str]]:
    notes: list[str] = []
    view = pick(query, "view", VIEWS, "trade", notes, "view")
    freq = pick(query, "freq", FREQS, "A", notes, "frequency")
    flows = pick_many(query, "flows", FLOWS, ("export", "import"), notes, "trade flow")
    currency = pick(query, "currency", CURRENCIES, "USD", notes, "currency")
    measure = pick(query, "measure", MEASURES, "value", notes, "measure")
    reporter_default = "CHN" if view != "commodities" else default_reporter_for_chapters(base)
    reporter = pick(query, "reporter", REPORTERS, reporter_default, notes, "reporting country")
    source = pick(query, "source", SOURCES, "best", notes, "source")
    start, end = pick_span(query, base, base.last_year - 11, notes)
    pair = pick(query, "pair", PAIRS, "total", notes, "comparison")
    cflow = pick(query, "cflow", CFLOWS, "import", notes, "commodity flow")
    level = pick(query, "level", LEVELS, "chapter", notes, "commodity level")
    kind = pick(query, "kind", KINDS, "area", notes, "chart kind")
    years = commodity_years(base, reporter, cflow)
    default_year = default_commodity_year(base, reporter, cflow, base.last_year)
    year = pick_year(query, "year", years, default_year, notes)
    params = Params(view, freq, flows, currency, measure, reporter, source, start, end, pair,
                    cflow, level, kind, year)
    return params, notes

"""Page 3 — partners: China's and Russia's trading partners ranked under each convention, with
a switch between conventions and where the other country stands, in one year and over time.

URL state: reporter (CHN|RUS), basis (countries_only|incl_hk_tw|blocs_as_units), table.
"""

from __future__ import annotations

from dash import html

from dashboard.components import notices, table_block
from dashboard.pages import pagekit
from dashboard.pages.pagekit import Control, PageSpec
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from dashboard.views import partners as views
from dashboard.views.common import COUNTRY, OTHER_SIDE
from dashboard.views.partners import Params, PartnersBase
from dashboard.vocabulary import convention_phrase

PATH = "/partners"


def table_choices(base: PartnersBase, p: Params) -> dict[str, str]:
    return views.table_options(base, p.reporter)


CONTROLS = (
    Control("reporter", "Whose partners", "radio", views.REPORTERS),
    Control("basis", "Counting convention", "radio", views.CONVENTIONS),
    Control("table", "Table of partners", "dropdown", table_choices, dynamic=True),
)


INTRO = pagekit.lede(
    "Who counts as a partner changes the ranking: China's customs list Hong Kong and "
    "Taiwan separately, and often the EU and ASEAN as blocs. Switch the convention to "
    "see where Russia (or China) stands under each. Ranks are computed within one "
    "published table of partners at a time, never across sources."
)


def standings_line(base: PartnersBase, p: Params) -> html.P:
    ranks = views.standings(base, p)
    other, reporter = COUNTRY[OTHER_SIDE[p.reporter]], COUNTRY[p.reporter]
    label = views.table_options(base, p.reporter).get(p.table, p.table)
    parts = []
    for basis in views.CONVENTIONS:
        rank = ranks.get(basis)
        text = f"#{rank}" if rank else "not ranked"
        item = html.Strong(f"{text} ({convention_phrase(basis)})")
        parts += [item, "; " if basis != "blocs_as_units" else "."]
    return html.P(
        [f"Where {other} stands in {reporter}'s {label} table: ", *parts],
        className="standings",
        **{"data-standings": ",".join(str(ranks.get(b) or "") for b in views.CONVENTIONS)},
    )


def render(snap: Snapshot, req: Request) -> list:
    p, query = req.params, req.params.query()
    return [
        *notices(req.notes),
        standings_line(req.base, p) if p.table else None,
        pagekit.chart_section("partners", "Ranking in one table", req.chart("ranking"), snap,
                              query),
        pagekit.chart_section("partners", "Rank over time", req.chart("timeline"), snap, query),
        table_block(
            "partners",
            "Every partner in the table, under each convention",
            req.chart("table"),
            snap.version,
            query,
            [
                "partner_name",
                "kind",
                "value_shown",
                "unit_shown",
                "rank_countries_only",
                "rank_incl_hk_tw",
                "rank_blocs_as_units",
            ],
        ),
    ]


SPEC = PageSpec(page="partners", heading="Trading partners", intro=INTRO, controls=CONTROLS,
                render=render)
layout = pagekit.page_layout(SPEC)

"""Page 5 — energy: China's crude imports from Russia, Russia's rank among China's crude
suppliers, Power of Siberia gas deliveries and energy's share of China's imports from Russia.

URL state: measure (tonnes|barrels|value), start, end.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, html

from dashboard import pagekit
from dashboard.charts import energy as figures
from dashboard.components import chart_block, notices
from dashboard.pagekit import Control, PageSpec
from dashboard.snapshot import Snapshot
from dashboard.views import energy as views
from dashboard.views.energy import EnergyBase, Params

PATH = "/energy"
SECTIONS = (
    ("crude", "Crude oil imports"),
    ("suppliers", "Russia among China's crude suppliers"),
    ("gas", "Power of Siberia"),
    ("share", "Energy's share of China's imports from Russia"),
)


def years(base: EnergyBase, _p: Any) -> dict[str, str]:
    return {str(y): str(y) for y in range(base.first_year, base.last_year + 1)}


CONTROLS = (
    Control("measure", "Crude imports in", "radio", views.MEASURES),
    Control("start", "From", "dropdown", years),
    Control("end", "To", "dropdown", years),
)


def intro(_snap: Snapshot, _base: EnergyBase) -> list:
    return [
        html.P(
            "Energy is most of what China buys from Russia. Volumes come from China's customs "
            "releases as reported; the pipeline's deliveries from Gazprom's and officials' "
            "statements.",
            className="lede",
        )
    ]


def render(snap: Snapshot, base: EnergyBase, p: Params, notes: list[str]) -> list:
    blocks = []
    for key, heading in SECTIONS:
        chart = views.CHARTS[key](base, p)
        figure = None if chart.is_empty else figures.FIGURES[key](chart, snap.version)
        blocks.append(chart_block("energy", heading, chart, figure, snap.version, p.query()))
    return [*notices(notes), *blocks]


SPEC = PageSpec(page="energy", heading="Energy", intro=intro, controls=CONTROLS, render=render)


def layout(**query: Any) -> html.Div:
    return pagekit.layout(SPEC, query)


def register_callbacks(app: Dash) -> None:
    pagekit.register(app, SPEC)

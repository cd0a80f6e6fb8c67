"""Page 5 — energy: China's crude imports from Russia, Russia's rank among China's crude
suppliers, Power of Siberia gas deliveries and energy's share of China's imports from Russia.

URL state: measure (tonnes|barrels|value), start, end.
"""

from __future__ import annotations

from dashboard.components import notices
from dashboard.pages import pagekit
from dashboard.pages.pagekit import Control, PageSpec, year_controls
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from dashboard.views import energy as views

PATH = "/energy"
SECTIONS = (
    ("crude", "Crude oil imports"),
    ("suppliers", "Russia among China's crude suppliers"),
    ("gas", "Power of Siberia"),
    ("share", "Energy's share of China's imports from Russia"),
)


CONTROLS = (
    Control("measure", "Crude imports in", "radio", views.MEASURES),
    *year_controls(),
)


INTRO = pagekit.lede(
    "Energy is most of what China buys from Russia. Volumes come from China's customs "
    "releases as reported; the pipeline's deliveries from Gazprom's and officials' "
    "statements."
)


def render(snap: Snapshot, req: Request) -> list:
    return [*notices(req.notes), *pagekit.chart_sections("energy", SECTIONS, snap, req)]


SPEC = PageSpec(page="energy", heading="Energy", intro=INTRO, controls=CONTROLS, render=render)
layout = pagekit.page_layout(SPEC)

"""View functions: snapshot tables -> the `Chart`s the pages draw (dashboard.chart). One module
per page, all pure; the article's claims too (views.claims).

`Views` holds each page's precomputed frames for one snapshot version (it is cached on the
`Snapshot`, so the work is done once per version, not per request). A page's chart functions
then only filter those frames by the URL's state.

Every page module exposes the same small interface, used by the page, its callback and its
download route alike, so a chart and its CSV come from one computation:

    prepare(...)            -> the page's base frames (once per snapshot)
    parse(query, base)      -> (Params, notes)   the URL's state, with a note per fixed value
    Params.query()          -> dict               the state as query parameters
    CHARTS[name](base, p)   -> Chart              the rows a chart draws, its title and notes

`Views.request(page, query)` runs that sequence for one request, the one way every caller (page
layout, control callback, download) turns a URL into charts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import cached_property
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from dashboard.chart import Chart
from dashboard.views import check, claims, currencies, energy, explorer, partners, sources
from dashboard.views.params import Query

HS_COLUMNS = ["chapter", "label", "section", "section_label", "short_label", "section_short"]

# page name (as in /download/<page>/...) -> view module
PAGE_VIEWS: dict[str, ModuleType] = {
    "explorer": explorer,
    "partners": partners,
    "currencies": currencies,
    "energy": energy,
    "data": sources,
}


PYTHON_STRINGS = pd.StringDtype("python", na_value=np.nan)


def for_requests(base: Any) -> Any:
    """A page's base with its text columns held as Python strings rather than Arrow ones.

    Every request filters and sorts these frames, and each row selection on an Arrow-backed
    column is a separate Arrow `take` (dozens per selection on frames this wide): on Python
    strings the same views run about 30% faster (all charts of the bundled snapshot: 340 ->
    240 ms of CPU). The values and their missing-value semantics are the same (`str` dtype)."""
    frames = {f.name: getattr(base, f.name) for f in fields(base)}
    changed = {name: _python_strings(frame) for name, frame in frames.items()
               if isinstance(frame, pd.DataFrame)}
    return replace(base, **changed) if changed else base


def _python_strings(frame: pd.DataFrame) -> pd.DataFrame:
    arrow = [c for c, dtype in frame.dtypes.items()
             if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"]
    return frame.astype(dict.fromkeys(arrow, PYTHON_STRINGS)) if arrow else frame


@dataclass(frozen=True)
class Request:
    """One page's state for one URL: its base frames, the parsed parameters and the notes on
    anything the URL asked for that had to be replaced."""

    page: str
    base: Any
    params: Any
    notes: tuple[str, ...]

    @property
    def charts(self) -> dict[str, Any]:
        return PAGE_VIEWS[self.page].CHARTS

    def chart(self, name: str) -> Chart:
        return self.charts[name](self.base, self.params)


class Views:
    """The precomputed frames of every page for one snapshot."""

    def __init__(
        self,
        tables: dict[str, pd.DataFrame],
        manifest: dict[str, Any],
        version: str,
        hs_chapters: pd.DataFrame | None = None,
    ):
        self.tables = tables
        self.manifest = manifest
        self.version = version
        # HS chapter names and sections are published with the snapshot (a version published
        # before they were has none: its chapters are named by their codes)
        if hs_chapters is None:
            hs_chapters = tables.get("hs_chapters")
        self.hs_chapters = (
            pd.DataFrame({c: pd.Series(dtype="str") for c in HS_COLUMNS})
            if hs_chapters is None
            else hs_chapters
        )

    @cached_property
    def explorer(self) -> explorer.ExplorerBase:
        return for_requests(explorer.prepare(self.tables, self.hs_chapters))

    @cached_property
    def partners(self) -> partners.PartnersBase:
        return for_requests(partners.prepare(self.tables))

    @cached_property
    def currencies(self) -> currencies.CurrenciesBase:
        return for_requests(currencies.prepare(self.tables))

    @cached_property
    def energy(self) -> energy.EnergyBase:
        return for_requests(energy.prepare(self.tables))

    @cached_property
    def data(self) -> sources.SourcesBase:
        return for_requests(sources.prepare(self.tables, self.manifest, self.version))

    @cached_property
    def claims(self) -> claims.ClaimsBase:
        return for_requests(claims.prepare(self.tables))

    @cached_property
    def check(self) -> check.CheckBase:
        """What the /check page's checker reads (built on the first check, not at start)."""
        return check.prepare(self.tables, self.version)

    def prepare(self) -> None:
        """Build every page's base frames and the article's evidence index now, before this
        version serves: otherwise the first visitor of each page waits for them. (The checker's
        `check` base is left to the first check: most workers never need it.)"""
        for page in PAGE_VIEWS:
            self.base(page)
        self.claims.by_claim, self.claims.kinds  # noqa: B018 (built on first access)
        self.words  # noqa: B018

    def base(self, page: str) -> Any:
        if page not in PAGE_VIEWS:
            raise KeyError(page)
        return getattr(self, page)

    def request(self, page: str, query: Query) -> Request:
        """The page's state for this URL query (never raises for bad values: notes say what
        was replaced)."""
        base = self.base(page)
        params, notes = PAGE_VIEWS[page].parse(query, base)
        return Request(page, base, params, tuple(notes))

    def claim_chart(self, claim_id: str) -> Chart:
        return claims.claim_chart(self.claims, claim_id)

    def claim_kind(self, claim_id: str) -> str:
        """Which figure draws a claim's evidence ("none": nothing to draw), without drawing it."""
        return self.claims.kinds.get(claim_id, claims.NONE)

    @cached_property
    def words(self) -> dict[str, dict[str, str]]:
        """The names of the codes this snapshot's rows carry, for tables a person reads:
        indicators and partners (column -> code -> name)."""
        indicators = self.tables.get("indicators")
        partners = self.tables.get("partners")
        named = {} if partners is None else dict(zip(partners["code"], partners["name"],
                                                     strict=True))
        return {
            "indicator": {} if indicators is None else dict(
                zip(indicators["indicator"], indicators["label"], strict=True)),
            "partner": named,
            "reporter": named,
        }

"""View functions: snapshot tables -> the frames the pages draw. One module per page, all pure.

`Views` holds each page's precomputed frames for one snapshot version (it is cached on the
`Snapshot`, so the work is done once per version, not per request). A page's chart functions
then only filter those frames by the URL's state.

Every page module exposes the same small interface, used by the page, its callback and its
download route alike, so a chart and its CSV come from one computation:

    prepare(...)            -> the page's base frames (once per snapshot)
    parse(query, base)      -> (Params, notes)   the URL's state, with a note per fixed value
    Params.query()          -> dict               the state as query parameters
    CHARTS[name](base, p)   -> Chart              the rows a chart draws, its title and notes
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from dashboard.views import currencies, energy, explorer, partners, sources

HS_CHAPTERS = Path(__file__).resolve().parents[2] / "data" / "mappings" / "hs_chapters.csv"
HS_COLUMNS = ["chapter", "label", "section", "section_label", "short_label", "section_short"]

# page name (as in /download/<page>/...) -> view module
PAGE_VIEWS: dict[str, ModuleType] = {
    "explorer": explorer,
    "partners": partners,
    "currencies": currencies,
    "energy": energy,
    "data": sources,
}


def read_hs_chapters(path: Path = HS_CHAPTERS) -> pd.DataFrame:
    """HS chapter names and their sections (WCO nomenclature; see the file's source column)."""
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in HS_COLUMNS})
    return pd.read_csv(path, dtype=str, keep_default_na=False)


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
        self.hs_chapters = read_hs_chapters() if hs_chapters is None else hs_chapters

    @cached_property
    def explorer(self) -> explorer.ExplorerBase:
        return explorer.prepare(self.tables, self.hs_chapters)

    @cached_property
    def partners(self) -> partners.PartnersBase:
        return partners.prepare(self.tables)

    @cached_property
    def currencies(self) -> currencies.CurrenciesBase:
        return currencies.prepare(self.tables)

    @cached_property
    def energy(self) -> energy.EnergyBase:
        return energy.prepare(self.tables)

    @cached_property
    def data(self) -> sources.SourcesBase:
        return sources.prepare(self.tables, self.manifest, self.version)

    def base(self, page: str) -> Any:
        if page not in PAGE_VIEWS:
            raise KeyError(page)
        return getattr(self, page)

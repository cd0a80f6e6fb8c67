"""Figure builders of the pages: a view's `Chart` in, a plotly figure out (pure; no data access).

One module per page, each with a `FIGURES` dict keyed like its view module's `CHARTS`.
"""

from __future__ import annotations

from types import ModuleType

from dashboard.figures import currencies, energy, explorer, partners

PAGE_FIGURES: dict[str, ModuleType] = {
    "explorer": explorer,
    "partners": partners,
    "currencies": currencies,
    "energy": energy,
}

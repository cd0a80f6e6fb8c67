"""The contract between the views and the figures: a `Chart`.

A view (dashboard.views) turns snapshot tables into a `Chart`; a figure builder
(dashboard.figures) turns a `Chart` into a plotly figure; the page puts both into components.
Views and figures never import each other: this module (with dashboard.units and
dashboard.vocabulary) is all they share.

`rows` is exactly what the chart draws, what its data-table twin lists and what its "Download
CSV" holds, so the three cannot drift apart. Everything a figure needs beyond the rows (axis
titles, the source line, dated lines, reference values, how to read the periods) is a typed field
here, decided by the view; a figure builder only draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Marker:
    """A dated vertical line on a time axis, labelled at its top: the article's date, an event."""

    when: str  # ISO date
    label: str
    inside_only: bool = False  # drawn only when it falls within the plotted periods


@dataclass(frozen=True)
class Reference:
    """A value line across the plot: the figure a statement claims, a threshold, zero."""

    value: float
    label: str = ""
    role: str = "guide"  # "claim": the statement's own figure; "guide": a threshold; "zero"


@dataclass(frozen=True)
class Axes:
    """Axis titles, units included ("Goods trade (US$ bn)")."""

    x: str = ""
    y: str = ""
    y2: str = ""  # the lower panel's y axis, in a chart of two panels


@dataclass(frozen=True)
class Flags:
    """How to read the rows where the rows alone do not say."""

    annual: bool = False  # periods are whole years: a year axis, where a missing year is a gap
    sections: bool = False  # a treemap opens on HS sections rather than chapters


@dataclass(frozen=True)
class Chart:
    """One chart: which figure draws it (`kind`, a key of dashboard.figures.REGISTRY), its rows
    and everything said around them. When `rows` is empty, `empty` says why in words (the page
    shows that instead of an empty axis)."""

    key: str  # the chart's name on its page and in /download/<page>/<key>.csv
    kind: str
    rows: pd.DataFrame
    title: str  # the finding, in words
    unit: str = ""  # the unit values are shown in ("US$ bn", "%", "rank")
    axes: Axes = field(default_factory=Axes)
    sources: str = ""  # the source line: "Sources: publisher (date); ..."
    markers: tuple[Marker, ...] = ()
    references: tuple[Reference, ...] = ()
    flags: Flags = field(default_factory=Flags)
    empty: str = ""
    notes: tuple[str, ...] = ()  # said above the chart
    table_columns: tuple[str, ...] = ()  # the columns of the data-table twin

    @property
    def is_empty(self) -> bool:
        return self.rows.empty


TABLE = "table"  # the kind of a chart that is shown as a table, not drawn

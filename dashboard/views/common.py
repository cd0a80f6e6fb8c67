"""Pieces every page's views share: the `Chart` a view returns, joining rows to their sources,
display units, period labels and choosing one row among several sources.

Everything here is a pure function of frames, so each view is tested on a few hand-made rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.chart_data import DISPLAY
from etl.derive.common import preference_order
from etl.periods import label, sort_key, year_of

# tier and original_publisher: every chart's CSV says how good each source is (issue 9)
SOURCE_COLUMNS = ["publisher", "title", "url", "date_published", "tier", "original_publisher"]
CHINA_RUSSIA = {("CHN", "RUS"), ("RUS", "CHN")}
COUNTRY = {"CHN": "China", "RUS": "Russia"}
OTHER_SIDE = {"CHN": "RUS", "RUS": "CHN"}


@dataclass(frozen=True)
class Chart:
    """What a view hands to a figure builder, a table twin and a download.

    `frame` is exactly what the chart draws and what its "Download CSV" holds. When it is empty,
    `empty` says why in words (the page shows that instead of an empty axis)."""

    key: str
    frame: pd.DataFrame
    title: str
    empty: str = ""
    notes: tuple[str, ...] = ()
    table_columns: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.frame.empty


def attach_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each row with its source's publisher, title, URL and date of publication."""
    base = frame.drop(columns=[c for c in SOURCE_COLUMNS if c in frame.columns])
    known = [c for c in SOURCE_COLUMNS if c in sources.columns]  # snapshots before tiers
    joined = base.merge(sources[["source_id", *known]], on="source_id", how="left")
    for column in SOURCE_COLUMNS:
        if column not in joined.columns:
            joined[column] = ""
    for column in SOURCE_COLUMNS:
        joined[column] = joined[column].astype("str").where(joined[column].notna(), "")
    return joined


def display(unit: str) -> tuple[float, str]:
    """(divisor, label) a base unit is shown in: USD -> (1e9, "US$ bn")."""
    return DISPLAY.get(unit, (1.0, unit))


def shown(values: pd.Series, units: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Values and unit labels as charts show them (billions of dollars, million tonnes...)."""
    scale = units.map(lambda u: display(u)[0]).astype("float64")
    labels = units.map(lambda u: display(u)[1]).astype("str")
    return values.astype("float64") / scale, labels


def period_label(period: str, freq: str, cumulative: bool = False) -> str:
    try:
        return label(period, freq, bool(cumulative))
    except (ValueError, IndexError, KeyError):
        return period


def chronological(frame: pd.DataFrame, *first: str) -> pd.DataFrame:
    """Rows ordered by `first` columns, then by period in time order."""
    if frame.empty:
        return frame.reset_index(drop=True)
    keys = [
        sort_key(p, f, bool(c))
        for p, f, c in zip(
            frame["period"],
            frame["freq"],
            frame["cumulative"] if "cumulative" in frame else [False] * len(frame),
            strict=True,
        )
    ]
    ordered = frame.assign(_key=keys).sort_values([*first, "_key"], kind="mergesort")
    return ordered.drop(columns="_key").reset_index(drop=True)


def best_rows(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per group of `by`, chosen as the pipeline does (etl.derive.common): official
    statistics first, then press-reported figures, then approximate ones, then derived; exact
    before bounds; the most recently published document wins."""
    if frame.empty:
        return frame
    published = (
        dict(zip(frame["source_id"], frame["date_published"], strict=True))
        if "date_published" in frame
        else {}
    )
    ordered = preference_order(frame, published)
    return ordered.drop_duplicates(subset=by, keep="first")


def years_of(periods: Iterable[str]) -> list[int]:
    return sorted({year_of(p) for p in periods if p})


def in_years(frame: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    if frame.empty:
        return frame
    years = frame["period"].str.slice(0, 4).astype(int)
    return frame[(years >= start) & (years <= end)]


def source_kind(source_id: str) -> str:
    """Which family of publisher a trade figure comes from."""
    if source_id.startswith("comtrade-"):
        return "comtrade"
    if source_id.startswith("imf-"):
        return "imf"
    if source_id.startswith("cbr-"):
        return "cbr"
    if source_id == "derived-ytd-difference":
        return "press"  # single months computed from customs' own year-to-date releases
    if source_id.startswith("derived-"):
        return "derived"
    return "press"


def fmt_value(value: float, unit_shown: str) -> str:
    """A shown value with its unit, for titles and hover text: "US$ bn 240.1" -> "240.1 US$ bn"."""
    if pd.isna(value):
        return "no figure"
    if unit_shown == "%":
        return f"{value:,.1f}%"
    if unit_shown == "rank":
        return f"#{value:.0f}"
    digits = 1 if abs(value) >= 10 else 2
    money = {"US$ bn": "US$", "CN¥ bn": "CN¥", "€ bn": "€", "RUB bn": "RUB "}
    if unit_shown in money:
        sign = "−" if value < 0 else ""
        return f"{sign}{money[unit_shown]}{abs(value):,.{digits}f} bn"
    return f"{value:,.{digits}f} {unit_shown}"


def text(value: Any) -> str:
    """A cell as text ("" for missing)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)

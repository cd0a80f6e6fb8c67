"""The rows a chart draws, with their sources: the single definition behind both the figure and
its "Download CSV", so the two cannot drift apart."""

from __future__ import annotations

import pandas as pd

# Display scale per base unit: charts show billions of dollars, not dollars.
DISPLAY = {
    "USD": (1e9, "US$ bn"),
    "CNY": (1e9, "CN¥ bn"),
    "RUB": (1e9, "RUB bn"),
    "EUR": (1e9, "€ bn"),
    "t": (1e6, "Mt"),
    "b/d": (1e6, "mb/d"),
    "pct": (1.0, "%"),
    "pp": (1.0, "pp"),
    "rank": (1.0, "rank"),
    "persons": (1.0, "persons"),
    "bcm": (1.0, "bcm"),
    "bcm/yr": (1.0, "bcm/yr"),
    "units": (1e3, "thousand units"),
}

EXPORT_COLUMNS = [
    "label",
    "period",
    "freq",
    "cumulative",
    "role",
    "indicator",
    "reporter",
    "partner",
    "flow",
    "commodity",
    "currency",
    "basis",
    "value_shown",
    "unit_shown",
    "value",
    "unit",
    "qualifier",
    "status",
    "speaker",
    "source_id",
    "publisher",
    "title",
    "url",
    "date_published",
    "tier",
    "original_publisher",
    "derived_from",
    "note",
    "quote",
]
EVENT_EXPORT_COLUMNS = [
    "label",
    "period",
    "period_end",
    "role",
    "speaker",
    "status",
    "source_id",
    "publisher",
    "title",
    "url",
    "date_published",
    "tier",
    "original_publisher",
    "note",
    "quote",
]

# Which evidence rows each chart kind draws.
CHART_ROWS = {
    "rank_timeline": lambda ev: ev["indicator"] == "partner_rank",
    "statements": lambda ev: ev["unit"] == "pct",
    "share_timeline": lambda ev: ev["unit"] == "pct",
    "value_timeline": lambda ev: ev["indicator"] == "trade_value",
    "counts": lambda ev: ev["value"].notna() & (ev["value"] < 1000),
    "events": lambda ev: ev["indicator"] == "event",
    "none": lambda ev: ev["indicator"] == "__none__",
}


def with_display_values(frame: pd.DataFrame) -> pd.DataFrame:
    units = list(frame["unit"])
    scale = [DISPLAY.get(u, (1.0, u))[0] for u in units]
    shown = [DISPLAY.get(u, (1.0, u))[1] for u in units]
    values = (
        frame["value"].astype("float64").to_numpy() / pd.Series(scale, dtype="float64").to_numpy()
    )
    return frame.assign(
        value_shown=values, unit_shown=pd.Series(shown, index=frame.index, dtype="str")
    )


def chart_frame(evidence: pd.DataFrame, chart: str) -> pd.DataFrame:
    """The rows and columns a claim's chart draws (evidence joined with its sources)."""
    rows = evidence[CHART_ROWS.get(chart, CHART_ROWS["none"])(evidence)]
    if chart == "events":
        return rows[EVENT_EXPORT_COLUMNS].reset_index(drop=True)
    rows = with_display_values(rows)
    return rows[EXPORT_COLUMNS].reset_index(drop=True)

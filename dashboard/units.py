"""How values are shown: the display unit of each base unit, and a shown value as words.

Shared by the views (which put `value_shown` and `unit_shown` in a chart's rows and write
titles) and the figures (hover text), so a figure reads "US$240.1 bn" wherever it appears.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# base unit -> (divisor, label shown): charts show billions of dollars, not dollars
DISPLAY: dict[str, tuple[float, str]] = {
    "USD": (1e9, "US$ bn"), "CNY": (1e9, "CN¥ bn"), "RUB": (1e9, "RUB bn"), "EUR": (1e9, "€ bn"),
    "t": (1e6, "Mt"), "b/d": (1e6, "mb/d"), "units": (1e3, "thousand units"),
    **{unit: (1.0, unit) for unit in ("pp", "rank", "persons", "bcm", "bcm/yr")},
    "pct": (1.0, "%"),
}
COUNTED = {"persons"}  # whole numbers of things
MONEY = {"US$ bn": "US$", "CN¥ bn": "CN¥", "€ bn": "€", "RUB bn": "RUB "}


def display(unit: str) -> tuple[float, str]:
    """(divisor, label) a base unit is shown in: "USD" -> (1e9, "US$ bn")."""
    return DISPLAY.get(unit, (1.0, unit))


def shown(values: pd.Series, units: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Values and their unit labels as charts show them (billions of dollars, million tonnes)."""
    scale = pd.Series([display(u)[0] for u in units], index=values.index, dtype="float64")
    labels = pd.Series([display(u)[1] for u in units], index=values.index, dtype="str")
    return values.astype("float64") / scale, labels


def fmt_value(value: float, unit_shown: str) -> str:
    """A shown value with its unit, for titles and hover: (240.1, "US$ bn") -> "US$240.1 bn"."""
    if pd.isna(value):
        return "no figure"
    if unit_shown == "%":
        return f"{value:,.1f}%"
    if unit_shown == "rank":
        return f"#{value:.0f}"
    if unit_shown in COUNTED:
        return f"{value:,.0f} {unit_shown}"
    digits = 1 if abs(value) >= 10 else 2
    if unit_shown in MONEY:
        sign = "−" if value < 0 else ""
        return f"{sign}{MONEY[unit_shown]}{abs(value):,.{digits}f} bn"
    return f"{value:,.{digits}f} {unit_shown}"


def share_text(pct: float) -> str:
    """A share as a box of a treemap reads it, three significant digits as plotly writes its own
    percentages: 93%, 4.09%, 0.000287% ("" for none)."""
    if pd.isna(pct):
        return ""
    return np.format_float_positional(float(pct), precision=3, unique=False, fractional=False,
                                      trim="-") + "%"

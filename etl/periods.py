"""Period arithmetic and labels (pure). Periods are text: 2024, 2024-H1, 2024-Q1, 2024-03,
2024-03-15; `cumulative` means January to the end of the period."""

from __future__ import annotations

import calendar
import re

MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]


def year_of(period: str) -> int:
    return int(period[:4])


def month_of(period: str) -> int | None:
    m = re.fullmatch(r"\d{4}-(\d{2})(-\d{2})?", period)
    return int(m.group(1)) if m else None


def end_month(period: str, freq: str) -> int:
    """The last month a period covers: 2024 -> 12, 2024-Q1 -> 3, 2024-H1 -> 6, 2024-03 -> 3."""
    if freq == "A":
        return 12
    if freq == "Q":
        return int(period[-1]) * 3
    if freq == "H":
        return int(period[-1]) * 6
    month = month_of(period)
    if month is None:
        raise ValueError(f"period {period!r} with freq {freq!r} has no month")
    return month


def year_earlier(period: str) -> str:
    return f"{year_of(period) - 1}{period[4:]}"


def label(period: str, freq: str, cumulative: bool = False) -> str:
    """Human label: 'Jan–Aug 2023', 'Aug 2023', 'Q1 2025', 'H1 2023', '2024', '8 May 2025'."""
    year = period[:4]
    if freq == "A":
        return year
    if freq == "Q":
        return (
            f"Q{period[-1]} {year}"
            if not cumulative
            else f"Jan–{MONTHS[end_month(period, freq) - 1]} {year}"
        )
    if freq == "H":
        return f"H{period[-1]} {year}"
    if freq == "M":
        month = MONTHS[end_month(period, freq) - 1]
        if cumulative:
            return f"Jan {year}" if month == "Jan" else f"Jan–{month} {year}"
        return f"{month} {year}"
    if freq == "D":
        y, m, d = period.split("-")
        return f"{int(d)} {MONTHS[int(m) - 1]} {y}"
    return period


def sort_key(period: str, freq: str, cumulative: bool = False) -> tuple:
    """Chronological key: by year, then the period's end month, then finer periods first."""
    year = year_of(period)
    if freq == "D":
        return (year, int(period[5:7]), int(period[8:10]), 0)
    return (
        year,
        end_month(period, freq),
        0,
        {"M": 0, "Q": 1, "H": 2, "A": 3}[freq] + 4 * cumulative,
    )

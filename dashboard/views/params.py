"""URL query parameters -> a page's state, with a note for every value that had to be replaced.

A page's state lives in its query string so any view can be shared as a link. Query values are
untrusted text: anything unknown, reversed or out of range falls back to a sensible default and
adds a plain-language note that the page shows above its charts (never an error page).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from dashboard import urlstate

Query = Mapping[str, Any]
Options = Mapping[str, str]  # value -> label shown to people


class State:
    """A page's state (a frozen dataclass deriving from this) as query parameters again: parsing
    `query()` gives back the same state, so a link reproduces the view."""

    def query(self) -> dict[str, str]:
        return {
            name: ",".join(value) if isinstance(value, tuple) else str(value)
            for name, value in asdict(self).items()  # type: ignore[call-overload]
        }


def raw(query: Query, name: str) -> str | None:
    """The text of one parameter: a repeated parameter counts by its last value (the rules
    are dashboard.urlstate's, which every page's query has been through already)."""
    return urlstate.clean(urlstate.last(query.get(name)))


def pick(
    query: Query, name: str, options: Options, default: str, notes: list[str], what: str
) -> str:
    """One value among `options` (matched case-insensitively)."""
    value = raw(query, name)
    if value is None or value == "":
        return default
    for option in options:
        if option.lower() == value.lower():
            return option
    notes.append(
        f"“{value[:40]}” is not a {what} this page knows; showing {options.get(default, default)}. "
        f"Choose one of: {', '.join(options.values())}."
    )
    return default


def pick_many(
    query: Query,
    name: str,
    options: Options,
    default: Sequence[str],
    notes: list[str],
    what: str,
) -> tuple[str, ...]:
    """Several values among `options`, comma-separated; unknown ones are dropped with a note."""
    value = query.get(name)
    if value is None:
        return tuple(default)
    parts: list[str] = []
    for chunk in value if isinstance(value, list | tuple) else [value]:
        parts += [p.strip() for p in str(chunk).split(",") if p.strip()]
    known = {o.lower(): o for o in options}
    chosen = [known[p.lower()] for p in parts if p.lower() in known]
    unknown = [p for p in parts if p.lower() not in known]
    if unknown:
        notes.append(
            f"Ignored {', '.join(f'“{u[:30]}”' for u in unknown[:5])}: not a {what} this page "
            f"knows. Choose among: {', '.join(options.values())}."
        )
    if not chosen:
        if parts:
            notes.append(f"No valid {what} was given; showing the default selection.")
        return tuple(default)
    return tuple(o for o in options if o in chosen)  # in the page's order, without repeats


def pick_year(
    query: Query,
    name: str,
    years: Sequence[int],
    default: int,
    notes: list[str],
    what: str = "year",
) -> int:
    """A year among `years` (the nearest one if it is in range but has no data)."""
    value = raw(query, name)
    if value is None or value == "" or not years:
        return default  # (without years to choose from, the parameter has nothing to select)
    try:
        year = int(value)
    except ValueError:
        notes.append(f"“{value[:20]}” is not a {what}; showing {default}.")
        return default
    if year in years:
        return year
    if years and min(years) <= year <= max(years):
        nearest = min(years, key=lambda y: (abs(y - year), -y))
        notes.append(f"No data for {year} ({what}); showing the nearest year with data, {nearest}.")
        return nearest
    span = f"{min(years)}–{max(years)}" if years else "none"
    notes.append(f"{year} is outside the years with data ({span}); showing {default}.")
    return default


def pick_year_range(
    query: Query,
    lowest: int,
    highest: int,
    default: tuple[int, int],
    notes: list[str],
) -> tuple[int, int]:
    """`start`/`end` years: clamped to the data, swapped if reversed, each with a note."""
    bounds: list[int] = []
    for name, fallback in (("start", default[0]), ("end", default[1])):
        value = raw(query, name)
        if value is None or value == "":
            bounds.append(fallback)
            continue
        try:
            year = int(value[:4]) if len(value) >= 4 and value[:4].isdigit() else int(value)
        except ValueError:
            notes.append(f"“{value[:20]}” is not a year ({name}); showing {fallback}.")
            bounds.append(fallback)
            continue
        if year < lowest or year > highest:
            clamped = min(max(year, lowest), highest)
            notes.append(
                f"{name.capitalize()} year {year} is outside the data ({lowest}–{highest}); "
                f"showing {clamped}."
            )
            year = clamped
        bounds.append(year)
    start, end = bounds
    if start > end:
        notes.append(f"The start year {start} was after the end year {end}; the two were swapped.")
        start, end = end, start
    return start, end


def pick_span(query: Query, base: Any, since: int, notes: list[str]) -> tuple[int, int]:
    """`start`/`end` within the years of the page's data (`base.first_year`, `base.last_year`);
    by default from `since` (or the first year with data, if later) to the last."""
    lo, hi = base.first_year, base.last_year
    return pick_year_range(query, lo, hi, (max(lo, since), hi), notes)


def text_param(query: Query, name: str, limit: int = 80) -> str:
    value = raw(query, name) or ""
    return value[:limit]

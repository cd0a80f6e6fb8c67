"""What a statement resolves to (a rule of the registry and its params) and the helpers the
resolver's modules share: the periods a statement speaks of, and what its explanation says
about periods it did not state in full."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from etl.articles.context import Setting, statement_periods
from etl.articles.finder import Statement
from etl.articles.numbers import find_quantities
from etl.articles.periods import Period
from etl.articles.sentences import Span
from etl.periods import label


@dataclass
class Resolved:
    """A statement as a query: the rule that judges it and the contract's fields."""

    rule: str
    params: dict[str, Any]
    metric: str = ""
    reporter: str = ""
    partner: str = ""
    flow: str = ""
    period: str = ""
    value: float | None = None
    unit: str = ""
    currency: str = ""
    readings: list[str] = field(default_factory=list)


def clause_of(statement: Statement) -> Span:
    return Span(statement.start, statement.end, statement.quote)


def periods_of(statement: Statement, as_of: date, setting: Setting,
               at: int | None = None) -> tuple[list[Period], str]:
    """The periods of a statement (see etl/articles/context.py), for its figure or `at`."""
    end = None
    if at is None:
        at = statement.quantity.start if statement.quantity else statement.start
        end = statement.quantity.end if statement.quantity else None
    return statement_periods(statement.sentence, clause_of(statement), at, as_of, setting, end)


def local_words(statement: Statement) -> str:
    """The words of a figure's own part of its clause: from the figure before it to the figure,
    and on to the next comma ("its imports from Russia $94.9 billion, leaving China with a
    deficit of $13.5 billion": the first figure's words say imports, the second's deficit)."""
    q = statement.quantity
    if q is None:
        return statement.quote
    start, end = q.start - statement.start, q.end - statement.start
    previous = [f.end for f in find_quantities(statement.quote) if f.end <= start]
    tail = re.match(r"[^,;]*", statement.quote[end:]).group(0)
    return statement.quote[max(previous, default=0):end] + tail


def candidates(periods: list[Period]) -> list[list]:
    return [list(c) for c in periods[0].candidates] if periods else []


def latest_year(as_of: date) -> list[list]:
    return [[str(as_of.year - 1), "A", False]]


def period_readings(periods: list[Period], where: str, as_of: date) -> list[str]:
    """What the explanation says about a period the statement did not state in full."""
    if not periods:
        return [f"No period is stated; read as the last full year before the article "
                f"({as_of.year - 1})."]
    first = periods[0]
    found = label(*first.best)
    readings = []
    if where in ("paragraph", "headline", "lead"):
        source = {"paragraph": "the paragraph", "headline": "the headline",
                  "lead": "the opening paragraph"}[where]
        readings.append(f"No period in the sentence; read as the one {source} sets: "
                        f"{first.text!r} ({found}).")
    elif where == "comparison":
        readings.append(f"The figure is the one compared with: {first.text!r} ({found}).")
    if not first.year_stated and where in ("clause", "sentence", "comparison"):
        readings.append(f"No year is stated for {first.text!r}; read as {found[-4:]}.")
    return readings


def not_checkable(reason: str, metric: str = "", unit: str = "",
                  value: float | None = None) -> Resolved:
    return Resolved("not_checkable", {"reason": reason}, metric, value=value, unit=unit)

"""A target or milestone as a query: the sum, the year it was set for, and what the sentence
says about reaching it ("reached in 2023, a year ahead of schedule", "past their goal a year
early", "crossed $250 billion for the first time", "missed").

A target for a year that has not ended, with nothing said about reaching it ("$300 billion by
2030"), is an aim: not a matter statistics can settle. A target for a past year with nothing
said about reaching it is found but not judged (`unresolved`).
"""

from __future__ import annotations

import re
from datetime import date

from etl.articles.context import Setting
from etl.articles.finder import Statement
from etl.articles.periods import find_periods
from etl.articles.query import Resolved, not_checkable, periods_of

# Which year a target is for, most explicit first: "the 2024 deadline", "by 2024", "for 2024".
TARGET_YEAR_RES = [
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\s+(?:deadline|target|goal)\b", re.IGNORECASE),
    re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE),
    re.compile(r"\b(?:target|goal|deadline|aim)\b[^.]{0,40}?\b(?:for|of)\s+(?P<y>(?:19|20)\d{2})\b",
               re.IGNORECASE),
]
EARLY_RE = re.compile(r"\b(?:ahead of schedule|ahead of time|early|a year early|"
                      r"before the deadline|ahead of the\s+(?:\d{4}\s+)?deadline)\b",
                      re.IGNORECASE)
YEARS_EARLY_RE = re.compile(r"\b(?P<n>a|one|two|three)\s+years?\s+(?:early|ahead)\b",
                            re.IGNORECASE)
MISSED_RE = re.compile(r"\b(?:missed|fell short|failed to|short of)\b", re.IGNORECASE)
REACHED_RE = re.compile(r"\b(?:reached|hit|met|surpassed|exceeded|achieved|topped|passed|"
                        r"crossed|cleared|past|beyond|broke)\b", re.IGNORECASE)
YEARS = {"a": 1, "one": 1, "two": 2, "three": 3}


def resolve_target(statement: Statement, as_of: date, setting: Setting) -> Resolved:
    q = statement.quantity
    assert q is not None
    text = statement.sentence.text
    stated = [p for p in find_periods(text, as_of, setting.year) if not p.comparison]
    years = [p.year for p in stated if p.best[1] == "A" and p.year_stated]
    periods, _ = periods_of(statement, as_of, setting)
    statement_year = periods[0].year if periods else None
    hits = [m for m in (r.search(text) for r in TARGET_YEAR_RES) if m]
    early = YEARS_EARLY_RE.search(text)
    target_known = True
    if hits:
        target_year = int(hits[0].group("y"))
    elif statement.extra.get("by_year"):
        target_year = int(statement.extra["by_year"])
    elif early and statement_year is not None:
        target_year = statement_year + YEARS[early.group("n").lower()]
    else:
        target_year, target_known = (years[0] if years else as_of.year), False
    reached_years = [y for y in years if y != target_year]
    milestone = statement.extra.get("milestone")
    if milestone:
        claim = "reached_in"
        reached_years = [statement_year] if statement_year is not None else reached_years
    else:
        claim = ("missed" if MISSED_RE.search(text) else "early" if EARLY_RE.search(text) else
                 "reached_in" if reached_years and REACHED_RE.search(text) else
                 "reached" if REACHED_RE.search(text) else "")
    if claim == "reached_in" and not reached_years:
        claim = "reached"
    if claim == "early" and not target_known and years:
        # "cleared the $200 billion mark in 2023, ahead of schedule": the year named is the
        # year it was reached; the year it was set for is not said
        claim, reached_years = "reached_in", [years[0]]
    if not claim:
        if target_year >= as_of.year:
            return not_checkable(
                f"A target ({q.text} for {target_year}) for a year that had not ended when the "
                "article was written, with nothing said about reaching it: an aim, not a "
                "matter statistics can settle.", "trade_value", q.unit, q.value)
        return Resolved("unresolved", {"reason": (
            f"A target ({q.text} for {target_year}) with nothing said about reaching it; a "
            "target is an aim, not a figure the data can bear out.")}, "trade_value", "CHN",
            "RUS", "total", str(target_year), q.value, q.unit, q.unit)
    params = {"claimed": q.value, "target_year": target_year, "claim": claim,
              "claimed_text": q.text, "milestone": bool(milestone),
              "target_year_known": target_known}
    if claim == "reached_in":
        params["reached_year"] = reached_years[0]
    return Resolved("stated_target", params, "trade_value", "CHN", "RUS", "total",
                    str(target_year), q.value, q.unit, q.unit)

"""Period expressions in prose -> the snapshot's periods.

`dateparser` reads single dates but returns None for ranges such as "January–August 2024"
(see /work/shared/libraries.md), and year-to-date, quarter and half-year expressions are what
trade reporting is made of, so they have their own rules here. Each expression yields the
candidate periods of the snapshot that can hold it, best first: "the first quarter of 2025" is
`2025-Q1` (a quarter) or `2025-03` cumulative (January–March), as sources publish either.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NAMES |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTH_NAMES["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                 "twelfth": 12}
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6,
               "7": 7, "8": 8, "9": 9, "10": 10, "11": 11}
_YEAR = r"(?:19|20)\d{2}"
_YEAR_REF = rf"(?:of\s+|in\s+)?(?P<year>{_YEAR}|(?:this|last|the\s+previous|the\s+past)\s+year|" \
            rf"the\s+year)"
_DASH = r"\s*(?:–|—|-|to|through|until)\s*"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(
        rf"(?:between\s+)?(?P<m1>{_MONTH})(?:{_DASH}|\s+and\s+)(?P<m2>{_MONTH})"
        rf"(?:,?\s+{_YEAR_REF})?", re.IGNORECASE)),
    ("first_months", re.compile(
        rf"(?:the\s+)?first\s+(?P<n>{'|'.join(COUNT_WORDS)})\s+months(?:\s+{_YEAR_REF})?",
        re.IGNORECASE)),
    ("quarter", re.compile(
        rf"(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter(?:\s+{_YEAR_REF})?",
        re.IGNORECASE)),
    ("quarter", re.compile(rf"\bQ(?P<q>[1-4])(?:\s+(?P<year>{_YEAR}))?\b")),
    ("half", re.compile(
        rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+{_YEAR_REF})?", re.IGNORECASE)),
    ("half", re.compile(rf"\bH(?P<h>[12])(?:\s+(?P<year>{_YEAR}))?\b")),
    ("month", re.compile(rf"\b(?P<m1>{_MONTH})(?:\s+(?P<year>{_YEAR}))?\b(?!\s+\d{{1,2}}\b)")),
    ("relative_month", re.compile(r"\blast\s+month\b", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d$.,])(?P<year>{_YEAR})(?![\d%])(?!\s*(?:bn|billion))")),
    ("year", re.compile(r"\b(?P<year>(?:last|this|the\s+previous|the\s+past)\s+year)\b",
                        re.IGNORECASE)),
]
# A capitalised "May" is a month only where a month can stand: after "in", "of", before a year.
AMBIGUOUS_MONTHS = {"may", "march", "sept"}


@dataclass(frozen=True)
class Period:
    """One period expression: its span, the snapshot periods it may mean (best first), and the
    words it was read from."""

    candidates: tuple[tuple[str, str, bool], ...]  # (period, freq, cumulative)
    start: int
    end: int
    text: str
    year_stated: bool  # False when the year came from context (the article's date)

    @property
    def best(self) -> tuple[str, str, bool]:
        return self.candidates[0]

    @property
    def year(self) -> int:
        return int(self.best[0][:4])


def _year(text: str | None, as_of: date, default: int | None) -> tuple[int, bool]:
    if text is None:
        return (default if default is not None else as_of.year), False
    words = re.sub(r"\s+", " ", text.lower()).replace("of ", "").replace("in ", "")
    if re.fullmatch(_YEAR, words):
        return int(words), True
    if words in ("last year", "the previous year", "the past year"):
        return as_of.year - 1, True
    if words == "this year":
        return as_of.year, True
    return (default if default is not None else as_of.year), False


def _month(name: str) -> int:
    return MONTH_NAMES[name.lower().rstrip(".")]


def find_periods(text: str, as_of: date, default_year: int | None = None) -> list[Period]:
    """Every period expression in `text`, in text order, without overlaps. A month or quarter
    without a year takes `default_year` (the year last named in the article), else the year of
    the article's date."""
    found: list[Period] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < p.end and p.start < m.end() for p in found):
                continue
            groups = m.groupdict()
            year, stated = _year(groups.get("year"), as_of, default_year)
            if kind == "range":
                first, last = _month(groups["m1"]), _month(groups["m2"])
                if first != 1:
                    continue  # only year-to-date ranges are published
                candidates = [(f"{year}-{last:02d}", "M", True)]
                if last == 12:
                    candidates.insert(0, (str(year), "A", False))
                elif last == 6:
                    candidates.append((f"{year}-H1", "H", False))
                elif last == 3:
                    candidates.append((f"{year}-Q1", "Q", False))
            elif kind == "first_months":
                last = COUNT_WORDS[groups["n"].lower()]
                candidates = [(f"{year}-{last:02d}", "M", True)]
                if last == 6:
                    candidates.append((f"{year}-H1", "H", False))
            elif kind == "quarter":
                q = ORDINAL_WORDS.get(groups["q"].lower()) or int(groups["q"])
                candidates = [(f"{year}-Q{q}", "Q", False)]
                if q == 1:
                    candidates.append((f"{year}-03", "M", True))
            elif kind == "half":
                h = ORDINAL_WORDS.get(groups["h"].lower()) or int(groups["h"])
                candidates = [(f"{year}-H{h}", "H", False)]
                if h == 1:
                    candidates.append((f"{year}-06", "M", True))
            elif kind == "month":
                name = groups["m1"]
                before = text[max(0, m.start() - 5):m.start()].lower()
                if name.lower().rstrip(".") in AMBIGUOUS_MONTHS and not (
                    groups.get("year") or before.rstrip().endswith(("in", "of", "for"))
                ):
                    continue
                month = _month(name)
                if groups.get("year") is None and default_year is None and month > as_of.month:
                    year -= 1  # "in August", written in May, is last August
                candidates = [(f"{year}-{month:02d}", "M", False)]
            elif kind == "relative_month":
                prev = date(as_of.year, as_of.month, 1).toordinal() - 1
                last_month = date.fromordinal(prev)
                candidates = [(f"{last_month.year}-{last_month.month:02d}", "M", False)]
                stated = True
            else:
                if groups.get("year") is None:
                    continue
                candidates = [(str(year), "A", False)]
            found.append(Period(tuple(candidates), m.start(), m.end(), m.group(0), stated))
    return sorted(found, key=lambda p: p.start)


DATE_PATTERNS = [
    re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>{_YEAR})"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>{_YEAR})"),
    re.compile(rf"(?P<y>{_YEAR})-(?P<mn>\d{{2}})-(?P<d>\d{{2}})"),
]


def find_article_date(text: str) -> date | None:
    """The first full date in the opening of an article (its dateline), if any."""
    head = text[:600]
    hits = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(head):
            groups = m.groupdict()
            month = int(groups["mn"]) if groups.get("mn") else _month(groups["m"])
            try:
                hits.append((m.start(), date(int(groups["y"]), month, int(groups["d"]))))
            except ValueError:
                continue
    return min(hits)[1] if hits else None

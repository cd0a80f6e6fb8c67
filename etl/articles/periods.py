"""Period expressions in prose -> the snapshot's periods.

`dateparser` reads single dates but returns None for ranges such as "January–August 2024"
(see /work/shared/libraries.md), and year-to-date, quarter and half-year expressions are what
trade reporting is made of, so they have their own rules here. Each expression yields the
candidate periods of the snapshot that can hold it, best first: "the first quarter of 2025" is
`2025-Q1` (a quarter) or `2025-03` cumulative (January–March), as sources publish either.

A period can be the one a statement speaks of, or the one it is compared with: "up 10% from
July's", "on the same period last year", "than in 2023". The second kind is marked
`comparison`: it is never the statement's own period, and never sets the year that a later
month without one belongs to. Full dates ("12 September 2024", "Dec 8") are datelines and
days, not periods.
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
_COUNT = "|".join(COUNT_WORDS)
_YEAR = r"(?:19|20)\d{2}"
_YEAR_REF = rf"(?:of\s+|in\s+)?(?P<year>{_YEAR}|(?:this|last|the\s+previous|the\s+past)\s+year|" \
            rf"the\s+year)"
_DASH = r"\s*(?:–|—|-|to|through|until)\s*"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(
        rf"(?:between\s+)?(?P<m1>{_MONTH})(?:{_DASH}|\s+and\s+)(?P<m2>{_MONTH})"
        rf"(?:,?\s+{_YEAR_REF})?", re.IGNORECASE)),
    # "the six months to June", "the 11 months through November": January to that month
    ("through_month", re.compile(
        rf"\b(?:the\s+)?(?P<n>{_COUNT})\s+months\s+(?:to|through|ending|ended|up\s+to)\s+"
        rf"(?:the\s+end\s+of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b",
        re.IGNORECASE)),
    ("first_months", re.compile(
        rf"(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months(?:\s+{_YEAR_REF})?", re.IGNORECASE)),
    # "over the eleven months", "the eight-month figures": January to that month
    ("first_months", re.compile(
        rf"\bthe\s+(?P<n>{_COUNT})\s+months\b(?!\s+(?:to|before|after|since|ahead|from))"
        rf"(?:\s+{_YEAR_REF})?", re.IGNORECASE)),
    ("first_months", re.compile(
        rf"\b(?P<n>{_COUNT})-month\s+(?:figures|data|totals?|period|results|trade|numbers|"
        r"statistics)\b", re.IGNORECASE)),
    ("first_quarters", re.compile(
        rf"(?:the\s+)?first\s+(?P<qn>two|three)\s+quarters(?:\s+{_YEAR_REF})?", re.IGNORECASE)),
    ("through_month", re.compile(
        rf"\b(?:through|to\s+the\s+end\s+of|in\s+the\s+year\s+to|the\s+year\s+to)\s+"
        rf"(?P<m2>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("quarter", re.compile(
        rf"(?:the\s+)?(?P<q>first|second|third|fourth)[\s-]+quarter(?:\s+{_YEAR_REF})?",
        re.IGNORECASE)),
    ("quarter", re.compile(rf"\bQ(?P<q>[1-4])(?:\s+(?P<year>{_YEAR}))?\b")),
    ("half", re.compile(
        rf"(?:the\s+)?(?P<h>first|second)[\s-]+half(?:\s+{_YEAR_REF})?", re.IGNORECASE)),
    ("half", re.compile(rf"\bH(?P<h>[12])(?:\s+(?P<year>{_YEAR}))?\b")),
    # "the half-year to June", "for the half": the half that ended last before the article
    ("half", re.compile(
        rf"\b(?:the\s+)?half[\s-]year\s+(?:to|through|ending|ended)\s+(?P<hm>June|December)"
        rf"(?:\s+(?P<year>{_YEAR}))?\b", re.IGNORECASE)),
    ("half", re.compile(
        rf"\bthe\s+(?:first\s+)?half[\s-]year\b(?:\s+{_YEAR_REF})?"
        r"|(?:(?<=for\s)|(?<=over\s)|(?<=during\s))the\s+half\b(?![\s-]+(?:of|a|an|the|"
        r"century|decade|point|million|billion|per|year))", re.IGNORECASE)),
    ("month", re.compile(rf"\b(?P<m1>{_MONTH})(?:\s+(?P<year>{_YEAR}))?\b(?!\s+\d{{1,2}}\b)")),
    ("relative_month", re.compile(r"\blast\s+month\b", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d$.,])(?P<year>{_YEAR})(?![\d%])(?!\s*(?:bn|billion))")),
    ("year", re.compile(r"\b(?P<year>(?:last|this|the\s+previous|the\s+past)\s+year)\b",
                        re.IGNORECASE)),
]
YEAR_WORDS = re.compile(rf"(?<![\d$.,])(?P<year>{_YEAR}|(?:this|last|the\s+previous|the\s+past)\s+"
                        rf"year)(?![\d%])(?!\s*(?:bn|billion))", re.IGNORECASE)
# A capitalised "May" is a month only where a month can stand: after "in", "of", before a year.
AMBIGUOUS_MONTHS = {"may", "march", "sept"}
# Days and datelines: masked before periods are read ("12 September 2024" is not September).
DATE_PATTERNS = [
    re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),\s+(?P<y>{_YEAR})"),
    re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>{_YEAR})"),
    re.compile(rf"(?P<y>{_YEAR})-(?P<mn>\d{{2}})-(?P<d>\d{{2}})"),
]
DAY_PATTERNS = DATE_PATTERNS + [
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?!\d)(?!\s*(?:bn|billion|%|per))"),
    re.compile(rf"\b\d{{1,2}}\s+{_MONTH}(?!\s+{_YEAR})\b"),
]
# Words that make the period after them a comparison: "from July's", "against June", "than in
# 2023", "compared with the same period last year". "on" and "over" count only before a year
# or a month ("over 2023"), never before a span ("over the eight months").
_LEAD = (r"(?:the\s+same\s+(?:period|months?|quarter|half|time)\s+(?:of\s+|in\s+)?|"
         r"the\s+level\s+of\s+|the\s+end\s+of\s+|the\s+)?")
COMPARISON_LEAD = re.compile(
    rf"\b(?:from|against|compared\s+(?:with|to)|compares\s+with|comparison\s+with|versus|"
    rf"vs\.?|than(?:\s+(?:in|during|for|at))?|since)\s+{_LEAD}$", re.IGNORECASE)
WEAK_LEAD = re.compile(
    r"\b(?:on|over)\s+(?:the\s+same\s+(?:period|months?|quarter|half|time)\s+(?:of\s+|in\s+)?)?$",
    re.IGNORECASE)
_SPAN = re.compile(rf"^{_MONTH}{_DASH}{_MONTH}", re.IGNORECASE)
_POINT = re.compile(rf"^(?:{_YEAR}|{_MONTH}|last\b|this\b|Q[1-4]|H[12])", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """One period expression: its span, the snapshot periods it may mean (best first), and the
    words it was read from."""

    candidates: tuple[tuple[str, str, bool], ...]  # (period, freq, cumulative)
    start: int
    end: int
    text: str
    year_stated: bool  # False when the year came from context (the article's date)
    comparison: bool = False  # the period a figure is compared with, not the statement's own

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


def _is_comparison(text: str, start: int, matched: str) -> bool:
    before = text[max(0, start - 50):start]
    if COMPARISON_LEAD.search(before):
        return True
    weak = WEAK_LEAD.search(before)
    # "up 5% on 2023" compares; "Over January–June, trade shrank" (no figure before) does not
    return bool(weak and _POINT.match(matched)
                and (re.search(r"\d", before[:weak.start()]) or not _SPAN.match(matched)))


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in DAY_PATTERNS for m in p.finditer(text)]


def _candidates(kind: str, groups: dict, year: int, text: str, start: int
                ) -> list[tuple[str, str, bool]] | None:
    """The snapshot periods an expression may mean; None when it names no published period."""
    if kind == "range":
        first, last = _month(groups["m1"]), _month(groups["m2"])
        if first == 1:
            return _year_to_date(year, last)
        if last - first == 2 and first % 3 == 1:  # "April–June": the second quarter
            return [(f"{year}-Q{last // 3}", "Q", False)]
        if (first, last) == (7, 12):
            return [(f"{year}-H2", "H", False)]
        return None  # no other span of months is published
    if kind == "first_months":
        return _year_to_date(year, COUNT_WORDS[groups["n"].lower()])
    if kind == "through_month":
        return _year_to_date(year, _month(groups["m2"]))
    if kind == "first_quarters":
        return _year_to_date(year, 3 * COUNT_WORDS[groups["qn"].lower()])
    if kind == "quarter":
        q = ORDINAL_WORDS.get(groups["q"].lower()) or int(groups["q"])
        found = [(f"{year}-Q{q}", "Q", False)]
        if q == 1:
            found.append((f"{year}-03", "M", True))
        return found
    if kind == "half":
        h = _half(groups)
        found = [(f"{year}-H{h}", "H", False)]
        if h == 1:
            found.append((f"{year}-06", "M", True))
        return found
    if kind == "month":
        name = groups["m1"]
        before = text[max(0, start - 5):start].lower()
        if name.lower().rstrip(".") in AMBIGUOUS_MONTHS and not (
            groups.get("year") or before.rstrip().endswith(("in", "of", "for", "from", "on",
                                                            "against", "than", "since",
                                                            "to", "with"))
            or re.match(r"['’]s\b", text[start + len(name):])
        ):
            return None
        return [(f"{year}-{_month(name):02d}", "M", False)]
    if kind == "year":
        return [(str(year), "A", False)] if groups.get("year") is not None else None
    return None


def _half(groups: dict) -> int:
    """1 or 2: 'first half', 'H2', 'the half-year to December'; 'the half' and 'the
    half-year' alone are the first (a second half is named as such or as the year's end)."""
    if groups.get("h"):
        return ORDINAL_WORDS.get(groups["h"].lower()) or int(groups["h"])
    return 2 if (groups.get("hm") or "").lower() == "december" else 1


def _year_to_date(year: int, last: int) -> list[tuple[str, str, bool]]:
    found = [(f"{year}-{last:02d}", "M", True)]
    if last == 12:
        found.insert(0, (str(year), "A", False))
    elif last == 6:
        found.append((f"{year}-H1", "H", False))
    elif last == 3:
        found.append((f"{year}-Q1", "Q", False))
    return found


def _end_month(kind: str, groups: dict) -> int:
    if kind in ("range", "through_month"):
        return _month(groups["m2"])
    if kind == "first_months":
        return COUNT_WORDS[groups["n"].lower()]
    if kind == "first_quarters":
        return 3 * COUNT_WORDS[groups["qn"].lower()]
    if kind == "quarter":
        return 3 * (ORDINAL_WORDS.get(groups["q"].lower()) or int(groups["q"]))
    if kind == "half":
        return 6 * _half(groups)
    if kind == "month":
        return _month(groups["m1"])
    return 12


def find_periods(text: str, as_of: date, default_year: int | None = None) -> list[Period]:
    """Every period expression in `text`, in text order, without overlaps. A period without a
    year takes `default_year` (the year the article's context set), else the year of the
    article's date — the year before when the period would end after that date ("in August",
    written in May, is last August)."""
    found: list[Period] = []
    taken = _masked(text)
    # a year written earlier in the same text is the context of a period without one ("This
    # year began badly: in January–April ...")
    written = [(m.start(), _year(m.group("year"), as_of, None)[0])
               for m in YEAR_WORDS.finditer(text)
               if not any(m.start() < end and start < m.end() for start, end in taken)
               and not _is_comparison(text, m.start(), m.group(0))]
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            before = [y for at, y in written if at < m.start()]
            context = before[-1] if before else default_year
            year, stated = _year(groups.get("year"), as_of, context)
            if kind == "relative_month":
                last_month = date.fromordinal(date(as_of.year, as_of.month, 1).toordinal() - 1)
                candidates = [(f"{last_month.year}-{last_month.month:02d}", "M", False)]
                stated = True
            else:
                if not stated and context is None and kind != "year" and \
                        _end_month(kind, groups) > as_of.month:
                    year -= 1
                candidates = _candidates(kind, groups, year, text, m.start())
            taken.append((m.start(), m.end()))
            if not candidates:
                continue
            found.append(Period(tuple(candidates), m.start(), m.end(), m.group(0), stated,
                                _is_comparison(text, m.start(), m.group(0))))
    return sorted(found, key=lambda p: p.start)


def own_periods(text: str, as_of: date, default_year: int | None = None) -> list[Period]:
    """The periods of `text` that are not comparisons."""
    return [p for p in find_periods(text, as_of, default_year) if not p.comparison]


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

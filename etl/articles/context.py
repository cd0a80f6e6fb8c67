"""The period a sentence inherits when it names none: from the sentences before it in its
paragraph, else from the headline, else from the lead paragraph; and the year a month or
quarter without one belongs to.

News copy names the period once and then drops it: "Trade rose 1.9% in January–August. ...
Shipments from China rose only 0.4%" is still January–August; a headline such as "the
first-quarter figures" or "trade through November" sets the period of every paragraph that does
not set its own. A period named only as a comparison ("on the same period last year", "up from
July's") is never inherited and never sets the year. What is left to the dateline is the year:
a period without one, and no year in the context, is read in the year of the article's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from etl.articles.numbers import find_quantities
from etl.articles.periods import DATE_PATTERNS, Period, find_periods, own_periods
from etl.articles.sentences import Span, paragraphs, sentences

# A sentence that speaks of the present does not inherit a past period.
NOW_RE = re.compile(r"\b(?:now|currently|today|these days|at present)\b", re.IGNORECASE)
_HEADLINE_WORDS = 20


@dataclass(frozen=True)
class Setting:
    """What the context gives a sentence: a period to inherit (with where it came from) and the
    year a period without one belongs to."""

    period: Period | None
    where: str  # "paragraph", "headline", "lead" or "" (none)
    year: int | None


@dataclass(frozen=True)
class _Sentence:
    span: Span
    paragraph: int
    periods: tuple[Period, ...]  # its own periods (comparisons left out), in text order


def _is_dateline(text: str) -> bool:
    """A line that is a date and little else: '12 September 2024', 'Column | 12 May 2025'."""
    stripped = text
    for pattern in DATE_PATTERNS:
        stripped = pattern.sub("", stripped)
    return stripped != text and len(stripped.split()) <= 4


def _is_headline(text: str) -> bool:
    return (not re.search(r"[.!?][\"”’)]?$", text.strip()) and len(text.split()) <= _HEADLINE_WORDS
            and not _is_dateline(text))


class ArticleContext:
    """The period context of every sentence of one article (built once per check)."""

    def __init__(self, text: str, as_of: date) -> None:
        self.as_of = as_of
        self._sentences: list[_Sentence] = []
        self._index: dict[int, int] = {}
        headline: Period | None = None
        lead: Period | None = None
        body_started = False
        for number, paragraph in enumerate(paragraphs(text)):
            if not body_started and _is_headline(paragraph.text):
                if headline is None:
                    found = own_periods(paragraph.text, as_of)
                    headline = found[0] if found else None
                continue
            if _is_dateline(paragraph.text):
                continue
            for sentence in sentences(paragraph):
                year = self._year_before(number, headline, lead)
                found = tuple(own_periods(sentence.text, as_of, year))
                self._index[sentence.start] = len(self._sentences)
                self._sentences.append(_Sentence(sentence, number, found))
                if not body_started:
                    body_started = True
                if lead is None and found and number == self._sentences[0].paragraph:
                    lead = found[0]
        self.headline, self.lead = headline, lead

    def _recent(self, period: Period | None) -> Period | None:
        """The opening paragraph's period counts for the rest only when it is recent news (this
        year or last): "Back in 2014, trade was worth $95 billion" is an aside."""
        return period if period is not None and period.year >= self.as_of.year - 1 else None

    def _year_before(self, paragraph: int, headline: Period | None,
                     lead: Period | None) -> int | None:
        """The year the sentences before this point in the paragraph, the headline or the lead
        named (a stated year only)."""
        for s in reversed(self._sentences):
            if s.paragraph != paragraph:
                break
            stated = [p for p in s.periods if p.year_stated]
            if stated:
                return stated[-1].year
        for period in (headline, self._recent(lead)):
            if period is not None and period.year_stated:
                return period.year
        return None

    def setting(self, sentence: Span) -> Setting:
        """The inherited period and the context year of `sentence` (one of the article's)."""
        at = self._index.get(sentence.start)
        if at is None:
            return Setting(None, "", None)
        me = self._sentences[at]
        year = None
        inherited, where = None, ""
        for s in reversed(self._sentences[:at]):
            if s.paragraph != me.paragraph:
                break
            if s.periods:
                inherited, where = s.periods[0], "paragraph"
                break
        stated = [p for s in reversed(self._sentences[:at]) if s.paragraph == me.paragraph
                  for p in reversed(s.periods) if p.year_stated]
        if stated:
            year = stated[0].year
        if inherited is None and self.headline is not None:
            inherited, where = self.headline, "headline"
        lead = self._recent(self.lead)
        if inherited is None and lead is not None and at > 0 and \
                self._sentences[0].paragraph != me.paragraph:
            inherited, where = lead, "lead"
        if year is None:
            for period in (self.headline, lead):
                if period is not None and period.year_stated:
                    year = period.year
                    break
        if NOW_RE.search(sentence.text):
            inherited, where = None, ""
        return Setting(inherited, where, year)


# The figure a comparison introduces: "from July's $19.69 billion" is July's figure.
_POSSESSIVE_GAP = re.compile(r"^(?:['’]s)?\s*(?:level\s+of\s+|figure\s+of\s+|total\s+of\s+)?$",
                             re.IGNORECASE)
# "up 10% from July's", "10% more than in July", "rose 4% against June": the period a rate
# is measured against.
_ATTACHED = re.compile(
    r"^\s*(?:more|less|higher|lower|up|down|above|below)?\s*(?:from|against|compared\s+"
    r"(?:with|to)|than(?:\s+in)?|on|over|versus|vs\.?)\s+(?:the\s+)?$", re.IGNORECASE)


# "..., after a 6.6% decline in the first quarter": a later clause about what came before;
# its period is not the statement's.
_EARLIER_EVENT = re.compile(r",\s+(?:after|following)\s+", re.IGNORECASE)


# A figure introduced as the one compared with ("compared with $111 billion in 2023",
# "against $129.1 billion a year earlier", "up from $240.1 billion"): the period right after it
# is that figure's, not the statement's.
COMPARED_FIGURE_LEAD = re.compile(
    r"\b(?:from|against|compared\s+(?:with|to)|versus|vs\.?|than|below|above|beside)\s+"
    r"(?:the\s+|a\s+|about\s+|around\s+|some\s+)?$", re.IGNORECASE)
_GAP_TO_PERIOD = re.compile(r"^\s*(?:(?:recorded|reported|seen|registered|posted)\s+)?"
                            r"(?:in|for|during|of|at|over)?\s*$", re.IGNORECASE)
YEAR_EARLIER = re.compile(
    r"^\s*(?:(?:a|one)\s+year\s+(?:earlier|before|ago)|the\s+(?:previous\s+)?year\s+before|"
    r"in\s+the\s+same\s+(?:period|month|quarter|half)\s+(?:of\s+)?(?:last|the\s+previous)\s+"
    r"year)\b", re.IGNORECASE)


def _a_year_before(period: Period) -> Period:
    """The same period one year earlier ("$21.94 billion a year before" in a sentence about
    December 2024 is December 2023's)."""
    shifted = tuple((str(int(p[:4]) - 1) + p[4:], freq, cum) for p, freq, cum in
                    period.candidates)
    return replace(period, candidates=shifted, comparison=True)


def compared_figure(sentence: Span, at: int, end: int | None) -> bool:
    """Is the figure at text offsets `at`..`end` introduced as the one compared with?"""
    return end is not None and bool(COMPARED_FIGURE_LEAD.search(
        sentence.text[max(0, at - sentence.start - 40):at - sentence.start]))


def statement_periods(sentence: Span, clause: Span, at: int, as_of: date,
                      setting: Setting, end: int | None = None) -> tuple[list[Period], str]:
    """The periods a statement speaks of, best first, and where they were found ('clause',
    'sentence', 'comparison' for a figure a comparison introduces, or the setting's 'paragraph',
    'headline', 'lead'; '' for none). `at` and `end` are the figure's offsets in the text."""
    local = at - sentence.start
    local_end = (end if end is not None else at) - sentence.start
    found = find_periods_in(sentence, as_of, setting.year)
    for p in found:
        if p.comparison and p.end <= local and _POSSESSIVE_GAP.match(sentence.text[p.end:local]):
            return [p], "comparison"
    compared = compared_figure(sentence, at, end)
    if compared:
        for p in found:
            if p.start >= local_end and _GAP_TO_PERIOD.match(sentence.text[local_end:p.start]):
                return [replace(p, comparison=True)], "comparison"
    # a period right after a figure compared with is that figure's, not the statement's
    found = [p for p in found if not any(
        compared_figure(sentence, q_at, q_end) and p.start >= q_end - sentence.start
        and _GAP_TO_PERIOD.match(sentence.text[q_end - sentence.start:p.start])
        for q_at, q_end in _figures(sentence))]
    # a period in another part of the sentence counts (not one in a later ", after ..."
    # clause), but past a semicolon only one before the statement ("Jan–Jun: $106.5bn; exports
    # $47.2bn"), never one after it ("It was the top supplier for a second year; as recently
    # as 2022 it had been second")
    lo, hi = clause.start - sentence.start, clause.end - sentence.start
    first = sentence.text.rfind(";", 0, lo) + 1
    last = sentence.text.find(";", hi)
    last = len(sentence.text) if last < 0 else last
    own = [p for p in found if not p.comparison and p.end <= last
           and not (p.start >= hi and _EARLIER_EVENT.search(sentence.text[hi:p.start]))]
    if not any(first <= p.start for p in own):
        own = sorted(own, key=lambda p: -p.start)[:1]  # the latest before the statement
    in_clause = [p for p in own if lo <= p.start and p.end <= hi]

    def nearest(periods: list[Period]) -> list[Period]:
        """Nearest the figure: '$9.70 billion in July, against $10.37 billion in June'."""
        return sorted(periods, key=lambda p: p.start - local_end if p.start >= local_end
                      else max(0, local - p.end))

    if in_clause:
        chosen, where = nearest(in_clause), "clause"
    elif own:
        chosen, where = nearest(own), "sentence"
    elif setting.period is not None:
        chosen, where = [setting.period], setting.where
    else:
        return [], ""
    if compared and YEAR_EARLIER.match(sentence.text[local_end:]):
        return [_a_year_before(chosen[0])], "comparison"
    return chosen, where


def _figures(sentence: Span) -> list[tuple[int, int]]:
    """The text offsets of the sums and rates of a sentence."""
    return [(sentence.start + q.start, sentence.start + q.end)
            for q in find_quantities(sentence.text)]


def attached_comparison(sentence: Span, end: int, as_of: date,
                        setting: Setting) -> Period | None:
    """The period a rate ending at text offset `end` is measured against, if the words right
    after it name one ("up about 10% from July's")."""
    local = end - sentence.start
    for p in find_periods_in(sentence, as_of, setting.year):
        if p.comparison and p.start >= local and _ATTACHED.match(sentence.text[local:p.start]):
            return p
    return None


def find_periods_in(sentence: Span, as_of: date, year: int | None) -> list[Period]:
    return find_periods(sentence.text, as_of, year)

"""Events an article dates: "Russia's customs service stopped publishing its data in April
2022". A sentence states an event when it names a month and year (or a day) and shares enough
distinctive words with one of the snapshot's events (its label, detail and actor); the date it
gives is then checked against the event's, at the precision the sentence gives it.

Only in an article about China–Russia trade (etl/articles/finder.py), only for the events the
snapshot records, and never for a date in a clause with a figure of its own (there it is the
figure's period), so a date said of anything else is no statement.
"""

from __future__ import annotations

import re

import pandas as pd

from etl.articles.finder import Statement, about_china_russia
from etl.articles.numbers import find_quantities
from etl.articles.periods import MONTH_NAMES
from etl.articles.sentences import clauses, paragraphs, sentences

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_YEAR = r"(?:19|20)\d{2}"
# "in April 2022", "on 21 April 2022", "on April 21, 2022"
EVENT_DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+)?(?P<m>{_MONTH})\s+(?:(?P<d2>\d{{1,2}}),?\s+)?(?P<y>{_YEAR})\b")
# Words that say nothing of which event is meant
STOP = {"the", "and", "for", "from", "with", "that", "this", "its", "their", "has", "have",
        "had", "was", "were", "been", "said", "says", "since", "when", "after", "before", "into",
        "over", "than", "which", "who", "what", "also", "will", "would", "not", "all", "more",
        "russia", "russian", "china", "chinese", "beijing", "moscow", "trade", "year", "month",
        "days", "day", "announced", "dated", "between", "two", "countries"}
MIN_SHARED = 3  # distinctive words an event and a sentence must share
STEM = 4  # words compared by their first letters ("stopped" and "stops")


def _stems(words: str) -> set[str]:
    return {w[:STEM] for w in re.findall(r"[a-z]{3,}", words.lower()) if w not in STOP}


def _event_stems(events: pd.DataFrame) -> list[tuple[str, set[str]]]:
    out = []
    for row in events.to_dict("records"):
        words = " ".join(str(row.get(k) or "") for k in ("label", "detail", "actor"))
        out.append((row["event_id"], _stems(re.sub(r"\d+", " ", words))))
    return out


def _claimed(m: re.Match[str]) -> str:
    month = MONTH_NAMES[m.group("m").rstrip(".").lower()]
    day = m.group("d1") or m.group("d2")
    return f"{m.group('y')}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def find_event_statements(text: str, events: pd.DataFrame) -> list[Statement]:
    """Every sentence that dates one of the snapshot's events, with the date it gives."""
    if events is None or events.empty or not about_china_russia(text):
        return []
    known = _event_stems(events)
    found = []
    for paragraph in paragraphs(text):
        for sentence in sentences(paragraph):
            dates = list(EVENT_DATE_RE.finditer(sentence.text))
            if not dates:
                continue
            words = _stems(EVENT_DATE_RE.sub(" ", sentence.text))
            scored = sorted(((len(words & stems), event_id) for event_id, stems in known),
                            reverse=True)
            if not scored or scored[0][0] < MIN_SHARED:
                continue
            m = dates[0]
            at = sentence.start + m.start()
            if any(c.start <= at < c.end and find_quantities(c.text) for c in clauses(sentence)):
                continue  # "exports rose 5% in April 2024, customs statistics show": a period
            found.append(Statement(
                "other", "event", sentence.start, sentence.end, sentence.text, sentence,
                extra={"event_id": scored[0][1], "claimed": _claimed(m),
                       "claimed_text": m.group(0), "at": m.start()}))
    return found

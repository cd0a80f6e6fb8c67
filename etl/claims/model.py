"""What a claim is, and what evaluating one yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from etl.schema import OBSERVATION_COLUMNS
from etl.vocabulary import standard

# Verdict code -> label and -> meaning, from the one vocabulary (data/mappings/vocabulary.csv).
VERDICTS: dict[str, str] = standard().labels("verdict")
VERDICT_MEANING: dict[str, str] = standard().meanings("verdict")

EVIDENCE_COLUMNS = ["claim_id", "role", *OBSERVATION_COLUMNS, "period_end", "label"]
ROLES = {"evidence", "context", "since"}  # since = published or dated after the article


@dataclass(frozen=True)
class Article:
    title: str
    publisher: str
    author: str
    homepage: str
    url: str
    published: date
    date_note: str
    text: str  # the article text as stored in data/article/
    paragraphs: list[str]
    # per paragraph: its role (site, headline, caption, byline, label, body...) and whether it
    # is page furniture rather than the article's own text (data/article/*.furniture.csv)
    roles: list[str] = field(default_factory=list)
    furniture: list[bool] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    id: str
    topic: str
    quote: str
    speaker: str
    rule: str
    params: dict[str, Any]
    convention: str
    paragraph: int  # index into Article.paragraphs
    offset: int  # character offset of the quote in that paragraph


@dataclass
class Outcome:
    """What a rule returns."""

    verdict: str
    explanation: str  # one or two plain sentences
    evidence: pd.DataFrame  # EVIDENCE_COLUMNS minus claim_id: exactly what the chart draws
    chart: str  # how to draw the evidence: rank_timeline, value_timeline, statements, ...
    caveats: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # what would change the verdict
    convention_used: str = ""
    headline: str = ""  # the finding in a few words: the evidence chart's title
    chart_params: dict[str, Any] = field(default_factory=dict)  # e.g. the claimed value's line

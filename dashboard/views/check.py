"""A pasted article, checked (the /check page): the input read within its limits, the date it
is judged at, and the parts the page and its downloads show — the text in paragraphs with each
statement's span marked, one Chart per statement (drawn like a built-in claim's, through
views.claims.evidence_chart), the rows of the CSV download.

The checking itself is etl.articles.check.check_article; everything here is a pure function of
the text, its result and the snapshot's tables.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

import pandas as pd

from dashboard.chart import Chart
from dashboard.units import display, shown
from dashboard.views import claims as claim_views
from dashboard.views import common
from dashboard.vocabulary import value_words
from etl.articles.check import Budget, check_article
from etl.articles.check import Snapshot as Checker
from etl.articles.check import prepare as prepare_checker
from etl.articles.periods import find_article_date
from etl.articles.reading import from_text
from etl.claims.model import VERDICTS
from etl.errors import EtlError

MAX_TEXT_BYTES = 100 * 1024  # of UTF-8: what one article needs, well under the request cap
MAX_CHARTS = 25  # statements whose evidence is drawn, with its data table (the rest: sources)
# The most one /check request judges: 250 different statements (a statement repeated word for
# word counts once), within 2.5 seconds of CPU time. Chosen from measurement (December 2026,
# bundled snapshot, this 2-core machine): the 1,076-word benchmark article holds 78 statements
# and the whole evaluation corpus (46 articles, 4,461 words) 231, so 250 covers a 3,000-word
# article as dense as the benchmark's; judging takes 7-10 ms a statement (250: about 2 s) and
# finding the statements of a 100 KB paste about 0.7 s, so with the page built for the
# statements checked (about 1 s for 250 cards) the worst 100 KB pastes of `python -m benchmarks
# --only articles` (over 2,000 different statements) answer in about 3.5 s. The time limit is
# the backstop for slower statements or a busy machine. The command line (`python -m etl
# check-article`) has no limit.
MAX_STATEMENTS = 250
MAX_CHECK_SECONDS = 2.5
BUDGET = Budget(statements=MAX_STATEMENTS, seconds=MAX_CHECK_SECONDS)
WHOLE_TEXT_COMMAND = "python -m etl check-article FILE"
SOURCE = "pasted text"
TOPIC_WORDS = {
    "trade_value": "Trade value", "growth": "Growth", "rank": "Rank", "energy": "Energy",
    "currency": "Settlement currency", "commodity": "Commodity", "target": "Target",
    "other": "Other",
}
CSV_COLUMNS = ["statement", "quote", "start", "end", "topic", "metric", "reporter", "partner",
               "flow", "period", "value", "unit", "currency", "verdict", "verdict_label",
               "explanation", "source_ids", "publishers", "tiers", "urls", "as_of",
               "data_version"]
# the columns an observation is known by, to find the words and speaker of an evidence row
_WORDS_KEY = ["indicator", "reporter", "partner", "flow", "commodity", "currency", "period",
              "freq", "source_id"]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


class CheckInputError(ValueError):
    """What is wrong with the visitor's input, in words to show next to the box."""


@dataclass(frozen=True)
class CheckBase:
    """What a check reads, prepared once per snapshot version."""

    checker: Checker  # the tables made ready for check_article
    words: dict[tuple[str, ...], tuple[str, str]]  # officials' figures: speaker and words
    documents: pd.DataFrame  # the sources by source_id (what computed figures cite)
    indicator_labels: dict[str, str]


def prepare(tables: dict[str, pd.DataFrame], version: str) -> CheckBase:
    indicators = tables.get("indicators")
    labels = ({} if indicators is None
              else dict(zip(indicators["indicator"], indicators["label"], strict=True)))
    return CheckBase(checker=prepare_checker(tables, version),
                     words=statement_words(tables["observations"]),
                     documents=common.documents(tables["sources"]),
                     indicator_labels=labels)


def size_words(n_bytes: int) -> str:
    return f"{n_bytes / 1024:,.1f} KB"


def too_large_words(size: str) -> str:
    """What the page says of a text over the limit (`size`: how large it is, in words; the
    browser fills it in as the text is typed, assets/check.js)."""
    return (f"This text is {size}; at most {MAX_TEXT_BYTES // 1024} KB ({MAX_TEXT_BYTES:,} "
            "bytes of UTF-8) can be checked at once. Check the article in parts, or leave out "
            "what is not the article (comments, menus, related links).")


def too_large(n_bytes: int) -> str:
    return too_large_words(size_words(n_bytes))


def read_text(raw: Any) -> str:
    """The pasted text, if it is text within the limit (else CheckInputError)."""
    if not isinstance(raw, str) or not raw.strip():
        raise CheckInputError("Paste the text of an article (plain text or HTML) into the box, "
                              "then press Check.")
    n_bytes = len(raw.encode("utf-8", "surrogatepass"))
    if n_bytes > MAX_TEXT_BYTES:
        raise CheckInputError(too_large(n_bytes))
    return raw


def parse_as_of(raw: Any) -> date | None:
    """The date field: empty is None (found in the text, or today); else YYYY-MM-DD."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = str(raw).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CheckInputError(f"“{text[:20]}” is not a date: write it as YYYY-MM-DD (e.g. "
                              "2025-05-07), or leave the field empty to use the date found in "
                              "the text.") from None


def judged_at(given: date | None, found_in_page: date | None, text: str,
              today: date) -> tuple[date, str]:
    """The date the statements are judged at, and where it came from — in the order the
    command line uses (`etl check-article`): the field, the page's metadata, the dateline,
    today."""
    if given is not None:
        return given, "the date given"
    if found_in_page is not None:
        return found_in_page, "the page's metadata"
    dateline = find_article_date(text)
    if dateline is not None:
        return dateline, "the article's dateline"
    return today, "today (no date given or found)"


def check_pasted(base: CheckBase, raw: Any, as_of: Any, today: date,
                 source: str = SOURCE, budget: Budget | None = None) -> dict[str, Any]:
    """The `check-article --json` object for a pasted text, within `budget` (default: the
    page's, BUDGET; `coverage` says what it left out), with the text as read (`text`: what
    the offsets index; for HTML, the extracted article text). CheckInputError says what to
    change when the input cannot be checked."""
    pasted = read_text(raw)
    given = parse_as_of(as_of)
    try:
        article = from_text(pasted)
    except EtlError as exc:
        raise CheckInputError(f"Nothing to check: {exc}.") from None
    when, where = judged_at(given, article.date, article.text, today)
    # the time limit counts this thread's CPU time: what the check costs the worker, however
    # busy the machine (wall time on a loaded machine would cut a long real article)
    result = check_article(article.text, base.checker, when, budget or BUDGET,
                           clock=time.thread_time)
    return {"source": source, "as_of_source": where, "html": article.was_html, **result,
            "text": article.text}


def public_result(checked: dict[str, Any]) -> dict[str, Any]:
    """The result as `check-article --json` prints it (the text as read is not part of it)."""
    return {k: v for k, v in checked.items() if k != "text"}


def coverage_words(coverage: dict[str, Any] | None) -> str:
    """What the page says when the budget stopped the check (else ""): how many statements
    were checked of how many found, what stopped it, and the command for the whole text."""
    if not coverage or not coverage.get("stopped"):
        return ""
    checked, found = coverage["checked"], coverage["statements"]
    why = ("the most one check on this page may take" if coverage["stopped"] == "statements"
           else f"all it could in {coverage['max_seconds']:g} seconds of computing, the most "
           "one check on this page may take")
    if coverage["read_chars"] >= coverage["text_chars"]:
        what = f"the first {checked:,} of the {found:,} different statements found in this text"
    else:
        what = (f"the first {checked:,} different statements of this text, and stopped "
                f"reading it at character {coverage['read_chars']:,} of "
                f"{coverage['text_chars']:,}, with {found:,} found so far")
    return (f"This page checked {what} ({why}). Only the {coverage['places_checked']:,} "
            "places where those stand are marked below and in the downloads. For the whole "
            f"text, save it to a file and run `{WHOLE_TEXT_COMMAND}` (the command line checks "
            "every statement).")


def repeats_words(coverage: dict[str, Any] | None) -> str:
    """What the page says when statements repeat (else "")."""
    if not coverage:
        return ""
    repeats = coverage["places_checked"] - coverage["checked"]
    if repeats <= 0:
        return ""
    return (f"{repeats:,} place{'s' if repeats != 1 else ''} of the text repeat a statement "
            "found earlier in it, word for word: each was checked once, and each place is "
            "marked with its verdict and linked to its card.")


# --- the text, marked --------------------------------------------------------------------------
@dataclass(frozen=True)
class Segment:
    text: str
    statements: tuple[int, ...]  # indexes (0-based) of the statements this piece belongs to


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]
    statements: tuple[int, ...]  # the statements that start in it, in text order


def marked_paragraphs(text: str, claims: list[dict[str, Any]]) -> list[Paragraph]:
    """The text as paragraphs (its non-empty lines), each cut into pieces at the statements'
    offsets; a piece knows every statement covering it (statements may overlap: one sentence
    can state a total and its growth)."""
    out = []
    offset = 0
    # one sweep over the statements in order of their start, keeping those that may still
    # reach the current line (a long text has thousands of lines and of statements)
    order = sorted(range(len(claims)), key=lambda i: claims[i]["start"])
    ahead, active = 0, []
    for line in text.split("\n"):
        start, end = offset + len(line) - len(line.lstrip()), offset + len(line.rstrip())
        offset += len(line) + 1
        if start >= end:
            continue
        while ahead < len(order) and claims[order[ahead]]["start"] < end:
            active.append(order[ahead])
            ahead += 1
        active = [i for i in active if claims[i]["end"] > start]
        inside = [(i, max(claims[i]["start"], start), min(claims[i]["end"], end))
                  for i in sorted(active)]
        cuts = sorted({start, end, *[s for _, s, _ in inside], *[e for _, _, e in inside]})
        segments = []
        for left, right in pairwise(cuts):
            covering = tuple(i for i, s, e in inside if s <= left and right <= e)
            segments.append(Segment(text[left:right], covering))
        firsts = tuple(i for i, _s, _e in inside if start <= claims[i]["start"] < end)
        out.append(Paragraph(tuple(segments), firsts))
    return out


def reason(explanation: str, limit: int = 220) -> str:
    """The first sentence of an explanation, for the summary's one line."""
    first = _SENTENCE_END.split(explanation.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


# --- one statement's evidence, as a Chart ------------------------------------------------------
def statement_words(observations: pd.DataFrame) -> dict[tuple[str, ...], tuple[str, str]]:
    """Who said each figure an official stated, and in which words, by the observation's key
    (the checker's evidence rows leave both out; a statement's chart tells officials' words
    from statistics by them)."""
    said = observations[observations["speaker"].astype(str) != ""]
    keys = zip(*[said[c].astype(str) for c in _WORDS_KEY], strict=True)
    return dict(zip(keys, zip(said["speaker"].astype(str), said["quote"].astype(str),
                              strict=True), strict=True))


EVIDENCE_COLUMNS = list(dict.fromkeys([*claim_views.EXPORT_COLUMNS,
                                       *claim_views.EVENT_EXPORT_COLUMNS]))


def evidence_frame(claim: dict[str, Any],
                   words: dict[tuple[str, ...], tuple[str, str]] | None = None) -> pd.DataFrame:
    """A statement's evidence rows with every column a claim's chart reads (blank where the
    checker gives none), and the speaker and words of officials' figures from `words`
    (statement_words)."""
    rows = []
    for found in claim.get("evidence") or []:
        row = {c: "" if found.get(c) is None else found.get(c, "") for c in EVIDENCE_COLUMNS}
        key = tuple("" if found.get(c) is None else str(found.get(c)) for c in _WORDS_KEY)
        if words and key in words:
            row["speaker"], row["quote"] = words[key]
        row["period_end"] = row["period_end"] or row["period"]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame["cumulative"] = frame["cumulative"].map(lambda v: v is True).astype(bool)
    return frame


def claimed_params(claim: dict[str, Any]) -> dict[str, float]:
    """The figure the statement gives, in the unit its chart shows (for the reference line)."""
    value, unit = claim.get("value"), claim.get("unit") or ""
    if value is None or not unit:
        return {}
    divisor, _label = display(unit)
    return {"claimed": float(value) / divisor}


def chart_title(claim: dict[str, Any], evidence: pd.DataFrame,
                indicator_labels: dict[str, str]) -> str:
    """The finding: the measure, its period and the figure the data give for it (from the
    snapshot's words, never the pasted text)."""
    main = evidence[evidence["role"] == "evidence"] if not evidence.empty else evidence
    metric = claim.get("metric") or ""
    if not main.empty and metric in set(main["indicator"]):
        main = main[main["indicator"] == metric]
    if main.empty:
        topic = TOPIC_WORDS.get(claim.get("topic") or "", "Statement")
        return f"{topic}: {VERDICTS.get(claim.get('verdict'), claim.get('verdict'))}"
    row = main.iloc[0]
    values, units = shown(pd.Series([row["value"]], dtype="float64"), pd.Series([row["unit"]]))
    words = indicator_labels.get(row["indicator"], str(row["indicator"]).replace("_", " "))
    when = row["label"] or row["period"]
    figure = ("" if pd.isna(values.iloc[0])
              else ": " + value_words(values.iloc[0], units.iloc[0], str(row["qualifier"])))
    return f"{words}, {when}{figure}"


def statement_chart(base: CheckBase, claim: dict[str, Any], n: int, as_of: str) -> Chart:
    """Statement `n`'s evidence chart (`claim-<n>` in /check's links and ClaimReview)."""
    evidence = evidence_frame(claim, base.words)
    title = chart_title(claim, evidence, base.indicator_labels)
    return claim_views.evidence_chart(f"claim-{n}", evidence, title, as_of=as_of,
                                      params=claimed_params(claim), documents=base.documents)


# --- the CSV: one row per statement ------------------------------------------------------------
def _joined(evidence: list[dict[str, Any]], key: str) -> str:
    values = [str(e.get(key) or "") for e in evidence]
    return ";".join(dict.fromkeys(v for v in values if v))


def csv_frame(result: dict[str, Any]) -> pd.DataFrame:
    """One row per statement: what it says, where it stands, its reading, its verdict and the
    documents of its evidence (";"-separated, each once, in the order of the evidence)."""
    rows = []
    for n, claim in enumerate(result.get("claims", []), start=1):
        evidence = claim.get("evidence") or []
        rows.append({
            **{k: claim.get(k) for k in CSV_COLUMNS if k in claim},
            "statement": n,
            "source_ids": _joined(evidence, "source_id"),
            "publishers": _joined(evidence, "publisher"),
            "tiers": _joined(evidence, "tier"),
            "urls": _joined(evidence, "url"),
            "as_of": result.get("as_of", ""),
            "data_version": result.get("data_version", ""),
        })
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame

"""Wording: the English the rules write their explanations in, from the numbers they found.

Words for codes (conventions, bounds, tiers) come from the one vocabulary
(data/mappings/vocabulary.csv); sentences written for one article live in data/claims.yaml and
reach the rules as parameters. Nothing here chooses evidence (etl/claims/evidence.py does).
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from etl.claims.context import Context, tier_rank
from etl.claims.evidence import best, chronological, select, split_by_date, stack
from etl.derive.common import fmt
from etl.periods import label, year_of
from etl.vocabulary import bound_word, convention_phrase, ordinal, rank_words, standard

__all__ = ["bound_word", "convention_phrase", "ordinal"]


def value_text(row: pd.Series) -> str:
    """'US$244.81 bn', 'at least 90%', '5th', or the quote when there is no number."""
    if pd.isna(row["value"]):
        return f"“{row['quote']}”" if row["quote"] else "(no figure)"
    if row["unit"] == "rank":
        return rank_text(row)
    return bound_word(row["qualifier"]) + fmt(row["value"], row["unit"])


def rank_text(row: pd.Series) -> str:
    """'5th', 'in the top 5' (5th or better), '6th or lower' (6th or worse)."""
    return rank_words(row["value"], row["qualifier"])


def when(row: pd.Series) -> str:
    """'in 2024', 'in Jan–Aug 2023', 'on 17 May 2024'."""
    text = label(row["period"], row["freq"], row["cumulative"])
    return f"on {text}" if row["freq"] == "D" else f"in {text}"


def short_speaker(row: pd.Series) -> str:
    """The speaker up to the first comma outside parentheses: 'Andrei Belousov (First Deputy
    PM), Intergovernmental Commission...' -> 'Andrei Belousov (First Deputy PM)'."""
    text, depth = str(row["speaker"]), 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            return text[:i].strip()
    return text.strip()


def upper_first(text: str) -> str:
    """'counting countries only' -> 'Counting countries only' (the rest left as it is)."""
    return text[:1].upper() + text[1:]


def sentence_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def weekday(day: str) -> str:
    return calendar.day_name[date.fromisoformat(day).weekday()]


def tier_note(ctx: Context, rows: pd.DataFrame, what: str = "this figure") -> str:
    """A sentence saying so when the best evidence for a figure is below a news agency's report:
    'Only press reports give this figure.' or 'Only reprints (copies of TASS's report) give
    this figure; the original was not found.' Empty when a wire or official source supports it."""
    if rows.empty:
        return ""
    tiers = {ctx.tier(row) for _, row in rows.iterrows()}
    best_tier = min(tiers, key=tier_rank)
    if tier_rank(best_tier) <= tier_rank("wire"):
        return ""
    phrase = standard().phrases("tier").get(best_tier, best_tier)
    if best_tier == "reprint":
        originals = []
        for _, row in rows.iterrows():
            source = ctx.source(str(row["source_id"]))
            original = "" if source is None else str(source.get("original_publisher", ""))
            if original and original not in originals:
                originals.append(original)
        named = f" (copies of {sentence_list(originals)})" if originals else ""
        return (f"Only {phrase}{named} give {what}; the original publication is not in the "
                "snapshot.")
    return f"Only {phrase} give {what}."


def context_sentences(
    ctx: Context, queries: list[dict], start_year: int | None = None
) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """For each query: its earliest and latest values before the article, in one sentence."""
    sentences, before_rows, after_rows = [], [], []
    for query in queries:
        rows = select(ctx.obs, **{k: v for k, v in query.items() if k != "label"})
        rows = rows[rows["value"].notna()]
        before, after = split_by_date(rows, ctx.as_of)
        if start_year is not None:
            before = before[before["period"].map(year_of) >= start_year - 1]
        if before.empty:
            continue
        ordered = chronological(best(before, ["period", "freq", "cumulative"], ctx))
        first, last = ordered.iloc[0], ordered.iloc[-1]
        if first["period"] == last["period"]:
            sentences.append(
                f"{query['label']}: {value_text(last)} {when(last)} ({ctx.cite(last)})"
            )
        else:
            sentences.append(
                f"{query['label']}: {value_text(first)} {when(first)} → "
                f"{value_text(last)} {when(last)}"
            )
        before_rows.append(before)
        after_rows.append(after)
    return sentences, stack(before_rows), stack(after_rows)


def first_sentence(text: str) -> str:
    """The first sentence of an explanation: its finding, with the source and date it cites in
    parentheses (a full stop inside parentheses or quotes, or before a digit or a lower-case
    word, does not end a sentence)."""
    depth, quoted = 0, False
    for i, char in enumerate(text):
        if char in "(“[":
            depth += 1
        elif char in ")”]":
            depth = max(depth - 1, 0)
        elif char == '"':
            quoted = not quoted
        elif char in ".!?" and depth == 0 and not quoted:
            rest = text[i + 1:]
            if not rest.strip():
                return text.strip()
            if rest[:1] == " " and rest.lstrip()[:1].isupper():
                return text[: i + 1].strip()
    return text.strip()

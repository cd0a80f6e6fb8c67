"""One vocabulary: ranking conventions, qualifiers, verdicts (with their colours and icons),
source tiers and row statuses, read from data/mappings/vocabulary.csv.

Every word a reader sees for these codes comes from that file, through this module: the data
contract (etl/schema.py) takes its allowed codes from it, the claim rules their phrases, and the
snapshot publishes it as the `vocabulary` table for the dashboard and the exports. The file is
part of the code's contract, so it is read from the repository, not from $ETL_DATA_DIR.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pandas as pd

from etl.config import REPO_ROOT
from etl.errors import ValidationError

VOCABULARY_FILE = REPO_ROOT / "data" / "mappings" / "vocabulary.csv"
VOCABULARY_COLUMNS = ["group", "code", "label", "phrase", "meaning", "colour", "icon", "rank"]
GROUPS = ("convention", "qualifier", "rank_qualifier", "verdict", "tier", "status")


@dataclass(frozen=True)
class Vocabulary:
    table: pd.DataFrame  # VOCABULARY_COLUMNS, all text

    @cached_property
    def _columns(self) -> dict[tuple[str, str], dict[str, str]]:
        # every (group, column) -> {code: text} once: a page's hover texts and source lines
        # ask for a few hundred words, and filtering the table each time cost a third of the
        # article page's first render
        return {
            (group, column): dict(zip(rows["code"], rows[column], strict=True))
            for group, rows in self.table.groupby("group", sort=False)
            for column in VOCABULARY_COLUMNS
        }

    def _column(self, group: str, column: str) -> dict[str, str]:
        return dict(self._columns.get((group, column), {}))

    def codes(self, group: str) -> list[str]:
        rows = self.table[self.table["group"] == group]
        return list(rows.sort_values("rank", key=_rank_key, kind="mergesort")["code"])

    def labels(self, group: str) -> dict[str, str]:
        return self._column(group, "label")

    def phrases(self, group: str) -> dict[str, str]:
        return self._column(group, "phrase")

    def meanings(self, group: str) -> dict[str, str]:
        return self._column(group, "meaning")

    def colours(self, group: str) -> dict[str, str]:
        return self._column(group, "colour")

    def icons(self, group: str) -> dict[str, str]:
        return self._column(group, "icon")

    def ranks(self, group: str) -> dict[str, int]:
        return {code: int(rank) for code, rank in self._column(group, "rank").items() if rank}


def _rank_key(ranks: pd.Series) -> pd.Series:
    return pd.to_numeric(ranks, errors="coerce").fillna(-1)


def read_vocabulary(path: Path) -> Vocabulary:
    """Read and check a vocabulary file: every column present, known groups, no duplicates."""
    if not path.exists():
        raise ValidationError(f"vocabulary {path}", [f"{path} is missing; restore it from git"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    problems = [f"missing column {c}" for c in VOCABULARY_COLUMNS if c not in table.columns]
    if not problems:
        unknown = sorted(set(table["group"]) - set(GROUPS))
        if unknown:
            problems.append(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")
        duplicated = table[table.duplicated(["group", "code"], keep=False)]
        problems += [f"line {i + 2}: {r.group} {r.code!r} is defined twice"
                     for i, r in duplicated.iterrows()]
    if problems:
        raise ValidationError(f"vocabulary {path.name}", problems)
    return Vocabulary(table[VOCABULARY_COLUMNS].reset_index(drop=True))


@cache
def standard() -> Vocabulary:
    """The committed vocabulary (read once per process)."""
    return read_vocabulary(VOCABULARY_FILE)


def ordinal(n: float) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bound_word(qualifier: str) -> str:
    """The word before a bounded figure: 'at least ', 'at most ', 'about ', or ''."""
    word = standard().phrases("qualifier").get(qualifier, "")
    return f"{word} " if word else ""


def rank_words(rank: float, qualifier: str) -> str:
    """'5th', 'in the top 5' (5th or better), '6th or lower'."""
    template = standard().phrases("rank_qualifier").get(qualifier) or "{ordinal}"
    return template.format(ordinal=ordinal(rank), number=f"{rank:.0f}")


def tier_words(tier: str, original_publisher: str = "") -> str:
    """'news agency', 'official statistics', 'reprint of TASS' ('' for a computed figure)."""
    if not tier:
        return ""
    label = standard().labels("tier").get(tier, tier)
    if tier == "reprint" and original_publisher:
        return f"{label.lower()} of {original_publisher}"
    return label if tier == "official" else label.lower()


def convention_phrase(basis: str) -> str:
    """'counting countries only', ... for a ranking convention code."""
    return standard().phrases("convention").get(basis, "")

"""The words the dashboard shows for the data's codes (conventions, bounds, ranks), from the
project's one vocabulary: data/mappings/vocabulary.csv, read by etl.vocabulary (the ETL, the
claims and the exports use the same file; the snapshot publishes it as its `vocabulary` table).

Shared by the views (titles, options, notes) and the figures (legends, hover text), so a
convention or a bound reads the same on every chart and page. The long definitions of the
conventions are etl.schema.BASES (the vocabulary's meanings).
"""

from __future__ import annotations

from functools import cache

from dashboard.units import fmt_value
from etl.schema import RANK_CONVENTIONS
from etl.vocabulary import bound_word, rank_words, standard

# basis -> its short name (legends, controls)
CONVENTIONS: dict[str, str] = {code: label for code, label in
                               standard().labels("convention").items() if code}
# the conventions a table of partners can be ranked under, in the pipeline's order
RANKED: dict[str, str] = {basis: CONVENTIONS[basis] for basis in RANK_CONVENTIONS}


def convention_label(basis: str) -> str:
    return CONVENTIONS.get(basis, basis)


def convention_phrase(basis: str) -> str:
    """The convention inside a sentence: "counting countries only"."""
    return standard().phrases("convention").get(basis) or convention_label(basis)


def value_words(value: float, unit_shown: str, qualifier: str) -> str:
    """A shown value with its bound: "at least US$240.1 bn", "about 12.5%", "5th or lower"."""
    if unit_shown == "rank" and value == value:  # (not NaN)
        return rank_words(value, qualifier)
    return bound_word(qualifier) + fmt_value(value, unit_shown)


ROLE_WORDS = {"evidence": "Evidence", "context": "Context", "since": "After the article"}
FLOW_WORDS = {"export": "Exports", "import": "Imports", "total": "Total trade",
              "balance": "Balance"}
FREQ_WORDS = {"A": "Annual", "Q": "Quarterly", "H": "Half-year", "M": "Monthly", "D": "Daily"}


@cache
def column_words() -> dict[str, dict[str, str]]:
    """column -> {code: word} for the codes every table may carry (conventions, bounds,
    statuses, source tiers, roles, flows, frequencies), from the one vocabulary."""
    vocabulary = standard()
    qualifiers = {code: vocabulary.phrases("qualifier").get(code) or label
                  for code, label in vocabulary.labels("qualifier").items()}
    return {
        "basis": dict(CONVENTIONS),
        "qualifier": qualifiers,
        "status": vocabulary.labels("status"),
        "tier": vocabulary.labels("tier"),
        "role": ROLE_WORDS,
        "flow": FLOW_WORDS,
        "freq": FREQ_WORDS,
    }

"""The words the dashboard shows for the data's codes (conventions, bounds, ranks), from the
project's one vocabulary: data/mappings/vocabulary.csv, read by etl.vocabulary (the ETL, the
claims and the exports use the same file; the snapshot publishes it as its `vocabulary` table).

Shared by the views (titles, options, notes) and the figures (legends, hover text), so a
convention or a bound reads the same on every chart and page. The long definitions of the
conventions are etl.schema.BASES (the vocabulary's meanings).
"""

from __future__ import annotations

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

"""The words the dashboard shows for the data's codes: conventions and qualifiers.

Shared by the views (titles, options, notes) and the figures (legends, hover text), in one place
so a convention or a bound reads the same on every chart and page.

Hook: when the snapshot publishes the project's vocabulary table (conventions, qualifiers, verdict
words and colours; issue 9), these dictionaries are to be read from it instead of written here.
The long definitions of the conventions stay in etl.schema.BASES.
"""

from __future__ import annotations

from etl.schema import RANK_CONVENTIONS

# basis -> its short name (legends, controls)
CONVENTIONS: dict[str, str] = {
    "countries_only": "Countries only",
    "incl_hk_tw": "Hong Kong & Taiwan counted",
    "blocs_as_units": "EU & ASEAN as blocs",
    "mixed": "Mixed convention",
    "unspecified": "Convention not stated",
    "volume": "By volume",
}
# the conventions a table of partners can be ranked under, in the pipeline's order
RANKED: dict[str, str] = {basis: CONVENTIONS[basis] for basis in RANK_CONVENTIONS}

# qualifier -> the word before a shown value; a rank's bound reads the other way round
BOUND_WORDS: dict[str, str] = {"lower_bound": "at least ", "upper_bound": "at most ",
                               "approx": "about "}
RANK_BOUND_WORDS: dict[str, str] = {"lower_bound": "at best ", "upper_bound": "at worst ",
                                    "approx": "about "}


def convention_label(basis: str) -> str:
    return CONVENTIONS.get(basis, basis)


def convention_phrase(basis: str) -> str:
    """The short name inside a sentence: "(countries only)", "(EU & ASEAN as blocs)"."""
    label = convention_label(basis)
    return label[0].lower() + label[1:] if label.startswith("Countries") else label


def bound_word(qualifier: str, unit_shown: str = "") -> str:
    """"at least ", "about "... before a value with this qualifier ("" for an exact one)."""
    words = RANK_BOUND_WORDS if unit_shown == "rank" else BOUND_WORDS
    return words.get(qualifier, "")

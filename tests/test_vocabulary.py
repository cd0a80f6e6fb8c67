"""One vocabulary (data/mappings/vocabulary.csv, read through etl/vocabulary.py): conventions,
qualifiers, verdicts with their colours, tiers and statuses are defined once, used by the
data contract and the claim rules, and published with the snapshot."""

from __future__ import annotations

import json

import pytest

from etl.claims.model import VERDICT_MEANING, VERDICTS
from etl.errors import ValidationError
from etl.schema import BASES, QUALIFIERS, STATUSES, TIERS
from etl.vocabulary import bound_word, rank_words, read_vocabulary, standard


def test_the_contract_takes_its_codes_from_the_vocabulary():
    vocabulary = standard()

    assert set(BASES) == set(vocabulary.codes("convention"))
    assert set(vocabulary.codes("qualifier")) == QUALIFIERS
    assert set(vocabulary.codes("status")) == STATUSES
    assert {"official", "wire", "press", "reprint"} == TIERS
    assert vocabulary.labels("verdict") == VERDICTS
    assert vocabulary.meanings("verdict") == VERDICT_MEANING


def test_every_verdict_has_a_label_a_meaning_a_colour_and_an_icon():
    vocabulary = standard()
    verdicts = vocabulary.codes("verdict")

    assert "unresolved" in verdicts
    assert vocabulary.meanings("verdict")["unresolved"].startswith(
        "Found, but the data cannot settle it")
    for code in verdicts:
        assert vocabulary.labels("verdict")[code]
        assert vocabulary.colours("verdict")[code].startswith("#")
        assert vocabulary.icons("verdict")[code]


def test_one_wording_for_each_bound():
    assert bound_word("lower_bound") == "at least "
    assert bound_word("upper_bound") == "at most "
    assert bound_word("approx") == "about "
    assert bound_word("exact") == ""
    assert rank_words(6, "lower_bound") == "6th or lower"
    assert rank_words(5, "upper_bound") == "in the top 5"


def test_tiers_rank_official_first_and_reprints_last():
    ranks = standard().ranks("tier")

    assert sorted(ranks, key=ranks.get) == ["official", "wire", "press", "reprint"]


def test_a_vocabulary_with_a_code_defined_twice_is_refused(tmp_path):
    path = tmp_path / "vocabulary.csv"
    path.write_text("group,code,label,phrase,meaning,colour,icon,rank\n"
                    "tier,wire,A,,,,,1\ntier,wire,B,,,,,1\n", encoding="utf-8")

    with pytest.raises(ValidationError, match="tier 'wire' is defined twice"):
        read_vocabulary(path)


def test_the_snapshot_publishes_the_vocabulary(built_tables):
    published = built_tables["vocabulary"]

    assert published.equals(standard().table)


def test_no_explanation_says_more_than_for_a_lower_bound(built_tables):
    claims = built_tables["claims"]
    texts = " ".join(claims["explanation"]) + " ".join(
        " ".join(json.loads(c)) for c in claims["caveats"])

    assert "at least" in texts
    assert "more than 90%" not in texts and "more than 80%" not in texts

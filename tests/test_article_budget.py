"""check_article within a budget: a statement repeated word for word is judged once and its
result shown at every place; a Budget stops the judging at a number of different statements or
a time, and `coverage` says what was found, what was checked and how far the text was read.
The command line has no budget."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from etl.articles import check as checker
from etl.articles.check import Budget, check_article
from etl.articles.sentences import MAX_SENTENCE, Span, sentences
from tests.helpers import BUDGET_ARTICLE, VARIED_STATEMENTS

DAY = date(2025, 5, 7)
ARTICLE, VARIED = BUDGET_ARTICLE, VARIED_STATEMENTS


def judged_count(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the statements the rules are asked to judge."""
    calls: list[int] = []
    real = checker._judge
    monkeypatch.setattr(checker, "_judge", lambda *a: calls.append(1) or real(*a))
    return calls


def test_a_repeated_text_is_judged_once_and_shown_at_every_place(article_snapshot,
                                                                  monkeypatch):
    once = check_article(ARTICLE, article_snapshot, DAY)["claims"]
    calls = judged_count(monkeypatch)
    text = "\n\n".join([ARTICLE] * 6)
    claims = check_article(text, article_snapshot, DAY)["claims"]

    # the first copy reads the dateline and the opening paragraph as such; every later copy
    # is read alike, so the second copy's statements are judged and the other four reuse them
    assert len(claims) == 6 * len(once)
    assert len(calls) <= 2 * len(once)
    repeats = [c for c in claims if c["repeat_of"]]
    assert len(repeats) >= 4 * len(once)
    for claim in repeats:
        first = claims[claim["repeat_of"] - 1]
        assert first["repeat_of"] is None
        assert text[claim["start"]:claim["end"]] == claim["quote"] == first["quote"]
        assert claim["start"] > first["start"]
        assert (claim["verdict"], claim["explanation"], claim["evidence"]) == (
            first["verdict"], first["explanation"], first["evidence"])


def test_reusing_a_repeated_statement_gives_what_judging_it_again_gives(article_snapshot,
                                                                       monkeypatch):
    text = "\n\n".join([ARTICLE, VARIED, ARTICLE, VARIED])
    reused = check_article(text, article_snapshot, DAY)["claims"]
    fresh = itertools.count()  # every statement its own key: nothing is reused
    monkeypatch.setattr(checker, "reading_key", lambda *_: str(next(fresh)))
    judged = check_article(text, article_snapshot, DAY)["claims"]

    def without_link(claims):
        return [{k: v for k, v in c.items() if k != "repeat_of"} for c in claims]

    assert any(c["repeat_of"] for c in reused)
    assert without_link(reused) == without_link(judged)


def test_the_same_words_read_in_another_period_context_are_judged_apart(article_snapshot):
    # "in the same period" takes its period from the sentence before it in the paragraph
    text = ("China–Russia trade reached $240.1 billion in 2023.\n\n"
            "In 2024, China–Russia trade rose. Trade grew 1.9% in the same period.\n\n"
            "In 2023, China–Russia trade rose. Trade grew 1.9% in the same period.")
    claims = check_article(text, article_snapshot, DAY)["claims"]
    growth = [c for c in claims if c["quote"].startswith("Trade grew 1.9%")]
    assert len(growth) == 2
    assert growth[1]["repeat_of"] is None
    assert growth[0]["period"] != growth[1]["period"]


def test_a_budget_of_statements_checks_the_first_ones_and_counts_the_rest(article_snapshot,
                                                                         monkeypatch):
    everything = check_article(VARIED, article_snapshot, DAY)
    calls = judged_count(monkeypatch)
    capped = check_article(VARIED, article_snapshot, DAY, Budget(statements=15))

    assert len(calls) == 15
    assert capped["claims"] == everything["claims"][:15]
    assert capped["coverage"] == {
        "places": 40, "statements": 40, "checked": 15, "places_checked": 15,
        "stopped": "statements", "read_chars": len(VARIED), "text_chars": len(VARIED),
        "max_statements": 15, "max_seconds": None}
    assert everything["coverage"]["stopped"] == ""
    assert everything["coverage"]["checked"] == 40


def test_repeats_of_checked_statements_are_shown_past_the_budget(article_snapshot):
    text = VARIED + "\n\n" + VARIED
    capped = check_article(text, article_snapshot, DAY, Budget(statements=5))
    coverage = capped["coverage"]
    assert (coverage["checked"], coverage["statements"], coverage["places"]) == (5, 40, 80)
    assert coverage["places_checked"] == 10  # the five, and their five repeats further on
    assert [c["repeat_of"] for c in capped["claims"][5:]] == [1, 2, 3, 4, 5]


def test_a_time_budget_stops_judging_and_reading_where_it_runs_out(article_snapshot):
    ticks = itertools.count()  # a clock that advances one second each time it is read
    result = check_article(VARIED, article_snapshot, DAY, Budget(seconds=10),
                           clock=lambda: float(next(ticks)))
    coverage = result["coverage"]
    assert coverage["stopped"] == "time"
    assert 0 < coverage["checked"] < 40
    assert coverage["checked"] == len(result["claims"])
    stop = coverage["read_chars"]
    assert result["claims"][-1]["end"] <= stop < len(VARIED)
    assert VARIED[stop:].startswith("China's exports to Russia")  # at the next statement


def test_a_run_on_sentence_is_read_in_pieces_of_bounded_length():
    text = ", ".join(f"trade rose {i}% to ${i} billion" for i in range(400))
    pieces = sentences(Span(0, len(text), text))
    assert len(pieces) > 1
    for piece in pieces:
        assert len(piece.text) <= MAX_SENTENCE
        assert text[piece.start:piece.end] == piece.text
    assert "".join(p.text for p in pieces).replace(" ", "").replace(",", "") == \
        text.replace(" ", "").replace(",", "")


def test_the_command_line_has_no_budget(article_snapshot, monkeypatch, tmp_path):
    from etl.articles import commands

    monkeypatch.setattr(commands, "load_snapshot", lambda _root: article_snapshot)
    path = tmp_path / "long.txt"
    path.write_text(VARIED, encoding="utf-8")
    result = commands.check_file(str(path), tmp_path, "2025-05-07")
    assert result["coverage"]["checked"] == 40
    assert result["coverage"]["max_statements"] is None
    assert result["coverage"]["max_seconds"] is None

"""The evaluation of the article checker: its labels are well-formed and grounded in the
articles, matching is one-to-one and topic-aware, and the targets of issue 12 are met."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.articles.evaluation import TARGETS, evaluate_folder, load_labels, match
from etl.articles.reading import from_text
from etl.claims.model import VERDICTS
from tests.helpers import DATA

FOLDER = DATA / "evaluation"
SHAPES_COVERED = {"trade_value", "growth", "rank", "energy", "currency", "target", "other"}


def test_every_label_is_grounded_in_its_article_and_justified_by_data():
    articles = load_labels(FOLDER)
    topics = set()
    for entry in articles:
        text = from_text((FOLDER / entry["file"]).read_text(encoding="utf-8")).text
        for label in entry["statements"]:
            assert label["anchor"] in text, (entry["file"], label["anchor"])
            assert label["verdict"] in VERDICTS
            assert label["why"].strip(), "each label says which row or figure justifies it"
            topics.add(label["topic"])
    assert topics >= SHAPES_COVERED
    assert sum(not a["on_topic"] for a in articles) >= 3


def test_matching_is_by_span_and_topic_and_one_to_one():
    text = "Trade rose 2.9% to $244.8 billion."
    found = [{"start": 0, "end": 33, "topic": "growth"},
             {"start": 0, "end": 33, "topic": "trade_value"}]
    labels = [{"anchor": "$244.8 billion", "topic": "trade_value"},
              {"anchor": "2.9%", "topic": "growth"},
              {"anchor": "Trade", "topic": "rank"}]
    pairs, misses, extra = match(found, labels, text, "t")

    assert [(label["anchor"], claim["topic"]) for label, claim in pairs] == [
        ("$244.8 billion", "trade_value"), ("2.9%", "growth")]
    assert [m["anchor"] for m in misses] == ["Trade"]
    assert extra == []


def test_the_evaluation_meets_the_targets_of_issue_12(article_snapshot):
    report = evaluate_folder(FOLDER, article_snapshot)
    figures = report["figures"]

    assert figures["recall"] >= TARGETS["recall"], report["misses"]
    assert figures["precision"] >= TARGETS["precision"], report["extra"]
    assert figures["agreement"] >= TARGETS["agreement"], report["disagreements"]
    assert figures["off_topic_found"] == 0, report["extra"]
    assert report["targets_met"]


def test_a_label_whose_anchor_is_not_in_the_article_is_refused(tmp_path: Path, article_snapshot):
    (tmp_path / "a.txt").write_text("China's trade with Russia rose.", encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(
        "articles:\n  - file: a.txt\n    as_of: '2025-01-01'\n    on_topic: true\n"
        "    statements:\n      - {anchor: '$1 billion', topic: trade_value, verdict: supported,"
        " why: x}\n", encoding="utf-8")
    with pytest.raises(Exception, match="anchor '\\$1 billion' is not in the article"):
        evaluate_folder(tmp_path, article_snapshot)

"""The article checker on the held-out evaluation set (data/evaluation/heldout): articles and
labels written blind, without reading the checker, and committed before it was first run on
them. Its labels are grounded like the project's own; its figures are what issue 12's targets
are judged on. Run alone with `pytest -m heldout`."""

from __future__ import annotations

from collections import Counter

import pytest

from etl.articles.evaluation import TARGETS, evaluate_folder, load_labels
from etl.articles.reading import decode, from_text
from etl.claims.model import VERDICTS
from tests.helpers import DATA

FOLDER = DATA / "evaluation" / "heldout"
TOPICS = {"trade_value", "growth", "rank", "energy", "currency", "commodity", "target", "other"}

# Measured with `python -m etl evaluate --folder data/evaluation/heldout` on the checker of
# main at f517106. The first run gave agreement 0.558 (48/86); one label found wrong against the
# data was corrected afterwards in its own commit (d659662), which gives the figures below.
MEASURED = ("recall 0.729 (86/118), precision 0.869 (86/99), verdict agreement 0.570 (49/86), "
            "off-topic statements 0")

pytestmark = pytest.mark.heldout


def article_text(entry: dict) -> str:
    path = FOLDER / entry["file"]
    return from_text(decode(path.read_bytes(), str(path))).text


def test_every_held_out_label_is_grounded_in_its_article_and_justified_by_data():
    articles = load_labels(FOLDER)
    verdicts, topics = Counter(), set()
    for entry in articles:
        text = article_text(entry)
        if not entry["on_topic"]:
            assert entry["statements"] == [], entry["file"]
        for label in entry["statements"]:
            assert label["anchor"] in text, (entry["file"], label["anchor"])
            assert label["topic"] in TOPICS, (entry["file"], label["topic"])
            assert label["verdict"] in VERDICTS, (entry["file"], label["verdict"])
            assert label["why"].strip(), (entry["file"], label["anchor"])
            verdicts[label["verdict"]] += 1
            topics.add(label["topic"])

    assert 12 <= len(articles) <= 16
    assert 3 <= sum(not a["on_topic"] for a in articles) <= 4
    assert any(a["file"].endswith(".html") for a in articles)
    assert topics == TOPICS
    # wrong figures on purpose, and statements the data cannot settle or no statistic measures
    assert {"contradicted", "not_checkable", "unresolved", "attributed",
            "supported_with_caveats"} <= set(verdicts)


@pytest.mark.xfail(strict=False, reason=f"checker below issue 12's targets on the held-out set: "
                                       f"{MEASURED}")
def test_the_checker_meets_the_targets_of_issue_12_on_the_held_out_set(article_snapshot):
    report = evaluate_folder(FOLDER, article_snapshot)
    figures = report["figures"]
    print({key: figures[key] for key in ("labelled", "found", "matched", "recall", "precision",
                                          "agreement", "off_topic_found")})

    assert figures["off_topic_found"] == TARGETS["off_topic_found"], report["extra"]
    assert figures["recall"] >= TARGETS["recall"], report["misses"]
    assert figures["precision"] >= TARGETS["precision"], report["extra"]
    assert figures["agreement"] >= TARGETS["agreement"], report["disagreements"]
    assert report["targets_met"]

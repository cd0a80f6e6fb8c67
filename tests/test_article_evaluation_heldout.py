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

# `heldout` is the development half of the blind set: the engineer improving the checker may
# read it. `heldout-test` is the other half, kept away from that engineer until the work was
# done, so its figures are the honest ones. Both were written blind by the same person.
FOLDERS = [DATA / "evaluation" / name for name in ("heldout", "heldout-test")]
FOLDERS = [folder for folder in FOLDERS if folder.exists()]
TOPICS = {"trade_value", "growth", "rank", "energy", "currency", "commodity", "target", "other"}

# Measured with `python -m etl evaluate --folder data/evaluation/<folder>`. On the checker of main
# at f517106 the first run gave agreement 0.558 (48/86); one label found wrong against the data
# was corrected afterwards in its own commit (d659662); the set was then split in two. The
# checker was then improved on the development half only (branch checker-improve), without the
# blind half in reach; the blind half was measured once after that work was merged, then
# committed here. Recall on it misses the target (three rank ordinals in one blog post, two
# totals stated beside another figure, a target in words, a month named as an event).
MEASURED = {
    "heldout": "recall 1.000 (68/68), precision 1.000 (68/68), verdict agreement 1.000 (68/68), "
               "off-topic statements 0 (checker-improve; before: recall 0.662, precision "
               "0.865, agreement 0.489 at f517106)",
    "heldout-test": "recall 0.860 (43/50), precision 0.915 (43/47), verdict agreement 0.930 "
                    "(40/43), off-topic statements 0, measured once on the checker of main at "
                    "b48955d (checker-improve merged), the first time the improved checker met "
                    "this half; before: recall 0.820, precision 0.872, agreement 0.659 at "
                    "f517106. Committed after that run, so it is blind no longer",
}
HARD_VERDICTS = {"contradicted", "not_checkable", "unresolved", "attributed",
                 "supported_with_caveats"}
# The figures last measured on each folder: the checker may not fall below them (this can fail
# where the target test above is only expected to)
LAST_MEASURED = {
    "heldout": {"recall": 1.0, "precision": 1.0, "agreement": 1.0},
    "heldout-test": {"recall": 0.86, "precision": 0.915, "agreement": 0.93},
}
BELOW_TARGET = {"heldout-test"}  # folders whose last measured figures miss issue 12's targets


def with_expectation(folder):
    """A folder still below target (by its last measured figures) is xfail, with them."""
    if folder.name in BELOW_TARGET:
        return pytest.param(folder, marks=pytest.mark.xfail(
            strict=False, reason=f"checker below issue 12's targets on {folder.name}: "
                                 f"{MEASURED[folder.name]}"))
    return folder


pytestmark = pytest.mark.heldout


def article_text(folder, entry: dict) -> str:
    path = folder / entry["file"]
    return from_text(decode(path.read_bytes(), str(path))).text


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_held_out_label_is_grounded_in_its_article_and_justified_by_data(folder):
    articles = load_labels(folder)
    verdicts, topics = Counter(), set()
    for entry in articles:
        text = article_text(folder, entry)
        if not entry["on_topic"]:
            assert entry["statements"] == [], entry["file"]
        for label in entry["statements"]:
            assert label["anchor"] in text, (entry["file"], label["anchor"])
            assert label["topic"] in TOPICS, (entry["file"], label["topic"])
            assert label["verdict"] in VERDICTS, (entry["file"], label["verdict"])
            assert label["why"].strip(), (entry["file"], label["anchor"])
            verdicts[label["verdict"]] += 1
            topics.add(label["topic"])

    assert len(articles) >= 7
    assert sum(not a["on_topic"] for a in articles) >= 2
    assert len(topics) >= 6
    # wrong figures on purpose, and statements the data cannot settle or no statistic measures
    # (each half holds most of these; the two together hold all: see the test below)
    assert len(HARD_VERDICTS & set(verdicts)) >= 4, verdicts


def test_the_held_out_halves_together_hold_every_kind_of_hard_verdict():
    verdicts = {label["verdict"] for folder in FOLDERS for entry in load_labels(folder)
                for label in entry["statements"]}
    assert verdicts >= HARD_VERDICTS


@pytest.mark.parametrize("folder", [with_expectation(f) for f in FOLDERS],
                         ids=lambda f: f.name)
def test_the_checker_meets_the_targets_of_issue_12_on_the_held_out_set(folder, article_snapshot):
    report = evaluate_folder(folder, article_snapshot)
    figures = report["figures"]
    print({key: figures[key] for key in ("labelled", "found", "matched", "recall", "precision",
                                          "agreement", "off_topic_found")})

    assert figures["off_topic_found"] == TARGETS["off_topic_found"], report["extra"]
    assert figures["recall"] >= TARGETS["recall"], report["misses"]
    assert figures["precision"] >= TARGETS["precision"], report["extra"]
    assert figures["agreement"] >= TARGETS["agreement"], report["disagreements"]
    assert report["targets_met"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_the_checker_does_not_fall_below_its_last_measured_figures(folder, article_snapshot):
    figures = evaluate_folder(folder, article_snapshot)["figures"]
    floor = LAST_MEASURED[folder.name]

    assert figures["off_topic_found"] == 0
    for name, measured in floor.items():
        assert figures[name] >= measured - 0.0005, (name, figures[name], measured)

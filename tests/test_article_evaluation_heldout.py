"""The article checker on the held-out evaluation set (data/evaluation/heldout): articles and
labels written blind, without reading the checker, and committed before it was first run on
them. Its labels are grounded like the project's own; its figures are what issue 12's targets
are judged on. The fresh set (data/evaluation/fresh-2026-12), written before the checker was
changed for the classes the held-out set showed missed, is checked the same way. Run alone with
`pytest -m heldout`."""

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
# `fresh-2026-12` was written on branch checker-recall, in new phrasings of the classes the
# untuned half showed missed, and committed and measured BEFORE the checker was changed for
# them; the checker was then developed on data/evaluation and the two halves above only, and
# the fresh set measured once more at the end. Its labels follow the same format and rules.
FRESH = DATA / "evaluation" / "fresh-2026-12"
MEASURED_FOLDERS = FOLDERS + [FRESH]
TOPICS = {"trade_value", "growth", "rank", "energy", "currency", "commodity", "target", "other"}

# Measured with `python -m etl evaluate --folder data/evaluation/<folder>`. On the checker of main
# at f517106 the first run gave agreement 0.558 (48/86); one label found wrong against the data
# was corrected afterwards in its own commit (d659662); the set was then split in two. The
# checker was then improved on the development half only (branch checker-improve), without the
# blind half in reach; the blind half was measured once after that work was merged (b48955d:
# recall 0.860, precision 0.915, agreement 0.930), then committed. Branch checker-recall then
# developed on data/evaluation AND the untuned half (so neither half is a blind measure any
# more) for the classes it missed: bare rank ordinals, a total stated beside another figure, a
# target in words, a month named as an event, half-year periods; the fresh set is the measure
# of that work on text it was not developed on.
MEASURED = {
    "heldout": "recall 1.000 (68/68), precision 1.000 (68/68), verdict agreement 1.000 (68/68), "
               "off-topic statements 0 (checker-improve; before: recall 0.662, precision "
               "0.865, agreement 0.489 at f517106)",
    "heldout-test": "recall 1.000 (50/50), precision 0.962 (50/52), verdict agreement 1.000 "
                    "(50/50), off-topic statements 0 on checker-recall, tuned on; before: "
                    "recall 0.860, precision 0.915, agreement 0.930 at b48955d (blind)",
    "fresh-2026-12": "recall 0.875 (42/48), precision 0.977 (42/43), verdict agreement 0.905 "
                     "(38/42), off-topic statements 1, measured once at the end of "
                     "checker-recall; before (d9ee635, the unchanged checker): recall 0.729 "
                     "(35/48), precision 0.946 (35/37), agreement 0.914 (32/35), off-topic 1. "
                     "Missed: ranks in a post whose sentences say 'partners' but no trade word "
                     "(out of scope), a target sentence with no trade word, '1.2% less than', "
                     "flows in 'sold goods worth $X to Russian buyers', 'shipments the other "
                     "way', 'China shipping $X'; off topic: India's turnover in a ', with' clause",
}
HARD_VERDICTS = {"contradicted", "not_checkable", "unresolved", "attributed",
                 "supported_with_caveats"}
# kinds of hard verdict each set holds at least (the fresh set has no unresolved statement and
# no statement true only under a convention)
MIN_HARD = {"heldout": 4, "heldout-test": 4, "fresh-2026-12": 3}
# The figures last measured on each folder: the checker may not fall below them (this can fail
# where the target test above is only expected to)
LAST_MEASURED = {
    "heldout": {"recall": 1.0, "precision": 1.0, "agreement": 1.0, "off_topic_found": 0},
    "heldout-test": {"recall": 1.0, "precision": 0.962, "agreement": 1.0, "off_topic_found": 0},
    "fresh-2026-12": {"recall": 0.875, "precision": 0.977, "agreement": 0.905,
                      "off_topic_found": 1},
}
BELOW_TARGET = {"fresh-2026-12"}  # folders whose last measured figures miss issue 12's targets


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


@pytest.mark.parametrize("folder", MEASURED_FOLDERS, ids=lambda f: f.name)
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
    assert len(HARD_VERDICTS & set(verdicts)) >= MIN_HARD[folder.name], verdicts


def test_the_held_out_halves_together_hold_every_kind_of_hard_verdict():
    verdicts = {label["verdict"] for folder in FOLDERS for entry in load_labels(folder)
                for label in entry["statements"]}
    assert verdicts >= HARD_VERDICTS


@pytest.mark.parametrize("folder", [with_expectation(f) for f in MEASURED_FOLDERS],
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


@pytest.mark.parametrize("folder", MEASURED_FOLDERS, ids=lambda f: f.name)
def test_the_checker_does_not_fall_below_its_last_measured_figures(folder, article_snapshot):
    figures = evaluate_folder(folder, article_snapshot)["figures"]
    floor = dict(LAST_MEASURED[folder.name])

    assert figures["off_topic_found"] <= floor.pop("off_topic_found")
    for name, measured in floor.items():
        assert figures[name] >= measured - 0.0005, (name, figures[name], measured)

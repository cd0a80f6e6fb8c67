"""Score the checker on labelled articles (data/evaluation/labels.yaml).

A found statement matches a label when its span contains the label's anchor and the topics
agree; each label and each found statement match at most once. Recall = labels matched /
labels; precision = found statements that match a label / found statements (articles about
China–Russia only); verdict agreement = matched statements whose verdict equals the label's;
off-topic count = statements found in the articles labelled not about China–Russia.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from etl.articles.check import Snapshot, check_article
from etl.articles.reading import decode, from_text
from etl.errors import EtlError

TARGETS = {"recall": 0.9, "precision": 0.9, "agreement": 0.85, "off_topic_found": 0}
LABELS = "labels.yaml"


def load_labels(folder: Path) -> list[dict[str, Any]]:
    path = folder / LABELS
    if not path.exists():
        raise EtlError(f"{path}: no labels file; the evaluation folder needs {LABELS}")
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    articles = document.get("articles") if isinstance(document, dict) else None
    if not isinstance(articles, list):
        raise EtlError(f"{path}: expected a top-level 'articles' list")
    for number, entry in enumerate(articles, start=1):
        for key in ("file", "as_of", "on_topic", "statements"):
            if key not in entry:
                raise EtlError(f"{path}: article #{number} lacks '{key}'")
        if not (folder / entry["file"]).exists():
            raise EtlError(f"{path}: article #{number}: {entry['file']} not found in {folder}")
    return articles


def match(found: list[dict[str, Any]], labels: list[dict[str, Any]], text: str,
          where: str) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(label, found) pairs, the labels not found, the found statements not labelled."""
    anchored = []
    for label in labels:
        start = text.find(label["anchor"])
        if start < 0:
            raise EtlError(f"{where}: anchor {label['anchor']!r} is not in the article text")
        anchored.append((label, start, start + len(label["anchor"])))
    pairs, used = [], set()
    for label, start, end in anchored:
        for i, claim in enumerate(found):
            if i in used or claim["topic"] != label["topic"]:
                continue
            if claim["start"] <= start and end <= claim["end"]:
                pairs.append((label, claim))
                used.add(i)
                break
    matched = {id(label) for label, _ in pairs}
    misses = [label for label, _, _ in anchored if id(label) not in matched]
    extra = [claim for i, claim in enumerate(found) if i not in used]
    return pairs, misses, extra


def evaluate_folder(folder: Path, snapshot: Snapshot) -> dict[str, Any]:
    articles = load_labels(folder)
    labelled = found_on_topic = matched = agreeing = off_topic_found = 0
    misses, extras, disagreements, per_article = [], [], [], []
    for entry in articles:
        raw = decode((folder / entry["file"]).read_bytes(), str(folder / entry["file"]))
        text = from_text(raw).text
        result = check_article(text, snapshot, date.fromisoformat(str(entry["as_of"])))
        claims = result["claims"]
        if not entry["on_topic"]:
            off_topic_found += len(claims)
            extras += [{"article": entry["file"], "quote": c["quote"], "topic": c["topic"]}
                       for c in claims]
            per_article.append({"article": entry["file"], "found": len(claims), "labelled": 0})
            continue
        pairs, missed, extra = match(claims, entry["statements"], text, entry["file"])
        labelled += len(entry["statements"])
        found_on_topic += len(claims)
        matched += len(pairs)
        for label, claim in pairs:
            if claim["verdict"] == label["verdict"]:
                agreeing += 1
            else:
                disagreements.append({"article": entry["file"], "anchor": label["anchor"],
                                      "label": label["verdict"], "tool": claim["verdict"],
                                      "explanation": claim["explanation"]})
        misses += [{"article": entry["file"], "anchor": m["anchor"], "topic": m["topic"]}
                   for m in missed]
        extras += [{"article": entry["file"], "quote": c["quote"], "topic": c["topic"]}
                   for c in extra]
        per_article.append({"article": entry["file"], "found": len(claims),
                            "labelled": len(entry["statements"]), "matched": len(pairs)})
    figures = {
        "articles": len(articles),
        "off_topic_articles": sum(not a["on_topic"] for a in articles),
        "labelled": labelled,
        "found": found_on_topic,
        "matched": matched,
        "recall": matched / labelled if labelled else 0.0,
        "precision": matched / found_on_topic if found_on_topic else 0.0,
        "agreement": agreeing / matched if matched else 0.0,
        "off_topic_found": off_topic_found,
    }
    met = (figures["recall"] >= TARGETS["recall"] and figures["precision"] >= TARGETS["precision"]
           and figures["agreement"] >= TARGETS["agreement"] and off_topic_found == 0)
    return {"figures": figures, "targets": TARGETS, "targets_met": met, "misses": misses,
            "extra": extras, "disagreements": disagreements, "articles": per_article}

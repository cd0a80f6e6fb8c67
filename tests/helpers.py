"""Plain helpers shared by the pipeline tests (fixtures live in conftest.py).

Frame factories build small typed tables with sensible defaults, so a test spells out only the
cells that matter to it; the CSV helpers break a copied curated file the way a person would.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from etl.harmonise import typed
from etl.schema import EVENT_COLUMNS, OBSERVATION_COLUMNS, SOURCE_COLUMNS

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
# Texts for the /check budget tests: a real article, and forty paragraphs each a different
# statement (a different month, year and figure).
BUDGET_ARTICLE = (DATA / "evaluation" / "q1-2025.txt").read_text(encoding="utf-8").strip()
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
VARIED_STATEMENTS = "\n\n".join(
    f"China's exports to Russia reached ${10 + i % 17}.{i % 10} billion in "
    f"{_MONTHS[i % 12]} {2016 + i // 12}, customs data show." for i in range(40))


def copy_inputs(target: Path) -> Path:
    """Copy the committed inputs (curated, mappings, article, claims.yaml) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("curated", "mappings", "article"):
        shutil.copytree(DATA / folder, target / folder)
    shutil.copy(DATA / "claims.yaml", target / "claims.yaml")
    # data/article is read-only in git; the copy must be writable so it can be edited and removed
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


# --- frame factories ---------------------------------------------------------------------------
OBSERVATION_DEFAULTS: dict[str, object] = {
    "indicator": "trade_value",
    "reporter": "CHN",
    "partner": "RUS",
    "flow": "total",
    "commodity": "TOTAL",
    "currency": "",
    "period": "2024",
    "freq": "A",
    "cumulative": False,
    "value": 1.0,
    "unit": "USD",
    "qualifier": "exact",
    "basis": "",
    "valuation": "",
    "status": "sourced",
    "source_id": "src-a",
    "derived_from": "",
    "note": "",
    "quote": "",
    "speaker": "",
}


def observations(*rows: dict) -> pd.DataFrame:
    """A typed observations frame; each dict overrides OBSERVATION_DEFAULTS."""
    if not rows:
        return typed(pd.DataFrame(columns=OBSERVATION_COLUMNS).astype({"value": "float64"}))
    return typed(
        pd.DataFrame([{**OBSERVATION_DEFAULTS, **row} for row in rows], columns=OBSERVATION_COLUMNS)
    )


def sources(*source_ids: str, published: dict[str, str] | None = None) -> pd.DataFrame:
    """A sources table: one press article per id, published 2024-01 unless `published` says."""
    published = published or {}
    rows = [
        {
            **{c: "" for c in SOURCE_COLUMNS},
            "source_id": sid,
            "publisher": f"Publisher {sid}",
            "title": f"Title {sid}",
            "url": f"https://example.org/{sid}",
            "date_published": published.get(sid, "2024-01"),
            "licence": "All rights reserved",
            "kind": "press",
            "tier": "press",
        }
        for sid in source_ids
    ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


def events(*rows: dict) -> pd.DataFrame:
    """An events table; each dict overrides a one-day event on Thursday 8 May 2025."""
    defaults = {
        "event_id": "event-a",
        "label": "Something happened",
        "start": "2025-05-08",
        "end": "2025-05-08",
        "actor": "Someone",
        "detail": "",
        "status": "sourced",
        "source_id": "src-a",
        "quote": "",
        "note": "",
    }
    return pd.DataFrame([{**defaults, **row} for row in rows], columns=EVENT_COLUMNS)


# --- editing curated CSV files -----------------------------------------------------------------
def read_csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_csv_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def find_line(path: Path, **equal: str) -> int:
    """The line (header = line 1, as an editor counts) of the only row whose cells equal `equal`."""
    rows = read_csv_rows(path)
    header = rows[0]
    hits = [
        number
        for number, row in enumerate(rows[1:], start=2)
        if all(row[header.index(c)] == v for c, v in equal.items())
    ]
    assert len(hits) == 1, f"expected one row of {path.name} with {equal}, found lines {hits}"
    return hits[0]


def edit_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV; `line` counts the header as line 1."""
    rows = read_csv_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_csv_rows(path, rows)


def append_row(path: Path, **cells: str) -> int:
    """Append a row (missing cells empty) and return its line number."""
    rows = read_csv_rows(path)
    rows.append([cells.get(c, "") for c in rows[0]])
    write_csv_rows(path, rows)
    return len(rows)


# --- the command line in a child process -------------------------------------------------------
def run_etl(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    """`python -m etl ARGS` with ETL_DATA_DIR=root, exactly as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=REPO,
        env={**os.environ, "ETL_DATA_DIR": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def serialised_nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every dict of a serialised Dash answer or layout, each before the ones inside it."""
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from serialised_nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from serialised_nodes(value)

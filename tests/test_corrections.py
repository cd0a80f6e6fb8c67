"""Corrections as data (etl/corrections.py): a known upstream error is fixed by a reviewed row of
data/curated/corrections.csv, applied by the pipeline and published as the `corrections` table;
the curated files keep what the publisher printed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl.corrections import CORRECTION_COLUMNS, apply_corrections
from etl.errors import ValidationError
from etl.pipeline import build_tables, read_inputs


def tables() -> dict[str, pd.DataFrame]:
    observations = pd.DataFrame([
        {"source_id": "wire", "flow": "export", "period": "2023-06", "value": "11.28", "note": "",
         "_file": "curated/observations/t.csv", "_line": 2},
        {"source_id": "wire", "flow": "import", "period": "2023-06", "value": "9.551", "note": "",
         "_file": "curated/observations/t.csv", "_line": 3},
    ])
    empty = pd.DataFrame({"note": [], "citation": [], "_file": [], "_line": []})
    return {"observations": observations, "sources": empty, "events": empty}


def correction(**fields: str) -> pd.DataFrame:
    row = {"correction_id": "c-1", "what": "swapped", "table": "observations",
           "where": "source_id=wire;flow=export;period=2023-06", "action": "set",
           "column": "value", "old": "11.28", "new": "9.551", "reason": "swapped by the outlet",
           "evidence": "year-to-date arithmetic", **fields}
    frame = pd.DataFrame([row], columns=CORRECTION_COLUMNS)
    return frame.assign(_file="curated/corrections.csv", _line=2)


def test_a_correction_replaces_the_value_and_says_so_in_the_note():
    corrected = apply_corrections(correction(), tables())
    row = corrected.tables["observations"].iloc[0]

    assert row["value"] == "9.551"
    assert row["note"] == "Corrected (c-1): value 11.28 -> 9.551; swapped by the outlet"
    assert corrected.record[["correction_id", "file", "line"]].values.tolist() == [
        ["c-1", "curated/observations/t.csv", "2"]]


def test_the_curated_frames_themselves_are_left_untouched():
    curated = tables()

    apply_corrections(correction(), curated)

    assert curated["observations"].iloc[0]["value"] == "11.28"


def test_a_drop_leaves_the_row_out_of_what_is_published():
    corrected = apply_corrections(correction(action="drop", column="", old="", new=""), tables())

    assert corrected.tables["observations"]["flow"].tolist() == ["import"]


def test_a_correction_whose_old_value_changed_stops_the_build_naming_it():
    with pytest.raises(ValidationError) as caught:
        apply_corrections(correction(old="11.3"), tables())

    [problem] = caught.value.problems
    assert problem.startswith("corrections.csv line 2 (c-1): value is '11.28' in the curated row")
    assert "review the correction" in problem


def test_a_correction_must_name_exactly_one_row():
    with pytest.raises(ValidationError, match="matches 2 rows of observations, not exactly one"):
        apply_corrections(correction(where="source_id=wire;period=2023-06"), tables())


def test_a_correction_needs_its_reason_and_evidence():
    with pytest.raises(ValidationError, match="needs its reason and its evidence"):
        apply_corrections(correction(evidence=""), tables())


def test_the_pipeline_applies_the_committed_corrections_and_publishes_them(built_tables):
    record = built_tables["corrections"]
    committed = pd.read_csv(Path(__file__).parent.parent / "data" / "curated" / "corrections.csv",
                            dtype=str, keep_default_na=False)

    assert record["correction_id"].tolist() == committed["correction_id"].tolist()
    assert (record["file"] != "").all() and (record["line"] != "").all()


def test_a_stale_committed_correction_fails_the_refresh(data_root: Path):
    path = data_root / "curated" / "corrections.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",value,11.28,9.551,", ",value,11.29,9.551,"), encoding="utf-8")

    with pytest.raises(ValidationError, match="c-2023-06-exports"):
        build_tables(read_inputs(data_root))

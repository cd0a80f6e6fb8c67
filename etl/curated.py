"""Read the curated inputs (data/curated): the thin I/O edge before the pure steps.

Every observation row keeps `_file` and `_line` (its line in the CSV, header = line 1), so a
validation error can name the exact place to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.config import curated_dir
from etl.corrections import CORRECTION_COLUMNS
from etl.errors import ValidationError
from etl.schema import EVENT_COLUMNS, OBSERVATION_COLUMNS, SOURCE_COLUMNS


@dataclass(frozen=True)
class CuratedInputs:
    observations: pd.DataFrame  # OBSERVATION_COLUMNS as text, plus _file and _line
    sources: pd.DataFrame  # SOURCE_COLUMNS as text, plus _file and _line
    events: pd.DataFrame  # EVENT_COLUMNS as text, plus _file and _line
    corrections: pd.DataFrame  # CORRECTION_COLUMNS as text, plus _file and _line


def read_table(path: Path, columns: list[str], root: Path) -> pd.DataFrame:
    """Read one curated CSV as text, checking its header names every contract column."""
    if not path.exists():
        raise ValidationError(
            f"curated file {path.name}",
            [f"{_rel(path, root)} is missing; restore it with git checkout"],
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ValidationError(
            f"curated file {path.name}",
            [f"{path}: cannot be read as a UTF-8 CSV ({exc}); fix the file or restore it from git"],
        ) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"curated file {path.name}",
            [
                f"{_rel(path, root)}: missing column(s) {', '.join(missing)}; expected the header "
                f"{','.join(columns)}"
            ],
        )
    extra = [c for c in frame.columns if c not in columns]
    if extra:
        raise ValidationError(
            f"curated file {path.name}",
            [
                f"{_rel(path, root)}: unexpected column(s) {', '.join(extra)}; the data contract "
                f"(etl/schema.py) has {','.join(columns)}"
            ],
        )
    frame = frame[columns].copy()
    frame["_file"] = _rel(path, root)
    frame["_line"] = range(2, len(frame) + 2)
    return frame


def read_curated(root: Path | None = None) -> CuratedInputs:
    folder = curated_dir(root)
    base = folder.parent
    obs_files = sorted((folder / "observations").glob("*.csv"))
    if not obs_files:
        raise ValidationError(
            "curated data", [f"no observation files in {folder / 'observations'}"]
        )
    observations = pd.concat(
        [read_table(p, OBSERVATION_COLUMNS, base) for p in obs_files], ignore_index=True
    )
    sources = read_table(folder / "sources.csv", SOURCE_COLUMNS, base)
    events = read_table(folder / "events.csv", EVENT_COLUMNS, base)
    corrections = read_table(folder / "corrections.csv", CORRECTION_COLUMNS, base)
    return CuratedInputs(observations, sources, events, corrections)


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)

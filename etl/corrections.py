"""Corrections as data: known upstream errors, fixed by one reviewed file, not by code.

data/curated/corrections.csv has one row per correction:

    correction_id  a stable id (c-2015-total-usd), quoted in the corrected row's note
    what           the error in a few words
    table          observations | sources | events
    where          column=value conditions, ';'-separated, that match exactly ONE curated row
    action         set (replace `column`'s `old` text by `new`) | drop (leave the row out of
                   the published tables; the curated file keeps it)
    column, old, new
    reason         why the upstream figure is wrong
    evidence       what shows it (figures, documents, source_ids)

The curated files keep what the publisher printed (so every value can still be checked against
its quote); `apply_corrections` is the pipeline step that fixes the copies that get published,
and `corrections_table` is the published record of what it did. A correction whose row has
gone, or whose `old` text no longer matches, stops the build: the file must be reviewed again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl.errors import ValidationError

CORRECTION_COLUMNS = ["correction_id", "what", "table", "where", "action", "column", "old", "new",
                      "reason", "evidence"]
TABLES = ("observations", "sources", "events")
ACTIONS = ("set", "drop")
NOTE_COLUMN = {"observations": "note", "events": "note", "sources": "citation"}
PUBLISHED_COLUMNS = [*CORRECTION_COLUMNS, "file", "line"]


@dataclass(frozen=True)
class Corrected:
    tables: dict[str, pd.DataFrame]  # observations, sources, events after the corrections
    record: pd.DataFrame  # PUBLISHED_COLUMNS: each correction and the curated row it changed


def empty_corrections() -> pd.DataFrame:
    return pd.DataFrame(columns=CORRECTION_COLUMNS, dtype=str)


def parse_where(text: str) -> list[tuple[str, str]]:
    conditions = []
    for part in [p.strip() for p in text.split(";") if p.strip()]:
        if "=" not in part:
            raise ValueError(f"condition {part!r} is not column=value")
        column, value = part.split("=", 1)
        conditions.append((column.strip(), value.strip()))
    if not conditions:
        raise ValueError("no condition given")
    return conditions


def _problems(corrections: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for line, row in zip(corrections["_line"], corrections.itertuples(index=False), strict=True):
        where = f"corrections.csv line {line} ({row.correction_id or 'no id'})"
        if not row.correction_id:
            problems.append(f"{where}: correction_id is required")
        elif row.correction_id in seen:
            problems.append(f"{where}: correction_id {row.correction_id!r} is used twice")
        seen.add(row.correction_id)
        if row.table not in TABLES:
            problems.append(f"{where}: table must be one of {', '.join(TABLES)}")
            continue
        if row.action not in ACTIONS:
            problems.append(f"{where}: action must be one of {', '.join(ACTIONS)}")
        if not row.reason or not row.evidence:
            problems.append(f"{where}: a correction needs its reason and its evidence")
        frame = tables[row.table]
        try:
            conditions = parse_where(row.where)
        except ValueError as exc:
            problems.append(f"{where}: where {row.where!r}: {exc}")
            continue
        unknown = [c for c, _ in conditions if c not in frame.columns]
        if unknown:
            problems.append(f"{where}: where names unknown column(s) {', '.join(unknown)}")
            continue
        matches = _match(frame, conditions)
        if len(matches) != 1:
            problems.append(
                f"{where}: where {row.where!r} matches {len(matches)} rows of {row.table}, "
                "not exactly one; make it name one row (add source_id, period, flow...)"
            )
            continue
        if row.action == "set":
            if row.column not in frame.columns or row.column.startswith("_"):
                problems.append(f"{where}: column {row.column!r} is not a column of {row.table}")
                continue
            current = frame.loc[matches[0], row.column]
            if current != row.old:
                problems.append(
                    f"{where}: {row.column} is {current!r} in the curated row, not {row.old!r} "
                    "as the correction expects; the curated data changed, so review the "
                    "correction (update old, or delete it if the upstream error is gone)"
                )
    return problems


def _match(frame: pd.DataFrame, conditions: list[tuple[str, str]]) -> list:
    mask = pd.Series(True, index=frame.index)
    for column, value in conditions:
        mask &= frame[column].astype(str) == value
    return list(frame.index[mask])


def apply_corrections(corrections: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> Corrected:
    """Apply every correction to copies of the curated text tables (with _file and _line).

    Raises ValidationError naming each correction that does not apply cleanly."""
    problems = _problems(corrections, tables)
    if problems:
        raise ValidationError("curated corrections (data/curated/corrections.csv)", problems)
    # Shallow copies: copy-on-write copies only the columns a correction sets, so the input tables
    # are never changed and a large curated table is not held twice.
    out = {name: frame.copy(deep=False) for name, frame in tables.items()}
    dropped: dict[str, list] = {name: [] for name in tables}
    record = []
    for row in corrections.itertuples(index=False):
        frame = out[row.table]
        [index] = _match(frame, parse_where(row.where))
        record.append({**{c: getattr(row, c) for c in CORRECTION_COLUMNS},
                       "file": frame.loc[index, "_file"], "line": str(frame.loc[index, "_line"])})
        note = NOTE_COLUMN[row.table]
        if row.action == "drop":
            dropped[row.table].append(index)
            continue
        frame.loc[index, row.column] = row.new
        if row.column != note:
            mark = f"Corrected ({row.correction_id}): {row.column} {row.old} -> {row.new}; " \
                   f"{row.reason}"
            existing = frame.loc[index, note]
            frame.loc[index, note] = f"{mark}. {existing}" if existing else mark
    for name, indexes in dropped.items():
        if indexes:  # (drop() with nothing to drop still copies every row)
            out[name] = out[name].drop(index=indexes)
    published = pd.DataFrame(record, columns=PUBLISHED_COLUMNS).astype(str)
    return Corrected(tables=out, record=published)

"""Read the curated inputs (data/curated): the thin I/O edge before the pure steps.

Every observation row keeps `_file` and `_line` (its line in the CSV, header = line 1), so a
validation error can name the exact place to fix.

A file that cannot be a curated table is refused here with the same file/line/column message:
bytes that are not UTF-8, an empty file, or a cell longer than MAX_FIELD characters (a cell that
long is almost always a quote left open, which swallows the rows after it).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.config import curated_dir
from etl.corrections import CORRECTION_COLUMNS
from etl.errors import ValidationError
from etl.schema import EVENT_COLUMNS, OBSERVATION_COLUMNS, SOURCE_COLUMNS

MAX_FIELD = 128 * 1024  # characters in one cell
CHUNK = 1 << 20


@dataclass(frozen=True)
class CuratedInputs:
    observations: pd.DataFrame  # OBSERVATION_COLUMNS as text, plus _file and _line
    sources: pd.DataFrame  # SOURCE_COLUMNS as text, plus _file and _line
    events: pd.DataFrame  # EVENT_COLUMNS as text, plus _file and _line
    corrections: pd.DataFrame  # CORRECTION_COLUMNS as text, plus _file and _line


def read_table(path: Path, columns: list[str], root: Path) -> pd.DataFrame:
    """Read one curated CSV as text, checking its header names every contract column."""
    what = f"curated file {path.name}"
    rel = _rel(path, root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(what, [f"{rel} is missing; restore it with git checkout"]) from None
    except OSError as exc:
        raise ValidationError(what, [f"{rel} cannot be read ({exc.strerror})"]) from None
    if not raw.strip():
        raise ValidationError(what, [f"{rel} is empty; expected at least the header "
                                     f"{','.join(columns)} (restore it with git checkout)"])
    bad = first_non_utf8(raw)
    if bad is not None:
        raise ValidationError(what, [_where(raw, bad, rel) + f": byte 0x{raw[bad]:02x} is not "
                                     "UTF-8; save the file as UTF-8 (or retype that character)"])
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise ValidationError(
            what,
            [f"{rel}: cannot be read as a CSV ({str(exc)[:200]}); fix the file or restore it "
             "from git"],
        ) from None
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
    frame["_file"] = rel
    frame["_line"] = record_lines(raw, len(frame))
    too_long = []
    for column in columns:
        lengths = frame[column].str.len()
        for line, length in zip(frame.loc[lengths > MAX_FIELD, "_line"],
                                lengths[lengths > MAX_FIELD], strict=True):
            too_long.append(
                f"{rel} line {line}, column '{column}': the cell is {length:,} characters long, "
                f"over the limit of {MAX_FIELD:,}; a quote (\") left open on or before this "
                "line makes one cell of the rows after it")
    if too_long:
        raise ValidationError(what, sorted(too_long))
    return frame


def first_non_utf8(raw: bytes) -> int | None:
    """Offset of the first byte that is not valid UTF-8, or None (decoded in chunks, so a large
    file is never held twice)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(raw), CHUNK):
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the chunk boundary
        try:
            decoder.decode(raw[start : start + CHUNK], final=start + CHUNK >= len(raw))
        except UnicodeDecodeError as exc:
            return max(0, start - pending + exc.start)
    return None


def _where(raw: bytes, offset: int, rel: str) -> str:
    """'file line L, column 'C'' for a byte offset (the column counted by the CSV's commas)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    header = next(csv.reader([raw[: raw.find(b"\n")].decode("utf-8", "replace")]), [])
    before = raw[line_start:offset].decode("utf-8", "replace")
    index = len(next(csv.reader([before]), [""])) - 1 if before else 0
    column = header[index].strip() if 0 <= index < len(header) else f"#{index + 1}"
    line = raw.count(b"\n", 0, offset) + 1
    return f"{rel} line {line}, column '{column}'"


def record_lines(raw: bytes, records: int) -> list[int]:
    """The line (header = line 1) each data record starts on. One line per record unless cells
    hold line breaks or there are blank lines (which the reader skips): then line breaks are
    counted outside quotes."""
    simple = list(range(2, records + 2))
    if raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1) == records + 1:
        return simple
    starts: list[int] = []
    line, record_start, record_line, quoted = 1, 0, 1, False
    for match in re.finditer(rb'["\n]', raw):
        if match.group() == b'"':
            quoted = not quoted  # a doubled quote inside a cell flips twice: no change
            continue
        line += 1
        if quoted:
            continue
        if raw[record_start : match.start()].strip():
            starts.append(record_line)
        record_start, record_line = match.end(), line
    if raw[record_start:].strip():
        starts.append(record_line)
    lines = starts[1:]  # the first record is the header
    return lines if len(lines) == records else simple


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

"""CSV export: one function for the command line and the dashboard.

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
return) get a leading apostrophe (OWASP's advice for CSV injection), and so does every line
inside a cell that starts like one (after a CR or LF), in case a reader splits the cell there.
Every cell holding a CR or LF is quoted: Python's csv module quotes only the characters of its
line terminator (LF here), so when any text cell holds a CR, text cells are all quoted
(QUOTE_NONNUMERIC) rather than let a bare CR start a new row in a spreadsheet or in pandas.
Numeric columns are written as numbers, untouched: -6.9 stays -6.9.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from etl.errors import EtlError

FORMULA_START = r"^[=+\-@\t\r]"
FORMULA_AFTER_BREAK = r"([\r\n])(?=[=+\-@\t])"


class ExportError(EtlError):
    """A bad export request: unknown table, column or filter."""


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of `frame` with formula-like text cells prefixed by an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        text = series.astype("str").where(series.notna(), "")
        risky = text.str.match(FORMULA_START)
        broken = text.str.contains(r"[\r\n]", regex=True)
        if risky.any() or broken.any():
            safe = text.where(~risky, "'" + text)
            safe[broken] = safe[broken].str.replace(FORMULA_AFTER_BREAK, r"\1'", regex=True)
            out[column] = safe
    return out


def has_carriage_return(frame: pd.DataFrame) -> bool:
    return any(
        (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))
        and frame[c].astype("str").str.contains("\r", regex=False).any()
        for c in frame.columns
    )


def _csv(safe: pd.DataFrame, quoting: int, header: bool = True) -> bytes:
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n", quoting=quoting, header=header)
    return buffer.getvalue().encode("utf-8")


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, header first, LF line ends, no index; safe to open in a spreadsheet."""
    safe = neutralise(frame)
    quoting = csv.QUOTE_NONNUMERIC if has_carriage_return(safe) else csv.QUOTE_MINIMAL
    return _csv(safe, quoting)


def iter_csv(parts: Callable[[], Iterable[pd.DataFrame]]) -> Iterator[bytes]:
    """The bytes to_csv_bytes(pd.concat(parts())) gives, one part at a time, so that a table
    too large to hold (a version's HS-6 detail) is never in memory whole. `parts()` is called
    twice: first to learn whether any text cell holds a CR (which quotes every text cell of
    the whole file), then to write."""
    quoting = csv.QUOTE_MINIMAL
    for part in parts():
        if has_carriage_return(part):  # neutralise adds no CR
            quoting = csv.QUOTE_NONNUMERIC
            break
    header = True
    for part in parts():
        yield _csv(neutralise(part), quoting, header)
        header = False


def parse_where(conditions: list[str], columns: list[str]) -> list[tuple[str, str]]:
    parsed = []
    for condition in conditions:
        if "=" not in condition:
            raise ExportError(
                f"--where {condition!r}: expected column=value, e.g. --where indicator=trade_value"
            )
        column, value = condition.split("=", 1)
        if column not in columns:
            raise ExportError(
                f"--where {condition!r}: no column {column!r}; columns are {', '.join(columns)}"
            )
        parsed.append((column, value))
    return parsed


def filter_rows(frame: pd.DataFrame, conditions: list[str]) -> pd.DataFrame:
    """Keep rows where every column=value holds (compared as text, so 2024 matches '2024')."""
    mask = pd.Series(True, index=frame.index)
    for column, value in parse_where(conditions, list(map(str, frame.columns))):
        series = frame[column]
        if pd.api.types.is_bool_dtype(series):
            mask &= series == (value.lower() in ("true", "1", "yes"))
        elif pd.api.types.is_numeric_dtype(series):
            try:
                mask &= series == float(value)
            except ValueError:
                raise ExportError(
                    f"--where {column}={value}: {column} is numeric; give a number"
                ) from None
        else:
            mask &= series.astype("str") == value
    return frame[mask]

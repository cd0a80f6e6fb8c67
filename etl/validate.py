"""Validation: the data contract as pandera schemas, with failures reported in plain words.

Two forms of the observations schema share one set of rules:
- `curated` validates the text read from data/curated (before units are converted), and each
  failure names the file, line, column and rule, so a person can fix the CSV;
- `published` validates the typed table about to be published (curated + live + derived rows).
Every failure is collected (lazy validation) before anything is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pandera.pandas as pa

from etl.errors import ValidationError
from etl.mappings import Mappings
from etl.schema import (
    BASES,
    FLOWS,
    FREQS,
    OBSERVATION_KEY,
    PERIOD_PATTERNS,
    QUALIFIERS,
    SOURCE_KINDS,
    STATUSES,
    TIERS,
    VALUATIONS,
)

COMMODITY_PATTERN = r"^$|^TOTAL$|^[0-9]{2,6}([-;][0-9]{2,6})*$|^[A-Z][A-Z_]+$"
CURRENCY_PATTERN = r"^[A-Z_]*(\+[A-Z_]+)*$"
DATE_PATTERN = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*$"


NOT_FINITE = ("value is too large: it is not a finite number once converted to base units "
              "(e.g. 1e308 USD bn); check the exponent")
# Checks over several columns that are about one of them: reported like that column's checks.
CHECK_COLUMN = {NOT_FINITE: "value"}


def _one_of(values: Iterable[str], what: str) -> pa.Check:
    allowed = sorted(values)
    shown = ", ".join(v or "(empty)" for v in allowed[:12]) + (" ..." if len(allowed) > 12 else "")
    return pa.Check.isin(allowed, error=f"{what} must be one of: {shown}")


def _period_matches_freq(frame: pd.DataFrame) -> pd.Series:
    ok = pd.Series(False, index=frame.index)
    for freq, pattern in PERIOD_PATTERNS.items():
        rows = frame["freq"] == freq
        ok[rows] = frame.loc[rows, "period"].astype(str).str.match(pattern.pattern)
    return ok


def real_dates(series: pd.Series) -> pd.Series:
    """True where the text is empty, a year, or a year-month / date that exists in the calendar
    (2024-13 and 2024-02-30 do not); a time after the date (T06:00:00Z) is allowed."""
    text = series.astype(str).str.slice(0, 10)
    day = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    month = text.str.fullmatch(r"\d{4}-\d{2}")
    ok = ~(day | month)
    ok[day] = pd.to_datetime(text[day], format="%Y-%m-%d", errors="coerce").notna()
    ok[month] = pd.to_datetime(text[month], format="%Y-%m", errors="coerce").notna()
    return ok


def _real_daily_periods(frame: pd.DataFrame) -> pd.Series:
    return (frame["freq"] != "D") | real_dates(frame["period"])


def _finite_in_base_units(mappings: Mappings):
    """Curated text values must stay finite once scaled to base units (1e308 USD bn is inf)."""
    factors = {unit: factor for unit, (_, factor) in mappings.unit_factor.items()}

    def check(frame: pd.DataFrame) -> pd.Series:
        values = pd.to_numeric(frame["value"], errors="coerce")
        scaled = values * frame["unit"].map(factors).fillna(1.0)
        return values.isna() | np.isfinite(scaled)

    return check


def _unique_key(frame: pd.DataFrame) -> pd.Series:
    return ~frame.duplicated(subset=OBSERVATION_KEY, keep=False)


def _negative_allowed(mappings: Mappings, numbers: Callable[[pd.DataFrame], pd.Series]):
    def check(frame: pd.DataFrame) -> pd.Series:
        values = numbers(frame)
        rule = frame["indicator"].map(mappings.negative_rule).fillna("no")
        allowed = (rule == "yes") | ((rule == "balance_only") & (frame["flow"] == "balance"))
        return ~(values < 0) | allowed

    return check


def _derived_has_origin(frame: pd.DataFrame) -> pd.Series:
    return (frame["status"] != "derived") | (frame["derived_from"].astype(str) != "")


def _origins_known(source_ids: set[str]):
    def check(series: pd.Series) -> pd.Series:
        return series.astype(str).map(
            lambda text: all(s in source_ids for s in text.split(";") if s)
        )

    return check


def _cumulative_only_within_year(frame: pd.DataFrame) -> pd.Series:
    cumulative = frame["cumulative"].astype(str).str.lower() == "true"
    return ~cumulative | frame["freq"].isin(["M", "Q", "H"])


def observation_schema(
    mappings: Mappings, source_ids: set[str], *, curated: bool
) -> pa.DataFrameSchema:
    codes = set(mappings.partners["code"]) | {""}
    units = set(mappings.units["unit_in"]) if curated else set(mappings.units["unit"])
    if curated:

        def numbers(frame: pd.DataFrame) -> pd.Series:
            return pd.to_numeric(frame["value"], errors="coerce")

        value_column = pa.Column(
            str,
            pa.Check(
                lambda s: s.str.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?") | (s == ""),
                error="value must be a plain number such as 244.81 (no units, commas or spaces)",
            ),
        )
        cumulative_column = pa.Column(str, _one_of({"true", "false"}, "cumulative"))
    else:

        def numbers(frame: pd.DataFrame) -> pd.Series:
            return frame["value"]

        value_column = pa.Column(
            float,
            pa.Check(lambda s: ~np.isinf(s), error="value must be a finite number (not inf)"),
            nullable=True,
        )
        cumulative_column = pa.Column(bool)

    def value_present(frame: pd.DataFrame) -> pd.Series:
        # Curated text that is not a number ("29.1 bn") is present, and reported by the value
        # column's own check; only an empty cell is missing.
        missing = (frame["value"] == "") if curated else numbers(frame).isna()
        return ~missing | (frame["status"] == "qualitative")

    text = {"nullable": False}
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column(
                str, _one_of(set(mappings.indicators["indicator"]), "indicator"), **text
            ),
            "reporter": pa.Column(str, _one_of(codes, "reporter (data/mappings/partners.csv)")),
            "partner": pa.Column(str, _one_of(codes, "partner (data/mappings/partners.csv)")),
            "flow": pa.Column(str, _one_of(FLOWS, "flow")),
            "commodity": pa.Column(
                str,
                pa.Check.str_matches(
                    COMMODITY_PATTERN,
                    error="commodity must be TOTAL, an HS code (27, 2709), a range or list "
                    "(84-85, 8703;8704) or an upper-case group name",
                ),
            ),
            "currency": pa.Column(
                str,
                pa.Check.str_matches(
                    CURRENCY_PATTERN, error="currency must be codes such as CNY or RUB+CNY"
                ),
            ),
            "period": pa.Column(str, pa.Check.str_length(min_value=4, error="period is required")),
            "freq": pa.Column(str, _one_of(FREQS, "freq")),
            "cumulative": cumulative_column,
            "value": value_column,
            "unit": pa.Column(str, _one_of(units, "unit (data/mappings/units.csv)")),
            "qualifier": pa.Column(str, _one_of(QUALIFIERS, "qualifier")),
            "basis": pa.Column(str, _one_of(BASES, "basis")),
            "valuation": pa.Column(str, _one_of(VALUATIONS, "valuation")),
            "status": pa.Column(str, _one_of(STATUSES, "status")),
            "source_id": pa.Column(
                str, _one_of(source_ids, "source_id (a source_id of sources.csv)")
            ),
            "derived_from": pa.Column(
                str,
                pa.Check(
                    _origins_known(source_ids),
                    error="derived_from must list source_ids of sources.csv separated by ';'",
                ),
            ),
            "note": pa.Column(str),
            "quote": pa.Column(str),
            "speaker": pa.Column(str),
        },
        checks=[
            pa.Check(
                _period_matches_freq,
                error="period does not match freq (A: 2024, H: 2024-H1, Q: 2024-Q1, "
                "M: 2024-03, D: 2024-03-15)",
            ),
            pa.Check(value_present, error="value is empty; only status 'qualitative' may omit it"),
            pa.Check(
                _negative_allowed(mappings, numbers),
                error="value is negative, which this indicator does not allow (only balances "
                "and growth rates may be negative)",
            ),
            pa.Check(
                _unique_key,
                error="duplicate: another row has the same indicator, reporter, partner, flow, "
                "commodity, currency, period, freq, cumulative, unit, basis and source_id",
            ),
            pa.Check(_derived_has_origin, error="a derived row must say derived_from"),
            pa.Check(_real_daily_periods,
                     error="period is not a date that exists (freq D: YYYY-MM-DD)"),
            pa.Check(
                _cumulative_only_within_year,
                error="cumulative (year-to-date) rows need freq M, Q or H",
            ),
            *([pa.Check(_finite_in_base_units(mappings), error=NOT_FINITE)] if curated else []),
        ],
        strict=False,
        coerce=False,
    )


def source_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "source_id": pa.Column(
                str,
                [
                    pa.Check.str_matches(
                        SOURCE_ID_PATTERN,
                        error="source_id must be lower-case letters, digits, '.' and '-'",
                    ),
                ],
                unique=True,
                report_duplicates="all",
            ),
            "publisher": pa.Column(
                str, pa.Check.str_length(min_value=1, error="publisher is required")
            ),
            "title": pa.Column(
                str, pa.Check.str_length(min_value=1, error="title is required")
            ),
            "url": pa.Column(
                str,
                pa.Check.str_matches(r"^(https?://\S+)?$", error="url must start with http(s)://"),
            ),
            "date_published": pa.Column(
                str,
                [
                    pa.Check.str_matches(
                        DATE_PATTERN, error="date_published must be YYYY, YYYY-MM or YYYY-MM-DD"
                    ),
                    pa.Check(real_dates, error="date_published is not a date that exists"),
                ],
            ),
            "date_accessed": pa.Column(
                str,
                [
                    pa.Check.str_matches(
                        r"^$|^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$",
                        error="date_accessed must be YYYY-MM-DD (or an ISO timestamp)",
                    ),
                    pa.Check(real_dates, error="date_accessed is not a date that exists"),
                ],
            ),
            "licence": pa.Column(
                str, pa.Check.str_length(min_value=1, error="licence is required")
            ),
            "citation": pa.Column(str),
            "original_publisher": pa.Column(str),
            "kind": pa.Column(str, _one_of(SOURCE_KINDS, "kind")),
            "tier": pa.Column(str, _one_of(TIERS | {""}, "tier")),
        },
        checks=[
            pa.Check(
                lambda f: (f["url"] != "") | (f["kind"] == "derived"),
                error="url is required (only kind 'derived' may omit it)",
            ),
            pa.Check(
                lambda f: (f["tier"] != "") | (f["kind"] == "derived"),
                error="tier is required: official, wire, press or reprint (only kind 'derived' "
                "may omit it)",
            ),
            pa.Check(
                lambda f: (f["tier"] != "reprint") | (f["original_publisher"] != ""),
                error="a reprint must name its original publisher (original_publisher)",
            ),
        ],
        strict=False,
    )


def event_schema(source_ids: set[str]) -> pa.DataFrameSchema:
    date = [
        pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$", error="dates must be YYYY-MM-DD"),
        pa.Check(real_dates, error="not a date that exists (e.g. month 13 or 30 February)"),
    ]
    return pa.DataFrameSchema(
        {
            "event_id": pa.Column(str, unique=True, report_duplicates="all"),
            "label": pa.Column(str, pa.Check.str_length(min_value=1, error="label is required")),
            "start": pa.Column(str, date),
            "end": pa.Column(str, date),
            "source_id": pa.Column(str, _one_of(source_ids, "source_id")),
            "status": pa.Column(str, _one_of(STATUSES, "status")),
        },
        checks=[pa.Check(lambda f: f["start"] <= f["end"], error="start must not be after end")],
        strict=False,
    )


def _describe(frame: pd.DataFrame, failures: pd.DataFrame) -> list[str]:
    problems: list[str] = []
    seen: set[tuple] = set()
    for row in failures.itertuples(index=False):
        index = row.index
        column = row.column if isinstance(row.column, str) else None
        if index is None or (isinstance(index, float) and pd.isna(index)):
            problems.append(f"column '{column}': {row.check}")
            continue
        if row.schema_context != "Column" and row.check in CHECK_COLUMN:
            row = row._replace(schema_context="Column", column=CHECK_COLUMN[row.check])
            column = row.column
        key = (index, row.check, column if row.schema_context == "Column" else None)
        if key in seen:
            continue
        seen.add(key)
        record = frame.loc[index]
        where = (
            f"{record['_file']} line {record['_line']}"
            if "_file" in frame.columns
            else _row_label(record)
        )
        if row.schema_context == "Column" and column:
            shown = repr(record[column])
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            problems.append(f"{where}, column '{column}' = {shown}: {row.check}")
        else:
            problems.append(f"{where}: {row.check}")
    return sorted(problems, key=_natural)


def _row_label(record: pd.Series) -> str:
    parts = [
        f"{c}={record[c]!r}"
        for c in ("source_id", "indicator", "reporter", "partner", "flow", "period", "event_id")
        if c in record.index
    ]
    return "row " + ", ".join(parts)


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def check(schema: pa.DataFrameSchema, frame: pd.DataFrame, what: str) -> pd.DataFrame:
    """Validate `frame`; raise ValidationError listing every failure in plain words."""
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise ValidationError(what, _describe(frame, exc.failure_cases)) from None


def validate_curated(
    observations: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame, mappings: Mappings
) -> None:
    check(source_schema(), sources, "curated sources (data/curated/sources.csv)")
    ids = set(sources["source_id"])
    check(event_schema(ids), events, "curated events (data/curated/events.csv)")
    check(
        observation_schema(mappings, ids, curated=True),
        observations,
        "curated observations (data/curated/observations)",
    )


def validate_published(
    observations: pd.DataFrame, sources: pd.DataFrame, mappings: Mappings
) -> None:
    check(source_schema(), sources, "sources table")
    check(
        observation_schema(mappings, set(sources["source_id"]), curated=False),
        observations,
        "observations table",
    )

"""Harmonise: curated text rows -> the typed observations table, in base units.

Curated files keep the unit a source quotes ("USD bn", "Mt") so reviewers can compare with the
quote; here every value becomes a float in the base unit of data/mappings/units.csv ("USD", "t").
Decimal arithmetic keeps 244.81 bn as exactly 244810000000.0.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from etl.mappings import Mappings
from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS, TEXT_COLUMNS


def to_base_units(
    values: pd.Series, units: pd.Series, mappings: Mappings
) -> tuple[pd.Series, pd.Series]:
    factors = units.map(lambda u: mappings.unit_factor[u][1])
    base_units = units.map(lambda u: mappings.unit_factor[u][0])
    scaled = [
        float(Decimal(text) * Decimal(repr(factor))) if text != "" else float("nan")
        for text, factor in zip(values, factors, strict=True)
    ]
    return pd.Series(scaled, index=values.index, dtype="float64"), base_units


def harmonise_curated(frame: pd.DataFrame, mappings: Mappings) -> pd.DataFrame:
    """Validated curated observations (text) -> typed observations in base units."""
    # Shallow copies: under copy-on-write the columns assigned below are replaced, never written
    # into the input, and the text columns share the input's buffers instead of copying them.
    out = frame[OBSERVATION_COLUMNS].copy(deep=False)
    out["value"], out["unit"] = to_base_units(frame["value"], frame["unit"], mappings)
    out["cumulative"] = frame["cumulative"].str.lower().eq("true")
    return typed(out)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Enforce the published dtypes: text columns str (never NaN), value float, cumulative bool."""
    out = frame[OBSERVATION_COLUMNS].copy(deep=False)  # (shallow: see harmonise_curated)
    for column in TEXT_COLUMNS:
        out[column] = as_text(out[column])
    out["value"] = pd.to_numeric(out["value"], errors="raise").astype("float64")
    out["cumulative"] = out["cumulative"].astype(bool)
    return out.reset_index(drop=True)


def typed_sources(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[SOURCE_COLUMNS].copy(deep=False)
    for column in SOURCE_COLUMNS:
        out[column] = as_text(out[column])
    return out.reset_index(drop=True)


def as_text(column: pd.Series) -> pd.Series:
    """A text column as str, missing values as "" (a column read with no text at all comes as
    float NaN, which cannot take "" as a fill value)."""
    if column.dtype.kind in "fiub":
        column = column.astype(object)
    return column.fillna("").astype(str)

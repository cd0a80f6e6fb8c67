"""Typed frames in the shape of the data contract, shared by every live source.

Each source's `harmonise` builds plain row dicts; these helpers give them the contract's exact
columns and types (text "" rather than NaN, `cumulative` bool, `value` float), so the three
sources cannot drift apart in how an empty or a missing cell looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS

_NUMERIC = {"value": "float64", "cumulative": "bool"}


def observations_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows → a frame with exactly OBSERVATION_COLUMNS, in order, with the contract's types."""
    frame = pd.DataFrame(list(rows), columns=OBSERVATION_COLUMNS)
    return _typed(frame, OBSERVATION_COLUMNS, _NUMERIC)


def observations_frame_from(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame already holding the contract's columns -> typed, in order (no row dicts)."""
    return _typed(frame[OBSERVATION_COLUMNS].copy(), OBSERVATION_COLUMNS, _NUMERIC)


def sources_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows → a frame with exactly SOURCE_COLUMNS (all text)."""
    frame = pd.DataFrame(list(rows), columns=SOURCE_COLUMNS)
    return _typed(frame, SOURCE_COLUMNS, {})


def concat_observations(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate harmonised frames; an empty input still has the contract's columns."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return observations_frame([])
    return observations_frame(pd.concat(frames, ignore_index=True).to_dict("records"))


def _typed(frame: pd.DataFrame, columns: list[str], numeric: dict[str, str]) -> pd.DataFrame:
    for column in columns:
        if column in numeric:
            if numeric[column] == "bool":
                frame[column] = frame[column].fillna(False).astype(bool)
            else:
                frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
        else:
            # Not-applicable text is "" in the contract, never NaN/None.
            frame[column] = frame[column].fillna("").astype(str)
    return frame.reset_index(drop=True)

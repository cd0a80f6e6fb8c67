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
# What every row a statistical publisher's own API gives has in common; the columns a source's
# row leaves out are "" (not applicable), `cumulative` False.
OFFICIAL: dict[str, Any] = {"qualifier": "exact", "status": "official"}


def observations_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows → a frame with exactly OBSERVATION_COLUMNS, in order, with the contract's types."""
    frame = pd.DataFrame(list(rows), columns=OBSERVATION_COLUMNS)
    return _typed(frame, OBSERVATION_COLUMNS, _NUMERIC)


def observations_frame_from(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame of the contract's columns (those it leaves out are blank) -> typed, in order
    (no row dicts)."""
    blank = {c: False if c == "cumulative" else "" for c in OBSERVATION_COLUMNS
             if c not in frame and c != "value"}
    return _typed(frame.assign(**blank)[OBSERVATION_COLUMNS], OBSERVATION_COLUMNS, _NUMERIC)


def sources_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows → a frame with exactly SOURCE_COLUMNS (all text)."""
    frame = pd.DataFrame(list(rows), columns=SOURCE_COLUMNS)
    return _typed(frame, SOURCE_COLUMNS, {})


def api_source(metas: list[Mapping[str, Any]], **fields: str) -> pd.DataFrame:
    """The one sources row of a publisher's API table (no row before anything was fetched):
    `fields` (source_id, publisher, title, url, licence, citation, ...), an official source
    accessed on the day of the latest fetch. A `{accessed}` in the citation is that day."""
    if not metas:
        return sources_frame([])
    accessed = max(str(m.get("fetched_at", "")) for m in metas)[:10]
    row = {"date_published": "", "original_publisher": fields.get("publisher", ""), "kind": "api",
           "tier": "official", **fields, "date_accessed": accessed}
    row["citation"] = row.get("citation", "").replace("{accessed}", accessed)
    return sources_frame([row])


def concat_observations(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate harmonised frames; an empty input still has the contract's columns."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return observations_frame([])
    return observations_frame(pd.concat(frames, ignore_index=True).to_dict("records"))


def _filled(column: pd.Series, blank: object) -> pd.Series:
    return column.astype("object").where(column.notna(), blank)


def _typed(frame: pd.DataFrame, columns: list[str], numeric: dict[str, str]) -> pd.DataFrame:
    for column in columns:
        if column in numeric:
            if numeric[column] == "bool":
                frame[column] = _filled(frame[column], False).astype(bool)
            else:
                frame[column] = pd.to_numeric(frame[column], errors="raise").astype("float64")
        else:
            # Not-applicable text is "" in the contract, never NaN/None (a column no row gave
            # is all missing: filled too).
            frame[column] = _filled(frame[column], "").astype(str)
    return frame.reset_index(drop=True)

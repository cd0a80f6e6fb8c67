"""What changed between two snapshots: new rows (new periods), revised values, removed rows.

Official figures are revised often; users want to see revisions with the old and the new
value. Rows are matched on the observation key (etl.schema.OBSERVATION_KEY). Reported rows and
derived rows are counted apart, since derived rows move whenever their inputs do.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from etl.schema import OBSERVATION_KEY

LIST_LIMIT = 200
SERIES = ["indicator", "reporter", "partner", "flow", "commodity", "freq"]
# the key columns a revision or a removed row is listed with
KEY_COLUMNS = ["indicator", "reporter", "partner", "flow", "commodity", "period", "freq",
               "cumulative", "unit", "source_id"]


def diff_observations(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, Any]:
    """Rows added, revised and removed between two observations tables (`old` needs only the
    key, value and status columns).

    Rows are matched by a 64-bit hash of their key rather than by merging the two tables: a
    merge would copy every key of both (hundreds of MB for a large snapshot), where the hashes
    take 8 bytes a row and only the rows that differ are copied. Keys are unique in a published
    table; should either side hold a repeated key hash, the tables are merged instead."""
    old_keys = _key_hashes(old)
    new_keys = _key_hashes(new)
    if old_keys.has_duplicates or new_keys.has_duplicates:
        return _diff_by_merge(old, new)
    at_old = old_keys.get_indexer(new_keys)  # each new row's position in old, or -1
    kept = old_keys.isin(new_keys)
    matched = np.flatnonzero(at_old >= 0)
    old_values = old["value"].to_numpy(dtype="float64")
    new_values = new["value"].to_numpy(dtype="float64")
    same = np.isclose(old_values[at_old[matched]], new_values[matched], rtol=1e-9, atol=0,
                      equal_nan=True)
    new_reported = (new["status"] != "derived").to_numpy(dtype=bool)
    old_reported = (old["status"] != "derived").to_numpy(dtype=bool)
    added = at_old < 0
    changed = matched[~same]  # positions in new
    removed = ~kept

    added_reported = new.loc[added & new_reported, SERIES + ["period"]]
    new_periods = []
    for key, rows in added_reported.groupby(SERIES, sort=True):
        new_periods.append({**dict(zip(SERIES, key, strict=True)),
                            "periods": sorted(rows["period"].unique().tolist())[:24]})
    revised = changed[new_reported[changed]]
    revisions = new.iloc[revised][OBSERVATION_KEY].assign(
        old=old_values[at_old[revised]], new=new_values[revised])
    gone = np.flatnonzero(removed & old_reported)
    removed_rows = old.iloc[gone][OBSERVATION_KEY].assign(old=old_values[gone])
    return {
        "added": int(added.sum()),
        "changed": len(changed),
        "removed": int(removed.sum()),
        "added_reported": len(added_reported),
        "changed_reported": len(revised),
        "removed_reported": len(gone),
        "new_periods": new_periods[:LIST_LIMIT],
        # in key order, as a merge of the two tables lists them
        "revisions": _records(_in_key_order(revisions), KEY_COLUMNS + ["old", "new"]),
        "removed_rows": _records(_in_key_order(removed_rows), KEY_COLUMNS + ["old"]),
    }


def _key_hashes(frame: pd.DataFrame) -> pd.Index:
    return pd.Index(pd.util.hash_pandas_object(frame[OBSERVATION_KEY], index=False)
                    .to_numpy())


def _in_key_order(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(OBSERVATION_KEY, kind="stable") if len(frame) > 1 else frame


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    out = frame[columns].head(LIST_LIMIT).replace({np.nan: None})
    return out.to_dict(orient="records")


def _diff_by_merge(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, Any]:
    """The same answer by an outer merge on the key (for tables with repeated keys)."""
    merged = old[OBSERVATION_KEY + ["value", "status"]].merge(
        new[OBSERVATION_KEY + ["value", "status"]], on=OBSERVATION_KEY, how="outer",
        suffixes=("_old", "_new"), indicator=True,
    )
    added = merged[merged["_merge"] == "right_only"]
    removed = merged[merged["_merge"] == "left_only"]
    both = merged[merged["_merge"] == "both"]
    same = np.isclose(both["value_old"], both["value_new"], rtol=1e-9, atol=0, equal_nan=True)
    changed = both[~same]

    def reported(frame: pd.DataFrame, status: str) -> pd.DataFrame:
        return frame[frame[status] != "derived"]

    added_reported = reported(added, "status_new")
    new_periods = []
    for key, rows in added_reported.groupby(SERIES, sort=True):
        new_periods.append({**dict(zip(SERIES, key, strict=True)),
                            "periods": sorted(rows["period"].unique().tolist())[:24]})
    return {
        "added": len(added),
        "changed": len(changed),
        "removed": len(removed),
        "added_reported": len(added_reported),
        "changed_reported": len(reported(changed, "status_new")),
        "removed_reported": len(reported(removed, "status_old")),
        "new_periods": new_periods[:LIST_LIMIT],
        "revisions": _records(reported(changed, "status_new").rename(
            columns={"value_old": "old", "value_new": "new"}), KEY_COLUMNS + ["old", "new"]),
        "removed_rows": _records(reported(removed, "status_old").rename(
            columns={"value_old": "old"}), KEY_COLUMNS + ["old"]),
    }


def summary_line(diff: dict[str, Any]) -> str:
    return (f"{diff['added']} rows added ({diff['added_reported']} reported), "
            f"{diff['changed']} changed ({diff['changed_reported']} revisions of reported "
            f"figures), {diff['removed']} removed ({diff['removed_reported']} reported)")

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


def diff_observations(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, Any]:
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

    def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
        out = frame[columns].head(LIST_LIMIT).replace({np.nan: None})
        return out.to_dict(orient="records")

    key_cols = ["indicator", "reporter", "partner", "flow", "commodity", "period", "freq",
                "cumulative", "unit", "source_id"]
    return {
        "added": len(added),
        "changed": len(changed),
        "removed": len(removed),
        "added_reported": len(added_reported),
        "changed_reported": len(reported(changed, "status_new")),
        "removed_reported": len(reported(removed, "status_old")),
        "new_periods": new_periods[:LIST_LIMIT],
        "revisions": records(reported(changed, "status_new").rename(
            columns={"value_old": "old", "value_new": "new"}), key_cols + ["old", "new"]),
        "removed_rows": records(reported(removed, "status_old").rename(
            columns={"value_old": "old"}), key_cols + ["old"]),
    }


def summary_line(diff: dict[str, Any]) -> str:
    return (f"{diff['added']} rows added ({diff['added_reported']} reported), "
            f"{diff['changed']} changed ({diff['changed_reported']} revisions of reported "
            f"figures), {diff['removed']} removed ({diff['removed_reported']} reported)")

"""What changed between versions; when a source is due; what counts as implausible."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from etl.cadence import is_due
from etl.diff import diff_observations
from etl.plausibility import implausible, jumps, missing_months, outliers
from etl.refresh import run_refresh
from etl.state import update_source_state

from .conftest import REPO, edit_curated_value, fx_rows


def test_diff_reports_new_periods_revisions_with_old_and_new_value_and_removed_rows():
    old = fx_rows({"2026-10-01": 11.0, "2026-10-02": 11.5, "2026-10-03": 12.0})
    new = fx_rows({"2026-10-01": 11.0, "2026-10-02": 11.7, "2026-10-04": 12.2})
    diff = diff_observations(old, new)
    assert (diff["added"], diff["changed"], diff["removed"]) == (1, 1, 1)
    assert diff["new_periods"][0]["periods"] == ["2026-10-04"]
    revision = diff["revisions"][0]
    assert (revision["period"], revision["old"], revision["new"]) == ("2026-10-02", 11.5, 11.7)
    assert diff["removed_rows"][0]["period"] == "2026-10-03"


def test_revisions_and_removed_rows_are_listed_in_key_order_whatever_the_row_order():
    old = fx_rows({f"2026-10-{d:02d}": 10.0 + d for d in range(1, 9)}).iloc[::-1]
    new = fx_rows({f"2026-10-{d:02d}": 20.0 + d for d in range(3, 7)})
    new = new.sample(frac=1, random_state=4)
    diff = diff_observations(old, new)
    assert [r["period"] for r in diff["revisions"]] == [f"2026-10-0{d}" for d in range(3, 7)]
    assert [r["period"] for r in diff["removed_rows"]] == [
        "2026-10-01", "2026-10-02", "2026-10-07", "2026-10-08"]
    assert (diff["revisions"][0]["old"], diff["revisions"][0]["new"]) == (13.0, 23.0)


def test_tables_with_a_repeated_key_are_compared_by_merging_them():
    # Published keys are unique; a table that repeats one cannot be matched by key hashes,
    # so the diff merges the tables instead: each copy of the key pairs with each copy.
    old = fx_rows({"2026-10-01": 11.0, "2026-10-02": 11.5})
    new = pd.concat([fx_rows({"2026-10-01": 11.0, "2026-10-02": 11.5}),
                     fx_rows({"2026-10-02": 11.9})], ignore_index=True)
    diff = diff_observations(old, new)
    assert (diff["added"], diff["changed"], diff["removed"]) == (0, 1, 0)
    assert (diff["revisions"][0]["old"], diff["revisions"][0]["new"]) == (11.5, 11.9)


def test_identical_tables_have_no_difference():
    rows = fx_rows({"2026-10-01": 11.0})
    diff = diff_observations(rows, rows.copy())
    assert (diff["added"], diff["changed"], diff["removed"]) == (0, 0, 0)


def test_etl_diff_prints_the_revision_between_the_last_two_versions(root: Path):
    run_refresh(root, live=False)
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,245.00,USD bn")
    run_refresh(root, live=False)
    result = subprocess.run([sys.executable, "-m", "etl", "diff"], capture_output=True,
                            text=True, env={"ETL_DATA_DIR": str(root), "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert "revised: trade_value CHN→RUS total 2024" in result.stdout
    assert "2.4481e+11 -> 2.45e+11" in result.stdout


def test_a_source_is_due_once_its_cadence_has_passed():
    now = datetime(2026, 11, 28, 6, tzinfo=UTC)
    assert is_due("cbr", None, now)[0]
    assert is_due("cbr", (now - timedelta(hours=21)).isoformat(), now)[0]
    due, why = is_due("comtrade", (now - timedelta(days=2)).isoformat(), now)
    assert not due and "not due until" in why and "monthly" in why


def test_a_stale_source_remembers_since_when_until_it_recovers():
    record = update_source_state({}, "fresh", "t1", None, checked=True)
    record = update_source_state(record, "stale", "t2", "timeout", checked=True)
    record = update_source_state(record, "stale", "t3", "timeout", checked=True)
    assert record["stale_since"] == "t2" and record["last_success"] == "t1"
    record = update_source_state(record, "fresh", "t4", None, checked=True)
    assert record["stale_since"] is None and record["last_success"] == "t4"


def test_a_value_a_thousand_times_the_published_one_is_a_scale_slip():
    serving = fx_rows({"2026-10-01": 11.0})
    assert jumps(fx_rows({"2026-10-01": 11000.0}), serving)
    assert not jumps(fx_rows({"2026-10-01": 11.9}), serving)


def test_a_value_far_above_its_series_median_is_an_outlier():
    series = {f"2026-10-0{d}": 11.0 for d in range(1, 6)}
    assert not outliers(fx_rows(series))
    assert outliers(fx_rows({**series, "2026-10-06": 5000.0}))


def test_a_gap_inside_a_monthly_total_series_is_reported_but_not_before_its_start():
    def monthly(months: list[str]) -> pd.DataFrame:
        frame = fx_rows({f"{m}-01": 1.0 for m in months})
        frame["indicator"], frame["commodity"], frame["freq"] = "trade_value", "TOTAL", "M"
        frame["period"] = months
        return frame

    assert missing_months(monthly(["2025-01", "2025-02", "2025-03"])) == []
    problems = missing_months(monthly(["2025-01", "2025-03"]))
    assert problems and "2025-02" in problems[0]
    assert implausible(monthly(["2025-01", "2025-03"]), pd.DataFrame())

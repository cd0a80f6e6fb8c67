"""The scheduled refresh: runs on its trigger, never overlaps, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from etl.errors import EtlError
from etl.refresh import RefreshReport
from etl.scheduler import make_trigger, run_schedule
from etl.state import read_runs
from etl.store import current_version, read_manifest

from .conftest import REPO


def report(code: int = 0) -> RefreshReport:
    return RefreshReport(ok=code != 1, version="v", published_new=False, started_at="t",
                         sources=[{"source_id": "x", "state": "stale" if code == 3 else "fresh",
                                   "error": None}])


def test_the_default_schedule_is_daily_at_six_utc():
    trigger = make_trigger(None, None)
    after = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    first = trigger.get_next_fire_time(None, after)
    assert first == datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(first, first + timedelta(seconds=1)) == first + timedelta(
        days=1
    )


def test_an_interval_schedule_and_a_bad_cron_expression():
    start = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    every_hour = make_trigger(None, 3600)
    first = every_hour.get_next_fire_time(None, start)
    assert every_hour.get_next_fire_time(first, first) == first + timedelta(hours=1)
    with pytest.raises(EtlError, match="not a valid cron expression"):
        make_trigger("every morning", None)
    with pytest.raises(EtlError, match="either --cron or --interval"):
        make_trigger("0 6 * * *", 60)


def test_the_scheduler_runs_refreshes_on_its_interval_and_never_two_at_once(tmp_path: Path):
    running, overlaps, calls = [0], [0], []
    lock = threading.Lock()

    def slow_refresh(root, **kwargs):
        with lock:
            running[0] += 1
            overlaps[0] = max(overlaps[0], running[0])
        time.sleep(0.3)  # longer than the interval: the next run must wait, not overlap
        with lock:
            running[0] -= 1
        calls.append(kwargs)
        return report(0)

    code = run_schedule(tmp_path, interval=0.1, run_now=True, max_runs=3,
                        refresh=slow_refresh, install_signals=False)
    assert code == 0
    assert len(calls) >= 3 and overlaps[0] == 1
    assert all(c["wait"] > 0 for c in calls)  # a refresh started elsewhere is waited for


def test_the_scheduler_exit_code_says_a_source_failed(tmp_path: Path):
    code = run_schedule(tmp_path, interval=0.05, run_now=True, max_runs=1,
                        refresh=lambda root, **kw: report(3), install_signals=False)
    assert code == 3


def test_sigterm_stops_the_scheduler_after_the_refresh_in_progress(root: Path):
    env = {**os.environ, "ETL_DATA_DIR": str(root), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "etl", "schedule", "--interval", "3600", "--run-now", "--offline"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 60
    while not read_runs(root):  # wait for the first refresh to be recorded
        assert child.poll() is None, child.stdout.read()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=30) == 0
    output = child.stdout.read()
    assert "SIGTERM" in output and "stopped" in output
    version = current_version(root)
    assert version and read_manifest(version, root)["tables"]
    assert not any(p.name.startswith(".tmp-") for p in (root / "published").iterdir())

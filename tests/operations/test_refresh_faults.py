"""The faults a scheduled refresh must survive without losing or corrupting the serving snapshot."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from etl.refresh import run_refresh, status
from etl.state import read_runs, refresh_lock
from etl.store import current_version, list_versions, read_manifest, read_table

from .conftest import REPO, edit_curated_value, fx_rows, held_elsewhere

GOOD_RATES = {"2026-10-01": 11.2, "2026-10-02": 11.3, "2026-10-03": 11.25, "2026-10-06": 11.1}


def assert_serving_whole(root: Path) -> str:
    """CURRENT names a complete version: manifest present and every table readable."""
    version = current_version(root)
    assert version is not None
    manifest = read_manifest(version, root)
    for name, info in manifest["tables"].items():
        assert len(read_table(name, version, root)) == info["rows"]
    return version


# --- killed during publish ---------------------------------------------------------------------
KILLER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import etl.store as store

    stage, ready = sys.argv[1], Path(sys.argv[2])
    real_fsync, real_replace = store._fsync, os.replace
    calls = {"fsync": 0}

    def pause():
        ready.write_text(str(os.getpid()))
        time.sleep(60)

    def fsync(path):
        calls["fsync"] += 1
        real_fsync(path)
        if stage == "writing-tables" and str(path).endswith("observations.parquet"):
            pause()
        if stage == "after-rename" and Path(path) == store.published_dir():
            pause()

    def replace(src, dst):
        if stage == "switching-pointer" and str(dst).endswith("CURRENT"):
            pause()
        return real_replace(src, dst)

    store._fsync = fsync
    os.replace = replace
    from etl.refresh import run_refresh
    run_refresh(live=False)
""")


@pytest.mark.parametrize("stage", ["writing-tables", "after-rename", "switching-pointer"])
def test_a_refresh_killed_during_publish_leaves_a_whole_version_and_the_next_one_completes(
    root: Path, tmp_path: Path, stage: str
):
    assert run_refresh(root, live=False).ok
    before = current_version(root)
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,245.00,USD bn")
    ready = tmp_path / "ready"
    env = {**os.environ, "ETL_DATA_DIR": str(root), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", KILLER, stage, str(ready)], env=env,
                             start_new_session=True)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.poll() is None, "the refresh ended before reaching the stage"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    serving = assert_serving_whole(root)
    assert serving in {before} | set(list_versions(root))

    report = run_refresh(root, live=False)  # the lock died with the process
    assert report.ok, report.error
    assert assert_serving_whole(root) == report.version
    leftovers = [p.name for p in (root / "published").iterdir() if p.name.startswith(".")]
    assert leftovers == []


# --- disk full ---------------------------------------------------------------------------------
def test_a_write_error_during_publish_keeps_the_old_version_serving_and_says_why(
    root: Path, monkeypatch: pytest.MonkeyPatch
):
    assert run_refresh(root, live=False).ok
    before = current_version(root)
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,245.00,USD bn")

    def disk_full(self, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", disk_full)
    report = run_refresh(root, live=False)

    assert not report.ok and report.exit_code == 1
    assert "No space left on device" in report.error
    assert before in report.error  # the message names the version that keeps serving
    assert current_version(root) == before
    assert_serving_whole(root)
    assert read_runs(root)[-1]["outcome"] == "failed"


# --- two refreshes at once ---------------------------------------------------------------------
def test_a_second_refresh_while_one_runs_exits_with_a_clear_message(root: Path):
    with held_elsewhere(lambda: refresh_lock(root)):
        report = run_refresh(root, live=False)
    assert report.busy and report.exit_code == 75
    assert "another refresh is running" in report.error
    assert current_version(root) is None  # it did nothing


def test_a_second_refresh_asked_to_wait_runs_after_the_first(root: Path):
    with held_elsewhere(lambda: refresh_lock(root), seconds=0.5):  # the first ends in 0.5 s
        report = run_refresh(root, live=False, wait=10)
    assert report.ok and current_version(root) == report.version


def test_two_refresh_processes_at_once_publish_one_whole_version(root: Path):
    env = {**os.environ, "ETL_DATA_DIR": str(root), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "etl", "refresh", "--curated-only"]
    first = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    codes = sorted([first.wait(), second.wait()])
    messages = first.stderr.read() + second.stderr.read()
    assert codes in ([0, 0], [0, 75])  # the later one either waited its turn or stepped aside
    if codes == [0, 75]:
        assert "another refresh is running" in messages
    assert len(list_versions(root)) == 1
    assert_serving_whole(root)


# --- a source with bad data --------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad, reason",
    [
        ({**GOOD_RATES, "2026-10-06": 11100.0}, "the value now published"),  # 1000x (a scale slip)
        ({**GOOD_RATES, "2026-10-06": -11.1}, "negative"),
    ],
)
def test_a_source_returning_implausible_data_publishes_nothing_from_it_and_keeps_its_last_good(
    root: Path, fake_source, bad: dict, reason: str
):
    fake_source.answers = [fx_rows(GOOD_RATES), fx_rows(bad)]
    first = run_refresh(root, force=True)
    assert first.exit_code == 0 and first.published_new

    second = run_refresh(root, force=True)

    assert second.ok and second.exit_code == 3  # published, but a source failed
    state = {s["source_id"]: s for s in second.sources}["fake"]
    assert state["state"] == "stale" and reason in state["error"]
    assert "2026-11-01" in state["error"]  # it says which good data it fell back to
    rates = read_table("observations", second.version, root)
    rates = rates[rates["source_id"] == "fake-rates"]
    assert sorted(rates["value"]) == sorted(GOOD_RATES.values())
    shown = {s["source_id"]: s for s in status(root)["sources"]}["fake"]
    assert shown["state"] == "stale" and shown["stale_since"]  # what status and /health show
    assert assert_serving_whole(root)


def test_a_missing_month_in_a_monthly_series_refuses_the_source(root: Path, fake_source):
    def monthly(months: list[str]) -> pd.DataFrame:
        frame = fx_rows({f"{m}-15": 1.0 for m in months})
        frame["indicator"], frame["reporter"], frame["partner"] = "trade_value", "CHN", "RUS"
        frame["flow"], frame["commodity"], frame["currency"], frame["unit"] = (
            "export", "TOTAL", "", "USD")
        frame["period"] = months
        frame["freq"] = "M"
        frame["value"] = 9.0e9
        return frame

    fake_source.answers = [monthly(["2025-01", "2025-02", "2025-04"])]
    report = run_refresh(root, force=True)
    state = {s["source_id"]: s for s in report.sources}["fake"]
    assert state["state"] == "failed"  # nothing good to fall back on
    assert "2025-03" in state["error"] and "missing" in state["error"]
    assert report.ok  # the rest of the refresh went on and published


# --- refresh while serving under load ----------------------------------------------------------
def test_refreshing_while_the_dashboard_serves_under_load_fails_no_request_and_mixes_no_versions(
    root: Path,
):
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    app = create_app(root, check_every=0.0)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    import requests

    failures, answers, stop = [], [], threading.Event()

    def hammer():
        session = requests.Session()
        while not stop.is_set():
            r = session.get(f"http://127.0.0.1:{port}/health", timeout=10)
            if r.status_code != 200:
                failures.append(r.status_code)
            else:
                answers.append(r.json())
            d = session.get(f"http://127.0.0.1:{port}/download/claim/fifth-largest-partner.csv",
                            timeout=10)
            if d.status_code != 200:
                failures.append(d.status_code)

    workers = [threading.Thread(target=hammer) for _ in range(4)]
    for w in workers:
        w.start()
    try:
        for value in ("245.00", "246.00", "247.00"):
            edit_curated_value(root, ",2024,A,false,244.81,USD bn" if value == "245.00" else
                               f",2024,A,false,{float(value) - 1:.2f},USD bn",
                               f",2024,A,false,{value},USD bn")
            assert run_refresh(root, live=False).published_new
            time.sleep(0.3)
    finally:
        stop.set()
        for w in workers:
            w.join()
        server.shutdown()
    assert failures == []
    versions = {a["version"] for a in answers}
    assert len(versions) >= 2  # it did switch while serving
    for answer in answers:  # every answer is one whole version's
        manifest = read_manifest(answer["version"], root)
        assert answer["tables"] == {n: i["rows"] for n, i in manifest["tables"].items()}


def test_every_run_is_recorded_in_the_run_log(root: Path):
    run_refresh(root, live=False)
    run_refresh(root, live=False)
    runs = read_runs(root)
    assert [r["outcome"] for r in runs] == ["published", "unchanged"]
    assert runs[0]["version"] == runs[1]["version"]
    assert all(r["started_at"] <= r["finished_at"] for r in runs)
    json.dumps(runs)  # plain data, readable by any operator tool

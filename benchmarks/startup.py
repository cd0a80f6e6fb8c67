"""Benchmark 3: cold start of `python -m dashboard` to the first 200 on /."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import PYTHON, REPO, Result, copy_data, free_port, wait_http
from etl.refresh import run_refresh


def cold_start(repeat: int = 3) -> list[Result]:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        root = copy_data(Path(folder))
        assert run_refresh(root, offline=True).ok  # "with a built snapshot present"
        for _ in range(repeat):
            port = free_port()
            process = subprocess.Popen(
                [PYTHON, "-m", "dashboard", "--port", str(port)], cwd=REPO,
                env={**os.environ, "ETL_DATA_DIR": str(root)}, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                times.append(wait_http(f"http://127.0.0.1:{port}/", process=process))
            finally:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
    best = min(times)
    return [Result("cold start: python -m dashboard to first 200 on /", best, "s",
                   target="< 3 s", passed=best < 3,
                   note=f"best of {repeat}: " + ", ".join(f"{t:.2f}" for t in times))]

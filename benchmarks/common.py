"""Shared pieces: results, timing, servers on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


@dataclass
class Result:
    name: str
    value: float
    unit: str
    reference: str = ""
    reference_value: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.reference_value in (None, 0):
            return None
        return self.value / self.reference_value

    def to_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_data(target: Path) -> Path:
    """A private copy of the committed inputs (benchmarks never touch data/)."""
    for name in ("curated", "mappings", "article"):
        shutil.copytree(REPO / "data" / name, target / name)
    shutil.copy(REPO / "data" / "claims.yaml", target / "claims.yaml")
    return target


def wait_http(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> float:
    """Seconds until `url` answers 200."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return time.perf_counter() - start
        except requests.RequestException:
            pass
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def serve(command: list[str], port: int, env: dict[str, str] | None = None,
          health: str = "/") -> Iterator[subprocess.Popen]:
    """Run a server process on 127.0.0.1:port until the block ends."""
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        wait_http(f"http://127.0.0.1:{port}{health}", process=process)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def gunicorn(app: str, port: int, workers: int = 2) -> list[str]:
    return [GUNICORN, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--timeout", "120", "--log-level", "warning", app]

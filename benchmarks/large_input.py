"""Benchmark: a large valid curated file (about 50 MB, 206,000 rows of synthetic monthly trade
by partner and HS chapter; see benchmarks/synthetic.py). Validation must stay linear in the
rows (twice the rows, about twice the time) and a process validating and publishing it must
stay under 600 MB resident."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import PYTHON, REPO, Result, copy_data
from benchmarks.synthetic import curated_trade_file, synthetic_source_row
from etl.refresh import run_refresh

ROWS = 206_000
VALIDATE = (
    "import sys, time; from pathlib import Path; from etl.pipeline import read_inputs; "
    "from etl.validate import validate_curated; start = time.perf_counter(); "
    "i = read_inputs(Path(sys.argv[1])); c = i.curated; "
    "validate_curated(c.observations, c.sources, c.events, i.mappings); "
    "print(time.perf_counter() - start)"
)


def data_folder(folder: Path, rows: int) -> Path:
    """The bundled inputs, published once, plus a synthetic curated file of `rows` rows."""
    root = copy_data(folder)
    assert run_refresh(root, live=False).ok
    (root / "curated" / "observations" / "synthetic.csv").write_text(
        curated_trade_file(rows), encoding="utf-8")
    sources = root / "curated" / "sources.csv"
    header = sources.read_text(encoding="utf-8").splitlines()[0].split(",")
    with open(sources, "a", encoding="utf-8") as fh:
        fh.write(synthetic_source_row(header))
    return root


def measured(args: list[str], root: Path) -> tuple[float, float, str]:
    """(seconds, peak resident MB, stdout) of one child process (its own rusage, not the
    benchmark's other children)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=REPO, env={**os.environ, "ETL_DATA_DIR": str(root)},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{args} exited {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024, out


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        half = data_folder(Path(folder) / "half", ROWS // 2)
        full = data_folder(Path(folder) / "full", ROWS)
        size = (full / "curated" / "observations" / "synthetic.csv").stat().st_size / 1e6
        half_s = min(float(measured([PYTHON, "-c", VALIDATE, str(half)], half)[2])
                     for _ in range(2))
        runs = [measured([PYTHON, "-c", VALIDATE, str(full)], full) for _ in range(2)]
        full_s = min(float(out) for _, _, out in runs)
        validate_rss = max(rss for _, rss, _ in runs)
        refresh_s, refresh_rss, _ = measured(
            [PYTHON, "-m", "etl", "refresh", "--curated-only"], full)
    ratio = full_s / half_s
    note = f"{ROWS:,} synthetic rows, {size:.0f} MB, on top of the bundled data"
    return [
        Result(f"validate a {size:.0f} MB curated file ({ROWS:,} rows)", full_s, "s",
               reference=f"same, {ROWS // 2:,} rows", reference_value=half_s,
               target="≤ 2.3× (linear)", passed=ratio <= 2.3,
               note=f"read and validate only; {note}"),
        Result("memory: peak RSS validating it", validate_rss, "MB", target="< 600 MB",
               passed=validate_rss < 600, note="python process reading and validating"),
        Result("refresh publishing it", refresh_s, "s", target="(informative)",
               note="read, validate, derive, evaluate claims, publish"),
        Result("memory: peak RSS of the refresh publishing it", refresh_rss, "MB",
               target="< 600 MB", passed=refresh_rss < 600,
               note=f"python -m etl refresh --curated-only; {note}"),
    ]

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
# The child reports its own peak: VmHWM of /proc/self/status counts from its exec. (A parent's
# rusage of a child, or the child's own ru_maxrss, would include the benchmark process it was
# forked from, which is large after the export benchmark.)
PEAK = ("print(next(int(l.split()[1]) for l in open('/proc/self/status') "
        "if l.startswith('VmHWM:')) / 1024)")
VALIDATE = (
    "import sys, time; from pathlib import Path; from etl.pipeline import read_inputs; "
    "from etl.validate import validate_curated; start = time.perf_counter(); "
    "i = read_inputs(Path(sys.argv[1])); c = i.curated; "
    "validate_curated(c.observations, c.sources, c.events, i.mappings); "
    "print(time.perf_counter() - start); " + PEAK
)
REFRESH = (
    "import sys; from etl.cli import main; code = main(['refresh', '--curated-only']); "
    + PEAK + "; sys.exit(code)"
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


def measured(args: list[str], root: Path) -> tuple[float, list[str]]:
    """(seconds, the last two lines the child printed) of one child process."""
    start = time.perf_counter()
    result = subprocess.run(args, cwd=REPO, env={**os.environ, "ETL_DATA_DIR": str(root)},
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{args} exited {result.returncode}: {result.stderr[-500:]}")
    return elapsed, result.stdout.strip().splitlines()[-2:]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        half = data_folder(Path(folder) / "half", ROWS // 2)
        full = data_folder(Path(folder) / "full", ROWS)
        size = (full / "curated" / "observations" / "synthetic.csv").stat().st_size / 1e6
        half_s = min(float(measured([PYTHON, "-c", VALIDATE, str(half)], half)[1][0])
                     for _ in range(2))
        runs = [measured([PYTHON, "-c", VALIDATE, str(full)], full)[1] for _ in range(2)]
        full_s = min(float(seconds) for seconds, _ in runs)
        validate_rss = max(float(rss) for _, rss in runs)
        refresh_s, (_, refresh_rss) = measured([PYTHON, "-c", REFRESH], full)
        refresh_rss = float(refresh_rss)
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

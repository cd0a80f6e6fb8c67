"""Benchmarks 4–6: refresh, parsing, export."""

from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.common import Result, best_of, copy_data
from benchmarks.recorded import record_raw_sets
from benchmarks.synthetic import comtrade_body, hs6_monthly_observations
from etl.export import to_csv_bytes
from etl.refresh import run_refresh
from etl.sources import comtrade


def refresh() -> list[Result]:
    """4. `refresh` from the curated data and a recorded set of raw responses, then again."""
    with tempfile.TemporaryDirectory() as folder:
        root = copy_data(Path(folder))
        bodies = record_raw_sets(root)
        start = time.perf_counter()
        first = run_refresh(root, offline=True)
        built = time.perf_counter() - start
        start = time.perf_counter()
        again = run_refresh(root, offline=True)
        checked = time.perf_counter() - start
    assert first.ok and first.published_new, first.error
    assert again.ok and not again.published_new
    return [
        Result("refresh: build and publish", built, "s", target="< 5 s", passed=built < 5,
               note=f"curated data + {bodies} recorded raw responses"),
        Result("refresh: again, nothing new", checked, "s", target="< 1 s", passed=checked < 1,
               note="stops at the input fingerprint check; publishes nothing"),
    ]


def parsing(records: int = 100_000) -> list[Result]:
    """5. Comtrade parse + harmonise of a 100,000-record response vs the plain pandas read."""
    body = comtrade_body(records)
    meta = {"url": "https://comtradeapi.un.org/data/v1/get/C/M/HS", "label": "benchmark",
            "fetched_at": "2026-11-01T06:00:00Z"}
    baseline = best_of(lambda: pd.DataFrame(json.loads(body)["data"]))
    ours = best_of(lambda: comtrade.SOURCE.harmonise(comtrade.SOURCE.parse(body), meta))
    ratio = ours / baseline
    return [Result(f"parse comtrade, {records:,} records", ours, "s",
                   reference="pd.DataFrame(json.loads(body)['data'])", reference_value=baseline,
                   target="≤ 1.5× reference", passed=ratio <= 1.5,
                   note=f"{len(body) / 1e6:.0f} MB body; includes validation and harmonisation")]


def export(rows: int = 1_000_000) -> list[Result]:
    """6. Injection-safe CSV export of a 1,000,000-row table vs plain DataFrame.to_csv."""
    frame = hs6_monthly_observations().head(rows).copy()
    risky = frame.sample(frac=0.001, random_state=1).index
    frame.loc[risky, "note"] = '=HYPERLINK("http://example.invalid")'

    def plain() -> bytes:
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, lineterminator="\n")
        return buffer.getvalue().encode("utf-8")

    baseline = best_of(plain, 2)
    ours = best_of(lambda: to_csv_bytes(frame), 2)
    ratio = ours / baseline
    return [Result(f"export CSV, {len(frame):,} rows", ours, "s",
                   reference="DataFrame.to_csv", reference_value=baseline,
                   target="≤ 2× reference", passed=ratio <= 2,
                   note=f"{len(risky):,} formula-like cells neutralised")]

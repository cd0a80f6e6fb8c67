"""Fixtures for the operational tests: a private copy of the data folder, a fake live source
whose answers each test scripts, and a lock or reader held by another thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pandas as pd
import pytest

from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.sources.base import SourceResult

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the committed inputs; nothing a test does touches data/."""
    for name in ("curated", "mappings", "article"):
        shutil.copytree(REPO / "data" / name, tmp_path / name)
    shutil.copy(REPO / "data" / "claims.yaml", tmp_path / "claims.yaml")
    return tmp_path


@contextmanager
def held_elsewhere(hold: Callable[[], AbstractContextManager], seconds: float = 10.0
                   ) -> Iterator[None]:
    """Another thread enters `hold()` (a lock, an open reader) and stays inside while the body
    runs, or `seconds` at most; the body starts once the thread is inside."""
    inside, leave = threading.Event(), threading.Event()

    def stay() -> None:
        with hold():
            inside.set()
            leave.wait(seconds)

    thread = threading.Thread(target=stay)
    thread.start()
    inside.wait(5)
    try:
        yield
    finally:
        leave.set()
        thread.join()


def edit_curated_value(root: Path, old: str, new: str) -> None:
    """Change one figure in the curated bilateral trade file (a publisher's revision)."""
    path = root / "curated" / "observations" / "trade_bilateral.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fx_rows(values: dict[str, float], source_id: str = "fake-rates") -> pd.DataFrame:
    """Official daily rouble-per-yuan rates, as a live source would harmonise them."""
    rows = []
    for day, value in values.items():
        row = {c: "" for c in OBSERVATION_COLUMNS}
        row.update({"indicator": "fx_rate", "reporter": "RUS", "currency": "CNY", "unit": "RUB",
                    "period": day, "freq": "D", "cumulative": False, "value": value,
                    "qualifier": "exact", "status": "official", "source_id": source_id})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame


def fake_sources_table(source_id: str = "fake-rates") -> pd.DataFrame:
    return pd.DataFrame([{
        "source_id": source_id, "publisher": "Test publisher", "title": "Test rates",
        "url": "http://127.0.0.1/rates", "date_published": "", "date_accessed": "2026-11-01",
        "licence": "test data", "citation": "test", "original_publisher": "", "kind": "api",
        "tier": "official",
    }], columns=SOURCE_COLUMNS)


class FakeSource:
    """Stands in for etl.sources.collect. Online calls return the next scripted answer and, like
    the raw store, keep it as the newest complete set; offline calls return the newest set kept.
    Withdrawing a set (raw_store.reject_set) drops it, as renaming its manifest does."""

    def __init__(self) -> None:
        self.answers: list[pd.DataFrame] = []
        self.sets: list[tuple[str, pd.DataFrame]] = []
        self.online_calls = 0

    def __call__(self, source_id: str, data_dir: Path, *, session=None, offline=False,
                 config=None, now=None) -> SourceResult:
        if offline:
            if not self.sets:
                return SourceResult(source_id, "unavailable", fx_rows({}), fake_sources_table(),
                                    error="never fetched")
            stamp, frame = self.sets[-1]
            return SourceResult(source_id, "cached", frame, fake_sources_table(),
                                fetched_at=stamp)
        self.online_calls += 1
        frame = self.answers.pop(0)
        stamp = f"2026-11-{self.online_calls:02d}T06:00:00+00:00"
        self.sets.append((stamp, frame))
        return SourceResult(source_id, "fresh", frame, fake_sources_table(), fetched_at=stamp,
                            raw_paths=[f"/fake/{stamp}/body.xml"])


@pytest.fixture
def fake_source(monkeypatch: pytest.MonkeyPatch) -> FakeSource:
    """Replace the live registry with one scripted source named 'fake'."""
    import etl.refresh
    import etl.sources
    import etl.sources.raw_store

    fake = FakeSource()
    monkeypatch.setattr(etl.refresh, "_registry", lambda: {"fake": object()})
    monkeypatch.setattr(etl.sources, "collect", fake)
    monkeypatch.setattr(etl.sources.raw_store, "reject_set",
                        lambda directory, reason: fake.sets.pop())
    return fake

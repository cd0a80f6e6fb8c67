"""Data access for the dashboard: the published snapshot, read once per version.

A `SnapshotStore` belongs to one app (it lives in `server.config`, not in module state, so
gunicorn workers and test apps never share it). It reads the CURRENT pointer at most every
`check_every` seconds and loads a new version only when the pointer moves; a request that asks
for an older version (a page loaded before a switch) still gets it while it is on disk.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.views import Views
from etl.errors import SnapshotError
from etl.retention import reading
from etl.store import current_version, read_manifest, read_table

MEMO_SIZE = 256  # rendered pages and chart results kept per snapshot version
TABLES = (
    "observations",
    "sources",
    "events",
    "claims",
    "claim_evidence",
    "trade_converted",
    "quality_flags",
    "corrections",
    "vocabulary",
    "partners",
    "indicators",
    "article",
    "article_meta",
    "hs_chapters",
    "product_labels",
)


@dataclass(frozen=True)
class Snapshot:
    version: str
    manifest: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    _memo: OrderedDict[Any, Any] = field(default_factory=OrderedDict, compare=False, repr=False)

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()` once per snapshot version: what every request would otherwise rebuild (a
        version never changes, so neither does anything computed from it). Keys include
        query-string state, which visitors choose freely, so the memo keeps only the most
        recently used MEMO_SIZE results."""
        try:
            self._memo.move_to_end(key)
            return self._memo[key]
        except KeyError:
            value = make()
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
            return value

    @property
    def built_at(self) -> str:
        return self.manifest["built_at"]

    @property
    def sources(self) -> pd.DataFrame:
        return self.tables["sources"]

    @cached_property
    def article_meta(self) -> dict[str, str]:
        meta = self.tables.get("article_meta")
        return {} if meta is None else dict(zip(meta["key"], meta["value"], strict=True))

    @cached_property
    def views(self) -> Views:
        """Every page's precomputed frames, built once for this version (dashboard.views)."""
        return Views(self.tables, self.manifest, self.version)

    def claim(self, claim_id: str) -> pd.Series | None:
        claims = self.tables["claims"]
        rows = claims[claims["claim_id"] == claim_id]
        return None if rows.empty else rows.iloc[0]


def load_snapshot(root: Path, version: str) -> Snapshot:
    with reading(version, root):  # retention will not delete a version while it is read
        return _read_snapshot(root, version)


def _read_snapshot(root: Path, version: str) -> Snapshot:
    # core_only: API detail finer than HS chapters is published apart and summed to chapters
    # (etl.derive.aggregates); a worker never loads it, so its memory and a callback's cost do
    # not grow with the detail. Exports read it.
    manifest = read_manifest(version, root)
    tables = {
        name: read_table(name, version, root, core_only=True)
        for name in TABLES
        if name in manifest["tables"]
    }
    return Snapshot(version=version, manifest=manifest, tables=tables)


class SnapshotStore:
    def __init__(self, root: Path, check_every: float = 5.0, keep: int = 2):
        self.root = root
        self.check_every = check_every
        self.keep = keep
        self._lock = threading.Lock()
        self._loaded: dict[str, Snapshot] = {}
        self._current: str | None = None
        self._checked = 0.0

    def state_stamp(self) -> int:
        """Changes whenever a refresh records new source states (a source going stale publishes
        no new version): part of every cache key for anything that shows freshness."""
        try:
            return (self.root / "state" / "sources.json").stat().st_mtime_ns
        except OSError:
            return 0

    def current(self) -> Snapshot | None:
        """The snapshot CURRENT names (None if nothing is published yet)."""
        now = time.monotonic()
        if self._current is None or now - self._checked >= self.check_every:
            version = current_version(self.root)
            self._checked = now
            if version is not None and version != self._current:
                self._load(version)
                self._current = version
        return self._loaded.get(self._current) if self._current else None

    def get(self, version: str | None) -> Snapshot | None:
        """A specific version if it is still on disk, else the current one."""
        if version and version != self._current:
            try:
                return self._load(version)
            except SnapshotError:
                pass
        return self.current()

    def _load(self, version: str) -> Snapshot:
        with self._lock:
            if version not in self._loaded:
                self._loaded[version] = load_snapshot(self.root, version)
                # keep the few most recent versions in memory; older pages reload from disk
                for old in sorted(self._loaded)[: -self.keep]:
                    if old != self._current:
                        del self._loaded[old]
            return self._loaded[version]

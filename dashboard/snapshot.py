"""Data access for the dashboard: the published snapshot, read once per version.

A `SnapshotStore` belongs to one app (it lives in `server.config`, not in module state, so
gunicorn workers and test apps never share it). It reads the CURRENT pointer at most every
`check_every` seconds and loads a new version only when the pointer moves.

Nothing a visitor sends reaches the file system unchecked: a version asked for (`?v=` on a
download, the version State a page's callbacks send) must match the exact version-name pattern
and be one of the published versions before any file is opened. A page loaded before a switch
keeps drawing from its own version while it is retained; once it is gone, `pinned` says so and
the page asks to be reloaded. Every version is checked against the checksums recorded when it
was published before it is used: if CURRENT's is damaged (or CURRENT is garbage), the newest
intact version serves and `problem` says why (/health reports `degraded`).

Memory is bounded in bytes: each version's memo of rendered results, and the versions other
than the current one kept loaded (least recently used go first).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from dash.development.base_component import Component

from dashboard.lru import ByteLRU
from dashboard.views import Views
from etl.errors import SnapshotError
from etl.retention import reading
from etl.store import (
    is_version_name,
    list_versions,
    read_manifest,
    read_pointer,
    read_table,
    verify,
)

log = logging.getLogger(__name__)
MEMO_BYTES = 32 * 1024 * 1024  # rendered pages and chart results kept per snapshot version
OLD_VERSIONS_BYTES = 64 * 1024 * 1024  # versions other than the current one kept loaded
# Python objects of a rendered page take about five times their JSON (measured on the article
# and explorer pages with tracemalloc); a version's views about as much as its tables.
JSON_TO_MEMORY = 5
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


def approximate_size(value: Any) -> int:
    """Bytes a memoised value holds, roughly: frames by pandas' own count, anything else (Dash
    components, figures, lists of them) by about the size of its JSON times JSON_TO_MEMORY.

    The JSON size is estimated by walking the value, not by serialising it: serialising a page
    of thousands of components just to weigh it took as long as building the page (the data
    page: about 90 ms of a 240 ms first render)."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return int(value.memory_usage(deep=True).sum() if isinstance(value, pd.DataFrame)
                   else value.memory_usage(deep=True))
    return JSON_TO_MEMORY * _json_size(value)


COMPONENT_META = {"_prop_names", "_valid_wildcard_attributes", "available_properties",
                  "available_wildcard_properties", "_type", "_namespace"}


def _json_size(value: Any) -> int:
    """About how many characters `value`'s JSON takes (a component: its type and props)."""
    if isinstance(value, str):
        return len(value) + 2
    if value is None or isinstance(value, bool | int | float):
        return 8
    if isinstance(value, dict):
        return 2 + sum(len(str(k)) + 4 + _json_size(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return 2 + sum(1 + _json_size(v) for v in value)
    if isinstance(value, Component):
        props = {k: v for k, v in vars(value).items() if k not in COMPONENT_META}
        return 48 + _json_size(props)
    if isinstance(value, np.ndarray | pd.Series | pd.Index):
        return 12 * len(value)
    to_json = getattr(value, "to_plotly_json", None)  # a plotly figure or trace
    if to_json is not None:
        return _json_size(to_json())
    return 64  # a date, a number type of numpy's: small

@dataclass(frozen=True)
class Snapshot:
    version: str
    manifest: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    _memo: ByteLRU = field(default_factory=lambda: ByteLRU(MEMO_BYTES), compare=False,
                           repr=False)

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()` once per snapshot version: what every request would otherwise rebuild (a
        version never changes, so neither does anything computed from it). Keys include
        query-string state, which visitors choose freely, so the memo keeps the most recently
        used results up to MEMO_BYTES."""
        value = self._memo.get(key)
        if value is None:
            value = make()
            self._memo.put(key, value, approximate_size(value))
        return value

    @cached_property
    def table_bytes(self) -> int:
        return int(sum(frame.memory_usage(deep=True).sum() for frame in self.tables.values()))

    def footprint(self) -> int:
        """Bytes this version holds, roughly: its tables, its views (about as much again) and
        its memo."""
        return 2 * self.table_bytes + self._memo.size

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
    """Read one version, after checking its files against their published checksums; raises
    SnapshotError if it is damaged or not a version name."""
    with reading(version, root):  # retention will not delete a version while it is read
        problems = verify(version, root, detail=False)
        if problems:
            raise SnapshotError("; ".join(problems[:3]))
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
    def __init__(self, root: Path, check_every: float = 5.0,
                 max_bytes: int = OLD_VERSIONS_BYTES, *, warm: bool = False):
        self.root = root
        self.check_every = check_every
        self.max_bytes = max_bytes  # for versions other than the current one
        # warm: a version is made ready (its views prepared) before it serves, and a new one is
        # loaded in the background while the old one keeps serving (web workers); without it,
        # the request that notices a new version loads it (tests, command-line readers).
        self.warm = warm
        self._switching: threading.Thread | None = None
        self._lock = threading.RLock()
        self._loaded: OrderedDict[str, Snapshot] = OrderedDict()  # least recently used first
        self._damaged: dict[str, str] = {}  # version -> what failed when it was loaded
        self._current: str | None = None
        self._pointer: tuple[str | None, str | None] | None = None  # as last read
        self._checked = 0.0
        self.problem: str | None = None  # why the version serving is not CURRENT's

    def state_stamp(self) -> int:
        """Changes whenever a refresh records new source states (a source going stale publishes
        no new version): part of every cache key for anything that shows freshness."""
        try:
            return (self.root / "state" / "sources.json").stat().st_mtime_ns
        except OSError:
            return 0

    def current(self) -> Snapshot | None:
        """The snapshot to serve: CURRENT's version, or the newest intact one if CURRENT is
        unreadable or names a damaged version (None if nothing is published yet)."""
        now = time.monotonic()
        if self._current is None or now - self._checked >= self.check_every:
            self._checked = now
            pointer = read_pointer(self.root)
            if pointer != self._pointer:  # versions never change: only a new pointer is news
                if self.warm and self._current is not None:
                    self._switch_in_background(pointer)
                else:
                    self._switch(pointer)
        with self._lock:
            return self._loaded.get(self._current) if self._current else None

    def _switch_in_background(self, pointer: tuple[str | None, str | None]) -> None:
        """Load the new version on a thread; until it is ready, the old one keeps serving (so no
        visitor waits for a version to load, and none sees a half-prepared one)."""
        with self._lock:
            if self._switching is not None and self._switching.is_alive():
                return
            self._switching = threading.Thread(
                target=self._switch, args=(pointer,), name="snapshot-switch", daemon=True
            )
            self._switching.start()

    def wait_for_switch(self, timeout: float | None = None) -> None:
        """Block until a background switch in progress is done (for tests and shutdown)."""
        thread = self._switching
        if thread is not None:
            thread.join(timeout)

    def _switch(self, pointer: tuple[str | None, str | None]) -> None:
        # Loading happens outside the lock, so requests keep being answered meanwhile; only the
        # swap of what serves is done under it.
        version, problem = pointer
        if version is not None:
            try:
                self._load(version, prepare=self.warm)
            except SnapshotError as exc:
                problem = str(exc)
                with self._lock:
                    self._damaged[version] = problem
            else:
                with self._lock:
                    self._current, self.problem, self._pointer = version, None, pointer
                return
        elif problem is None:
            problem = "data/published/CURRENT is missing"
        for candidate in reversed(list_versions(self.root)):
            if candidate == version or candidate in self._damaged:
                continue
            try:
                self._load(candidate, prepare=self.warm)
            except SnapshotError as exc:
                with self._lock:
                    self._damaged[candidate] = str(exc)
                continue
            with self._lock:
                self._current, self._pointer = candidate, pointer
                self.problem = (f"{problem}; serving the newest intact version, {candidate}. "
                                "Run `python -m etl refresh` to repair it.")
            log.error("snapshot: %s", self.problem)
            return
        with self._lock:
            self._current, self._pointer = None, pointer
            self.problem = None if version is None and not list_versions(self.root) else (
                f"{problem}; no intact version is left. Run `python -m etl refresh`.")

    def pinned(self, version: Any) -> Snapshot | None:
        """Exactly `version` if it is a published version that is still retained and intact,
        else None. The value comes from visitors: it is checked against the version-name
        pattern, then against the published versions, before any file is touched."""
        if not is_version_name(version):
            return None
        current = self.current()
        if current is not None and current.version == version:
            return current
        if version in self._damaged:
            return None
        if version not in list_versions(self.root):
            # gone from disk (retention): gone for every worker alike, loaded or not
            with self._lock:
                self._loaded.pop(version, None)
            return None
        try:
            return self._load(version)
        except SnapshotError as exc:
            self._damaged[version] = str(exc)
            return None

    def get(self, version: Any) -> Snapshot | None:
        """`version` if it is still available (see `pinned`), else the current snapshot."""
        return (self.pinned(version) if version else None) or self.current()

    def _load(self, version: str, *, prepare: bool = False) -> Snapshot:
        with self._lock:
            snap = self._loaded.get(version)
        if snap is None:
            snap = load_snapshot(self.root, version)
            with self._lock:  # another thread may have loaded it meanwhile: keep the first
                snap = self._loaded.setdefault(version, snap)
        if prepare:
            snap.views.prepare()
        with self._lock:
            self._loaded.move_to_end(version)
            self._evict(keep=version)
        return snap

    def _evict(self, keep: str) -> None:
        """Drop the least recently used versions other than the current one (and the one just
        asked for) while they hold more than max_bytes. Their pages reload them from disk."""
        others = [v for v in self._loaded if v not in (self._current, keep)]
        held = sum(self._loaded[v].footprint() for v in others)
        for version in others:
            if held <= self.max_bytes:
                break
            held -= self._loaded.pop(version).footprint()

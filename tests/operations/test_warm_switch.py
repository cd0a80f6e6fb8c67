"""A web worker makes each version ready before it serves it: the views are prepared when the
version loads, and a new version loads in the background while the old one keeps answering.
(What the first visitor after a refresh waits for is a page's render, not the data's loading.)"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import dashboard.snapshot as snapshot_module
from dashboard.app import create_app
from dashboard.snapshot import SnapshotStore
from dashboard.views import PAGE_VIEWS
from etl.refresh import run_refresh
from etl.store import current_version

from .conftest import edit_curated_value

PAGE_BASES = [*PAGE_VIEWS, "claims", "words"]


def prepared(snap: snapshot_module.Snapshot) -> list[str]:
    """Which of the version's page bases are already built (cached on its Views)."""
    views = snap.__dict__.get("views")
    return [] if views is None else [name for name in PAGE_BASES if name in views.__dict__]


def publish_another(root: Path) -> str:
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,250.00,USD bn")
    report = run_refresh(root, live=False)
    assert report.ok
    return report.version


def test_a_web_app_loads_and_prepares_its_version_before_the_first_request(root: Path):
    run_refresh(root, live=False)
    store = create_app(root, check_every=0, warm=True).server.config["SNAPSHOT_STORE"]
    loaded = store._loaded[current_version(root)]
    assert prepared(loaded) == PAGE_BASES
    assert "check" not in loaded.views.__dict__  # the checker's base waits for a first check


def test_without_warm_nothing_is_loaded_until_asked(root: Path):
    run_refresh(root, live=False)
    store = create_app(root, check_every=0).server.config["SNAPSHOT_STORE"]
    assert not store._loaded
    assert prepared(store.current()) == []


def test_a_new_version_loads_in_the_background_while_the_old_one_serves(
    root: Path, monkeypatch: pytest.MonkeyPatch
):
    first = run_refresh(root, live=False).version
    store = SnapshotStore(root, check_every=0, warm=True)
    assert store.current().version == first

    release = threading.Event()
    real_load = snapshot_module.load_snapshot

    def slow_load(where: Path, version: str) -> snapshot_module.Snapshot:
        assert release.wait(30), "the test never released the load"
        return real_load(where, version)

    monkeypatch.setattr(snapshot_module, "load_snapshot", slow_load)
    second = publish_another(root)
    # while the new version loads, every request is answered at once, from the old one
    for _ in range(3):
        assert store.current().version == first
    release.set()
    store.wait_for_switch(30)
    served = store.current()
    assert served.version == second
    assert prepared(served) == PAGE_BASES  # ready before it served anything
    assert store.get(first).version == first  # a page loaded before still has its own


def test_a_damaged_new_version_never_replaces_the_one_serving(root: Path):
    first = run_refresh(root, live=False).version
    store = SnapshotStore(root, check_every=0, warm=True)
    assert store.current().version == first
    second = publish_another(root)
    published = root / "published" / second
    victim = next(p for p in sorted(published.iterdir()) if p.suffix == ".parquet")
    victim.write_bytes(b"not parquet")
    store.current()
    store.wait_for_switch(30)
    assert store.current().version == first
    assert second in store.problem and "serving the newest intact version" in store.problem

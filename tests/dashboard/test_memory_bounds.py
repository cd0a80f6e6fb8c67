"""The dashboard's caches are bounded in bytes, not entries (issue 13, defect 15): visitors
choose the keys (query strings, callback bodies), so only a byte budget bounds memory. The
version just asked for is never the one evicted (issue 13, defect 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

import dashboard.snapshot
from dashboard.lru import ByteLRU
from dashboard.pages import explorer
from dashboard.snapshot import SnapshotStore, approximate_size
from etl.refresh import run_refresh
from tests.helpers import copy_inputs
from tests.operations.conftest import edit_curated_value


def test_a_byte_lru_keeps_its_total_under_the_budget_dropping_the_oldest():
    cache = ByteLRU(max_bytes=1000)
    for i in range(50):
        cache.put(i, f"value {i}", 100)
    assert cache.size <= 1000 and len(cache) == 10
    assert cache.get(39) is None and cache.get(49) == "value 49"


def test_a_value_bigger_than_an_eighth_of_the_budget_is_not_kept():
    cache = ByteLRU(max_bytes=800)
    cache.put("small", "x", 10)
    cache.put("huge", "y" * 200, 200)
    assert cache.get("huge") is None and cache.get("small") == "x"


def test_a_rendered_page_counts_by_its_size(render):
    small = approximate_size(["a"])
    page = approximate_size(render(explorer))
    assert page > 50 * small > 0


def test_the_memo_of_rendered_states_stays_within_its_byte_budget(
    bundled_root, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(dashboard.snapshot, "MEMO_BYTES", 2 * 1024 * 1024)
    from dashboard.app import create_app

    app = create_app(bundled_root, check_every=3600, build_if_missing=False)
    with app.server.test_request_context():
        snap = app.server.config["SNAPSHOT_STORE"].current()
        for year in range(2000, 2026):
            for currency in ("USD", "CNY", "RUB"):
                explorer.layout(start=str(year), currency=currency)
        assert 0 < snap._memo.size <= 2 * 1024 * 1024
        assert len(snap._memo) < 26 * 3  # older states were dropped


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_inputs(tmp_path / "data")


@pytest.fixture
def three_versions(root: Path) -> list[str]:
    versions, value = [], 244.81
    for _ in range(3):
        versions.append(run_refresh(root, live=False).version)
        edit_curated_value(root, f",2024,A,false,{value:.2f},USD bn",
                           f",2024,A,false,{value + 1:.2f},USD bn")
        value += 1
    return versions


def test_old_versions_beyond_the_byte_budget_are_dropped_but_never_the_one_asked_for(
    root: Path, three_versions: list[str]
):
    first, second, third = three_versions
    store = SnapshotStore(root, check_every=0, max_bytes=0)  # no room for any old version

    assert store.current().version == third
    assert store.pinned(second).version == second
    assert store.pinned(first).version == first  # loaded, then kept for this request
    assert list(store._loaded) == [third, first]
    assert store.pinned(second).version == second
    assert list(store._loaded) == [third, second]
    assert store.current().version == third


def test_old_versions_within_the_budget_stay_loaded(root: Path, three_versions: list[str]):
    first, second, third = three_versions
    store = SnapshotStore(root, check_every=0)

    for version in (first, second, third):
        assert store.pinned(version).version == version
    assert set(store._loaded) == {first, second, third}

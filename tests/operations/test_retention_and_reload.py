"""Old versions are pruned safely; the dashboard picks up a new version without a restart."""

from __future__ import annotations

from pathlib import Path

from dashboard.snapshot import SnapshotStore
from etl.refresh import run_refresh
from etl.retention import prune, reading
from etl.store import current_version, list_versions, read_manifest

from .conftest import edit_curated_value, held_elsewhere


def publish_versions(root: Path, count: int) -> list[str]:
    versions = []
    value = 244.81
    for _ in range(count):
        report = run_refresh(root, live=False, keep=100)
        assert report.ok
        versions.append(report.version)
        new = value + 1
        edit_curated_value(root, f",2024,A,false,{value:.2f},USD bn",
                           f",2024,A,false,{new:.2f},USD bn")
        value = new
    return versions


def test_retention_keeps_the_newest_versions_and_never_the_current_or_previous(root: Path):
    versions = publish_versions(root, 5)
    deleted = prune(root, keep=3)
    assert deleted == versions[:2]
    assert list_versions(root) == versions[2:]
    current = current_version(root)
    assert current == versions[-1]
    assert read_manifest(current, root)["previous"] in list_versions(root)


def test_retention_skips_a_version_a_reader_holds_open(root: Path):
    versions = publish_versions(root, 4)
    with held_elsewhere(lambda: reading(versions[0], root)):
        deleted = prune(root, keep=2)
    assert versions[0] not in deleted and versions[1] in deleted
    assert versions[0] in list_versions(root)
    assert prune(root, keep=2) == [versions[0]]  # once released, it goes


def test_the_dashboard_store_serves_a_new_version_without_a_restart(root: Path):
    first = run_refresh(root, live=False).version
    store = SnapshotStore(root, check_every=0.0)
    assert store.current().version == first
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,250.00,USD bn")
    second = run_refresh(root, live=False).version
    assert second != first
    assert store.current().version == second
    # a page loaded before the switch can still ask for its own version
    assert store.get(first).version == first


def test_the_store_looks_for_a_new_version_at_most_every_check_interval(root: Path):
    first = run_refresh(root, live=False).version
    store = SnapshotStore(root, check_every=3600)
    assert store.current().version == first
    edit_curated_value(root, ",2024,A,false,244.81,USD bn", ",2024,A,false,250.00,USD bn")
    run_refresh(root, live=False)
    assert store.current().version == first  # not re-read on every request


def test_a_refresh_prunes_old_versions_by_itself(root: Path):
    value = 244.81
    for _ in range(4):
        run_refresh(root, live=False, keep=2)
        edit_curated_value(root, f",2024,A,false,{value:.2f},USD bn",
                           f",2024,A,false,{value + 1:.2f},USD bn")
        value += 1
    assert len(list_versions(root)) == 2

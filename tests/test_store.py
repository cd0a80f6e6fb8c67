"""Published snapshots (etl/store.py): immutable version folders and a CURRENT pointer that only
ever names a complete version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from etl import store
from etl.errors import SnapshotError
from etl.store import current_version, list_versions, publish, read_table
from tests.helpers import observations, sources

MORNING = datetime(2026, 1, 14, 6, 0, tzinfo=UTC)
EVENING = datetime(2026, 1, 14, 18, 0, tzinfo=UTC)


def tables(value: float = 244.81e9) -> dict[str, pd.DataFrame]:
    return {
        "observations": observations({"value": value, "source_id": "gacc"}),
        "sources": sources("gacc"),
    }


def leftovers(root: Path) -> list[str]:
    """Temporary files and folders a publication left in data/published."""
    return sorted(p.name for p in (root / "published").iterdir() if p.name.startswith("."))


def test_publishing_writes_a_version_folder_and_points_current_at_it(tmp_path):
    version, new = publish(tables(), root=tmp_path, now=MORNING)

    assert new is True
    assert version.startswith("20260114T060000.000000Z-")
    folder = tmp_path / "published" / version
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json",
        "observations.parquet",
        "sources.parquet",
    ]
    assert (tmp_path / "published" / "CURRENT").read_text() == version + "\n"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["version"] == version
    assert manifest["built_at"] == "2026-01-14T06:00:00Z"
    assert manifest["previous"] is None
    assert manifest["tables"]["observations"]["rows"] == 1
    assert leftovers(tmp_path) == []


def test_a_published_table_reads_back_unchanged(tmp_path):
    publish(tables(), root=tmp_path, now=MORNING)

    pd.testing.assert_frame_equal(
        read_table("observations", root=tmp_path), tables()["observations"]
    )


def test_publishing_identical_content_publishes_nothing_new(tmp_path):
    first, _ = publish(tables(), root=tmp_path, now=MORNING)

    again, new = publish(tables(), root=tmp_path, now=EVENING)

    assert (again, new) == (first, False)
    assert list_versions(tmp_path) == [first]


def test_new_content_is_a_new_version_that_names_the_previous_one(tmp_path):
    first, _ = publish(tables(), root=tmp_path, now=MORNING)

    second, new = publish(tables(value=245e9), root=tmp_path, now=EVENING)

    assert new and second != first
    assert current_version(tmp_path) == second
    assert list_versions(tmp_path) == [first, second]
    assert store.read_manifest(second, tmp_path)["previous"] == first
    assert read_table("observations", version=first, root=tmp_path)["value"].tolist() == [244.81e9]


def test_a_failure_while_writing_a_table_keeps_the_old_version_serving(tmp_path, monkeypatch):
    old, _ = publish(tables(), root=tmp_path, now=MORNING)

    def disk_full(self, path, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", disk_full)
    with pytest.raises(SnapshotError) as caught:
        publish(tables(value=245e9), root=tmp_path, now=EVENING)

    assert "could not publish snapshot 20260114T180000.000000Z-" in str(caught.value)
    assert "No space left on device" in str(caught.value)
    assert str(caught.value).endswith(f"version {old} keeps serving")
    assert current_version(tmp_path) == old
    assert list_versions(tmp_path) == [old]
    assert leftovers(tmp_path) == []  # the temporary folder is removed


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("rename", OSError(18, "Invalid cross-device link")),  # moving the version into place
        ("replace", OSError(5, "Input/output error")),  # switching CURRENT to it
    ],
)
def test_a_failure_at_either_step_of_publishing_keeps_the_old_version_and_no_new_one(
    tmp_path, monkeypatch, step, error
):
    old, _ = publish(tables(), root=tmp_path, now=MORNING)

    def refuse(source, target):
        raise error

    monkeypatch.setattr(store.os, step, refuse)
    with pytest.raises(SnapshotError, match=f"version {old} keeps serving"):
        publish(tables(value=245e9), root=tmp_path, now=EVENING)

    monkeypatch.undo()
    assert current_version(tmp_path) == old
    assert list_versions(tmp_path) == [old]
    assert leftovers(tmp_path) == []


def test_a_first_publication_that_fails_says_no_version_is_serving(tmp_path, monkeypatch):
    def refuse(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(store.os, "rename", refuse)

    with pytest.raises(SnapshotError, match="no version is serving yet"):
        publish(tables(), root=tmp_path, now=MORNING)

    monkeypatch.undo()
    assert current_version(tmp_path) is None
    assert list_versions(tmp_path) == []


def test_a_failed_publication_never_deletes_a_version_already_published(tmp_path):
    # Content X at 06:00, then Y, then X again with the same clock reading: the version name
    # is taken. The publication fails, but the published version X must stay whole.
    first, _ = publish(tables(), root=tmp_path, now=MORNING)
    second, _ = publish(tables(value=245e9), root=tmp_path, now=EVENING)

    with pytest.raises(SnapshotError, match="already exists"):
        publish(tables(), root=tmp_path, now=MORNING)

    assert current_version(tmp_path) == second
    assert list_versions(tmp_path) == [first, second]
    assert read_table("observations", version=first, root=tmp_path)["value"].tolist() == [244.81e9]


def test_reading_an_unknown_table_names_the_tables_available(tmp_path):
    version, _ = publish(tables(), root=tmp_path, now=MORNING)

    with pytest.raises(SnapshotError) as caught:
        read_table("observation", root=tmp_path)

    assert str(caught.value) == (
        f"table 'observation' is not in snapshot {version}; tables: observations, sources"
    )


def test_reading_before_anything_is_published_is_a_clear_error(tmp_path):
    with pytest.raises(
        SnapshotError, match="no snapshot has been published yet; run `python -m etl refresh`"
    ):
        read_table("observations", root=tmp_path)
    assert current_version(tmp_path) is None
    assert list_versions(tmp_path) == []


def test_an_incomplete_version_is_not_listed_and_cannot_become_current(tmp_path):
    publish(tables(), root=tmp_path, now=MORNING)
    (tmp_path / "published" / "20260101T000000Z-deadbeef").mkdir()  # no manifest

    assert "20260101T000000Z-deadbeef" not in list_versions(tmp_path)
    with pytest.raises(SnapshotError, match="not a complete version"):
        store.switch_current("20260101T000000Z-deadbeef", tmp_path)

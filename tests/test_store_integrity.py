"""A published version can prove it is whole (issue 13, defects 1, 3 and 7): each file's size
and sha256 are recorded at publication and checked on reading; version names are checked
before they become paths; a CURRENT pointer that is not a version name counts as missing, and
the version to serve is then the newest intact one."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from etl.errors import SnapshotError
from etl.store import (
    current_version,
    is_version_name,
    publish,
    read_manifest,
    read_pointer,
    read_table,
    serving_version,
    verify,
)
from tests.helpers import observations, sources

MORNING = datetime(2026, 1, 14, 6, 0, tzinfo=UTC)
EVENING = datetime(2026, 1, 14, 18, 0, tzinfo=UTC)


def tables(value: float = 244.81e9):
    return {"observations": observations({"value": value, "source_id": "gacc"}),
            "sources": sources("gacc")}


@pytest.fixture
def two_versions(tmp_path):
    first, _ = publish(tables(), root=tmp_path, now=MORNING)
    second, _ = publish(tables(245e9), root=tmp_path, now=EVENING)
    return tmp_path, first, second


def test_each_file_is_recorded_with_its_size_and_sha256(tmp_path):
    version, _ = publish(tables(), root=tmp_path, now=MORNING)
    folder = tmp_path / "published" / version

    files = read_manifest(version, tmp_path)["files"]

    assert sorted(files) == ["observations.parquet", "sources.parquet"]
    for name, recorded in files.items():
        data = (folder / name).read_bytes()
        assert recorded == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert verify(version, tmp_path) == []


def test_a_file_changed_in_place_fails_its_checksum(two_versions):
    root, _first, second = two_versions
    path = root / "published" / second / "observations.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    assert verify(second, root) == [
        f"{second}/observations.parquet is damaged: its checksum differs from the one recorded "
        "when it was published"
    ]


def test_a_missing_file_and_a_damaged_manifest_are_named(two_versions):
    root, first, second = two_versions
    (root / "published" / second / "sources.parquet").unlink()
    (root / "published" / first / "manifest.json").write_text("{", encoding="utf-8")

    assert verify(second, root) == [f"{second}/sources.parquet is missing"]
    assert "its manifest" in verify(first, root)[0] and "is damaged" in verify(first, root)[0]


def test_reading_a_garbage_table_is_a_snapshot_error_not_a_pyarrow_traceback(two_versions):
    root, _first, second = two_versions
    (root / "published" / second / "observations.parquet").write_bytes(b"garbage" * 100)

    with pytest.raises(SnapshotError, match=r"observations\.parquet cannot be read as Parquet"):
        read_table("observations", second, root)


def test_the_newest_intact_version_serves_when_the_current_one_is_damaged(two_versions):
    root, first, second = two_versions
    (root / "published" / second / "observations.parquet").write_bytes(b"garbage")

    version, problem = serving_version(root)

    assert version == first
    assert second in problem and f"serving the newest intact version, {first}" in problem


@pytest.mark.parametrize("pointer", [b"garbage\n", b"\xff\xfe\x00", b"", b"  \n",
                                     b"../../etc/passwd", b"x" * 10_000])
def test_a_pointer_that_is_not_a_version_name_counts_as_missing(two_versions, pointer):
    root, _first, second = two_versions
    (root / "published" / "CURRENT").write_bytes(pointer)

    assert current_version(root) is None
    assert read_pointer(root)[1] is not None
    version, problem = serving_version(root)
    assert version == second and "CURRENT" in problem


def test_a_republication_of_equal_content_repairs_a_damaged_current_version(two_versions):
    root, _first, second = two_versions
    (root / "published" / second / "sources.parquet").unlink()

    repaired, new = publish(tables(245e9), root=root, now=datetime(2026, 1, 15, tzinfo=UTC))

    assert new and repaired != second and current_version(root) == repaired
    assert verify(repaired, root) == []
    assert read_manifest(repaired, root)["previous"] != second  # the one that was serving


@pytest.mark.parametrize("name", ["../x", "a/b", "\x00", "", "20261120T080000.000000Z-12D539EC",
                                  "20261120T080000.000000Z-12d539ec/..", 7, None])
def test_a_value_that_is_not_a_version_name_never_becomes_a_path(tmp_path, name):
    assert not is_version_name(name)
    with pytest.raises(SnapshotError, match="not a snapshot version name"):
        read_manifest(name, tmp_path)  # type: ignore[arg-type]


def test_both_version_name_forms_ever_published_are_accepted():
    assert is_version_name("20261120T080000.000000Z-12d539ec")
    assert is_version_name("20261128T060000Z-1a2b3c4d")  # before microseconds were added


def test_a_legacy_manifest_without_checksums_is_checked_for_its_files(two_versions):
    root, _first, second = two_versions
    path = root / "published" / second / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["files"]
    path.write_text(json.dumps(manifest), encoding="utf-8")

    assert verify(second, root) == []
    (root / "published" / second / "observations.parquet").unlink()
    assert verify(second, root) == [f"{second}/observations.parquet is missing"]

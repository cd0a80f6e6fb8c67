"""Raw snapshots: bodies unchanged with sidecars, a manifest written last, checksums on read."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from etl.sources import raw_store
from etl.sources.base import RawResponse
from etl.sources.http import sha256

DAY1 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
DAY2 = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def raw(body: bytes, label: str = "CHN→RUS annual total 2015–2024", n: int = 1) -> RawResponse:
    return RawResponse(
        body=body,
        meta={
            "source_id": "comtrade",
            "label": label,
            "url": f"https://api.example/x?n={n}",
            "params": {"n": str(n)},
            "fetched_at": "2026-11-20T09:30:00Z",
            "http_status": 200,
            "bytes": len(body),
            "sha256": sha256(body),
            "content_type": "application/json",
            "publisher": "UN",
            "licence": "terms",
            "row_limit": 500,
        },
    )


def test_a_complete_set_has_bodies_unchanged_sidecars_and_a_manifest(tmp_path):
    bodies = [raw(b'{"data": [1]}', n=1), raw(b'{"data": [2]}', label="second", n=2)]

    paths = raw_store.save_set(tmp_path, "comtrade", bodies, DAY1, complete=True)

    folder = tmp_path / "raw" / "comtrade" / "2026-11-20"
    assert [p.parent for p in paths] == [folder, folder]
    assert paths[0].read_bytes() == b'{"data": [1]}'
    assert paths[0].name.startswith("01-chn-rus-annual-total-2015-2024-")
    assert paths[0].suffix == ".json"
    sidecar = json.loads(raw_store.sidecar_path(paths[1]).read_text())
    assert sidecar["sha256"] == sha256(b'{"data": [2]}')
    assert sidecar["url"] == "https://api.example/x?n=2"
    manifest = json.loads((folder / "_complete.json").read_text())
    assert [f["body"] for f in manifest["files"]] == [p.name for p in paths]
    assert manifest["fetched_at"] == "2026-11-20T09:30:00Z"


def test_the_latest_complete_set_reads_back_what_was_saved(tmp_path):
    bodies = [raw(b"one", n=1), raw(b"two", n=2)]
    raw_store.save_set(tmp_path, "imf", bodies, DAY1, complete=True)

    stored = raw_store.latest_complete_set(tmp_path, "imf")

    assert [r.body for r in stored.raws] == [b"one", b"two"]
    assert stored.fetched_at == "2026-11-20T09:30:00Z"
    assert stored.fingerprint() == raw_store.fingerprint(bodies)


def test_an_incomplete_set_is_never_read_as_data(tmp_path):
    raw_store.save_set(tmp_path, "cbr", [raw(b"good")], DAY1, complete=True)
    raw_store.save_set(tmp_path, "cbr", [raw(b"half of a newer set")], DAY2, complete=False)

    stored = raw_store.latest_complete_set(tmp_path, "cbr")

    assert stored.directory.name == "2026-11-20"
    assert stored.raws[0].body == b"good"
    assert not (tmp_path / "raw" / "cbr" / "2026-11-21" / "_complete.json").exists()


def test_no_snapshot_at_all_reads_as_none(tmp_path):
    assert raw_store.latest_complete_set(tmp_path, "cbr") is None


def test_a_body_altered_after_saving_is_an_error_not_a_warning(tmp_path):
    paths = raw_store.save_set(tmp_path, "cbr", [raw(b"<ValCurs/>")], DAY1, complete=True)
    paths[0].write_bytes(b"<ValCurs>edited</ValCurs>")

    with pytest.raises(raw_store.RawSnapshotError, match="checksum mismatch"):
        raw_store.latest_complete_set(tmp_path, "cbr")


def test_a_missing_body_is_an_error(tmp_path):
    paths = raw_store.save_set(tmp_path, "cbr", [raw(b"<ValCurs/>")], DAY1, complete=True)
    paths[0].unlink()

    with pytest.raises(raw_store.RawSnapshotError, match="missing"):
        raw_store.latest_complete_set(tmp_path, "cbr")


def test_saving_the_same_set_twice_rewrites_nothing(tmp_path):
    bodies = [raw(b"same", n=1), raw(b"also same", n=2)]
    raw_store.save_set(tmp_path, "imf", bodies, DAY1, complete=True)
    folder = tmp_path / "raw" / "imf" / "2026-11-20"
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}

    raw_store.save_set(tmp_path, "imf", bodies, DAY1, complete=True)

    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
    assert after == before


def test_a_changed_body_gets_a_new_file_and_never_overwrites_an_old_one(tmp_path):
    first = raw_store.save_set(tmp_path, "imf", [raw(b"v1")], DAY1, complete=True)
    second = raw_store.save_set(tmp_path, "imf", [raw(b"v2")], DAY1, complete=True)

    assert first[0] != second[0]
    assert first[0].read_bytes() == b"v1"
    assert raw_store.latest_complete_set(tmp_path, "imf").raws[0].body == b"v2"

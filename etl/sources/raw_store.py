"""Raw snapshots on disk: every fetched body unchanged, with a metadata sidecar, by source and date.

Layout::

    <data_dir>/raw/<source_id>/<YYYY-MM-DD>/
        03-chn-rus-annual-total-2015-2024-1a2b3c4d5e6f.json        the body, byte for byte
        03-chn-rus-annual-total-2015-2024-1a2b3c4d5e6f.json.meta.json   its sidecar
        _complete.json                                              manifest, written last

A *set* is everything one refresh fetched for one source. It counts only once `_complete.json`
exists, and that file is written last (atomically), after every request of the set succeeded
and parsed. So a refresh that dies half way leaves at most some bodies without a manifest, and
readers keep using the previous complete set. Body file names carry a prefix of their sha256, so
a new set never overwrites a body an older manifest points to, and saving identical bodies
again rewrites nothing. On read every body is checked against the manifest's sha256: a mismatch
is an error, never a warning.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from etl.config import raw_dir
from etl.errors import EtlError
from etl.sources.base import RawResponse
from etl.sources.http import sha256

MANIFEST = "_complete.json"
META_SUFFIX = ".meta.json"
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RawSnapshotError(EtlError):
    """A stored raw snapshot is damaged: a body is missing or does not match its checksum."""


@dataclass
class StoredSet:
    """One complete fetch set as read back from disk (checksums verified)."""

    source_id: str
    directory: Path
    fetched_at: str
    raws: list[RawResponse] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)

    def fingerprint(self) -> list[tuple[str, str]]:
        return fingerprint(self.raws)


def source_root(data_dir: Path, source_id: str) -> Path:
    return raw_dir(data_dir) / source_id


def fingerprint(raws: list[RawResponse]) -> list[tuple[str, str]]:
    """What identifies a set's content: each request (its URL) with its body checksum."""
    return [(str(r.meta.get("url", "")), sha256(r.body)) for r in raws]


def sidecar_path(body_path: Path) -> Path:
    return body_path.with_name(body_path.name + META_SUFFIX)


def body_filename(index: int, raw: RawResponse) -> str:
    label = str(raw.meta.get("label") or "response")
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower().replace("→", "-")).strip("-")[:60] or "response"
    return f"{index:02d}-{slug}-{sha256(raw.body)[:12]}{_extension(raw)}"


def save_set(
    data_dir: Path,
    source_id: str,
    raws: list[RawResponse],
    fetched_at: datetime,
    *,
    complete: bool,
) -> list[Path]:
    """Write bodies and sidecars under today's folder; with `complete`, the manifest last.

    An incomplete save (a refresh that failed part way) keeps the bodies for diagnosis but
    writes no manifest, so nothing reads it as data.
    """
    directory = source_root(data_dir, source_id) / fetched_at.date().isoformat()
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    entries: list[dict[str, Any]] = []
    for index, raw in enumerate(raws, start=1):
        body_path = directory / body_filename(index, raw)
        meta = {**raw.meta, "bytes": len(raw.body), "sha256": sha256(raw.body)}
        _write_if_changed(body_path, raw.body)
        _write_if_changed(sidecar_path(body_path), _json_bytes(meta))
        paths.append(body_path)
        entries.append(
            {
                "body": body_path.name,
                "meta": sidecar_path(body_path).name,
                "sha256": meta["sha256"],
                "bytes": meta["bytes"],
                "label": meta.get("label", ""),
                "url": meta.get("url", ""),
            }
        )
    if complete:
        manifest = {
            "format": 1,
            "source_id": source_id,
            "fetched_at": _iso(fetched_at),
            "requests": len(raws),
            "files": entries,
        }
        _write_if_changed(directory / MANIFEST, _json_bytes(manifest))
    return paths


def latest_complete_set(data_dir: Path, source_id: str) -> StoredSet | None:
    """The newest set with a manifest, bodies verified; None if there is none.

    Raises RawSnapshotError if that set is damaged (a body missing or altered): falling back
    silently to an older set would hide the damage.
    """
    root = source_root(data_dir, source_id)
    if not root.is_dir():
        return None
    dated = sorted(
        (d for d in root.iterdir() if d.is_dir() and _DATE_DIR.match(d.name)),
        key=lambda d: d.name,
        reverse=True,
    )
    for directory in dated:
        if (directory / MANIFEST).is_file():
            return read_set(directory)
    return None


def read_set(directory: Path) -> StoredSet:
    manifest_path = directory / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = manifest["files"]
        source_id = manifest["source_id"]
        fetched_at = manifest["fetched_at"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RawSnapshotError(
            f"{manifest_path}: unreadable manifest ({exc}); delete that folder or refetch"
        ) from exc
    stored = StoredSet(source_id=source_id, directory=directory, fetched_at=fetched_at)
    for entry in entries:
        body_path = directory / entry["body"]
        body = read_verified(body_path, entry["sha256"])
        meta = read_meta(body_path)
        stored.raws.append(RawResponse(body=body, meta=meta))
        stored.paths.append(body_path)
    return stored


def read_verified(body_path: Path, expected_sha256: str) -> bytes:
    """The body, if its sha256 is the expected one; RawSnapshotError otherwise."""
    try:
        body = body_path.read_bytes()
    except OSError as exc:
        raise RawSnapshotError(
            f"{body_path}: raw body missing ({exc}); the snapshot is incomplete, refetch it"
        ) from exc
    found = sha256(body)
    if found != expected_sha256:
        raise RawSnapshotError(
            f"{body_path}: checksum mismatch (expected sha256 {expected_sha256}, found {found}); "
            "the raw file was altered after it was saved — restore it from version control "
            "or refetch the source"
        )
    return body


def read_meta(body_path: Path) -> dict[str, Any]:
    """The sidecar beside a body, or {} if there is none (e.g. a file saved by hand)."""
    path = sidecar_path(body_path)
    if not path.is_file():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RawSnapshotError(f"{path}: unreadable metadata sidecar ({exc})") from exc
    if not isinstance(meta, dict):
        raise RawSnapshotError(f"{path}: metadata sidecar is not a JSON object")
    return meta


def _extension(raw: RawResponse) -> str:
    content_type = str(raw.meta.get("content_type", "")).lower()
    head = raw.body.lstrip()[:100].lower()
    if "zip" in content_type or raw.body.startswith(b"PK\x03\x04"):
        return ".zip"
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if "json" in content_type or head.startswith((b"{", b"[")):
        return ".json"
    if "xml" in content_type or head.startswith(b"<"):
        return ".xml"
    return ".bin"


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _write_if_changed(path: Path, data: bytes) -> None:
    """Atomic write, skipped when the file already holds exactly these bytes (idempotent)."""
    if path.is_file() and path.read_bytes() == data:
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


REJECTED = "_rejected.json"


def reject_set(directory: Path, reason: str) -> None:
    """Withdraw a complete set whose data the pipeline refused (implausible or invalid): its
    manifest is renamed, so later refreshes fall back to the set before it, and the reason stays
    beside the bodies for whoever investigates."""
    manifest = directory / MANIFEST
    if not manifest.is_file():
        return
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record["rejected_because"] = reason
    (directory / REJECTED).write_bytes(_json_bytes(record))
    manifest.unlink()

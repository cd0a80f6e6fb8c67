"""Published snapshots: immutable version folders and an atomically switched CURRENT pointer.

    data/published/
        CURRENT                      one line: the version being served
        20261128T060000Z-1a2b3c4d/   one folder per version, never modified after publication
            manifest.json            version, build time, content hash, tables, source states
            observations.parquet ... one Parquet file per table

Publishing writes the whole version into a temporary folder, fsyncs it, renames it into place
(atomic on one file system), and only then replaces CURRENT (write a temporary file, fsync,
os.replace). A crash at any point leaves CURRENT naming a complete version, old or new.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from etl.config import published_dir
from etl.errors import SnapshotError

MANIFEST = "manifest.json"
POINTER = "CURRENT"


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """A hash of the tables' content (names, columns, values), independent of build time."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        digest.update(name.encode())
        digest.update("\x1f".join(map(str, frame.columns)).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).values.tobytes())
    return digest.hexdigest()


def current_version(root: Path | None = None) -> str | None:
    pointer = published_dir(root) / POINTER
    try:
        version = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return version or None


def read_manifest(version: str, root: Path | None = None) -> dict[str, Any]:
    path = published_dir(root) / version / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(
            f"snapshot {version} has no manifest ({path}); run "
            "`python -m etl refresh` to publish a complete version"
        ) from None


def read_table(
    name: str,
    version: str | None = None,
    root: Path | None = None,
    columns: list[str] | None = None,
    filters: Any = None,
    core_only: bool = False,
) -> pd.DataFrame:
    """One table of a version (the current one by default); `filters` is a pyarrow expression
    applied while reading. A table published with a detail part (see `publish(split=...)`) is
    read whole, or without its detail if `core_only` (the dashboard never loads the detail)."""
    version = version or current_version(root)
    if version is None:
        raise SnapshotError("no snapshot has been published yet; run `python -m etl refresh`")
    path = published_dir(root) / version / f"{name}.parquet"
    if not path.exists():
        manifest = read_manifest(version, root)
        raise SnapshotError(
            f"table {name!r} is not in snapshot {version}; tables: "
            f"{', '.join(sorted(manifest['tables']))}"
        )
    core = pd.read_parquet(path, columns=columns, filters=filters)
    detail_path = path.with_name(f"{name}.detail.parquet")
    if core_only or not detail_path.exists():
        return core
    detail = pd.read_parquet(detail_path, columns=columns, filters=filters)
    return pd.concat([core, detail], ignore_index=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(
    tables: dict[str, pd.DataFrame],
    *,
    root: Path | None = None,
    sources_state: list[dict[str, Any]] | None = None,
    now: datetime | None = None,
    extra: dict[str, Any] | None = None,
    split: dict[str, int] | None = None,
) -> tuple[str, bool]:
    """Write `tables` as a new version and point CURRENT at it.

    Returns (version, published_new). If the content equals the current version's, nothing is
    written and (current version, False) is returned: a refresh that finds nothing new
    publishes nothing new.
    """
    folder = published_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    digest = content_hash(tables)
    previous = current_version(root)
    if previous is not None:
        try:
            if read_manifest(previous, root).get("content_hash") == digest:
                return previous, False
        except SnapshotError:
            pass  # a broken current version is replaced below
    built_at = (now or datetime.now(UTC)).astimezone(UTC)
    # Microseconds keep names in publication order even for versions of the same second.
    version = f"{built_at:%Y%m%dT%H%M%S}.{built_at.microsecond:06d}Z-{digest[:8]}"
    final = folder / version
    temporary = folder / f".tmp-{version}-{os.getpid()}"
    manifest = {
        "version": version,
        "built_at": built_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "content_hash": digest,
        "previous": previous,
        "tables": {},
        "sources_state": sources_state or [],
        **(extra or {}),
    }
    moved = False  # only a folder this call moved into place may be removed on failure
    try:
        if final.exists():
            raise SnapshotError(f"version folder {final} already exists")
        temporary.mkdir()
        for name, frame in tables.items():
            # `split[name]` trailing rows are detail: written to their own file, so readers
            # that need only the core (the dashboard) never load them.
            detail = (split or {}).get(name, 0)
            parts = {f"{name}.parquet": frame.iloc[: len(frame) - detail]}
            if detail:
                parts[f"{name}.detail.parquet"] = frame.iloc[len(frame) - detail :]
            for filename, part in parts.items():
                path = temporary / filename
                part.to_parquet(path, index=False)
                _fsync(path)
            manifest["tables"][name] = {
                "rows": len(frame),
                "core_rows": len(frame) - detail,
                "columns": list(map(str, frame.columns)),
            }
        manifest_path = temporary / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
        _fsync(manifest_path)
        _fsync(temporary)
        os.rename(temporary, final)
        moved = True
        _fsync(folder)
        switch_current(version, root)
    except (OSError, SnapshotError) as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if moved and current_version(root) != version:
            shutil.rmtree(final, ignore_errors=True)
        kept = f"version {previous} keeps serving" if previous else "no version is serving yet"
        raise SnapshotError(f"could not publish snapshot {version}: {exc}; {kept}") from exc
    return version, True


def switch_current(version: str, root: Path | None = None) -> None:
    folder = published_dir(root)
    if not (folder / version / MANIFEST).exists():
        raise SnapshotError(f"cannot point CURRENT at {version}: it is not a complete version")
    temporary = folder / f".{POINTER}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as fh:
        fh.write(version + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.replace(temporary, folder / POINTER)
    except OSError:
        temporary.unlink(missing_ok=True)  # a failed switch leaves no stray pointer behind
        raise
    _fsync(folder)


def list_versions(root: Path | None = None) -> list[str]:
    folder = published_dir(root)
    if not folder.exists():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).exists()
    )

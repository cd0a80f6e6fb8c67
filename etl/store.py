"""Published snapshots: immutable version folders and an atomically switched CURRENT pointer.

    data/published/
        CURRENT                      one line: the version being served
        20261128T060000Z-1a2b3c4d/   one folder per version, never modified after publication
            manifest.json            version, build time, content hash, tables, source states,
                                     and each file's size and sha256
            observations.parquet ... one Parquet file per table

Publishing writes the whole version into a temporary folder, fsyncs it, renames it into place
(atomic on one file system), and only then replaces CURRENT (write a temporary file, fsync,
os.replace). A crash at any point leaves CURRENT naming a complete version, old or new.

Reading trusts nothing on disk: a version name must match the exact pattern publishing uses
before it is joined to a path; CURRENT holding anything else (garbage, binary) counts as no
pointer; a version is intact only if every file matches the checksum recorded when it was
published. `serving_version` is the one to serve: CURRENT's if intact, else the newest intact
version, with a sentence saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from etl.config import published_dir
from etl.errors import SnapshotError

MANIFEST = "manifest.json"
POINTER = "CURRENT"
# What `publish` names a version: build time to the microsecond, then the content hash's first 8
# hex digits. Versions published before microseconds were added have none.
VERSION_PATTERN = re.compile(r"\d{8}T\d{6}(?:\.\d{6})?Z-[0-9a-f]{8}")
POINTER_LIMIT = 256  # bytes of CURRENT read: a version name is 31
CHUNK = 1 << 20
HASH_ROWS = 50_000


def is_version_name(value: object) -> bool:
    """True if `value` is a string shaped exactly like a version name (safe to join to a path)."""
    return isinstance(value, str) and VERSION_PATTERN.fullmatch(value) is not None


def _checked_name(version: object) -> str:
    if not is_version_name(version):
        shown = repr(version)[:60]
        raise SnapshotError(
            f"{shown} is not a snapshot version name (expected e.g. "
            "20261128T060000.000000Z-1a2b3c4d); `python -m etl status` shows the versions"
        )
    return version  # type: ignore[return-value]


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """A hash of the tables' content (names, columns, values), independent of build time."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        digest.update(name.encode())
        digest.update("\x1f".join(map(str, frame.columns)).encode())
        # Row hashes do not depend on other rows, so hashing slices gives the same bytes as
        # hashing the whole table, with memory bounded by the slice (large tables).
        for start in range(0, len(frame), HASH_ROWS):
            rows = frame.iloc[start : start + HASH_ROWS]
            digest.update(pd.util.hash_pandas_object(rows, index=False).values.tobytes())
    return digest.hexdigest()


def read_pointer(root: Path | None = None) -> tuple[str | None, str | None]:
    """(version CURRENT names, or None; what is wrong with it, or None if fine or absent)."""
    pointer = published_dir(root) / POINTER
    try:
        with open(pointer, "rb") as fh:
            raw = fh.read(POINTER_LIMIT)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"{pointer} cannot be read ({exc.strerror})"
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None, f"{pointer} holds binary data, not a version name"
    if not text:
        return None, f"{pointer} is empty"
    if not is_version_name(text):
        return None, f"{pointer} holds {text[:40]!r}, not a version name"
    return text, None


def current_version(root: Path | None = None) -> str | None:
    """The version CURRENT names; None if there is no pointer or it is unreadable garbage (a
    pointer that is not a version name counts as missing: see `serving_version`)."""
    return read_pointer(root)[0]


def read_manifest(version: str, root: Path | None = None) -> dict[str, Any]:
    path = published_dir(root) / _checked_name(version) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(
            f"snapshot {version} has no manifest ({path}); run "
            "`python -m etl refresh` to publish a complete version"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(
            f"snapshot {version}: its manifest ({path}) is damaged ({exc}); run "
            "`python -m etl refresh` to publish an intact version"
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise SnapshotError(
            f"snapshot {version}: its manifest ({path}) has no table list; run "
            "`python -m etl refresh` to publish an intact version"
        )
    return manifest


def _table_files(manifest: dict[str, Any]) -> dict[str, dict]:
    """Each file of a version -> what publishing recorded (size, sha256). Versions published
    before checksums were recorded list only their tables: their files must exist, unverified."""
    if isinstance(manifest.get("files"), dict):
        return manifest["files"]
    files: dict[str, dict] = {}
    for name, info in manifest["tables"].items():
        files[f"{name}.parquet"] = {}
        if isinstance(info, dict) and info.get("core_rows", info.get("rows")) != info.get("rows"):
            files[f"{name}.detail.parquet"] = {}
    return files


def verify(version: str, root: Path | None = None, *, detail: bool = True) -> list[str]:
    """What is wrong with a published version (empty if intact): a damaged manifest, a file
    missing, or a file whose size or sha256 differs from what publishing recorded. `detail=False`
    skips the detail parts (the dashboard never reads them)."""
    try:
        manifest = read_manifest(version, root)
    except SnapshotError as exc:
        return [str(exc)]
    folder = published_dir(root) / version
    problems = []
    for filename, recorded in _table_files(manifest).items():
        if not detail and filename.endswith(".detail.parquet"):
            continue
        path = folder / filename
        if "/" in filename or "\\" in filename or filename.startswith("."):
            problems.append(f"{version}: the manifest names an odd file {filename!r}")
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            problems.append(f"{version}/{filename} is missing")
            continue
        except OSError as exc:
            problems.append(f"{version}/{filename} cannot be read ({exc.strerror})")
            continue
        if "bytes" in recorded and size != recorded["bytes"]:
            problems.append(f"{version}/{filename} is damaged: {size:,} bytes, "
                            f"{recorded['bytes']:,} when published")
        elif "sha256" in recorded:
            try:
                if file_digest(path) != recorded["sha256"]:
                    problems.append(f"{version}/{filename} is damaged: its checksum differs "
                                    "from the one recorded when it was published")
            except OSError as exc:
                problems.append(f"{version}/{filename} cannot be read ({exc.strerror})")
    return problems


def newest_intact(root: Path | None = None, exclude: tuple[str, ...] = (),
                  detail: bool = True) -> str | None:
    for version in reversed(list_versions(root)):
        if version not in exclude and not verify(version, root, detail=detail):
            return version
    return None


def serving_version(root: Path | None = None, *, detail: bool = True
                    ) -> tuple[str | None, str | None]:
    """(the version to serve, why it is not CURRENT's — None when CURRENT is fine).

    CURRENT's version if it is intact; otherwise the newest intact version, and a sentence
    naming what is wrong, for /health, `etl status` and the refresh that repairs it."""
    pointer, problem = read_pointer(root)
    if pointer is not None:
        damage = verify(pointer, root, detail=detail)
        if not damage:
            return pointer, None
        problem = "; ".join(damage[:3])
    elif problem is None:
        if not list_versions(root):
            return None, None
        problem = f"{published_dir(root) / POINTER} is missing"
    fallback = newest_intact(root, exclude=(pointer,) if pointer else (), detail=detail)
    where = (f"serving the newest intact version, {fallback}" if fallback
             else "no intact version is left")
    return fallback, f"{problem}; {where}. Run `python -m etl refresh` to repair it."


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
    path = published_dir(root) / _checked_name(version) / f"{name}.parquet"
    if not path.exists():
        manifest = read_manifest(version, root)
        if name in manifest["tables"]:
            raise SnapshotError(f"snapshot {version} is damaged: {path.name} is missing; run "
                                "`python -m etl refresh` to publish an intact version")
        raise SnapshotError(
            f"table {name!r} is not in snapshot {version}; tables: "
            f"{', '.join(sorted(manifest['tables']))}"
        )
    core = _read_parquet(path, version, columns, filters)
    detail_path = path.with_name(f"{name}.detail.parquet")
    if core_only or not detail_path.exists():
        return core
    detail = _read_parquet(detail_path, version, columns, filters)
    return pd.concat([core, detail], ignore_index=True)


DETAIL_BATCH_ROWS = 50_000  # rows of a detail part read at a time (~15 MB of observations)


def detail_part(name: str, version: str, root: Path | None = None) -> Path | None:
    """The detail part of a table in a version (see `publish(split=...)`), if it has one."""
    path = published_dir(root) / _checked_name(version) / f"{name}.detail.parquet"
    return path if path.exists() else None


def open_detail(path: Path, version: str) -> pq.ParquetFile:
    """A detail part opened for reading in batches (an open file stays readable even if
    retention removes its version meanwhile)."""
    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise _unreadable(path, version, exc) from None


def detail_batches(parquet: pq.ParquetFile, path: Path, version: str,
                   rows: int | None = None) -> Iterator[pd.DataFrame]:
    """A detail part opened by open_detail from `path`, `rows` (DETAIL_BATCH_ROWS) at a time
    (read_table reads it whole; a web worker must not)."""
    try:
        for batch in parquet.iter_batches(batch_size=rows or DETAIL_BATCH_ROWS):
            yield batch.to_pandas()
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise _unreadable(path, version, exc) from None


def _unreadable(path: Path, version: str, exc: Exception) -> SnapshotError:
    return SnapshotError(
        f"snapshot {version} is damaged: {path.name} cannot be read as Parquet "
        f"({str(exc)[:200]}); run `python -m etl refresh` to publish an intact version")


def _read_parquet(path: Path, version: str, columns: list[str] | None, filters: Any
                  ) -> pd.DataFrame:
    try:
        return pd.read_parquet(path, columns=columns, filters=filters)
    except (OSError, ValueError, pa.ArrowException) as exc:
        # garbage bytes, a truncated file: pyarrow's own message, said once and plainly
        raise SnapshotError(
            f"snapshot {version} is damaged: {path.name} cannot be read as Parquet "
            f"({str(exc)[:200]}); run `python -m etl refresh` to publish an intact version"
        ) from None


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
    # The version pages were served from: CURRENT's, or the newest intact one if CURRENT is
    # garbage or names a damaged version (then a new version is written even for equal content,
    # which repairs the pointer).
    previous, problem = serving_version(root)
    if (previous is not None and problem is None
            and read_manifest(previous, root).get("content_hash") == digest):
        return previous, False
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
        "files": {},
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
                manifest["files"][filename] = {"bytes": path.stat().st_size,
                                               "sha256": file_digest(path)}
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
    if not (folder / _checked_name(version) / MANIFEST).exists():
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
        if is_version_name(p.name) and p.is_dir() and (p / MANIFEST).exists()
    )

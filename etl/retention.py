"""Keep the last N published versions; delete older ones safely.

Never deleted: the version CURRENT names, the one before it (pages loaded just before a switch
still download from it), and any version a reader holds open. Readers (the dashboard, while it
loads a version) take a shared flock on data/state/locks/<version>.lock; deletion takes it
exclusively without waiting and skips the version if a reader has it. A deleted version is
first renamed out of sight, then removed, so no reader ever sees half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.config import published_dir
from etl.errors import SnapshotError
from etl.state import state_dir
from etl.store import current_version, is_version_name, list_versions, read_manifest

DEFAULT_KEEP = 10
log = logging.getLogger(__name__)


def _lock_path(version: str, root: Path | None) -> Path:
    if not is_version_name(version):
        # the name becomes a file name: never let a caller's text choose where a file is made
        raise SnapshotError(f"{str(version)[:60]!r} is not a snapshot version name")
    folder = state_dir(root, create=False) / "locks"
    with contextlib.suppress(OSError):  # read-only: see `reading`
        folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{version}.lock"


@contextmanager
def reading(version: str, root: Path | None = None) -> Iterator[None]:
    """Hold a version open for reading: retention will not delete it meanwhile.

    On a data folder this process cannot write (web workers may mount it read-only) there is no
    lock to take, and nothing this process could delete either: the read goes ahead unlocked."""
    path = _lock_path(version, root)  # validates the name before anything touches the disk
    try:
        fh = open(path, "a+")  # noqa: SIM115 (closed below, after the lock is released)
    except OSError as exc:
        log.warning("reading %s without a retention lock: %s", version, exc)
        fh = None
    if fh is None:
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def prune(root: Path | None = None, keep: int = DEFAULT_KEEP) -> list[str]:
    """Delete versions beyond the newest `keep`; return the ones deleted."""
    keep = max(keep, 2)
    versions = list_versions(root)
    current = current_version(root)
    protected = {current}
    if current:
        # a broken manifest must not stop pruning the rest
        with contextlib.suppress(SnapshotError, OSError, ValueError):
            protected.add(read_manifest(current, root).get("previous"))
    deleted = []
    for version in versions[:-keep]:
        if version in protected:
            continue
        with open(_lock_path(version, root), "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a reader has it open; try again next time
            folder = published_dir(root)
            hidden = folder / f".deleting-{version}-{os.getpid()}"
            os.rename(folder / version, hidden)
            shutil.rmtree(hidden, ignore_errors=True)
            fcntl.flock(fh, fcntl.LOCK_UN)
        _lock_path(version, root).unlink(missing_ok=True)
        deleted.append(version)
    return deleted


def sweep_leftovers(root: Path | None = None) -> list[str]:
    """Remove temporary folders of publications or deletions that a crash interrupted.
    Call only while holding the refresh lock (no other publisher can be writing)."""
    folder = published_dir(root)
    if not folder.exists():
        return []
    removed = []
    for path in folder.iterdir():
        if path.name.startswith((".tmp-", ".deleting-")) or (
            path.name.startswith(".CURRENT.") and path.name.endswith(".tmp")
        ):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed

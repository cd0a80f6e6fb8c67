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
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.config import published_dir
from etl.errors import SnapshotError
from etl.state import state_dir
from etl.store import current_version, list_versions, read_manifest

DEFAULT_KEEP = 10


def _lock_path(version: str, root: Path | None) -> Path:
    folder = state_dir(root) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{version}.lock"


@contextmanager
def reading(version: str, root: Path | None = None) -> Iterator[None]:
    """Hold a version open for reading: retention will not delete it meanwhile."""
    with open(_lock_path(version, root), "a+") as fh:
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

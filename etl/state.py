"""Operational state beside the snapshots (data/state/): the run log, each source's check times,
and the lock that keeps refreshes one at a time.

    data/state/runs.jsonl      one JSON object per refresh run, appended (start, end, outcome...)
    data/state/sources.json    per source: last_checked, last_success, stale_since, last_error
    data/state/refresh.lock    held (flock) while a refresh runs, across processes
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from etl.config import data_dir
from etl.errors import EtlError


class BusyError(EtlError):
    """Another refresh holds the lock."""


class StateError(EtlError):
    """The state folder cannot be written (read-only data folder, wrong owner, disk full)."""


def unwritable(path: Path, exc: OSError) -> StateError:
    return StateError(
        f"cannot write {path} ({exc.strerror or exc}); a refresh needs write access to the data "
        f"folder {path.parent.parent}: check its owner, permissions and free space"
    )


def state_dir(root: Path | None = None, create: bool = True) -> Path:
    folder = (root or data_dir()) / "state"
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unwritable(folder, exc) from None
    return folder


@contextmanager
def refresh_lock(root: Path | None = None, wait: float = 0.0) -> Iterator[None]:
    """One refresh at a time, across processes. `wait` seconds to wait (0: fail at once).

    The lock is an flock on data/state/refresh.lock: the kernel releases it when the holder dies,
    even by SIGKILL, so a crashed refresh never blocks the next one.
    """
    folder = state_dir(root)
    lock = FileLock(folder / "refresh.lock", timeout=wait)
    holder = folder / "refresh.holder"
    try:
        lock.acquire()
    except Timeout:
        who = holder.read_text(encoding="utf-8").strip() if holder.exists() else "unknown"
        raise BusyError(f"another refresh is running ({who}); it keeps the snapshot consistent, "
                        "so wait for it to finish and try again") from None
    except OSError as exc:
        raise unwritable(folder / "refresh.lock", exc) from None
    try:
        try:
            holder.write_text(f"pid {os.getpid()}", encoding="utf-8")
        except OSError as exc:
            raise unwritable(holder, exc) from None
        yield
    finally:
        lock.release()


def append_run(record: dict[str, Any], root: Path | None = None) -> None:
    path = state_dir(root) / "runs.jsonl"
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise unwritable(path, exc) from None


def read_runs(root: Path | None = None, last: int = 20) -> list[dict[str, Any]]:
    path = state_dir(root, create=False) / "runs.jsonl"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []  # no run yet (or unreadable): the snapshot's own manifest still tells its story
    runs = []
    for line in text.splitlines()[-last:]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by a crash; the others are intact
        if isinstance(record, dict):
            runs.append(record)
    return runs


def read_source_state(root: Path | None = None) -> dict[str, dict[str, Any]]:
    path = state_dir(root, create=False) / "sources.json"
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {k: v for k, v in state.items() if isinstance(v, dict)}


def write_source_state(state: dict[str, dict[str, Any]], root: Path | None = None) -> None:
    folder = state_dir(root)
    temporary = folder / "sources.json.tmp"
    try:
        temporary.write_text(json.dumps(state, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, folder / "sources.json")
    except OSError as exc:
        raise unwritable(folder / "sources.json", exc) from None


def update_source_state(previous: dict[str, Any], state: str, when: str,
                        error: str | None, checked: bool) -> dict[str, Any]:
    """Fold one run's outcome for a source into its recorded state (pure)."""
    record = dict(previous)
    if checked:
        record["last_checked"] = when
    record["last_state"] = state
    if state in ("fresh", "unchanged"):
        record["last_success"] = when
        record["stale_since"] = None
        record["last_error"] = None
    elif state in ("stale", "failed"):
        record["stale_since"] = record.get("stale_since") or when
        record["last_error"] = error
    return record


def freshness(manifest_sources: list[dict[str, Any]], state: dict[str, dict[str, Any]]
              ) -> list[dict[str, Any]]:
    """Each source as the snapshot was built from it, overlaid with what later runs found
    (a run that changes nothing publishes no new version, but may find a source stale)."""
    merged = []
    for source in manifest_sources:
        record = state.get(source["source_id"], {})
        live = {
            "last_checked": record.get("last_checked"),
            "last_success": record.get("last_success"),
            "stale_since": record.get("stale_since"),
        }
        current_state = record.get("last_state") or source["state"]
        merged.append({**source, **live, "state": current_state,
                       "error": record.get("last_error") if record.get("stale_since")
                       else source.get("error")})
    return merged

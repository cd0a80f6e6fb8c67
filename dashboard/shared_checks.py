"""Share links of the /check page: a pasted article kept only when its reader asks for a link.

A check is stored content-addressed — its id is the sha256 of what is kept (the text and the
date field), so the same article always gets the same link and nothing is stored twice —
under `<data>/state/checks/<id>.json`. Bounds: each text at most MAX_TEXT_BYTES (the page's own
limit), at most MAX_CHECKS files, the oldest (by last use) removed first. An id from a URL must
match ID_PATTERN exactly before any path is built from it. A link opens on the text, checked
again against the snapshot serving then (the verdicts follow the data; the text never changes).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.views.check import MAX_TEXT_BYTES

ID_PATTERN = re.compile(r"[0-9a-f]{64}")
MAX_CHECKS = 500  # files kept: at most ~50 MB of text
FOLDER = ("state", "checks")


@dataclass(frozen=True)
class SharedCheck:
    id: str
    text: str
    as_of: str  # the date field as the reader left it ("" for none)


def folder(root: Path) -> Path:
    return root.joinpath(*FOLDER)


def is_check_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _content(text: str, as_of: str) -> bytes:
    return json.dumps({"text": text, "as_of": as_of}, ensure_ascii=False,
                      sort_keys=True).encode("utf-8")


def save(root: Path, text: str, as_of: str = "") -> str:
    """Keep this text (and date field) and return its id; refuses a text over the limit."""
    if not isinstance(text, str) or len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValueError(f"a shared text must be text of at most {MAX_TEXT_BYTES} bytes")
    content = _content(text, as_of if isinstance(as_of, str) else "")
    check_id = hashlib.sha256(content).hexdigest()
    where = folder(root)
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{check_id}.json"
    try:
        os.utime(path)  # kept already: in use again, so the last to be removed
    except FileNotFoundError:
        _write(where, path, content)
    evict(where)
    return check_id


def _write(where: Path, path: Path, content: bytes) -> None:
    """Write a whole file or none: a temporary file, flushed, then renamed into place."""
    handle, temporary = tempfile.mkstemp(dir=where, prefix=".new-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def present(root: Path, check_id: Any) -> bool:
    """Whether a check with this id is stored (one stat; `load` reads and verifies it). A
    page made from a stored check must not outlive its file: the response cache keys a share
    link's page on this (dashboard.response_cache)."""
    return is_check_id(check_id) and (folder(root) / f"{check_id}.json").is_file()


def load(root: Path, check_id: Any) -> SharedCheck | None:
    """The stored check with this id, or None (an id that is not exactly 64 hex digits never
    reaches the file system; a damaged or altered file counts as missing)."""
    if not is_check_id(check_id):
        return None
    path = folder(root) / f"{check_id}.json"
    try:
        content = path.read_bytes()
    except OSError:
        return None
    if len(content) > 4 * MAX_TEXT_BYTES or hashlib.sha256(content).hexdigest() != check_id:
        return None
    try:
        stored = json.loads(content)
        text, as_of = stored["text"], stored["as_of"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(text, str) or not isinstance(as_of, str):
        return None
    return SharedCheck(check_id, text, as_of)


def evict(where: Path, keep: int | None = None) -> list[str]:
    """Remove the least recently used checks beyond `keep` (MAX_CHECKS); returns the ids
    removed."""
    keep = MAX_CHECKS if keep is None else keep
    found = []
    for path in where.glob("*.json"):
        if is_check_id(path.stem):
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime_ns, path.name, path))
    found.sort()
    removed = []
    for _mtime, _name, path in found[: max(len(found) - keep, 0)]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path.stem)
    return removed

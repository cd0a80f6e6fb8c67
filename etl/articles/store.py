"""The published snapshot's tables that an article check reads (the only I/O of the checker)."""

from __future__ import annotations

from pathlib import Path

from etl.articles.check import Snapshot, prepare
from etl.errors import EtlError
from etl.store import read_table, serving_version

TABLES = ("observations", "sources", "events", "partners")


def load_snapshot(root: Path | None = None) -> Snapshot:
    version = serving_version(root, detail=False)[0]
    if version is None:
        raise EtlError("no snapshot has been published yet; run `python -m etl refresh` "
                       "before checking an article")
    tables = {name: read_table(name, version, root, core_only=True) for name in TABLES}
    return prepare(tables, version)

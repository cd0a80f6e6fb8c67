"""One refresh: collect live sources, build every table, publish a version if anything changed.

A failure anywhere before the CURRENT switch leaves the previous version serving; the report
says which source or input failed and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from etl.config import data_dir
from etl.errors import EtlError, ValidationError
from etl.harmonise import typed
from etl.pipeline import build_tables, read_inputs
from etl.sources.base import SourceResult
from etl.store import current_version, publish, read_manifest
from etl.validate import check, observation_schema

FAILED_STATES = {"stale", "failed"}


@dataclass
class RefreshReport:
    ok: bool
    version: str | None
    published_new: bool
    started_at: str
    finished_at: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def exit_code(self) -> int:
        """0: published (or nothing new) with every source fine; 1: nothing published;
        3: published, but some source failed and kept its last good data."""
        if not self.ok:
            return 1
        return 3 if any(s["state"] in FAILED_STATES for s in self.sources) else 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "exit_code": self.exit_code}


def _live_registry() -> dict[str, Any]:
    from etl.sources import REGISTRY

    return REGISTRY


def collect_live(
    root: Path, *, offline: bool, only: str | None, session: requests.Session | None, now: datetime
) -> list[SourceResult]:
    """Fetch the live sources (only `only`, if given; the others reuse their last raw snapshot
    without touching the network, so the published snapshot stays whole)."""
    from etl.sources import collect

    registry = _live_registry()
    if only is not None and only not in registry:
        raise EtlError(
            f"--source {only!r}: unknown source; known sources: {', '.join(sorted(registry))}"
        )
    results = []
    for source_id in registry:
        stay_offline = offline or (only is not None and source_id != only)
        results.append(collect(source_id, root, session=session, offline=stay_offline, now=now))
    return results


def screen_live(
    results: list[SourceResult], inputs_mappings, source_ids: set[str]
) -> list[SourceResult]:
    """A live source whose rows break the contract is dropped whole, with the reason; the rest
    of the refresh goes on."""
    screened = []
    for result in results:
        if result.observations.empty:
            screened.append(result)
            continue
        known = source_ids | set(result.sources["source_id"])
        try:
            check(
                observation_schema(inputs_mappings, known, curated=False),
                typed(result.observations),
                f"live source {result.source_id}",
            )
        except ValidationError as exc:
            result = SourceResult(
                result.source_id,
                "failed",
                result.observations.iloc[0:0],
                result.sources.iloc[0:0],
                result.fetched_at,
                f"rows failed validation, nothing published from it: {exc}",
            )
        screened.append(result)
    return screened


def run_refresh(
    root: Path | None = None,
    *,
    offline: bool = False,
    only: str | None = None,
    session: requests.Session | None = None,
    now: datetime | None = None,
    live: bool = True,
) -> RefreshReport:
    root = root or data_dir()
    now = now or datetime.now(UTC)
    report = RefreshReport(
        ok=False,
        version=current_version(root),
        published_new=False,
        started_at=now.isoformat(timespec="seconds"),
    )
    try:
        results = (
            collect_live(root, offline=offline, only=only, session=session, now=now) if live else []
        )
        inputs = read_inputs(root)
        curated_ids = set(inputs.curated.sources["source_id"])
        results = screen_live(results, inputs.mappings, curated_ids)
        inputs = read_inputs(root, results)
        tables = build_tables(inputs)
        states = [
            {
                "source_id": "curated",
                "state": "fresh",
                "fetched_at": None,
                "error": None,
                "rows": len(inputs.curated.observations),
                "description": "curated figures with citations (data/curated)",
            }
        ]
        states += [
            {
                "source_id": r.source_id,
                "state": r.state,
                "fetched_at": r.fetched_at,
                "error": r.error,
                "rows": len(r.observations),
            }
            for r in results
        ]
        report.sources = states
        version, new = publish(tables, root=root, sources_state=states, now=now)
        report.version, report.published_new, report.ok = version, new, True
    except EtlError as exc:
        kept = report.version
        report.error = f"{exc}\n(previous snapshot {kept} keeps serving)" if kept else str(exc)
    report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    return report


def status(root: Path | None = None) -> dict[str, Any]:
    root = root or data_dir()
    version = current_version(root)
    if version is None:
        raise EtlError("no snapshot has been published yet; run `python -m etl refresh`")
    manifest = read_manifest(version, root)
    return {
        "version": version,
        "built_at": manifest["built_at"],
        "content_hash": manifest["content_hash"],
        "previous": manifest.get("previous"),
        "sources": manifest.get("sources_state", []),
        "tables": {name: info["rows"] for name, info in manifest["tables"].items()},
    }

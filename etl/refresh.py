"""One refresh: collect the live sources that are due, build every table, publish a version if
anything changed, and record the run.

Guarantees:
- one refresh at a time, across processes (etl.state.refresh_lock);
- a failure anywhere before the CURRENT switch leaves the previous version serving, and the
  report says which source or input failed and why;
- a source whose rows are invalid or implausible is dropped whole (and its raw set withdrawn),
  keeps its last good data, and is marked stale; the rest of the refresh goes on;
- a build that would lose more than MAX_ROW_LOSS_SHARE of a table's rows compared with the
  version serving (a curated file emptied by mistake) is refused unless forced;
- a damaged serving version (a file that fails its checksum, a garbage CURRENT) is never
  "nothing new": the refresh rebuilds and publishes an intact version;
- every run, whatever its outcome, is appended to data/state/runs.jsonl.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import requests

from etl.cadence import is_due
from etl.config import data_dir
from etl.derive.aggregates import is_detail
from etl.diff import diff_observations
from etl.errors import EtlError, ValidationError
from etl.harmonise import typed
from etl.mappings import Mappings
from etl.pipeline import build_tables, read_inputs
from etl.plausibility import implausible
from etl.retention import DEFAULT_KEEP, prune, sweep_leftovers
from etl.schema import OBSERVATION_KEY
from etl.sources.base import SourceResult
from etl.state import (
    BusyError,
    StateError,
    append_run,
    freshness,
    read_runs,
    read_source_state,
    refresh_lock,
    update_source_state,
    write_source_state,
)
from etl.store import current_version, publish, read_manifest, read_table, serving_version
from etl.validate import check, observation_schema

FAILED_STATES = {"stale", "failed"}
# A table may shrink by this share of its rows (and by more than ROW_LOSS_FLOOR rows) before a
# refresh refuses to publish it without --force.
MAX_ROW_LOSS_SHARE = 0.10
ROW_LOSS_FLOOR = 5


@dataclass
class RefreshReport:
    ok: bool
    version: str | None
    published_new: bool
    started_at: str
    finished_at: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    busy: bool = False
    diff: dict[str, Any] | None = None
    pruned: list[str] = field(default_factory=list)
    repaired: str | None = None  # what was wrong with the serving snapshot, if this run fixed it

    @property
    def exit_code(self) -> int:
        """0: published (or nothing new) and every source fine; 1: nothing published;
        3: published, but some source failed and kept its last good data; 75: another refresh
        was running (try again later)."""
        if self.busy:
            return 75
        if not self.ok:
            return 1
        return 3 if any(s["state"] in FAILED_STATES for s in self.sources) else 0

    @property
    def outcome(self) -> str:
        if self.busy:
            return "busy"
        if not self.ok:
            return "failed"
        return "published" if self.published_new else "unchanged"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "exit_code": self.exit_code, "outcome": self.outcome}


def _registry() -> dict[str, Any]:
    from etl.sources import REGISTRY

    return REGISTRY


def collect_live(root: Path, *, offline: bool, only: str | None, force: bool,
                 session: requests.Session | None, now: datetime,
                 source_state: dict[str, dict[str, Any]]) -> tuple[list[SourceResult], set[str]]:
    """Fetch the sources that are due (only `only`, if given); the others reuse their last raw
    snapshot without touching the network, so the published snapshot stays whole. Returns the
    results and the ids of the sources actually checked with the publisher."""
    from etl.sources import collect

    registry = _registry()
    if only is not None and only not in registry:
        raise EtlError(f"--source {only!r}: unknown source; known sources: "
                       f"{', '.join(sorted(registry))}")
    results, checked = [], set()
    for source_id in registry:
        due, why = is_due(source_id, source_state.get(source_id, {}).get("last_checked"), now)
        wanted = (only is None or source_id == only) and (force or only == source_id or due)
        result = collect(source_id, root, session=session, offline=offline or not wanted, now=now)
        if wanted and not offline:
            checked.add(source_id)
        elif not offline and result.state == "cached":
            result.error = why  # say why it was not fetched
        results.append(result)
    return results, checked


def screen_live(results: list[SourceResult], mappings: Mappings, source_ids: set[str],
                serving: pd.DataFrame, root: Path, now: datetime) -> list[SourceResult]:
    """A live source whose rows break the contract or look implausible is dropped whole; its raw
    set is withdrawn and it falls back to the set before (stale). The rest goes on."""
    from etl.sources import collect
    from etl.sources.raw_store import reject_set

    screened = []
    for result in results:
        if result.observations.empty:
            screened.append(result)
            continue
        problems: list[str] = []
        known = source_ids | set(result.sources["source_id"])
        rows = typed(result.observations)
        try:
            check(observation_schema(mappings, known, curated=False), rows,
                  f"live source {result.source_id}")
        except ValidationError as exc:
            problems = exc.problems[:10]
        if not problems:
            problems = implausible(rows, serving)
        if not problems:
            screened.append(result)
            continue
        reason = (f"data fetched {result.fetched_at} refused, nothing from it published: "
                  + "; ".join(problems[:5]))
        if result.state == "fresh" and result.raw_paths:
            reject_set(Path(result.raw_paths[0]).parent, reason)
        fallback = collect(result.source_id, root, offline=True, now=now)
        if fallback.state == "cached" and fallback.fetched_at != result.fetched_at:
            fallback.state, fallback.error = "stale", (
                f"{reason}; using the raw snapshot fetched {fallback.fetched_at}")
            screened.append(fallback)
        else:
            screened.append(SourceResult(result.source_id, "failed",
                                         result.observations.iloc[0:0],
                                         result.sources.iloc[0:0], None, reason))
    return screened


def input_fingerprint(root: Path, results: list[SourceResult]) -> str:
    """A hash of everything a snapshot is built from: the curated files, mappings, claims and
    article, the pipeline's own code, and each live source's rows. Equal fingerprints build
    equal snapshots, so a refresh can stop at the check."""
    digest = hashlib.sha256()
    code = Path(__file__).resolve().parent
    files = sorted(
        [p for folder in ("curated", "mappings", "article") for p in (root / folder).rglob("*")
         if p.is_file()]
        + [root / "claims.yaml"]
        # the code, and the mappings that ship with it (etl/sources/m49_areas.csv)
        + [p for p in code.rglob("*") if p.suffix in (".py", ".csv")
           and "__pycache__" not in p.parts]
    )
    for path in files:
        digest.update(str(path.relative_to(root if path.is_relative_to(root) else code.parent))
                      .encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    for result in sorted(results, key=lambda r: r.source_id):
        digest.update(f"{result.source_id}:{len(result.observations)}".encode())
        if not result.observations.empty:
            digest.update(pd.util.hash_pandas_object(result.observations, index=False)
                          .values.tobytes())
    return digest.hexdigest()


def _serving_observations(root: Path, version: str | None) -> pd.DataFrame:
    """The serving version's observations, only the columns the diff and the plausibility
    checks read (the key, value and status: a large snapshot's text stays on disk)."""
    if version is None:
        return pd.DataFrame()
    try:
        return read_table("observations", version, root,
                          columns=OBSERVATION_KEY + ["value", "status"])
    except EtlError:
        return pd.DataFrame()


def row_losses(before: dict[str, int], after: dict[str, pd.DataFrame]) -> list[str]:
    """Tables that would lose more than MAX_ROW_LOSS_SHARE of their rows (pure)."""
    problems = []
    for name, old in before.items():
        new = len(after[name]) if name in after else 0
        lost = old - new
        if lost > ROW_LOSS_FLOOR and lost > MAX_ROW_LOSS_SHARE * old:
            problems.append(f"{name} would shrink from {old:,} to {new:,} rows "
                            f"(-{lost / old:.0%})")
    return problems


def _rows_by_table(manifest: dict[str, Any]) -> dict[str, int]:
    return {name: int(info["rows"]) for name, info in manifest["tables"].items()
            if isinstance(info, dict) and isinstance(info.get("rows"), int)}


def use_returning_allocator() -> None:
    """Give pyarrow (which holds every text column under pandas 3) its jemalloc pool when the
    wheel has one. The default pool (mimalloc) keeps the pages one derive step frees for later,
    so a build's resident memory grows with every step; with jemalloc the next step reuses
    them and the refresh publishing 206,000 curated rows peaks about 100 MB lower (README,
    Performance). Only where memory comes from changes, never a value."""
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc: keep the default
        return
    pa.set_memory_pool(pool)


def run_refresh(root: Path | None = None, *, offline: bool = False, only: str | None = None,
                session: requests.Session | None = None, now: datetime | None = None,
                live: bool = True, force: bool = False, wait: float = 0.0,
                keep: int = DEFAULT_KEEP) -> RefreshReport:
    root = root or data_dir()
    use_returning_allocator()
    now = (now or datetime.now(UTC)).astimezone(UTC)
    stamp = now.isoformat(timespec="seconds")
    report = RefreshReport(ok=False, version=current_version(root), published_new=False,
                           started_at=stamp)
    logged = True
    try:
        with refresh_lock(root, wait=wait):
            _refresh_locked(root, report, offline=offline, only=only, session=session, now=now,
                            live=live, force=force, keep=keep)
    except BusyError as exc:
        report.busy, report.error = True, str(exc)
    except StateError as exc:  # the data folder is not writable: no run can be logged either
        report.error, logged = f"{exc}. Nothing was published.", False
    except Exception as exc:
        # A bug, not an input problem: log the run as failed, then let the traceback show.
        report.error = f"unexpected {type(exc).__name__}: {exc}"
        _finish(report, root)
        raise
    if logged:
        _finish(report, root)
    else:
        report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    return report


def _finish(report: RefreshReport, root: Path) -> None:
    report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    if report.busy:
        return
    try:
        append_run(run_record(report), root)
    except StateError as exc:
        report.error = f"{report.error}\n{exc}" if report.error else f"run not logged: {exc}"


def _refresh_locked(root: Path, report: RefreshReport, *, offline: bool, only: str | None,
                    session: requests.Session | None, now: datetime, live: bool, force: bool,
                    keep: int) -> None:
    stamp = now.isoformat(timespec="seconds")
    sweep_leftovers(root)
    source_state = read_source_state(root)
    try:
        # The version pages are served from (CURRENT's, or the newest intact one if CURRENT is
        # unreadable or names a damaged version); `damage` says what needs repairing.
        current, damage = serving_version(root)
        report.version = current
        manifest = read_manifest(current, root) if current else None
        results, checked = (collect_live(root, offline=offline, only=only, force=force,
                                         session=session, now=now, source_state=source_state)
                            if live else ([], set()))
        serving = _serving_observations(root, current)
        if any(not r.observations.empty for r in results):
            inputs = read_inputs(root)
            results = screen_live(results, inputs.mappings,
                                  set(inputs.curated.sources["source_id"]), serving, root, now)
        for r in results:
            source_state[r.source_id] = update_source_state(
                source_state.get(r.source_id, {}), r.state, stamp, r.error,
                checked=r.source_id in checked)
        report.sources = [{"source_id": r.source_id, "state": r.state,
                           "fetched_at": r.fetched_at, "error": r.error,
                           "rows": len(r.observations),
                           "stale_since": source_state[r.source_id].get("stale_since")}
                          for r in results]
        fingerprint = input_fingerprint(root, results)
        if (manifest is not None and damage is None
                and manifest.get("input_fingerprint") == fingerprint):
            # nothing new: no work beyond checking (equal inputs, so equal curated rows)
            report.sources.insert(0, _curated_entry(manifest.get("sources_state") or []))
            report.ok = True
            return
        inputs = read_inputs(root, results)
        report.sources.insert(0, {"source_id": "curated", "state": "fresh", "fetched_at": None,
                                  "error": None, "rows": len(inputs.curated.observations),
                                  "stale_since": None})
        tables = build_tables(inputs)
        losses = row_losses(_rows_by_table(manifest), tables) if manifest else []
        if losses and not force:
            raise EtlError(
                f"refusing to publish: compared with version {current}, "
                + "; ".join(losses)
                + ". A curated file emptied or cut short by mistake looks like this: check "
                "data/curated (git diff). If the loss is intended, run the refresh again with "
                "--force"
            )
        diff = diff_observations(serving, tables["observations"]) if not serving.empty else None
        report.diff = diff
        run = {"started_at": report.started_at, "sources": report.sources}
        detail_rows = int(is_detail(tables["observations"]).sum())
        version, new = publish(tables, root=root, sources_state=report.sources, now=now,
                               split={"observations": detail_rows},
                               extra={"run": run, "diff": diff,
                                      "input_fingerprint": fingerprint})
        report.version, report.published_new, report.ok = version, new, True
        report.repaired = damage if new else None
        if not new:
            report.diff = None
        report.pruned = prune(root, keep=keep)
    except EtlError as exc:
        kept = report.version
        report.error = f"{exc}\n(previous snapshot {kept} keeps serving)" if kept else str(exc)
    finally:
        try:
            write_source_state(source_state, root)
        except StateError as exc:
            report.ok, report.error = False, f"{report.error or ''}\n{exc}".strip()


def _curated_entry(sources_state: list[dict[str, Any]]) -> dict[str, Any]:
    for entry in sources_state:
        if entry.get("source_id") == "curated":
            return dict(entry)
    return {"source_id": "curated", "state": "fresh", "fetched_at": None, "error": None,
            "rows": 0, "stale_since": None}


def run_record(report: RefreshReport) -> dict[str, Any]:
    diff = report.diff or {}
    return {
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "outcome": report.outcome,
        "version": report.version,
        "sources": [{k: s.get(k) for k in ("source_id", "state", "rows", "error", "fetched_at")}
                    for s in report.sources],
        "rows_added": diff.get("added", 0),
        "rows_changed": diff.get("changed", 0),
        "rows_removed": diff.get("removed", 0),
        "error": report.error,
        "repaired": report.repaired,
        "exit_code": report.exit_code,
    }


def status(root: Path | None = None, runs: int = 5) -> dict[str, Any]:
    """The serving version and its sources, after checking every file of it against its
    checksum: `problem` says what is damaged (and which version serves instead), else None."""
    root = root or data_dir()
    version, problem = serving_version(root)
    if version is None and problem is None:
        raise EtlError("no snapshot has been published yet; run `python -m etl refresh`")
    if version is None:
        raise EtlError(problem)
    manifest = read_manifest(version, root)
    sources = freshness(manifest.get("sources_state", []), read_source_state(root))
    return {
        "version": version,
        "ok": problem is None,
        "problem": problem,
        "current_pointer": current_version(root),
        "built_at": manifest["built_at"],
        "content_hash": manifest["content_hash"],
        "previous": manifest.get("previous"),
        "sources": sources,
        "tables": {name: info["rows"] for name, info in manifest["tables"].items()},
        "last_diff": {k: v for k, v in (manifest.get("diff") or {}).items()
                      if k in ("added", "changed", "removed", "added_reported",
                               "changed_reported", "removed_reported")},
        "runs": read_runs(root, last=runs),
    }

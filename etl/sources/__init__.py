"""Live sources: a registry from source id to module, and `collect`, which refreshes one source.

`collect` fetches every request of a source, checks that each body parses, and only then saves
the set as complete (raw_store). If anything fails it falls back to the last complete set and
says so; it never returns observations from a partly fetched set. States (SourceResult.state):

    fresh       fetched now; content differs from the last complete set (a new set is saved)
    unchanged   fetched now; every body identical to the last complete set (nothing is written)
    cached      offline run; the last complete set is reused without asking the publisher
    stale       the fetch failed; the last complete set is reused (`error` says why and when)
    unavailable offline and no complete set exists
    failed      the fetch failed and there is no usable set to fall back on (or the saved set
                is damaged: a checksum mismatch is never papered over)
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import requests

from etl.errors import EtlError, SourceError
from etl.sources import cbr, comtrade, ecb, imf, raw_store
from etl.sources.base import LiveSource, RawResponse, SourceResult
from etl.sources.http import describe, make_session, sha256
from etl.sources.raw_store import RawSnapshotError, StoredSet
from etl.sources.tidy import concat_observations, observations_frame, sources_frame

__all__ = ["REGISTRY", "collect", "get_source", "make_session", "parse_file"]

log = logging.getLogger(__name__)

REGISTRY: dict[str, LiveSource] = {
    "comtrade": comtrade.SOURCE,
    "imf": imf.SOURCE,
    "cbr": cbr.SOURCE,
    "ecb": ecb.SOURCE,
}


def get_source(source_id: str) -> LiveSource:
    try:
        return REGISTRY[source_id]
    except KeyError:
        raise EtlError(
            f"unknown live source {source_id!r}; known sources: {', '.join(sorted(REGISTRY))}"
        ) from None


def collect(
    source_id: str,
    data_dir: Path,
    *,
    session: requests.Session | None = None,
    offline: bool = False,
    config: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> SourceResult:
    """Refresh one source (or, offline, reuse its last complete raw snapshot).

    `config` holds this source's options (see DEFAULT_CONFIG in its module); a mapping with a
    section named after the source is accepted too. `now` fixes the refresh time (tests).
    Network and format failures never raise: they come back as a stale or failed result.
    """
    source = get_source(source_id)
    data_dir = Path(data_dir)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    previous, damage = _last_complete_set(data_dir, source_id)

    if offline:
        if previous is not None:
            return _from_stored(source, previous, "cached")
        if damage:
            return _nothing(source_id, "failed", f"offline run; {damage}")
        return _nothing(
            source_id,
            "unavailable",
            "offline run and no raw snapshot of this source has been saved yet; "
            "run a refresh with network access",
        )

    raws: list[RawResponse] = []
    frames: list[pd.DataFrame] = []
    try:
        specs = source.build_requests(
            {**_section(config, source_id), "today": moment.date().isoformat()}
        )
        session = session or make_session()
        for spec in specs:
            raw = source.fetch(spec, session)
            raws.append(raw)
            frames.append(_harmonised(source, raw, describe(spec)))
    except (EtlError, ValueError) as exc:
        if raws:  # keep what arrived, for diagnosis; without a manifest nothing reads it as data
            raw_store.save_set(data_dir, source_id, raws, moment, complete=False)
        failure = f"refresh at {_iso(moment)} failed: {exc}"
        log.info("[%s] %s", source_id, failure)  # the refresh report shows it to the operator
        if previous is not None:
            return _from_stored(
                source,
                previous,
                "stale",
                error=f"{failure}; using the raw snapshot fetched {previous.fetched_at}",
            )
        return _nothing(source_id, "failed", failure + (f"; {damage}" if damage else ""))

    if previous is not None and previous.fingerprint() == raw_store.fingerprint(raws):
        return _from_stored(source, previous, "unchanged")

    paths = raw_store.save_set(data_dir, source_id, raws, moment, complete=True)
    fetched_at = _iso(moment)
    log.info(
        "[%s] fresh: %d responses saved under %s",
        source_id,
        len(raws),
        paths[0].parent if paths else data_dir,
    )
    return SourceResult(
        source_id=source_id,
        state="fresh",
        observations=_dedupe(concat_observations(frames)),
        sources=source.source_rows([{**r.meta, "fetched_at": fetched_at} for r in raws]),
        fetched_at=fetched_at,
        raw_paths=[str(p) for p in paths],
    )


def parse_file(source_id: str, path: Path) -> pd.DataFrame:
    """Harmonised rows (exactly OBSERVATION_COLUMNS) from one raw response file.

    For a file saved by raw_store, the `.meta.json` sidecar beside it supplies the request's
    metadata, and the body must still match the checksum recorded there.
    """
    source = get_source(source_id)
    path = Path(path)
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise EtlError(f"{path}: cannot read the raw response file ({exc.strerror})") from exc
    meta = raw_store.read_meta(path)
    if meta.get("sha256") and meta["sha256"] != sha256(body):
        raise RawSnapshotError(
            f"{path}: checksum mismatch with its sidecar (expected sha256 {meta['sha256']}, "
            f"found {sha256(body)}); the raw file was altered after it was saved"
        )
    return _harmonised(source, RawResponse(body=body, meta=meta), str(path))


# --- internals -----------------------------------------------------------------------------


def _harmonised(source: LiveSource, raw: RawResponse, where: str) -> pd.DataFrame:
    """parse → harmonise, with errors pointing at the request or file they came from."""
    try:
        return source.harmonise(source.parse(raw.body), raw.meta)
    except SourceError as exc:
        if exc.request == "response body":  # parsers do not know the request; we do
            raise type(exc)(exc.source, where, exc.detail) from exc
        raise


def _from_stored(
    source: LiveSource, stored: StoredSet, state: str, error: str | None = None
) -> SourceResult:
    try:
        frames = [
            _harmonised(source, raw, str(path))
            for raw, path in zip(stored.raws, stored.paths, strict=True)
        ]
    except EtlError as exc:
        problem = f"the saved raw snapshot from {stored.fetched_at} no longer parses: {exc}"
        return _nothing(source.source_id, "failed", f"{error}; {problem}" if error else problem)
    metas = [{**raw.meta, "fetched_at": stored.fetched_at} for raw in stored.raws]
    return SourceResult(
        source_id=source.source_id,
        state=state,
        observations=_dedupe(concat_observations(frames)),
        sources=source.source_rows(metas),
        fetched_at=stored.fetched_at,
        error=error,
        raw_paths=[str(p) for p in stored.paths],
    )


def _nothing(source_id: str, state: str, error: str) -> SourceResult:
    return SourceResult(
        source_id=source_id,
        state=state,
        observations=observations_frame([]),
        sources=sources_frame([]),
        fetched_at=None,
        error=error,
    )


def _last_complete_set(data_dir: Path, source_id: str) -> tuple[StoredSet | None, str | None]:
    try:
        return raw_store.latest_complete_set(data_dir, source_id), None
    except RawSnapshotError as exc:
        return None, f"the last raw snapshot is damaged and was not used: {exc}"


def _section(config: dict[str, Any] | None, source_id: str) -> dict[str, Any]:
    if not config:
        return {}
    section = config.get(source_id)
    return dict(section) if isinstance(section, dict) else dict(config)


def _dedupe(frame: pd.DataFrame) -> pd.DataFrame:
    # A date asked for both by XML_daily and XML_dynamic gives the same row twice.
    return frame.drop_duplicates(ignore_index=True)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")

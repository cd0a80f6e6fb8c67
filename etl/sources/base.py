"""The small interface every live source implements (one module per source, like pandas-datareader).

A source module exposes a `SOURCE` object satisfying `LiveSource`:

    build_requests(config) -> list[RequestSpec]   pure: what to ask for (the refresh date comes
                                                  in config["today"], never from the clock; a
                                                  keyed API reads its key from the environment
                                                  variable its config names)
    fetch(spec, session)   -> RawResponse         the only network I/O
    parse(raw)             -> DataFrame            pure: the body in the source's own terms
    harmonise(frame, meta) -> DataFrame            pure: into etl.schema.OBSERVATION_COLUMNS
    source_rows(metas)     -> DataFrame            pure: rows for the sources table

`etl.sources.collect` drives them: fetch everything (or reuse the last good raw snapshot),
save raw bodies unchanged, parse and harmonise, and return one `SourceResult` per source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import pandas as pd
import requests


@dataclass(frozen=True)
class RequestSpec:
    """One HTTP request. `url` and `params` never hold secrets; `secret_headers` stay in memory."""

    source_id: str
    label: str  # human-readable, e.g. "CHN→RUS annual by HS chapter 2015–2019"
    url: str
    params: dict[str, str] = field(default_factory=dict)
    secret_headers: dict[str, str] = field(default_factory=dict, repr=False)
    row_limit: int | None = None  # the API's cap: a result of exactly this many rows is truncated


@dataclass
class RawResponse:
    """A fetched body, unchanged, with the metadata sidecar saved beside it."""

    body: bytes
    meta: dict[str, Any]  # url (no secrets), params, fetched_at, http_status, bytes, sha256,
    #                       content_type, publisher, licence, label


@dataclass
class SourceResult:
    """What one source contributed to a refresh."""

    source_id: str
    # fresh: fetched now, new content · unchanged: fetched now, same content as the last good
    # snapshot · cached: offline run, last good raw snapshot reused without asking the publisher ·
    # stale: the fetch failed, last good raw snapshot reused · unavailable: offline and never
    # fetched · failed: the fetch failed and there is nothing to fall back on
    state: str
    observations: pd.DataFrame
    sources: pd.DataFrame
    fetched_at: str | None = None  # when the data used was fetched (ISO 8601, UTC)
    error: str | None = None  # why it is stale/failed, in words an operator can act on
    raw_paths: list[str] = field(default_factory=list)


class LiveSource(Protocol):
    source_id: str
    publisher: str
    title: str
    licence: str
    homepage: str

    def build_requests(self, config: dict[str, Any]) -> list[RequestSpec]: ...

    def fetch(self, spec: RequestSpec, session: requests.Session) -> RawResponse: ...

    def parse(self, raw: bytes) -> pd.DataFrame: ...

    def harmonise(self, frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame: ...

    def source_rows(self, metas: list[dict[str, Any]]) -> pd.DataFrame: ...


def refresh_date(config: dict[str, Any]) -> date:
    """The refresh's date from a source's config (collect() sets "today"); never the clock, so
    planning requests stays a pure function of its input."""
    if not config.get("today"):
        raise ValueError("the source's config has no 'today' (ISO date of the refresh); "
                         "collect() sets it, a direct caller must pass it")
    return date.fromisoformat(str(config["today"]))

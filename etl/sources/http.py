"""The one HTTP client all live sources share: timeouts, bounded retries, typed errors.

Policy (the same for every publisher):
- every call has a timeout (connect, read); a `requests.Session` without one would hang a refresh;
- connection errors, read timeouts, 429 and 5xx are retried a bounded number of times with
  exponential backoff, and a server's `Retry-After` is honoured (capped, so a "come back in an
  hour" cannot stall a refresh for an hour);
- other 4xx are not retried: asking again will not change the answer;
- the final failure becomes a typed error (etl.errors) naming the source and the request, with
  secrets removed. API keys travel only in headers (`RequestSpec.secret_headers`) and are never
  written to logs, errors or metadata.

`sleep` is injectable so tests exercise the real urllib3 retry loop without waiting.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from etl.errors import AuthError, NotFoundError, ProviderError, RateLimitedError, SourceError
from etl.sources.base import RawResponse, RequestSpec

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 120.0)  # (connect, read) seconds
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0  # seconds; waits grow 1, 2, 4 ... between attempts
DEFAULT_RETRY_AFTER_MAX = 120  # seconds; longer Retry-After values are capped
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "china-russia-trade-factcheck/1.0 (python-requests; statistical dashboard ETL)"

# Query parameter names that may carry a credential in URLs we did not build ourselves
# (e.g. a redirect). Our own requests never put keys in the query string.
SECRET_PARAMS = frozenset(
    {"subscription-key", "subscription_key", "api_key", "apikey", "api-key", "key", "token"}
)
_QUOTA_WORDS = re.compile(r"quota|rate limit|too many requests", re.IGNORECASE)


class _Retry(Retry):
    """urllib3's Retry with an injectable sleep (tests pass a recorder instead of time.sleep)."""

    def __init__(self, *args: Any, sleep: Callable[[float], None] = time.sleep, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.sleep_fn = sleep

    def new(self, **kw: Any) -> _Retry:
        retry = super().new(**kw)
        retry.sleep_fn = self.sleep_fn  # Retry.new() rebuilds from known params only
        return retry

    def sleep_for_retry(self, response: Any) -> bool:
        retry_after = self.get_retry_after(response)  # already capped at retry_after_max
        if retry_after:
            self.sleep_fn(retry_after)
            return True
        return False

    def _sleep_backoff(self) -> None:
        backoff = self.get_backoff_time()
        if backoff > 0:
            self.sleep_fn(backoff)


class TimeoutSession(requests.Session):
    """A Session that applies its default timeout to every call that does not pass one."""

    def __init__(self, timeout: float | tuple[float, float] = DEFAULT_TIMEOUT):
        super().__init__()
        self.timeout = timeout

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().request(method, url, **kwargs)


def make_session(
    *,
    retries: int = DEFAULT_RETRIES,
    backoff_factor: float = DEFAULT_BACKOFF,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    retry_after_max: int = DEFAULT_RETRY_AFTER_MAX,
    sleep: Callable[[float], None] = time.sleep,
    user_agent: str = USER_AGENT,
) -> requests.Session:
    """The shared session: `retries` retries after the first attempt, then a typed error."""
    retry = _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        allowed_methods=frozenset({"GET", "HEAD"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=backoff_factor,
        respect_retry_after_header=True,
        retry_after_max=retry_after_max,
        raise_on_status=False,  # hand back the last response; we map it to a typed error
        sleep=sleep,
    )
    session = TimeoutSession(timeout)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent
    return session


# --- URLs without secrets ------------------------------------------------------------------


def redact_url(url: str) -> str:
    """The URL with any credential-looking query parameter replaced by "***"."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (k, "***" if k.lower() in SECRET_PARAMS else v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe=",/:+*")))


def request_url(spec: RequestSpec) -> str:
    """The full URL of a request (params in the query string), safe to log and store."""
    if not spec.params:
        return redact_url(spec.url)
    separator = "&" if "?" in spec.url else "?"
    return redact_url(spec.url + separator + urlencode(spec.params, safe=",/:+"))


def describe(spec: RequestSpec) -> str:
    """How errors name a request: its label and its URL (never its key)."""
    return f"{spec.label} <{request_url(spec)}>"


# --- fetching ------------------------------------------------------------------------------


def fetch(
    spec: RequestSpec,
    session: requests.Session,
    *,
    publisher: str,
    licence: str,
    accept: str,
    auth_hint: str = "",
    accept_statuses: Collection[int] = (),
) -> RawResponse:
    """GET one request. Returns the body unchanged plus its metadata, or raises a typed error.

    `accept_statuses` lists non-2xx statuses the source interprets itself (e.g. an SDMX
    "no results" 404); the body is then returned like a success for its parser to read.
    """
    where = describe(spec)
    headers = {"Accept": accept, **spec.secret_headers}
    timeout = getattr(session, "timeout", None) or DEFAULT_TIMEOUT
    log.info("fetching %s", where)
    try:
        response = session.get(
            spec.url, params=spec.params or None, headers=headers, timeout=timeout
        )
        body = response.content  # the body is read here: a cut-off transfer raises here
    except (
        requests.exceptions.ChunkedEncodingError,
        requests.exceptions.ContentDecodingError,
    ) as exc:
        raise ProviderError(
            spec.source_id,
            where,
            f"the response body was cut off in transfer ({_reason(exc)}); "
            "nothing was saved from it — try again later",
        ) from exc
    except requests.exceptions.Timeout as exc:
        raise ProviderError(
            spec.source_id, where, f"no answer within the timeout ({_reason(exc)}) after retries"
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        raise ProviderError(
            spec.source_id,
            where,
            f"could not reach the publisher after retries ({_reason(exc)}); "
            "check the network or try again later",
        ) from exc
    except requests.exceptions.RequestException as exc:
        raise ProviderError(spec.source_id, where, f"request failed: {_reason(exc)}") from exc

    status = response.status_code
    if status >= 400 and status not in accept_statuses:
        raise error_for_status(spec, status, body, response.headers, auth_hint=auth_hint)

    meta = {
        "source_id": spec.source_id,
        "label": spec.label,
        "url": request_url(spec),
        "params": dict(spec.params),
        "fetched_at": now_iso(),
        "http_status": status,
        "bytes": len(body),
        "sha256": sha256(body),
        "content_type": response.headers.get("Content-Type", ""),
        "publisher": publisher,
        "licence": licence,
        "row_limit": spec.row_limit,
    }
    return RawResponse(body=body, meta=meta)


def error_for_status(
    spec: RequestSpec,
    status: int,
    body: bytes,
    headers: Any,
    *,
    auth_hint: str = "",
    not_found_hint: str = "",
) -> SourceError:
    """Map a final HTTP status to the typed error an operator can act on."""
    where = describe(spec)
    said = publisher_message(body)
    said_part = f": {said}" if said else ""
    hint = f" {auth_hint}" if auth_hint else ""
    if status in (401, 403):
        # A keyed API answers both "bad key" and "quota used up" with 401/403; the body says which.
        if _QUOTA_WORDS.search(said):
            return RateLimitedError(
                spec.source_id, where, f"quota exhausted (HTTP {status}){said_part}"
            )
        return AuthError(
            spec.source_id,
            where,
            f"the API key is missing or was refused (HTTP {status}){said_part}.{hint}",
        )
    if status == 404:
        extra = f". {not_found_hint}" if not_found_hint else ""
        return NotFoundError(
            spec.source_id,
            where,
            f"the publisher has no such series or endpoint (HTTP 404){said_part}{extra}",
        )
    if status == 429:
        wait = headers.get("Retry-After", "") if headers is not None else ""
        after = f"; the server asked to wait {wait} s" if wait else ""
        return RateLimitedError(
            spec.source_id, where, f"too many requests (HTTP 429) after retries{after}{said_part}"
        )
    if status >= 500:
        return ProviderError(
            spec.source_id, where, f"the publisher failed (HTTP {status}) after retries{said_part}"
        )
    return ProviderError(
        spec.source_id,
        where,
        f"the publisher refused the request (HTTP {status}){said_part}; "
        "check the request parameters",
    )


def publisher_message(body: bytes, limit: int = 300) -> str:
    """The publisher's own words from an error body (JSON `message`/`error`, or page text)."""
    text = body[:20000].decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    try:
        payload = json.loads(text)
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        for key in ("message", "error", "Message", "detail", "title"):
            value = payload.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:limit]
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return value["message"].strip()[:limit]
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        return " ".join(title.group(1).split())[:limit]
    plain = re.sub(r"<[^>]+>", " ", text)
    return " ".join(plain.split())[:limit]


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _reason(exc: Exception) -> str:
    """A short cause without the full exception chain (which repeats the URL)."""
    text = str(exc)
    match = re.search(r"Caused by (\w+)\(", text)
    if match:
        return match.group(1)
    return type(exc).__name__ if len(text) > 200 else (text or type(exc).__name__)

"""Typed errors of the pipeline.

Every error says which input failed, what was expected and what to do, so the CLI can print it
as is and exit non-zero. None of them carries an API key: URLs are passed in already redacted.
"""

from __future__ import annotations


class EtlError(Exception):
    """Base class: a failure the CLI reports in one clear message (no traceback)."""


class ValidationError(EtlError):
    """Input data broke the data contract. `problems` lists one message per failing cell or row."""

    def __init__(self, what: str, problems: list[str]):
        self.what = what
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{what}: {len(problems)} problem(s) found; nothing was published.\n{shown}{more}"
        )


class SnapshotError(EtlError):
    """The published snapshot is missing, incomplete or could not be written."""


class ClaimsError(EtlError):
    """The claims file is malformed or refers to data that does not exist."""


class SourceError(EtlError):
    """A live source failed. Subclasses say how; `source` and `request` say where."""

    def __init__(self, source: str, request: str, detail: str):
        self.source = source
        self.request = request
        self.detail = detail
        super().__init__(f"[{source}] {detail} (request: {request})")


class NotFoundError(SourceError):
    """The publisher says the series or endpoint does not exist (HTTP 404)."""


class RateLimitedError(SourceError):
    """Quota exhausted or too many requests (HTTP 429, or 401/403 on a keyed API)."""


class AuthError(SourceError):
    """The API key is missing or was refused (HTTP 401/403)."""


class ProviderError(SourceError):
    """The publisher failed (HTTP 5xx, timeouts, connection errors after retries)."""


class FormatError(SourceError):
    """The body is not what the publisher documents (HTML error page, truncated, wrong shape)."""

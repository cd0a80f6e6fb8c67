"""How to cite a check or a chart: one text (title, URL with its state, data version, date of
access), shown in a "Cite this" block beside every check and chart and written into the README of
every ZIP download, so the two always read the same.

The URL is the page's own path and query. Where the site's public address is configured
(`DASHBOARD_PUBLIC_URL`), the text starts with it; otherwise the page shows the link as the
browser resolves it (assets/cite.js fills in the address it was opened at) and a ZIP says the
path on the site it came from. The Host header of a request is never echoed (a cache in front
would keep whatever a client sent).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from dash import html

SITE = "China–Russia ties: a news story checked against the numbers"
PUBLIC_URL_VARIABLE = "DASHBOARD_PUBLIC_URL"


def today() -> str:
    """The date of access, as an ISO date (UTC)."""
    return datetime.now(UTC).date().isoformat()


def public_url() -> str:
    """The site's configured public address, without a trailing slash ("" if none)."""
    return os.environ.get(PUBLIC_URL_VARIABLE, "").strip().rstrip("/")


def state_path(path: str, query: Mapping[str, str] | None = None) -> str:
    """A page's path with its state as the query string ("/explorer?freq=M&currency=CNY")."""
    return path + ("?" + urlencode(dict(query), safe=",") if query else "")


def long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Citation:
    title: str  # the check's finding or the chart's title
    path: str  # the page's path and query: "/?claim=fifth-largest-partner"
    version: str  # the data snapshot's version
    accessed: str  # ISO date

    @property
    def url(self) -> str:
        return public_url() + self.path

    def text(self) -> str:
        """The citation as one paragraph of plain text (the README of a ZIP has this)."""
        return (f"“{self.title.rstrip('.')}.” {SITE}. {self.url}. Data snapshot {self.version}; "
                f"accessed {long_date(self.accessed)}.")


def cite_block(citation: Citation) -> html.Details:
    """The "Cite this" block: the citation as text to copy, with its parts named."""
    link = html.A(citation.url, href=citation.path, className="cite-url")
    return html.Details(
        [
            html.Summary("Cite this"),
            html.P(
                [f"“{citation.title.rstrip('.')}.” {SITE}. ", link,
                 f". Data snapshot {citation.version}; accessed {long_date(citation.accessed)}."],
                className="cite-text",
            ),
        ],
        className="cite",
        **{"data-version": citation.version, "data-accessed": citation.accessed},
    )

"""The page for a path that is no page (served with HTTP 404 by the app): what happened and
where to go, inside the site's own header and navigation."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

TITLE = "Page not found — China–Russia ties"


def layout(**_query: Any) -> html.Div:
    from dashboard.pages import NAV

    return html.Div(
        [
            html.H1("Page not found"),
            html.P("There is no page at this address. It may have been mistyped, or it was "
                   "never part of this site.", className="lede"),
            html.H2("The pages of this site"),
            html.Ul([html.Li(dcc.Link(label, href=path)) for label, path in NAV],
                    className="not-found-links"),
            html.P(["Data files are listed on ", dcc.Link("Data & sources", href="/data"),
                    "; each chart offers its own CSV and ZIP."]),
        ],
        className="page page-not-found",
    )

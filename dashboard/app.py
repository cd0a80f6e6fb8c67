"""The Dash app factory. `create_app()` returns a configured app; `server` (the Flask app) is
created on first access, for gunicorn:  gunicorn 'dashboard.app:server'.

If no snapshot is published yet, the factory builds one from the bundled data (no network), so a
fresh clone serves a complete page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import dash
import flask
from dash import dcc, html

from dashboard import guard, headers, response_cache, routes, social
from dashboard.snapshot import SnapshotStore
from etl.config import data_dir
from etl.store import current_version, list_versions

log = logging.getLogger(__name__)
ASSETS = Path(__file__).parent / "assets"
DESCRIPTION = ("A May 2025 news story on China–Russia ties, each checkable statement set beside "
               "the official trade statistics that test it, with sources and dates.")


# Dash's page, in English (lang), without its Internet Explorer warning script.
INDEX = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""
INDEX_ENDPOINTS = {"/", "/<path:path>"}  # Dash's page routes (the index HTML)


class App(dash.Dash):
    """Dash, minus what a page need not tell the world (the Python version in its config),
    plus a title, description and social card per shared check (dashboard.social), and what
    crawlers that run no scripts should find in a page's HTML: its ClaimReview JSON-LD
    (dashboard.structured_data)."""

    def _config(self) -> dict[str, Any]:
        config = super()._config()
        config.pop("python_version", None)
        return config

    def _generate_meta(self) -> list[dict[str, str]]:
        tags = [t for t in super()._generate_meta() if t.get("name") != "description"]
        return tags + social.meta_tags()

    def interpolate_index(self, **kwargs: Any) -> str:
        from dashboard import structured_data

        kwargs["title"] = social.page_title() or kwargs.get("title", "")
        kwargs["metas"] = kwargs.get("metas", "") + structured_data.for_request()
        return super().interpolate_index(**kwargs)


def ensure_snapshot(root: Path) -> str | None:
    """Publish a snapshot from the bundled data if none exists; return the serving version.
    (A damaged or unreadable CURRENT is not "none": the dashboard serves the newest intact
    version and `python -m etl refresh` repairs it; a web worker never publishes over it.)"""
    if current_version(root) is None and not list_versions(root):
        from etl.refresh import run_refresh

        # Several gunicorn workers may start at once: the refresh lock makes the others wait,
        # and their own refresh then finds nothing new.
        report = run_refresh(root, offline=True, wait=300.0)
        if not report.ok:
            log.error("could not build the bundled snapshot: %s", report.error)
    return current_version(root)


def create_app(
    root: Path | None = None, *, check_every: float = 5.0, build_if_missing: bool = True,
    warm: bool = False,
) -> dash.Dash:
    """The app on the snapshots under `root` (default: the configured data folder). `warm`
    (web servers): the serving version is loaded and its views prepared now, before the first
    request, and later versions are made ready in the background (dashboard.snapshot)."""
    root = Path(root) if root else data_dir()
    if build_if_missing:
        ensure_snapshot(root)
    app = App(
        __name__,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS),
        title="China–Russia ties: the article, checked",
        index_string=INDEX,
        suppress_callback_exceptions=True,
        # Dash's page meta tags echo the request's Host header in twitter:url; ours are fixed.
        include_pages_meta=False,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": DESCRIPTION},
        ],
    )
    store = SnapshotStore(root, check_every=check_every, warm=warm)
    app.server.config["SNAPSHOT_STORE"] = store
    app.server.config["DATA_ROOT"] = root
    from dashboard.pages import register_pages

    register_pages(app)
    app.layout = shell()
    not_found_status(app)
    routes.register(app.server)
    guard.install(app)  # before the response cache: it reads the body the guard checked
    response_cache.install(app.server)
    headers.install(app, check_every)
    if warm:
        store.current()
    return app


def not_found_status(app: dash.Dash) -> None:
    """A path that is no page answers HTTP 404 (Dash would answer 200 with its page shell); the
    page router then shows the site's own "not found" page (dashboard.pages.not_found)."""
    from dashboard.pages import NAV

    pages = {path for _label, path in NAV}

    @app.server.after_request
    def not_found(response: flask.Response) -> flask.Response:
        request = flask.request
        if (request.endpoint in INDEX_ENDPOINTS and response.status_code == 200
                and "/" + request.path.strip("/") not in pages):
            response.status_code = 404
        return response


def shell() -> html.Div:
    """Header, navigation and the page container, shared by every page."""
    from dashboard.pages import NAV

    return html.Div(
        [
            html.A("Skip to content", href="#content", className="skip-link"),
            html.Header(
                [
                    html.Div(
                        [
                            html.Span("China–Russia ties", className="brand-title"),
                            html.Span(
                                "a news story checked against the numbers", className="brand-sub"
                            ),
                        ],
                        className="brand",
                    ),
                    html.Nav(
                        [dcc.Link(label, href=path, className="nav-link") for label, path in NAV],
                        className="nav",
                        **{"aria-label": "Pages"},
                    ),
                ],
                className="site-header",
            ),
            html.Main(dash.page_container, id="content", className="content"),
            html.Footer(
                "Every figure shows its source and date. Data: curated press reports of "
                "official statistics (GACC, Bank of Russia, Russia's customs) and, where "
                "fetched, UN Comtrade, IMF and Bank of Russia APIs.",
                className="site-footer",
            ),
        ]
    )


def __getattr__(name: str) -> Any:
    # `server` is built lazily so importing this module has no side effects (tests import it).
    if name == "server":
        return create_app(warm=True).server
    raise AttributeError(name)

"""Security and cache headers: set here, in one place, on every response the app sends.

Security, on everything:
- Content-Security-Policy: scripts only from this origin plus the hashes of Dash's own inline
  scripts (`Dash.csp_hashes()`: the renderer bootstrap and the page-title clientside
  callback); styles from this origin and inline (plotly and Dash components set style
  attributes); images also as data:/blob: URLs (plotly's PNG/SVG export); no plugins; no
  other site may frame the pages (frame-ancestors 'self', and X-Frame-Options for browsers
  that predate it);
- X-Content-Type-Options: nosniff; Referrer-Policy: strict-origin-when-cross-origin.
(The `Server` header is the web server's: gunicorn sends its name without a version, and
`python -m dashboard` runs the development server with a handler that sends SERVER_NAME instead
of Werkzeug's and Python's versions; an application header would only be sent twice.)

Caching, by what a response depends on (so a CDN in front can cache them):
- drawn from the version the request pinned (a download's ?v=, the version State a page's
  callback sends) and served from exactly that version: the answer can never change, so
  `public, max-age=31536000, immutable`;
- drawn from the current version (pages, the page router, downloads without ?v=): it changes
  when a new version is published, which workers notice within `check_every` seconds, so
  `public, max-age=<check_every>`, with an ETag naming the version for a cheap revalidation;
- errors and /health: `no-store` (monitoring wants the live answer);
- answers made from what a visitor sent (a pasted article checked on /check, its downloads):
  `no-store`, and never kept by the response cache either (`private()`);
- Dash's own component files keep Dash's headers (fingerprinted URLs, one year).
Every response drawn from a snapshot names its version in X-Snapshot-Version.
"""

from __future__ import annotations

import dash
import flask

IMMUTABLE = "public, max-age=31536000, immutable"
SERVER_NAME = "china-russia-dashboard"
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/_favicon.ico")


def served(version: str, pinned: bool) -> None:
    """Record which snapshot version this request's answer comes from, and whether the request
    asked for exactly that version (then the answer is immutable)."""
    flask.g.served_version = (version, pinned)


def private() -> None:
    """This request's answer is made from what the visitor sent (a pasted article): no cache
    may keep it, neither a browser's or a proxy's nor the app's own response cache."""
    flask.g.private = True


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def cache_control(response: flask.Response, path: str, check_every: float) -> str | None:
    """The Cache-Control value for a response (None: leave what it has)."""
    if response.status_code >= 400 or path == "/health" or flask.g.get("private"):
        return "no-store"
    if path.startswith(STATIC_PREFIXES):
        return None
    version = flask.g.get("served_version")
    if version is not None and version[1]:
        return IMMUTABLE
    return f"public, max-age={max(int(check_every), 0)}"


def install(app: dash.Dash, check_every: float) -> None:
    server = app.server
    policy: list[str] = []  # computed once the first request has registered Dash's scripts

    @server.after_request
    def set_headers(response: flask.Response) -> flask.Response:
        if not policy:
            policy.append(content_security_policy(list(app.csp_hashes())))
        headers = response.headers
        headers["Content-Security-Policy"] = policy[0]
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "SAMEORIGIN"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        path = flask.request.path
        value = cache_control(response, path, check_every)
        if value is not None:
            headers["Cache-Control"] = value
        version = flask.g.get("served_version")
        if version is not None:
            headers["X-Snapshot-Version"] = version[0]
            if flask.request.method == "GET" and response.status_code == 200:
                response.set_etag(version[0])  # per URL: the URL says what, the version when
                response.make_conditional(flask.request)
        return response

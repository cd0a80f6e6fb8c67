"""What a shared link shows before anyone opens it: the page's <title>, its description and its
social card (Open Graph and Twitter tags), per check for `/?claim=<id>`; and the card's image,
the check's chart as a PNG rendered on the server by plotly's static export (kaleido).

Images are drawn only where Chromium is installed (kaleido drives it; `BROWSER_PATH` names it,
else /usr/bin/chromium or `chromium` on PATH), in a background thread that keeps one kaleido
server alive: a request never waits for a browser to start. An image not drawn yet answers
503 with Retry-After and starts drawing it; without Chromium the card has no image tag and
`/image/...` answers 404, and nothing else changes. Images are kept per snapshot version in
memory (a few hundred KB per version: one PNG per check).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections import OrderedDict
from typing import Any

import flask

from dashboard.components.cite import public_url
from dashboard.figures import draw

log = logging.getLogger(__name__)
SITE = "China–Russia ties"
SITE_DESCRIPTION = ("A May 2025 news story on China–Russia ties, each checkable statement set "
                    "beside the official trade statistics that test it, with sources and dates.")
IMAGE_SIZE = (1200, 630)  # the social-card size most sites crop to
KEPT_VERSIONS = 2


def browser_path() -> str | None:
    """The Chromium kaleido would drive, or None."""
    named = os.environ.get("BROWSER_PATH")
    if named and os.path.exists(named):
        return named
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or "",
                      shutil.which("chromium-browser") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def images_possible() -> bool:
    if browser_path() is None:
        return False
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return True


class ImageRenderer:
    """One per app: draws check images in a background thread with one kaleido server."""

    def __init__(self) -> None:
        self._images: OrderedDict[str, dict[str, bytes]] = OrderedDict()  # version -> id -> png
        self._failed: set[tuple[str, str]] = set()
        self._queue: list[tuple[str, str, Any]] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def get(self, version: str, claim_id: str) -> bytes | None:
        with self._lock:
            return self._images.get(version, {}).get(claim_id)

    def failed(self, version: str, claim_id: str) -> bool:
        return (version, claim_id) in self._failed

    def request(self, version: str, claim_id: str, figure: Any) -> None:
        """Draw this image soon (once); returns at once."""
        with self._lock:
            if any(v == version and c == claim_id for v, c, _ in self._queue):
                return
            self._queue.append((version, claim_id, figure))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="social-images")
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        os.environ.setdefault("BROWSER_PATH", browser_path() or "")
        try:
            import kaleido
            import plotly.graph_objects as go

            kaleido.start_sync_server(silence_warnings=True)
        except Exception:  # no browser: the cards simply have no image
            log.warning("social images: kaleido could not start a browser", exc_info=True)
            with self._lock:
                self._failed |= {(v, c) for v, c, _ in self._queue}
                self._queue.clear()
            return
        while True:
            with self._lock:
                job = self._queue.pop(0) if self._queue else None
            if job is None:
                self._wake.clear()
                if not self._wake.wait(timeout=300):
                    break  # idle for five minutes: let the browser go
                continue
            version, claim_id, figure = job
            try:
                # figures are plain dicts (dashboard.figures.draw); kaleido reads a go.Figure
                png = go.Figure(figure).to_image(format="png", width=IMAGE_SIZE[0],
                                                 height=IMAGE_SIZE[1])
            except Exception:
                log.warning("social image of %s failed", claim_id, exc_info=True)
                self._failed.add((version, claim_id))
                continue
            with self._lock:
                self._images.setdefault(version, {})[claim_id] = png
                self._images.move_to_end(version)
                while len(self._images) > KEPT_VERSIONS:
                    self._images.popitem(last=False)
        with self._lock:
            self._thread = None
        with contextlib.suppress(Exception):
            kaleido.stop_sync_server(silence_warnings=True)


def renderer() -> ImageRenderer:
    app = flask.current_app
    if "SOCIAL_IMAGES" not in app.config:
        app.config["SOCIAL_IMAGES"] = ImageRenderer()
    return app.config["SOCIAL_IMAGES"]


def selected_claim() -> tuple[Any, Any] | None:
    """(snapshot, claim row) for a request of the article page that names a known check."""
    request = flask.request
    if request.path != "/":
        return None
    claim_id = request.args.get("claim")
    snap = flask.current_app.config["SNAPSHOT_STORE"].current()
    if not claim_id or snap is None:
        return None
    claim = snap.claim(claim_id)
    return None if claim is None else (snap, claim)


def image_path(claim_id: str, version: str) -> str:
    return f"/image/claim/{claim_id}.png?v={version}"


def page_title() -> str | None:
    found = selected_claim()
    if found is None:
        return None
    _snap, claim = found
    return f"{claim['headline']} — {claim['verdict_label']} — {SITE}"


def meta_tags() -> list[dict[str, str]]:
    """The description and social-card tags of the page requested."""
    found = selected_claim()
    base = public_url()
    if found is None:
        title, description, image = f"The article, checked — {SITE}", SITE_DESCRIPTION, None
        url = base + flask.request.path if base else ""
    else:
        snap, claim = found
        title = f"{claim['headline']} — {claim['verdict_label']}"
        reason = claim.get("reason")
        description = str(reason or claim["explanation"])[:300]
        drawn = snap.views.claim_kind(claim["claim_id"]) != "none"
        image = base + image_path(claim["claim_id"], snap.version) if (
            drawn and images_possible()) else None
        url = f"{base}/?claim={claim['claim_id']}" if base else ""
    tags = [
        {"name": "description", "content": description},
        {"property": "og:site_name", "content": SITE},
        {"property": "og:type", "content": "article"},
        {"property": "og:title", "content": title},
        {"property": "og:description", "content": description},
        {"name": "twitter:card", "content": "summary_large_image" if image else "summary"},
        {"name": "twitter:title", "content": title},
        {"name": "twitter:description", "content": description},
    ]
    if url:
        tags.append({"property": "og:url", "content": url})
    if image:
        tags += [{"property": "og:image", "content": image},
                 {"property": "og:image:width", "content": str(IMAGE_SIZE[0])},
                 {"property": "og:image:height", "content": str(IMAGE_SIZE[1])},
                 {"name": "twitter:image", "content": image}]
    return tags


def claim_image(claim_id: str) -> flask.Response:
    """GET /image/claim/<id>.png?v=<version>: the check's chart as a social-card image."""
    from dashboard.routes import snapshot_or_503

    snap = snapshot_or_503(flask.request.args.get("v"))
    if snap.claim(claim_id) is None:
        flask.abort(404, description=f"No check {claim_id!r} in snapshot {snap.version}.")
    if not images_possible():
        flask.abort(404, description="This server draws no images: Chromium is not installed "
                    "(apt-get install chromium), so social cards go without a picture.")
    images = renderer()
    png = images.get(snap.version, claim_id)
    if png is not None:
        return flask.Response(png, mimetype="image/png")
    if images.failed(snap.version, claim_id):
        flask.abort(404, description=f"The image of {claim_id!r} could not be drawn; the check "
                    "itself is on the page.")
    figure = draw(snap.views.claim_chart(claim_id), snap.version)
    if figure is None:
        flask.abort(404, description=f"The check {claim_id!r} has no chart to show.")
    images.request(snap.version, claim_id, figure)
    response = flask.Response("The image is being drawn; try again in a few seconds.\n",
                              status=503, mimetype="text/plain")
    response.headers["Retry-After"] = "5"
    return response

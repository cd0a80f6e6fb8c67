"""A cache of callback responses, keyed by snapshot version, operational state and the request
as the callback reads it.

Every callback of this app is a pure function of its request and the published snapshot (plus,
on the data page, the sources' state files): the same request against the same version always
gets the same answer. So the serialised answer is kept (most recently used first, bounded in
bytes) and served again without rebuilding or re-serialising a page. A new version or a change
in source state changes the key, so nothing stale is ever served.

The key is the request normalised to what the callback reads, so that noise cannot make a
request look new: for the page router, the page the path resolves to and only the query
parameters that page reads, through dashboard.urlstate (an unknown `?utm=...` or a repeated
parameter gives the same key as the clean URL); for the other callbacks, their output and the
values of their inputs and state (other fields of the body are ignored).

An answer made from what the visitor sent (dashboard.headers.private: a pasted article) is
never kept: nothing pasted stays on the server unless its reader asks for a share link.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import flask

from dashboard import urlstate
from dashboard.components.cite import today
from dashboard.guard import CALLBACK_PATH, LOCATION
from dashboard.lru import ByteLRU

RESPONSE_CACHE_BYTES = 24 * 1024 * 1024
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."
UNKNOWN_PAGE = "(no such page)"


def page_path(pathname: Any) -> str:
    """The registered page a pathname resolves to (as Dash's router matches it), or
    UNKNOWN_PAGE: every unknown path gets the same "not found" answer."""
    if not isinstance(pathname, str):
        return UNKNOWN_PAGE
    path = "/" + pathname.strip("/")
    return path if path in urlstate.names_by_path() else UNKNOWN_PAGE


def request_key(body: dict[str, Any]) -> str:
    """The callback request as the callback reads it (see the module docstring)."""
    if body.get("output") == ROUTER_OUTPUT:
        values = {item["property"]: item.get("value") for item in body["inputs"]
                  if item.get("id") == LOCATION}
        path = page_path(values.get("pathname"))
        names = urlstate.names_by_path().get(path, ())
        state = urlstate.parse_search(values.get("search"), names)
        return json.dumps(["router", path, urlstate.canonical_search(state, names)])
    return json.dumps(
        [body.get("output"), _read(body.get("inputs", [])), _read(body.get("state", []))],
        sort_keys=True, default=str, ensure_ascii=False,
    )


def _read(items: Any) -> Any:
    """What a callback reads of its inputs or state: each one's id, property and value (a
    pattern-matching ALL input is a list of them)."""
    if isinstance(items, list):
        return [_read(item) for item in items]
    if isinstance(items, dict):
        return [items.get("id"), items.get("property"), items.get("value")]
    return items


def install(server: flask.Flask) -> None:
    cache = ByteLRU(RESPONSE_CACHE_BYTES)

    @server.before_request
    def answer_from_cache() -> flask.Response | None:
        if flask.request.method != "POST" or flask.request.path != CALLBACK_PATH:
            return None
        body = flask.g.get("callback_body")  # checked by dashboard.guard
        store = server.config["SNAPSHOT_STORE"]
        snap = store.current()
        if snap is None or body is None:
            return None
        digest = hashlib.sha256(request_key(body).encode("utf-8", "replace")).hexdigest()
        # the day too: pages cite the date they were accessed
        key = (snap.version, store.state_stamp(), today(), digest)
        hit = cache.get(key)
        if hit is not None:
            payload, served = hit
            if served is not None:
                flask.g.served_version = served  # for the cache headers (dashboard.headers)
            return flask.Response(payload, status=200, mimetype="application/json")
        flask.g.response_cache_key = key
        return None

    @server.after_request
    def remember(response: flask.Response) -> flask.Response:
        key = flask.g.pop("response_cache_key", None)
        if flask.g.get("private"):
            return response
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            payload = response.get_data()
            cache.put(key, (payload, flask.g.get("served_version")), len(payload))
        return response

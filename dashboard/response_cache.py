"""A cache of callback responses, keyed by snapshot version, operational state and request body.

Every callback of this app is a pure function of its request body and the published snapshot
(plus, on the data page, the sources' state files): the same request against the same version
always gets the same answer. So the serialised answer is kept (most recently used first, bounded
in bytes) and served again without rebuilding or re-serialising a page. A new version or a
change in source state changes the key, so nothing stale is ever served.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import flask

CALLBACK_PATH = "/_dash-update-component"


class ResponseCache:
    def __init__(self, max_bytes: int = 32 * 1024 * 1024):
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return  # one huge answer must not flush everything else
        with self._lock:
            if key in self._items:
                return
            self._items[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self._size -= len(old)


def install(server: flask.Flask) -> None:
    cache = ResponseCache()

    @server.before_request
    def answer_from_cache() -> flask.Response | None:
        if flask.request.method != "POST" or flask.request.path != CALLBACK_PATH:
            return None
        store = server.config["SNAPSHOT_STORE"]
        snap = store.current()
        if snap is None:
            return None
        key = (snap.version, store.state_stamp(),
               hashlib.sha256(flask.request.get_data()).hexdigest())
        body = cache.get(key)
        if body is not None:
            return flask.Response(body, status=200, mimetype="application/json")
        flask.g.response_cache_key = key
        return None

    @server.after_request
    def remember(response: flask.Response) -> flask.Response:
        key = flask.g.pop("response_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data())
        return response

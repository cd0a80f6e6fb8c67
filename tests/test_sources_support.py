"""Shared helpers for the live-source tests (this module holds no tests itself).

`ScriptedServer` is a real HTTP server on 127.0.0.1 that answers each path with a scripted
sequence of responses, so the tests exercise the real requests/urllib3 stack: retries, read
timeouts, Retry-After and bodies cut off in transfer. Nothing leaves the machine.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from etl.sources.http import make_session

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(source: str, name: str) -> bytes:
    return (FIXTURES / source / name).read_bytes()


@dataclass
class Reply:
    """One scripted answer. `delay` stalls first; `cut` sends fewer bytes than promised."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    cut: bool = False


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class ScriptedServer:
    """Routes: path → list of replies, served in order; the last one repeats."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        self.hits: dict[str, int] = defaultdict(int)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (each test's teardown) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, path: str) -> Reply:
        replies = self.routes.get(path)
        if not replies:
            return Reply(
                404,
                b'{"statusCode": 404, "message": "Resource not found"}',
                {"Content-Type": "application/json"},
            )
        index = min(self.hits[path], len(replies) - 1)
        self.hits[path] += 1
        return replies[index]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server.seen.append(
                    Seen(
                        parts.path,
                        dict(parse_qsl(parts.query)),
                        {k: v for k, v in self.headers.items()},
                    )
                )
                reply = server._next(parts.path)
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    promised = len(reply.body) + (1000 if reply.cut else 0)
                    self.send_header("Content-Length", str(promised))
                    if reply.cut:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(reply.body)
                    self.wfile.flush()
                    if reply.cut:
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to do

            def log_message(self, *args: object) -> None:
                pass  # keep test output clean

        return Handler


class SleepRecorder:
    """Stands in for time.sleep in the retry loop: records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def fast_session(
    sleep: SleepRecorder | None = None, *, retries: int = 3, read_timeout: float = 2.0
):
    """The production session with a recorded sleep and short timeouts."""
    return make_session(
        retries=retries,
        backoff_factor=0.5,
        timeout=(1.0, read_timeout),
        sleep=sleep or SleepRecorder(),
    )

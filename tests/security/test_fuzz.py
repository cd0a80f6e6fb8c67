"""A bounded fuzz run over real HTTP on 127.0.0.1 (issue 13, "Also"): every page, every download
route and every callback the browser sends — its bodies built from the app's own callback map
and the values the pages really render — with hostile variants: repeated, unknown, huge,
unicode, null and broken-encoding parameters, traversal in paths and versions, malformed and
oversized bodies.

Every answer must be: no 5xx; no traceback or internal path; no input reflected unescaped in
HTML; nosniff on everything (so JSON is never sniffed as HTML). And no file may appear outside
the data folder. A fixed seed and a fixed number of requests (a few hundred) keep it bounded
and repeatable."""

from __future__ import annotations

import http.client
import json
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from werkzeug.serving import make_server

from dashboard.__main__ import QuietHandler
from dashboard.guard import MAX_BODY
from dashboard.pages import NAV
from tests.helpers import REPO, serialised_nodes
from tests.security.conftest import CALLBACK, ROUTER, callback_body, files_under, router_body

pytestmark = pytest.mark.timeout(600)

SEED = 13
MARKER = '<script>alert("x13")</script>'
PATHS = [path for _label, path in NAV]
HOSTILE_VALUES: list[Any] = [
    None, "", " ", "\x00", "%00", "x" * 20_000, "é" * 3000, "\u202e\ufeff\U0001f600",
    "../../../../etc/passwd", "..\\..\\windows", MARKER, "=1+1", 10**30, -1, 3.14, True,
    [], ["a", "b"], [[1, [2]]], {}, {"id": "x"}, [{"a": None}], "null", "NaN", "1e400",
]
HOSTILE_SEARCHES = [
    "?claim=a&claim=b", "?view=a&view=b&view=", "?" + "&".join(f"k{i}=v" for i in range(300)),
    "?q=" + "A" * 30_000, "?q=" + quote(MARKER), "?%00=%00&claim=%00",
    "?kind=%E0%A4%A&sort=%ZZ&order=%", "?start=%F0%9F%98%80&end=%C0%AF", "?x=%u0041&claim=%",
    "?v=../../../../outside/PWNED&claim=x", "?reporter=%2e%2e%2f%2e%2e%2f", "?=&&&=&",
    "?__proto__[a]=1&constructor=2", "?currency=" + quote("<b>bold</b>"),
]


@dataclass
class Served:
    host: str
    port: int


@pytest.fixture(scope="module")
def served(app) -> Iterator[Served]:
    server = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served("127.0.0.1", server.port)
    finally:
        server.shutdown()
        thread.join(timeout=5)


def send(served: Served, method: str, target: str, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly this request target (no client-side URL clean-up)."""
    connection = http.client.HTTPConnection(served.host, served.port, timeout=60)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in {"Accept": "*/*", **(headers or {})}.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def props_by_id(tree: Any) -> dict[str, dict[str, Any]]:
    """Every component's props in a serialised Dash layout, by id."""
    return {node["props"]["id"]: node["props"] for node in serialised_nodes(tree)
            if isinstance(node.get("props"), dict) and isinstance(node["props"].get("id"), str)}


def concrete(component_id: Any) -> Any:
    """A pattern-matching id (MATCH, ALL) as the browser sends it: one real component's id."""
    if not isinstance(component_id, dict):
        return component_id
    return {k: v if isinstance(v, str) else "fifth-largest-partner"
            for k, v in component_id.items()}


def browser_bodies(app, served: Served) -> list[dict[str, Any]]:
    """The body of every server callback as the browser sends it: ids from the callback map,
    values as the pages render them."""
    bodies = []
    rendered: dict[str, dict[str, Any]] = {}
    for path in PATHS:
        status, _, payload = send(served, "POST", CALLBACK, json.dumps(router_body(path, ""))
                                  .encode(), {"Content-Type": "application/json"})
        assert status == 200
        rendered.update(props_by_id(json.loads(payload)))
    for output, spec in app.callback_map.items():
        if "callback" not in spec or output == ROUTER:
            continue
        outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]

        def value(item: dict[str, str]) -> Any:
            if isinstance(item["id"], dict):  # a pattern-matching id (the article's charts)
                return 1
            return rendered.get(item["id"], {}).get(item["property"])

        bodies.append({
            "output": output,
            "outputs": [{"id": concrete(o.component_id), "property": o.component_property}
                        for o in outputs] if isinstance(spec["output"], list)
            else {"id": concrete(outputs[0].component_id),
                  "property": outputs[0].component_property},
            "inputs": [{**i, "id": concrete(i["id"]), "value": value(i)}
                       for i in spec["inputs"]],
            "state": [{**s, "id": concrete(s["id"]), "value": value(s)} for s in spec["state"]],
            "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
        })
    # explorer, partners, currencies, energy, data, article charts; /check's check, download
    # and share link
    assert len(bodies) == 9
    return bodies


def requests_to_send(app, served: Served, version: str, data_root: Path,
                     rng: random.Random) -> list[tuple[str, str, bytes | None]]:
    outside = "../../../outside/PWNED"
    json_post = "POST"
    plan: list[tuple[str, str, bytes | None]] = []
    for path in PATHS:  # pages as a browser opens them, then hostile variants
        plan.append(("GET", path, None))
        for search in rng.sample(HOSTILE_SEARCHES, 5):
            plan.append(("GET", path + search, None))
        for search in HOSTILE_SEARCHES:
            plan.append((json_post, CALLBACK, json.dumps(router_body(path, search)).encode()))
    for pathname in ["/nope", "//explorer//", "/explorer/../../etc", "/%00", "", "/" + "a" * 5000]:
        plan.append((json_post, CALLBACK, json.dumps(router_body(pathname, "?q=1")).encode()))
    for body in browser_bodies(app, served):  # every control callback
        plan.append((json_post, CALLBACK, json.dumps(body).encode()))
        for slot in range(len(body["inputs"])):
            for hostile in rng.sample(HOSTILE_VALUES, 2):
                fuzzed = json.loads(json.dumps(body))
                fuzzed["inputs"][slot]["value"] = hostile
                plan.append((json_post, CALLBACK, json.dumps(fuzzed).encode()))
        for state in [outside, "\x00", "a/b", "v" * 300, 42, {"v": version}, None,
                      "19990101T000000.000000Z-00000000"]:
            if not body["state"]:
                break
            fuzzed = json.loads(json.dumps(body))
            fuzzed["state"][-1]["value"] = state  # a page's version (for /check: its version)
            plan.append((json_post, CALLBACK, json.dumps(fuzzed).encode()))
    plan += check_requests(app, version)
    downloads = ["/download/table/claims.csv", "/download/table/observations.csv",
                 "/download/claim/fifth-largest-partner.csv",
                 "/download/claim/fifth-largest-partner.zip", "/download/explorer/trade.csv",
                 "/download/partners/ranking.zip", "/download/currencies/fx.csv",
                 "/download/energy/gas.csv", "/download/data/sources.csv"]
    for download in downloads:
        plan.append(("GET", f"{download}?v={version}", None))
        for value in [quote(outside, safe=""), "%00", "a/b", "x" * 300, "%ff%fe",
                      quote(MARKER)]:
            plan.append(("GET", f"{download}?v={value}", None))
        for search in rng.sample(HOSTILE_SEARCHES, 3):
            plan.append(("GET", download + search, None))
    for target in ["/download/table/..%2f..%2fmanifest.csv", "/download/claim/" + quote(MARKER)
                   + ".csv", "/download/../../etc/passwd", "/download/%00.csv",
                   "/download/explorer/" + "x" * 3000 + ".zip",
                   "/_dash-component-suites/dash/../../../etc/passwd",
                   "/_dash-component-suites/dash/%2e%2e/%2e%2e/etc/passwd",
                   "/_dash-component-suites/nope/x.js", "/assets/../../etc/passwd",
                   "/assets/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                   "/health?v=" + quote(outside), "/_dash-layout", "/_dash-dependencies",
                   "/" + quote(MARKER), "/explorer?" + quote(MARKER),
                   "/check?id=" + quote(MARKER), "/check?id=" + "a" * 64,
                   "/check?id=" + quote(outside, safe=""), "/check?id=%00" + "0" * 63]:
        plan.append(("GET", target, None))
    for raw in [b"", b"{", b"[]", b"null", b'"x"', b"\xff\xfe\x00", b'{"output": null}',
                json.dumps({"output": "_pages_dummy.children", "inputs": []}).encode(),
                json.dumps({"output": ROUTER, "inputs": None}).encode(),
                json.dumps({**router_body("/", ""), "state": {"a": 1}}).encode(),
                json.dumps(router_body("/", "?claim=" + "x" * (MAX_BODY + 10))).encode(),
                b'{"output": "' + b"a" * (MAX_BODY + 10) + b'"}']:
        plan.append((json_post, CALLBACK, raw))
    plan.append(("GET", CALLBACK, None))
    plan.append(("PUT", "/health", b"x"))
    return plan


def check_requests(app, version: str) -> list[tuple[str, str, bytes | None]]:
    """/check's callbacks with pasted text that is hostile, over the limit or not text at all,
    and a share link asked for such text."""
    run = next(o for o in app.callback_map if o.startswith("..check-results.children"))
    texts: list[Any] = [
        MARKER + " China's trade with Russia reached $244.8 billion in 2024.",
        '"><img src=x onerror=alert(1)> Russia is China\'s fifth-largest partner.',
        "</script><script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "\x00" * 100,
        "é" * 60_000,  # 120 KB of UTF-8: over the limit, under the request cap
        "<html><body><div></div></body></html>", 12, None, ["a"], {"text": "x"},
    ]
    plan = []
    for text in texts:
        value = json.dumps({"text": text, "as_of": "2025-05-07", "n": 1})
        plan.append(("POST", CALLBACK, json.dumps(callback_body(app, run, [value], []))
                     .encode()))
    for as_of in ["2025-13-45", MARKER, "9" * 300, 5]:
        value = json.dumps({"text": texts[0], "as_of": as_of, "n": 1})
        plan.append(("POST", CALLBACK, json.dumps(callback_body(app, run, [value], []))
                     .encode()))
    for value in ["{", "[]", "null", json.dumps({"text": "x" * (MAX_BODY + 10)})]:
        plan.append(("POST", CALLBACK, json.dumps(callback_body(app, run, [value], []))
                     .encode()))
    value = json.dumps({"text": texts[0], "as_of": "", "n": 1})
    for output in ("check-download.data", "check-share-link.children"):
        spec = app.callback_map[output]
        clicks = [1] + [None] * (len(spec["inputs"]) - 1)
        state = [value, version][: len(spec["state"])]
        body = callback_body(app, output, clicks, state)
        plan.append(("POST", CALLBACK, json.dumps(body).encode()))
        plan.append(("POST", CALLBACK, json.dumps({**body, "outputs": [body["outputs"]]})
                     .encode()))  # one output sent as a list of outputs
    return plan


def problems(method: str, target: str, status: int, headers: dict[str, str], body: bytes,
             secrets: list[bytes]) -> list[str]:
    where = f"{method} {target[:80]!r} -> {status}"
    found = []
    if status >= 500:
        found.append(f"{where}: server error {body[:200]!r}")
    for secret in [b"Traceback", b'File "', b"site-packages", *secrets]:
        if secret in body:
            found.append(f"{where}: the body shows {secret!r}")
    if headers.get("x-content-type-options") != "nosniff":
        found.append(f"{where}: no nosniff")
    if headers.get("content-type", "").startswith("text/html") and MARKER.encode() in body:
        found.append(f"{where}: input reflected unescaped in HTML")
    if "werkzeug" in headers.get("server", "").lower() or "python" in headers.get(
            "server", "").lower():
        found.append(f"{where}: Server header {headers['server']!r}")
    return found


def test_hostile_requests_get_no_server_error_no_leak_and_create_no_file(
    app, served, version, data_root, session_folder
):
    before = files_under(session_folder)
    plan = requests_to_send(app, served, version, data_root, random.Random(SEED))
    assert 250 <= len(plan) <= 600, len(plan)  # bounded: a few hundred requests
    secrets = [str(REPO).encode(), str(data_root).encode(), str(session_folder).encode()]
    found: list[str] = []
    statuses: dict[int, int] = {}
    for method, target, body in plan:
        status, headers, payload = send(served, method, target, body,
                                        {"Content-Type": "application/json"} if body else None)
        statuses[status] = statuses.get(status, 0) + 1
        found += problems(method, target, status, headers, payload, secrets)
    assert found == [], "\n".join(found[:20])
    assert statuses.get(200, 0) > len(plan) / 2  # most hostile input is answered, not refused
    assert {400, 413} <= set(statuses)

    created = files_under(session_folder) - before
    outside_data = sorted(p for p in created if not p.startswith("data"))
    assert outside_data == []
    locks = sorted(p for p in created if p.startswith("data/state/locks/"))
    assert all(Path(p).name.removesuffix(".lock") == version for p in locks)
    assert not list((session_folder / "outside").iterdir())

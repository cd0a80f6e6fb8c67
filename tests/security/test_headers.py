"""Security and cache headers on every response, from one place (dashboard/headers.py), and
nothing that tells the world more than it needs: no Python version in the page config, no Host
header echoed in the page, no server software in `Server` (issue 13, defects 11 and 14)."""

from __future__ import annotations

import json
import re
import threading

import requests
from werkzeug.serving import make_server

from dashboard.__main__ import QuietHandler
from tests.security.conftest import callback_body, page_callbacks, post, router_body

RESPONSES = ["/", "/explorer?currency=CNY", "/health", "/download/table/sources.csv",
             "/download/nowhere.csv", "/assets/style.css"]


def csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def test_every_response_carries_the_security_headers(client):
    for url in RESPONSES:
        response = client.get(url)
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert csp(response)["frame-ancestors"] == ["'self'"], url
    assert post(client, {"bad": 1}).headers["X-Content-Type-Options"] == "nosniff"


def test_the_policy_allows_scripts_only_from_the_site_and_dashs_own_inline_scripts(app, client):
    policy = csp(client.get("/"))
    assert policy["script-src"] == ["'self'", *app.csp_hashes()]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]


def test_every_inline_script_of_the_page_is_allowed_by_a_hash(app, client):
    page = client.get("/explorer").get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                        page, flags=re.S)
    inline = [s for s in inline if "alert(" not in s]  # inside an IE-only HTML comment
    assert inline, "expected Dash's inline scripts"
    import base64
    import hashlib

    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
              for s in inline}
    assert hashes <= set(csp(client.get("/"))["script-src"])


def test_a_download_pinned_to_its_version_may_be_cached_for_ever(client, version):
    response = client.get(f"/download/table/sources.csv?v={version}")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Snapshot-Version"] == version


def test_a_download_of_the_current_version_is_cached_briefly_and_revalidates(client, version):
    response = client.get("/download/table/sources.csv")
    assert response.headers["Cache-Control"] == "public, max-age=3600"  # the app's check_every
    assert response.headers["ETag"] == f'"{version}"'
    again = client.get("/download/table/sources.csv", headers={"If-None-Match": f'"{version}"'})
    assert again.status_code == 304 and again.data == b""


def test_callbacks_are_keyed_to_the_version_they_draw_from(app, client, version):
    output = page_callbacks(app)["energy"]
    pinned = post(client, callback_body(app, output, ["value", "2019", "2024"], [version]))
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert pinned.headers["X-Snapshot-Version"] == version
    page = post(client, router_body("/energy", ""))
    assert page.headers["Cache-Control"] == "public, max-age=3600"
    assert page.headers["X-Snapshot-Version"] == version


def test_errors_and_health_are_never_stored(client):
    assert client.get("/health").headers["Cache-Control"] == "no-store"
    assert client.get("/download/table/nothing.csv").headers["Cache-Control"] == "no-store"


def test_the_page_config_does_not_give_the_python_version(client):
    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'id="_dash-config"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert "python_version" not in config
    assert "Python" not in page and "GCC" not in page


def test_the_page_does_not_echo_the_host_header(client):
    page = client.get("/explorer", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in page
    assert "twitter:url" not in page


def test_the_development_server_does_not_name_its_software(app):
    server = make_server("127.0.0.1", 0, app.server, threaded=True,
                         request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        response = requests.get(f"http://127.0.0.1:{server.port}/health", timeout=10)
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert response.status_code == 200
    assert "Werkzeug" not in response.headers["Server"]
    assert "Python" not in response.headers["Server"]

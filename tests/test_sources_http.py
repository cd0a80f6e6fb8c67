"""The shared HTTP layer: timeouts, bounded retries with backoff, Retry-After, typed errors."""

from __future__ import annotations

import logging

import pytest
import requests

from etl.errors import AuthError, NotFoundError, ProviderError, RateLimitedError
from etl.sources import http
from etl.sources.base import RequestSpec
from tests.test_sources_support import Reply, ScriptedServer, SleepRecorder, fast_session, fixture

SECRET = "k3y-that-must-never-leak-0123456789"


@pytest.fixture
def server():
    with ScriptedServer() as running:
        yield running


def spec_for(server: ScriptedServer, path: str = "/data", **kw) -> RequestSpec:
    return RequestSpec(
        source_id="test",
        label="test request",
        url=server.url + path,
        params={"period": "2023"},
        **kw,
    )


def get(spec: RequestSpec, session: requests.Session):
    return http.fetch(
        spec, session, publisher="Test publisher", licence="CC0", accept="application/json"
    )


def test_a_500_then_a_200_is_retried_and_returns_the_second_body(server):
    server.route("/data", Reply(500, b"oops"), Reply(200, b'{"ok": true}'))
    sleep = SleepRecorder()

    raw = get(spec_for(server), fast_session(sleep))

    assert raw.body == b'{"ok": true}'
    assert server.hits["/data"] == 2
    assert raw.meta["http_status"] == 200


def test_backoff_grows_exponentially_between_attempts(server):
    server.route("/data", Reply(503), Reply(503), Reply(503), Reply(200, b"{}"))
    sleep = SleepRecorder()

    get(spec_for(server), fast_session(sleep))

    assert sleep.waits == [1.0, 2.0]  # urllib3: no wait before the 1st retry, then 0.5·2^n


def test_a_429_with_retry_after_waits_as_long_as_the_server_asks(server):
    server.route(
        "/data",
        Reply(429, fixture("comtrade", "error_429_rate_limit.json"), {"Retry-After": "7"}),
        Reply(200, b"{}"),
    )
    sleep = SleepRecorder()

    get(spec_for(server), fast_session(sleep))

    assert sleep.waits == [7]
    assert server.hits["/data"] == 2


def test_a_huge_retry_after_is_capped_so_a_refresh_cannot_stall():
    session = http.make_session(retry_after_max=30)
    retry = session.get_adapter("https://example.org").max_retries

    assert retry.parse_retry_after("3600") == 30


def test_a_read_timeout_then_success_is_retried(server):
    server.route("/data", Reply(200, b'{"late": true}', delay=0.6), Reply(200, b'{"ok": 1}'))

    raw = get(spec_for(server), fast_session(read_timeout=0.2))

    assert raw.body == b'{"ok": 1}'


def test_timeouts_on_every_attempt_end_in_a_provider_error(server):
    server.route("/data", Reply(200, b"{}", delay=0.5))

    with pytest.raises(ProviderError) as caught:
        get(spec_for(server), fast_session(retries=1, read_timeout=0.1))

    assert "test request" in str(caught.value)


def test_persistent_503_gives_up_after_the_bounded_number_of_retries(server):
    server.route("/data", Reply(503, b"<html><title>Service Unavailable</title></html>"))

    with pytest.raises(ProviderError) as caught:
        get(spec_for(server), fast_session(retries=2))

    assert server.hits["/data"] == 3  # the first attempt and two retries
    assert "HTTP 503" in str(caught.value)
    assert "Service Unavailable" in str(caught.value)


def test_a_404_is_not_retried_and_raises_not_found(server):
    server.route("/data", Reply(404, b'{"message": "no such dataflow"}'))

    with pytest.raises(NotFoundError) as caught:
        get(spec_for(server), fast_session())

    assert server.hits["/data"] == 1
    assert "no such dataflow" in str(caught.value)


def test_a_400_is_not_retried(server):
    server.route("/data", Reply(400, b'{"message": "Invalid period"}'))

    with pytest.raises(ProviderError, match="refused the request"):
        get(spec_for(server), fast_session())

    assert server.hits["/data"] == 1


@pytest.mark.parametrize("name", ["error_401_missing_key.json", "error_401_invalid_key.json"])
def test_a_refused_key_raises_auth_error_without_the_key(server, name):
    server.route("/data", Reply(401, fixture("comtrade", name)))
    spec = spec_for(server, secret_headers={"Ocp-Apim-Subscription-Key": SECRET})

    with pytest.raises(AuthError) as caught:
        http.fetch(
            spec,
            fast_session(),
            publisher="p",
            licence="l",
            accept="*/*",
            auth_hint="Set COMTRADE_API_KEY.",
        )

    assert "subscription key" in str(caught.value)
    assert "Set COMTRADE_API_KEY" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert server.hits["/data"] == 1


def test_a_403_saying_quota_is_a_rate_limit_not_a_bad_key(server):
    server.route("/data", Reply(403, fixture("comtrade", "error_403_quota.json")))

    with pytest.raises(RateLimitedError, match="Out of call volume quota"):
        get(spec_for(server), fast_session())


def test_the_key_travels_in_a_header_and_never_in_the_url_metadata_or_logs(server, caplog):
    server.route("/data", Reply(200, b"{}"))
    spec = spec_for(server, secret_headers={"Ocp-Apim-Subscription-Key": SECRET})
    caplog.set_level(logging.DEBUG)

    raw = get(spec, fast_session())

    assert server.seen[0].headers["Ocp-Apim-Subscription-Key"] == SECRET
    assert SECRET not in str(raw.meta)
    assert SECRET not in caplog.text
    assert SECRET not in repr(spec)


def test_a_body_cut_off_in_transfer_raises_provider_error(server):
    server.route("/data", Reply(200, b'{"count": 10, "data": [', cut=True))

    with pytest.raises(ProviderError, match="cut off"):
        get(spec_for(server), fast_session(retries=0))


def test_an_unreachable_host_raises_provider_error_after_retries():
    spec = RequestSpec(source_id="test", label="dead port", url="http://127.0.0.1:9/none")

    with pytest.raises(ProviderError, match="could not reach"):
        get(spec, fast_session(retries=1))


def test_every_request_gets_a_timeout_even_through_a_plain_session(server, monkeypatch):
    server.route("/data", Reply(200, b"{}"))
    seen = {}
    original = requests.Session.request

    def spy(self, method, url, **kwargs):
        seen["timeout"] = kwargs.get("timeout")
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", spy)
    get(spec_for(server), requests.Session())

    assert seen["timeout"] == http.DEFAULT_TIMEOUT


def test_metadata_records_what_was_asked_and_what_came_back(server):
    server.route("/data", Reply(200, b'{"x": 1}', {"Content-Type": "application/json"}))

    meta = get(spec_for(server), fast_session()).meta

    assert meta["url"] == server.url + "/data?period=2023"
    assert meta["params"] == {"period": "2023"}
    assert meta["bytes"] == 8
    assert meta["sha256"] == http.sha256(b'{"x": 1}')
    assert meta["content_type"] == "application/json"
    assert meta["publisher"] == "Test publisher" and meta["licence"] == "CC0"
    assert meta["fetched_at"].endswith("Z")


def test_redact_url_masks_credential_query_parameters():
    url = "https://x.org/a?period=2023&subscription-key=abc&token=t"

    assert http.redact_url(url) == "https://x.org/a?period=2023&subscription-key=***&token=***"

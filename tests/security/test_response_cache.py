"""The response cache keys a callback on the request as the callback reads it, so unknown query
parameters, repeats and other noise cannot make a request look new and force a full render
(issue 13, defect 10)."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.security.conftest import ROUTER, callback_body, page_callbacks, post, router_body


@pytest.fixture
def counting(data_root, monkeypatch):
    """A fresh app (empty caches) whose callbacks count how often they really run."""
    app = create_app(data_root, check_every=3600, build_if_missing=False)
    client = app.server.test_client()
    client.get("/")
    runs: dict[str, int] = {}
    for output, spec in app.callback_map.items():
        if "callback" not in spec:
            continue

        def counted(*args, _run=spec["callback"], _output=output, **kwargs):
            runs[_output] = runs.get(_output, 0) + 1
            return _run(*args, **kwargs)

        monkeypatch.setitem(spec, "callback", counted)
    return app, client, runs


def test_unknown_query_parameters_on_the_article_page_are_answered_from_the_cache(counting):
    _app, client, runs = counting
    searches = ["?claim=fifth-largest-partner"] + [
        f"?claim=fifth-largest-partner&utm_source=x{i}&fbclid={i}" for i in range(20)
    ] + ["?utm=1&claim=fifth-largest-partner", "?claim=x&claim=fifth-largest-partner"]
    bodies = [post(client, router_body("/", s)).data for s in searches]
    assert runs[ROUTER] == 1
    assert len(set(bodies)) == 1


def test_unknown_paths_share_one_not_found_answer(counting):
    _app, client, runs = counting
    for i in range(10):
        assert post(client, router_body(f"/no-such-page-{i}", f"?x={i}")).status_code == 200
    assert runs[ROUTER] == 1


def test_the_same_state_spelled_differently_is_one_entry(counting):
    _app, client, runs = counting
    for search in ["?currency=CNY&view=trade", "?view=trade&currency=CNY",
                   "?currency=USD&currency=CNY&view=trade&view=trade", "?view=trade&currency=CNY&"]:
        post(client, router_body("/explorer", search))
    assert runs[ROUTER] == 1


def test_extra_fields_in_a_control_callback_body_do_not_bypass_the_cache(counting, version):
    app, client, runs = counting
    output = page_callbacks(app)["energy"]
    body = callback_body(app, output, ["value", "2019", "2024"], [version])
    for i in range(10):
        noisy = {**body, f"padding{i}": "x" * i, "changedPropIds": ["energy-start.value"]}
        assert post(client, noisy).status_code == 200
    assert runs[output] == 1


def test_a_different_state_is_still_a_different_answer(counting):
    _app, client, runs = counting
    usd = post(client, router_body("/explorer", "?currency=USD")).data
    cny = post(client, router_body("/explorer", "?currency=CNY")).data
    assert usd != cny and runs[ROUTER] == 2

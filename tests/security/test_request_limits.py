"""Bodies are capped, malformed requests are 400s and never 500s, and nothing unbounded is
echoed back (issue 13, defects 12 and 13)."""

from __future__ import annotations

import json

import pytest

from dashboard.guard import MAX_BODY
from tests.security.conftest import callback_body, page_callbacks, post, router_body


def test_a_body_over_the_limit_is_refused_with_a_short_413(client):
    body = router_body("/", "?claim=" + "x" * (MAX_BODY + 1))
    response = post(client, body)
    assert response.status_code == 413
    assert len(response.data) < 500
    assert b"at most 512 KB" in response.data


def test_a_body_of_a_hundred_kilobytes_is_accepted(client):
    plain = post(client, router_body("/", ""))
    response = post(client, router_body("/", "?claim=" + "y" * 100_000))
    assert response.status_code == 200
    assert len(response.data) < len(plain.data) + 1_000  # the value is not echoed back
    assert b"y" * 100 not in response.data


def test_a_huge_control_value_is_not_echoed_back(app, client, version):
    output = page_callbacks(app)["data"]
    response = post(client, callback_body(app, output, ["z" * 400_000, "", "", ""], [version]))
    assert response.status_code == 200
    assert len(response.data) < 400_000 and b"z" * 300 not in response.data


MALFORMED = {
    "not json": b"{{{{",
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"output"',
    "no output": json.dumps({"inputs": []}).encode(),
    "an unknown output": json.dumps({"output": "nope.children", "outputs": {"id": "nope",
                                     "property": "children"}, "inputs": []}).encode(),
    "a clientside output": json.dumps({"output": "_pages_dummy.children", "inputs": []}).encode(),
    "output not a string": json.dumps({"output": ["x"], "inputs": []}).encode(),
    "inputs not a list": json.dumps({**router_body("/", ""), "inputs": "x"}).encode(),
    "missing inputs": json.dumps({**router_body("/", ""), "inputs": []}).encode(),
    "wrong input id": json.dumps({**router_body("/", ""), "inputs": [
        {"id": "x", "property": "pathname", "value": "/"},
        {"id": "_pages_location", "property": "search", "value": ""}]}).encode(),
    "pathname not text": json.dumps({**router_body("/", ""), "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": {"a": 1}},
        {"id": "_pages_location", "property": "search", "value": ""}]}).encode(),
    "outputs missing": json.dumps({**router_body("/", ""), "outputs": []}).encode(),
    "outputs wrong": json.dumps({**router_body("/", ""), "outputs": [{"id": "a"}, 3]}).encode(),
    "changedPropIds wrong": json.dumps({**router_body("/", ""), "changedPropIds": 7}).encode(),
    "state for a stateless callback": json.dumps({**router_body("/", ""),
                                                  "state": [{"id": "x"}]}).encode(),
}


@pytest.mark.parametrize("raw", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_callback_body_is_a_400_that_says_what_is_wrong(client, raw):
    response = post(client, None, raw=raw)
    assert response.status_code == 400, response.data[:300]
    assert b"Bad callback request" in response.data or b"Bad Request" in response.data
    assert b"Traceback" not in response.data


def test_a_control_callback_with_the_wrong_number_of_values_is_a_400(app, client, version):
    output = page_callbacks(app)["energy"]
    body = callback_body(app, output, ["value", "2019", "2024"], [version])
    body["inputs"] = body["inputs"][:2]
    assert post(client, body).status_code == 400


def test_a_list_of_outputs_for_a_one_output_callback_is_a_400(app, client, version):
    body = callback_body(app, "check-download.data", [1, None, None], ["", version])
    assert post(client, body).status_code == 200  # as the browser sends it: one output
    body["outputs"] = [body["outputs"]]  # Dash would take it for a multi-output answer
    response = post(client, body)
    assert response.status_code == 400
    assert b"'outputs' does not match" in response.data


def test_the_router_body_the_browser_sends_still_works(client):
    response = post(client, router_body("/energy", "?measure=twh"))
    assert response.status_code == 200
    assert response.get_json()["response"]["_pages_store"]["data"]["title"].startswith("Energy")


@pytest.mark.parametrize("path", [
    "/_dash-component-suites/dash/../../../etc/passwd",
    "/_dash-component-suites/dash/..%2f..%2f..%2fetc%2fpasswd",
    "/_dash-component-suites/dash/deps/..\\..\\x.js",
    "/_dash-component-suites/../../etc/passwd",
])
def test_a_traversal_under_the_component_suites_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404), response.status_code
    assert b"root:" not in response.data and b"Traceback" not in response.data


def test_the_first_traversal_the_probe_found_is_exactly_a_400(client):
    assert client.get("/_dash-component-suites/dash/../../../etc/passwd").status_code == 400


def test_an_unknown_component_file_is_a_404(client):
    response = client.get("/_dash-component-suites/dash/deps/nothing-here.v4_4_1m1.js")
    assert response.status_code == 404

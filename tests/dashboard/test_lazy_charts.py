"""The article's charts below the fold are drawn when scrolled to, several in one answer: one
request draws the charts that are in view and not drawn yet (a few at most, the topmost first;
the page asks again for the rest), and nothing else. The answer
depends only on what the request says (cached answers are right for everyone), and a request
whose lists are not the page's own is refused with a 400, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dashboard.components.claims import LAZY_SLOT, SEEN
from dashboard.pages.article import MAX_CHARTS_PER_ANSWER, VERSION_STORE, seen_and_waiting

CALLBACK = "/_dash-update-component"


def output_id(app) -> str:
    [output] = [o for o in app.callback_map if LAZY_SLOT in o and ".children" in o]
    return output


def body(app, claims: list[str], seen: set[str], drawn: set[str], version: str
         ) -> dict[str, Any]:
    """What the article page sends for its slots of `claims`: the stores of those in `seen`
    set, the slots of those in `drawn` no longer lazy."""
    def slot(prop: str, claim: str) -> dict[str, Any]:
        return {"id": {"claim": claim, "type": LAZY_SLOT}, "property": prop}

    return {
        "output": output_id(app),
        "outputs": [[slot(p, c) for c in claims] for p in ("children", "className", "style")],
        "inputs": [[{"id": {"claim": c, "type": SEEN}, "property": "data",
                     "value": 1 if c in seen else None} for c in claims]],
        "changedPropIds": [json.dumps({"claim": c, "type": SEEN}) + ".data" for c in seen],
        "state": [
            [{**slot("className", c), "value": "chart-slot" if c in drawn else "chart-slot lazy"}
             for c in claims],
            {"id": VERSION_STORE, "property": "data", "value": version},
        ],
    }


def post(client, payload: Any):
    return client.post(CALLBACK, data=json.dumps(payload), content_type="application/json")


@pytest.fixture
def charted(bundled_snapshot) -> list[str]:
    """Claims of the bundled article that draw a chart."""
    claims = [c for c in bundled_snapshot.tables["claims"]["claim_id"]
              if bundled_snapshot.views.claim_kind(c) != "none"]
    assert len(claims) >= 4
    return claims


def test_one_answer_draws_every_chart_in_view_that_is_not_drawn_yet(
    bundled_app, client, bundled_snapshot, charted
):
    first, second, third, *_ = charted
    payload = body(bundled_app, charted, seen={first, second, third}, drawn={third},
                   version=bundled_snapshot.version)
    response = post(client, payload)
    assert response.status_code == 200, response.data[:300]
    answered = response.get_json()["response"]
    drawn = {json.loads(key)["claim"] for key in answered}
    assert drawn == {first, second}  # the third was drawn already; the rest not in view
    for key, props in answered.items():
        assert props["className"] == "chart-slot"  # no longer lazy
        assert "\"figure\"" in json.dumps(props)  # the chart itself
        assert json.loads(key)["claim"] in drawn


def test_the_same_request_gets_the_same_answer_from_any_visitor(
    bundled_app, bundled_snapshot, charted
):
    payload = body(bundled_app, charted, seen=set(charted[:2]), drawn=set(),
                   version=bundled_snapshot.version)
    answers = [post(bundled_app.server.test_client(), payload).get_json() for _ in range(2)]
    assert answers[0] == answers[1]


def test_the_chosen_charts_are_those_in_view_and_still_lazy():
    def item(claim: Any, value: Any) -> dict[str, Any]:
        return {"id": {"claim": claim}, "value": value}

    seen = [item("a", 1), item("b", 1), item("c", None), item(7, 1)]
    slots = [item("a", "chart-slot lazy"), item("b", "chart-slot"), item("c", "chart-slot lazy"),
             item(7, "chart-slot lazy")]
    assert seen_and_waiting(seen, slots) == ["a"]


def test_an_answer_draws_a_few_charts_at_most_the_topmost_first():
    claims = [f"claim-{i}" for i in range(MAX_CHARTS_PER_ANSWER + 3)]
    seen = [{"id": {"claim": c}, "value": 1} for c in reversed(claims)]  # any order
    slots = [{"id": {"claim": c}, "value": "chart-slot lazy"} for c in claims]  # page order
    assert seen_and_waiting(seen, slots) == claims[:MAX_CHARTS_PER_ANSWER]
    # once those are drawn, the next request gets the rest
    for slot in slots[:MAX_CHARTS_PER_ANSWER]:
        slot["value"] = "chart-slot"
    assert seen_and_waiting(seen, slots) == claims[MAX_CHARTS_PER_ANSWER:]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda b: b["inputs"].__setitem__(0, "not a list"),
        lambda b: b["inputs"].__setitem__(0, ["not an input"]),
        lambda b: b["inputs"][0].append({"id": {"claim": "x", "type": "other"},
                                         "property": "data", "value": 1}),
        lambda b: b["state"].__setitem__(0, {"id": "x", "property": "className"}),
        lambda b: b["outputs"][0].append("not an output"),
    ],
    ids=["input not a list", "junk in the list", "another pattern", "state not a list",
         "junk output"],
)
def test_lists_that_are_not_the_pages_own_are_refused(
    bundled_app, client, bundled_snapshot, charted, spoil
):
    payload = body(bundled_app, charted, seen=set(charted[:1]), drawn=set(),
                   version=bundled_snapshot.version)
    spoil(payload)
    response = post(client, payload)
    assert response.status_code == 400, response.data[:300]

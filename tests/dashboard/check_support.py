"""Helpers of the /check tests (no tests here): the callback requests the page's browser sends,
built from the app's own callback map, and readers of their answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import REPO, serialised_nodes

CALLBACK = "/_dash-update-component"
RUN = ("..check-results.children...check-problem.children...check-version.value..."
       "check-actions.hidden...check-share-link.children..")
DOWNLOAD = "check-download.data"
SHARE = "check-share-link.children"
ARTICLE = REPO / "data" / "evaluation" / "annual-2024.txt"
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
           "</script><script>alert(2)</script>", "=HYPERLINK(\"http://example.invalid\")"]


def article_text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def request(text: Any, as_of: Any = "", n: int = 1) -> str:
    """What the page's `check-request` holds once Check is pressed (assets/check.js)."""
    return json.dumps({"text": text, "as_of": as_of, "n": n})


def body(app, output: str, inputs: list[Any], state: list[Any] = (),
         changed: int = 0) -> dict[str, Any]:
    spec = app.callback_map[output]
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    declared = spec["inputs"]
    return {
        "output": output,
        "outputs": [{"id": o.component_id, "property": o.component_property} for o in outputs]
        if len(outputs) > 1 else {"id": outputs[0].component_id,
                                  "property": outputs[0].component_property},
        "inputs": [{**i, "value": v} for i, v in zip(declared, inputs, strict=True)],
        "state": [{**s, "value": v} for s, v in zip(spec["state"], state, strict=True)],
        "changedPropIds": [f"{declared[changed]['id']}.{declared[changed]['property']}"],
    }


def post(client, payload: dict[str, Any]):
    return client.post(CALLBACK, data=json.dumps(payload), content_type="application/json",
                       headers={"Accept": "application/json"})


def run_check(app, client, data: Any):
    """The results callback's answer for this request store: (response, its parts by id)."""
    response = post(client, body(app, RUN, [data]))
    parts = response.get_json()["response"] if response.status_code == 200 else {}
    return response, parts


def download(app, client, which: str, data: Any, version: str) -> dict[str, Any] | None:
    """The file a download button gives: {"content", "filename", "type"} (None: nothing)."""
    names = ["csv", "json", "jsonld"]
    clicks = [1 if n == which else None for n in names]
    payload = body(app, DOWNLOAD, clicks, [data, version], changed=names.index(which))
    response = post(client, payload)
    assert response.status_code in (200, 204), response.data[:300]
    answer = response.get_json()["response"] if response.status_code == 200 else {}
    return answer["check-download"]["data"] if "check-download" in answer else None


def share(app, client, data: Any):
    return post(client, body(app, SHARE, [1], [data]))


def components(tree: Any, kind: str | None = None) -> list[dict[str, Any]]:
    """Every serialised component (dicts with "type" and "props") in a callback answer."""
    return [node for node in serialised_nodes(tree) if "type" in node and "props" in node
            and (kind is None or node["type"] == kind)]


def with_class(tree: Any, css: str) -> list[dict[str, Any]]:
    return [c for c in components(tree)
            if css in str(c["props"].get("className", "")).split()]


def strings(tree: Any) -> list[str]:
    """Every text child in a serialised component tree."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            children = node.get("props", {}).get("children") if "props" in node else None
            if "props" in node:
                walk(children)
            else:
                for value in node.values():
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


def shared_folder(root: Path) -> Path:
    return root / "state" / "checks"

"""Requests refused before they reach Dash, each with a short, specific HTTP 4xx answer:

- a body over MAX_BODY bytes (413): the largest body any page sends is well under it (the
  coming article-check page posts about 100 KB of text);
- a callback body that is not what one of this app's own callbacks takes (400): not a JSON
  object, an output no callback has, inputs or state that are not the callback's (Dash would
  answer those with a 500);
- a path under /_dash-component-suites/ with '..', a backslash or a NUL in it (400), and a file
  there that no component registered (404).

A callback body that passes is kept on `flask.g.callback_body`, so the response cache does not
parse it again.
"""

from __future__ import annotations

import json
from typing import Any

import dash
import flask
from dash.dependencies import Wildcard
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

CALLBACK_PATH = "/_dash-update-component"
SUITES_PATH = "/_dash-component-suites/"
MAX_BODY = 512 * 1024
LOCATION = "_pages_location"  # the page router's dcc.Location: its values must be text


def same_id(sent: Any, declared: Any) -> bool:
    """Whether a component id sent fits a declared one: equal, or for a pattern-matching id (a
    dict with wildcards such as MATCH) a dict with the same keys, equal where not a wildcard."""
    if not isinstance(declared, dict):
        return sent == declared
    if not isinstance(sent, dict) or set(sent) != set(declared):
        return False
    return all(isinstance(want, Wildcard) or sent[key] == want
               for key, want in declared.items())


def callback_problem(body: Any, callback_map: dict[str, dict[str, Any]]) -> str | None:
    """What is wrong with a callback request body, or None if it fits a server callback of the
    app (its output, then each input and state in the order the callback declares them)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        return "no callback of this app has that output"
    for part in ("inputs", "state"):
        sent, declared = body.get(part, []), spec[part]
        if not isinstance(sent, list) or len(sent) != len(declared):
            return f"'{part}' must list the callback's {len(declared)} {part}"
        for item, want in zip(sent, declared, strict=True):
            if not fits_input(item, want):
                return f"'{part}' does not match the callback's {part}"
            if (isinstance(item, dict) and item.get("id") == LOCATION
                    and not isinstance(item.get("value"), str | None)):
                return f"{LOCATION}.{item.get('property')} must be text"
    outputs = body.get("outputs")
    many = isinstance(spec["output"], list)
    declared_outputs = spec["output"] if many else [spec["output"]]
    sent_outputs = outputs if isinstance(outputs, list) else [outputs]
    # a list for a one-output callback would be taken for a multi-output answer (a 500)
    if isinstance(outputs, list) != many or len(sent_outputs) != len(declared_outputs) or not all(
        fits_output(o, d) for o, d in zip(sent_outputs, declared_outputs, strict=True)
    ):
        return "'outputs' does not match the callback's outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def fits_input(sent: Any, declared: dict[str, Any]) -> bool:
    """Whether an input (or state) sent fits a declared one: the same id and property; for a
    pattern-matching id (declared as JSON), an id with the same keys, equal where not a
    wildcard, and for an ALL or ALLSMALLER pattern a list of such inputs."""
    ident, prop = declared["id"], declared["property"]
    if not str(ident).startswith("{"):
        return isinstance(sent, dict) and (sent.get("id"), sent.get("property")) == (ident, prop)
    pattern = json.loads(ident)
    if any(value in (["ALL"], ["ALLSMALLER"]) for value in pattern.values()):
        return isinstance(sent, list) and all(_fits_pattern(i, pattern, prop) for i in sent)
    return _fits_pattern(sent, pattern, prop)


def _fits_pattern(sent: Any, pattern: dict[str, Any], prop: str) -> bool:
    if not isinstance(sent, dict) or sent.get("property") != prop:
        return False
    ident = sent.get("id")
    return isinstance(ident, dict) and set(ident) == set(pattern) and all(
        isinstance(want, list) or ident[key] == want for key, want in pattern.items())


def fits_output(sent: Any, declared: Any) -> bool:
    """Whether an output sent fits a declared one; an ALL output is a list of them."""
    if isinstance(sent, list) and _has_all(declared.component_id):
        return all(fits_output(item, declared) for item in sent)
    return (isinstance(sent, dict) and sent.get("property") == declared.component_property
            and same_id(sent.get("id"), declared.component_id))


def _has_all(component_id: Any) -> bool:
    return isinstance(component_id, dict) and any(
        isinstance(v, Wildcard) and str(v) == "ALL" for v in component_id.values())


def suites_path_problem(path: str) -> str | None:
    parts = path[len(SUITES_PATH):].split("/")
    if ".." in parts or "\\" in path or "\x00" in path:
        return "a component file path may not climb out of its package"
    return None


def install(app: dash.Dash) -> None:
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY

    @server.before_request
    def refuse_bad_requests() -> None:
        request = flask.request
        if request.path.startswith(SUITES_PATH):
            problem = suites_path_problem(request.path)
            if problem:
                flask.abort(400, description=f"Bad request: {problem}.")
            return
        if request.path != CALLBACK_PATH or request.method != "POST":
            return
        body = request.get_json(silent=True)  # a body over MAX_BODY raises 413 here
        problem = callback_problem(body, app.callback_map)
        if problem:
            flask.abort(400, description=f"Bad callback request: {problem}. Reload the page.")
        flask.g.callback_body = body

    @server.errorhandler(413)
    def too_large(_error: Exception) -> Any:
        from dashboard.routes import friendly_error

        return friendly_error(RequestEntityTooLarge(
            f"The request is too large: at most {MAX_BODY // 1024} KB is accepted."))

    @server.errorhandler(dash.exceptions.DependencyException)
    def unknown_component_file(_error: Exception) -> Any:
        return server.handle_http_exception(NotFound("No such component file."))

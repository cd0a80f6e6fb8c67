"""Fixtures of the security tests: the app over a private copy of the bundled data, published
once per session, and helpers that send what a browser or a hostile client sends.

The data folder sits inside a session folder with a sibling `outside/` folder: requests try to
make files there (traversal), and tests check that nothing appears in it or anywhere else
outside the data folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.app import create_app
from tests.dashboard.support import copy_data, offline_refresh

CALLBACK = "/_dash-update-component"
ROUTER = ".._pages_content.children..._pages_store.data.."


@pytest.fixture(scope="session")
def session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("security")
    (folder / "outside").mkdir()
    copy_data(folder / "data")
    offline_refresh(folder / "data")
    return folder


@pytest.fixture(scope="session")
def data_root(session_folder: Path) -> Path:
    return session_folder / "data"


@pytest.fixture(scope="session")
def app(data_root: Path):
    app = create_app(data_root, check_every=3600, build_if_missing=False)
    app.server.test_client().get("/")  # Dash registers the page router on the first request
    return app


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="session")
def version(app) -> str:
    return app.server.config["SNAPSHOT_STORE"].current().version


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def no_new_files_outside(session_folder: Path) -> Iterator[None]:
    """Fails the test if a file appears next to the data folder or in /tmp during it."""
    before_outside = files_under(session_folder)
    before_tmp = {p.name for p in Path("/tmp").iterdir()}
    yield
    created = {p for p in files_under(session_folder) - before_outside if not p.startswith("data")}
    assert created == set(), f"files created outside the data folder: {sorted(created)}"
    leaked = {n for n in {p.name for p in Path("/tmp").iterdir()} - before_tmp if "PWNED" in n}
    assert leaked == set(), f"files created in /tmp: {sorted(leaked)}"


def router_body(pathname: str, search: str) -> dict[str, Any]:
    """The body the browser sends when it opens `pathname + search` (Dash's page router)."""
    return {
        "output": ROUTER,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
        "state": [],
    }


def callback_body(app, output: str, values: list[Any], state: list[Any]) -> dict[str, Any]:
    """A body for one of the app's own callbacks (from its callback map), with these values."""
    spec = app.callback_map[output]
    outputs = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    sent = [{"id": o.component_id, "property": o.component_property} for o in outputs]
    return {
        "output": output,
        # as the browser sends them: a list for a multi-output callback, else the one output
        "outputs": sent if isinstance(spec["output"], list) else sent[0],
        "inputs": [{**i, "value": v} for i, v in zip(spec["inputs"], values, strict=True)],
        "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"],
        "state": [{**s, "value": v} for s, v in zip(spec["state"], state, strict=True)],
    }


def post(client, body: Any, raw: bytes | None = None):
    data = raw if raw is not None else json.dumps(body)
    return client.post(CALLBACK, data=data, content_type="application/json",
                       headers={"Accept": "application/json"})


def page_callbacks(app) -> dict[str, str]:
    """page name -> the output id of its one control callback (dashboard.pagekit)."""
    return {output.split(".")[2].split("-")[0]: output for output in app.callback_map
            if output.endswith("..") and "-results.children" in output}

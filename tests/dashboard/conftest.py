"""Fixtures of the dashboard tests: two published snapshots, built once per session.

- `bundled_root`: the committed data only, refreshed offline (as a fresh clone serves it);
- `live_root`: the same plus UN Comtrade, the IMF and the Bank of Russia, their HTTP answered
  from the recorded (synthetic) responses in tests/fixtures (see support.recorded_refresh).

Apps made from them are shared too; tests only read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.snapshot import Snapshot
from tests.dashboard.support import copy_data, offline_refresh, recorded_refresh


@pytest.fixture(scope="session")
def bundled_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_data(tmp_path_factory.mktemp("bundled") / "data")
    offline_refresh(root)
    return root


@pytest.fixture(scope="session")
def live_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_data(tmp_path_factory.mktemp("live") / "data")
    recorded_refresh(root)
    return root


@pytest.fixture(scope="session")
def bundled_app(bundled_root: Path):
    return create_app(bundled_root, check_every=3600, build_if_missing=False)


@pytest.fixture(scope="session")
def live_app(live_root: Path):
    return create_app(live_root, check_every=3600, build_if_missing=False)


@pytest.fixture(scope="module")
def share_app(tmp_path_factory: pytest.TempPathFactory):
    """An app over its own data folder (share links write to it), one per test module."""
    root = copy_data(tmp_path_factory.mktemp("share") / "data")
    offline_refresh(root)
    return create_app(root, check_every=3600, build_if_missing=False), root


@pytest.fixture
def client(bundled_app):
    return bundled_app.server.test_client()


@pytest.fixture
def live_client(live_app):
    return live_app.server.test_client()


@pytest.fixture(scope="session")
def bundled_snapshot(bundled_app) -> Snapshot:
    snap = bundled_app.server.config["SNAPSHOT_STORE"].current()
    assert snap is not None
    return snap


@pytest.fixture(scope="session")
def live_snapshot(live_app) -> Snapshot:
    snap = live_app.server.config["SNAPSHOT_STORE"].current()
    assert snap is not None
    return snap


@pytest.fixture
def render(bundled_app):
    """render(module, **query) -> the page's component tree, as Dash's page router builds it."""

    def build(module, app=None, **query):
        app = app or bundled_app
        with app.server.test_request_context():
            return module.layout(**query)

    return build

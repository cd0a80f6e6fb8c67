"""Browser tests: pytest-playwright driving Debian's Chromium (no browser download), against the
app served on 127.0.0.1 from a snapshot built offline from the committed data.

Screenshots go to test-artifacts/ (not committed); one goes to docs/screenshot.png for the README.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.snapshot import Snapshot
from tests.dashboard.support import REPO, copy_data, offline_refresh

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
DOCS = REPO / "docs"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Playwright's wait_for_function evaluates its predicate with eval, which the app's
    # Content-Security-Policy (no 'unsafe-eval') blocks. These tests check what a person sees;
    # the policy itself is tested, not bypassed, in tests/security/test_csp_in_browser.py.
    return {
        **browser_context_args,
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
        "bypass_csp": True,
    }


@dataclass(frozen=True)
class Served:
    url: str
    snapshot: Snapshot


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = copy_data(tmp_path_factory.mktemp("browser") / "data")
    offline_refresh(root)
    app = create_app(root, check_every=3600, build_if_missing=False)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    snapshot = app.server.config["SNAPSHOT_STORE"].current()
    try:
        yield Served(url=f"http://127.0.0.1:{server.port}", snapshot=snapshot)
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs or throws while the test runs."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    return errors

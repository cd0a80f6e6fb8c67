"""A snapshot version sent by a visitor (`?v=` on a download, the version State a page's
callback sends) is checked against the version-name pattern and then against the published
versions before anything touches the file system (issue 13, defects 1 and 5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.security.conftest import callback_body, page_callbacks, post

DOWNLOADS = ["/download/table/claims.csv", "/download/claim/fifth-largest-partner.csv",
             "/download/energy/gas.csv", "/download/data/sources.zip"]
BAD_VERSIONS = ["%00", "a/b", "x" * 300, "..", "../../etc/passwd", "%2e%2e%2f%2e%2e",
                "20261120T080000.000000Z-12d539ec/../../x", "20261120T080000Z-zzzzzzzz",
                "%ff%fe", "\u202e\u0000"]


def traversal_to(target: Path, data_root: Path) -> str:
    """A ?v= value that, joined to the lock folder data/state/locks/, lands on `target`."""
    return os.path.relpath(target, data_root / "state" / "locks")


@pytest.mark.usefixtures("no_new_files_outside")
@pytest.mark.parametrize("download", DOWNLOADS)
def test_a_traversal_in_the_version_of_a_download_creates_no_file(
    client, data_root, session_folder, download
):
    target = session_folder / "outside" / "PWNED"
    response = client.get(f"{download}?v={traversal_to(target, data_root)}")
    assert response.status_code == 200  # served from the current version
    assert not list((session_folder / "outside").iterdir())
    assert not Path(f"{target}.lock").exists()


@pytest.mark.usefixtures("no_new_files_outside")
def test_every_distinct_bad_version_leaves_the_lock_folder_alone(client, data_root, version):
    locks = data_root / "state" / "locks"
    before = sorted(p.name for p in locks.iterdir())
    for value in BAD_VERSIONS + [f"19990101T000000.000000Z-{i:08x}" for i in range(20)]:
        client.get(f"/download/table/sources.csv?v={value}")
    assert sorted(p.name for p in locks.iterdir()) == before
    assert all(name.removesuffix(".lock") in {version} for name in before)


@pytest.mark.parametrize("value", BAD_VERSIONS)
def test_a_malformed_version_on_a_download_is_served_from_the_current_version(
    client, version, value
):
    response = client.get(f"/download/table/sources.csv?v={value}")
    assert response.status_code == 200
    assert response.headers["X-Snapshot-Version"] == version
    assert b"Traceback" not in response.data


@pytest.mark.usefixtures("no_new_files_outside")
@pytest.mark.parametrize("state", ["../../../../outside/PWNED", "\x00", "a/b", "v" * 300, 7, 3.5,
                                   True, None, [], ["x"], {"a": "b"}, {"version": "../x"}])
def test_a_bad_version_state_from_a_page_callback_is_never_a_server_error(
    app, client, session_folder, state
):
    output = page_callbacks(app)["energy"]
    spec = app.callback_map[output]
    body = callback_body(app, output, ["value", "2019", "2024"][: len(spec["inputs"])], [state])
    response = post(client, body)
    assert response.status_code == 200, response.data[:300]
    assert b"older version of the data" in response.data
    assert not list((session_folder / "outside").iterdir())

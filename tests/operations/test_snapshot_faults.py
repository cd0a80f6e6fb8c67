"""Faults in the published snapshot itself, as a visitor and an operator meet them (issue 13,
defects 2, 3 and 7): a page loaded two publications ago, a corrupt or deleted file in the
version serving, a garbage CURRENT pointer. Each ends with the dashboard serving an intact
version, `etl status` saying what is wrong, and `etl refresh` repairing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.app import create_app
from etl.cli import main
from etl.refresh import run_refresh
from etl.state import read_runs
from etl.store import current_version, list_versions, read_manifest, read_table
from tests.helpers import run_etl
from tests.security.conftest import callback_body, page_callbacks, post, router_body

from .conftest import edit_curated_value


class Versions:
    """Publishes versions with distinct content (the 2024 total edited each time)."""

    def __init__(self, root: Path) -> None:
        self.root, self.value = root, 244.81

    def publish(self, keep: int = 10) -> str:
        report = run_refresh(self.root, live=False, keep=keep)
        assert report.ok and report.published_new, report.error
        new = self.value + 1
        edit_curated_value(self.root, f",2024,A,false,{self.value:.2f},USD bn",
                           f",2024,A,false,{new:.2f},USD bn")
        self.value = new
        return report.version


def dashboard(root: Path):
    """A fresh worker: what gunicorn starts after a restart or a crash."""
    app = create_app(root, check_every=0, build_if_missing=False)
    client = app.server.test_client()
    client.get("/")
    return app, client


def energy_callback(app, client, version: object):
    output = page_callbacks(app)["energy"]
    return post(client, callback_body(app, output, ["value", "2019", "2024"], [version]))


def assert_serves(client, version: str) -> None:
    """The page shell, a page (as the browser's router asks for it), a download and /health
    answer, from `version`."""
    assert client.get("/energy").status_code == 200
    routed = post(client, router_body("/energy", ""))
    assert routed.status_code == 200, routed.data[:200]
    assert routed.headers["X-Snapshot-Version"] == version
    download = client.get("/download/table/claims.csv")
    assert download.status_code == 200 and download.headers["X-Snapshot-Version"] == version
    assert client.get("/health").get_json()["version"] == version


@pytest.fixture
def etl(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """etl("status") -> (exit code, stdout, stderr) of `python -m etl status` on `root`, run
    in-process (an uncaught exception, a traceback, fails the test)."""
    monkeypatch.setenv("ETL_DATA_DIR", str(root))

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def verify(version: str, root: Path) -> list[str]:
    """What cannot be read of a version, its manifest or any of its tables (the store's own
    checksum check is tested in tests/test_store_integrity.py)."""
    try:
        tables = read_manifest(version, root)["tables"]
    except Exception as exc:
        return [f"manifest: {exc}"]
    problems = []
    for name in tables:
        try:
            read_table(name, version, root)
        except Exception as exc:
            problems.append(f"{name}: {exc}")
    return problems


def damage(path: Path) -> None:
    """Garbage bytes over the middle of a file (same size: only the checksum can tell)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


# --- a page loaded two publications ago ------------------------------------------------------
def test_a_page_loaded_two_publications_ago_keeps_drawing_from_its_version(root: Path):
    versions = Versions(root)
    first = versions.publish()
    app, client = dashboard(root)
    assert_serves(client, first)
    second = versions.publish()
    assert_serves(client, second)  # the worker moves on, keeping the version before in memory
    third = versions.publish()
    assert_serves(client, third)

    old_page = energy_callback(app, client, first)
    assert old_page.status_code == 200, old_page.data[:300]
    assert old_page.headers["X-Snapshot-Version"] == first
    assert b"older version" not in old_page.data
    download = client.get(f"/download/energy/gas.csv?v={first}")
    assert download.status_code == 200 and download.headers["X-Snapshot-Version"] == first


def test_once_its_version_is_gone_an_old_page_is_told_to_reload(root: Path):
    versions = Versions(root)
    first = versions.publish()
    app, client = dashboard(root)
    assert_serves(client, first)
    versions.publish(keep=2)
    third = versions.publish(keep=2)
    assert first not in list_versions(root)

    old_page = energy_callback(app, client, first)
    assert old_page.status_code == 200
    answer = json.dumps(old_page.get_json(), ensure_ascii=False)
    assert "This page shows an older version of the data" in answer and third in answer
    assert "Reload the page" in answer
    assert client.get(f"/download/energy/gas.csv?v={first}").headers[
        "X-Snapshot-Version"] == third
    assert_serves(client, third)


# --- a damaged file in the version serving ---------------------------------------------------
@pytest.mark.parametrize("harm", ["garbage", "overwritten", "deleted", "manifest"])
def test_a_damaged_current_version_falls_back_to_the_newest_intact_one_and_refresh_repairs(
    root: Path, etl, harm: str
):
    versions = Versions(root)
    intact = versions.publish()
    broken = versions.publish()
    folder = root / "published" / broken
    if harm == "garbage":
        (folder / "observations.parquet").write_bytes(b"\x00garbage" * 1000)
    elif harm == "overwritten":
        damage(folder / "observations.parquet")
    elif harm == "deleted":
        (folder / "claims.parquet").unlink()
    else:
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")

    _app, client = dashboard(root)
    assert_serves(client, intact)
    health = client.get("/health").get_json()
    assert health["status"] == "degraded"
    assert broken in health["snapshot_problem"] and intact in health["snapshot_problem"]

    code, out, err = etl("status")
    assert code == 1 and "DAMAGED" in err and intact in err
    assert f"version   {intact}" in out

    code, out, err = etl("refresh", "--offline")
    assert code == 0, err
    assert "nothing new" not in out and "repaired:" in out
    repaired = current_version(root)
    assert repaired not in (intact, broken) and verify(repaired, root) == []
    last = read_runs(root)[-1]
    assert last["outcome"] == "published" and broken in last["repaired"]

    _fresh_app, fresh_client = dashboard(root)
    assert_serves(fresh_client, repaired)
    assert fresh_client.get("/health").get_json()["status"] == "ok"
    assert etl("status")[0] == 0


def test_a_refresh_of_a_damaged_version_runs_as_a_command_and_also_when_forced(root: Path):
    versions = Versions(root)
    versions.publish()
    broken = versions.publish()
    (root / "published" / broken / "observations.parquet").write_bytes(b"PAR1 garbage")
    status = run_etl("status", root=root)
    assert status.returncode == 1 and "Traceback" not in status.stderr
    refresh = run_etl("refresh", "--offline", "--force", root=root)
    assert refresh.returncode == 0 and "Traceback" not in refresh.stderr
    assert verify(current_version(root), root) == []


def test_an_old_page_on_a_damaged_version_is_told_to_reload(root: Path):
    versions = Versions(root)
    first = versions.publish()
    current = versions.publish()
    damage(root / "published" / first / "observations.parquet")
    app, client = dashboard(root)
    answer = energy_callback(app, client, first)
    assert answer.status_code == 200 and b"older version" in answer.data
    assert_serves(client, current)


# --- a garbage CURRENT pointer ---------------------------------------------------------------
GARBAGE = [b"hello, world\n", b"\x00\xff\xfe\x80" * 64, b"", b"../../../../etc/passwd\n",
           b"20991231T000000.000000Z-00000000\n"]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_a_garbage_pointer_serves_the_newest_intact_version_and_refresh_rewrites_it(
    root: Path, etl, garbage: bytes
):
    versions = Versions(root)
    versions.publish()
    newest = versions.publish()
    _running_app, running = dashboard(root)  # a worker that loaded the version before
    (root / "published" / "CURRENT").write_bytes(garbage)

    assert_serves(running, newest)
    _app, client = dashboard(root)  # and one started after
    assert_serves(client, newest)
    health = client.get("/health").get_json()
    assert health["status"] == "degraded" and newest in health["snapshot_problem"]

    code, out, err = etl("status")
    assert code == 1 and f"version   {newest}" in out
    assert "CURRENT" in err or "20991231" in err

    code, out, err = etl("refresh", "--offline")
    assert code == 0, err
    assert "keeps serving" not in err
    repaired = current_version(root)
    assert repaired is not None and verify(repaired, root) == []
    _fresh_app, fresh = dashboard(root)
    assert_serves(fresh, repaired)
    assert fresh.get("/health").get_json()["status"] == "ok"


def test_a_binary_pointer_is_no_traceback_for_the_command_line(root: Path):
    versions = Versions(root)
    newest = versions.publish()
    (root / "published" / "CURRENT").write_bytes(b"\xff\xfe\x00\x81" * 8)
    status = run_etl("status", root=root)
    assert status.returncode == 1 and "Traceback" not in status.stderr
    assert newest in status.stdout
    refresh = run_etl("refresh", "--offline", root=root)
    assert refresh.returncode == 0 and "Traceback" not in refresh.stderr
    assert current_version(root) is not None


def test_with_a_garbage_pointer_the_readers_of_the_command_line_read_the_newest_intact_version(
    root: Path, etl
):
    """`claims`, `claims --claimreview` and `check-article` read what the dashboard serves, not
    "no snapshot has been published yet"."""
    newest = Versions(root).publish()
    (root / "published" / "CURRENT").write_bytes(b"hello, world\n")
    article = root / "article.txt"
    article.write_text("China-Russia trade reached $244.8 billion in 2024, customs data showed.",
                       encoding="utf-8")

    code, out, err = etl("claims", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert {claim["data_version"] for claim in report} == {newest}
    assert {claim["id"] for claim in report} == set(read_table("claims", newest, root)["claim_id"])
    code, out, err = etl("claims", "--claimreview")
    assert code == 0 and json.loads(out), err
    code, out, err = etl("check-article", str(article), "--json")
    assert code == 0, err
    assert json.loads(out)["claims"][0]["verdict"] != "unresolved"

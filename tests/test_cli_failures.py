"""The command line's failure paths around the file system (issue 13, defect 9): a data folder
the process cannot write, and an output file that cannot be written. Each is one message that
names the path and what to do, with exit 1; never a traceback.

These tests run as root on the CI machines, where permission bits do not stop anything, so a
read-only data folder is emulated: every attempt to create or write a file under it fails with
EROFS, as on a read-only mount."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path

import pytest

from dashboard.app import create_app
from etl.cli import main
from etl.refresh import run_refresh
from etl.store import current_version

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch):
    """read_only(folder): from now on, nothing under `folder` can be created or written."""

    def protect(folder: Path) -> None:
        inside = str(folder.resolve())

        def refused(path: object) -> bool:
            return str(Path(os.fsdecode(path)).resolve()).startswith(inside)

        def fail(path: object):
            raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))

        real_os_open, real_open, real_mkdir = os.open, builtins.open, Path.mkdir
        real_replace, real_rename = os.replace, os.rename

        def os_open(path, flags, *args, **kwargs):
            if flags & WRITE_FLAGS and refused(path):
                fail(path)
            return real_os_open(path, flags, *args, **kwargs)

        def open_(file, mode="r", *args, **kwargs):
            if isinstance(file, str | bytes | os.PathLike) and set(mode) & set("wax+") \
                    and refused(file):
                fail(file)
            return real_open(file, mode, *args, **kwargs)

        def mkdir(self, *args, **kwargs):
            if refused(self) and not self.is_dir():
                fail(self)
            return real_mkdir(self, *args, **kwargs)

        def moved(real):
            def move(src, dst, *args, **kwargs):
                if refused(dst) or refused(src):
                    fail(dst)
                return real(src, dst, *args, **kwargs)
            return move

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(builtins, "open", open_)
        monkeypatch.setattr(io, "open", open_)
        monkeypatch.setattr(Path, "mkdir", mkdir)
        monkeypatch.setattr(os, "replace", moved(real_replace))
        monkeypatch.setattr(os, "rename", moved(real_rename))

    return protect


@pytest.fixture
def published_copy(cli_root: Path) -> Path:
    assert run_refresh(cli_root, live=False).ok
    return cli_root


def test_refresh_on_a_read_only_data_folder_says_it_needs_write_access(
    published_copy, read_only, capsys
):
    serving = current_version(published_copy)
    read_only(published_copy)

    code = main(["refresh", "--curated-only"])

    err = capsys.readouterr().err
    assert code == 1
    assert "cannot write" in err and "Read-only file system" in err
    assert "needs write access to the data folder" in err and "Nothing was published" in err
    assert current_version(published_copy) == serving


def test_status_on_a_read_only_data_folder_still_answers(published_copy, read_only, capsys):
    read_only(published_copy)

    assert main(["status"]) == 0
    assert current_version(published_copy) in capsys.readouterr().out


def test_the_dashboard_serves_from_a_read_only_data_folder(published_copy, read_only):
    read_only(published_copy)
    client = create_app(published_copy, build_if_missing=False).server.test_client()

    assert client.get("/health").status_code == 200
    assert client.get("/download/table/claims.csv").status_code == 200


def test_export_to_a_folder_that_does_not_exist_says_so(published_cli, capsys):
    assert main(["export", "sources", "-o", "/nonexistent/x.csv"]) == 1

    err = capsys.readouterr().err
    assert err.startswith("error: -o /nonexistent/x.csv: cannot write it (No such file")
    assert "existing folder you can write to" in err


def test_export_to_a_folder_name_asks_for_a_file_name(published_cli, tmp_path, capsys):
    assert main(["export", "sources", "-o", str(tmp_path)]) == 1

    assert "is a folder; give a file name" in capsys.readouterr().err


def test_export_into_a_read_only_folder_writes_nothing_and_says_why(
    published_cli, tmp_path, read_only, capsys
):
    read_only(tmp_path)

    assert main(["export", "sources", "-o", str(tmp_path / "sources.csv")]) == 1

    assert "Read-only file system" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_run_log_with_garbage_lines_does_not_break_status(published_copy, capsys):
    runs = published_copy / "state" / "runs.jsonl"
    runs.write_bytes(runs.read_bytes() + b"\xff\xfe garbage\n[1, 2]\n\"text\"\n")

    assert main(["status"]) == 0
    assert "recent runs:" in capsys.readouterr().out

"""The command line (`python -m etl VERB`): each verb explains itself with --help, and a failure
is one clear message on stderr with a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import json

import pytest

from etl.cli import build_parser, main
from etl.store import current_version, list_versions
from tests.helpers import run_etl


def verbs() -> dict[str, str]:
    """Every verb the parser knows, with its one-line summary."""
    [action] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


@pytest.mark.parametrize("verb", sorted(verbs()))
def test_every_verb_has_help_that_says_what_it_does(verb, capsys):
    with pytest.raises(SystemExit) as exited:
        main([verb, "--help"])

    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert out.startswith(f"usage: python -m etl {verb}")
    assert len(verbs()[verb]) > 20, f"{verb} has no one-line summary for `python -m etl --help`"


def test_the_top_level_help_lists_every_verb_with_its_summary(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])

    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for verb, summary in verbs().items():
        assert f"{verb} {' '.join(summary.split())}" in out


def test_status_json_has_version_built_at_and_sources(published_cli, capsys):
    assert main(["status", "--json"]) == 0

    info = json.loads(capsys.readouterr().out)
    assert info["version"] == current_version(published_cli)
    assert info["built_at"].endswith("Z")
    assert [s["source_id"] for s in info["sources"]] == ["curated"]
    assert info["sources"][0]["state"] == "fresh"
    assert info["tables"]["claims"] >= 15


def test_status_prints_the_version_and_each_source(published_cli, capsys):
    assert main(["status"]) == 0

    out = capsys.readouterr().out
    assert out.startswith(f"version   {current_version(published_cli)}\n")
    assert "  curated    fresh" in out
    assert "tables:   observations (" in out


def test_refresh_publishes_once_and_then_reports_nothing_new(cli_root, capsys):
    assert main(["refresh", "--curated-only"]) == 0
    first = current_version(cli_root)
    assert capsys.readouterr().out.endswith(f"snapshot {first} published\n")

    assert main(["refresh", "--curated-only"]) == 0

    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"snapshot {first} unchanged")
    assert last.endswith("still serving")
    assert list_versions(cli_root) == [first]


def test_refresh_json_reports_the_exit_code(cli_root, capsys):
    assert main(["refresh", "--curated-only", "--json"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["exit_code"] == 0
    assert report["version"] == current_version(cli_root)


def failure(*args: str, root) -> str:
    """Run the CLI in a child process; it must fail with exit 1 and no traceback."""
    done = run_etl(*args, root=root)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    return done.stderr


def test_an_unknown_table_is_one_message_naming_the_tables(published_root):
    err = failure("export", "observation", root=published_root)

    assert err.startswith("error: table 'observation' is not in snapshot ")
    named = err.rsplit("tables: ", 1)[1].strip().split(", ")
    assert {"observations", "sources", "claims", "claim_evidence"} <= set(named)


def test_an_unknown_claim_id_is_one_message_naming_the_ids(published_root):
    err = failure("claims", "--id", "sixth-largest-partner", root=published_root)

    assert err.startswith("error: --id 'sixth-largest-partner': no such claim; ids: ")
    assert "fifth-largest-partner" in err


def test_status_before_any_snapshot_says_to_run_refresh(data_root):
    err = failure("status", root=data_root)

    assert err == "error: no snapshot has been published yet; run `python -m etl refresh`\n"


def test_export_with_an_unknown_where_column_fails_cleanly(published_cli, capsys):
    assert main(["export", "observations", "--where", "country=RUS"]) == 1

    err = capsys.readouterr().err
    assert err.startswith("error: --where 'country=RUS': no column 'country'; columns are ")


def test_export_of_an_unknown_version_fails_cleanly(published_cli, capsys):
    assert main(["export", "sources", "--version", "19990101T000000Z-00000000"]) == 1

    assert "snapshot 19990101T000000Z-00000000 has no manifest" in capsys.readouterr().err


def test_refresh_of_an_unknown_live_source_fails_before_any_request(cli_root, capsys):
    assert main(["refresh", "--source", "bloomberg"]) == 1

    assert "--source 'bloomberg': unknown source; known sources: " in capsys.readouterr().err
    assert current_version(cli_root) is None


def test_parse_of_a_missing_file_fails_cleanly(tmp_path, capsys):
    assert main(["parse", "cbr", str(tmp_path / "nothing.xml")]) == 1

    assert capsys.readouterr().err == f"error: {tmp_path / 'nothing.xml'}: no such file\n"


def test_a_missing_verb_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main([])

    assert exited.value.code == 2
    assert "usage: python -m etl" in capsys.readouterr().err

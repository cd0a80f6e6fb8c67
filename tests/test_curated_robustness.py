"""Curated files that cannot be published are refused with the usual file/line/column message,
never a traceback, and never published half-read (issue 13, defects 8 and 9): values that are
not finite once scaled to base units, dates that do not exist, bytes that are not UTF-8, an
empty file, a cell over 128 KB, and a file cut down to its header (which would silently drop
rows: refused unless --force)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main
from etl.store import current_version, list_versions, read_manifest
from tests.helpers import edit_cell, find_line

TRADE = Path("curated/observations/trade_bilateral.csv")
ROW_2005 = {"indicator": "trade_value", "period": "2005", "flow": "total"}  # unit USD bn
WHERE = "curated/observations/trade_bilateral.csv line"


def refresh_fails(capsys) -> str:
    """Run `python -m etl refresh --curated-only` in-process; it must fail cleanly."""
    capsys.readouterr()
    assert main(["refresh", "--curated-only"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was published" in err
    return err


def line_of_2005(root: Path) -> int:
    return find_line(root / TRADE, **ROW_2005)


@pytest.mark.parametrize("value", ["1e308", "1e400", "-1e400"])
def test_a_value_that_is_not_finite_in_base_units_is_refused(cli_root, capsys, value):
    line = line_of_2005(cli_root)
    edit_cell(cli_root / TRADE, line, "value", value)

    err = refresh_fails(capsys)

    assert f"{WHERE} {line}, column 'value' = '{value}': value is too large" in err
    assert list_versions(cli_root) == []


def test_an_event_ending_on_a_date_that_does_not_exist_is_refused(cli_root, capsys):
    edit_cell(cli_root / "curated/events.csv", 2, "end", "2024-13-45")

    err = refresh_fails(capsys)

    assert "curated/events.csv line 2, column 'end' = '2024-13-45': not a date that exists" in err


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "2023-13"])
def test_a_source_published_on_a_date_that_does_not_exist_is_refused(cli_root, capsys, value):
    edit_cell(cli_root / "curated/sources.csv", 2, "date_published", value)

    err = refresh_fails(capsys)

    assert (f"curated/sources.csv line 2, column 'date_published' = '{value}': "
            "date_published is not a date that exists") in err


def test_a_byte_that_is_not_utf8_is_refused_naming_its_line_and_column(cli_root, capsys):
    path = cli_root / TRADE
    line = line_of_2005(cli_root)
    edit_cell(path, line, "note", "NOTE-HERE")
    path.write_bytes(path.read_bytes().replace(b"NOTE-HERE", b"caf\xe9"))

    err = refresh_fails(capsys)

    assert f"{WHERE} {line}, column 'note': byte 0xe9 is not UTF-8" in err


def test_an_empty_file_is_refused_naming_the_header_expected(cli_root, capsys):
    (cli_root / TRADE).write_bytes(b"")

    err = refresh_fails(capsys)

    assert "trade_bilateral.csv is empty; expected at least the header indicator,reporter" in err


def test_a_cell_over_128_kb_is_refused_naming_its_line_and_column(cli_root, capsys):
    line = line_of_2005(cli_root)
    edit_cell(cli_root / TRADE, line, "quote", "q" * (128 * 1024 + 1))

    err = refresh_fails(capsys)

    assert f"{WHERE} {line}, column 'quote': the cell is 131,073 characters long" in err
    assert "q" * 100 not in err  # the message names the cell, it does not repeat it


def test_a_file_cut_down_to_its_header_is_refused_unless_forced(cli_root, capsys):
    assert main(["refresh", "--curated-only"]) == 0
    good = current_version(cli_root)
    # China's exports to every partner (UN Comtrade): no correction or claim needs a row of it
    path = cli_root / "curated" / "observations" / "comtrade_partners.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")

    capsys.readouterr()
    assert main(["refresh", "--curated-only"]) == 1
    err = capsys.readouterr().err
    assert "refusing to publish" in err and "observations would shrink from" in err
    assert "--force" in err and f"previous snapshot {good} keeps serving" in err
    assert current_version(cli_root) == good

    assert main(["refresh", "--curated-only", "--force"]) == 0
    forced = current_version(cli_root)
    assert forced != good
    rows = read_manifest(forced, cli_root)["tables"]["observations"]["rows"]
    assert rows < read_manifest(good, cli_root)["tables"]["observations"]["rows"]


def test_a_small_change_in_rows_is_not_refused(cli_root, capsys):
    assert main(["refresh", "--curated-only"]) == 0
    path = cli_root / TRADE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # one row fewer

    assert main(["refresh", "--curated-only"]) == 0

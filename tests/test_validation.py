"""Validation of the curated inputs: a broken file is rejected with a message that names the
file, the line, the column and the rule, and nothing is published."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main
from etl.errors import ValidationError
from etl.pipeline import read_inputs
from etl.refresh import run_refresh
from etl.store import current_version, list_versions
from etl.validate import validate_curated
from tests.helpers import append_row, edit_cell, find_line, read_csv_rows, write_csv_rows

TRADE = Path("curated/observations/trade_bilateral.csv")
# China's customs total for 2005 (Eastday): one row, a plain positive trade value.
ROW_2005 = {"indicator": "trade_value", "period": "2005", "flow": "total"}


def problems(root: Path) -> list[str]:
    """The problems validation finds in the curated data under `root` (it must find some)."""
    inputs = read_inputs(root)
    with pytest.raises(ValidationError) as caught:
        validate_curated(
            inputs.curated.observations,
            inputs.curated.sources,
            inputs.curated.events,
            inputs.mappings,
        )
    assert "nothing was published" in str(caught.value)
    return caught.value.problems


def break_2005(root: Path, column: str, value: str) -> int:
    path = root / TRADE
    line = find_line(path, **ROW_2005)
    edit_cell(path, line, column, value)
    return line


def where(line: int) -> str:
    return f"curated/observations/trade_bilateral.csv line {line}"


def test_the_committed_curated_data_passes_validation(data_root):
    inputs = read_inputs(data_root)
    validate_curated(
        inputs.curated.observations, inputs.curated.sources, inputs.curated.events, inputs.mappings
    )


def test_a_missing_column_is_rejected_naming_the_file_and_the_column(data_root):
    path = data_root / TRADE
    rows = read_csv_rows(path)
    unit = rows[0].index("unit")
    write_csv_rows(path, [row[:unit] + row[unit + 1 :] for row in rows])

    with pytest.raises(ValidationError) as caught:
        read_inputs(data_root)

    [problem] = caught.value.problems
    assert "curated/observations/trade_bilateral.csv: missing column(s) unit" in problem
    assert "expected the header indicator,reporter,partner" in problem


def test_text_in_the_value_column_is_reported_once_as_not_a_plain_number(data_root):
    line = break_2005(data_root, "value", "29.1 bn")

    found = problems(data_root)

    assert found == [
        f"{data_root.name}/{where(line)}, column 'value' = '29.1 bn': value must be a plain "
        "number such as 244.81 (no units, commas or spaces)"
    ]


def test_an_empty_value_is_rejected_unless_the_row_is_qualitative(data_root):
    line = break_2005(data_root, "value", "")

    [problem] = problems(data_root)

    assert problem == (
        f"{data_root.name}/{where(line)}: value is empty; only status 'qualitative' may omit it"
    )


def test_a_duplicate_key_is_rejected_on_both_lines(data_root):
    path = data_root / TRADE
    rows = read_csv_rows(path)
    line = find_line(path, **ROW_2005)
    rows.append(list(rows[line - 1]))
    write_csv_rows(path, rows)

    found = problems(data_root)

    duplicates = [p for p in found if "duplicate: another row has the same indicator" in p]
    assert len(duplicates) == 2
    assert any(where(line) + ":" in p for p in duplicates)
    assert any(where(len(rows)) + ":" in p for p in duplicates)


def test_a_negative_value_is_rejected_where_the_indicator_does_not_allow_it(data_root):
    line = break_2005(data_root, "value", "-29.1")

    [problem] = problems(data_root)

    assert problem.startswith(f"{data_root.name}/{where(line)}: value is negative")
    assert "only balances and growth rates may be negative" in problem


def test_a_negative_trade_balance_is_allowed(data_root):
    path = data_root / TRADE
    rows = read_csv_rows(path)
    some_source = rows[1][rows[0].index("source_id")]
    line = append_row(
        path,
        indicator="trade_value",
        reporter="CHN",
        partner="RUS",
        flow="balance",
        commodity="TOTAL",
        period="2024",
        freq="A",
        cumulative="false",
        value="-13.83",
        unit="USD bn",
        qualifier="exact",
        status="sourced",
        source_id=some_source,
        quote="a trade deficit of $13.83 billion",
    )
    inputs = read_inputs(data_root)

    validate_curated(
        inputs.curated.observations, inputs.curated.sources, inputs.curated.events, inputs.mappings
    )
    curated = inputs.curated.observations
    added = curated[(curated["_line"] == line) & curated["_file"].str.endswith(TRADE.name)]
    assert added[["flow", "value"]].values.tolist() == [["balance", "-13.83"]]


def test_an_unknown_unit_is_rejected_with_the_units_allowed(data_root):
    line = break_2005(data_root, "unit", "USD billion")

    [problem] = problems(data_root)

    assert f"{where(line)}, column 'unit' = 'USD billion'" in problem
    assert "unit (data/mappings/units.csv) must be one of: %, CNY" in problem


def test_a_period_that_does_not_match_its_freq_is_rejected(data_root):
    line = break_2005(data_root, "period", "2005-03")  # a month, but freq says A

    [problem] = problems(data_root)

    assert problem.startswith(f"{data_root.name}/{where(line)}: period does not match freq")
    assert "A: 2024" in problem


def test_an_unknown_source_id_is_rejected(data_root):
    line = break_2005(data_root, "source_id", "no-such-source")

    [problem] = problems(data_root)

    assert f"{where(line)}, column 'source_id' = 'no-such-source'" in problem
    assert "a source_id of sources.csv" in problem


def test_a_derived_row_without_derived_from_is_rejected(data_root):
    line = break_2005(data_root, "status", "derived")

    [problem] = problems(data_root)

    assert problem == f"{data_root.name}/{where(line)}: a derived row must say derived_from"


def test_derived_from_naming_an_unknown_source_is_rejected(data_root):
    line = break_2005(data_root, "status", "derived")
    edit_cell(data_root / TRADE, line, "derived_from", "no-such-source")

    [problem] = problems(data_root)

    assert f"{where(line)}, column 'derived_from' = 'no-such-source'" in problem


def test_every_problem_is_reported_at_once(data_root):
    first = break_2005(data_root, "unit", "USD billion")
    second = find_line(data_root / TRADE, indicator="trade_value", period="2006", flow="total")
    edit_cell(data_root / TRADE, second, "source_id", "no-such-source")

    found = problems(data_root)

    assert len(found) == 2
    assert where(first) in found[0] and where(second) in found[1]


def test_a_missing_sources_file_is_rejected(data_root):
    (data_root / "curated" / "sources.csv").unlink()

    with pytest.raises(ValidationError) as caught:
        read_inputs(data_root)

    assert caught.value.problems == [
        f"{data_root.name}/curated/sources.csv is missing; restore it with git checkout"
    ]


def test_a_rejected_refresh_publishes_nothing(data_root):
    break_2005(data_root, "value", "29.1 bn")

    report = run_refresh(data_root, live=False)

    assert not report.ok and report.exit_code == 1
    assert "column 'value' = '29.1 bn'" in report.error
    assert current_version(data_root) is None
    assert list_versions(data_root) == []


def test_the_cli_rejects_a_broken_file_and_the_previous_version_keeps_serving(cli_root, capsys):
    assert main(["refresh", "--curated-only"]) == 0
    good = current_version(cli_root)
    assert good is not None
    capsys.readouterr()
    line = break_2005(cli_root, "value", "29.1 bn")

    code = main(["refresh", "--curated-only"])

    err = capsys.readouterr().err
    assert code == 1
    assert "refresh failed: curated observations" in err
    assert f"{where(line)}, column 'value' = '29.1 bn': value must be a plain number" in err
    assert f"previous snapshot {good} keeps serving" in err
    assert current_version(cli_root) == good
    assert list_versions(cli_root) == [good]

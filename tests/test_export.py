"""CSV export (etl/export.py and `python -m etl export`), tested byte for byte: header first, LF
line ends, formula-like text neutralised, numbers left as numbers."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from etl.cli import main
from etl.export import ExportError, filter_rows, neutralise, to_csv_bytes
from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.store import read_table


def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["trade_value", "trade_value_yoy"],
            "period": ["2024", "2024"],
            "cumulative": [False, True],
            "value": [244.81e9, -6.9],
            "note": ["exports FOB, imports CIF", ""],
        }
    )


def test_a_tiny_frame_is_written_exactly():
    assert to_csv_bytes(tiny()) == (
        b"indicator,period,cumulative,value,note\n"
        b'trade_value,2024,False,244810000000.0,"exports FOB, imports CIF"\n'
        b"trade_value_yoy,2024,True,-6.9,\n"
    )


def test_the_header_comes_first_and_lines_end_with_lf_only():
    payload = to_csv_bytes(tiny())

    assert payload.split(b"\n")[0] == b"indicator,period,cumulative,value,note"
    assert b"\r" not in payload
    assert payload.endswith(b"\n")


def test_text_is_utf8_and_the_index_is_not_written():
    frame = pd.DataFrame({"quote": ["РФ заняла пятое место", "中新社"]}, index=[7, 9])

    assert to_csv_bytes(frame) == "quote\nРФ заняла пятое место\n中新社\n".encode()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_starting_like_a_formula_gets_a_leading_apostrophe(start):
    cell = start + 'HYPERLINK("http://evil")'
    frame = pd.DataFrame({"note": [cell, "plain text"]})

    assert neutralise(frame)["note"].tolist() == ["'" + cell, "plain text"]


def test_a_formula_is_neutralised_in_the_csv_bytes():
    frame = pd.DataFrame({"note": ["=1+1", "@SUM(A1)", "fine"], "value": [1.5, -2.0, 3.0]})

    assert to_csv_bytes(frame) == b"note,value\n'=1+1,1.5\n'@SUM(A1),-2.0\nfine,3.0\n"


def test_negative_numbers_in_numeric_columns_are_unchanged():
    frame = pd.DataFrame({"value": [-6.9, -13.83e9], "rank": [-1, 2]})

    assert to_csv_bytes(frame) == b"value,rank\n-6.9,-1\n-13830000000.0,2\n"


def test_a_negative_number_stored_as_text_is_neutralised():
    # text is text: a spreadsheet would evaluate "-6.9+A1" just the same
    assert to_csv_bytes(pd.DataFrame({"note": ["-6.9"]})) == b"note\n'-6.9\n"


def test_booleans_are_written_as_true_and_false():
    frame = pd.DataFrame({"cumulative": [True, False]})

    assert to_csv_bytes(frame) == b"cumulative\nTrue\nFalse\n"


def test_missing_values_are_empty_cells():
    frame = pd.DataFrame({"value": [float("nan"), 1.0], "quote": [None, "x"]})

    assert to_csv_bytes(frame) == b"value,quote\n,\n1.0,x\n"


def test_neutralise_leaves_the_original_frame_alone():
    frame = pd.DataFrame({"note": ["=1+1"]})

    neutralise(frame)

    assert frame["note"].tolist() == ["=1+1"]


# --- --where -----------------------------------------------------------------------------------
def rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["partner_rank", "partner_rank", "trade_value"],
            "period": ["2023", "2024", "2024"],
            "cumulative": [False, True, False],
            "value": [4.0, 5.0, 244.81e9],
        }
    )


def test_where_filters_text_columns():
    kept = filter_rows(rows(), ["indicator=partner_rank"])

    assert kept["period"].tolist() == ["2023", "2024"]


def test_where_compares_numbers_as_numbers():
    assert filter_rows(rows(), ["value=5"])["period"].tolist() == ["2024"]
    assert filter_rows(rows(), ["value=244810000000"])["indicator"].tolist() == ["trade_value"]


def test_where_reads_booleans_as_true_or_false():
    assert filter_rows(rows(), ["cumulative=true"])["value"].tolist() == [5.0]
    assert filter_rows(rows(), ["cumulative=False"])["value"].tolist() == [4.0, 244.81e9]


def test_every_where_condition_must_hold():
    kept = filter_rows(rows(), ["indicator=partner_rank", "period=2024"])

    assert kept["value"].tolist() == [5.0]


def test_where_on_an_unknown_column_names_the_columns():
    with pytest.raises(ExportError) as caught:
        filter_rows(rows(), ["country=RUS"])

    assert str(caught.value) == (
        "--where 'country=RUS': no column 'country'; columns are indicator, period, "
        "cumulative, value"
    )


def test_where_without_an_equals_sign_shows_the_form_expected():
    with pytest.raises(ExportError, match="expected column=value"):
        filter_rows(rows(), ["partner_rank"])


def test_where_with_text_for_a_numeric_column_asks_for_a_number():
    with pytest.raises(ExportError, match="value is numeric; give a number"):
        filter_rows(rows(), ["value=five"])


# --- the command line --------------------------------------------------------------------------
def test_the_cli_export_writes_the_same_bytes_as_to_csv_bytes(
    published_cli, built_tables, tmp_path
):
    target = tmp_path / "ranks.csv"

    code = main(["export", "observations", "--where", "indicator=partner_rank", "-o", str(target)])

    assert code == 0
    expected = to_csv_bytes(filter_rows(built_tables["observations"], ["indicator=partner_rank"]))
    assert target.read_bytes() == expected
    assert expected.count(b"\n") > 20  # a header and real rows, not an empty table


def test_the_cli_export_to_stdout_is_the_table_as_published(published_cli, capsysbinary):
    assert main(["export", "claims"]) == 0

    out = capsysbinary.readouterr().out
    assert out == to_csv_bytes(read_table("claims", root=published_cli))
    assert out.startswith(b"claim_id,position,")


def test_the_sources_export_has_source_id_and_url(published_cli, capsysbinary):
    assert main(["export", "sources"]) == 0

    exported = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), dtype=str)
    assert list(exported.columns) == SOURCE_COLUMNS
    assert exported["url"].str.startswith("http").sum() > 200


def test_the_observations_export_has_the_contracts_columns_and_source_id(
    published_cli, capsysbinary
):
    assert main(["export", "observations", "--where", "partner=RUS"]) == 0

    payload = capsysbinary.readouterr().out
    header = payload.split(b"\n", 1)[0].decode()
    assert header.split(",") == OBSERVATION_COLUMNS
    exported = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    assert (exported["source_id"] != "").all()
    assert set(exported["partner"]) == {"RUS"}


# --- line breaks inside cells (issue 13, defect 6) ---------------------------------------------
LIVE = ("=", "+", "-", "@", "\t")
BREAKS = ["note\r=1+1", "two\nlines\n@SUM(A1)", "crlf\r\n-2+3", "\r=at the start", "a\r\rb\r+1"]


def with_breaks(frame: pd.DataFrame, column: str, every: int = 20) -> pd.DataFrame:
    """`frame` with a cell holding a line break and a formula in every `every`-th row."""
    out = frame.copy()
    rows = out.index[::every]
    out.loc[rows, column] = [BREAKS[i % len(BREAKS)] for i in range(len(rows))]
    return out


def live_formulas(cells: list[str]) -> list[str]:
    """Cells, or lines inside cells, that a spreadsheet splitting on CR/LF would run."""
    lines = [line for cell in cells for line in cell.replace("\r\n", "\n").replace("\r", "\n")
             .split("\n")]
    return [line for line in lines if line.startswith(LIVE)]


def test_a_bare_carriage_return_in_a_text_cell_is_quoted():
    payload = to_csv_bytes(pd.DataFrame({"note": ["a\rb", "plain"], "value": [1.0, 2.0]}))

    assert b'"a\rb"' in payload
    assert payload.count(b"\n") == 3  # header and two rows: no new row starts at the CR


def test_every_line_inside_a_cell_is_neutralised():
    frame = pd.DataFrame({"note": BREAKS})

    cells = neutralise(frame)["note"].tolist()

    assert live_formulas(cells) == []
    assert cells[0] == "note\r'=1+1" and cells[3] == "'\r'=at the start"


def test_a_table_with_line_breaks_reads_back_with_the_same_rows_through_csv_and_pandas(
    built_tables,
):
    frame = with_breaks(built_tables["observations"], "note")
    payload = to_csv_bytes(frame)

    rows = list(csv.reader(io.StringIO(payload.decode("utf-8"), newline="")))
    assert len(rows) == len(frame) + 1
    read = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    assert len(read) == len(frame)
    note = rows[0].index("note")
    assert live_formulas([row[note] for row in rows[1:]]) == []
    assert live_formulas(read["note"].tolist()) == []
    values = pd.to_numeric(read["value"].replace("", None))
    pd.testing.assert_series_equal(values, frame["value"].reset_index(drop=True),
                                   check_names=False)


def test_the_command_line_and_the_web_route_write_the_same_safe_bytes(
    built_tables, tmp_path, monkeypatch, capsysbinary
):
    from dashboard.app import create_app
    from etl.store import publish

    tables = {**built_tables, "observations": with_breaks(built_tables["observations"], "note")}
    version, _ = publish(tables, root=tmp_path)
    monkeypatch.setenv("ETL_DATA_DIR", str(tmp_path))

    assert main(["export", "observations"]) == 0
    from_cli = capsysbinary.readouterr().out
    client = create_app(tmp_path, build_if_missing=False).server.test_client()
    from_web = client.get(f"/download/table/observations.csv?v={version}").data

    assert from_cli == from_web == to_csv_bytes(tables["observations"])
    read = pd.read_csv(io.BytesIO(from_web), dtype=str, keep_default_na=False)
    assert len(read) == len(tables["observations"])
    assert live_formulas(read["note"].tolist()) == []

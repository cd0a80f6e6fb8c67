"""Bank of Russia rates: windows-1251, decimal commas, and a per-record Nominal."""

from __future__ import annotations

import pytest

from etl.errors import FormatError, ProviderError
from etl.schema import OBSERVATION_COLUMNS, PERIOD_PATTERNS, SOURCE_COLUMNS
from etl.sources import cbr
from tests.test_sources_support import Reply, ScriptedServer, fast_session, fixture

SOURCE = cbr.SOURCE


def harmonised(name: str):
    return SOURCE.harmonise(SOURCE.parse(fixture("cbr", name)), {})


def test_fixtures_really_are_windows_1251_with_decimal_commas():
    body = fixture("cbr", "daily_2019-03-01.xml")

    assert b'encoding="windows-1251"' in body
    assert "Китайских юаней".encode("windows-1251") in body
    assert b"<Value>98,1234</Value>" in body


def test_dynamic_requests_per_currency_use_dd_mm_yyyy_dates_and_valute_codes():
    specs = SOURCE.build_requests({"today": "2026-11-28"})

    assert [s.params["VAL_NM_RQ"] for s in specs] == ["R01375", "R01235", "R01239"]
    assert all(s.url == "https://www.cbr.ru/scripts/XML_dynamic.asp" for s in specs)
    assert {(s.params["date_req1"], s.params["date_req2"]) for s in specs} == {
        ("01/01/2015", "28/11/2026")
    }


def test_single_dates_can_be_asked_from_the_daily_service():
    specs = SOURCE.build_requests(
        {"today": "2026-11-28", "currencies": [], "daily_dates": ["2023-09-27"]}
    )

    assert [(s.url.rsplit("/", 1)[1], s.params) for s in specs] == [
        ("XML_daily.asp", {"date_req": "27/09/2023"})
    ]


def test_a_nominal_of_10_gives_the_rate_for_one_yuan():
    rows = harmonised("daily_2019-03-01.xml")

    cny = rows[rows.currency == "CNY"].iloc[0]
    assert cny.value == pytest.approx(9.81234)
    assert cny.unit == "RUB" and cny.period == "2019-03-01" and cny.freq == "D"
    assert "quoted per 10 CNY" in cny.note


def test_the_daily_list_keeps_only_the_tracked_currencies():
    rows = harmonised("daily_2019-03-01.xml")

    assert sorted(rows.currency) == ["CNY", "EUR", "USD"]
    assert rows.set_index("currency").value.to_dict() == pytest.approx(
        {"USD": 65.8011, "EUR": 74.9022, "CNY": 9.81234}
    )


def test_rows_are_clean_fx_rate_observations():
    rows = harmonised("daily_2019-03-01.xml")

    assert list(rows.columns) == OBSERVATION_COLUMNS
    assert set(rows.indicator) == {"fx_rate"} and set(rows.reporter) == {"RUS"}
    assert set(rows.partner) == {""} and set(rows.flow) == {""} and set(rows.commodity) == {""}
    assert set(rows.status) == {"official"} and set(rows.source_id) == {"cbr-xml-rates"}
    assert rows.period.str.fullmatch(PERIOD_PATTERNS["D"].pattern).all()
    assert rows.isna().sum().sum() == 0


def test_a_change_of_nominal_within_a_series_keeps_the_per_unit_rate_continuous():
    rows = harmonised("dynamic_cny_nominal_change.xml")

    assert rows.value.tolist() == pytest.approx([8.11111, 8.42222, 8.5333])
    assert rows.note.str.contains("quoted per 10 CNY").tolist() == [True, True, False]


def test_vunitrate_when_present_agrees_with_value_over_nominal():
    rows = harmonised("dynamic_usd_vunitrate.xml")

    assert rows.value.tolist() == pytest.approx([88.1234, 89.4321])


def test_a_vunitrate_that_contradicts_value_over_nominal_is_a_format_error():
    with pytest.raises(FormatError, match="VunitRate"):
        harmonised("vunitrate_mismatch.xml")


def test_a_range_without_quotes_is_an_empty_result():
    rows = harmonised("dynamic_empty.xml")

    assert rows.empty and list(rows.columns) == OBSERVATION_COLUMNS


def test_a_complaint_in_the_root_text_is_a_provider_error():
    with pytest.raises(ProviderError, match="Error in parameters"):
        SOURCE.parse(b"<ValCurs>Error in parameters</ValCurs>")


def test_a_nominal_that_is_not_a_positive_integer_is_refused():
    body = fixture("cbr", "dynamic_usd_vunitrate.xml").replace(
        b"<Nominal>1</Nominal>", b"<Nominal>0</Nominal>", 1
    )

    with pytest.raises(FormatError, match="Nominal"):
        SOURCE.parse(body)


def test_source_rows_carry_the_bank_of_russia_citation():
    rows = SOURCE.source_rows([{"fetched_at": "2026-11-28T10:00:00Z"}])

    assert list(rows.columns) == SOURCE_COLUMNS
    assert rows.source_id.iloc[0] == "cbr-xml-rates" and "Bank of Russia" in rows.citation.iloc[0]


def test_a_fetched_dynamic_series_is_decoded_from_windows_1251():
    with ScriptedServer() as server:
        server.route(
            "/XML_dynamic.asp",
            Reply(
                200,
                fixture("cbr", "dynamic_cny_nominal_change.xml"),
                {"Content-Type": "text/xml; charset=windows-1251"},
            ),
        )
        spec = SOURCE.build_requests(
            {
                "base_url": server.url,
                "currencies": ["CNY"],
                "today": "2022-10-07",
                "start_date": "2022-10-03",
            }
        )[0]
        raw = SOURCE.fetch(spec, fast_session())

    assert server.seen[0].query == {
        "date_req1": "03/10/2022",
        "date_req2": "07/10/2022",
        "VAL_NM_RQ": "R01375",
    }
    assert raw.body == fixture("cbr", "dynamic_cny_nominal_change.xml")  # saved unchanged
    assert len(SOURCE.harmonise(SOURCE.parse(raw.body), raw.meta)) == 3

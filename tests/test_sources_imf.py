"""IMF IMTS through the SDMX API: the key, SDMX-ML parsing, and the SCALE rule."""

from __future__ import annotations

import pytest

from etl.errors import FormatError, NotFoundError, ProviderError
from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.sources import imf
from tests.test_sources_support import Reply, ScriptedServer, fast_session, fixture

SOURCE = imf.SOURCE


def harmonised(name: str):
    return SOURCE.harmonise(SOURCE.parse(fixture("imf", name)), {})


def value(rows, reporter, partner, flow, period):
    match = rows[
        (rows.reporter == reporter)
        & (rows.partner == partner)
        & (rows.flow == flow)
        & (rows.period == period)
    ]
    assert len(match) == 1
    return match.value.iloc[0]


# --- what is asked for ---------------------------------------------------------------------


def test_one_request_per_frequency_with_the_imts_key_order():
    specs = SOURCE.build_requests({})

    assert [s.url.rsplit("/", 1)[1] for s in specs] == [
        "CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.A",
        "CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.M",
    ]
    assert all(
        s.url.startswith("https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/")
        for s in specs
    )


def test_the_sdmx_2_1_endpoint_can_be_chosen_by_configuration():
    spec = SOURCE.build_requests(
        {
            "sdmx_version": "2.1",
            "frequencies": ["A"],
            "base_url": "https://api.imf.org/external/sdmx/2.1",
        }
    )[0]

    assert spec.url == (
        "https://api.imf.org/external/sdmx/2.1/data/IMF.STA,IMTS,latest/"
        "CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.A"
    )


def test_an_optional_imf_key_goes_in_a_header_only(monkeypatch):
    monkeypatch.setenv("IMF_API_KEY", "imf-secret")

    spec = SOURCE.build_requests({})[0]

    assert spec.secret_headers == {"Ocp-Apim-Subscription-Key": "imf-secret"}
    assert "imf-secret" not in spec.url + repr(spec)


# --- parsing and the SCALE rule -------------------------------------------------------------


def test_exports_are_fob_imports_cif_and_the_world_is_wld():
    rows = harmonised("imts_annual_scale6_usd.xml")

    assert list(rows.columns) == OBSERVATION_COLUMNS
    assert set(zip(rows.flow, rows.valuation, strict=True)) == {
        ("export", "FOB"),
        ("import", "CIF"),
    }
    assert "WLD" in set(rows.partner) and "G001" not in set(rows.partner)
    assert set(rows.unit) == {"USD"} and set(rows.source_id) == {"imf-imts-sdmx"}
    assert set(rows.commodity) == {"TOTAL"} and set(rows.status) == {"official"}


def test_values_already_in_dollars_are_not_multiplied_despite_scale_6():
    rows = harmonised("imts_annual_scale6_usd.xml")

    assert value(rows, "CHN", "RUS", "export", "2023") == 110900000000.0
    assert value(rows, "CHN", "WLD", "export", "2023") == 3380000000000.0
    assert rows.note.str.contains("SCALE=6 read as a display scale").all()


def test_values_stated_in_millions_with_scale_6_are_multiplied():
    rows = harmonised("imts_annual_scale6_millions.xml")

    assert value(rows, "CHN", "RUS", "export", "2022") == pytest.approx(76123450000.0)
    assert value(rows, "CHN", "WLD", "import", "2023") == pytest.approx(2556789120000.0)
    assert rows.note.str.contains("SCALE=6 applied", regex=False).all()


def test_the_standard_unit_mult_attribute_is_always_applied():
    body = fixture("imf", "imts_monthly.xml").replace(b'SCALE="6"', b'UNIT_MULT="3"')

    rows = SOURCE.harmonise(SOURCE.parse(body), {})

    assert value(rows, "CHN", "RUS", "export", "2024-01") == 8100000000000.0


def test_a_series_without_scale_is_taken_as_it_is():
    body = fixture("imf", "imts_monthly.xml").replace(b' SCALE="6"', b"")

    rows = SOURCE.harmonise(SOURCE.parse(body), {})

    assert value(rows, "CHN", "RUS", "import", "2024-01") == 10300000000.0
    assert not rows.note.str.contains("SCALE").any()


def test_a_scale_attached_to_a_group_applies_to_the_series_of_that_group():
    body = fixture("imf", "imts_annual_scale6_millions.xml").replace(b' SCALE="6"', b"")
    body = body.replace(
        b"<Series ",
        b'<Group COUNTRY="CHN" INDICATOR="XG_FOB_USD" SCALE="6"/>\n    <Series ',
        1,
    )

    rows = SOURCE.harmonise(SOURCE.parse(body), {})

    assert value(rows, "CHN", "RUS", "export", "2022") == pytest.approx(76123450000.0)
    assert value(rows, "CHN", "WLD", "import", "2023") == pytest.approx(2556789.12)


def test_a_unit_attribute_other_than_dollars_is_refused():
    body = fixture("imf", "imts_monthly.xml").replace(b'SCALE="6"', b'SCALE="6" UNIT="EUR"')

    with pytest.raises(FormatError, match="UNIT='EUR'"):
        SOURCE.harmonise(SOURCE.parse(body), {})


def test_monthly_periods_in_sdmx_form_become_year_dash_month():
    rows = harmonised("imts_monthly.xml")

    assert sorted(set(rows.period)) == ["2024-01", "2024-02"] and set(rows.freq) == {"M"}


def test_a_missing_observation_is_dropped_not_published_as_zero():
    rows = harmonised("imts_annual_scale6_usd.xml")

    assert rows[(rows.reporter == "RUS") & (rows.period == "2022")].empty


def test_an_empty_dataset_gives_no_rows():
    rows = harmonised("imts_empty_dataset.xml")

    assert rows.empty and list(rows.columns) == OBSERVATION_COLUMNS


def test_an_sdmx_no_results_message_is_an_empty_result():
    assert harmonised("no_results_404.xml").empty


def test_any_other_sdmx_error_message_is_a_provider_error():
    with pytest.raises(ProviderError, match="code 150"):
        SOURCE.parse(fixture("imf", "semantic_error.xml"))


def test_sdmx_json_instead_of_xml_is_a_format_error_that_says_what_to_ask_for():
    with pytest.raises(FormatError, match="Accept header"):
        SOURCE.parse(b'{"data": {"dataSets": []}}')


def test_an_unexpected_indicator_is_refused_rather_than_guessed():
    body = fixture("imf", "imts_monthly.xml").replace(b"MG_CIF_USD", b"TBG_USD")

    with pytest.raises(FormatError, match="TBG_USD"):
        SOURCE.harmonise(SOURCE.parse(body), {})


def test_source_rows_cite_the_imf_dataflow():
    rows = SOURCE.source_rows(
        [
            {
                "url": "https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/CHN.X.Y.A?a=b",
                "fetched_at": "2026-11-28T10:00:00Z",
            }
        ]
    )

    assert list(rows.columns) == SOURCE_COLUMNS
    assert rows.url.iloc[0] == "https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/"
    assert rows.source_id.iloc[0] == "imf-imts-sdmx" and rows.date_accessed.iloc[0] == "2026-11-28"


# --- over HTTP ------------------------------------------------------------------------------


def _annual_spec(server: ScriptedServer):
    return SOURCE.build_requests({"base_url": server.url, "frequencies": ["A"]})[0]


def test_a_fetch_asks_for_sdmx_ml_and_parses_the_answer():
    with ScriptedServer() as server:
        server.route(
            "/data/dataflow/IMF.STA/IMTS/+/CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.A",
            Reply(
                200,
                fixture("imf", "imts_annual_scale6_usd.xml"),
                {"Content-Type": "application/vnd.sdmx.data+xml;version=3.0.0"},
            ),
        )
        raw = SOURCE.fetch(_annual_spec(server), fast_session())

    assert "application/vnd.sdmx.data+xml" in server.seen[0].headers["Accept"]
    assert len(SOURCE.harmonise(SOURCE.parse(raw.body), raw.meta)) == 7


def test_a_404_carrying_sdmx_no_results_is_kept_as_an_empty_answer():
    with ScriptedServer() as server:
        server.route(
            "/data/dataflow/IMF.STA/IMTS/+/CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.A",
            Reply(404, fixture("imf", "no_results_404.xml")),
        )
        raw = SOURCE.fetch(_annual_spec(server), fast_session())

    assert raw.meta["http_status"] == 404
    assert SOURCE.harmonise(SOURCE.parse(raw.body), raw.meta).empty


def test_a_plain_404_is_not_found():
    # No route: the server answers a JSON 404, as a gateway would.
    with ScriptedServer() as server, pytest.raises(NotFoundError, match="IMF_API_KEY"):
        SOURCE.fetch(_annual_spec(server), fast_session())

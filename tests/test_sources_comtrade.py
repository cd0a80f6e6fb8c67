"""UN Comtrade API v1: planning queries under the row limit, parsing and harmonising records."""

from __future__ import annotations

import json

import pytest

from etl.errors import AuthError, FormatError, ProviderError, RateLimitedError
from etl.schema import OBSERVATION_COLUMNS, PERIOD_PATTERNS, SOURCE_COLUMNS
from etl.sources import comtrade, parse_file
from tests.test_sources_support import FIXTURES, Reply, ScriptedServer, fast_session, fixture

SOURCE = comtrade.SOURCE
TODAY = {"today": "2026-11-28"}


def harmonised(name: str, **meta):
    return SOURCE.harmonise(SOURCE.parse(fixture("comtrade", name)), meta)


# --- what is asked for ---------------------------------------------------------------------


def test_without_a_key_the_keyless_preview_is_used(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    specs = SOURCE.build_requests(TODAY)

    assert specs and all("/public/v1/preview/C/" in s.url for s in specs)
    assert all(s.row_limit == 500 and s.secret_headers == {} for s in specs)


def test_every_query_names_the_totals_explicitly_so_nothing_is_double_counted(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    for spec in SOURCE.build_requests(TODAY):
        assert spec.params["partner2Code"] == "0"
        assert spec.params["motCode"] == "0"
        assert spec.params["customsCode"] == "C00"
        assert spec.params["flowCode"] in ("X,M", "X", "M")
        # a partner table leaves partnerCode out: the API then answers for every partner
        assert spec.params.get("partnerCode") or "all partners" in spec.label
        assert spec.params["maxRecords"] == str(spec.row_limit)


def test_both_directions_are_asked_so_the_mirror_has_two_sides(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    pairs = {
        (s.params["reporterCode"], s.params["partnerCode"].split(",")[0])
        for s in SOURCE.build_requests(TODAY)
        if "partnerCode" in s.params
    }

    assert pairs == {("156", "643"), ("643", "156")}


def test_annual_monthly_total_and_hs_chapters_are_all_requested(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    kinds = {
        (s.url.rsplit("/C/", 1)[1][0], s.params["cmdCode"]) for s in SOURCE.build_requests(TODAY)
    }

    assert kinds == {("A", "TOTAL"), ("A", "AG2"), ("M", "TOTAL"), ("M", "AG2")}


@pytest.mark.parametrize("keyed", [False, True])
def test_no_planned_query_can_reach_the_row_limit(monkeypatch, keyed):
    if keyed:
        monkeypatch.setenv("COMTRADE_API_KEY", "secret")
    else:
        monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    for spec in SOURCE.build_requests(TODAY):
        commodities = 1 if spec.params["cmdCode"] == "TOTAL" else comtrade.HS_CHAPTERS_MAX
        partners = (len(spec.params["partnerCode"].split(",")) if "partnerCode" in spec.params
                    else comtrade.PARTNER_AREAS_MAX)
        flows = len(spec.params["flowCode"].split(","))
        periods = len(spec.params["period"].split(","))
        worst_case = commodities * flows * partners * periods
        assert worst_case < spec.row_limit, spec.label


def test_periods_are_split_across_calls_without_gaps_or_overlaps(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    specs = SOURCE.build_requests({**TODAY, "pairs": [[156, 643]], "monthly": False})

    hs_periods = [
        p for s in specs if s.params["cmdCode"] == "AG2" for p in s.params["period"].split(",")
    ]

    assert hs_periods == [str(y) for y in range(2015, 2026)]
    assert (
        max(len(s.params["period"].split(",")) for s in specs if s.params["cmdCode"] == "AG2") == 2
    )


def test_with_a_key_the_keyed_endpoint_is_used_and_the_key_only_goes_in_a_header(monkeypatch):
    monkeypatch.setenv("COMTRADE_API_KEY", "s3cr3t")

    specs = SOURCE.build_requests(TODAY)

    assert all("/data/v1/get/C/" in s.url for s in specs)
    assert all(s.secret_headers == {"Ocp-Apim-Subscription-Key": "s3cr3t"} for s in specs)
    assert all("s3cr3t" not in json.dumps(s.params) + s.url + repr(s) for s in specs)
    assert all(s.row_limit == 100000 for s in specs)


def test_asking_for_the_keyed_endpoint_without_a_key_is_an_auth_error(monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)

    with pytest.raises(AuthError, match="COMTRADE_API_KEY"):
        SOURCE.build_requests({**TODAY, "mode": "keyed"})


# --- parsing and harmonising ---------------------------------------------------------------


def test_totals_become_trade_value_rows_in_usd_with_fob_exports_and_cif_imports():
    rows = harmonised(
        "chn_rus_annual_total.json", url="https://comtradeapi.un.org/data/v1/get/C/A/HS?x=1"
    )

    assert list(rows.columns) == OBSERVATION_COLUMNS
    assert len(rows) == 8
    exports_2023 = rows[(rows.period == "2023") & (rows.partner == "RUS") & (rows.flow == "export")]
    assert exports_2023.value.tolist() == [100000000005.0]
    assert set(zip(rows.flow, rows.valuation, strict=True)) == {
        ("export", "FOB"),
        ("import", "CIF"),
    }
    assert set(rows.partner) == {"RUS", "WLD"} and set(rows.reporter) == {"CHN"}
    assert set(rows.unit) == {"USD"} and set(rows.commodity) == {"TOTAL"}
    assert set(rows.status) == {"official"} and set(rows.source_id) == {"comtrade-api-v1"}
    assert not rows.cumulative.any()
    assert rows.note.iloc[0] == "reported by China; HS2022 (H6)"


def test_the_other_valuation_when_reported_is_kept_in_the_note():
    rows = harmonised("chn_rus_annual_total.json")

    imports_2022 = rows[(rows.period == "2022") & (rows.flow == "import") & (rows.partner == "RUS")]
    assert "FOB value also reported: 108000000000 USD" in imports_2022.note.iloc[0]


def test_hs_chapters_keep_their_leading_zeros_and_the_hs_revision():
    rows = harmonised("rus_chn_annual_hs2.json")

    values = rows[rows.indicator == "trade_value"]
    assert values.commodity.tolist() == ["01", "27", "44", "84", "85"]
    assert values.note.str.contains("HS2017 (H5)", regex=False).all()


def test_a_null_value_is_skipped_rather_than_published_as_zero():
    rows = harmonised("rus_chn_annual_hs2.json")

    assert "99" not in rows.commodity.tolist()


def test_net_weight_in_kilograms_becomes_tonnes_and_null_or_zero_weight_gives_no_row():
    rows = harmonised("rus_chn_annual_hs2.json")

    tonnes = rows[rows.indicator == "trade_quantity"]
    assert dict(zip(tonnes.commodity, tonnes.value, strict=True)) == {
        "27": 150000000.0,
        "84": 900000.0,
    }
    assert set(tonnes.unit) == {"t"} and set(tonnes.valuation) == {""}
    assert tonnes.set_index("commodity").qualifier.to_dict() == {"27": "approx", "84": "exact"}


def test_monthly_periods_are_written_year_dash_month():
    rows = harmonised("chn_rus_monthly_total.json")

    assert set(rows.period) == {"2024-01", "2024-02"} and set(rows.freq) == {"M"}
    assert rows.period.str.fullmatch(PERIOD_PATTERNS["M"].pattern).all()


def test_a_single_record_given_as_an_object_is_read_like_a_list_of_one():
    rows = harmonised("single_record_object.json")

    assert rows[["reporter", "partner", "flow", "value"]].values.tolist() == [
        ["RUS", "CHN", "import", 95000000000.0]
    ]


def test_an_empty_result_gives_no_rows_but_the_full_set_of_columns():
    rows = harmonised("empty.json")

    assert rows.empty and list(rows.columns) == OBSERVATION_COLUMNS


def test_a_count_that_disagrees_with_the_records_is_a_format_error():
    body = json.loads(fixture("comtrade", "chn_rus_annual_total.json"))
    body["count"] = 9

    with pytest.raises(FormatError, match="'count' says 9 but 'data' holds 8"):
        SOURCE.parse(json.dumps(body).encode())


def test_a_result_exactly_at_the_row_limit_is_treated_as_truncated():
    frame = SOURCE.parse(fixture("comtrade", "chn_rus_annual_total.json"))  # 8 records

    with pytest.raises(FormatError, match="row limit"):
        SOURCE.harmonise(frame, {"row_limit": 8})
    assert len(SOURCE.harmonise(frame, {"row_limit": 9})) == 8


def test_a_breakdown_row_next_to_totals_is_refused_because_it_would_double_count():
    with pytest.raises(FormatError, match="motCode"):
        harmonised("breakdown_motcode.json")


def test_an_error_reported_in_the_body_is_a_provider_error():
    with pytest.raises(ProviderError, match="period is invalid"):
        SOURCE.parse(fixture("comtrade", "error_member_set.json"))


def test_an_hs_code_given_as_a_number_is_refused_because_its_leading_zero_is_lost():
    body = json.loads(fixture("comtrade", "rus_chn_annual_hs2.json"))
    body["data"][0]["cmdCode"] = 1

    with pytest.raises(FormatError, match="cmdCode should be a string"):
        SOURCE.parse(json.dumps(body).encode())


def test_source_rows_name_each_endpoint_once_with_licence_and_access_date():
    metas = [
        {
            "url": "https://comtradeapi.un.org/public/v1/preview/C/A/HS?a=1",
            "fetched_at": "2026-11-28T10:00:00Z",
        },
        {
            "url": "https://comtradeapi.un.org/public/v1/preview/C/M/HS?a=2",
            "fetched_at": "2026-11-28T10:00:00Z",
        },
    ]

    rows = SOURCE.source_rows(metas)

    assert list(rows.columns) == SOURCE_COLUMNS
    assert rows.source_id.tolist() == ["comtrade-api-v1-preview"]
    assert rows.url.iloc[0] == "https://comtradeapi.un.org/public/v1/preview/C/{A|M}/HS"
    assert rows.date_accessed.iloc[0] == "2026-11-28" and rows.kind.iloc[0] == "api"
    assert "UN Comtrade" in rows.licence.iloc[0]


def test_parse_file_reads_a_fixture_without_a_sidecar():
    rows = parse_file("comtrade", FIXTURES / "comtrade" / "chn_rus_monthly_total.json")

    assert len(rows) == 4 and list(rows.columns) == OBSERVATION_COLUMNS


# --- over HTTP ------------------------------------------------------------------------------


def _one_request(server: ScriptedServer, monkeypatch, key: str | None):
    if key:
        monkeypatch.setenv("COMTRADE_API_KEY", key)
    else:
        monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    return SOURCE.build_requests(
        {
            **TODAY,
            "base_url": server.url,
            "pairs": [[156, 643]],
            "monthly": False,
            "hs_chapters": False,
        }
    )[0]


def test_a_fetched_preview_response_harmonises_and_its_request_matches_the_documented_form(
    monkeypatch,
):
    with ScriptedServer() as server:
        server.route(
            "/public/v1/preview/C/A/HS",
            Reply(
                200,
                fixture("comtrade", "chn_rus_annual_total.json"),
                {"Content-Type": "application/json; charset=utf-8"},
            ),
        )
        spec = _one_request(server, monkeypatch, key=None)

        raw = SOURCE.fetch(spec, fast_session())

    query = server.seen[0].query
    assert query["reporterCode"] == "156" and query["partnerCode"] == "643,0"
    assert query["partner2Code"] == "0" and query["motCode"] == "0"
    assert query["customsCode"] == "C00" and query["cmdCode"] == "TOTAL"
    assert len(SOURCE.harmonise(SOURCE.parse(raw.body), raw.meta)) == 8
    assert raw.meta["row_limit"] == 500


def test_a_bad_key_is_an_auth_error_that_says_what_to_do(monkeypatch):
    with ScriptedServer() as server:
        server.route(
            "/data/v1/get/C/A/HS", Reply(401, fixture("comtrade", "error_401_invalid_key.json"))
        )
        spec = _one_request(server, monkeypatch, key="wrong-key-123")

        with pytest.raises(AuthError) as caught:
            SOURCE.fetch(spec, fast_session())

    assert "COMTRADE_API_KEY" in str(caught.value)
    assert "wrong-key-123" not in str(caught.value)


def test_an_exhausted_quota_is_a_rate_limit_error(monkeypatch):
    with ScriptedServer() as server:
        server.route("/data/v1/get/C/A/HS", Reply(403, fixture("comtrade", "error_403_quota.json")))
        spec = _one_request(server, monkeypatch, key="k")

        with pytest.raises(RateLimitedError, match="quota"):
            SOURCE.fetch(spec, fast_session())

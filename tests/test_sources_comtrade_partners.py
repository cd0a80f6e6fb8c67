"""UN Comtrade covers every partner: any M49 area code maps to the project's codes through the
area table (data beside the connector), groups and unallocated areas stay apart from countries,
and a refresh asks for China's and Russia's tables of all partners."""

from __future__ import annotations

import json
import re

import pandas as pd
import pycountry
import pytest
import responses

from etl.derive.totals import official_totals
from etl.errors import FormatError
from etl.mappings import load_mappings
from etl.pipeline import build_tables, read_inputs
from etl.sources import collect, comtrade, m49, make_session
from tests.helpers import DATA, run_etl
from tests.test_sources_support import FIXTURES, fixture

SOURCE = comtrade.SOURCE
TABLE = "chn_all_partners_annual_2024.json"
KEYED = {"url": "https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=156"}


def table_rows():
    return SOURCE.harmonise(SOURCE.parse(fixture("comtrade", TABLE)), KEYED)


# --- the area table --------------------------------------------------------------------------
def test_every_partner_of_a_full_table_gets_a_code():
    rows = table_rows()

    assert set(rows["partner"]) == {"WLD", "USA", "HKG", "JPN", "KOR", "TWN", "RUS", "VNM",
                                    "DEU", "FRA", "IND", "CHE", "M49-899"}
    assert len(rows) == 26 and set(rows["reporter"]) == {"CHN"}


def test_comtrades_own_codes_map_to_the_iso_countries_they_stand_for():
    table = m49.area_table().set_index("m49")

    for code, iso in {842: "USA", 251: "FRA", 699: "IND", 757: "CHE", 579: "NOR", 381: "ITA",
                      840: "USA", 156: "CHN", 643: "RUS", 0: "WLD"}.items():
        assert table.loc[code, "code"] == iso, code


def test_other_asia_nes_is_taken_as_taiwan_and_says_so():
    area = m49.area_table().set_index("m49").loc[490]

    assert (area["code"], area["kind"]) == ("TWN", "territory")
    assert "in practice Taiwan" in area["note"]


def test_groups_and_unallocated_areas_keep_codes_of_their_own_apart_from_countries():
    rows = table_rows()
    areas_nes = rows[rows["partner"] == "M49-899"]
    kinds = m49.area_table().set_index("code")["kind"]

    assert kinds["M49-899"] == "nes" and kinds["M49-97"] == "group"
    assert kinds["M49-810"] == "former"
    assert areas_nes["note"].str.endswith("partner Areas, nes (nes area, not a country)").all()
    assert not rows[rows["partner"] == "USA"]["note"].str.contains("not a country").any()


def test_the_area_table_holds_every_iso_country_with_its_own_numeric_code():
    table = m49.area_table()
    by_m49 = dict(zip(table["m49"], table["code"], strict=True))

    assert table["m49"].is_unique
    for country in pycountry.countries:
        assert by_m49[int(country.numeric)] == country.alpha_3, country.name
    assert set(table["kind"]) == {"world", "country", "territory", "group", "former", "nes",
                                  "special"}


def test_an_unknown_area_code_is_an_error_naming_the_file_to_extend():
    body = json.loads(fixture("comtrade", TABLE))
    body["data"][0]["partnerCode"] = 9999

    with pytest.raises(FormatError, match=r"unexpected area code 9999: not in m49_areas\.csv"):
        SOURCE.harmonise(SOURCE.parse(json.dumps(body).encode()), KEYED)


def test_every_area_is_in_the_partner_vocabulary_and_partners_csv_names_win():
    partners = load_mappings(DATA).partners.set_index("code")

    assert {"FRA", "CHE", "TWN", "M49-899", "M49-97"} <= set(partners.index)
    assert partners.loc["RUS", "name"] == "Russia"  # partners.csv, not ISO's "Russian Federation"
    assert partners.index.is_unique


# --- what a refresh asks for -----------------------------------------------------------------
def partner_specs(monkeypatch, keyed: bool):
    if keyed:
        monkeypatch.setenv("COMTRADE_API_KEY", "secret")
    else:
        monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    specs = SOURCE.build_requests({"today": "2026-11-28"})
    return [s for s in specs if "partnerCode" not in s.params]


def test_a_refresh_asks_china_and_russia_for_their_annual_total_with_every_partner(monkeypatch):
    specs = partner_specs(monkeypatch, keyed=True)

    assert {s.params["reporterCode"] for s in specs} == {"156", "643"}
    assert {s.params["cmdCode"] for s in specs} == {"TOTAL"}
    assert all("/C/A/HS" in s.url for s in specs)
    years = sorted({y for s in specs if s.params["reporterCode"] == "156"
                    for y in s.params["period"].split(",")})
    assert years == [str(y) for y in range(2015, 2026)]
    assert {s.params["flowCode"] for s in specs} == {"X,M"}


def test_the_keyless_preview_asks_one_flow_and_year_at_a_time_to_stay_under_500_records(
        monkeypatch):
    specs = partner_specs(monkeypatch, keyed=False)

    assert {s.params["flowCode"] for s in specs} == {"X", "M"}
    assert all(len(s.params["period"].split(",")) == 1 for s in specs)
    assert comtrade.PARTNER_AREAS_MAX < 500
    assert specs[0].label == "CHN→all partners annual total exports 2015"


# --- end to end, mocked at the requests layer --------------------------------------------------
def reply(request):
    query = dict(pair.split("=", 1) for pair in request.url.split("?", 1)[1].split("&"))
    body = json.loads(fixture("comtrade", TABLE))
    flows = set(query["flowCode"].replace("%2C", ",").split(","))
    years = set(query["period"].replace("%2C", ",").split(","))
    body["data"] = [r for r in body["data"]
                    if r["flowCode"] in flows and r["period"] in years
                    and str(r["reporterCode"]) == query["reporterCode"]]
    body["count"] = len(body["data"])
    return 200, {"Content-Type": "application/json"}, json.dumps(body)


@responses.activate
def test_a_refresh_brings_chinas_partner_table_into_a_valid_snapshot(tmp_path, monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    responses.add_callback(responses.GET, re.compile(r"https://comtradeapi\.un\.org/.*"),
                           callback=reply)
    config = {"pairs": [], "partner_tables": [156], "monthly": False, "start_year": 2024,
              "end_year": 2024}

    result = collect("comtrade", tmp_path, session=make_session(retries=0), config=config)

    assert result.state == "fresh", result.error
    assert result.observations["partner"].nunique() == 13
    tables = build_tables(read_inputs(DATA, [result]))  # validation accepts every partner
    obs = tables["observations"]
    totals = obs[(obs["source_id"] == "derived-total") & (obs["period"] == "2024")]
    usa = totals[totals["partner"] == "USA"].iloc[0]
    assert usa["value"] == pytest.approx(680_000_000_002.0)
    assert usa["derived_from"] == "comtrade-api-v1-preview"


def test_totals_are_summed_within_one_official_table_only():
    rows = table_rows()
    press = rows.assign(status="sourced", source_id="press")

    totals = official_totals(pd.concat([rows, press], ignore_index=True))

    assert set(totals["derived_from"]) == {"comtrade-api-v1"}
    assert len(totals) == 13
    assert official_totals(pd.concat([rows, rows.assign(flow="total")])).empty
    bilateral = rows[rows["partner"].isin(["RUS", "WLD"])]
    assert official_totals(bilateral).empty  # a two-partner series is no partner table


def test_two_official_tables_of_one_reporter_and_year_give_one_total_each_partner():
    rows = table_rows()
    other = rows.assign(source_id="imf-imts-sdmx", value=rows["value"] * 1.01)

    totals = official_totals(pd.concat([rows, other], ignore_index=True))

    assert len(totals) == 13 and totals.duplicated(["partner", "period"]).sum() == 0


def test_etl_parse_reads_a_response_with_any_partners(tmp_path):
    path = FIXTURES / "comtrade" / TABLE

    done = run_etl("parse", "comtrade", str(path), root=DATA)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1 + 26
    assert any(",TWN," in line for line in lines) and any(",M49-899," in line for line in lines)

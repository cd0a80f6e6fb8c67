"""Every chart's "Download CSV" is exactly the frame its view computes for the same URL state,
byte for byte, with the source columns; the ZIP adds metadata and a README."""

from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import urlencode

import pytest

from etl.export import to_csv_bytes

DOWNLOADS = [
    ("explorer", "trade", {}),
    ("explorer", "trade", {"freq": "M", "flows": "total,balance", "start": "2022"}),
    ("explorer", "trade", {"currency": "CNY", "flows": "export,import"}),
    ("explorer", "trade", {"currency": "RUB", "measure": "growth", "flows": "total"}),
    ("explorer", "commodities", {"view": "commodities", "year": "2022"}),
    ("explorer", "sources", {"view": "sources", "pair": "cn_imports"}),
    ("partners", "ranking", {"basis": "blocs_as_units"}),
    ("partners", "timeline", {"reporter": "RUS"}),
    ("partners", "table", {"table": "2023"}),
    ("currencies", "settlement", {"flow": "import", "shares": "RUB,CNY"}),
    ("currencies", "fx", {"pair": "rub_usd", "start": "2020"}),
    ("energy", "crude", {"measure": "barrels"}),
    ("energy", "suppliers", {}),
    ("energy", "gas", {}),
    ("energy", "share", {}),
    ("data", "sources", {"q": "tass", "sort": "publisher", "order": "asc"}),
    ("data", "quality", {}),
]


def view_frame(snapshot, page, chart, query):
    return snapshot.views.request(page, query).chart(chart).rows


@pytest.mark.parametrize(("page", "chart", "query"), DOWNLOADS)
def test_a_charts_csv_is_exactly_the_frame_its_view_draws(
    client, bundled_snapshot, page, chart, query
):
    url = f"/download/{page}/{chart}.csv?{urlencode({**query, 'v': bundled_snapshot.version})}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert f'filename="{page}-{chart}.csv"' in response.headers["Content-Disposition"]
    frame = view_frame(bundled_snapshot, page, chart, query)
    assert not frame.empty
    assert response.data == to_csv_bytes(frame)


@pytest.mark.parametrize(("page", "chart", "query"), [d for d in DOWNLOADS if d[0] != "data"])
def test_every_chart_download_names_its_sources(client, page, chart, query):
    header = client.get(f"/download/{page}/{chart}.csv?{urlencode(query)}").data.split(b"\n")[0]
    columns = header.decode().split(",")
    assert {"source_id", "publisher", "url", "date_published"} <= set(columns)


def test_the_csv_changes_with_the_users_unit_choice(client):
    dollars = client.get("/download/explorer/trade.csv?currency=USD").data
    yuan = client.get("/download/explorer/trade.csv?currency=CNY").data
    assert dollars != yuan
    assert b"CN\xc2\xa5 bn" in yuan and b"CN\xc2\xa5 bn" not in dollars


def test_an_invalid_query_downloads_what_the_page_shows_for_it(client, bundled_snapshot):
    query = {"currency": "DOGE", "start": "2030", "end": "1990"}
    response = client.get(f"/download/explorer/trade.csv?{urlencode(query)}")
    assert response.status_code == 200
    assert response.data == to_csv_bytes(view_frame(bundled_snapshot, "explorer", "trade", query))


def test_the_zip_holds_the_csv_metadata_and_a_readme_with_sources_and_licences(
    client, bundled_snapshot
):
    query = {"basis": "incl_hk_tw"}
    response = client.get(f"/download/partners/ranking.zip?{urlencode(query)}")
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == [
        "README.md",
        "partners-ranking.csv",
        "partners-ranking.json",
    ]
    frame = view_frame(bundled_snapshot, "partners", "ranking", query)
    assert archive.read("partners-ranking.csv") == to_csv_bytes(frame)
    meta = json.loads(archive.read("partners-ranking.json"))
    assert meta["title"].startswith("Russia ranks #")
    assert meta["query"]["basis"] == "incl_hk_tw"
    assert meta["snapshot_version"] == bundled_snapshot.version
    assert meta["sources"] and all(s["licence"] for s in meta["sources"])
    readme = archive.read("README.md").decode()
    assert "How to cite" in readme and "Sources and licences" in readme


@pytest.mark.parametrize(("page", "chart", "query"), DOWNLOADS)
def test_every_charts_zip_downloads_with_the_sources_its_rows_name(client, page, chart, query):
    response = client.get(f"/download/{page}/{chart}.zip?{urlencode(query)}")
    assert response.status_code == 200, response.data[:300]
    meta = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read(f"{page}-{chart}.json"))
    assert meta["rows"] == 0 or meta["sources"]


def test_a_download_pinned_to_an_unknown_version_uses_the_current_one(client):
    response = client.get("/download/energy/gas.csv?v=19990101T000000Z-deadbeef")
    assert response.status_code == 200 and b"Power of Siberia" in response.data


def test_an_unknown_chart_is_a_friendly_404(client):
    response = client.get("/download/explorer/pie.csv")
    assert response.status_code == 404
    assert b"No chart" in response.data and b"trade, commodities, sources" in response.data
    assert b"Traceback" not in response.data

"""Plain HTTP routes beside the pages: /health, whole-table and claim downloads, friendly errors."""

from __future__ import annotations

import io
import zipfile

from etl.export import to_csv_bytes


def test_health_reports_the_version_and_each_sources_freshness(client, bundled_snapshot):
    response = client.get("/health")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["version"] == bundled_snapshot.version
    assert body["built_at"] == bundled_snapshot.built_at
    assert body["age_hours"] >= 0
    states = {s["source_id"]: s["state"] for s in body["sources"]}
    assert states == {
        "curated": "fresh",
        "comtrade": "unavailable",
        "imf": "unavailable",
        "cbr": "unavailable",
        "ecb": "unavailable",
    }
    assert body["tables"]["observations"] == len(bundled_snapshot.tables["observations"])


def test_health_with_live_sources_reports_them_fresh(live_client, live_snapshot):
    body = live_client.get("/health").get_json()
    assert body["status"] == "ok" and body["stale_sources"] == []
    fetched = {s["source_id"]: s["fetched_at"] for s in body["sources"]}
    assert fetched["comtrade"] == fetched["imf"] == fetched["cbr"] == "2026-11-20T08:00:00Z"


def test_a_whole_table_downloads_as_csv(client, bundled_snapshot):
    response = client.get(f"/download/table/sources.csv?v={bundled_snapshot.version}")
    assert response.status_code == 200
    assert response.data == to_csv_bytes(bundled_snapshot.tables["sources"])


def test_a_claims_csv_and_zip_still_download(client, bundled_snapshot):
    claim = bundled_snapshot.tables["claims"]["claim_id"].iloc[-1]
    csv = client.get(f"/download/claim/{claim}.csv")
    assert csv.status_code == 200 and csv.data.startswith(b"label,")
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/download/claim/{claim}.zip").data))
    assert f"claim-{claim}.csv" in archive.namelist()


def test_unknown_tables_and_pages_get_a_friendly_page_not_a_traceback(client):
    for url in ("/download/table/secrets.csv", "/download/explorer/pie.zip"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Traceback" not in response.data


def test_an_unknown_download_path_is_an_http_404_naming_the_downloads_that_exist(client):
    for path in ("/download/nowhere/x.csv", "/download/x"):
        response = client.get(path)
        assert response.status_code == 404
        assert b"/download/claim/" in response.data and b"Traceback" not in response.data

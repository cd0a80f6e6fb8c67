"""Source tiers on the page and in the downloads: beside every source line, in the data &
sources table, and as columns of every chart's CSV and ZIP."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pandas as pd

from dashboard.components import source_list
from dashboard.pages import sources as sources_page
from tests.dashboard.support import find_all, text_of


def test_a_source_line_names_the_tier_and_a_reprints_original():
    frame = pd.DataFrame([
        {"source_id": "tass", "publisher": "TASS", "title": "", "url": "https://tass.com/1",
         "date_published": "2024-01-20", "tier": "wire", "original_publisher": "GACC"},
        {"source_id": "copy", "publisher": "news.az", "title": "", "url": "https://news.az/1",
         "date_published": "2024-06", "tier": "reprint", "original_publisher": "TASS"},
    ])

    text = text_of(source_list(frame))

    assert "TASS (2024-01-20, news agency)" in text
    assert "news.az (2024-06, reprint of TASS)" in text


def test_the_data_and_sources_table_has_a_tier_for_every_source(render, bundled_snapshot):
    tree = render(sources_page)
    header = [text_of(th) for th in find_all(tree, "Th")]
    rows = [r for r in find_all(tree, "Tr") if "data-source" in r.to_plotly_json()["props"]]

    assert "Tier" in header
    tiers = {text_of(r.children[5]) for r in rows}
    assert {"Official statistics", "news agency", "press"} <= tiers
    assert any(t.startswith("reprint of ") for t in tiers)


def test_a_claims_csv_and_zip_carry_the_tier_of_each_source(client):
    csv_text = client.get("/download/claim/fifth-largest-partner.csv").data.decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    zipped = client.get("/download/claim/fifth-largest-partner.zip").data
    archive = zipfile.ZipFile(io.BytesIO(zipped))
    meta = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith(".json"))))

    assert rows and "tier" in rows[0] and "original_publisher" in rows[0]
    assert {r["tier"] for r in rows} >= {"press"}
    assert all("tier" in s for s in meta["sources"])
    assert "[press]" in archive.read("README.md").decode()


def test_the_sources_table_download_has_the_tier_column(client):
    header = client.get("/download/table/sources.csv").data.decode().splitlines()[0]

    assert "tier" in header.split(",")


def test_the_data_page_shows_the_corrections(render):
    tree = render(sources_page)
    [section] = [s for s in find_all(tree, "Section") if s.id == "corrections"]

    assert "c-2023-06-exports" in text_of(section)

"""/download/table/observations.csv on a version whose observations have a detail part (HS-6
rows, published apart and never loaded by a worker): the download holds every row, byte for
byte what `python -m etl export observations` gives, streamed from the detail part a batch at a
time rather than read whole."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.app import create_app
from etl import store
from etl.export import to_csv_bytes
from etl.store import current_version, publish, read_manifest, read_table
from tests.dashboard.support import copy_data, offline_refresh

DETAIL_ROWS = 95


@pytest.fixture(scope="module")
def detail_root(tmp_path_factory):
    """The bundled snapshot published again with HS-6 detail rows (one of them holding a
    carriage return, another a formula-like note)."""
    root = copy_data(tmp_path_factory.mktemp("detail") / "data")
    offline_refresh(root)
    version = current_version(root)
    manifest = read_manifest(version, root)
    tables = {name: read_table(name, version, root) for name in manifest["tables"]}
    obs = tables["observations"]
    detail = pd.concat([obs.iloc[:1]] * DETAIL_ROWS, ignore_index=True)
    detail["commodity"] = [f"2709{n:02d}" for n in range(DETAIL_ROWS)]
    detail["value"] = [1000.0 + n for n in range(DETAIL_ROWS)]
    detail.loc[3, "note"] = "line one\rline two"
    detail.loc[4, "note"] = "=1+1"
    tables["observations"] = pd.concat([obs, detail], ignore_index=True)
    publish(tables, root=root, sources_state=manifest.get("sources_state"),
            split={"observations": DETAIL_ROWS})
    return root


def test_the_table_download_holds_the_detail_rows_as_the_export_command_does(
        detail_root, monkeypatch):
    app = create_app(detail_root, check_every=3600, build_if_missing=False)
    version = current_version(detail_root)
    served = app.server.config["SNAPSHOT_STORE"].current()
    assert store.detail_part("observations", version, detail_root) is not None
    core_rows = len(served.tables["observations"])  # what the worker holds: no detail

    monkeypatch.setattr(store, "DETAIL_BATCH_ROWS", 10)  # several batches
    whole_reads = []
    real = store._read_parquet
    monkeypatch.setattr(store, "_read_parquet",
                        lambda path, *a: whole_reads.append(path.name) or real(path, *a))
    response = app.server.test_client().get("/download/table/observations.csv")

    assert response.status_code == 200
    assert response.is_streamed
    body = response.get_data()
    assert whole_reads == []  # the detail part was never read whole in the worker
    monkeypatch.undo()
    exported = to_csv_bytes(read_table("observations", version, detail_root))
    assert body == exported  # what `python -m etl export observations` prints
    lines = pd.read_csv(__import__("io").BytesIO(body), keep_default_na=False)
    assert len(lines) == core_rows + DETAIL_ROWS
    assert "'=1+1" in lines["note"].tolist()  # formula cells neutralised in the detail too
    assert response.headers["Content-Disposition"].endswith(f'observations-{version}.csv"')


def test_a_table_without_detail_is_served_whole_as_before(detail_root):
    app = create_app(detail_root, check_every=3600, build_if_missing=False)
    response = app.server.test_client().get("/download/table/sources.csv")
    assert response.status_code == 200
    version = current_version(detail_root)
    assert response.get_data() == to_csv_bytes(read_table("sources", version, detail_root))


def test_a_damaged_detail_part_answers_503_not_a_cut_file(detail_root, tmp_path):
    app = create_app(detail_root, check_every=3600, build_if_missing=False)
    version = current_version(detail_root)
    path = store.detail_part("observations", version, detail_root)
    saved = path.read_bytes()
    try:
        path.write_bytes(b"not parquet at all")
        response = app.server.test_client().get("/download/table/observations.csv")
        assert response.status_code == 503
        assert "damaged" in response.get_data(as_text=True)
    finally:
        path.write_bytes(saved)

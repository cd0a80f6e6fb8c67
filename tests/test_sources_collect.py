"""collect(): fresh / unchanged / cached / stale / unavailable / failed, never a half set."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from etl.errors import EtlError
from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.sources import REGISTRY, collect, make_session, parse_file, raw_store
from tests.test_sources_support import Reply, ScriptedServer, fast_session, fixture

DAY1 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
DAY2 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
CNY = fixture("cbr", "dynamic_cny_nominal_change.xml")
USD = fixture("cbr", "dynamic_usd_vunitrate.xml")


@pytest.fixture
def server():
    with ScriptedServer() as running:
        yield running


def cbr_config(server: ScriptedServer, currencies=("CNY", "USD")) -> dict:
    # A fixed end date: the same requests on both days (by default the range ends "today").
    return {
        "base_url": server.url,
        "currencies": list(currencies),
        "start_date": "2022-10-01",
        "end_date": "2025-03-05",
    }


def route_rates(server: ScriptedServer, *by_currency: Reply) -> None:
    """XML_dynamic.asp serves every currency from one path; replies come in request order."""
    server.route("/XML_dynamic.asp", *by_currency)


def disk_state(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_registry_maps_each_source_id_to_a_live_source():
    assert set(REGISTRY) == {"comtrade", "imf", "cbr", "ecb"}
    for source_id, source in REGISTRY.items():
        assert source.source_id == source_id
        for attribute in ("publisher", "title", "licence", "homepage"):
            assert getattr(source, attribute)
        for method in ("build_requests", "fetch", "parse", "harmonise", "source_rows"):
            assert callable(getattr(source, method))


def test_an_unknown_source_id_is_a_clear_error(tmp_path):
    with pytest.raises(EtlError, match="known sources: cbr, comtrade, ecb, imf"):
        collect("gacc", tmp_path, offline=True)


def test_a_first_refresh_is_fresh_and_saves_a_complete_set(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD))

    result = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    assert result.state == "fresh" and result.error is None
    assert result.fetched_at == "2026-11-20T08:00:00Z"
    assert list(result.observations.columns) == OBSERVATION_COLUMNS
    assert sorted(set(result.observations.currency)) == ["CNY", "USD"]
    assert len(result.observations) == 5
    assert list(result.sources.columns) == SOURCE_COLUMNS
    assert result.sources.date_accessed.tolist() == ["2026-11-20"]
    folder = tmp_path / "raw" / "cbr" / "2026-11-20"
    assert (folder / "_complete.json").is_file()
    assert [Path(p).read_bytes() for p in result.raw_paths] == [CNY, USD]


def test_a_repeated_refresh_with_the_same_answers_is_unchanged_and_writes_nothing(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD), Reply(200, CNY), Reply(200, USD))
    first = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)
    before = disk_state(tmp_path)

    second = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY2)

    assert second.state == "unchanged"
    assert server.hits["/XML_dynamic.asp"] == 4  # it did ask the publisher again
    assert disk_state(tmp_path) == before
    pd.testing.assert_frame_equal(second.observations, first.observations)
    pd.testing.assert_frame_equal(second.sources, first.sources)
    assert second.fetched_at == first.fetched_at


def test_new_content_is_a_fresh_set_in_the_new_days_folder(server, tmp_path):
    newer_usd = USD.replace(b"89,4321", b"90,0000").replace(b"<VunitRate>89,4321", b"<VunitRate>90")
    route_rates(server, Reply(200, CNY), Reply(200, USD), Reply(200, CNY), Reply(200, newer_usd))
    collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    second = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY2)

    assert second.state == "fresh"
    assert (tmp_path / "raw" / "cbr" / "2026-11-21" / "_complete.json").is_file()
    assert 90.0 in second.observations.value.tolist()


def test_offline_reuses_the_last_complete_set_without_asking_anyone(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD))
    fetched = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    cached = collect("cbr", tmp_path, offline=True, now=DAY2)

    assert cached.state == "cached" and server.hits["/XML_dynamic.asp"] == 2
    pd.testing.assert_frame_equal(cached.observations, fetched.observations)
    assert cached.fetched_at == "2026-11-20T08:00:00Z"


def test_offline_with_nothing_saved_is_unavailable(tmp_path):
    result = collect("imf", tmp_path, offline=True)

    assert result.state == "unavailable" and "no raw snapshot" in result.error
    assert result.observations.empty and list(result.observations.columns) == OBSERVATION_COLUMNS
    assert list(result.sources.columns) == SOURCE_COLUMNS


def test_a_failed_refresh_falls_back_to_the_last_set_and_says_why_and_when(server, tmp_path):
    route_rates(
        server,
        Reply(200, CNY),
        Reply(200, USD),
        Reply(200, CNY),
        Reply(503, b"<html><title>Service Unavailable</title></html>"),
    )
    good = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    stale = collect(
        "cbr", tmp_path, session=fast_session(retries=0), config=cbr_config(server), now=DAY2
    )

    assert stale.state == "stale"
    assert "HTTP 503" in stale.error and "RUB per USD" in stale.error
    assert "2026-11-21T08:00:00Z" in stale.error and "2026-11-20T08:00:00Z" in stale.error
    pd.testing.assert_frame_equal(stale.observations, good.observations)
    assert not (tmp_path / "raw" / "cbr" / "2026-11-21" / "_complete.json").exists()


def test_a_half_fetched_source_is_never_published(server, tmp_path):
    route_rates(
        server,
        Reply(200, CNY),
        Reply(200, fixture("cbr", "html_error_page.html"), {"Content-Type": "text/html"}),
    )

    result = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    assert result.state == "failed"
    assert result.observations.empty
    assert "HTML page" in result.error and "RUB per USD" in result.error
    folder = tmp_path / "raw" / "cbr" / "2026-11-20"
    assert not (folder / "_complete.json").exists()  # the CNY body is kept only for diagnosis
    assert raw_store.latest_complete_set(tmp_path, "cbr") is None


def test_no_network_at_all_ends_as_failed_or_stale_instead_of_raising(tmp_path):
    config = {"base_url": "http://127.0.0.1:9", "currencies": ["CNY"]}

    result = collect("cbr", tmp_path, session=fast_session(retries=0), config=config, now=DAY1)

    assert result.state == "failed" and "could not reach" in result.error


def test_a_damaged_snapshot_is_reported_not_silently_used(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD))
    first = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)
    Path(first.raw_paths[0]).write_bytes(CNY.replace(b"81,1111", b"99,9999"))

    result = collect("cbr", tmp_path, offline=True, now=DAY2)

    assert result.state == "failed" and "checksum mismatch" in result.error
    assert result.observations.empty


def test_parse_file_reads_the_sidecar_beside_a_saved_body(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD))
    result = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)

    rows = parse_file("cbr", Path(result.raw_paths[1]))

    assert list(rows.columns) == OBSERVATION_COLUMNS
    assert rows.currency.tolist() == ["USD", "USD"]


def test_parse_file_refuses_a_body_that_no_longer_matches_its_sidecar(server, tmp_path):
    route_rates(server, Reply(200, CNY), Reply(200, USD))
    result = collect("cbr", tmp_path, session=fast_session(), config=cbr_config(server), now=DAY1)
    Path(result.raw_paths[1]).write_bytes(USD + b"\n")

    with pytest.raises(raw_store.RawSnapshotError, match="checksum mismatch"):
        parse_file("cbr", Path(result.raw_paths[1]))


def test_comtrade_preview_end_to_end(server, tmp_path, monkeypatch):
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    server.route(
        "/public/v1/preview/C/A/HS",
        Reply(200, fixture("comtrade", "chn_rus_annual_total.json")),
        Reply(200, fixture("comtrade", "empty.json")),
    )
    config = {"base_url": server.url, "monthly": False, "hs_chapters": False,
              "partner_tables": []}

    result = collect("comtrade", tmp_path, session=fast_session(), config=config, now=DAY1)

    assert result.state == "fresh" and len(result.raw_paths) == 2
    assert len(result.observations) == 8  # Russia's side came back empty: no rows, no error
    assert result.sources.source_id.tolist() == ["comtrade-api-v1-preview"]


def test_imf_end_to_end_with_a_no_results_answer_for_one_frequency(server, tmp_path):
    base = "/data/dataflow/IMF.STA/IMTS/+/CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001"
    server.route(base + ".A", Reply(200, fixture("imf", "imts_annual_scale6_usd.xml")))
    server.route(base + ".M", Reply(404, fixture("imf", "no_results_404.xml")))

    result = collect(
        "imf", tmp_path, session=fast_session(), config={"base_url": server.url}, now=DAY1
    )

    assert result.state == "fresh" and len(result.observations) == 7
    assert result.sources.source_id.tolist() == ["imf-imts-sdmx"]


def test_make_session_is_exported_for_the_cli():
    assert make_session().timeout


"""Contract tests on the tables built from the real curated data: every number can be followed
back to a document, every document says who published it and under what licence, and every
claim of the article resolves to data."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from etl.claims.model import VERDICTS
from etl.cli import TABLES_HELP
from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.vocabulary import standard
from tests.helpers import DATA


@pytest.fixture(scope="module")
def sources(built_tables) -> pd.DataFrame:
    return built_tables["sources"].set_index("source_id")


def ids(text: str) -> list[str]:
    return [s for s in text.split(";") if s]


def test_the_published_tables_are_the_ones_the_cli_documents(built_tables):
    documented = {name.strip() for name in TABLES_HELP.split(",")}

    assert documented <= set(built_tables)


def test_observations_have_exactly_the_contracts_columns(obs, built_tables):
    assert list(obs.columns) == OBSERVATION_COLUMNS
    assert list(built_tables["sources"].columns) == SOURCE_COLUMNS
    assert obs["value"].dtype == "float64" and obs["cumulative"].dtype == bool


def test_every_observations_source_id_exists_in_sources(obs, sources):
    unknown = set(obs["source_id"]) - set(sources.index)

    assert unknown == set()


def test_every_derived_rows_origins_exist_in_sources(obs, sources):
    derived = obs[obs["status"] == "derived"]
    origins = {sid for text in derived["derived_from"] for sid in ids(text)}

    assert not derived.empty
    assert (derived["derived_from"] != "").all()
    assert origins - set(sources.index) == set()


def test_every_row_computed_by_the_pipeline_names_its_method(obs, sources):
    computed = obs[obs["source_id"].str.startswith("derived-")]

    assert not computed.empty
    assert (computed["status"] == "derived").all()
    assert set(sources.loc[computed["source_id"].unique(), "kind"]) == {"derived"}


def test_source_ids_are_unique(built_tables):
    assert built_tables["sources"]["source_id"].is_unique


def test_every_source_has_a_publisher_a_licence_and_a_url_unless_derived(sources):
    assert (sources["publisher"].str.strip() != "").all()
    assert (sources["licence"].str.strip() != "").all()
    documents = sources[sources["kind"] != "derived"]
    assert documents["url"].str.match(r"^https?://\S+$").all()


def test_every_curated_observation_has_a_quote_unless_derived_or_unverified(obs, sources):
    documents = obs[obs["source_id"].map(sources["kind"]) != "api"]
    unquoted = documents[
        (documents["quote"].str.strip() == "")
        & ~documents["status"].isin(["derived", "unverified"])
    ]

    assert unquoted.empty, unquoted[["indicator", "period", "source_id"]]


def test_every_source_has_a_title_and_a_tier_and_every_reprint_names_its_original(sources):
    documents = sources[sources["kind"] != "derived"]

    assert (sources["title"].str.strip() != "").all()
    assert set(documents["tier"]) <= set(standard().codes("tier"))
    assert (documents["tier"] != "").all()
    reprints = documents[documents["tier"] == "reprint"]
    assert not reprints.empty
    assert (reprints["original_publisher"].str.strip() != "").all()


def test_the_official_series_of_pack_three_are_official_sources(sources):
    official = set(sources.index[sources["tier"] == "official"])

    assert {"imf-dots-2021-05-multiatsm", "comtrade-2024-chn-exports-by-partner",
            "cbr-bop-2025-09-30"} <= official


@pytest.fixture(scope="module")
def claims_file_ids() -> list[str]:
    document = yaml.safe_load((DATA / "claims.yaml").read_text(encoding="utf-8"))
    return [c["id"] for c in document["claims"]]


def test_every_claim_in_the_claims_file_has_a_verdict_in_the_vocabulary(
    built_tables, claims_file_ids
):
    claims = built_tables["claims"].set_index("claim_id")

    assert sorted(claims.index) == sorted(claims_file_ids)
    assert set(claims["verdict"]) <= set(VERDICTS)
    assert (claims["explanation"].str.len() > 0).all()


def test_every_checkable_claim_has_evidence(built_tables):
    claims = built_tables["claims"]
    with_evidence = set(built_tables["claim_evidence"]["claim_id"])
    checkable = claims[claims["verdict"] != "not_checkable"]

    assert not checkable.empty
    assert set(checkable["claim_id"]) - with_evidence == set()


def test_every_evidence_row_resolves_to_a_url_or_a_derivation(built_tables, sources):
    evidence = built_tables["claim_evidence"]
    with_url = set(sources.index[sources["url"] != ""])

    assert not evidence.empty
    for _, row in evidence.iterrows():
        sid = row["source_id"]
        assert sid in sources.index, f"{row['claim_id']}: unknown source {sid}"
        if sid in with_url:
            continue
        assert sources.loc[sid, "kind"] == "derived", f"{row['claim_id']}: {sid} has no URL"
        assert ids(row["derived_from"]), f"{row['claim_id']}: {sid} row without derived_from"
        assert set(ids(row["derived_from"])) <= with_url


def test_every_claims_source_ids_exist(built_tables, sources):
    for _, claim in built_tables["claims"].iterrows():
        assert set(ids(claim["source_ids"])) <= set(sources.index), claim["claim_id"]

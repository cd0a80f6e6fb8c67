"""The downloads of /check: the CSV (one row per statement, through the injection-safe writer),
the JSON (the `check-article --json` object) and ClaimReview JSON-LD, each made by checking
the text again — nothing pasted is kept for them."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest

from dashboard.views.check import CSV_COLUMNS
from etl.cli import main
from tests.dashboard.check_support import (
    ARTICLE,
    article_text,
    download,
    request,
    shared_folder,
)
from tests.test_claimreview import assert_valid_claimreview, expanded_reviews, value


@pytest.fixture(scope="module")
def files(bundled_app, bundled_snapshot):
    """The three downloads of the evaluation's 2024 article."""
    client = bundled_app.server.test_client()
    data = request(article_text())
    return {which: download(bundled_app, client, which, data, bundled_snapshot.version)
            for which in ("csv", "json", "jsonld")}


@pytest.fixture(scope="module")
def cli_json(bundled_root):
    """`python -m etl check-article FILE --json` on the same article and snapshot."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setenv("ETL_DATA_DIR", str(bundled_root))
        assert main(["check-article", str(ARTICLE), "--json"]) == 0
    return json.loads(out.getvalue())


def test_the_json_is_the_objects_the_command_line_prints(files, cli_json):
    result = json.loads(files["json"]["content"])
    assert files["json"]["filename"] == "check.json"
    assert result["source"] == "pasted text"
    for key in ("as_of", "as_of_source", "data_version", "html"):
        assert result[key] == cli_json[key], key
    assert result["claims"] == cli_json["claims"]
    assert "text" not in result


def test_the_csv_has_one_row_per_statement_with_its_reading_verdict_and_documents(
    files, cli_json
):
    frame = pd.read_csv(io.StringIO(files["csv"]["content"]), keep_default_na=False)
    claims = cli_json["claims"]
    assert files["csv"]["filename"] == "check.csv" and files["csv"]["type"] == "text/csv"
    assert list(frame.columns) == CSV_COLUMNS
    assert frame["quote"].tolist() == [c["quote"] for c in claims]
    assert frame["verdict"].tolist() == [c["verdict"] for c in claims]
    assert frame["start"].tolist() == [c["start"] for c in claims]
    for row, claim in zip(frame.to_dict("records"), claims, strict=True):
        ids = row["source_ids"].split(";") if row["source_ids"] else []
        assert ids == list(dict.fromkeys(e["source_id"] for e in claim["evidence"]))
        if claim["evidence"]:
            assert row["publishers"] and row["tiers"]


def test_the_claimreview_download_validates_with_one_review_per_statement(files, cli_json):
    document = json.loads(files["jsonld"]["content"])
    reviews = expanded_reviews(document)
    assert len(reviews) == len(cli_json["claims"])
    for review in reviews:
        assert_valid_claimreview(review)
    quotes = [value(r, "claimReviewed")["@value"] for r in reviews]
    assert quotes == [c["quote"] for c in cli_json["claims"]]
    assert value(reviews[0], "url")["@value"].endswith("/check#claim-1")


def test_a_download_without_a_checked_text_gives_nothing(bundled_app, client, bundled_snapshot):
    assert download(bundled_app, client, "csv", None, bundled_snapshot.version) is None
    over = request("x" * (200 * 1024))
    assert download(bundled_app, client, "json", over, bundled_snapshot.version) is None


def test_downloads_keep_nothing_on_the_server(files, bundled_root):
    assert all(files.values())
    assert not shared_folder(bundled_root).exists()

"""`python -m etl check-article` and `python -m etl evaluate` from the command line."""

from __future__ import annotations

import io
import json
import sys

from etl.cli import main
from tests.helpers import DATA

ARTICLE = "Beijing, 14 January 2025\n\nChina's trade with Russia reached $244.8 billion in 2024.\n"


def test_check_article_json_reads_a_file_and_takes_the_date_from_the_dateline(
    published_cli, tmp_path, capsys
):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    assert main(["check-article", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    [claim] = result["claims"]
    assert result["as_of"] == "2025-01-14" and "dateline" in result["as_of_source"]
    assert ARTICLE[claim["start"]:claim["end"]] == claim["quote"]
    assert claim["verdict"] == "supported"


def test_check_article_reads_standard_input_and_html(published_cli, monkeypatch, capsys):
    html = (DATA / "evaluation" / "ytd-2024-07.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))

    assert main(["check-article", "-", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["html"] and result["as_of"] == "2024-08-08"
    assert len(result["claims"]) == 4


def test_check_article_as_of_changes_which_year_last_year_means(published_cli, tmp_path,
                                                                capsys):
    path = tmp_path / "a.txt"
    path.write_text("China's trade with Russia rose last year to $240.1 billion.", "utf-8")

    main(["check-article", str(path), "--json", "--as-of", "2024-03-01"])
    assert json.loads(capsys.readouterr().out)["claims"][0]["period"] == "2023"


def test_check_article_text_output_is_readable(published_cli, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["check-article", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[supported]" in out and "US$244.81 bn" in out


def test_check_article_claimreview(published_cli, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["check-article", str(path), "--claimreview"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["@graph"][0]["@type"] == "ClaimReview"


def test_bad_input_is_one_clear_message_and_exit_1(published_cli, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Trade with Russia: caf\u00e9 \u00a3".encode("latin-1"))
    cases = [
        (["check-article", str(tmp_path / "missing.txt")], "no such file"),
        (["check-article", str(empty)], "empty"),
        (["check-article", str(latin)], "not UTF-8"),
        (["check-article", str(empty), "--as-of", "May 2025"], "expected a date as YYYY-MM-DD"),
    ]
    for argv, message in cases:
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_check_article_without_a_snapshot_says_to_refresh(cli_root, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["check-article", str(path)]) == 1
    assert "python -m etl refresh" in capsys.readouterr().err


def test_evaluate_prints_the_figures_and_meets_the_targets(published_cli, capsys):
    assert main(["evaluate", "--strict"]) == 0
    out = capsys.readouterr().out
    for figure in ("recall", "precision", "verdict agreement", "off-topic found"):
        assert figure in out
    assert "targets met" in out


def test_evaluate_json(published_cli, capsys):
    assert main(["evaluate", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["figures"]) >= {"recall", "precision", "agreement", "off_topic_found"}

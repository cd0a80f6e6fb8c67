"""The "Check an article" page (/check) over HTTP: a pasted article comes back as a summary of
its statements, the text with each one marked and a verdict card beside it, drawn from the
same checker and charts as the built-in article; input over the limit, or not an article, gets
a message next to the box; hostile text is shown as text, never as HTML; and nothing pasted is
cached or stored."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.pages import NAV, check
from dashboard.views import check as check_views
from dashboard.views.check import MAX_TEXT_BYTES
from etl.articles.check import check_article
from tests.dashboard.check_support import (
    HOSTILE,
    article_text,
    components,
    request,
    run_check,
    shared_folder,
    strings,
    with_class,
)
from tests.dashboard.support import find_all, text_of


@pytest.fixture(scope="module")
def checked(bundled_app):
    """The results callback's answer for the evaluation's 2024 article (checked once)."""
    response, parts = run_check(bundled_app, bundled_app.server.test_client(),
                                request(article_text()))
    assert response.status_code == 200
    return response, parts


def test_the_page_is_in_the_navigation_and_opens_on_an_empty_form(render):
    assert ("Check an article", "/check") in NAV
    tree = render(check)
    assert [h.children for h in find_all(tree, "H1")] == ["Check an article"]
    assert find_all(tree, "Textarea", id="check-text")
    assert find_all(tree, "Button", id="check-run")
    assert not find_all(tree, className="claim-card")


def test_an_article_gives_a_summary_then_each_statement_marked_with_its_card(
    checked, bundled_snapshot
):
    _, parts = checked
    expected = check_article(article_text(), bundled_snapshot.views.check.checker,
                             date(2025, 1, 14))["claims"]  # the article's dateline
    results = parts["check-results"]["children"]
    summary = with_class(results, "check-summary")[0]
    items = with_class(summary, "summary-item")
    assert len(items) == len(expected) > 3
    assert [i["props"]["data-verdict"] for i in items] == [c["verdict"] for c in expected]
    jumps = [c["props"]["href"] for c in with_class(summary, "summary-quote")]
    assert jumps == [f"#claim-{n}" for n in range(1, len(expected) + 1)]

    cards = with_class(results, "check-card")
    assert [c["props"]["id"] for c in cards] == [f"claim-{n}" for n in
                                                 range(1, len(expected) + 1)]
    first = " ".join(strings(cards[0]))
    assert expected[0]["explanation"] in first and "Sources" in first
    marks = with_class(results, "quote-mark")
    assert {m["props"]["href"] for m in marks} <= set(jumps) and marks
    assert "Judged as of 2025-01-14 (the article's dateline)" in " ".join(strings(results))
    assert parts["check-problem"]["children"] == ""


def test_each_statement_with_evidence_has_its_chart_table_and_sources(checked):
    _, parts = checked
    cards = with_class(parts["check-results"]["children"], "check-card")
    graphs = components(cards, "Graph")
    assert len(graphs) >= 3
    for graph in graphs:
        figure = graph["props"]["figure"]
        assert figure["layout"]["title"]["text"]
        assert any("Sources:" in a["text"] for a in figure["layout"]["annotations"])
    assert len(with_class(cards, "table-twin")) >= len(graphs)


def test_beyond_the_first_statements_a_card_lists_its_sources_without_a_chart(
    bundled_app, client, monkeypatch
):
    monkeypatch.setattr(check_views, "MAX_CHARTS", 1)
    _, parts = run_check(bundled_app, client, request(article_text()))
    cards = with_class(parts["check-results"]["children"], "check-card")
    assert components(cards[0], "Graph") and with_class(cards[0], "table-twin")
    later = [c for c in cards[1:] if with_class(c, "card-sources")]
    assert later  # statements with evidence: their documents, but no chart nor table
    for card in cards[1:]:
        assert not components(card, "Graph") and not with_class(card, "table-twin")
    assert "Charts and their data tables are drawn for the first 1 statements" in " ".join(
        strings(later[0]))


def test_an_article_with_no_china_russia_statement_says_so(bundled_app, client):
    text = "The football season ended with a late goal. Fans cheered for an hour."
    _, parts = run_check(bundled_app, client, request(text))
    words = " ".join(strings(parts["check-results"]["children"]))
    assert "No statement about China–Russia trade" in words
    assert not with_class(parts["check-results"]["children"], "check-card")


def test_a_text_over_100_kb_is_refused_next_to_the_box_not_with_a_413(bundled_app, client):
    text = "Trade grew. " * (MAX_TEXT_BYTES // 12 + 100)  # about 101 KB
    response, parts = run_check(bundled_app, client, request(text))
    assert response.status_code == 200
    problem = " ".join(strings(parts["check-problem"]["children"]))
    assert "at most 100 KB" in problem and "101." in problem
    assert parts["check-results"]["children"] == []


@pytest.mark.parametrize(("data", "words"), [
    (request("   "), "Paste the text of an article"),
    (request(article_text(), as_of="14/01/2025"), "YYYY-MM-DD"),
    (request("<html><body><div><img src=x></div></body></html>"), "Nothing to check"),
    (json.dumps({"text": ["not", "text"]}), "Paste the text of an article"),
    ("not json {", "Paste the text of an article"),
    (json.dumps(["a list"]), "Paste the text of an article"),
])
def test_input_that_cannot_be_checked_gets_a_message_saying_what_to_do(
    bundled_app, client, data, words
):
    response, parts = run_check(bundled_app, client, data)
    assert response.status_code == 200
    assert words in " ".join(strings(parts["check-problem"]["children"]))
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_date_given_is_the_date_statements_are_judged_at(bundled_app, client):
    _, parts = run_check(bundled_app, client, request(article_text(), as_of="2024-06-30"))
    assert "Judged as of 2024-06-30 (the date given)" in " ".join(
        strings(parts["check-results"]["children"]))


def test_a_pasted_html_page_is_checked_on_its_article_text(bundled_app, client):
    paragraphs = "".join(f"<p>{line}</p>" for line in article_text().splitlines() if line)
    page = f"<html><head><title>t</title></head><body><article>{paragraphs}</article></body></html>"
    _, parts = run_check(bundled_app, client, request(page))
    results = parts["check-results"]["children"]
    assert "The pasted text was HTML" in " ".join(strings(results))
    assert with_class(results, "check-card")
    assert "<p>" not in " ".join(strings(results))


def test_hostile_text_is_shown_as_text_and_never_as_html(bundled_app, client):
    text = article_text().replace("customs data showed", " ".join(HOSTILE))
    _response, parts = run_check(bundled_app, client, request(text))
    results = parts["check-results"]["children"]
    shown = "".join(strings(results))
    for hostile in HOSTILE:
        assert hostile in shown  # as text children, which React escapes
    assert not components(results, "Script") and not components(results, "Img")
    for block in components(results, "Markdown"):  # the only HTML the page renders
        assert "alert(" not in json.dumps(block)
    for graph in components(results, "Graph"):  # chart text is the snapshot's words
        assert "alert(" not in json.dumps(graph)
    for component in components(results):  # no attribute is ever made of the pasted text
        attributes = {k: v for k, v in component["props"].items() if k != "children"}
        assert "alert(" not in json.dumps(attributes, default=str), component["type"]


def test_a_check_is_never_cached_nor_stored(bundled_app, client, bundled_root, monkeypatch):
    calls = []
    real = check.check_views.check_pasted
    monkeypatch.setattr(check.check_views, "check_pasted",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    text = "China's trade with Russia reached $244.8 billion in 2024."
    first, _ = run_check(bundled_app, client, request(text))
    second, _ = run_check(bundled_app, client, request(text))

    assert len(calls) == 2  # the second answer was computed again, not served from a cache
    assert first.headers["Cache-Control"] == second.headers["Cache-Control"] == "no-store"
    assert not shared_folder(bundled_root).exists()


def test_a_share_link_that_names_no_stored_check_says_so_without_echoing_it(render):
    tree = render(check, id="<script>alert(1)</script>")
    assert "share link names no stored check" in text_of(tree)
    assert "alert" not in text_of(tree)

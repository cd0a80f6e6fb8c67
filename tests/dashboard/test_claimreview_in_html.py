"""ClaimReview JSON-LD in the HTML the server sends (crawlers run no scripts): on `/` every
verdict of the built-in article — the document `etl claims --claimreview` prints — and on a
share link `/check?id=...` the stored article's verdicts; a quote holding `</script>` cannot end
the block. Share links themselves: made only on request, re-checked when opened."""

from __future__ import annotations

import json
import re

from etl.articles.commands import builtin_claimreview
from etl.claims.report import claims_report
from tests.dashboard.check_support import (
    HOSTILE,
    article_text,
    request,
    run_check,
    share,
    shared_folder,
    strings,
    with_class,
)
from tests.security.conftest import router_body
from tests.test_claimreview import assert_valid_claimreview, expanded_reviews, value

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(html)]


def test_the_article_pages_html_carries_every_built_in_verdict(client, bundled_root):
    response = client.get("/")
    [document] = json_ld(response.get_data(as_text=True))
    reviews = expanded_reviews(document)

    assert len(reviews) == len(claims_report(bundled_root))
    for review in reviews:
        assert_valid_claimreview(review)
    assert document == builtin_claimreview(bundled_root, claims_report(bundled_root))


def test_pages_without_verdicts_carry_no_claimreview(client):
    for path in ("/explorer", "/check", "/check?id=" + "0" * 64, "/nonexistent"):
        assert json_ld(client.get(path).get_data(as_text=True)) == [], path


def test_a_share_link_is_made_on_request_and_opens_the_article_checked_again(share_app):
    app, root = share_app
    client = app.server.test_client()
    data = request(article_text(), as_of="2025-01-14")
    _, checked = run_check(app, client, data)
    assert not shared_folder(root).exists()  # checking stores nothing

    answer = share(app, client, data).get_json()["response"]["check-share-link"]["children"]
    [link] = [c["props"]["href"] for c in with_class(answer, "share-url")]
    check_id = link.removeprefix("/check?id=")
    assert [p.name for p in shared_folder(root).iterdir()] == [f"{check_id}.json"]

    page = client.post("/_dash-update-component", json=router_body("/check", f"?id={check_id}"))
    content = page.get_json()["response"]["_pages_content"]["children"]
    assert strings(with_class(content, "check-summary")) == strings(
        with_class(checked["check-results"]["children"], "check-summary"))

    html = client.get(link).get_data(as_text=True)
    [document] = json_ld(html)
    reviews = expanded_reviews(document)
    summary = with_class(checked["check-results"]["children"], "summary-item")
    assert len(reviews) == len(summary)
    for n, review in enumerate(reviews, start=1):
        assert_valid_claimreview(review)
        assert value(review, "url")["@value"].endswith(f"/check?id={check_id}#claim-{n}")


def test_a_quote_holding_script_tags_cannot_break_out_of_the_json_ld(share_app):
    app, _root = share_app
    client = app.server.test_client()
    hostile = " ".join(HOSTILE)
    text = f"China's trade with Russia {hostile} reached $244.8 billion in 2024."
    answer = share(app, client, request(text)).get_json()["response"]["check-share-link"]
    [link] = [c["props"]["href"] for c in with_class(answer["children"], "share-url")]
    html = client.get(link).get_data(as_text=True)

    [block] = LD_JSON.findall(html)
    assert "<" not in block and ">" not in block  # so no </script> inside it
    assert "<script>alert" not in html and "<img src=x" not in html
    [document] = json_ld(html)
    quotes = [review["claimReviewed"] for review in document["@graph"]]
    assert any(hostile in quote for quote in quotes)  # the words are kept, only escaped


def test_a_share_link_asked_for_without_a_checked_text_stores_nothing(share_app):
    app, root = share_app
    client = app.server.test_client()
    before = set(shared_folder(root).iterdir()) if shared_folder(root).exists() else set()
    for data in (None, request(""), request("x" * (101 * 1024)), json.dumps({"text": 5})):
        response = share(app, client, data)
        assert response.status_code == 200
    after = set(shared_folder(root).iterdir()) if shared_folder(root).exists() else set()
    assert after == before

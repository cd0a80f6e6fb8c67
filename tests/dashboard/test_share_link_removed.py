"""A /check share link whose stored text is gone — removed by the caps
(dashboard.shared_checks.MAX_CHECKS), or never stored — answers what an address that is no
page answers: HTTP 404 in the site's layout, the page saying the link names no stored check,
and no verdicts in its HTML; never the page as it was before the text was removed, which the
response cache and the snapshot's memo still held for the same version."""

from __future__ import annotations

from dashboard import shared_checks
from tests.dashboard.check_support import (
    article_text,
    request,
    share,
    strings,
    with_class,
)
from tests.dashboard.test_claimreview_in_html import json_ld
from tests.security.conftest import router_body

MISSING = "This share link names no stored check"


def page_of(client, check_id: str):
    answer = client.post("/_dash-update-component", json=router_body("/check", f"?id={check_id}"))
    assert answer.status_code == 200
    return answer.get_json()["response"]["_pages_content"]["children"]


def make_link(app, client, text: str, as_of: str = "") -> str:
    answer = share(app, client, request(text, as_of=as_of)).get_json()["response"]
    [link] = [c["props"]["href"] for c in with_class(answer["check-share-link"]["children"],
                                                      "share-url")]
    return link.removeprefix("/check?id=")


def test_a_link_removed_by_the_caps_answers_as_a_missing_one(share_app, monkeypatch):
    app, root = share_app
    client = app.server.test_client()
    check_id = make_link(app, client, article_text(), "2025-01-14")
    before = page_of(client, check_id)
    assert with_class(before, "check-summary")  # the stored article, checked
    assert client.get(f"/check?id={check_id}").status_code == 200

    monkeypatch.setattr(shared_checks, "MAX_CHECKS", 1)  # the next link pushes this one out
    make_link(app, client, "China's trade with Russia reached $244.8 billion in 2024.")
    assert shared_checks.load(root, check_id) is None

    after = page_of(client, check_id)  # same version, same request: once served from cache
    assert not with_class(after, "check-summary")
    assert any(MISSING in s for s in strings(after))
    html = client.get(f"/check?id={check_id}")
    assert html.status_code == 404
    body = html.get_data(as_text=True)
    assert "DashRenderer" in body  # the site's own page, as an address that is no page gets
    assert json_ld(body) == []


def test_a_link_never_stored_answers_404_with_the_page_saying_so(share_app):
    app, _root = share_app
    client = app.server.test_client()
    never = "0" * 64
    assert client.get(f"/check?id={never}").status_code == 404
    assert any(MISSING in s for s in strings(page_of(client, never)))
    assert client.get("/check").status_code == 200  # the page itself, with no link
    assert client.get("/check?id=").status_code == 200


def test_a_stored_link_is_served_again_from_the_cache(share_app, monkeypatch):
    app, _root = share_app
    client = app.server.test_client()
    check_id = make_link(app, client, article_text(), "2025-01-15")
    first = page_of(client, check_id)
    calls = []
    from dashboard.pages import check

    real = check.results
    monkeypatch.setattr(check, "results", lambda *a: calls.append(1) or real(*a))
    assert page_of(client, check_id) == first
    assert calls == []  # the answer came from the response cache

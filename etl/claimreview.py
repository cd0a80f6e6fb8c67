"""schema.org ClaimReview (JSON-LD) for every verdict: the built-in article's and a checked
article's. Fact-check aggregators read it from the page HTML and from downloads.

A review's `reviewRating` carries our verdict as `alternateName` and a number on a 1–5 scale
(5 = supported). "Not checkable" and "unresolved" get no number: any number would state a
degree of truth that the data cannot give.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from etl.claims.model import VERDICTS

PRODUCT = "China–Russia trade fact-check"
RATING = {"supported": 5, "supported_with_caveats": 4, "attributed": 3, "contradicted": 1}
BEST, WORST = 5, 1


def public_url() -> str:
    """Where the dashboard is served (PUBLIC_URL; default the local address)."""
    return os.environ.get("PUBLIC_URL", "http://127.0.0.1:8050").rstrip("/")


def organisation(base: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": PRODUCT, "url": base + "/"}


def rating(verdict: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Rating", "alternateName": VERDICTS[verdict],
                           "bestRating": BEST, "worstRating": WORST}
    if verdict in RATING:
        out["ratingValue"] = RATING[verdict]
    return out


def _claim_author(speaker: str, article: dict[str, Any]) -> dict[str, Any]:
    if speaker and speaker != "the article":
        return {"@type": "Person", "name": speaker.split(",")[0].replace(" as reported", "")}
    if article.get("author"):
        return {"@type": "Person", "name": article["author"]}
    return {"@type": "Organization", "name": article.get("publisher") or "unknown"}


def appearance(article: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": article.get("title") or
                            "Article checked", "datePublished": article["published"]}
    if article.get("url"):
        work["url"] = article["url"]
    if article.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": article["publisher"]}
    return work


def claimreview(result: dict[str, Any], article: dict[str, Any], reviewed: date,
                base: str | None = None, page: str = "/check") -> dict[str, Any]:
    """One ClaimReview per claim of `result` (check_article's result, or the built-in claims
    as {"claims": [...]}), as a JSON-LD document with a @graph.

    `article`: title, publisher, author, url, published (ISO date). A claim with an `id` links
    to `/?claim=<id>`; others to `<page>#claim-<n>`. A claim that repeats an earlier one
    (`repeat_of`, etl.articles.check) is reviewed once, at its first place."""
    base = base or public_url()
    graph = []
    for n, claim in enumerate(result["claims"], start=1):
        if claim.get("repeat_of"):
            continue
        url = (f"{base}/?claim={claim['id']}" if claim.get("id") else f"{base}{page}#claim-{n}")
        graph.append({
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim["quote"],
            "itemReviewed": {
                "@type": "Claim",
                "author": _claim_author(claim.get("speaker", ""), article),
                "datePublished": article["published"],
                "appearance": appearance(article),
            },
            "reviewRating": rating(claim["verdict"]),
            "reviewBody": claim["explanation"],
            "author": organisation(base),
            "datePublished": reviewed.isoformat(),
        })
    return {"@context": "https://schema.org", "@graph": graph}

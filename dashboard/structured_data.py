"""ClaimReview JSON-LD in the HTML the server sends, for crawlers and fact-check aggregators
that run no scripts (Dash draws its pages in the browser, so the data goes into the index page
itself, per request).

- `/`: every verdict of the built-in article, from the published claims (the same document
  `python -m etl claims --claimreview` prints for that snapshot);
- `/check?id=<sha256>`: a share link's statements, checked against the snapshot serving.

The JSON goes in a `<script type="application/ld+json">` block: a data block, which browsers
never run (the Content-Security-Policy's script-src does not apply to it). `<`, `>` and `&` are
written as \\u escapes, so no text inside it — a quote holding `</script>` — can close the block.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import flask
import pandas as pd

from dashboard import urlstate
from dashboard.snapshot import Snapshot
from etl.claimreview import claimreview
from etl.errors import EtlError

log = logging.getLogger(__name__)
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def script_tag(document: dict[str, Any]) -> str:
    """The document as a JSON-LD block that no text inside it can break out of."""
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for character, escape in ESCAPES.items():
        payload = payload.replace(character, escape)
    return f'<script type="application/ld+json">{payload}</script>'


def builtin_claims(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """The built-in article's claims in article order, as ClaimReview reads them."""
    ordered = claims.sort_values("position")
    return [
        {"id": row["claim_id"], "quote": row["quote"], "speaker": row["speaker"],
         "verdict": row["verdict"], "explanation": row["explanation"]}
        for row in ordered.to_dict("records")
    ]


def builtin_document(snap: Snapshot) -> dict[str, Any]:
    """ClaimReview of the built-in article's verdicts, reviewed on the snapshot's build date
    (as etl.articles.commands.builtin_claimreview makes it from the published files)."""
    built = str(snap.built_at)[:10]
    reviewed = date.fromisoformat(built) if built else date.today()
    return claimreview({"claims": builtin_claims(snap.tables["claims"])}, snap.article_meta,
                       reviewed, page="/")


def document_for(path: str, query: Any, snap: Snapshot) -> dict[str, Any] | None:
    """The ClaimReview a page's HTML carries (None: the page has none)."""
    if path == "/":
        return snap.memo(("claimreview-builtin",), lambda: builtin_document(snap))
    if path == "/check":
        from dashboard.pages import check

        check_id = urlstate.page_query(query, check.PARAMS).get("id")
        found = check.shared(snap, check_id) if check_id else None
        if found is not None:
            stored, checked = found
            return check.claimreview_document(checked, check.share_path(stored.id))
    return None


def for_request() -> str:
    """The JSON-LD block for the page this request opens ("" for none). Never fails a page:
    a problem with the data is logged and the page is served without it."""
    snap = flask.current_app.config["SNAPSHOT_STORE"].current()
    if snap is None:
        return ""
    path = "/" + flask.request.path.strip("/")
    try:
        document = document_for(path, flask.request.args, snap)
    except (EtlError, KeyError, ValueError, TypeError, OSError) as exc:
        log.error("ClaimReview for %s left out: %s", path, exc)
        return ""
    return "" if document is None else script_tag(document)

"""Page 7 — check an article: paste a text (plain or HTML), get each China–Russia statement in
it checked against the snapshot, with the same verdicts, explanations and evidence charts as
the built-in article, and take the results away as CSV, JSON or ClaimReview JSON-LD.

Nothing pasted is kept on the server: the check runs in the callback, its answer is never
cached (dashboard.headers.private), and the downloads check the text again. Only a share link
stores it (dashboard.shared_checks); `?id=<sha256>` opens the stored text, checked again
against the snapshot serving then, rendered on the server (and its ClaimReview is in the
page's HTML, dashboard.structured_data).

The size limit is checked twice: in the browser as the text is typed (assets/check.js, so an
over-long paste is refused next to the box before anything is sent), and on the server.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import flask
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import headers, shared_checks, urlstate
from dashboard.components import no_snapshot, notice
from dashboard.pages.check_results import results
from dashboard.pages.pagekit import served_snapshot
from dashboard.snapshot import Snapshot
from dashboard.views import check as check_views
from etl.claimreview import claimreview
from etl.export import to_csv_bytes

log = logging.getLogger(__name__)
PATH = "/check"
PARAMS = ("id",)  # the URL state this page reads (dashboard.urlstate): a share link's id
DOWNLOADS = {  # button -> (what, file suffix, media type)
    "check-download-csv": ("csv", "csv", "text/csv"),
    "check-download-json": ("json", "json", "application/json"),
    "check-download-jsonld": ("claimreview", "claimreview.jsonld", "application/ld+json"),
}
LEDE = ("Paste a news story about China–Russia trade, payments or energy — plain text, or the "
        "HTML of its page. Each statement the checker finds is set beside the data that tests "
        "it, with a verdict computed by the same rules as the article on the first page. "
        "Nothing you paste is kept on this server unless you ask for a share link.")


def data_root() -> Path:
    return flask.current_app.config["DATA_ROOT"]


def store():
    return flask.current_app.config["SNAPSHOT_STORE"]


# --- checking ----------------------------------------------------------------------------------
def check(snap: Snapshot, text: Any, as_of: Any, source: str = check_views.SOURCE
          ) -> dict[str, Any]:
    """check_views.check_pasted on this snapshot (CheckInputError for input to change)."""
    return check_views.check_pasted(snap.views.check, text, as_of, date.today(), source)


def shared(snap: Snapshot, check_id: Any) -> tuple[shared_checks.SharedCheck, dict] | None:
    """A share link's stored text and its check against `snap` (None: no such link)."""
    stored = shared_checks.load(data_root(), check_id)
    if stored is None:
        return None
    key = ("check-shared", stored.id, date.today().isoformat())
    try:
        checked = snap.memo(key, lambda: check(snap, stored.text, stored.as_of,
                                               f"share link {stored.id}"))
    except check_views.CheckInputError:
        return None
    return stored, checked


def names_missing_link(query: Any) -> bool:
    """A URL of this page whose share link names no stored check (never stored, mistyped, or
    removed by the caps): it answers HTTP 404, as an address that is no page does, with the
    page saying so (dashboard.app.not_found_status)."""
    check_id = urlstate.page_query(query, PARAMS).get("id")
    return bool(check_id) and shared_checks.load(data_root(), check_id) is None


def share_path(check_id: str) -> str:
    return f"{PATH}?id={check_id}"


def claimreview_document(checked: dict[str, Any], page: str = PATH) -> dict[str, Any]:
    """The checked statements as ClaimReview (etl.claimreview), reviewed today."""
    meta = {"title": "Article checked", "published": checked["as_of"]}
    return claimreview(check_views.public_result(checked), meta, date.today(), page=page)


def download_content(what: str, checked: dict[str, Any], page: str = PATH) -> str:
    if what == "csv":
        return to_csv_bytes(check_views.csv_frame(checked)).decode("utf-8")
    document = (check_views.public_result(checked) if what == "json"
                else claimreview_document(checked, page))
    return json.dumps(document, indent=2, ensure_ascii=False)


# --- the page ----------------------------------------------------------------------------------
def layout(**query: Any) -> html.Div:
    check_id = urlstate.page_query(query, PARAMS).get("id") or None
    snap = served_snapshot()
    if snap is None:
        return no_snapshot()
    found = shared(snap, check_id) if check_id else None
    notes = []
    if check_id and found is None:
        notes.append(notice(
            "This share link names no stored check: it may have been mistyped, or removed "
            f"(the {shared_checks.MAX_CHECKS} most recently used links are kept). Paste the "
            "article again to check it.", "warning"))
    text, as_of, request, shown, link = "", "", "", [], None
    if found is not None:
        stored, checked = found
        text, as_of = stored.text, stored.as_of
        request = encode_request(text, as_of)
        shown = results(snap.views.check, checked, snap.version)
        link = share_link(stored.id)
    return html.Div(
        [
            html.H1("Check an article"),
            html.P(LEDE, className="lede"),
            *notes,
            form(text, as_of),
            result_actions(link, hidden=found is None),
            dcc.Loading(html.Div(shown, id="check-results", className="results",
                                 **{"aria-live": "polite"}), type="dot"),
            # what was checked last (as JSON) and against which version: the downloads and
            # the share link read them. Hidden inputs, not dcc.Stores: a memory store keeps
            # its value across page changes and sets it again when the page is opened, which
            # would re-run an old check or pin a shared one to another version
            dcc.Input(id="check-request", type="hidden", value=request),
            dcc.Store(id="check-limit", data={
                "bytes": check_views.MAX_TEXT_BYTES,
                "over": check_views.too_large_words("{size}"),
            }),
            dcc.Input(id="check-version", type="hidden", value=snap.version),
            dcc.Download(id="check-download"),
        ],
        className="page page-check",
        **{"data-version": snap.version},
    )


def form(text: str, as_of: str) -> html.Div:
    return html.Div(
        [
            html.Label("The article (plain text or HTML)", htmlFor="check-text",
                       className="control-label"),
            dcc.Textarea(id="check-text", value=text, rows=14, spellCheck=False,
                         placeholder="Paste the article here…", className="check-text"),
            html.P(f"Up to {check_views.MAX_TEXT_BYTES // 1024} KB.", id="check-size",
                   className="check-size", role="status", **{"aria-live": "polite"}),
            html.Div(id="check-problem", role="alert", className="check-problem"),
            html.Div(
                [
                    html.Label("Judge as of (YYYY-MM-DD, optional)", htmlFor="check-as-of",
                               className="control-label"),
                    dcc.Input(id="check-as-of", type="text", value=as_of, autoComplete="off",
                              placeholder="the date found in the text, else today",
                              maxLength=10, className="text-input check-as-of"),
                ],
                className="control check-date",
            ),
            html.Button("Check the article", id="check-run", n_clicks=0, type="button",
                        className="button check-run"),
        ],
        className="check-form",
        role="group",
        **{"aria-label": "The article to check"},
    )


def result_actions(link: Any = None, hidden: bool = True) -> html.Div:
    """The downloads of a checked text and its share link (shown once a text is checked:
    always on the page, so their callbacks fire only when a button is pressed)."""
    return html.Div(
        [
            html.Div(
                [
                    html.Button("Download CSV", id="check-download-csv", type="button",
                                className="button download-csv"),
                    html.Button("JSON", id="check-download-json", type="button",
                                className="button button-secondary"),
                    html.Button("ClaimReview (JSON-LD)", id="check-download-jsonld",
                                type="button", className="button button-secondary"),
                    html.Button("Make a share link", id="check-share", type="button",
                                className="button button-secondary"),
                ],
                className="downloads",
            ),
            html.P("A share link keeps the text on this server, so that the link can open "
                   "it again (checked against the data of that day); nothing else you paste "
                   "is kept.", className="check-share-note"),
            html.Div(link, id="check-share-link", className="check-share-link",
                     **{"aria-live": "polite"}),
        ],
        id="check-actions",
        className="check-actions",
        hidden=hidden,
    )


def share_link(check_id: str) -> html.P:
    path = share_path(check_id)
    return html.P(["Share link: ", html.A(path, href=path, className="share-url")])


# --- callbacks ---------------------------------------------------------------------------------
def encode_request(text: str, as_of: str, n: int = 0) -> str:
    """A request as the page's `check-request` holds it (assets/check.js writes the same)."""
    return json.dumps({"text": text, "as_of": as_of, "n": n}, ensure_ascii=False)


def _request(value: Any) -> tuple[Any, Any]:
    """The text and date of a request (anything else a client sends: no text)."""
    try:
        data = json.loads(value) if isinstance(value, str) and value else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, None
    return data.get("text"), data.get("as_of")


def run(data: Any) -> list[Any]:
    """Check the requested text: the results, a problem to show next to the box, the version
    the results were drawn from, whether to hide the downloads, the share link (none yet)."""
    headers.private()
    if not data:
        return [no_update] * 5
    snap = store().current()
    if snap is None:
        return [no_snapshot(), "", None, True, ""]
    text, as_of = _request(data)
    try:
        checked = check(snap, text, as_of)
    except check_views.CheckInputError as problem:
        return [[], notice(str(problem), "error"), snap.version, True, ""]
    return [results(snap.views.check, checked, snap.version), "", snap.version, False, ""]


def download(_csv: Any, _json: Any, _jsonld: Any, data: Any, version: Any) -> Any:
    """The file of the button pressed, made by checking the text again (nothing is kept)."""
    headers.private()
    chosen = DOWNLOADS.get(ctx.triggered_id) if isinstance(ctx.triggered_id, str) else None
    snap = store().get(version)
    if chosen is None or snap is None or not ctx.triggered[0].get("value"):
        return no_update
    text, as_of = _request(data)
    try:
        checked = check(snap, text, as_of)
    except check_views.CheckInputError:
        return no_update
    what, suffix, media = chosen
    return {"content": download_content(what, checked), "filename": f"check.{suffix}",
            "type": media, "base64": False}


def share(clicks: Any, data: Any) -> Any:
    """Store the checked text and show its link (the only way a pasted text is kept)."""
    headers.private()
    text, as_of = _request(data)
    if not clicks:
        return no_update
    try:
        check_views.read_text(text)
        check_views.parse_as_of(as_of)
        check_id = shared_checks.save(data_root(), text, as_of or "")
    except check_views.CheckInputError as problem:
        return notice(str(problem), "error")
    except OSError as exc:
        log.error("could not store a shared check: %s", exc)
        return notice("The share link could not be stored on the server (no space or no "
                      "permission); the results above are unaffected. Try again later.",
                      "error")
    return share_link(check_id)


def register(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="check", function_name="size"),
        Output("check-size", "children"),
        Output("check-size", "className"),
        Input("check-text", "value"),
        State("check-limit", "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="check", function_name="submit"),
        Output("check-request", "value"),
        Input("check-run", "n_clicks"),
        State("check-text", "value"),
        State("check-as-of", "value"),
        State("check-limit", "data"),
        prevent_initial_call=True,
    )
    app.callback(
        Output("check-results", "children"),
        Output("check-problem", "children"),
        Output("check-version", "value"),
        Output("check-actions", "hidden"),
        Output("check-share-link", "children"),
        Input("check-request", "value"),
        prevent_initial_call=True,
    )(run)
    app.callback(
        Output("check-download", "data"),
        Input("check-download-csv", "n_clicks"),
        Input("check-download-json", "n_clicks"),
        Input("check-download-jsonld", "n_clicks"),
        State("check-request", "value"),
        State("check-version", "value"),
        prevent_initial_call=True,
    )(download)
    app.callback(
        Output("check-share-link", "children"),
        Input("check-share", "n_clicks"),
        State("check-request", "value"),
        prevent_initial_call=True,
    )(share)

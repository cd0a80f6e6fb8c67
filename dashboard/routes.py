"""Plain HTTP routes beside the Dash pages: /health and the downloads.

Downloads are functions of the URL: the same query that draws a chart builds its CSV, so a link
always gives exactly the rows the chart shows, from the version the page was loaded with.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import flask
import pandas as pd
from markupsafe import escape

from dashboard import headers, social, urlstate
from dashboard.components.cite import Citation, state_path, today
from dashboard.snapshot import Snapshot, SnapshotStore
from dashboard.views import PAGE_VIEWS
from etl.errors import EtlError, SnapshotError
from etl.export import iter_csv, to_csv_bytes
from etl.retention import reading
from etl.state import freshness, read_source_state
from etl.store import detail_batches, detail_part, open_detail
from etl.vocabulary import tier_words

MAX_MESSAGE = 600  # characters of an error message (they may quote a part of the request)
NOTE = ("Data snapshot {version}, built {built_at}. Each row names its source (publisher, "
        "title, URL, date).")


def store() -> SnapshotStore:
    return flask.current_app.config["SNAPSHOT_STORE"]


def snapshot_or_503(version: str | None = None) -> Snapshot:
    """The version a download asks for (?v=) while it is retained, else the current one. The
    value is checked against the published versions before any file is touched."""
    snap = store().get(version)
    if snap is None:
        flask.abort(
            503, description="No data snapshot is published yet; run `python -m etl refresh`."
        )
    headers.served(snap.version, pinned=snap.version == version)
    return snap


def health() -> flask.Response:
    snapshots = store()
    snap = snapshots.current()
    if snap is None:
        return flask.jsonify(
            {
                "status": "no_data",
                "version": None,
                "detail": snapshots.problem or "no snapshot published; run python -m etl refresh",
            }
        ), 503
    built = datetime.fromisoformat(snap.built_at.replace("Z", "+00:00"))
    age_hours = (datetime.now(UTC) - built).total_seconds() / 3600
    sources = freshness(snap.manifest.get("sources_state", []),
                        read_source_state(flask.current_app.config["DATA_ROOT"]))
    failing = [s["source_id"] for s in sources if s["state"] in ("stale", "failed")]
    return flask.jsonify(
        {
            "status": "degraded" if failing or snapshots.problem else "ok",
            "version": snap.version,
            # what is wrong with the published snapshot, when the version serving is not
            # CURRENT's (a damaged file, an unreadable pointer); None when all is well
            "snapshot_problem": snapshots.problem,
            "built_at": snap.built_at,
            "age_hours": round(age_hours, 2),
            "sources": [
                {
                    k: s.get(k)
                    for k in ("source_id", "state", "fetched_at", "error", "rows",
                              "last_checked", "stale_since")
                }
                for s in sources
            ],
            "stale_sources": failing,
            "tables": {name: len(frame) for name, frame in snap.tables.items()},
        }
    )


def claim_chart_frame(snap: Snapshot, claim_id: str) -> pd.DataFrame:
    if snap.claim(claim_id) is None:
        flask.abort(404, description=f"No claim {claim_id!r} in snapshot {snap.version}.")
    return snap.views.claim_chart(claim_id).rows


def csv_response(frame: pd.DataFrame, filename: str) -> flask.Response:
    return flask.Response(
        to_csv_bytes(frame),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def zip_response(
    frame: pd.DataFrame, name: str, snap: Snapshot, meta: dict[str, Any], citation: Citation
) -> flask.Response:
    """A ZIP of the CSV, a JSON metadata file and a README (sources, licence, how to cite: the
    same text as the page's "Cite this" block)."""
    # rows name their source in source_id, or several in source_ids (the quality flags)
    named = frame["source_id"] if "source_id" in frame else frame.get("source_ids", [])
    ids = {sid for text in named for sid in str(text).split(";") if sid}
    sources = snap.sources[snap.sources["source_id"].isin(ids)]
    metadata = {
        **meta,
        "snapshot_version": snap.version,
        "snapshot_built_at": snap.built_at,
        "rows": len(frame),
        "columns": list(frame.columns),
        "sources": sources.to_dict(orient="records"),
        "cite": citation.text(),
    }
    readme = "\n".join(
        [
            f"# {meta.get('title', name)}",
            "",
            f"{len(frame)} rows; the data behind one chart of the dashboard.",
            "",
            "## How to cite",
            citation.text(),
            "",
            NOTE.format(version=snap.version, built_at=snap.built_at),
            "",
            "## Sources and licences",
            *[
                f"- {s['publisher']}: {s['title'] or '(untitled)'}, "
                f"{s['date_published'] or 'n.d.'}. {s['url']} — {s['licence']}"
                + (f" [{tier_words(s.get('tier', ''), s.get('original_publisher', ''))}]"
                   if s.get("tier") else "")
                for s in metadata["sources"]
            ],
            "",
            "## Columns",
            "value is in base units (USD, tonnes); value_shown/unit_shown are the",
            "figures as the chart shows them. Text cells that start with =, +, -, @ are prefixed",
            "with an apostrophe so spreadsheets do not run them as formulas.",
        ]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.csv", to_csv_bytes(frame))
        archive.writestr(
            f"{name}.json", json.dumps(metadata, indent=2, ensure_ascii=False, default=str)
        )
        archive.writestr("README.md", readme)
    return flask.Response(
        buffer.getvalue(),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}.zip"'},
    )


def download_claim(claim_id: str, fmt: str) -> flask.Response:
    snap = snapshot_or_503(flask.request.args.get("v"))
    frame = claim_chart_frame(snap, claim_id)
    name = f"claim-{claim_id}"
    if fmt == "zip":
        claim = snap.claim(claim_id)
        return zip_response(
            frame,
            name,
            snap,
            {"title": claim["headline"], "quote": claim["quote"], "verdict": claim["verdict"]},
            Citation(claim["headline"], f"/?claim={claim_id}", snap.version, today()),
        )
    return csv_response(frame, f"{name}.csv")


def page_chart(page: str, chart: str) -> tuple[Snapshot, Any]:
    """The chart a page draws for the query string of this request (the page's own URL state),
    from the snapshot version named by ?v= (the one the page was loaded with)."""
    charts = PAGE_VIEWS[page].CHARTS
    if chart not in charts:
        flask.abort(404, description=f"No chart {chart!r} on page {page!r}; charts: "
                    f"{', '.join(charts)}.")
    snap = snapshot_or_503(flask.request.args.get("v"))
    query = urlstate.page_query(flask.request.args, urlstate.names_by_page()[page])
    req = snap.views.request(page, query)
    return snap, (req.chart(chart), req.params, list(req.notes))


def page_path(page: str) -> str:
    """The URL path of a page by its download name ("explorer" -> "/explorer")."""
    from dashboard.pages import PAGES

    return next((options["path"] for module, options in PAGES
                 if getattr(getattr(module, "SPEC", None), "page", None) == page), "/")


def download_page_chart(page: str, chart: str, fmt: str) -> flask.Response:
    snap, (drawn, params, notes) = page_chart(page, chart)
    name = f"{page}-{chart}"
    if fmt == "zip":
        return zip_response(
            drawn.rows,
            name,
            snap,
            {
                "title": drawn.title,
                "page": page,
                "chart": chart,
                "query": params.query(),
                "notes": [*notes, *drawn.notes],
                "empty": drawn.empty or None,
            },
            Citation(drawn.title, state_path(page_path(page), params.query()), snap.version,
                     today()),
        )
    return csv_response(drawn.rows, f"{name}.csv")


def download_table(table: str) -> flask.Response:
    """A whole table of the version, as `python -m etl export TABLE` gives it. A table with a
    detail part (HS-6 rows, which workers never load) is streamed: the core rows the worker
    holds, then the detail read DETAIL_BATCH_ROWS at a time, so a worker's memory does not
    grow with the detail."""
    snap = snapshot_or_503(flask.request.args.get("v"))
    if table not in snap.tables:
        flask.abort(404, description=f"No table {table!r}; tables: {', '.join(snap.tables)}.")
    filename = f"{table}-{snap.version}.csv"
    detail = detail_part(table, snap.version, store().root)
    if detail is None:
        return csv_response(snap.tables[table], filename)
    core = snap.tables[table]
    # opened now, under the retention lock, so that retention removing the version during the
    # download cannot cut it short (an open file stays readable); a damaged part answers 503
    # before any byte is sent (the first byte comes after a first pass over the detail)
    with reading(snap.version, store().root):
        try:
            parquet = open_detail(detail, snap.version)

            def parts():
                yield core
                yield from detail_batches(parquet, detail, snap.version)

            chunks = iter_csv(parts)
            first = next(chunks)
        except SnapshotError as exc:
            flask.abort(503, description=str(exc))
    return flask.Response(
        flask.stream_with_context(_then(first, chunks)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                 "X-Rows-Detail": "included"},
    )


def _then(first: bytes, rest: Any) -> Any:
    yield first
    yield from rest


ERROR_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed",
                413: "Request too large", 500: "Something went wrong",
                503: "No data yet"}


def error_page(code: int, description: str) -> str:
    """An error as a page of the site: its header and navigation, what happened, where to go."""
    from dashboard.pages import NAV

    links = "".join(f'<a class="nav-link" href="{escape(path)}">{escape(label)}</a>'
                    for label, path in NAV)
    title = ERROR_TITLES.get(code, "Error")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{code} {escape(title)} — China–Russia ties</title>"
        '<link rel="stylesheet" href="/assets/style.css"></head><body>'
        '<header class="site-header"><div class="brand"><span class="brand-title">'
        'China–Russia ties</span><span class="brand-sub">a news story checked against the '
        f'numbers</span></div><nav class="nav" aria-label="Pages">{links}</nav></header>'
        f'<main class="content" id="content"><div class="page page-error" data-status="{code}">'
        f"<h1>{code} — {escape(title)}</h1><p class=\"lede\">{escape(description)}</p>"
        '<p><a href="/">Back to the article, checked</a> · <a href="/data">Data &amp; sources'
        "</a> (every table and chart as CSV)</p></div></main></body></html>"
    )


def friendly_error(error: Exception) -> tuple[flask.Response, int]:
    code = getattr(error, "code", 500) or 500
    description = getattr(error, "description", None)
    if code == 500 or description is None:
        description = "Something went wrong on our side; the data is intact. Try again later."
    description = description[:MAX_MESSAGE]  # never echo unbounded input back
    wants_json = (
        flask.request.path in ("/health",)
        or flask.request.accept_mimetypes.best == "application/json"
    )
    if wants_json:
        return flask.jsonify({"error": description, "status": code}), code
    body = error_page(code, description)
    return flask.Response(body, status=code, mimetype="text/html"), code


def unknown_download(unknown: str) -> flask.Response:
    pages = ", ".join(f"/download/{p}/<chart>.csv" for p in PAGE_VIEWS)
    flask.abort(404, description=f"No download /download/{unknown}. Downloads are "
                f"/download/claim/<id>.csv|zip, /download/table/<table>.csv and {pages}.")


def register(server: flask.Flask) -> None:
    server.add_url_rule("/health", "health", health)
    server.add_url_rule(
        "/download/claim/<claim_id>.csv",
        "download_claim_csv",
        lambda claim_id: download_claim(claim_id, "csv"),
    )
    server.add_url_rule(
        "/download/claim/<claim_id>.zip",
        "download_claim_zip",
        lambda claim_id: download_claim(claim_id, "zip"),
    )
    server.add_url_rule("/download/table/<table>.csv", "download_table", download_table)
    server.add_url_rule("/image/claim/<claim_id>.png", "claim_image", social.claim_image)
    for page in PAGE_VIEWS:
        for fmt in ("csv", "zip"):
            server.add_url_rule(
                f"/download/{page}/<chart>.{fmt}",
                f"download_{page}_{fmt}",
                lambda chart, page=page, fmt=fmt: download_page_chart(page, chart, fmt),
            )
    # Anything else under /download/ is a download that does not exist: an HTTP 404 that names
    # what exists, not the app's in-page "not found" (scripts fetching data must see the error).
    server.add_url_rule("/download/<path:unknown>", "download_unknown", unknown_download)
    for code in (400, 404, 405, 500, 503):  # 413: dashboard.guard
        server.register_error_handler(code, friendly_error)
    server.register_error_handler(EtlError, friendly_error)

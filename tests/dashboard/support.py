"""Helpers of the dashboard tests (no tests here): private data folders, a refresh replayed from
recorded publisher responses, and small frames for the view functions.

The recorded responses are the synthetic files in tests/fixtures/ (made-up numbers in each
publisher's format, see tests/fixtures/README.md), served through `responses` in place of the
real endpoints, so a full refresh runs offline. A few records are derived from those files in
the same format (a Russia-reported mirror of China's totals, China-reported HS chapters) so the
mirror and chapter views have both sides; their numbers are equally made up.
"""

from __future__ import annotations

import copy
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import plotly.graph_objects as go
import responses

from dashboard.chart import Chart
from dashboard.figures import draw
from etl.derive.composition import hs_composition
from etl.derive.gaps import source_gaps
from etl.derive.statements import settlement_gaps
from etl.harmonise import typed, typed_sources
from etl.refresh import RefreshReport, run_refresh
from etl.schema import EVENT_COLUMNS, OBSERVATION_COLUMNS, SOURCE_COLUMNS
from etl.sources.http import make_session
from tests import helpers
from tests.helpers import copy_inputs

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
FIXTURES = REPO / "tests" / "fixtures"
RECORDED_AT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


copy_data = copy_inputs  # a private, writable copy of the committed inputs


def offline_refresh(root: Path) -> RefreshReport:
    report = run_refresh(root, offline=True, now=RECORDED_AT)
    assert report.ok, report.error
    return report


# --- recorded publisher responses ---------------------------------------------------------------
def _other_side(record: dict[str, Any]) -> dict[str, Any]:
    """The same flow of goods as the other country reports it: reporter and partner swapped,
    exports become imports."""
    china = record["reporterCode"] == 156
    return {
        "reporterCode": 643 if china else 156,
        "reporterISO": "RUS" if china else "CHN",
        "partnerCode": 156 if china else 643,
        "partnerISO": "CHN" if china else "RUS",
        "flowCode": "M" if record["flowCode"] == "X" else "X",
    }


def _comtrade_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for name in ("chn_rus_annual_total", "chn_rus_monthly_total", "rus_chn_annual_hs2"):
        records += json.loads((FIXTURES / "comtrade" / f"{name}.json").read_text())["data"]
    annual = [r for r in records if r["freqCode"] == "A" and r["cmdCode"] == "TOTAL"]
    mirror = []
    for record in annual:
        if record["partnerCode"] != 643:
            continue
        twin = copy.deepcopy(record)  # Russia's side of China's flows, 4% apart (made up)
        twin.update(_other_side(record), primaryValue=round(record["primaryValue"] * 1.04))
        mirror.append(twin)
    chapters = []
    for record in records:
        if record["reporterCode"] != 643 or record["cmdCode"] == "TOTAL":
            continue
        for year, scale in (("2022", 1.5), ("2023", 1.8)):
            twin = copy.deepcopy(record)  # China-reported chapters (made up)
            value = record["primaryValue"]
            twin.update(
                _other_side(record),
                period=year,
                refYear=int(year),
                primaryValue=None if value is None else round(value * scale),
            )
            chapters.append(twin)
    return records + mirror + chapters


def _comtrade_reply(request) -> tuple[int, dict[str, str], str]:
    parts = urlsplit(request.url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    freq = "M" if "/C/M/" in parts.path else "A"
    periods = set(query["period"].split(","))
    # no partnerCode: a partner table, every partner (as the API answers)
    partners = ({int(p) for p in query["partnerCode"].split(",")} if "partnerCode" in query
                else None)
    flows = set(query.get("flowCode", "X,M").split(","))
    by_chapter = query["cmdCode"] != "TOTAL"
    data = [
        r
        for r in _comtrade_records()
        if r["freqCode"] == freq
        and r["reporterCode"] == int(query["reporterCode"])
        and (partners is None or r["partnerCode"] in partners)
        and r["flowCode"] in flows
        and str(r["period"]) in periods
        and (r["cmdCode"] != "TOTAL") == by_chapter
    ]
    body = {"elapsedTime": "0.1 secs", "count": len(data), "data": data, "error": ""}
    return 200, {"Content-Type": "application/json"}, json.dumps(body)


def _imf_reply(request) -> tuple[int, dict[str, str], bytes]:
    path = urlsplit(request.url).path
    name = "imts_monthly.xml" if path.endswith(".M") else "imts_annual_scale6_usd.xml"
    return 200, {"Content-Type": "application/xml"}, (FIXTURES / "imf" / name).read_bytes()


CBR_FILES = {
    "R01375": "dynamic_cny_nominal_change.xml",
    "R01235": "dynamic_usd_vunitrate.xml",
}


def _cbr_reply(request) -> tuple[int, dict[str, str], bytes]:
    query = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
    name = CBR_FILES.get(query.get("VAL_NM_RQ", ""), "dynamic_empty.xml")
    return 200, {"Content-Type": "application/xml"}, (FIXTURES / "cbr" / name).read_bytes()


REPLIES = {  # endpoint -> the function answering it from the recorded responses
    r"https://comtradeapi\.un\.org/public/v1/preview/C/[AM]/HS": _comtrade_reply,
    r"https://api\.imf\.org/external/sdmx/3\.0/data/dataflow/IMF\.STA/IMTS/": _imf_reply,
    r"https://www\.cbr\.ru/scripts/XML_dynamic\.asp": _cbr_reply,
}


def recorded_refresh(root: Path, now: datetime = RECORDED_AT) -> RefreshReport:
    """A full refresh (every live source) answered from the recorded responses."""
    with (
        responses.RequestsMock(assert_all_requests_are_fired=False) as replies,
        mock.patch.dict(os.environ, {"COMTRADE_API_KEY": "", "IMF_API_KEY": ""}),
    ):
        for endpoint, reply in REPLIES.items():
            replies.add_callback(responses.GET, re.compile(endpoint), callback=reply)
        replies.add(
            responses.GET,
            "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip",
            body=(FIXTURES / "ecb" / "eurofxref-hist-2022-02.zip").read_bytes(),
            content_type="application/zip",
        )
        session = make_session(retries=0, timeout=(1.0, 2.0), sleep=lambda _s: None)
        report = run_refresh(root, session=session, now=now)
    assert report.ok, report.error
    return report


# --- small frames ------------------------------------------------------------------------------
# the pipeline tests' defaults (tests/helpers.py), as a China-reported export of US$1 bn in 2023
OBSERVATION_DEFAULTS: dict[str, Any] = {
    **helpers.OBSERVATION_DEFAULTS, "flow": "export", "period": "2023", "value": 1e9,
    "source_id": "press-a",
}


def observations(*rows: dict[str, Any]) -> pd.DataFrame:
    """obs({"period": "2022", "value": 5e9}, ...) -> a typed observations frame."""
    frame = pd.DataFrame(
        [{**OBSERVATION_DEFAULTS, **row} for row in rows], columns=OBSERVATION_COLUMNS
    )
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype="str") for c in OBSERVATION_COLUMNS})
        frame["value"] = frame["value"].astype("float64")
        frame["cumulative"] = frame["cumulative"].astype(bool)
    return typed(frame)


def with_derived(obs: pd.DataFrame, hs_chapters: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows plus what the pipeline derives from them for the charts that compare and stack
    (etl/derive: gaps between sources, HS sections and "other" groups with their shares,
    statements against published shares), as it would publish them: a view test then reads
    the pipeline's figures, as the views do."""
    hs = hs_chapters if hs_chapters is not None else pd.DataFrame(
        {"chapter": pd.Series(dtype="str"), "section": pd.Series(dtype="str")})
    published = {sid: "2024-01-01" for sid in obs["source_id"]}
    steps = [source_gaps(obs, published), hs_composition(obs, hs, published),
             settlement_gaps(obs, published)]
    return typed(pd.concat([obs, *[s for s in steps if not s.empty]], ignore_index=True))


def sources(*ids: str, **published: str) -> pd.DataFrame:
    """A source row per id: publisher "Publisher <id>", dated by `published` (id=date)."""
    rows = [
        {
            "source_id": sid,
            "publisher": f"Publisher {sid}",
            "title": f"Title {sid}",
            "url": f"https://example.org/{sid}",
            "date_published": published.get(sid.replace("-", "_"), "2024-01-01"),
            "date_accessed": "2026-11-20",
            "licence": "Copyright of the publisher. Facts used with attribution.",
            "citation": f"Publisher {sid}, Title {sid}.",
            "original_publisher": "",
            "kind": "derived" if sid.startswith("derived-") else "press",
        }
        for sid in ids
    ]
    return typed_sources(pd.DataFrame(rows, columns=SOURCE_COLUMNS))


def tables(obs: pd.DataFrame, **extra: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables a view's `prepare` reads, built around `obs` (sources for every source_id)."""
    ids = set(obs["source_id"])
    for text in obs["derived_from"]:
        ids |= {s for s in text.split(";") if s}
    base = {
        "observations": obs,
        "sources": sources(*sorted(ids)),
        "events": pd.DataFrame({c: pd.Series(dtype="str") for c in EVENT_COLUMNS}),
        "trade_converted": pd.DataFrame(),
        "quality_flags": pd.DataFrame(),
        "partners": pd.DataFrame(
            {
                "code": ["CHN", "RUS", "USA", "HKG", "EU27", "JPN", "KOR", "WLD"],
                "name": [
                    "China",
                    "Russia",
                    "United States",
                    "Hong Kong",
                    "European Union",
                    "Japan",
                    "South Korea",
                    "World",
                ],
                "kind": [
                    "country",
                    "country",
                    "country",
                    "territory",
                    "bloc",
                    "country",
                    "country",
                    "world",
                ],
                "aliases": [""] * 8,
            }
        ),
    }
    return {**base, **extra}


# --- component trees ---------------------------------------------------------------------------
def walk(component: Any):
    """Every component (and string) in a Dash component tree (or a list of trees), depth first."""
    if isinstance(component, list | tuple):
        for item in component:
            yield from walk(item)
        return
    yield component
    children = getattr(component, "children", None)
    if children is None:
        return
    if not isinstance(children, list | tuple):
        children = [children]
    for child in children:
        if child is not None:
            yield from walk(child)


def find_all(tree: Any, kind: str | None = None, **props: Any) -> list[Any]:
    """Components of type `kind` (class name) whose props equal `props` (className: contains)."""
    found = []
    for node in walk(tree):
        if isinstance(node, str) or (kind and type(node).__name__ != kind):
            continue
        ok = True
        for key, value in props.items():
            actual = getattr(node, key, None)
            if key == "className":
                ok &= isinstance(actual, str) and value in actual.split()
            else:
                ok &= actual == value
        if ok:
            found.append(node)
    return found


def text_of(tree: Any) -> str:
    return " ".join(node for node in walk(tree) if isinstance(node, str))


# --- figures ------------------------------------------------------------------------------------
def as_figure(figure: dict | None) -> go.Figure | None:
    """A figure dict (what dashboard.figures.draw gives and a dcc.Graph holds) as plotly's
    go.Figure: validated by plotly (a property plotly.js does not know raises ValueError) and
    readable by attribute (`fig.layout.title.text`)."""
    return None if figure is None else go.Figure(figure)


def drawn(chart: Chart, version: str) -> go.Figure | None:
    """`draw(chart, version)`, validated and readable by attribute (see `as_figure`)."""
    return as_figure(draw(chart, version))

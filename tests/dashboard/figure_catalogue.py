"""Every figure the app can draw, as the browser receives it (no tests here).

`catalogue(snapshot)` draws each page's charts for a spread of states (views, flows, currencies,
frequencies, commodity modes, source comparisons, conventions, payment directions, measures)
and every claim's chart, and gives each figure as the JSON Dash sends for a `dcc.Graph`
(`plotly.io.json.to_json_plotly`, what `dash._utils.to_json` calls), parsed back and
normalised: plotly's typed arrays ({"dtype", "bdata"}, which go.Figure makes of numpy arrays
and plotly.js decodes into plain arrays) become lists, and NaN becomes null (plotly.js draws
both as a gap). Key order never matters to a parsed dict.

test_figure_equivalence.py validates each of these figures with plotly. (To compare every
figure before and after a change to the builders, record `catalogue(snapshot)` of both as
JSON and compare them, as was done when the builders became dicts; see that test.)
"""

from __future__ import annotations

import base64
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from plotly.io.json import to_json_plotly

from dashboard.figures import draw
from dashboard.views import check as check_views

VERSION = "fixture-version"  # stamped on every figure instead of the snapshot's own version

# articles pasted into /check (its statements' charts are drawn by the claims' figures)
EVALUATION = Path(__file__).resolve().parents[2] / "data" / "evaluation"
ARTICLES = sorted(p.name for p in EVALUATION.glob("*.txt") if not p.name.startswith("offtopic"))
CHECKED_ON = date(2026, 11, 20)  # "today" for an article that names no date

# (page, query): the states drawn, every chart of the page (the explorer: its view's chart)
STATES: list[tuple[str, dict[str, str]]] = [
    ("explorer", {}),
    ("explorer", {"view": "trade", "freq": "M"}),
    ("explorer", {"view": "trade", "freq": "M", "flows": "total,balance"}),
    ("explorer", {"view": "trade", "flows": "export,import,total,balance"}),
    ("explorer", {"view": "trade", "currency": "CNY"}),
    ("explorer", {"view": "trade", "currency": "RUB"}),
    ("explorer", {"view": "trade", "currency": "CNY", "freq": "M"}),
    ("explorer", {"view": "trade", "currency": "CNY", "measure": "growth"}),
    ("explorer", {"view": "trade", "measure": "growth", "freq": "M"}),
    ("explorer", {"view": "trade", "reporter": "RUS"}),
    ("explorer", {"view": "trade", "source": "imf"}),
    ("explorer", {"view": "commodities"}),
    ("explorer", {"view": "commodities", "cflow": "export"}),
    ("explorer", {"view": "commodities", "kind": "treemap"}),
    ("explorer", {"view": "commodities", "level": "section"}),
    ("explorer", {"view": "commodities", "kind": "treemap", "level": "section"}),
    ("explorer", {"view": "commodities", "reporter": "CHN"}),
    ("explorer", {"view": "sources"}),
    ("explorer", {"view": "sources", "freq": "M"}),
    ("explorer", {"view": "sources", "pair": "cn_exports"}),
    ("explorer", {"view": "sources", "pair": "cn_imports", "freq": "M"}),
    ("partners", {}),
    ("partners", {"reporter": "RUS"}),
    ("partners", {"basis": "incl_hk_tw"}),
    ("partners", {"basis": "blocs_as_units"}),
    ("currencies", {}),
    ("currencies", {"flow": "import", "shares": "RUB,CNY,RUB+CNY,USD+EUR"}),
    ("currencies", {"pair": "rub_usd", "start": "2020"}),
    ("currencies", {"pair": "cny_usd"}),
    ("energy", {}),
    ("energy", {"measure": "barrels"}),
    ("energy", {"measure": "value", "start": "2015"}),
    ("data", {}),
]


def state_name(page: str, query: dict[str, str], chart: str) -> str:
    return f"{page}?{'&'.join(f'{k}={v}' for k, v in sorted(query.items()))}#{chart}"


def charts(snapshot) -> dict[str, Any]:
    """Every chart of the sampled states and every claim's chart, by a name saying which."""
    out: dict[str, Any] = {}
    for page, query in STATES:
        request = snapshot.views.request(page, query)
        names = [request.params.view] if page == "explorer" else list(request.charts)
        for name in names:
            out[state_name(page, query, name)] = request.chart(name)
    for claim_id in snapshot.tables["claims"]["claim_id"]:
        out[f"claim:{claim_id}"] = snapshot.views.claim_chart(claim_id)
    base = snapshot.views.check
    for article in ARTICLES:
        text = (EVALUATION / article).read_text()
        checked = check_views.check_pasted(base, text, None, CHECKED_ON)
        as_of = checked["as_of"]
        for n, claim in enumerate(checked["claims"][:check_views.MAX_CHARTS], start=1):
            out[f"check:{article}#{n}"] = check_views.statement_chart(base, claim, n, as_of)
    return out


def _plain(value: Any) -> Any:
    """A parsed figure with typed arrays decoded to lists and NaN as None."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return _plain(array.tolist())
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def sent(figure: Any) -> Any:
    """The figure as the browser receives it (see the module's docstring)."""
    return _plain(json.loads(to_json_plotly(figure)))


def figures(snapshot) -> dict[str, Any]:
    """name -> the figure `draw` gives for it (None where the chart draws nothing)."""
    return {name: draw(chart, VERSION) for name, chart in charts(snapshot).items()}


def catalogue(snapshot) -> dict[str, Any]:
    """name -> the figure sent for it (None where the chart draws nothing)."""
    return {name: None if fig is None else sent(fig) for name, fig in figures(snapshot).items()}

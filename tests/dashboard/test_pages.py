"""Every page, from its URL: the server-rendered layout (as Dash's page router builds it), the
router and control callbacks over HTTP, invalid parameters shown as notes, never a traceback."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from dash import html

from dashboard.pages import (
    NAV,
    PAGES,
    article,
    currencies,
    energy,
    explorer,
    pagekit,
    partners,
    sources,
)
from tests.dashboard.support import as_figure, find_all, text_of

PAGE_MODULES = [explorer, partners, currencies, energy, sources]
INVALID = {
    explorer: {"view": "pie", "currency": "DOGE", "flows": "x", "freq": "weekly"},
    partners: {"reporter": "MARS", "basis": "alphabetical", "table": "1066"},
    currencies: {"pair": "btc_usd", "flow": "sideways", "start": "abc"},
    energy: {"measure": "furlongs", "start": "soon"},
    sources: {"kind": "gossip", "sort": "salary", "order": "sideways"},
}
BAD_DATES = {
    explorer: {"start": "2030", "end": "1990"},
    currencies: {"start": "2026", "end": "1901"},
    energy: {"start": "2024", "end": "2019"},
}


def downloads(tree):
    return [
        a.href for a in find_all(tree, "A") if str(getattr(a, "href", "")).startswith("/download/")
    ]


def test_every_page_is_in_the_navigation_in_order():
    assert [path for _label, path in NAV] == [options["path"] for _m, options in PAGES]
    assert [path for _label, path in NAV] == [
        "/",
        "/explorer",
        "/partners",
        "/currencies",
        "/energy",
        "/data",
        "/check",
    ]


@pytest.mark.parametrize("module", PAGE_MODULES, ids=lambda m: m.__name__.split(".")[-1])
def test_every_page_renders_its_charts_with_downloads_and_no_notes_by_default(render, module):
    tree = render(module)
    assert find_all(tree, "H1")
    assert not find_all(tree, className="notice-warning")
    links = downloads(tree)
    assert links and all("v=" in link for link in links)
    if module is not sources:
        graphs = find_all(tree, "Graph")
        assert graphs and all(as_figure(g.figure).layout.title.text for g in graphs)
        assert len(find_all(tree, "Details", className="table-twin")) == len(graphs)
        # each chart's box holds the figure's own height before plotly has drawn it
        heights = [f"{as_figure(g.figure).layout.height}px" for g in graphs]
        assert [g.style["height"] for g in graphs] == heights


@pytest.mark.parametrize("module", PAGE_MODULES, ids=lambda m: m.__name__.split(".")[-1])
def test_invalid_parameters_fall_back_to_defaults_with_a_visible_note(render, module):
    tree = render(module, **INVALID[module])
    notes = find_all(tree, className="notice-warning")
    assert notes, module.__name__
    assert "Traceback" not in text_of(tree)
    default = render(module)
    charts = [as_figure(g.figure).layout.title.text for g in find_all(default, "Graph")]
    assert charts == [as_figure(g.figure).layout.title.text for g in find_all(tree, "Graph")]


@pytest.mark.parametrize("module", list(BAD_DATES), ids=lambda m: m.__name__.split(".")[-1])
def test_reversed_or_out_of_range_years_are_fixed_with_a_note_and_still_drawn(render, module):
    tree = render(module, **BAD_DATES[module])
    notes = text_of(find_all(tree, className="notice-warning"))
    assert "swapped" in notes or "outside the data" in notes
    assert find_all(tree, "Graph")


def test_the_controls_show_the_state_the_url_asked_for(render):
    tree = render(explorer, view="sources", pair="cn_imports", freq="M", start="2022", end="2024")
    values = {
        c.id: c.value
        for c in find_all(tree)
        if getattr(c, "id", "").startswith("explorer-")
        and hasattr(c, "value")
        and type(c).__name__ != "Store"
    }
    assert values["explorer-view"] == "sources"
    assert values["explorer-pair"] == "cn_imports"
    assert (values["explorer-start"], values["explorer-end"]) == ("2022", "2024")
    hidden = {
        c.id: getattr(c, "hidden", None)
        for c in find_all(tree)
        if str(getattr(c, "id", "")).endswith("-ctl")
    }
    assert hidden["explorer-pair-ctl"] is False and hidden["explorer-flows-ctl"] is True


def test_download_links_carry_the_pages_state(render, bundled_snapshot):
    tree = render(partners, basis="blocs_as_units", reporter="CHN")
    for link in downloads(tree):
        query = parse_qs(link.split("?", 1)[1])
        assert query["basis"] == ["blocs_as_units"] and query["v"] == [bundled_snapshot.version]


def test_switching_the_convention_changes_where_russia_stands_in_the_caveat(render):
    standings = [
        find_all(render(partners, basis=b), className="standings")[0]
        for b in ("countries_only", "blocs_as_units")
    ]
    titles = [
        as_figure(find_all(render(partners, basis=b), "Graph")[0].figure).layout.title.text
        for b in ("countries_only", "blocs_as_units")
    ]
    assert standings[0].to_plotly_json()["props"]["data-standings"] == "4,6,8"
    assert "#4" in titles[0] and "#8" in titles[1]


def test_an_empty_selection_shows_an_explanation_not_an_empty_chart(render):
    tree = render(explorer, freq="M", start="2014", end="2020")
    assert not find_all(tree, "Graph")
    empty = find_all(tree, className="notice-empty")
    assert "No monthly China-reported figures" in text_of(empty[0])
    assert "monthly data starts Mar 2022" in text_of(empty[0])


def test_the_data_page_lists_sources_freshness_quality_flags_and_table_downloads(
    render, bundled_snapshot
):
    tree = render(sources)
    text = text_of(tree)
    assert bundled_snapshot.version in text and bundled_snapshot.built_at in text
    assert "not available — never downloaded (offline build)" in text
    run_log = [s for s in find_all(tree, "Section") if s.id == "run-log"]
    assert run_log
    table_links = [h for h in downloads(tree) if h.startswith("/download/table/")]
    assert {h.split("/")[-1].split(".csv")[0] for h in table_links} >= {"observations", "sources"}
    rows = [r for r in find_all(tree, "Tr") if "data-source" in r.to_plotly_json()["props"]]
    assert len(rows) == len(bundled_snapshot.sources)


def test_the_article_page_still_shows_statements_verdicts_and_charts(render):
    tree = render(article)
    assert len(find_all(tree, "Article", className="claim-card")) >= 10
    assert find_all(tree, className="verdict")
    graphs = find_all(tree, "Graph")
    assert graphs and all(g.style and g.style["height"].endswith("px") for g in graphs)


# --- over HTTP, as the browser asks -------------------------------------------------------------
def post_callback(client, output, outputs, inputs, state=()):
    payload = {
        "output": output,
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": list(state),
    }
    client.get("/")  # the first request registers the page router
    response = client.post(
        "/_dash-update-component", data=json.dumps(payload), content_type="application/json"
    )
    return response


def route(client, path: str, search: str = "") -> dict:
    """What Dash's page router answers for a URL: the page's content and its title."""
    response = post_callback(
        client,
        ".._pages_content.children..._pages_store.data..",
        [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
    )
    assert response.status_code == 200
    return response.get_json()["response"]


PAGE_CLASS = {"/": "page-article", "/explorer": "page-explorer", "/partners": "page-partners",
              "/currencies": "page-currencies", "/energy": "page-energy", "/data": "page-data",
              "/check": "page-check"}


@pytest.mark.parametrize(("label", "path"), NAV)
def test_every_navigation_link_opens_its_own_page(client, label, path):
    body = route(client, path, "?currency=DOGE")
    content = body["_pages_content"]["children"]
    assert PAGE_CLASS[path] in content["props"]["className"].split()
    assert body["_pages_store"]["data"]["title"].endswith("— China–Russia ties")


def test_a_path_that_is_no_page_does_not_render_one(client):
    content = json.dumps(route(client, "/nonexistent")["_pages_content"]["children"])
    assert not any(css in content for css in PAGE_CLASS.values())


def test_the_page_router_renders_a_page_from_its_url_with_a_note_for_bad_values(client):
    response = post_callback(
        client,
        ".._pages_content.children..._pages_store.data..",
        [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        [
            {"id": "_pages_location", "property": "pathname", "value": "/explorer"},
            {"id": "_pages_location", "property": "search", "value": "?currency=DOGE&view=sources"},
        ],
    )
    assert response.status_code == 200
    body = response.get_json()["response"]
    content = json.dumps(body["_pages_content"]["children"], ensure_ascii=False)
    assert "“DOGE” is not a currency" in content and "Compare sources" in content
    assert body["_pages_store"]["data"]["title"] == "Trade explorer — China–Russia ties"


def test_changing_a_control_redraws_the_chart_and_updates_the_shareable_url(
    client, bundled_snapshot
):
    spec = explorer.SPEC
    outputs = [
        {"id": "explorer-results", "property": "children"},
        {"id": "explorer-url", "property": "search"},
        *[
            {"id": f"{pagekit.control_id('explorer', c.name)}-ctl", "property": "hidden"}
            for c in spec.controls
            if c.views is not None
        ],
        *[{"id": f"explorer-{c.name}", "property": "options"} for c in spec.controls if c.dynamic],
    ]
    output = ".." + "...".join(f"{o['id']}.{o['property']}" for o in outputs) + ".."
    values = {
        "view": "trade",
        "reporter": "CHN",
        "freq": "A",
        "flows": ["total"],
        "measure": "value",
        "currency": "RUB",
        "source": "best",
        "pair": "total",
        "cflow": "import",
        "level": "chapter",
        "kind": "area",
        "year": "2022",
        "start": "2016",
        "end": "2023",
    }
    inputs = [
        {"id": f"explorer-{c.name}", "property": "value", "value": values[c.name]}
        for c in spec.controls
    ]
    state = [{"id": "explorer-version", "property": "data", "value": bundled_snapshot.version}]
    response = post_callback(client, output, outputs, inputs, state)
    assert response.status_code == 200
    body = response.get_json()["response"]
    search = body["explorer-url"]["search"]
    assert "currency=RUB" in search and "flows=total" in search and "start=2016" in search
    results = json.dumps(body["explorer-results"]["children"], ensure_ascii=False)
    assert "RUB bn" in results and "China–Russia trade (China-reported)" in results
    assert body["explorer-pair-ctl"]["hidden"] is True
    assert body["explorer-flows-ctl"]["hidden"] is False


def test_the_callback_and_the_layout_draw_the_same_chart_for_the_same_state(render, bundled_app):
    query = {"basis": "incl_hk_tw", "reporter": "CHN", "table": "2023"}
    layout_titles = [
        as_figure(g.figure).layout.title.text for g in find_all(render(partners, **query), "Graph")
    ]
    with bundled_app.server.test_request_context():
        version = bundled_app.server.config["SNAPSHOT_STORE"].current().version
        values = [query[c.name] for c in partners.SPEC.controls]
        results, search, *_ = pagekit.update(partners.SPEC, values, version)
    callback_titles = [as_figure(g.figure).layout.title.text
                       for g in find_all(html.Div(results), "Graph")]
    assert callback_titles == layout_titles
    assert search == "?reporter=CHN&basis=incl_hk_tw&table=2023"


def test_without_a_published_snapshot_pages_and_downloads_say_how_to_make_one(tmp_path):
    from dashboard.app import create_app

    app = create_app(tmp_path, build_if_missing=False)
    with app.server.test_request_context():
        for module in PAGE_MODULES:
            assert "python -m etl refresh" in text_of(module.layout())
    client = app.server.test_client()
    response = client.get("/download/explorer/trade.csv")
    assert response.status_code == 503 and b"python -m etl refresh" in response.data
    assert client.get("/health").status_code == 503

"""The machinery every page with controls shares: URL -> state -> layout, and one thin callback.

A page is described by a `PageSpec`: its controls (each bound to one query parameter) and a
`render` function from (snapshot, request) to components, where the request
(dashboard.views.Request) holds the page's base frames, its parsed state and the notes. Then:

- `layout(spec, query)` parses the URL's query string with the page's view module
  (Views.request), builds the controls showing that state, and renders the results on the
  server (so a shared link opens on the same view, and the page works before any callback runs);
- `register(app, spec)` adds ONE callback: every control's value in; the results, the URL's
  query string (so the view stays shareable), control visibility and dynamic options out. The
  callback parses and renders exactly like the layout: no second code path to drift apart.

The snapshot version a page was loaded with travels in a dcc.Store, so a control change after
a refresh still draws from the same version as the rest of the page (and as its downloads).
Once that version is no longer retained, the callback answers with a notice and a reload link
instead (never a mix of versions on one page, never an error).

Every query, from the URL or from the controls, goes through dashboard.urlstate first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import flask
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import headers, urlstate
from dashboard.chart import Chart
from dashboard.components import Citation, chart_block, no_snapshot
from dashboard.components.cite import state_path, today
from dashboard.figures import draw
from dashboard.snapshot import Snapshot
from dashboard.views import Request
from etl.store import is_version_name


@dataclass(frozen=True)
class Choice:
    """An option that may be unavailable in the state shown: then it is disabled, with the
    reason beside its label."""

    label: str
    reason: str = ""  # why it is disabled ("" when it is available)

    def component(self) -> Any:
        if not self.reason:
            return self.label
        return html.Span([self.label, html.Span(self.reason, className="option-reason")],
                         className="option-disabled")


OptionsFn = Callable[[Any, Any], Mapping[str, "str | Choice"]]  # (page base, state) -> options


@dataclass(frozen=True)
class Control:
    name: str  # the query parameter it sets
    label: str
    kind: str  # radio | checklist | dropdown | tabs | text
    options: Mapping[str, str | Choice] | OptionsFn = field(default_factory=dict)
    views: frozenset[str] | None = None  # shown only for these values of the page's `view`
    dynamic: bool = False  # options depend on the state: refreshed by the callback
    help: str = ""

    def choices(self, base: Any, params: Any) -> Mapping[str, str | Choice]:
        return self.options(base, params) if callable(self.options) else self.options


@dataclass(frozen=True)
class PageSpec:
    page: str  # key in dashboard.views.PAGE_VIEWS, and the download prefix
    heading: str
    intro: Callable[[Snapshot, Any], list]
    controls: tuple[Control, ...]
    render: Callable[[Snapshot, Request], list]
    after: Callable[[Snapshot, Any], list] | None = None
    view_of: Callable[[Any], str] = lambda _params: ""


def control_id(page: str, name: str) -> str:
    return f"{page}-{name}"


VALUE_PROP = {
    "radio": "value",
    "checklist": "value",
    "dropdown": "value",
    "tabs": "value",
    "text": "value",
}


def current_snapshot() -> Snapshot | None:
    return flask.current_app.config["SNAPSHOT_STORE"].current()


def served_snapshot() -> Snapshot | None:
    """The current snapshot for a page built from it, its version stamped on the response
    (None: nothing is published yet; the page says so)."""
    snap = current_snapshot()
    if snap is not None:
        headers.served(snap.version, pinned=False)
    return snap


def search_of(params: Any) -> str:
    return "?" + urlencode(params.query(), safe=",")


def _value(control: Control, params: Any) -> Any:
    value = getattr(params, control.name)
    if control.kind == "checklist":
        return list(value)
    return str(value) if not isinstance(value, str) else value


def _options(choices: Mapping[str, str | Choice]) -> list[dict[str, Any]]:
    options = []
    for value, label in choices.items():
        if isinstance(label, Choice):
            options.append({"label": label.component(), "value": value,
                            "disabled": bool(label.reason)})
        else:
            options.append({"label": label, "value": value})
    return options


def build_control(spec: PageSpec, control: Control, base: Any, params: Any) -> Any:
    cid = control_id(spec.page, control.name)
    value = _value(control, params)
    choices = control.choices(base, params)
    if control.kind == "tabs":
        # the views of a page as a row of radio buttons drawn like tabs: every view is reached
        # with Tab and the arrow keys (Dash's Tabs are not focusable)
        widget = dcc.RadioItems(id=cid, options=_options(choices), value=value, inline=True,
                                className="radio view-switch")
        return html.Div(
            [html.Span(control.label, className="visually-hidden", id=f"{cid}-label"), widget],
            id=f"{cid}-ctl",
            className="control control-tabs",
            role="group",
            **{"aria-labelledby": f"{cid}-label"},
        )
    if control.kind == "radio":
        widget = dcc.RadioItems(
            id=cid, options=_options(choices), value=value, inline=True, className="radio"
        )
    elif control.kind == "checklist":
        widget = dcc.Checklist(
            id=cid, options=_options(choices), value=value, inline=True, className="checklist"
        )
    elif control.kind == "dropdown":
        # searchable: type "2019" to pick a year
        widget = dcc.Dropdown(id=cid, options=_options(choices), value=value, clearable=False,
                              searchable=True, className="dropdown")
    elif control.kind == "text":
        widget = dcc.Input(
            id=cid,
            type="search",
            value=value,
            debounce=0.3,  # filters as the reader types (a pause of 0.3 s, not every key)
            placeholder=control.help or "Filter",
            className="text-input",
        )
    else:
        raise ValueError(f"unknown control kind {control.kind!r}")
    hidden = control.views is not None and spec.view_of(params) not in control.views
    return html.Div(
        [html.Label(control.label, htmlFor=cid, className="control-label"), widget],
        id=f"{cid}-ctl",
        className=f"control control-{control.kind}",
        hidden=hidden,
    )


def chart_section(page: str, heading: str, chart: Chart, snap: Snapshot, query: dict[str, str],
                  *, explainer: list | None = None) -> html.Section:
    """A chart drawn by its figure (dashboard.figures.draw) inside its block of notes, data
    table, downloads and how to cite it (the page's path is /<page>)."""
    figure = draw(chart, snap.version)
    citation = Citation(chart.title, state_path(f"/{page}", query), snap.version, today())
    return chart_block(page, heading, chart, figure, snap.version, query, explainer=explainer,
                       words=snap.views.words, citation=citation)


def chart_sections(page: str, charts: tuple[tuple[str, str], ...], snap: Snapshot,
                   req: Request) -> list[html.Section]:
    """`chart_section` for each (chart name, heading), in order."""
    query = req.params.query()
    return [chart_section(page, heading, req.chart(name), snap, query) for name, heading in charts]


def year_options(base: Any, _params: Any) -> dict[str, str]:
    """Every year from the page's first to its last (for From / To dropdowns)."""
    return {str(y): str(y) for y in range(base.first_year, base.last_year + 1)}


def year_controls(views: frozenset[str] | None = None) -> tuple[Control, Control]:
    """The "From" and "To" years of a page (`start` and `end`), shown for these views."""
    return (
        Control("start", "From", "dropdown", year_options, views),
        Control("end", "To", "dropdown", year_options, views),
    )


def lede(text: str) -> Callable[[Snapshot, Any], list]:
    """A page's `intro` that is one paragraph of text."""
    return lambda _snap, _base: [html.P(text, className="lede")]


def _memo_key(what: str, spec: PageSpec, req: Request) -> tuple:
    stamp = flask.current_app.config["SNAPSHOT_STORE"].state_stamp()
    # the day too: the "Cite this" blocks give the date of access
    return (what, spec.page, search_of(req.params), req.notes, stamp, today())


def param_names(spec: PageSpec) -> tuple[str, ...]:
    return tuple(c.name for c in spec.controls)


def layout(spec: PageSpec, query: Mapping[str, Any]) -> html.Div:
    snap = served_snapshot()
    if snap is None:
        return no_snapshot()
    req = snap.views.request(spec.page, urlstate.page_query(query, param_names(spec)))
    return snap.memo(_memo_key("layout", spec, req), lambda: _layout(spec, snap, req))


def page_layout(spec: PageSpec) -> Callable[..., html.Div]:
    """The page's `layout(**query)` for Dash's page router (and for tests)."""

    def page(**query: Any) -> html.Div:
        return layout(spec, query)

    page.__doc__ = f"The {spec.page} page for a URL's query parameters."
    return page


def _layout(spec: PageSpec, snap: Snapshot, req: Request) -> html.Div:
    base, params = req.base, req.params
    tabs = [c for c in spec.controls if c.kind == "tabs"]
    others = [c for c in spec.controls if c.kind != "tabs"]
    return html.Div(
        [
            html.H1(spec.heading),
            *spec.intro(snap, base),
            *[build_control(spec, c, base, params) for c in tabs],
            html.Div(
                [build_control(spec, c, base, params) for c in others],
                className="controls",
                role="group",
                **{"aria-label": "Choose what the charts show"},
            )
            if others
            else None,
            html.Div(
                spec.render(snap, req),
                id=f"{spec.page}-results",
                className="results",
                **{"aria-live": "polite"},
            ),
            *(spec.after(snap, base) if spec.after else []),
            dcc.Location(id=f"{spec.page}-url", refresh=False),
            dcc.Store(id=f"{spec.page}-version", data=snap.version),
        ],
        className=f"page page-{spec.page}",
        **{"data-version": snap.version},
    )


def query_from_controls(spec: PageSpec, values: list[Any]) -> dict[str, str]:
    """The controls' values as the page's URL state (through the one URL-state parser: a
    checklist's list is joined with commas, anything that is not text-like is dropped)."""
    names = param_names(spec)
    return urlstate.page_query(dict(zip(names, values, strict=False)), names, repeated=False)


def older_version(spec: PageSpec, values: list[Any], version: Any, snap: Snapshot) -> list[Any]:
    """The answer to a page whose data version is no longer kept: a notice with a link that
    reloads it on the current version; nothing else on the page changes (never a mix)."""
    params = snap.views.request(spec.page, query_from_controls(spec, values)).params
    shown = f" ({version})" if is_version_name(version) else ""
    message = html.Div(
        [
            html.Strong("This page shows an older version of the data"),
            f"{shown}, which the server no longer keeps, so it cannot redraw it. ",
            html.A("Reload the page", href=search_of(params), className="reload-link"),
            f" to see the current version ({snap.version}).",
        ],
        className="notice notice-warning stale-version",
        role="alert",
    )
    hidden = [c for c in spec.controls if c.views is not None]
    dynamic = [c for c in spec.controls if c.dynamic]
    return [message, *[no_update] * (1 + len(hidden) + len(dynamic))]


def update(spec: PageSpec, values: list[Any], version: str | None) -> list[Any]:
    """What the callback returns for these control values (a plain function: tested directly)."""
    store = flask.current_app.config["SNAPSHOT_STORE"]
    snap = store.pinned(version)
    hidden_controls = [c for c in spec.controls if c.views is not None]
    dynamic = [c for c in spec.controls if c.dynamic]
    if snap is None:
        current = store.current()
        if current is None:
            return [no_snapshot(), "", *[False] * len(hidden_controls), *[[] for _ in dynamic]]
        headers.served(current.version, pinned=False)
        return older_version(spec, values, version, current)
    headers.served(snap.version, pinned=True)
    req = snap.views.request(spec.page, query_from_controls(spec, values))
    view = spec.view_of(req.params)
    results = snap.memo(_memo_key("results", spec, req), lambda: spec.render(snap, req))
    return [
        results,
        search_of(req.params),
        *[view not in c.views for c in hidden_controls],
        *[_options(c.choices(req.base, req.params)) for c in dynamic],
    ]


def register(app: Dash, spec: PageSpec) -> None:
    outputs = [
        Output(f"{spec.page}-results", "children"),
        Output(f"{spec.page}-url", "search"),
        *[
            Output(f"{control_id(spec.page, c.name)}-ctl", "hidden")
            for c in spec.controls
            if c.views is not None
        ],
        *[Output(control_id(spec.page, c.name), "options") for c in spec.controls if c.dynamic],
    ]
    inputs = [Input(control_id(spec.page, c.name), VALUE_PROP[c.kind]) for c in spec.controls]

    def callback(*args: Any) -> list[Any]:
        *values, version = args
        return update(spec, list(values), version)

    app.callback(outputs, inputs, State(f"{spec.page}-version", "data"), prevent_initial_call=True)(
        callback
    )

"""Figure builders: every chart states its finding as its title, labels its axes with units, lists
its sources with dates underneath, gives exact values on hover, uses colour-blind-safe colours,
and is laid out to fit a 375 px screen."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts import PAGE_FIGURES
from dashboard.charts import currencies as currency_figures
from dashboard.charts import explorer as explorer_figures
from dashboard.charts import partners as partner_figures
from dashboard.figures import PALETTE, TITLE_WIDTH, finish_layout, legend_rows, wrap
from dashboard.views import PAGE_VIEWS, explorer
from tests.dashboard.support import observations, tables

ALLOWED_COLOURS = {*PALETTE, "#888888", "#555", "#999", "#fff"}
CHARTS = [
    ("explorer", {"view": "trade"}),
    ("explorer", {"view": "trade", "freq": "M", "flows": "total,balance"}),
    ("explorer", {"view": "trade", "currency": "CNY", "measure": "growth"}),
    ("explorer", {"view": "commodities"}),
    ("explorer", {"view": "sources"}),
    ("partners", {}),
    ("currencies", {}),
    ("energy", {}),
]


def drawn(snapshot, page, query):
    """(chart, figure) for every chart a page draws for `query`."""
    module, figures = PAGE_VIEWS[page], PAGE_FIGURES[page].FIGURES
    base = snapshot.views.base(page)
    params, _ = module.parse(query, base)
    names = [params.view] if page == "explorer" else [n for n in module.CHARTS if n in figures]
    out = []
    for name in names:
        chart = module.CHARTS[name](base, params)
        if not chart.is_empty:
            out.append((chart, figures[name](chart, snapshot.version)))
    return out


def all_drawn(snapshot):
    return [
        pytest.param(chart, figure, id=f"{page}-{chart.key}-{'&'.join(query.values())}")
        for page, query in CHARTS
        for chart, figure in drawn(snapshot, page, query)
    ]


@pytest.fixture(scope="module")
def every_chart(bundled_snapshot):
    charts = [
        (page, chart, figure)
        for page, query in CHARTS
        for chart, figure in drawn(bundled_snapshot, page, query)
    ]
    assert len(charts) >= 12
    return charts


def test_every_chart_is_titled_by_its_finding_in_lines_that_fit_a_phone(every_chart):
    for _page, chart, figure in every_chart:
        title = figure.layout.title.text
        assert title.replace("<br>", " ") == chart.title
        assert all(len(line) <= TITLE_WIDTH for line in title.split("<br>")), title


def test_every_chart_lists_its_sources_with_dates_and_the_snapshot_under_it(
    every_chart, bundled_snapshot
):
    for _page, chart, figure in every_chart:
        lines = [a.text for a in figure.layout.annotations if a.text.startswith("Sources:")]
        assert len(lines) == 1, chart.key
        text = lines[0].replace("<br>", " ")
        assert f"snapshot {bundled_snapshot.version}" in text
        first = chart.frame[~chart.frame["source_id"].str.startswith("derived-")].iloc[0]
        publisher = first["publisher"].split(";")[0]
        assert publisher in text, (chart.key, publisher, text)
        assert re.search(r"\(\d{4}(-\d{2})?(-\d{2})?(, [^)]+)?\)|\(date not recorded", text)


def test_every_axis_with_values_names_its_unit(every_chart):
    for _page, chart, figure in every_chart:
        if chart.meta.get("kind") == "treemap":
            continue
        titles = [
            (figure.layout[axis].title.text or "")
            for axis in figure.layout
            if re.fullmatch(r"[xy]axis\d*", axis)
        ]
        joined = " ".join(titles)
        assert re.search(r"US\$|CN¥|RUB|%|bn|Mt|mb/d|bcm|[Rr]ank|per", joined), (chart.key, titles)


def test_hover_gives_the_exact_value_unit_period_and_source_of_each_point(every_chart):
    for _page, chart, figure in every_chart:
        traces = [t for t in figure.data if t.hovertext is not None and len(t.hovertext)]
        assert traces, chart.key
        for trace in traces:
            text = trace.hovertext[-1]
            assert re.search(r"\d", text), text
            assert "computed" in text or re.search(r"\(\d{4}|date not recorded", text), text


def test_colours_come_from_the_colour_blind_safe_palette(every_chart):
    for _page, chart, figure in every_chart:
        for trace in figure.data:
            marker = getattr(trace, "marker", None)
            colours = getattr(marker, "color", None) if marker is not None else None
            if colours is None and getattr(trace, "marker", None) is not None:
                colours = getattr(trace.marker, "colors", None)
            values = [colours] if isinstance(colours, str) else list(colours or [])
            for colour in values:
                if isinstance(colour, str):
                    assert colour in ALLOWED_COLOURS, (chart.key, colour)


def test_the_layout_reserves_room_for_a_phones_legend_so_nothing_overlaps():
    fig = go.Figure(
        [
            go.Scatter(x=[1], y=[1], name="a rather long series name number " + str(i))
            for i in range(6)
        ]
    )
    finish_layout(fig, "A finding", "Sources: X (2024)", y_title="US$ bn")
    rows = legend_rows([t.name for t in fig.data])
    assert rows >= 3
    assert fig.layout.margin.t >= 16 + 19 + 24 * rows
    assert fig.layout.height == 300 + fig.layout.margin.t + fig.layout.margin.b


def test_long_words_are_never_split_when_wrapping():
    assert (
        wrap("Sources: https://example.org/a/very/long/path/that/cannot/break", 20).count(
            "https://example.org/a/very/long/path/that/cannot/break"
        )
        == 1
    )


# --- behaviour of particular charts, on small frames ----------------------------------------
def explorer_chart(rows, converted=None, **query):
    extra = {} if converted is None else {"trade_converted": pd.DataFrame(converted)}
    base = explorer.prepare(tables(observations(*rows), **extra), pd.DataFrame())
    params, _ = explorer.parse(query, base)
    return explorer.chart_for(base, params)


def test_converted_values_are_hatched_and_reported_ones_solid():
    from tests.dashboard.test_views_explorer import conversion

    chart = explorer_chart(
        [
            {"period": "2022", "value": 80e9},
            {"period": "2023", "value": 100e9},
            {"period": "2023", "value": 700e9, "unit": "CNY", "source_id": "gacc"},
        ],
        [conversion(80e9, 6.7, period="2022")],
        flows="export",
        currency="CNY",
        start="2022",
        end="2023",
    )
    figure = explorer_figures.trade(chart, "v1")
    assert list(figure.data[0].marker.pattern.shape) == ["/", ""]


def test_the_source_comparison_draws_the_gap_under_the_values():
    chart = explorer_chart(
        [
            {"period": "2021", "value": 100e9},
            {
                "period": "2021",
                "reporter": "RUS",
                "partner": "CHN",
                "flow": "import",
                "value": 95e9,
                "source_id": "fcs",
            },
        ],
        view="sources",
        pair="cn_exports",
        start="2021",
        end="2021",
    )
    figure = explorer_figures.compare(chart, "v1")
    bars = [t for t in figure.data if t.type == "bar"]
    assert len(bars) == 1 and bars[0].yaxis == "y2" and list(bars[0].y) == pytest.approx([-5.0])


def test_the_ranking_marks_the_other_country_by_colour_and_pattern():
    from dashboard.views import partners
    from tests.dashboard.test_views_partners import table_rows

    base = partners.prepare(tables(observations(*table_rows())))
    params, _ = partners.parse({}, base)
    figure = partner_figures.ranking(partners.ranking_chart(base, params), "v1")
    bar = figure.data[0]
    marked = [label for label, shape in zip(bar.y, bar.marker.pattern.shape, strict=True) if shape]
    assert marked == ["#3 Russia ◀"]


def test_each_statement_is_joined_to_the_figure_it_is_compared_with():
    from dashboard.views import currencies
    from tests.dashboard.test_views_currencies import share

    base = currencies.prepare(
        tables(
            observations(
                share("2023-06", 67.0, "RUB+CNY"),
                share(
                    "2023-11-20",
                    95.0,
                    "RUB+CNY",
                    partner="CHN",
                    flow="total",
                    freq="D",
                    speaker="An official",
                ),
            )
        )
    )
    params, _ = currencies.parse({}, base)
    figure = currency_figures.settlement(currencies.settlement_chart(base, params), "v1")
    gap = next(t for t in figure.data if t.name == "Gap to nearest figure")
    assert list(gap.y) == [95.0, 67.0, None]

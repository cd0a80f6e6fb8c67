"""Figure builders: every chart states its finding as its title, labels its axes with units, lists
its sources with dates underneath, gives exact values on hover, uses colour-blind-safe colours,
and is laid out to fit a 375 px screen; each builder draws what its `Chart` says, nothing else."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.chart import TABLE, Axes, Chart, Flags, Marker, Reference
from dashboard.figures import REGISTRY, style
from dashboard.figures.style import (
    PALETTE,
    TITLE_WIDTH,
    finish,
    hover,
    legend_rows,
    wrap,
)
from tests.dashboard.support import as_figure, drawn

ALLOWED_COLOURS = {*PALETTE, "#888888", "#555", "#999", "#fff"}
STATES = [
    ("explorer", {"view": "trade"}),
    ("explorer", {"view": "trade", "freq": "M", "flows": "total,balance"}),
    ("explorer", {"view": "trade", "currency": "CNY", "measure": "growth"}),
    ("explorer", {"view": "commodities"}),
    ("explorer", {"view": "sources"}),
    ("partners", {}),
    ("currencies", {}),
    ("energy", {}),
]
NO_VALUE_AXIS = {"treemap", "events"}


def page_charts(snapshot, page, query):
    request = snapshot.views.request(page, query)
    names = [request.params.view] if page == "explorer" else list(request.charts)
    return [request.chart(name) for name in names]


@pytest.fixture(scope="module")
def every_chart(bundled_snapshot):
    """(chart, figure) for every chart the sampled pages draw, and every claim's chart."""
    charts = [c for page, query in STATES for c in page_charts(bundled_snapshot, page, query)]
    charts += [bundled_snapshot.views.claim_chart(c) for c in bundled_snapshot.tables["claims"]
               ["claim_id"]]
    figures = [(c, drawn(c, bundled_snapshot.version)) for c in charts]
    figures = [(c, f) for c, f in figures if f is not None]
    assert len(figures) >= 20
    return figures


def test_every_kind_the_views_produce_is_drawn_by_a_registered_figure(every_chart):
    kinds = {chart.kind for chart, _ in every_chart}
    assert kinds <= set(REGISTRY)
    assert {"trade_bars", "ranking", "settlement", "crude", "rank_timeline", "events"} <= kinds


def test_every_chart_is_titled_by_its_finding_in_lines_that_fit_a_phone(every_chart):
    for chart, figure in every_chart:
        title = figure.layout.title.text
        assert title.replace("<br>", " ") == chart.title
        assert all(len(line) <= TITLE_WIDTH for line in title.split("<br>")), title


def test_every_chart_lists_its_sources_with_dates_and_the_snapshot_under_it(
    every_chart, bundled_snapshot
):
    for chart, figure in every_chart:
        lines = [a.text for a in figure.layout.annotations if a.text.startswith("Sources:")]
        assert len(lines) == 1, chart.key
        text = lines[0].replace("<br>", " ")
        assert text == f"{chart.sources} · Data: snapshot {bundled_snapshot.version}"
        documents = chart.rows[~chart.rows["source_id"].str.startswith("derived-")]
        if not documents.empty:
            assert documents["publisher"].iloc[0].split(";")[0] in text, (chart.key, text)
        assert re.search(r"\(\d{4}(-\d{2})?(-\d{2})?(, [^)]+)?\)|\(date not recorded|computed",
                         text)


def test_every_axis_with_values_names_its_unit(every_chart):
    for chart, figure in every_chart:
        if chart.kind in NO_VALUE_AXIS:
            continue
        titles = [
            (figure.layout[axis].title.text or "")
            for axis in figure.layout
            if re.fullmatch(r"[xy]axis\d*", axis)
        ]
        joined = " ".join(titles)
        assert re.search(r"US\$|CN¥|RUB|%|bn|Mt|mb/d|bcm|[Rr]ank|per|Persons", joined), (
            chart.key,
            titles,
        )


def test_hover_gives_the_exact_value_unit_period_and_source_of_each_point(every_chart):
    for chart, figure in every_chart:
        traces = [t for t in figure.data if t.hovertext is not None and len(t.hovertext)]
        assert traces, chart.key
        for trace in traces:
            text = trace.hovertext[-1]
            assert re.search(r"\d", text), text
            assert "computed" in text or re.search(r"\(\d{4}|date not recorded", text), text


def test_colours_come_from_the_colour_blind_safe_palette(every_chart):
    for chart, figure in every_chart:
        for trace in figure.data:
            marker = getattr(trace, "marker", None)
            colours = getattr(marker, "color", None) if marker is not None else None
            if colours is None and marker is not None:
                colours = getattr(marker, "colors", None)
            values = [colours] if isinstance(colours, str) else list(colours or [])
            for colour in values:
                if isinstance(colour, str):
                    assert colour in ALLOWED_COLOURS, (chart.key, colour)


# --- the layout, on a bare figure ---------------------------------------------------------------
def test_the_layout_reserves_room_for_a_phones_legend_so_nothing_overlaps():
    fig = style.figure(
        *[
            style.trace("scatter", x=[1], y=[1], name="a rather long series name number " + str(i))
            for i in range(6)
        ]
    )
    chart = Chart("c", "trade_lines", pd.DataFrame(), "A finding", sources="Sources: X (2024)",
                  axes=Axes(y="US$ bn"))
    fig = as_figure(finish(fig, chart, "v1"))
    rows = legend_rows([t.name for t in fig.data])
    assert rows >= 3
    assert fig.layout.margin.t >= 16 + 19 + 24 * rows
    assert fig.layout.height == 300 + fig.layout.margin.t + fig.layout.margin.b
    assert fig.layout.yaxis.title.text == "US$ bn"


def test_long_words_are_never_split_when_wrapping():
    url = "https://example.org/a/very/long/path/that/cannot/break"
    assert wrap(f"Sources: {url}", 20).count(url) == 1


# --- each builder, on a hand-made chart ---------------------------------------------------------
ROW = {
    "series": "China's exports to Russia",
    "flow": "export",
    "period": "2023",
    "freq": "A",
    "period_label": "2023",
    "value_shown": 100.0,
    "unit_shown": "US$ bn",
    "qualifier": "exact",
    "status": "sourced",
    "conversion": "",
    "speaker": "",
    "quote": "",
    "source_id": "press-a",
    "derived_from": "",
    "publisher": "Publisher A",
    "date_published": "2024-01-13",
}


def chart(kind: str, *rows: dict, **fields) -> Chart:
    """A chart of `kind` whose rows are ROW with each dict's changes."""
    frame = pd.DataFrame([{**ROW, **row} for row in rows])
    return Chart(key="c", kind=kind, rows=frame, title="A finding", sources="Sources: A (2024)",
                 **fields)


def test_draw_dispatches_by_kind_and_draws_nothing_for_empty_charts_and_tables():
    assert drawn(chart("trade_bars", {}), "v1").data[0].type == "bar"
    assert drawn(chart("trade_lines", {}), "v1").data[0].type == "scatter"
    assert drawn(chart(TABLE, {}), "v1") is None
    assert drawn(Chart("c", "trade_bars", pd.DataFrame(), "Nothing"), "v1") is None
    with pytest.raises(KeyError):
        drawn(chart("pie", {}), "v1")


def test_converted_values_are_hatched_and_reported_ones_solid():
    figure = drawn(
        chart(
            "trade_bars",
            {"period": "2022", "conversion": "converted at 6.7000 CNY per USD"},
            {"period": "2023", "conversion": "as reported (yuan)"},
            flags=Flags(annual=True),
        ),
        "v1",
    )
    assert list(figure.data[0].marker.pattern.shape) == ["/", ""]
    assert list(figure.data[0].x) == [2022, 2023]  # a year axis: a missing year is a gap


def test_monthly_lines_sit_on_dates_with_hollow_markers_for_derived_months():
    figure = drawn(
        chart(
            "trade_lines",
            {"period": "2024-01", "freq": "M"},
            {"period": "2024-02", "freq": "M", "status": "derived",
             "source_id": "derived-ytd-difference"},
        ),
        "v1",
    )
    line = figure.data[0]
    assert [str(x) for x in line.x] == ["2024-01-16", "2024-02-16"]
    assert list(line.marker.symbol) == ["circle", "circle-open"]


def test_a_monthly_line_breaks_where_months_are_missing():
    figure = drawn(
        chart(
            "trade_lines",
            {"period": "2023-10", "freq": "M"},
            {"period": "2024-04", "freq": "M"},
            {"period": "2024-05", "freq": "M"},
        ),
        "v1",
    )
    line = figure.data[0]
    assert [None if x is None else str(x) for x in line.x] == [
        "2023-10-16", None, "2024-04-16", "2024-05-16"]
    assert line.connectgaps is False


def test_every_marker_shape_of_a_trade_line_is_named_in_the_legend():
    figure = drawn(
        chart(
            "trade_lines",
            {"period": "2024-01", "freq": "M"},
            {"period": "2024-02", "freq": "M", "source_id": "derived-ytd-difference"},
            {"period": "2024-03", "freq": "M", "source_id": "derived-currency-conversion"},
        ),
        "v1",
    )
    shapes = {s for t in figure.data if t.name != ROW["series"] for s in [t.marker.symbol]}
    named = {t.marker.symbol: t.name for t in figure.data if t.name != ROW["series"]}
    assert shapes == set(figure.data[0].marker.symbol) == {"circle", "circle-open", "diamond"}
    assert "year-to-date" in named["circle-open"] and "converted" in named["diamond"]


def test_an_unnamed_trace_is_never_a_legend_entry():
    figure = drawn(chart("counts", {"note": "marched", "role": "evidence", "label": "9 May"}), "v1")
    assert all(t.showlegend is False for t in figure.data if not t.name)


def test_a_zero_reference_draws_a_plain_line_at_zero():
    figure = drawn(chart("trade_lines", {"value_shown": -5.0},
                        references=(Reference(0, role="zero"),)), "v1")
    [shape] = figure.layout.shapes
    assert (shape.y0, shape.y1, shape.line.dash) == (0, 0, None)


def test_the_source_comparison_draws_the_gap_under_the_values():
    figure = drawn(
        chart(
            "source_comparison",
            {"series": "China", "side": "China-reported", "gap_pct": float("nan"),
             "gap_value_shown": float("nan")},
            {"series": "Russia", "side": "Russia-reported", "gap_pct": -5.0,
             "gap_value_shown": -5.0, "value_shown": 95.0},
            axes=Axes(y="US$ bn", y2="Gap vs China (%)"),
            flags=Flags(annual=True),
        ),
        "v1",
    )
    bars = [t for t in figure.data if t.type == "bar"]
    assert len(bars) == 1 and bars[0].yaxis == "y2" and list(bars[0].y) == [-5.0]
    assert (figure.layout.yaxis.title.text, figure.layout.yaxis2.title.text) == (
        "US$ bn",
        "Gap vs China (%)",
    )


def test_an_event_marker_that_is_inside_only_is_drawn_only_within_the_periods_drawn():
    def lines(when):
        figure = drawn(
            chart(
                "source_comparison",
                {"series": "China", "side": "China-reported", "gap_pct": float("nan"),
                 "period": "2021"},
                {"series": "China", "side": "China-reported", "gap_pct": float("nan"),
                 "period": "2023"},
                markers=(Marker(when, "customs stops publishing", inside_only=True),),
            ),
            "v1",
        )
        return [s for s in figure.layout.shapes if s.type == "line" and s.x0 == s.x1]

    assert len(lines("2022-03-01")) == 1
    assert lines("2010-01-01") == []


def test_a_treemap_puts_chapters_inside_the_published_section_totals_and_can_open_on_them():
    def row(level, chapter, section, value, share, label=""):
        return {"level": level, "chapter": chapter, "label": label, "section": section,
                "section_label": {"V": "Minerals", "IX": "Wood"}[section],
                "value_shown": value, "share_pct": share}

    rows = [
        row("chapter", "27", "V", 80.0, 72.73, "Mineral fuels"),
        row("chapter", "26", "V", 20.0, 18.18, "Ores"),
        row("chapter", "44", "IX", 10.0, 9.09, "Wood"),
        row("section", "", "V", 100.0, 90.91),
        row("section", "", "IX", 10.0, 9.09),
    ]
    tree = drawn(chart("treemap", *rows), "v1").data[0]
    assert list(tree.parents) == ["", "", "s-V", "s-V", "s-IX"]
    # the sections' boxes are the section rows, drawn as given: plotly adds nothing up
    assert list(tree.values) == [100.0, 10.0, 80.0, 20.0, 10.0]
    assert tree.branchvalues == "total"
    # each box reads the published share, not a percentage plotly computes
    assert list(tree.text) == ["90.9%", "9.09%", "72.7%", "18.2%", "9.09%"]
    assert "percent" not in tree.textinfo
    assert tree.maxdepth == 3
    assert drawn(chart("treemap", *rows, flags=Flags(sections=True)), "v1").data[0].maxdepth == 2


@pytest.mark.parametrize("query", [
    {"view": "commodities"},
    {"view": "commodities", "level": "section", "currency": "CNY"},
    {"view": "commodities", "kind": "treemap"},
    {"view": "commodities", "kind": "treemap", "level": "section", "reporter": "RUS"},
])
def test_the_commodity_charts_of_a_snapshot_with_chapter_tables_are_drawn(live_snapshot, query):
    # the stacked chapters once failed to draw (their rows had no qualifier for the markers)
    chart = live_snapshot.views.request("explorer", query).chart("commodities")
    assert chart.kind in ("commodity_area", "treemap") and not chart.is_empty
    figure = drawn(chart, live_snapshot.version)
    assert figure is not None and len(figure.data) >= 1


def test_the_ranking_marks_the_other_country_by_colour_and_pattern():
    figure = drawn(
        chart(
            "ranking",
            {"rank": 1, "partner_name": "United States", "is_counterpart": False},
            {"rank": 2, "partner_name": "Russia", "is_counterpart": True},
        ),
        "v1",
    )
    bar = figure.data[0]
    marked = [label for label, shape in zip(bar.y, bar.marker.pattern.shape, strict=True) if shape]
    assert marked == ["#2 Russia ◀"]


def test_each_statement_is_joined_to_the_figure_it_is_compared_with():
    figure = drawn(
        chart(
            "settlement",
            {"role": "statistic", "series": "Roubles and yuan, all partners", "partner": "WLD",
             "period": "2023-06", "freq": "M", "value_shown": 67.0, "compared_value": None},
            {"role": "statement", "series": "Officials' statements, Russia–China",
             "partner": "CHN", "period": "2023-11-20", "freq": "D", "value_shown": 95.0,
             "speaker": "An official", "compared_value": 67.0},
        ),
        "v1",
    )
    gap = next(t for t in figure.data if t.name == "Gap to nearest figure")
    assert list(gap.y) == [95.0, 67.0, None]


def test_a_claims_figure_draws_the_article_date_and_the_figure_it_claims():
    figure = drawn(
        chart(
            "statements",
            {"period": "2024-06", "freq": "M", "value_shown": 90.0, "speaker": "An official",
             "label": "Jun 2024", "reporter": "RUS", "partner": "CHN", "currency": "RUB+CNY"},
            markers=(Marker("2025-05-07", "article"),),
            references=(Reference(95.0, "the article: 95%", "claim"),),
        ),
        "v1",
    )
    horizontal = [s for s in figure.layout.shapes if s.y0 == s.y1]
    vertical = [s for s in figure.layout.shapes if s.x0 == s.x1]
    assert [s.y0 for s in horizontal] == [95.0] and horizontal[0].line.color == PALETTE[3]
    assert [s.x0 for s in vertical] == ["2025-05-07"]
    labels = {a.text for a in figure.layout.annotations}
    assert {"the article: 95%", "article"} <= labels


def test_counts_are_horizontal_bars_with_the_threshold_as_a_vertical_line():
    figure = drawn(
        chart(
            "counts",
            {"value_shown": 102.0, "unit_shown": "persons", "role": "evidence",
             "note": "Marchers on Red Square; Xinhua", "label": "9 May 2025"},
            references=(Reference(100.0, "100"),),
        ),
        "v1",
    )
    assert list(figure.data[0].y) == ["Marchers on Red Square"]
    [line] = figure.layout.shapes
    assert (line.x0, line.x1) == (100.0, 100.0)
    assert "9 May 2025: 102 persons" in figure.data[0].hovertext[0]


def test_an_event_is_a_bar_from_its_first_to_the_end_of_its_last_day():
    figure = drawn(
        chart("events", {"label": "Xi visits Moscow", "period": "2025-05-07",
                         "period_end": "2025-05-10"}),
        "v1",
    )
    bar = figure.data[0]
    assert bar.base == ("2025-05-07",) and bar.x == (4 * 86_400_000,)


def test_hover_says_a_bound_the_same_way_on_every_chart():
    rows = pd.DataFrame(
        [
            {**ROW, "qualifier": "lower_bound", "value_shown": 240.1},
            {**ROW, "qualifier": "lower_bound", "value_shown": 5.0, "unit_shown": "rank"},
            {**ROW, "qualifier": "approx", "value_shown": 12.5, "unit_shown": "%"},
        ]
    )
    texts = hover(rows)
    assert "2023: at least US$240.1 bn" in texts[0]
    assert "2023: 5th or lower" in texts[1]  # no better than 5th (data/mappings/vocabulary.csv)
    assert "2023: about 12.5%" in texts[2]
    assert all(t.endswith("Publisher A (2024-01-13)") for t in texts)


def test_hover_names_the_inputs_of_a_figure_this_project_computed():
    [text] = hover(pd.DataFrame([{**ROW, "source_id": "derived-balance", "status": "derived",
                                  "derived_from": "press-a;press-b"}]))
    assert text.endswith("computed by this project from press-a, press-b")

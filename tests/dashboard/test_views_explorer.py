"""Trade explorer views on small frames: which rows each chart draws, in which unit, and why."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views import explorer
from dashboard.views.explorer.commodities import commodity_chart
from dashboard.views.explorer.compare import compare_chart
from dashboard.views.explorer.currency import SERIES_KEY
from dashboard.views.explorer.trade import TRADE_COLUMNS, trade_chart
from tests.dashboard.support import observations, tables, with_derived

HS = pd.DataFrame(
    {
        "chapter": [f"{c:02d}" for c in range(1, 13)],
        "label": [f"Chapter {c}" for c in range(1, 13)],
        "section": ["I"] * 5 + ["II"] * 7,
        "section_label": ["Animal products"] * 5 + ["Vegetable products"] * 7,
        "short_label": [f"Ch {c}" for c in range(1, 13)],
        "section_short": ["Animal"] * 5 + ["Vegetable"] * 7,
    }
)


PRODUCT_LABELS = pd.DataFrame({
    "commodity": ["27", "2709"],
    "label": ["Mineral fuels: oil, gas, coal (HS 27)", "Crude oil (HS 2709)"],
    "source": "this project's label",
})


def base(*rows, converted: pd.DataFrame | None = None):
    extra = {} if converted is None else {"trade_converted": converted}
    obs = with_derived(observations(*rows), HS)
    return explorer.prepare(tables(obs, product_labels=PRODUCT_LABELS, **extra), HS)


def params(b, **query):
    p, notes = explorer.parse(query, b)
    return p, notes


def converted(value_usd, rate, *, period="2023", flow="export", source="press-a", unit="CNY"):
    """What the pipeline publishes for a dollar figure it converts: the converted observation
    (derived-currency-conversion) and its row of trade_converted with the rate."""
    row = {"period": period, "flow": flow, "value": value_usd * rate, "unit": unit,
           "qualifier": "approx", "status": "derived", "source_id": "derived-currency-conversion",
           "derived_from": f"{source};fed-rates"}
    return row, conversion(value_usd, rate, period=period, flow=flow, source=source, unit=unit)


def conversion(value_usd, rate, *, period="2023", flow="export", source="press-a", unit="CNY"):
    return {
        "indicator": "trade_value",
        "reporter": "CHN",
        "partner": "RUS",
        "flow": flow,
        "commodity": "TOTAL",
        "period": period,
        "freq": "A",
        "cumulative": False,
        "value": value_usd * rate,
        "unit": unit,
        "value_usd": value_usd,
        "rate": rate,
        "rate_unit": f"{unit} per USD",
        "rate_period": period,
        "rate_kind": "annual average",
        "rate_source_id": "fed-rates",
        "source_id": source,
        "derived_from": f"{source};fed-rates",
        "qualifier": "exact",
        "note": "",
        "no_rate_reason": "",
    }


def test_annual_trade_draws_one_figure_per_flow_and_year_preferring_the_better_source():
    b = base(
        {"period": "2023", "value": 100e9, "status": "sourced", "source_id": "press-a"},
        {"period": "2023", "value": 90e9, "status": "derived", "source_id": "press-b"},
        {"period": "2023", "flow": "import", "value": 120e9},
    )
    p, _ = params(b, flows="export,import", start="2023", end="2023")
    chart = trade_chart(b, p)
    assert list(zip(chart.rows["flow"], chart.rows["value_shown"], strict=True)) == [
        ("export", 100.0),
        ("import", 120.0),
    ]
    assert chart.rows["unit_shown"].unique().tolist() == ["US$ bn"]
    assert "US$100.0 bn" in chart.title


def test_the_monthly_view_shows_single_months_never_year_to_date_totals():
    b = base(
        {"period": "2024-03", "freq": "M", "cumulative": True, "value": 30e9},
        {"period": "2024-03", "freq": "M", "cumulative": False, "value": 9e9},
        {"period": "2024", "value": 100e9},
    )
    p, _ = params(b, freq="M", flows="export", start="2024", end="2024")
    chart = trade_chart(b, p)
    assert chart.rows["period"].tolist() == ["2024-03"]
    assert chart.rows["value_shown"].tolist() == [9.0]


def test_monthly_figures_before_the_data_start_are_explained():
    b = base(
        {"period": "2015", "value": 30e9},
        {"period": "2022-03", "freq": "M", "value": 9e9},
        {"period": "2022-04", "freq": "M", "value": 8e9},
    )
    p, _ = params(b, freq="M", flows="export", start="2015", end="2022")
    chart = trade_chart(b, p)
    assert len(chart.rows) == 2
    assert any("No monthly China-reported data before Mar 2022" in n for n in chart.notes)


def test_an_empty_selection_explains_itself_instead_of_drawing_an_empty_axis():
    b = base({"period": "2015", "value": 30e9}, {"period": "2021", "value": 30e9})
    p, _ = params(b, freq="M", flows="export")
    chart = trade_chart(b, p)
    assert chart.is_empty
    assert chart.empty.startswith("No monthly China-reported figures for exports")
    assert list(chart.rows.columns) == TRADE_COLUMNS


def balance(period: str, value: float, unit: str = "USD") -> dict:
    """The pipeline's balance row (etl/derive/balance.py) of one period."""
    return {"period": period, "flow": "balance", "value": value, "unit": unit,
            "status": "derived", "source_id": "derived-balance", "derived_from": "press-a;press-b"}


def growth(period: str, value: float, currency: str = "USD", flow: str = "export") -> dict:
    """The pipeline's growth row (etl/derive/growth.py) of one period."""
    return {"indicator": "trade_value_yoy", "period": period, "flow": flow, "value": value,
            "unit": "pct", "currency": currency, "status": "derived",
            "source_id": "derived-growth", "derived_from": "press-a"}


def test_the_balance_shown_is_the_pipelines_derived_row_not_a_sum_of_its_own():
    b = base(
        {"period": "2023", "flow": "export", "value": 110e9, "source_id": "press-a"},
        {"period": "2023", "flow": "import", "value": 130e9, "source_id": "press-b"},
        balance("2023", -20e9),
    )
    p, _ = params(b, flows="balance", start="2023", end="2023")
    row = trade_chart(b, p).rows.iloc[0]
    assert row["flow"] == "balance" and row["value_shown"] == pytest.approx(-20.0)
    assert row["source_id"] == "derived-balance" and row["derived_from"] == "press-a;press-b"
    assert row["valuation"] == "FOB−CIF"
    without = base({"period": "2023", "flow": "export", "value": 110e9},
                   {"period": "2023", "flow": "import", "value": 130e9})
    assert trade_chart(without, params(without, flows="balance", start="2023")[0]).is_empty


def test_growth_is_the_pipelines_rate_beside_the_two_values_it_compares():
    b = base(
        {"period": "2022", "value": 100e9},
        {"period": "2023", "value": 125e9},
        {"period": "2024", "value": 100e9},
        growth("2023", 25.0),
        growth("2024", -20.0),
        growth("2024", 99.0, currency="CNY"),
    )
    p, _ = params(b, flows="export", measure="growth", start="2023", end="2024")
    frame = trade_chart(b, p).rows
    assert frame["period"].tolist() == ["2023", "2024"]
    assert frame["value_shown"].tolist() == pytest.approx([25.0, -20.0])
    assert frame["unit_shown"].unique().tolist() == ["%"]
    assert frame["year_earlier_period"].tolist() == ["2022", "2023"]
    assert frame["year_earlier_value"].tolist() == [100e9, 125e9]
    assert frame["value_in_period"].tolist() == [125e9, 100e9]


def test_growth_and_balances_of_one_publishers_figures_alone_are_not_invented():
    b = base({"period": "2022", "value": 100e9}, {"period": "2023", "value": 125e9},
             growth("2023", 25.0))
    p, _ = params(b, flows="export", measure="growth", source="press", start="2023")
    chart = trade_chart(b, p)
    assert chart.is_empty and "Best available" in " ".join(chart.notes)


def test_values_in_yuan_use_the_stored_rate_of_their_period_and_say_which():
    row, rate = converted(100e9, 7.0809)
    b = base({"period": "2023", "value": 100e9}, row, converted=pd.DataFrame([rate]))
    p, _ = params(b, flows="export", currency="CNY", start="2023", end="2023")
    chart = trade_chart(b, p)
    row = chart.rows.iloc[0]
    assert row["value_shown"] == pytest.approx(708.09)
    assert row["unit_shown"] == "CN¥ bn" and row["unit"] == "CNY"
    assert row["rate"] == pytest.approx(7.0809) and row["rate_source_id"] == "fed-rates"
    assert row["conversion"].startswith("converted at 7.0809 CNY per USD (annual average 2023")
    assert any("fed-rates (2023)" in n for n in chart.notes)


def test_yuan_figures_customs_published_are_shown_as_reported_not_converted():
    row, rate = converted(100e9, 7.0809)
    b = base(
        {"period": "2023", "value": 100e9},
        {"period": "2023", "value": 700e9, "unit": "CNY", "source_id": "gacc-yuan"},
        row,
        converted=pd.DataFrame([rate]),
    )
    p, _ = params(b, flows="export", currency="CNY", start="2023", end="2023")
    row = trade_chart(b, p).rows.iloc[0]
    assert row["value_shown"] == pytest.approx(700.0)
    assert row["conversion"] == "as reported (yuan)" and row["source_id"] == "gacc-yuan"


def test_a_year_without_a_stored_rate_is_left_out_with_a_note_saying_why():
    row, rate = converted(100e9, 90.0, unit="RUB")
    no_rate = {**conversion(110e9, float("nan"), period="2024", unit="RUB"), "value": float("nan"),
               "no_rate_reason": "no annual average RUB per USD rate for 2024 in this snapshot"}
    b = base(
        {"period": "2023", "value": 100e9},
        {"period": "2024", "value": 110e9},
        row,
        converted=pd.DataFrame([rate, no_rate]),
    )
    p, _ = params(b, flows="export", currency="RUB", start="2023", end="2024")
    chart = trade_chart(b, p)
    assert chart.rows["period"].tolist() == ["2023"]
    [note] = [n for n in chart.notes if "1 figure(s) have no stored RUB rate" in n]
    assert "Why: no annual average RUB per USD rate for 2024 in this snapshot." in note


def test_a_missing_year_inside_the_span_is_named():
    b = base({"period": "2020", "value": 1e9}, {"period": "2022", "value": 1e9})
    p, _ = params(b, flows="export", start="2020", end="2022")
    assert any("exports 2021" in n for n in trade_chart(b, p).notes)


def test_the_mirror_comparison_measures_every_series_against_chinas_customs_figure():
    b = base(
        {"period": "2021", "flow": "export", "value": 100e9, "source_id": "gacc-press"},
        {
            "period": "2021",
            "reporter": "RUS",
            "partner": "CHN",
            "flow": "import",
            "value": 110e9,
            "source_id": "fcs-press",
        },
        {
            "period": "2021",
            "flow": "export",
            "value": 98e9,
            "status": "official",
            "source_id": "comtrade-api-v1",
        },
    )
    p, _ = params(b, view="sources", pair="cn_exports", start="2021", end="2021")
    chart = compare_chart(b, p)
    gaps = dict(zip(chart.rows["source_id"], chart.rows["gap_pct"], strict=True))
    assert pd.isna(gaps["gacc-press"])  # the reference itself
    assert gaps["fcs-press"] == pytest.approx(10.0)
    assert gaps["comtrade-api-v1"] == pytest.approx(-2.0)
    valuations = dict(zip(chart.rows["reporter"], chart.rows["valuation"], strict=False))
    assert valuations == {"CHN": "FOB", "RUS": "CIF"}
    assert any("free on board (FOB)" in n for n in chart.notes)
    assert "10.0% above China's customs release" in chart.title


def raw(*rows):
    """A snapshot of these rows alone: what the pipeline derives from them is not in it (as in
    a version published before it derived gaps, sections and shares)."""
    return explorer.prepare(tables(observations(*rows), product_labels=PRODUCT_LABELS), HS)


MIRROR_ROWS = (
    {"period": "2021", "flow": "export", "value": 100e9, "source_id": "gacc-press"},
    {"period": "2021", "reporter": "RUS", "partner": "CHN", "flow": "import", "value": 110e9,
     "source_id": "fcs-press"},
)


def test_the_gap_shown_is_the_pipelines_row_not_a_difference_of_its_own():
    published = [{"indicator": "mirror_gap", "reporter": "RUS", "partner": "CHN",
                  "flow": "import", "period": "2021", "value": v, "unit": u, "currency": "USD",
                  "status": "derived", "source_id": "derived-mirror-gap-customs",
                  "derived_from": "fcs-press;gacc-press"} for v, u in ((7e9, "USD"), (7.0, "pct"))]
    b = raw(*MIRROR_ROWS, *published)
    p, _ = params(b, view="sources", pair="cn_exports", start="2021", end="2021")
    russia = compare_chart(b, p).rows.set_index("reporter").loc["RUS"]
    assert russia["gap_pct"] == 7.0 and russia["gap_value_shown"] == pytest.approx(7.0)
    assert russia["reference_value_shown"] == pytest.approx(100.0)


def test_a_snapshot_without_published_gaps_shows_the_figures_and_says_the_gaps_are_missing():
    b = raw(*MIRROR_ROWS)
    p, _ = params(b, view="sources", pair="cn_exports", start="2021", end="2021")
    chart = compare_chart(b, p)
    assert chart.rows["gap_pct"].isna().all() and len(chart.rows) == 2
    assert "gaps not in this snapshot" in chart.title
    assert any("before the pipeline measured the gaps" in n for n in chart.notes)


def chapter_rows(values: dict[str, float], period: str = "2023") -> list[dict]:
    return [
        {
            "flow": "import",
            "commodity": code,
            "period": period,
            "value": value,
            "status": "official",
            "source_id": "comtrade-api-v1",
        }
        for code, value in values.items()
    ]


def test_commodities_stack_the_largest_chapters_and_group_the_rest():
    values = {f"{c:02d}": float(c) * 1e9 for c in range(1, 11)}  # ten chapters
    b = base(*chapter_rows(values), *chapter_rows(values, "2022"))
    p, _ = params(b, view="commodities", cflow="import", start="2022", end="2023")
    chart = commodity_chart(b, p)
    assert chart.rows["series"].nunique() == 9  # eight largest and "Other chapters"
    other = chart.rows[chart.rows["group"] == "other"]
    assert set(other["chapters"]) == {"01;02"} and other["value_shown"].tolist() == [3.0, 3.0]
    # "Other chapters" is the pipeline's row, saying how it was summed
    assert set(other["source_id"]) == {"derived-hs-other"}
    assert set(other["derived_from"]) == {"comtrade-api-v1"}
    assert all("outside the 8 largest" in n for n in other["note"])
    assert chart.rows.groupby("period")["share_pct"].sum().tolist() == pytest.approx([100, 100])
    assert chart.title == "Ch 10 made up 18% of China's imports from Russia in 2023"


def test_the_largest_chapters_are_those_of_the_latest_year_whatever_years_are_shown():
    values = {f"{c:02d}": float(c) * 1e9 for c in range(1, 11)}
    b = base(*chapter_rows(values), *chapter_rows({**values, "01": 50e9}, "2022"))
    p, _ = params(b, view="commodities", cflow="import", start="2022", end="2022")
    rows = commodity_chart(b, p).rows
    # 01 was the largest chapter of 2022, but not among the eight largest of 2023
    assert rows.loc[rows["group"] == "other", ["chapters", "value_shown"]].values.tolist() == [
        ["01;02", 52.0]]


def test_a_snapshot_without_section_totals_draws_its_chapters_and_says_what_is_missing():
    b = raw(*chapter_rows({"01": 1e9, "07": 3e9}))
    p, _ = params(b, view="commodities", start="2023", end="2023")
    chapters = commodity_chart(b, p)
    assert chapters.rows["chapters"].tolist() == ["07", "01"]
    assert chapters.rows["share_pct"].isna().all()
    assert chapters.title == "Ch 7 was the largest part of China's imports from Russia in 2023"
    assert any("before the pipeline computed HS section totals" in n for n in chapters.notes)
    p, _ = params(b, view="commodities", level="section", start="2023", end="2023")
    assert commodity_chart(b, p).is_empty
    p, _ = params(b, view="commodities", kind="treemap", level="section", year="2023")
    treemap = commodity_chart(b, p)
    assert treemap.rows["level"].tolist() == ["chapter", "chapter"]


def test_commodities_by_section_add_up_their_chapters():
    b = base(*chapter_rows({"01": 1e9, "02": 2e9, "07": 4e9}))
    p, _ = params(b, view="commodities", level="section", start="2023", end="2023")
    frame = commodity_chart(b, p).rows
    assert dict(zip(frame["series"], frame["value_shown"], strict=True)) == {
        "Vegetable": 4.0,
        "Animal": 3.0,
    }


def test_a_treemap_shows_one_year_with_the_pipelines_section_totals_and_shares():
    b = base(*chapter_rows({"01": 1e9, "07": 3e9}), *chapter_rows({"01": 5e9}, "2022"))
    p, _ = params(b, view="commodities", kind="treemap", year="2023")
    rows = commodity_chart(b, p).rows
    chapters, sections = rows[rows["level"] == "chapter"], rows[rows["level"] == "section"]
    assert chapters["chapter"].tolist() == ["07", "01"]
    assert chapters["share_pct"].tolist() == pytest.approx([75.0, 25.0])
    assert chapters["section_label"].tolist() == ["Vegetable", "Animal"]
    # the boxes of the sections are published rows, in the order of their largest chapter
    assert sections[["section", "value_shown", "source_id", "derived_from"]].values.tolist() == [
        ["II", 3.0, "derived-hs-section-sum", "comtrade-api-v1"],
        ["I", 1.0, "derived-hs-section-sum", "comtrade-api-v1"],
    ]
    assert sections["share_pct"].tolist() == pytest.approx([75.0, 25.0])
    # the treemap's year is its own: the span chosen for the stacked chart does not hide it
    p, _ = params(b, view="commodities", kind="treemap", year="2022", start="2023", end="2023")
    rows = commodity_chart(b, p).rows
    assert rows[["level", "section", "value_shown"]].values.tolist() == [
        ["chapter", "I", 5.0], ["section", "I", 5.0]]


def test_without_chapter_data_the_quoted_products_are_shown_and_said_to_overlap():
    b = base(
        {"flow": "import", "commodity": "2709", "period": "2022", "value": 58e9},
        {"flow": "import", "commodity": "27", "period": "2022", "value": 80e9},
        {"flow": "import", "commodity": "TOTAL", "period": "2022", "value": 114e9},
    )
    p, _ = params(b, view="commodities")
    chart = commodity_chart(b, p)
    assert chart.rows["series"].tolist() == [
        "Mineral fuels: oil, gas, coal (HS 27)",
        "Crude oil (HS 2709)",
    ]
    assert any("do not add up" in n for n in chart.notes)
    assert chart.kind == "products"


def test_the_state_round_trips_through_the_query_string():
    b = base({"period": "2020"}, {"period": "2023"})
    p, notes = params(
        b, view="sources", freq="M", flows="total,import", currency="RUB", start="2021"
    )
    again, more = explorer.parse(p.query(), b)
    assert again == p and notes == [] and more == []


def test_the_rates_are_looked_up_by_columns_the_converted_table_has():
    from etl.derive.convert import CONVERTED_COLUMNS

    assert {*SERIES_KEY, "unit", "source_id", "no_rate_reason"} <= set(CONVERTED_COLUMNS)


def test_reported_yuan_figures_show_even_when_no_conversions_were_published():
    b = base(
        {"period": "2023", "value": 100e9},
        {"period": "2023", "value": 700e9, "unit": "CNY", "source_id": "gacc-yuan"},
    )
    p, _ = params(b, flows="export", currency="CNY", start="2023", end="2023")
    chart = trade_chart(b, p)
    assert chart.rows["conversion"].tolist() == ["as reported (yuan)"]
    assert any("shown as China's customs published them" in n for n in chart.notes)

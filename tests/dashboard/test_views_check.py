"""The /check page's views, pure: a pasted text read within its limit, the date it is judged
at, the text cut into marked pieces at the statements' offsets, each statement's evidence as a
Chart of the kind its evidence calls for, and the CSV's one row per statement."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.views import check
from dashboard.views.claims import evidence_chart
from etl.export import to_csv_bytes
from tests.dashboard.support import OBSERVATION_DEFAULTS

TODAY = date(2026, 12, 1)


def statement(start: int, end: int, verdict: str = "supported", **fields) -> dict:
    return {"quote": "q", "start": start, "end": end, "topic": "trade_value",
            "metric": "trade_value", "verdict": verdict, "explanation": "Because. More.",
            "value": None, "unit": "", "evidence": [], **fields}


def evidence(**fields) -> dict:
    row = {k: v for k, v in OBSERVATION_DEFAULTS.items() if k not in ("quote", "speaker")}
    return {**row, "role": "evidence", "label": fields.get("period", "2023"),
            "publisher": "Publisher press-a", "title": "T", "url": "https://example.org/a",
            "date_published": "2024-01-01", "tier": "press", **fields}


# --- the input ---------------------------------------------------------------------------------
def test_the_limit_counts_bytes_of_utf8_not_characters():
    within = "ж" * (check.MAX_TEXT_BYTES // 2)  # two bytes each: exactly the limit
    assert check.read_text(within) == within
    with pytest.raises(check.CheckInputError, match=r"100\.0 KB; at most 100 KB"):
        check.read_text(within + "ж")


@pytest.mark.parametrize("raw", [None, "", "   \n ", 42, ["text"], {"text": "x"}])
def test_no_text_asks_for_one(raw):
    with pytest.raises(check.CheckInputError, match="Paste the text of an article"):
        check.read_text(raw)


@pytest.mark.parametrize("raw", ["2025-13-01", "tomorrow", "07/05/2025", "2025-5-7x"])
def test_a_date_that_is_not_yyyy_mm_dd_is_named_with_the_format_expected(raw):
    with pytest.raises(check.CheckInputError, match="YYYY-MM-DD"):
        check.parse_as_of(raw)


def test_the_date_comes_from_the_field_then_the_page_then_the_dateline_then_today():
    dated = "MOSCOW, Jan 14, 2025 (Wire) - China's trade with Russia grew."
    assert check.judged_at(date(2024, 1, 1), date(2023, 1, 1), dated, TODAY) == (
        date(2024, 1, 1), "the date given")
    assert check.judged_at(None, date(2023, 1, 1), dated, TODAY)[1] == "the page's metadata"
    assert check.judged_at(None, None, dated, TODAY) == (date(2025, 1, 14),
                                                         "the article's dateline")
    assert check.judged_at(None, None, "No date here.", TODAY) == (
        TODAY, "today (no date given or found)")


# --- the text, marked --------------------------------------------------------------------------
def test_the_text_is_cut_at_every_statements_offsets_and_each_piece_knows_its_statements():
    text = "Intro line.\n\nTrade rose 5% to $10 bn in 2024. Nothing else.\nLast."
    start = text.index("Trade")
    claims = [statement(start, text.index(" Nothing")),  # the whole sentence
              statement(text.index("5%"), text.index("5%") + 2)]  # nested inside it
    paragraphs = check.marked_paragraphs(text, claims)

    assert [p.statements for p in paragraphs] == [(), (0, 1), ()]
    pieces = [(s.text, s.statements) for s in paragraphs[1].segments]
    assert pieces == [("Trade rose ", (0,)), ("5%", (0, 1)),
                      (" to $10 bn in 2024.", (0,)), (" Nothing else.", ())]
    assert "".join(s.text for p in paragraphs for s in p.segments) == text.replace(
        "\n\n", "").replace("\n", "")


def test_a_text_without_statements_is_its_paragraphs_unmarked():
    paragraphs = check.marked_paragraphs("  One.  \n\n\nTwo.", [])
    assert [[(s.text, s.statements) for s in p.segments] for p in paragraphs] == [
        [("One.", ())], [("Two.", ())]]


def test_the_summarys_reason_is_the_first_sentence_of_the_explanation():
    assert check.reason("China–Russia trade, 2024: US$244.81 bn. It is a record.") == (
        "China–Russia trade, 2024: US$244.81 bn.")
    assert len(check.reason("x" * 500)) == 220


# --- each statement's evidence, as a Chart -----------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "kind", "axis"),
    [
        ({"indicator": "trade_value_yoy", "unit": "pct", "value": -6.1, "currency": "USD"},
         "growth_timeline", "Change (%)"),
        ({"indicator": "trade_value", "unit": "USD", "value": 1.5e11, "period": "2024-08",
          "freq": "M", "cumulative": True}, "value_periods", "Goods trade (US$ bn)"),
        ({"indicator": "trade_value", "unit": "USD", "value": 2.4e11}, "value_timeline",
         "Total goods trade (US$ bn)"),
        ({"indicator": "trade_quantity", "unit": "t", "value": 1.08e8, "commodity": "2709"},
         "quantities", "Quantity (Mt)"),
        ({"indicator": "pipeline_gas_deliveries", "unit": "bcm", "value": 31.0,
          "commodity": "271121"}, "quantities", "Quantity (bcm)"),
    ],
)
def test_a_found_statements_chart_is_chosen_by_its_evidence_like_a_built_in_claims(
    fields, kind, axis
):
    chart = evidence_chart("c", check.evidence_frame({"evidence": [evidence(**fields)]}), "T")
    assert chart.kind == kind and len(chart.rows) == 1
    assert chart.axes.y == axis


def test_rows_in_another_currency_stay_off_a_value_axis_but_in_the_evidence():
    rows = check.evidence_frame({"evidence": [
        evidence(indicator="trade_value", unit="USD", value=2.4e11),
        evidence(indicator="trade_value", unit="CNY", value=1.7e12, source_id="press-b"),
    ]})
    chart = evidence_chart("c", rows, "T")
    assert chart.rows["unit"].tolist() == ["USD"] and len(rows) == 2


def test_a_growth_chart_draws_zero_and_the_rate_the_article_gives():
    claim = statement(0, 1, value=1.9, unit="pct",
                      evidence=[evidence(indicator="trade_value_yoy", unit="pct", value=1.9)])
    chart = evidence_chart("c", check.evidence_frame(claim), "T",
                           params=check.claimed_params(claim))
    assert [(r.value, r.role) for r in chart.references] == [(1.9, "claim"), (0.0, "zero")]


def test_the_claimed_figure_is_drawn_in_the_unit_the_chart_shows():
    assert check.claimed_params({"value": 2.448e11, "unit": "USD"}) == {"claimed": 244.8}
    assert check.claimed_params({"value": 5.0, "unit": "rank"}) == {"claimed": 5.0}
    assert check.claimed_params({"value": None, "unit": "USD"}) == {}


def test_an_officials_figure_gets_its_speaker_back_from_the_observation_it_is():
    key = {**OBSERVATION_DEFAULTS, "indicator": "settlement_share", "unit": "pct",
           "value": 95.0, "currency": "RUB+CNY", "period": "2023-11-20", "freq": "D",
           "speaker": "Andrei Belousov", "quote": "95% of payments", "source_id": "rt-1"}
    words = check.statement_words(pd.DataFrame([key, {**key, "speaker": "", "source_id": "x"}]))
    assert list(words.values()) == [("Andrei Belousov", "95% of payments")]
    row = evidence(indicator="settlement_share", unit="pct", value=95.0, currency="RUB+CNY",
                   period="2023-11-20", freq="D", source_id="rt-1")
    frame = check.evidence_frame({"evidence": [row, {**row, "source_id": "y"}]}, words)
    assert frame["speaker"].tolist() == ["Andrei Belousov", ""]
    assert evidence_chart("c", frame, "T").kind == "statements"


def test_a_chart_title_states_the_figure_the_data_give_in_the_snapshots_words():
    claim = statement(0, 1, quote="<b>Trade</b> was $300bn",
                      evidence=[evidence(indicator="trade_value", unit="USD", value=2.4481e11,
                                         period="2024", label="2024")])
    frame = check.evidence_frame(claim)
    title = check.chart_title(claim, frame, {"trade_value": "Goods trade value"})
    assert title == "Goods trade value, 2024: US$244.8 bn"
    assert check.chart_title(statement(0, 1, verdict="unresolved", topic="energy"),
                             check.evidence_frame({}), {}) == "Energy: Unresolved"


# --- the CSV -----------------------------------------------------------------------------------
def test_the_csv_has_one_row_per_statement_with_its_evidences_documents_once_each():
    claims = [
        statement(3, 9, quote="=HYPERLINK(\"http://evil\")", value=2.448e11, unit="USD",
                  evidence=[evidence(source_id="a", publisher="P1", url="https://a", tier="wire"),
                            evidence(source_id="b", publisher="P2", url="https://b"),
                            evidence(source_id="a", publisher="P1", url="https://a",
                                     tier="wire")]),
        statement(20, 30, verdict="unresolved"),
    ]
    frame = check.csv_frame({"as_of": "2025-01-14", "data_version": "v1", "claims": claims})
    assert list(frame.columns) == check.CSV_COLUMNS
    assert frame["statement"].tolist() == [1, 2]
    first = frame.iloc[0]
    assert (first["source_ids"], first["publishers"], first["tiers"], first["urls"]) == (
        "a;b", "P1;P2", "wire;press", "https://a;https://b")
    assert (first["start"], first["end"], first["value"]) == (3, 9, 2.448e11)
    assert frame.iloc[1]["source_ids"] == "" and pd.isna(frame.iloc[1]["value"])
    written = to_csv_bytes(frame).decode()
    assert "'=HYPERLINK" in written  # the export's formula guard applies

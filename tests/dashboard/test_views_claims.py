"""The article's claim cards go through the same Chart as every other chart: the kind is chosen
by the claim's evidence, the rows are what the card draws and what its CSV holds."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.views import claims
from etl.claims.model import EVIDENCE_COLUMNS
from etl.export import to_csv_bytes
from tests.dashboard.support import OBSERVATION_DEFAULTS, sources


def evidence_row(claim_id: str, role: str = "evidence", **fields) -> dict:
    return {**OBSERVATION_DEFAULTS, "claim_id": claim_id, "role": role, "period_end": "",
            "label": fields.get("period", "2023"), "source_id": "press-a", **fields}


def base(*rows: dict, params: dict | None = None) -> claims.ClaimsBase:
    ids = list(dict.fromkeys(r["claim_id"] for r in rows)) or ["c"]
    table = pd.DataFrame({
        "claim_id": ids,
        "position": range(len(ids)),
        "headline": [f"Finding of {i}" for i in ids],
        "as_of": "2025-05-07",
        "chart_params": json.dumps(params or {}),
    })
    evidence = pd.DataFrame(list(rows), columns=EVIDENCE_COLUMNS)
    return claims.prepare({"claims": table, "claim_evidence": evidence,
                           "sources": sources("press-a")})


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"indicator": "partner_rank", "unit": "rank", "value": 2.0}, "rank_timeline"),
        ({"indicator": "event", "unit": "", "period": "2025-05-08", "period_end": "2025-05-10"},
         "events"),
        ({"indicator": "settlement_share", "unit": "pct", "value": 95.0}, "statements"),
        ({"indicator": "commodity_share", "unit": "pct", "value": 60.0}, "share_timeline"),
        ({"indicator": "trade_value", "unit": "USD", "value": 2.4e11}, "value_timeline"),
        ({"indicator": "soldiers", "unit": "persons", "value": 102.0}, "counts"),
    ],
)
def test_the_kind_of_a_claims_chart_is_chosen_by_its_evidence(fields, kind):
    chart = claims.claim_chart(base(evidence_row("c", **fields)), "c")
    assert chart.kind == kind and len(chart.rows) == 1


def test_context_rows_are_drawn_but_do_not_choose_the_kind():
    b = base(
        evidence_row("c", indicator="trade_value", unit="USD", value=2.4e11),
        evidence_row("c", "context", indicator="partner_share", unit="pct", value=12.0),
    )
    chart = claims.claim_chart(b, "c")
    assert chart.kind == "value_timeline"
    assert chart.rows["indicator"].tolist() == ["trade_value"]
    assert chart.axes.y == "Total goods trade (US$ bn)" and chart.rows["value_shown"][0] == 240.0


def test_a_claim_without_evidence_has_no_chart_and_says_why():
    chart = claims.claim_chart(base(), "c")
    assert chart.kind == claims.NONE and chart.is_empty and chart.empty


def test_the_article_date_and_the_claimed_figure_are_drawn_with_the_evidence():
    b = base(evidence_row("c", indicator="settlement_share", unit="pct", value=90.0,
                          speaker="An official"), params={"claimed": 95})
    chart = claims.claim_chart(b, "c")
    assert [(m.when, m.label) for m in chart.markers] == [("2025-05-07", "article")]
    assert [(r.value, r.label, r.role) for r in chart.references] == [
        (95.0, "the article: 95%", "claim")
    ]


def test_a_claim_not_in_the_snapshot_is_a_key_error():
    with pytest.raises(KeyError):
        claims.claim_chart(base(), "nope")


# --- the per-version index of the evidence by claim -----------------------------------------
def interleaved() -> claims.ClaimsBase:
    """Three claims whose rows are mixed together, as claim_evidence may hold them."""
    return base(
        evidence_row("a", indicator="trade_value", unit="USD", value=2.4e11),
        evidence_row("b", indicator="event", unit="", period="2025-05-08"),
        evidence_row("a", "context", indicator="partner_share", unit="pct", value=12.0),
        evidence_row("c", "context", indicator="partner_rank", unit="rank", value=2.0),
        evidence_row("b", "since", indicator="event", unit="", period="2025-06-01"),
        evidence_row("a", "evidence", indicator="trade_value", unit="USD", value=2.5e11,
                     period="2024"),
    )


def test_the_index_holds_each_claims_rows_as_filtering_the_table_gives_them():
    b = interleaved()
    index = claims.evidence_index(b.evidence)
    assert sorted(index) == ["a", "b", "c"]
    for claim_id, rows in index.items():
        filtered = b.evidence[b.evidence["claim_id"] == claim_id]
        pd.testing.assert_frame_equal(rows, filtered)  # same rows, order and index
    assert index["a"].index.tolist() == [0, 2, 5]


def test_a_claim_with_no_evidence_rows_gets_none_from_the_index():
    b = interleaved()
    assert "z" not in claims.evidence_index(b.evidence)
    rows = claims.evidence_of(b, "z")
    assert rows.empty and list(rows.columns) == list(b.evidence.columns)


def test_every_claims_kind_at_once_is_the_kind_of_its_own_rows():
    b = interleaved()
    kinds = claims.claim_kinds(b.evidence)
    assert kinds == {"a": "value_timeline", "b": "events", "c": claims.NONE}
    assert kinds == {c: claims.claim_kind(b.evidence[b.evidence["claim_id"] == c])
                     for c in ("a", "b", "c")}


# --- on the bundled snapshot ----------------------------------------------------------------
@pytest.fixture(scope="module")
def claim_charts(bundled_snapshot):
    ids = bundled_snapshot.tables["claims"]["claim_id"]
    return {c: bundled_snapshot.views.claim_chart(c) for c in ids}


def test_every_claims_evidence_rows_are_drawn_by_its_chart(bundled_snapshot, claim_charts):
    evidence = bundled_snapshot.tables["claim_evidence"]
    for claim_id, chart in claim_charts.items():
        main = evidence[(evidence["claim_id"] == claim_id) & (evidence["role"] == "evidence")]
        drawn = chart.rows[chart.rows["role"] == "evidence"] if not chart.is_empty else chart.rows
        assert len(drawn) == len(main), claim_id


def test_a_claims_csv_is_exactly_the_rows_its_card_draws(client, claim_charts):
    for claim_id, chart in claim_charts.items():
        response = client.get(f"/download/claim/{claim_id}.csv")
        assert response.status_code == 200
        assert response.data == to_csv_bytes(chart.rows), claim_id


def test_an_attributed_count_is_drawn_as_counts_with_the_figure_the_article_gives(claim_charts):
    # the pipeline names this claim's chart "statements", but its evidence is a count of people
    chart = claim_charts["chinese-nationals-155"]
    assert chart.kind == "counts" and len(chart.rows) == 2
    assert [(r.value, r.label) for r in chart.references] == [(155.0, "the article: 155")]


def test_the_index_and_the_kinds_agree_with_filtering_on_the_bundled_snapshot(bundled_snapshot):
    views = bundled_snapshot.views
    evidence = views.claims.evidence
    for claim_id in bundled_snapshot.tables["claims"]["claim_id"]:
        filtered = evidence[evidence["claim_id"] == claim_id]
        pd.testing.assert_frame_equal(claims.evidence_of(views.claims, claim_id), filtered)
        assert views.claim_kind(claim_id) == claims.claim_kind(filtered), claim_id

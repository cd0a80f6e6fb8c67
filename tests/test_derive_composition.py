"""What a flow is made of (etl/derive/composition.py): HS section totals from the published
chapter-to-section table, the largest chapters with the rest summed as "Other" by one stated
rule, and every chapter's, section's and group's share of all chapters."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.derive.composition import TOP_GROUPS, hs_composition, largest
from tests.helpers import observations

BN = 1e9
HS = pd.DataFrame({"chapter": [f"{c:02d}" for c in range(1, 13)],
                   "section": ["I"] * 5 + ["II"] * 7})


def chapters(values: dict[str, float], period: str = "2023", **other) -> list[dict]:
    """China's imports from Russia by HS chapter, as UN Comtrade publishes them."""
    return [{"flow": "import", "commodity": code, "period": period, "value": value * BN,
             "status": "official", "source_id": "comtrade-api-v1", **other}
            for code, value in values.items()]


def rows_of(derived: pd.DataFrame, **equal) -> pd.DataFrame:
    mask = pd.Series(True, index=derived.index)
    for column, value in equal.items():
        mask &= derived[column] == value
    return derived[mask]


def test_a_section_total_is_the_sum_of_its_chapters_of_one_table():
    derived = hs_composition(observations(*chapters({"01": 1, "02": 2, "07": 4})), HS, {})

    totals = rows_of(derived, indicator="trade_value", source_id="derived-hs-section-sum")
    assert dict(zip(totals["commodity"], totals["value"], strict=True)) == {
        "HS_SECTION_I": 3 * BN, "HS_SECTION_II": 4 * BN}
    first = totals.iloc[0]
    assert (first["status"], first["derived_from"], first["valuation"]) == (
        "derived", "comtrade-api-v1", "CIF")
    assert first["note"] == ("= HS 01 US$1.00 bn + HS 02 US$2.00 bn (the chapters of this "
                             "table in HS section I)")


def test_a_chapter_the_table_does_not_list_is_not_classified():
    derived = hs_composition(observations(*chapters({"99": 5})), HS, {})

    assert "HS_SECTION_NC" in set(derived["commodity"])


def test_the_rest_after_the_largest_chapters_of_the_latest_year_is_summed_as_other():
    values = {f"{c:02d}": float(c) for c in range(1, 11)}  # ten chapters: 01 and 02 smallest
    earlier = {**values, "01": 50.0}  # 01 was large in 2022: the latest year decides
    obs = observations(*chapters(values), *chapters(earlier, "2022"))

    derived = hs_composition(obs, HS, {})

    other = rows_of(derived, indicator="trade_value", commodity="HS_OTHER_CHAPTERS")
    assert dict(zip(other["period"], other["value"], strict=True)) == {
        "2023": 3 * BN, "2022": 52 * BN}
    assert set(other["source_id"]) == {"derived-hs-other"}
    note = other.set_index("period").loc["2022", "note"]
    assert note.startswith("= HS 01 US$50.00 bn + HS 02 US$2.00 bn (the 2 chapters")
    assert f"the {TOP_GROUPS} chapters with the largest value in 2023" in note


def test_the_largest_are_chosen_in_dollars_in_the_latest_year_largest_first():
    rows = observations(
        *chapters({"27": 60, "44": 5, "01": 1}),
        *chapters({"27": 30, "44": 40}, "2022"),
        *chapters({"27": 400, "44": 30, "01": 900}, unit="CNY",
                  source_id="derived-currency-conversion", derived_from="comtrade-api-v1"),
    )

    assert largest(rows, top=2) == ["27", "44"]


def test_shares_are_of_all_the_chapters_of_the_table_and_year_and_add_up_to_100():
    obs = observations(*chapters({"01": 1, "02": 3, "07": 4}))

    derived = hs_composition(obs, HS, {})

    shares = rows_of(derived, indicator="commodity_share", source_id="derived-hs-share")
    by_code = dict(zip(shares["commodity"], shares["value"], strict=True))
    assert by_code == pytest.approx({"01": 12.5, "02": 37.5, "07": 50.0,
                                     "HS_SECTION_I": 50.0, "HS_SECTION_II": 50.0})
    row = shares.set_index("commodity").loc["07"]
    assert (row["unit"], row["currency"]) == ("pct", "USD")
    assert row["note"] == "= US$4.00 bn / US$8.00 bn (all 3 chapters of this table)"


def test_a_conversion_changes_no_share_so_shares_are_published_once_in_dollars():
    obs = observations(
        *chapters({"01": 1, "07": 3}),
        *chapters({"01": 7, "07": 21}, unit="CNY", qualifier="approx", status="derived",
                  source_id="derived-currency-conversion", derived_from="comtrade-api-v1;rates"),
    )

    derived = hs_composition(obs, HS, {})

    assert set(rows_of(derived, indicator="commodity_share")["currency"]) == {"USD"}
    yuan = rows_of(derived, indicator="trade_value", unit="CNY")
    assert set(yuan["qualifier"]) == {"approx"}  # sums of converted values stay approximate
    assert set(yuan["derived_from"]) == {"derived-currency-conversion;comtrade-api-v1;rates"}


def test_only_the_statistical_apis_chapter_tables_are_summed():
    press = {"flow": "import", "commodity": "27", "period": "2023", "value": 80 * BN,
             "source_id": "tass-2024-01"}

    assert hs_composition(observations(press), HS, {}).empty

"""The known errors of issue 9, each with a test that fails if it comes back.

Every test reads the tables built from the committed curated data (`built_tables`), so it checks
the figures a reader sees, not a fixture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from etl.derive.common import preference_order
from etl.pipeline import build_tables, read_inputs

BN = 1e9


@pytest.fixture(scope="module")
def claims(built_tables) -> pd.DataFrame:
    return built_tables["claims"].set_index("claim_id")


@pytest.fixture(scope="module")
def flags(built_tables) -> pd.DataFrame:
    return built_tables["quality_flags"]


def china_russia(obs: pd.DataFrame, flow: str, period: str, **other) -> pd.DataFrame:
    rows = obs[(obs["indicator"] == other.get("indicator", "trade_value"))
               & (obs["reporter"] == "CHN") & (obs["partner"] == "RUS") & (obs["flow"] == flow)
               & (obs["period"] == period) & (obs["commodity"] == "TOTAL")]
    return rows[rows["unit"] == other.get("unit", "USD")]


def caveats(claims: pd.DataFrame, claim_id: str) -> list[str]:
    return json.loads(claims.loc[claim_id, "caveats"])


# --- 2015: the news agency's dollar conversion is not the customs figure ---------------------
@pytest.mark.parametrize(("flow", "official"), [("total", 67.955), ("export", 34.81),
                                                ("import", 33.145)])
def test_2015_leads_with_the_official_dollar_figures(obs, flow, official):
    annual = obs[(obs["indicator"] == "trade_value") & (obs["reporter"] == "CHN")
                 & (obs["partner"] == "RUS") & (obs["freq"] == "A") & (obs["unit"] == "USD")]
    ordered = preference_order(annual)  # as every derive step orders them
    rows = ordered[(ordered["period"] == "2015") & (ordered["flow"] == flow)]
    lead = rows.iloc[0]
    tass = rows[rows["source_id"] == "business-gazeta-2016-01-fc63"].iloc[0]

    assert lead["source_id"] == "imf-dots-2021-05-multiatsm"
    assert lead["value"] == pytest.approx(official * BN, rel=1e-4)
    assert tass["qualifier"] == "approx"  # kept, as what TASS printed, but not as exact
    assert "Corrected (c-2015-" in tass["note"]


def test_2015_and_2016_growth_follow_the_official_figures(obs):
    growth = obs[(obs["indicator"] == "trade_value_yoy") & (obs["reporter"] == "CHN")
                 & (obs["partner"] == "RUS") & (obs["flow"] == "total") & (obs["freq"] == "A")
                 & (obs["currency"] == "USD")]
    derived = growth[growth["source_id"] == "derived-growth"].set_index("period")["value"]
    reported_2016 = growth[(growth["period"] == "2016") & (growth["source_id"] != "derived-growth")]

    assert derived["2015"] == pytest.approx(-28.65, abs=0.1)  # not the -32.6% of TASS's 64.2
    assert derived["2016"] == pytest.approx(2.6, abs=0.2)
    assert reported_2016["value"].tolist() == [2.2]  # GACC's published growth is kept beside it


def test_the_decade_caveat_names_the_official_2015_fall(claims):
    fell = [c for c in caveats(claims, "ties-strengthened-decade") if c.startswith("Trade fell")]

    assert fell and "2015 (-28.7%)" in fell[0]
    assert "-32.6%" not in " ".join(caveats(claims, "ties-strengthened-decade"))


def test_the_2015_gap_between_the_official_figure_and_the_press_is_published(flags):
    in_2015 = flags[flags["period"] == "2015"]

    assert set(in_2015["check"]) == {"sources"}  # no growth or currency check on a conversion
    total = in_2015[in_2015["flow"] == "total"].iloc[0]
    assert total["gap_pct"] == pytest.approx(64.2 / 67.955 * 100 - 100, abs=0.05)
    assert "both are kept" in total["message"]


def test_the_2015_corrections_are_published_with_their_evidence(built_tables):
    corrections = built_tables["corrections"].set_index("correction_id")

    assert {"c-2015-total-usd", "c-2015-exports-usd", "c-2015-imports-usd"} <= set(
        corrections.index)
    assert "imf-dots-2021-05-multiatsm" in corrections.loc["c-2015-total-usd", "evidence"]


# --- June 2023: exports and imports swapped --------------------------------------------------
def test_june_2023_exports_are_the_smaller_flow(obs):
    june = obs[(obs["indicator"] == "trade_value") & (obs["reporter"] == "CHN")
               & (obs["period"] == "2023-06") & ~obs["cumulative"]
               & (obs["source_id"] == "sputnikglobe-2023-07-13-e6e9")].set_index("flow")["value"]

    assert june["export"] == pytest.approx(9.551 * BN)
    assert june["import"] == pytest.approx(11.28 * BN)


def test_june_2023_agrees_with_the_year_to_date_arithmetic_after_the_correction(flags):
    june = flags[(flags["check"] == "month") & (flags["period"] == "2023-06")]

    assert (june["gap_pct"].abs() < 3).all()  # was +20.7% and -16.2% before the correction
    assert not june["message"].str.contains("swapped").any()


def test_without_the_correction_the_month_check_diagnoses_the_swap(data_root: Path):
    corrections = data_root / "curated" / "corrections.csv"
    lines = corrections.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("c-2023-06-")]
    corrections.write_text("\n".join(kept) + "\n", encoding="utf-8")

    flags = build_tables(read_inputs(data_root))["quality_flags"]
    june = flags[(flags["check"] == "month") & (flags["period"] == "2023-06")]

    assert set(june["flow"]) == {"export", "import"}
    assert june["message"].str.contains("look swapped").all()


# --- top trading partner: both readings -------------------------------------------------------
def test_the_top_partner_claim_states_both_readings(claims):
    text = " ".join(caveats(claims, "top-trading-partner"))

    assert "Counting countries only, China was already Russia's largest trading partner in 2010" \
        in text
    assert "Counting the EU as one partner, European Union was ahead of China in" in text
    assert "2022 (about US$282.00 bn" in text
    assert "China led only from 2023 (34% against 11% of Russia's trade" in text
    assert "it did not become the top partner because of the sanctions." not in text


def test_the_34_and_11_percent_shares_are_dated_2023(obs):
    ivin = obs[(obs["indicator"] == "partner_share") & (obs["reporter"] == "RUS")
               & (obs["source_id"] == "oreanda-news-2024-09-1c65") & (obs["value"] != 47)]
    latest = ivin[ivin["period"] != "2014"]

    assert set(zip(latest["partner"], latest["period"], strict=True)) == {
        ("CHN", "2023"), ("EU27", "2023")}


# --- fifth-largest: within the same year --------------------------------------------------------
def test_the_fifth_largest_claim_compares_conventions_within_2024(claims):
    explanation = claims.loc["fifth-largest-partner", "explanation"]

    assert explanation.startswith(
        "Russia ranked 5th among China's trading partners in 2024 counting countries only")
    assert "In the same year the rank depends on who counts as a partner" in explanation
    assert "counting Hong Kong and Taiwan as partners, Russia ranked about 7th" in explanation
    assert ("counting the EU and ASEAN as single partners, and Hong Kong and Taiwan as partners, "
            "Russia ranked about 8th") in explanation
    assert "in 2023" not in explanation  # no convention is compared across years


def test_remains_is_loose_russia_was_fourth_in_2023(claims):
    assert any(c.startswith("The article says “remains”, but Russia was 4th in 2023")
               for c in caveats(claims, "fifth-largest-partner"))


def test_the_bloc_convention_says_whether_hong_kong_and_taiwan_count(built_tables):
    vocabulary = built_tables["vocabulary"]
    bloc = vocabulary[(vocabulary["group"] == "convention")
                      & (vocabulary["code"] == "blocs_as_units")].iloc[0]

    assert "Hong Kong and Taiwan" in bloc["phrase"]
    assert "Hong Kong & Taiwan" in bloc["label"]


# --- energy: robust figures, and gas beside crude -----------------------------------------------
def test_the_energy_share_leads_with_figures_covering_most_of_a_year(claims):
    explanation = claims.loc["energy-reliance", "explanation"]

    assert "figures that cover at least 8 months of a year" in explanation
    assert "65.1%–78%" in explanation
    assert "80%" not in explanation  # the single-quarter figures do not lead
    assert any("Q1 2023" in c for c in caveats(claims, "energy-reliance"))


def test_russias_share_of_chinas_gas_imports_stands_next_to_crude(claims):
    [reading] = json.loads(claims.loc["energy-reliance", "alternatives"])

    assert "19.6% of China's crude oil imports in 2024" in reading
    assert "8% of its gas imports in 2021" in reading


# --- Russia's partners in 2023: Belarus included ------------------------------------------------
def test_russias_2023_partner_ranks_include_belarus_and_mark_close_ranks_approximate(obs):
    computed = obs[(obs["indicator"] == "partner_rank") & (obs["reporter"] == "RUS")
                   & (obs["derived_from"] == "scobricsinsight-2024-02-9c0f")
                   & (obs["basis"] == "countries_only")].set_index("partner")

    assert computed.loc["BLR", "value"] == 4
    assert computed.loc["KAZ", "value"] == 5
    assert computed.loc["BLR", "qualifier"] == "approx"  # "approximately $55 billion"
    assert computed.loc["TUR", "qualifier"] == "approx"  # $56.5 bn is within 5% of it
    assert computed.loc["CHN", "qualifier"] == "exact"


# --- consistency checks never measure someone else's conversion ---------------------------------
def test_no_check_compares_a_figure_with_an_outlets_currency_conversion(flags):
    world_2024 = flags[(flags["partner"] == "WLD") & (flags["period"] == "2024")]
    may_2025 = flags[(flags["period"] == "2025-05")]

    assert world_2024.empty  # Xinhua's "USD 5.98 trillion" is a conversion, marked approx
    assert may_2025.empty  # Jan–Apr's $70.47 bn is Reuters' conversion of 510.6 bn yuan


# --- the 2025 split ----------------------------------------------------------------------------
def test_the_2025_split_is_the_customs_figure_not_an_estimate(obs):
    for flow, value in (("export", 103.309), ("import", 124.796)):
        rows = china_russia(obs, flow, "2025")
        assert rows["status"].tolist() == ["sourced"]
        assert rows["value"].tolist() == [pytest.approx(value * BN)]
        assert rows["source_id"].tolist() == ["bs178-2026-01-s-1-2404961e"]


# --- exchange rates: who issued them ------------------------------------------------------------
def test_only_the_bank_of_russia_s_rates_have_russia_as_reporter(obs, built_tables):
    sources = built_tables["sources"].set_index("source_id")
    russian = obs[(obs["indicator"] == "fx_rate") & (obs["reporter"] == "RUS")
                  & (obs["status"] != "derived")]
    origins = " ".join(sources.loc[russian["source_id"].unique(), "original_publisher"])
    pboc = obs[(obs["indicator"] == "fx_rate") & (obs["source_id"] == "nina-nd-e7bb")]
    reuters = obs[(obs["indicator"] == "fx_rate")
                  & obs["source_id"].isin(["wallstreetobserver-2025-01-13-4f82",
                                           "squidsite02-2025-11-07-8b98"])]

    assert "PBoC" not in origins and "Reuters" not in origins and "CFETS" not in origins
    assert set(pboc["reporter"]) == {"CHN"}
    assert set(reuters["reporter"]) == {""}

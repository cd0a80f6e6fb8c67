"""Gaps between sources (etl/derive/gaps.py): each publisher's figure for one flow of goods
against China's customs figure as reported, in US dollars and in per cent, with both sides named
in the note."""

from __future__ import annotations

import pytest

from etl.derive.common import DERIVATIONS
from etl.derive.gaps import gap_method, source_gaps
from tests.helpers import observations

BN = 1e9


def trade(flow: str, value: float, source_id: str, reporter: str = "CHN", **other) -> dict:
    return {"reporter": reporter, "partner": "RUS" if reporter == "CHN" else "CHN",
            "flow": flow, "period": "2023", "value": value * BN, "source_id": source_id,
            **other}


def gaps_by_method(obs, unit: str) -> dict[str, float]:
    rows = source_gaps(obs, {})
    rows = rows[rows["unit"] == unit]
    return dict(zip(rows["source_id"], rows["value"], strict=True))


def test_russias_imports_are_compared_with_chinas_exports_as_chinas_customs_reported_them():
    obs = observations(
        trade("export", 100, "gacc-release"),
        trade("import", 110, "fcs-release", reporter="RUS"),
    )

    rows = source_gaps(obs, {}).set_index("unit")

    assert rows.loc["USD", "indicator"] == "mirror_gap"
    assert (rows.loc["USD", "reporter"], rows.loc["USD", "flow"]) == ("RUS", "import")
    assert rows.loc["USD", "value"] == pytest.approx(10 * BN)
    assert rows.loc["pct", "value"] == pytest.approx(10.0)
    assert rows.loc["USD", "source_id"] == "derived-mirror-gap-customs"
    assert rows.loc["USD", "derived_from"] == "fcs-release;gacc-release"
    assert rows.loc["USD", "note"] == (
        "= Russia's imports from China, customs figure as reported (CIF): US$110.00 bn − "
        "China's exports to Russia, customs figure as reported (FOB): US$100.00 bn"
    )
    assert rows.loc["pct", "note"].startswith("= US$10.00 bn / US$100.00 bn: Russia's imports")


def test_an_official_figure_is_compared_with_the_customs_figure_of_the_same_measure():
    obs = observations(
        trade("export", 100, "gacc-release"),
        trade("export", 98, "comtrade-api-v1", status="official"),
        trade("export", 101, "imf-imts-sdmx", status="official"),
    )

    assert gaps_by_method(obs, "pct") == pytest.approx({
        "derived-source-gap-comtrade": -2.0, "derived-source-gap-imf": 1.0})
    assert set(source_gaps(obs, {})["indicator"]) == {"source_gap"}


def test_each_publisher_is_compared_through_its_preferred_figure():
    obs = observations(
        trade("export", 100, "gacc-release"),
        trade("export", 90, "gacc-approx", qualifier="approx", status="sourced_approx"),
        trade("import", 104, "comtrade-api-v1", reporter="RUS", status="official"),
    )

    assert gaps_by_method(obs, "USD") == pytest.approx({"derived-mirror-gap-comtrade": 4 * BN})


def test_a_bound_is_never_compared():
    obs = observations(
        trade("export", 100, "gacc-release", qualifier="lower_bound"),
        trade("import", 110, "fcs-release", reporter="RUS"),
    )

    assert source_gaps(obs, {}).empty


def test_without_chinas_customs_figure_for_the_period_nothing_is_compared():
    obs = observations(
        trade("export", 98, "comtrade-api-v1", status="official"),
        trade("import", 110, "fcs-release", reporter="RUS"),
    )

    assert source_gaps(obs, {}).empty


def test_every_gap_method_is_a_documented_derivation():
    for reporter, family in [("CHN", "comtrade"), ("CHN", "imf"), ("RUS", "press"),
                             ("RUS", "comtrade"), ("RUS", "imf")]:
        assert gap_method(reporter, family) in DERIVATIONS

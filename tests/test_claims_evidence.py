"""Evidence selection for the claim rules (etl/claims/evidence.py, etl/claims/wording.py): the
best tier first, and an explanation that says so when only the press or reprints give a figure."""

from __future__ import annotations

import pandas as pd

from etl.claims.article_rules import best_first as article_best_first
from etl.claims.article_rules import tier as article_tier
from etl.claims.context import Context
from etl.claims.evidence import best_first
from etl.claims.wording import tier_note
from tests.conftest import ARTICLE_DATE
from tests.helpers import events, observations, sources


def context(tiers: dict[str, str], originals: dict[str, str] | None = None) -> Context:
    table = sources(*tiers)
    table["tier"] = table["source_id"].map(tiers)
    table["original_publisher"] = [(originals or {}).get(s, "") for s in table["source_id"]]
    return Context(obs=observations(), events=events(), sources=table.set_index("source_id"),
                   as_of=ARTICLE_DATE)


def rows(*source_ids: str, **other) -> pd.DataFrame:
    return observations(*({"source_id": s, **other} for s in source_ids))


def test_official_statistics_come_before_a_wire_and_a_wire_before_the_press():
    ctx = context({"paper": "press", "copy": "reprint", "agency": "wire", "imf": "official"})

    ordered = best_first(rows("copy", "paper", "agency", "imf"), ctx)

    assert ordered["source_id"].tolist() == ["imf", "agency", "paper", "copy"]


def test_the_tier_comes_before_the_precision_of_the_figure():
    ctx = context({"paper": "press", "agency": "wire"})
    frame = pd.concat([rows("paper"), rows("agency", qualifier="approx")])

    assert best_first(frame, ctx)["source_id"].tolist() == ["agency", "paper"]


def test_a_computed_figure_is_as_good_as_its_weakest_input():
    ctx = context({"imf": "official", "copy": "reprint"})
    computed = rows("derived-partner-ranks", derived_from="imf;copy", status="derived")

    assert ctx.tier(computed.iloc[0]) == "reprint"


def test_no_note_when_an_agency_or_official_statistics_give_the_figure():
    ctx = context({"agency": "wire", "paper": "press"})

    assert tier_note(ctx, rows("agency", "paper")) == ""


def test_a_figure_only_the_press_gives_is_named_as_such():
    ctx = context({"paper": "press"})

    assert tier_note(ctx, rows("paper"), "this share") == "Only press reports give this share."


def test_a_figure_only_reprints_give_names_the_original_publisher():
    ctx = context({"copy": "reprint"}, {"copy": "TASS"})

    assert tier_note(ctx, rows("copy")) == (
        "Only reprints (copies of TASS) give this figure; the original publication is not in "
        "the snapshot.")


def test_the_pipelines_own_methods_are_passed_over_when_a_computed_figure_gets_its_tier():
    ctx = context({"bne": "press", "ecb": "official", "derived-fx-ecb-cross": ""})
    converted = rows("derived-currency-conversion", status="derived",
                     derived_from="bne;derived-fx-ecb-cross;ecb")

    assert ctx.tier(converted.iloc[0]) == "press"


def test_a_figure_stated_in_its_currency_comes_before_a_conversion_even_from_a_better_tier():
    # 1.74 trn yuan as a reprint of Reuters prints it, against the pipeline's conversion of the
    # press's dollar total at the year's average rate: the conversion is an estimate
    ctx = context({"copy": "reprint", "bne": "press", "ecb": "official"})
    frame = pd.concat([
        rows("derived-currency-conversion", status="derived", derived_from="bne;ecb",
             qualifier="approx"),
        rows("copy"),
    ])

    assert best_first(frame, ctx)["source_id"].tolist() == ["copy", "derived-currency-conversion"]


def test_the_article_rules_order_evidence_by_the_same_tiers():
    ctx = context({"copy": "reprint", "bne": "press", "comtrade": "official", "ecb": "official"})
    growth = rows("derived-growth", status="derived", derived_from="comtrade;bne")
    frame = pd.concat([
        rows("derived-currency-conversion", status="derived", derived_from="comtrade;ecb"),
        rows("copy"), growth,
    ])

    assert article_tier(ctx, growth.iloc[0]) == ctx.tier(growth.iloc[0]) == "press"
    assert article_best_first(ctx, frame)["source_id"].tolist() == best_first(
        frame, ctx)["source_id"].tolist() == ["derived-growth", "copy",
                                              "derived-currency-conversion"]

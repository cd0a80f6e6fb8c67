"""Derive: everything the claims and charts need, computed from the observations by small pure
steps. Each step is frame in, frame out; `derive_all` runs them in dependency order."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from etl.derive.aggregates import hs_chapter_totals, is_detail
from etl.derive.balance import balances
from etl.derive.composition import hs_composition
from etl.derive.convert import convert_trade, converted_observations
from etl.derive.fx import averages_of_daily, cross_rates, ecb_dollar_rates
from etl.derive.gaps import source_gaps
from etl.derive.growth import growth_rates
from etl.derive.monthly import single_months_from_ytd
from etl.derive.quality import quality_flags
from etl.derive.ranks import computed_ranks
from etl.derive.settlement import settlement_sums
from etl.derive.shares import commodity_shares, partner_shares
from etl.derive.statements import settlement_gaps
from etl.derive.totals import official_totals
from etl.mappings import Mappings


@dataclass(frozen=True)
class Derived:
    observations: pd.DataFrame  # the input rows plus every derived row
    trade_converted: pd.DataFrame  # China–Russia trade values in CNY and RUB, with their rates
    quality_flags: pd.DataFrame  # figures that disagree with each other


def derive_all(obs: pd.DataFrame, mappings: Mappings, published: dict[str, str]) -> Derived:
    # API detail finer than HS chapters is summed to chapters, then kept aside: growth, shares
    # and balances of every 6-digit code would double the table and serve no chart.
    chapters = hs_chapter_totals(obs)
    detail = is_detail(obs)
    core = pd.concat([obs[~detail] if detail.any() else obs, chapters], ignore_index=True)
    totals = official_totals(core)  # Comtrade gives exports and imports, never their sum
    core = pd.concat([core, totals], ignore_index=True)
    # Most steps below never read the quotes, notes and speakers of their inputs (settlement
    # sums and the quality checks do: they get `core`); the rows they filter and sort are
    # copied, and on large inputs those copies are most of the memory.
    lean = core.drop(columns=["quote", "note", "speaker"])
    fx = lean[lean["indicator"] == "fx_rate"]  # every rate step reads only these rows
    averages = averages_of_daily(fx)
    ecb_rates = ecb_dollar_rates(fx)
    rates = pd.concat([fx, averages, ecb_rates], ignore_index=True)
    crosses = cross_rates(rates, published)
    rates = pd.concat([rates, crosses], ignore_index=True)
    months = single_months_from_ytd(lean, published)
    values = pd.concat([lean, months], ignore_index=True)
    converted = convert_trade(values, rates, published)
    # Balances and growth in yuan and roubles come from the same steps as in dollars: reported
    # yuan figures where there are some, else conversions of the preferred dollar figure.
    conversions = converted_observations(converted, values, published)
    in_currencies = pd.concat([values, conversions], ignore_index=True)
    sums = settlement_sums(core)
    steps = [
        averages,
        ecb_rates,
        crosses,
        months,
        conversions,
        balances(in_currencies, published),
        growth_rates(in_currencies, published),
        computed_ranks(lean, mappings),
        partner_shares(lean, published),
        commodity_shares(lean, published),
        sums,
        # what the explorer and the currencies page compare and stack, so they compute nothing
        source_gaps(in_currencies, published),
        hs_composition(in_currencies, mappings.hs_chapters, published),
        settlement_gaps(pd.concat([core[core["indicator"] == "settlement_share"], sums],
                                  ignore_index=True), published),  # reads the speakers
    ]
    everything = pd.concat([core, obs[detail], *[s for s in steps if not s.empty]],
                           ignore_index=True)
    return Derived(
        observations=everything,
        trade_converted=converted,
        quality_flags=quality_flags(core, rates, months, published),  # month checks read notes
    )

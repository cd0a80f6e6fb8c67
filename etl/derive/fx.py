"""Exchange rates: period averages of official daily rates, and cross rates.

fx_rate rows read "`unit` per one `currency`": currency USD, unit RUB = roubles per dollar.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_frame, origins, preferred

MIN_DAYS = {"M": 10, "A": 150}  # an average needs most of the period's fixing days


def averages_of_daily(obs: pd.DataFrame) -> pd.DataFrame:
    daily = obs[
        (obs["indicator"] == "fx_rate") & (obs["freq"] == "D") & (obs["status"] == "official")
    ]
    if daily.empty:
        return derived_frame([])
    rows = []
    for freq, width in (("M", 7), ("A", 4)):
        keyed = daily.assign(_period=daily["period"].str[:width])
        for (reporter, currency, unit, period), group in keyed.groupby(
            ["reporter", "currency", "unit", "_period"], sort=True
        ):
            if len(group) < MIN_DAYS[freq]:
                continue
            rows.append(
                {
                    "indicator": "fx_rate",
                    "reporter": reporter,
                    "currency": currency,
                    "unit": unit,
                    "period": period,
                    "freq": freq,
                    "value": group["value"].mean(),
                    "source_id": "derived-fx-average",
                    "derived_from": origins(*group["source_id"].unique()),
                    "note": f"mean of {len(group)} official daily rates "
                    f"({group['period'].min()} to {group['period'].max()})",
                }
            )
    return derived_frame(rows)


def cross_rates(rates: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """RUB per CNY from RUB per USD and CNY per USD of the same period (averages only)."""
    averages = rates[(rates["indicator"] == "fx_rate") & rates["freq"].isin(["M", "A"])]
    key = ["period", "freq"]
    rub_usd = preferred(
        averages[(averages["currency"] == "USD") & (averages["unit"] == "RUB")], key, published
    ).set_index(key)
    cny_usd = preferred(
        averages[(averages["currency"] == "USD") & (averages["unit"] == "CNY")], key, published
    ).set_index(key)
    have_direct = set(
        map(
            tuple,
            averages[(averages["currency"] == "CNY") & (averages["unit"] == "RUB")][key].itertuples(
                index=False, name=None
            ),
        )
    )
    rows = []
    for index in rub_usd.index.intersection(cny_usd.index):
        if index in have_direct:
            continue  # a direct average of official CNY rates beats a ratio of averages
        rub, cny = rub_usd.loc[index], cny_usd.loc[index]
        rows.append(
            {
                "indicator": "fx_rate",
                "reporter": "RUS",
                "currency": "CNY",
                "unit": "RUB",
                "period": index[0],
                "freq": index[1],
                "value": rub["value"] / cny["value"],
                "qualifier": "approx",
                "source_id": "derived-fx-cross",
                "derived_from": origins(rub["source_id"], cny["source_id"]),
                "note": f"= {rub['value']:.4f} RUB per USD / {cny['value']:.4f} CNY per USD "
                "(ratio of averages)",
            }
        )
    return derived_frame(rows)

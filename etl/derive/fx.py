"""Exchange rates: period averages of official daily rates, cross rates, and monthly dollar
rates from the ECB's euro reference rates.

fx_rate rows read "`unit` per one `currency`": currency USD, unit RUB = roubles per dollar.

Which rate wins: the ECB-based monthly rates are a fallback. Wherever another rate of the same
pair and period exists (the Bank of Russia's, or one a publisher reported), that one is used
(`best_rates`); the ECB fills the months nobody else covers, which offline means every month.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_columns, derived_frame, not_in, origins, preferred

MIN_DAYS = {"M": 10, "A": 150}  # an average needs most of the period's fixing days
ECB_SOURCE_ID = "ecb-eurofxref"
ECB_CROSS = "derived-fx-ecb-cross"
FALLBACK_RATES = frozenset({ECB_CROSS})
ECB_RUB_STOP = "the ECB stopped quoting the rouble after 1 March 2022"
ECB_RUB_NOTE = (
    f"{ECB_RUB_STOP}, so no ECB-based rouble rate exists from March 2022; the Bank of Russia's "
    "rates (fetched when online) cover those months"
)


def best_rates(rates: pd.DataFrame, key: list[str], published: dict[str, str]) -> pd.DataFrame:
    """One rate per `key`: the preferred one among the primary rates, and an ECB-based rate
    only where no primary rate exists (the Bank of Russia's rates win where present)."""
    fallback = rates["source_id"].isin(FALLBACK_RATES)
    best = preferred(rates[~fallback], key, published)
    extra = preferred(rates[fallback], key, published)
    if extra.empty:
        return best
    extra = not_in(extra, best, key)
    return pd.concat([best, extra], ignore_index=True) if not best.empty else extra


def ecb_dollar_rates(obs: pd.DataFrame) -> pd.DataFrame:
    """Monthly and annual averages of the ECB's daily cross rates against the dollar: CNY per
    USD and, until February 2022, RUB per USD. A day's cross rate is (X per EUR) / (USD per
    EUR), as the ECB says its cross rates are to be computed; an average needs MIN_DAYS days."""
    daily = obs[(obs["indicator"] == "fx_rate") & (obs["freq"] == "D")
                & (obs["source_id"] == ECB_SOURCE_ID) & (obs["currency"] == "EUR")]
    if daily.empty:
        return derived_frame([])
    by_day = daily.pivot_table(index="period", columns="unit", values="value", aggfunc="first")
    if "USD" not in by_day.columns:
        return derived_frame([])
    parts = []
    for target in ("CNY", "RUB"):
        if target not in by_day.columns:
            continue
        cross = (by_day[target] / by_day["USD"]).dropna()
        for freq, width in (("M", 7), ("A", 4)):
            parts.append(_ecb_averages(cross, target, freq, width))
    parts = [p for p in parts if not p.empty]
    return derived_columns(pd.concat(parts, ignore_index=True)) if parts else derived_frame([])


def _ecb_averages(cross: pd.Series, target: str, freq: str, width: int) -> pd.DataFrame:
    days = pd.DataFrame({"rate": cross.to_numpy(), "day": cross.index,
                         "period": cross.index.str.slice(0, width)})
    stats = days.groupby("period").agg(value=("rate", "mean"), days=("rate", "size"),
                                       first=("day", "min"), last=("day", "max"))
    stats = stats[stats["days"] >= MIN_DAYS[freq]].reset_index()
    tail = f"; {ECB_RUB_NOTE}" if target == "RUB" else ""
    return pd.DataFrame({
        "indicator": "fx_rate",
        "currency": "USD",
        "unit": target,
        "period": stats["period"],
        "freq": freq,
        "value": stats["value"],
        "source_id": ECB_CROSS,
        "derived_from": ECB_SOURCE_ID,
        "note": "mean of " + stats["days"].astype(str) + f" daily ECB cross rates ({target} per "
        "EUR ÷ USD per EUR), " + stats["first"] + " to " + stats["last"]
        + "; reference rates, not market rates" + tail,
    })


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
    rub_usd = best_rates(
        averages[(averages["currency"] == "USD") & (averages["unit"] == "RUB")], key, published
    ).set_index(key)
    cny_usd = best_rates(
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
                # the rouble rate's authority (the Bank of Russia; "" for the ECB's)
                "reporter": rub["reporter"],
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

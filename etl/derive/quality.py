"""Consistency checks between figures that should agree. Their findings are published as data
(`quality_flags`), shown beside the charts; nothing is silently "fixed".

- growth: a reported growth rate implies last year's value; does the reported one agree?
- currency: a USD figure times the year's average rate vs the same release's yuan figure;
- month: a single month derived from year-to-date totals vs the single month reported (and
  whether the reported exports and imports look swapped);
- parts: exports + imports vs the total in the same document;
- sources: an official statistic (IMF, UN Comtrade, a central bank's own table) vs the same
  measure reported by the press: both are kept, and the gap is published here.

Only exact figures are compared: an approximate one (a rounded figure, or a currency conversion
made by an outlet, which the curated data mark `approx`) would be measured against the
arithmetic of someone else's conversion, not against the publisher's figure.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import fmt, preferred
from etl.periods import label, year_earlier

FLAG_COLUMNS = [
    "check",
    "indicator",
    "reporter",
    "partner",
    "flow",
    "period",
    "freq",
    "cumulative",
    "reported",
    "expected",
    "unit",
    "gap_pct",
    "source_ids",
    "message",
]
TOLERANCE = {"growth": 2.0, "currency": 3.0, "month": 2.0, "parts": 1.0, "sources": 0.5}
COMPARED = ["indicator", "reporter", "partner", "flow", "commodity", "period", "freq",
            "cumulative", "unit"]
SERIES = ["reporter", "partner", "flow", "commodity", "period", "freq", "cumulative"]


def _flag(
    check: str,
    row: pd.Series,
    reported: float,
    expected: float,
    unit: str,
    sources: str,
    message: str,
) -> dict:
    gap = (reported / expected - 1) * 100
    return {
        "check": check,
        "indicator": "trade_value",
        "reporter": row["reporter"],
        "partner": row["partner"],
        "flow": row["flow"],
        "period": row["period"],
        "freq": row["freq"],
        "cumulative": bool(row["cumulative"]),
        "reported": reported,
        "expected": expected,
        "unit": unit,
        "gap_pct": gap,
        "source_ids": sources,
        "message": message.format(gap=gap),
    }


def growth_checks(obs: pd.DataFrame, published: dict[str, str]) -> list[dict]:
    # The checks below copy only the columns they read: `obs` has every row with its quote.
    values = obs.loc[
        (obs["indicator"] == "trade_value")
        & (obs["status"] != "derived")
        & (obs["qualifier"] == "exact")
        & (obs["unit"] == "USD"),
        [*SERIES, "value", "qualifier", "status", "source_id", "derived_from"],
    ]
    best = preferred(values, SERIES, published).set_index(SERIES)
    del values
    growth = obs.loc[
        (obs["indicator"] == "trade_value_yoy")
        & (obs["status"] != "derived")
        & (obs["currency"] == "USD")
        & (obs["qualifier"] == "exact"),
        [*SERIES, "value", "source_id"],
    ]
    flags = []
    for _, g in growth.iterrows():
        now = tuple(g[c] for c in SERIES)
        before = tuple(
            {**dict(zip(SERIES, now, strict=True)), "period": year_earlier(g["period"])}[c]
            for c in SERIES
        )
        if now not in best.index or before not in best.index:
            continue
        current, previous = best.loc[now], best.loc[before]
        implied = current["value"] / (1 + g["value"] / 100)
        if abs(previous["value"] / implied - 1) * 100 > TOLERANCE["growth"]:
            when = label(before[4], before[5], before[6])
            flags.append(
                _flag(
                    "growth",
                    pd.Series(dict(zip(SERIES, before, strict=True))),
                    previous["value"],
                    implied,
                    "USD",
                    f"{previous['source_id']};{current['source_id']};{g['source_id']}",
                    f"{when} {g['flow']}s reported as {fmt(previous['value'], 'USD')}, but "
                    f"{label(g['period'], g['freq'], g['cumulative'])}'s "
                    f"{fmt(current['value'], 'USD')} "
                    f"and its reported growth of {g['value']:+.1f}% imply "
                    f"{fmt(implied, 'USD')} ({{gap:+.1f}}%)",
                )
            )
    return flags


def currency_checks(
    obs: pd.DataFrame, rates: pd.DataFrame, published: dict[str, str]
) -> list[dict]:
    values = obs[
        (obs["indicator"] == "trade_value") & (obs["status"] != "derived") & (obs["freq"] == "A")
        & (obs["qualifier"] == "exact")
    ]
    usd = preferred(values[values["unit"] == "USD"], SERIES, published)
    cny = values[values["unit"] == "CNY"].set_index(SERIES + ["source_id"])
    rate = preferred(
        rates[
            (rates["indicator"] == "fx_rate")
            & (rates["currency"] == "USD")
            & (rates["unit"] == "CNY")
            & (rates["freq"] == "A")
        ],
        ["period"],
        published,
    ).set_index("period")
    flags = []
    for _, row in usd.iterrows():
        key = tuple(row[c] for c in SERIES) + (row["source_id"],)
        if key not in cny.index or row["period"] not in rate.index:
            continue
        yuan = cny.loc[key]["value"]
        r = rate.loc[row["period"]]
        implied_usd = yuan / r["value"]
        if abs(row["value"] / implied_usd - 1) * 100 > TOLERANCE["currency"]:
            flags.append(
                _flag(
                    "currency",
                    row,
                    row["value"],
                    implied_usd,
                    "USD",
                    f"{row['source_id']};{r['source_id']}",
                    f"{row['period']} {row['flow']}: the release gives {fmt(yuan, 'CNY')} and "
                    f"{fmt(row['value'], 'USD')}, but {fmt(yuan, 'CNY')} at the year's average "
                    f"{r['value']:.4f} CNY per USD is {fmt(implied_usd, 'USD')} ({{gap:+.1f}}%)",
                )
            )
    return flags


def month_checks(obs: pd.DataFrame, derived_months: pd.DataFrame) -> list[dict]:
    key = [*SERIES, "unit"]
    monthly = ((obs["indicator"] == "trade_value") & (obs["freq"] == "M") & ~obs["cumulative"]
               & (obs["status"] != "derived") & (obs["qualifier"] == "exact"))
    # (derived_from is kept so the merge below names the derived month's `derived_from_d`)
    reported = obs.loc[monthly, [*key, "value", "source_id", "derived_from"]].assign(
        _corrected=obs.loc[monthly, "note"].str.startswith("Corrected (").to_numpy(dtype=bool))
    exact_months = derived_months[derived_months["qualifier"] == "exact"]
    pairs = reported.merge(exact_months[[*key, "value", "derived_from"]], on=key,
                           suffixes=("", "_d"))
    pairs = pairs[(pairs["value_d"] != 0)
                  & ((pairs["value"] / pairs["value_d"] - 1).abs() * 100 > TOLERANCE["month"])]
    swapped = _swapped(reported, exact_months, key)
    return [
        _flag(
            "month", row, row["value"], row["value_d"], row["unit"],
            f"{row['source_id']};{row['derived_from_d']}",
            f"{label(row['period'], 'M')} {row['flow']}s reported as "
            f"{fmt(row['value'], row['unit'])}; the year-to-date totals give "
            f"{fmt(row['value_d'], row['unit'])} ({{gap:+.1f}}%)"
            + ("; the reported exports and imports look swapped: each matches the other flow's "
               "year-to-date arithmetic" if (row["source_id"], row["period"]) in swapped else "")
            + ("; the reported figure was corrected (see the corrections table)"
               if row["_corrected"] else ""),
        )
        for _, row in pairs.iterrows()  # only the disagreements: a handful of rows
    ]


def _swapped(reported: pd.DataFrame, months: pd.DataFrame, key: list[str]) -> set[tuple]:
    """(source_id, period) of single months whose export and import each match the OTHER
    flow's derived month within tolerance, while not matching their own."""
    flows = reported[reported["flow"].isin(["export", "import"])]
    other = months.assign(flow=months["flow"].map({"export": "import", "import": "export"}))
    crossed = flows.merge(other[[*key, "value"]], on=key, suffixes=("", "_o"))
    crossed = crossed.merge(months[[*key, "value"]].rename(columns={"value": "value_own"}),
                            on=key)
    fits = ((crossed["value"] / crossed["value_o"] - 1).abs() * 100 <= TOLERANCE["month"] * 1.5)
    misfits = ((crossed["value"] / crossed["value_own"] - 1).abs() * 100 > TOLERANCE["month"])
    both = crossed[fits & misfits].groupby(["source_id", "period"])["flow"].nunique()
    return set(both[both == 2].index)


def parts_checks(obs: pd.DataFrame) -> list[dict]:
    key = ["reporter", "partner", "commodity", "period", "freq", "cumulative", "unit", "source_id"]
    values = obs.loc[
        (obs["indicator"] == "trade_value")
        & (obs["status"] != "derived")
        & (obs["qualifier"] == "exact"),
        [*key, "flow", "value"],
    ]
    wide = values.pivot_table(index=key, columns="flow", values="value", aggfunc="first")
    flags = []
    if not {"export", "import", "total"} <= set(wide.columns):
        return flags
    wide = wide.dropna(subset=["export", "import", "total"])
    for index, row in wide.iterrows():
        fields = dict(zip(key, index, strict=True))
        parts = row["export"] + row["import"]
        if abs(row["total"] / parts - 1) * 100 > TOLERANCE["parts"]:
            flags.append(
                _flag(
                    "parts",
                    pd.Series({**fields, "flow": "total"}),
                    row["total"],
                    parts,
                    fields["unit"],
                    fields["source_id"],
                    f"{label(fields['period'], fields['freq'], fields['cumulative'])}: total "
                    f"{fmt(row['total'], fields['unit'])} but exports + imports = "
                    f"{fmt(parts, fields['unit'])} ({{gap:+.1f}}%)",
                )
            )
    return flags


def source_checks(obs: pd.DataFrame) -> list[dict]:
    """An official statistic against each press figure for the same measure."""
    trade = obs.loc[obs["indicator"].isin(["trade_value", "trade_value_bop"])
                    & obs["qualifier"].isin(["exact", "approx"]),
                    [*COMPARED, "value", "source_id", "status"]]
    official_ids = set(trade.loc[trade["status"] == "official", "source_id"])
    # the totals a statistical table's exports and imports add up to are its figures too
    is_official = (trade["status"] == "official") | (
        (trade["status"] == "derived") & trade["source_id"].isin(official_ids))
    official = trade.loc[is_official, [*COMPARED, "value", "source_id"]]
    others = trade[~is_official & ~trade["status"].isin(["derived", "unverified"])]
    del trade
    pairs = others.merge(official, on=COMPARED, suffixes=("", "_o"))
    del official, others
    pairs = pairs[(pairs["value_o"] != 0)
                  & ((pairs["value"] / pairs["value_o"] - 1).abs() * 100 > TOLERANCE["sources"])]
    return [
        {**_flag(
            "sources", row, row["value"], row["value_o"], row["unit"],
            f"{row['source_id']};{row['source_id_o']}",
            f"{label(row['period'], row['freq'], row['cumulative'])} {row['flow']}: "
            f"{fmt(row['value'], row['unit'])} as reported by {row['source_id']}, "
            f"{fmt(row['value_o'], row['unit'])} in the official statistics "
            f"({row['source_id_o']}): {{gap:+.1f}}%; both are kept",
        ), "indicator": row["indicator"]}
        for _, row in pairs.iterrows()
    ]


def quality_flags(
    obs: pd.DataFrame, rates: pd.DataFrame, derived_months: pd.DataFrame, published: dict[str, str]
) -> pd.DataFrame:
    flags = (
        growth_checks(obs, published)
        + currency_checks(obs, rates, published)
        + month_checks(obs, derived_months)
        + parts_checks(obs)
        + source_checks(obs)
    )
    frame = pd.DataFrame(flags, columns=FLAG_COLUMNS)
    frame["cumulative"] = frame["cumulative"].astype(bool)
    for column in ("reported", "expected", "gap_pct"):
        frame[column] = frame[column].astype("float64")
    return frame.sort_values(["period", "check", "flow"]).reset_index(drop=True)

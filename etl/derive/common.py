"""Shared helpers of the derive steps: choosing one row among sources, and stamping derived rows.

A derived row is an ordinary observation with status "derived", a `source_id` naming the
method (a row of the sources table, kind "derived") and `derived_from` listing the source_ids
it was computed from, so every derived number can be followed back to its documents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.schema import OBSERVATION_COLUMNS, SOURCE_COLUMNS

STATUS_RANK = {
    "official": 0,
    "sourced": 1,
    "sourced_secondary": 2,
    "sourced_approx": 3,
    "sourced_ambiguous": 4,
    "unverified": 4.5,  # credited to a document whose words were not kept: never before a quote
    "derived": 5,
    "qualitative": 6,
}
QUALIFIER_RANK = {"exact": 0, "approx": 1, "lower_bound": 2, "upper_bound": 2}


DERIVATIONS: dict[str, tuple[str, str]] = {
    "derived-ytd-difference": (
        "Single months from year-to-date totals",
        "A month's value = the year-to-date total to that month minus the year-to-date total to "
        "the month before (etl/derive/monthly.py). Only consecutive months are differenced.",
    ),
    "derived-balance": (
        "Trade balance",
        "Balance = exports minus imports of the same reporter, partner, period and currency, "
        "both from preferred rows; bounds (lower or upper) are never used. In yuan and roubles "
        "a figure the publisher gave in that currency is used where there is one, else the "
        "dollar figure converted at its period's average rate (etl/derive/balance.py).",
    ),
    "derived-total": (
        "Total trade from exports and imports of one official table",
        "Total = exports plus imports of the same reporter, partner, commodity and period in "
        "one official table (e.g. UN Comtrade, which gives the two flows only), where that "
        "table gives no total itself (etl/derive/totals.py).",
    ),
    "derived-growth": (
        "Growth on a year earlier",
        "Percentage change of a value on the same period a year earlier, in the value's own "
        "currency (USD, CNY or RUB; in yuan and roubles a reported figure where there is one, "
        "else a converted one, so the change includes exchange-rate movements); bounds are "
        "never used (etl/derive/growth.py).",
    ),
    "derived-partner-ranks": (
        "Partner ranks under each convention",
        "Partners of a reporter ranked by total trade within one source's table, under each "
        "convention (countries only; Hong Kong and Taiwan counted; EU and ASEAN as blocs) "
        "(etl/derive/ranks.py).",
    ),
    "derived-partner-share": (
        "A partner's share of the reporter's trade",
        "Trade with the partner as reported by the reporter, divided by the reporter's trade "
        "with the world (etl/derive/shares.py).",
    ),
    "derived-partner-share-mirror": (
        "A partner's share of the reporter's trade (partner-reported numerator)",
        "Trade with the partner as reported by the PARTNER (mirror data), divided by the "
        "reporter's own trade with the world; mixes two customs services (etl/derive/shares.py).",
    ),
    "derived-commodity-share": (
        "A commodity's share of bilateral trade",
        "Value of one commodity divided by the total value of the same flow, reporter, partner "
        "and period (etl/derive/shares.py).",
    ),
    "derived-fx-cross": (
        "Cross exchange rates",
        "RUB per CNY = (RUB per USD) / (CNY per USD) for the same period and kind of rate; a "
        "ratio of averages, not an average of daily cross rates (etl/derive/fx.py).",
    ),
    "derived-fx-ecb-cross": (
        "Monthly and annual dollar rates from the ECB's euro reference rates",
        "CNY and RUB per USD: the mean over a month or a year of the ECB's daily cross rates (X "
        "per EUR divided by USD per EUR), at least 10 days a month or 150 a year. Used only "
        "where no other rate of the period exists (the Bank of Russia's win). The ECB stopped "
        "quoting the rouble after 1 March 2022 (etl/derive/fx.py).",
    ),
    "derived-settlement-sum": (
        "Rouble and yuan settlement shares added up",
        "RUB+CNY share = the rouble share plus the yuan share of payments given separately in "
        "the same release, for the same reporter, partner, flow and period, where the release "
        "does not give the sum itself (etl/derive/settlement.py).",
    ),
    "derived-fx-average": (
        "Average exchange rates",
        "Mean of the official daily rates in a month or year (etl/derive/fx.py).",
    ),
    "derived-hs-chapter-sum": (
        "HS chapter totals from finer codes",
        "The sum of a publisher's HS 4- or 6-digit rows within one chapter, for the same "
        "reporter, partner, flow, period and source; only where the chapter itself was not "
        "published (etl/derive/aggregates.py).",
    ),
    "derived-hs-section-sum": (
        "HS section totals from chapters",
        "The sum of the HS chapters of one table (UN Comtrade or the IMF) within one HS section, "
        "for the same reporter, partner, flow, year and currency; each chapter's section from "
        "the hs_chapters table, a chapter it does not list as not classified "
        "(etl/derive/composition.py).",
    ),
    "derived-hs-other": (
        "The chapters (or sections) outside the largest, summed",
        "The sum of every HS chapter (section) of one table outside the 8 largest; the 8 are "
        "those with the largest value in the table's latest year (in US dollars), the same in "
        "every year (etl/derive/composition.py).",
    ),
    "derived-hs-share": (
        "A chapter's, section's or group's share of all chapters",
        "The value of an HS chapter, section or 'other' group divided by the sum of all the "
        "chapters of the same table, reporter, partner, flow and year, in the table's own "
        "currency (etl/derive/composition.py).",
    ),
    "derived-source-gap-comtrade": (
        "UN Comtrade's figure against the customs figure as reported",
        "Gap = China's figure in UN Comtrade minus China's customs figure as the press reported "
        "it, same flow and period, in US dollars and in per cent of the customs figure; the "
        "preferred figure of each, never a bound (etl/derive/gaps.py).",
    ),
    "derived-source-gap-imf": (
        "The IMF's figure against the customs figure as reported",
        "Gap = China's figure in the IMF's IMTS minus China's customs figure as the press "
        "reported it, same flow and period, in US dollars and in per cent of the customs "
        "figure; the preferred figure of each, never a bound (etl/derive/gaps.py).",
    ),
    "derived-mirror-gap-customs": (
        "Russia's customs figure against China's, for one flow of goods (mirror)",
        "Gap = Russia's customs figure as reported (its imports from China, exports to China or "
        "total trade) minus China's customs figure as reported for the same flow seen from "
        "China (its exports, imports or total), same period, in US dollars and in per cent of "
        "China's figure. Exports are valued FOB and imports CIF (etl/derive/gaps.py).",
    ),
    "derived-mirror-gap-comtrade": (
        "Russia's figure in UN Comtrade against China's customs figure (mirror)",
        "Gap = Russia-reported figure in UN Comtrade minus China's customs figure as reported "
        "for the same flow seen from China, same period, in US dollars and in per cent of "
        "China's figure. Exports are valued FOB and imports CIF (etl/derive/gaps.py).",
    ),
    "derived-mirror-gap-imf": (
        "Russia's figure in the IMF's IMTS against China's customs figure (mirror)",
        "Gap = Russia-reported figure in the IMF's IMTS minus China's customs figure as "
        "reported for the same flow seen from China, same period, in US dollars and in per "
        "cent of China's figure. Exports are valued FOB and imports CIF (etl/derive/gaps.py).",
    ),
    "derived-settlement-gap": (
        "An official's settlement statement against the nearest published share",
        "Gap in percentage points = the share an official stated for Russia–China payments "
        "minus the Bank of Russia's share of the same currency for all of Russia's payments "
        "(exports or imports) nearest in time, within 12 months; not like for like "
        "(etl/derive/statements.py).",
    ),
    "derived-currency-conversion": (
        "Values converted between currencies",
        "A US-dollar value multiplied by the average exchange rate of its period (the year's "
        "for annual figures, the month's for single months); the rate, its period and its "
        "source are kept beside each converted value in trade_converted. As observations, "
        "only each series' preferred dollar figure is converted, marked approx "
        "(etl/derive/convert.py).",
    ),
}


def derivation_sources() -> pd.DataFrame:
    rows = [
        {
            "source_id": sid,
            "publisher": "This project (computed by the pipeline)",
            "title": title,
            "url": "",
            "date_published": "",
            "date_accessed": "",
            "licence": "Derived from the sources listed in derived_from; their terms apply",
            "citation": f"{title}: {method}",
            "original_publisher": "",
            "kind": "derived",
            "tier": "",
        }
        for sid, (title, method) in DERIVATIONS.items()
    ]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)


RANKED = ["status", "qualifier", "source_id", "derived_from"]  # what preference_order reads


def preference_order(frame: pd.DataFrame, published: dict[str, str] | None = None) -> pd.DataFrame:
    """Sort rows best first: official > sourced > approximate > derived; exact > bounds;
    then the most recently published document (revisions win)."""
    published = published or {}
    status = frame["status"].map(STATUS_RANK).fillna(9)
    # Arithmetic within one document (a table's exports + imports, curated as `derived` with
    # derived_from = its own source) ranks with that document's own figures.
    own = (frame["derived_from"].astype(str) == frame["source_id"].astype(str)
           if "derived_from" in frame.columns else pd.Series(False, index=frame.index))
    if own.any():
        document = status[~own].groupby(frame.loc[~own, "source_id"]).min()
        status = status.where(~own, frame["source_id"].map(document).fillna(status))
    ordered = frame.assign(
        _status=status,
        _qualifier=frame["qualifier"].map(QUALIFIER_RANK).fillna(9),
        _published=frame["source_id"].map(lambda sid: published.get(sid, "")),
    )
    ordered = ordered.sort_values(
        ["_status", "_qualifier", "_published", "source_id"],
        ascending=[True, True, False, True],
        kind="mergesort",
    )
    return ordered.drop(columns=["_status", "_qualifier", "_published"])


def preferred(
    frame: pd.DataFrame, by: list[str], published: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per group of `by`: the best-sourced one (see preference_order)."""
    if frame.empty:
        return frame
    # Ranked on the columns the preference reads and an integer code per group of `by`, then
    # the chosen rows are taken once: sorting the whole frame would copy every column, the main
    # memory cost of large inputs.
    ranking = frame[[c for c in RANKED if c in frame.columns]].reset_index(drop=True)
    ranking["_group"] = frame.groupby(by, sort=False, dropna=False).ngroup().to_numpy()
    order = preference_order(ranking, published)
    return frame.iloc[order.drop_duplicates(subset="_group", keep="first").index]


def not_in(frame: pd.DataFrame, given: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """The rows of `frame` whose `on` key is not among `given`'s: what a step derives only where
    a publisher did not give the figure itself."""
    found = frame.merge(given[on].drop_duplicates(), on=on, how="left", indicator=True)
    return frame[(found["_merge"] == "left_only").to_numpy()]


def derived_frame(rows: list[dict]) -> pd.DataFrame:
    """Complete derived rows with the contract's defaults and column order."""
    defaults = {c: "" for c in OBSERVATION_COLUMNS}
    defaults.update({"cumulative": False, "qualifier": "exact", "status": "derived"})
    frame = pd.DataFrame([{**defaults, **row} for row in rows], columns=OBSERVATION_COLUMNS)
    if frame.empty:
        frame = pd.DataFrame(columns=OBSERVATION_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    frame["cumulative"] = frame["cumulative"].astype(bool)
    return frame


def combined_qualifier(*qualifiers: str) -> str:
    return "exact" if all(q == "exact" for q in qualifiers) else "approx"


def origins(*source_ids: str) -> str:
    seen: list[str] = []
    for text in source_ids:
        for sid in str(text).split(";"):
            if sid and sid not in seen:
                seen.append(sid)
    return ";".join(seen)


def fmt(value: float, unit: str) -> str:
    """A value as a reader would write it: US$155.10 bn, 12.5%, 108.5 Mt."""
    if unit in ("USD", "CNY", "RUB", "EUR"):
        symbol = {"USD": "US$", "CNY": "CN¥", "RUB": "RUB ", "EUR": "€"}[unit]
        if abs(value) >= 1e12:
            return f"{symbol}{value / 1e12:,.3f} trn"
        if abs(value) >= 1e9:
            return f"{symbol}{value / 1e9:,.2f} bn"
        if abs(value) >= 1e6:
            return f"{symbol}{value / 1e6:,.1f} m"
        return f"{symbol}{value:,.4g}"
    if unit == "pct":
        return f"{value:.1f}".rstrip("0").rstrip(".") + "%"
    if unit == "t" and abs(value) >= 1e6:
        return f"{value / 1e6:,.2f} Mt"
    if unit == "b/d" and abs(value) >= 1e6:
        return f"{value / 1e6:,.2f} mb/d"
    if unit == "rank":
        return f"#{value:.0f}"
    return f"{value:,.6g} {unit}"


# --- column-wise helpers: derive steps work on whole columns, never row by row ---------------
def derived_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of derived rows every contract column (defaults for the missing ones)."""
    defaults: dict[str, object] = {c: "" for c in OBSERVATION_COLUMNS}
    defaults.update({"cumulative": False, "qualifier": "exact", "status": "derived"})
    out = frame.copy(deep=False)  # (copy-on-write: the columns added below never reach `frame`)
    for column, default in defaults.items():
        if column not in out.columns:
            out[column] = default
    out = out[OBSERVATION_COLUMNS].reset_index(drop=True)
    out["value"] = out["value"].astype("float64")
    out["cumulative"] = out["cumulative"].astype(bool)
    return out


def combined_qualifiers(*columns: pd.Series) -> np.ndarray:
    exact = np.logical_and.reduce([c.to_numpy() == "exact" for c in columns])
    return np.where(exact, "exact", "approx")


def origins_of(*columns: pd.Series) -> list[str]:
    return [origins(*values) for values in zip(*columns, strict=True)]


def labels_of(periods: pd.Series, freqs: pd.Series, cumulative: pd.Series | bool) -> list[str]:
    from etl.periods import label

    if isinstance(cumulative, bool):
        cumulative = pd.Series(cumulative, index=periods.index)
    cache: dict[tuple, str] = {}
    out = []
    for key in zip(periods, freqs, cumulative, strict=True):
        if key not in cache:
            cache[key] = label(key[0], key[1], bool(key[2]))
        out.append(cache[key])
    return out


def as_shown(values: pd.Series, units: pd.Series, source_ids: pd.Series) -> list[str]:
    """Values as the notes write them, with "(converted)" after a converted one."""
    return [f"{text} (converted)" if sid == "derived-currency-conversion" else text
            for text, sid in zip(fmts(values, units), source_ids, strict=True)]


def fmts(values: pd.Series, units: pd.Series | str) -> list[str]:
    if isinstance(units, str):
        return [fmt(v, units) for v in values]
    return [fmt(v, u) for v, u in zip(values, units, strict=True)]

"""The trade explorer's frames, selected once per snapshot: China–Russia trade values in every
currency the pipeline publishes (reported, or converted at stored rates: derived rows), their
balances and growth rates, the conversions' rates, the gaps between sources, HS chapters with
their names, the pipeline's section totals, "other" groups and shares, and the products quoted
in the press."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.views.common import attach_sources, documents, year_range
from etl.derive.composition import OTHER, SECTION, SHARE_METHOD
from etl.derive.families import STATISTICAL_APIS, families

HS_LABELS = ["label", "short_label", "section", "section_label", "section_short"]
FCS_EVENT = "fcs-publication-suspended"
CURRENCIES = ["USD", "CNY", "RUB"]


@dataclass(frozen=True)
class Event:
    """A dated event with its source (for the line on a chart and the note beside it)."""

    date: str
    label: str
    publisher: str
    date_published: str
    url: str


@dataclass(frozen=True)
class ExplorerBase:
    trade: pd.DataFrame  # China–Russia trade_value rows, non-cumulative A and M, every currency
    growth: pd.DataFrame  # their change on a year earlier (trade_value_yoy), in each currency
    gaps: pd.DataFrame  # source_gap and mirror_gap rows: each source against China's customs
    converted: pd.DataFrame  # trade_converted with the rate's publisher
    documents: pd.DataFrame  # the sources table by source_id (what computed figures cite)
    chapters: pd.DataFrame  # HS chapter rows from statistical APIs, with chapter/section labels
    groups: pd.DataFrame  # the pipeline's HS section totals and "other" groups, with sources
    shares: pd.DataFrame  # each chapter's, section's and group's share of all chapters
    products: pd.DataFrame  # other commodity rows (press-reported products)
    product_labels: dict[str, str]  # commodity code -> its name (the snapshot's product_labels)
    fcs_event: Event | None  # Russia's customs service stops publishing
    first_year: int
    last_year: int


def prepare(tables: dict[str, pd.DataFrame], hs: pd.DataFrame) -> ExplorerBase:
    obs = tables["observations"]
    sources = tables["sources"]
    pair = ((obs["reporter"] == "CHN") & (obs["partner"] == "RUS")) | (
        (obs["reporter"] == "RUS") & (obs["partner"] == "CHN")
    )
    china_russia = pair & ~obs["cumulative"] & obs["freq"].isin(["A", "M"])
    trade = _with_family(attach_sources(obs[
        china_russia & (obs["indicator"] == "trade_value") & obs["unit"].isin(CURRENCIES)
    ], sources))
    growth = attach_sources(obs[
        china_russia & (obs["indicator"] == "trade_value_yoy") & obs["currency"].isin(CURRENCIES)
    ], sources)
    gaps = obs[china_russia & obs["indicator"].isin(["source_gap", "mirror_gap"])]
    chapter_mask = trade["commodity"].str.fullmatch(r"\d{2}") & trade["family"].isin(
        list(STATISTICAL_APIS)
    )
    group_mask = trade["commodity"].str.startswith(SECTION) | trade["commodity"].isin(
        list(OTHER.values()))
    products = trade[(trade["commodity"] != "TOTAL") & ~chapter_mask & ~group_mask
                     & (trade["freq"] == "A")]
    shares = obs[china_russia & (obs["indicator"] == "commodity_share")
                 & (obs["source_id"] == SHARE_METHOD)]
    first, last = year_range(trade["period"], 2015)
    return ExplorerBase(
        trade=trade.reset_index(drop=True),
        growth=growth.reset_index(drop=True),
        gaps=gaps.reset_index(drop=True),
        documents=documents(sources),
        converted=_converted(tables.get("trade_converted", pd.DataFrame()), sources),
        chapters=_named_chapters(trade[chapter_mask & (trade["freq"] == "A")], hs),
        groups=trade[group_mask & (trade["freq"] == "A")].reset_index(drop=True),
        shares=shares.reset_index(drop=True),
        products=products.reset_index(drop=True),
        product_labels=_labels(tables.get("product_labels")),
        fcs_event=_event(tables.get("events", pd.DataFrame()), sources, FCS_EVENT),
        first_year=first,
        last_year=last,
    )


def _with_family(trade: pd.DataFrame) -> pd.DataFrame:
    """Each row's family of publisher (press, comtrade, imf, derived; etl.derive.families, the
    pipeline's own classification) and year."""
    return trade.assign(family=families(trade).to_numpy(),
                        year=trade["period"].str.slice(0, 4).astype(int))


def _labels(table: pd.DataFrame | None) -> dict[str, str]:
    if table is None or table.empty:
        return {}
    return dict(zip(table["commodity"], table["label"], strict=True))


def _converted(converted: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    if converted.empty:
        return converted
    converted = converted[~converted["cumulative"]]
    publishers = sources.set_index("source_id")["publisher"]
    return converted.assign(
        rate_publisher=converted["rate_source_id"].map(publishers).fillna("").astype("str")
    ).reset_index(drop=True)


def _named_chapters(chapters: pd.DataFrame, hs: pd.DataFrame) -> pd.DataFrame:
    """Chapter rows with the chapter's and its section's names (a chapter the table does not
    name is "HS 99", in section "Not classified")."""
    if not hs.empty:
        names = hs.rename(columns={"chapter": "commodity"})[["commodity", *HS_LABELS]]
        chapters = chapters.merge(names, on="commodity", how="left")
    for column in HS_LABELS:
        if column not in chapters:
            chapters = chapters.assign(**{column: ""})
        chapters[column] = chapters[column].astype("str").where(chapters[column].notna(), "")
    return chapters.assign(
        short_label=[
            s or f"HS {c}"
            for s, c in zip(chapters["short_label"], chapters["commodity"], strict=True)
        ],
        section_short=[s or "Not classified" for s in chapters["section_short"]],
        section=[s or "NC" for s in chapters["section"]],
    ).reset_index(drop=True)


def _event(events: pd.DataFrame, sources: pd.DataFrame, event_id: str) -> Event | None:
    if events.empty:
        return None
    found = events[events["event_id"] == event_id]
    if found.empty:
        return None
    row = attach_sources(found, sources).iloc[0]
    return Event(row["start"], row["label"], row["publisher"], row["date_published"], row["url"])

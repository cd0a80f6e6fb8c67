"""What a flow is made of, by HS chapter and section: section totals, the largest chapters (or
sections) with the rest as "Other", and each one's share of all chapters.

The explorer stacks a flow's chapters (or sections) over the years and draws one year as a
treemap. Every number those charts show is published here as an ordinary derived row, computed
from the chapter tables of the statistical APIs (UN Comtrade, the IMF; annual, one preferred row
per chapter and year), in each currency the chapters are published in (reported, or converted by
the pipeline at the year's average rate):

- section totals: `trade_value` with commodity `HS_SECTION_<section>` (`HS_SECTION_XVI`), the
  sum of the section's chapters in one table and year; a chapter's section comes from the
  published hs_chapters table (data/mappings/hs_chapters.csv), and a chapter it does not list
  counts as not classified (`HS_SECTION_NC`);
- the rest: `trade_value` with commodity `HS_OTHER_CHAPTERS` (or `HS_OTHER_SECTIONS`), the sum
  of every chapter (section) outside the TOP_GROUPS largest, chosen once per reporter, partner
  and flow by `largest` (the largest in the latest year of the table), so the groups do not
  change from year to year or with the years a reader picks;
- shares: `commodity_share` of every chapter, section and "Other" group in the sum of all the
  table's chapters of that year, computed in US dollars where the table is in dollars (a
  conversion at one rate for the year changes no share), so the shares of a year add up to 100.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from etl.derive.common import as_shown, derived_columns, fmts, origins, preferred
from etl.derive.families import STATISTICAL_APIS, families

TOP_GROUPS = 8  # chapters (sections) charted on their own; the rest are summed as "Other"
SECTION = "HS_SECTION_"
NOT_CLASSIFIED = "NC"
OTHER = {"chapter": "HS_OTHER_CHAPTERS", "section": "HS_OTHER_SECTIONS"}
LEVEL_WORDS = {"chapter": ("chapter", "chapters"), "section": ("section", "sections")}
SERIES = ["reporter", "partner", "flow"]
TABLE = [*SERIES, "period", "freq", "cumulative", "unit"]
VALUATION = {"export": "FOB", "import": "CIF"}
SUM_METHOD = {"section": "derived-hs-section-sum", "other": "derived-hs-other"}
SHARE_METHOD = "derived-hs-share"


def section_code(section: str) -> str:
    """The commodity code of an HS section's total: "XVI" -> "HS_SECTION_XVI"."""
    return f"{SECTION}{section}"


def chapter_table(values: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """The annual HS chapter rows of the statistical APIs, one preferred row per reporter,
    partner, flow, chapter, year and currency."""
    rows = values[(values["indicator"] == "trade_value")
                  & values["commodity"].astype("str").str.fullmatch(r"\d{2}")
                  & (values["freq"] == "A") & ~values["cumulative"] & values["value"].notna()]
    if rows.empty:
        return rows
    rows = rows[families(rows).isin(STATISTICAL_APIS).to_numpy()]
    return preferred(rows, [*TABLE, "commodity"], published)


def ranking_unit(units: pd.Series) -> str:
    """The currency groups are ranked and shares computed in: US dollars where the table has
    them (the statistical APIs publish in dollars), else the one it has."""
    present = sorted(set(units))
    return "USD" if "USD" in present else (present[0] if present else "")


def largest(rows: pd.DataFrame, top: int = TOP_GROUPS) -> list[str]:
    """The rule of the "largest + Other" grouping: of one series' rows (one reporter, partner
    and flow; chapters, or section totals), the `top` commodities with the largest value in
    the latest year the series has, in its ranking currency; largest first. Every other
    commodity of the series, in every year, is summed as "Other"."""
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return []
    ranked = rows[rows["unit"] == ranking_unit(rows["unit"])]
    latest = ranked[ranked["period"] == ranked["period"].max()]
    ordered = latest.sort_values(["value", "commodity"], ascending=[False, True],
                                 kind="mergesort").drop_duplicates("commodity")
    return list(ordered["commodity"].head(top))


def hs_composition(values: pd.DataFrame, hs_chapters: pd.DataFrame,
                   published: dict[str, str]) -> pd.DataFrame:
    """Section totals, "Other" groups and shares (see the module's docstring) as derived rows.
    `values`: trade_value rows in every currency (reported and converted)."""
    chapters = chapter_table(values, published)
    if chapters.empty:
        return derived_columns(pd.DataFrame())
    sections = dict(zip(hs_chapters["chapter"], hs_chapters["section"], strict=True))
    chapters = chapters.assign(
        group=chapters["commodity"],
        section=[sections.get(c) or NOT_CLASSIFIED for c in chapters["commodity"]],
    )
    section_rows = _sums(chapters.assign(group=chapters["section"].map(section_code)),
                         SUM_METHOD["section"], _section_note)
    others = []
    for level, rows in (("chapter", chapters), ("section", section_rows)):
        for _, series in rows.groupby(SERIES, sort=False):
            top = largest(series)
            rest = series[~series["commodity"].isin(top)]
            if rest.empty:
                continue
            latest = series.loc[series["unit"] == ranking_unit(series["unit"]), "period"].max()
            others.append(_sums(rest.assign(group=OTHER[level]), SUM_METHOD["other"],
                                _other_note(level, latest)))
    groups = pd.concat([section_rows, *others], ignore_index=True)
    shares = _shares(chapters, groups)
    return derived_columns(pd.concat([groups, shares], ignore_index=True))


def _sums(members: pd.DataFrame, method: str, note: Callable[[pd.DataFrame], str]
          ) -> pd.DataFrame:
    """One row per table, year and `group`: the sum of the members' values, with their origins
    and a note naming every term."""
    by = [*TABLE, "group"]
    grouped = members.groupby(by, sort=False, observed=True)
    sums = grouped.agg(
        value=("value", "sum"),
        exact=("qualifier", lambda q: bool((q == "exact").all())),
    ).reset_index()
    parts = [part for _, part in grouped]
    return derived_columns(pd.DataFrame({
        **{c: sums[c] for c in TABLE},
        "indicator": "trade_value",
        "commodity": sums["group"],
        "value": sums["value"],
        "qualifier": sums["exact"].map({True: "exact", False: "approx"}),
        "valuation": sums["flow"].map(VALUATION).fillna(""),
        "source_id": method,
        "derived_from": [origins(*p["source_id"], *p["derived_from"]) for p in parts],
        "note": [note(p) for p in parts],
    }))


def _terms(part: pd.DataFrame, word: str) -> str:
    codes = [c.removeprefix(SECTION) for c in part["commodity"]]
    values = as_shown(part["value"], part["unit"], part["source_id"])
    return " + ".join(f"{word} {c} {v}" for c, v in zip(codes, values, strict=True))


def _section_note(part: pd.DataFrame) -> str:
    return (f"= {_terms(part, 'HS')} (the chapters of this table in HS section "
            f"{part['section'].iloc[0]})")


def _other_note(level: str, latest: str) -> Callable[[pd.DataFrame], str]:
    one, many = LEVEL_WORDS[level]

    def note(part: pd.DataFrame) -> str:
        return (
            f"= {_terms(part, 'HS' if level == 'chapter' else 'section')} (the {len(part)} "
            f"{many if len(part) > 1 else one} of this table outside the {TOP_GROUPS} largest; "
            f"rule: the {TOP_GROUPS} {many} with the largest value in {latest}, the table's "
            "latest year, are shown on their own in every year and all others are summed here)"
        )

    return note


def _shares(chapters: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Each chapter's, section's and group's share of all the chapters of its table and year,
    in the table's ranking currency."""
    units = chapters.groupby(SERIES, sort=False)["unit"].agg(ranking_unit).rename("_ranked")
    ranked = chapters.merge(units.reset_index(), on=SERIES)
    ranked = ranked[ranked["unit"] == ranked["_ranked"]]
    if ranked.empty:
        return derived_columns(pd.DataFrame())
    grouped = ranked.groupby(TABLE, sort=False, observed=True)
    wholes = grouped.agg(_whole=("value", "sum"), _count=("value", "size"),
                         _exact=("qualifier", lambda q: bool((q == "exact").all())))
    wholes["_origins"] = [origins(*p["source_id"], *p["derived_from"]) for _, p in grouped]
    parts = pd.concat([ranked, groups], ignore_index=True)[[*TABLE, "commodity", "value"]]
    shares = parts.merge(wholes.reset_index(), on=TABLE)
    shares = shares[shares["_whole"] > 0]
    if shares.empty:
        return derived_columns(pd.DataFrame())
    counts = [f"all {n} chapter{'s' if n > 1 else ''} of this table" for n in shares["_count"]]
    return derived_columns(pd.DataFrame({
        **{c: shares[c] for c in TABLE if c != "unit"},
        "indicator": "commodity_share",
        "commodity": shares["commodity"],
        "currency": shares["unit"],
        "value": shares["value"] / shares["_whole"] * 100,
        "unit": "pct",
        "qualifier": shares["_exact"].map({True: "exact", False: "approx"}),
        "source_id": SHARE_METHOD,
        "derived_from": shares["_origins"],
        "note": [f"= {v} / {w} ({c})" for v, w, c in zip(
            fmts(shares["value"], shares["unit"]), fmts(shares["_whole"], shares["unit"]),
            counts, strict=True)],
    }))

"""By commodity: HS chapters or sections over time (stacked) or in one year (treemap), from the
statistical APIs' chapter rows; without them, the product figures quoted in the press, which
overlap and do not add up.

The section totals, the "other" groups, the largest groups and every share are the pipeline's
(etl/derive/composition.py): this module selects those rows and names the chapters each holds.
"""

from __future__ import annotations

import pandas as pd

from dashboard.chart import Axes, Chart, Flags
from dashboard.units import display, fmt_value
from dashboard.views import common
from dashboard.views.columns import FLOW_OF, PROVENANCE, SHOWN, VALUE
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.currency import described, in_currency, unconverted
from dashboard.views.explorer.labels import SERIES_NAMES
from dashboard.views.explorer.state import Params
from etl.derive.composition import OTHER, SECTION, largest, section_code

AREA_COLUMNS = ["series", "group", "chapters", *FLOW_OF, "period", "freq", *SHOWN, "share_pct",
                *VALUE, "qualifier", "conversion", *PROVENANCE]
TREEMAP_COLUMNS = ["level", "chapter", "label", "section", "section_label", *FLOW_OF, "period",
                   *SHOWN, "share_pct", *VALUE, "qualifier", "conversion", *PROVENANCE]
PRODUCT_COLUMNS = ["series", "commodity", *FLOW_OF, "period", *SHOWN, *VALUE, "conversion",
                   "qualifier", *PROVENANCE]
KEY = "commodities"
NOT_PUBLISHED = (
    "This snapshot was published before the pipeline computed HS section totals, the other "
    "chapters' total and the shares; the next refresh adds them."
)


def commodity_chart(base: ExplorerBase, p: Params) -> Chart:
    notes: list[str] = []
    chapters = base.chapters[
        (base.chapters["reporter"] == p.reporter) & (base.chapters["flow"] == p.cflow)
    ]
    if chapters.empty:
        others = base.chapters[base.chapters["reporter"] != p.reporter]
        if not others.empty:
            notes.append(
                f"UN Comtrade chapters reported by {common.COUNTRY[others['reporter'].iloc[0]]} "
                "are in this snapshot: switch the reporting country to see them."
            )
        else:
            notes.append(
                "UN Comtrade's HS chapter data is not in this snapshot (the last refresh had no "
                "network), so this shows the product figures quoted from customs releases. They "
                "overlap (crude oil is part of mineral fuels) and do not add up to the total."
            )
        return _products_chart(base, p, notes)
    if p.kind == "treemap":
        return _treemap_chart(chapters, base, p, notes)
    return _area_chart(chapters, base, p, notes)


def _chapter_rows(rows: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
                  ) -> pd.DataFrame:
    return _in_currency(rows, base, p, notes)


def _in_currency(rows: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
                 ) -> pd.DataFrame:
    """The preferred figure of each commodity and period in the chosen currency, described; a
    note on the dollar figures that have none."""
    best = ["commodity", "period"]
    chosen = common.best_rows(in_currency(rows, p.currency), best)
    missing = unconverted(common.best_rows(in_currency(rows, "USD"), best), chosen, base,
                          p.currency)
    if missing:
        notes.append(missing)
    return described(chosen, base)


def _span(rows: pd.DataFrame) -> str:
    years = sorted(set(rows["year"])) if not rows.empty else []
    if not years:
        return "no years"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _none(kind: str, columns: list[str], title: str, what: str, covered: str,
          notes: list[str]) -> Chart:
    """Nothing to draw: which figures are missing, and which years the snapshot has."""
    return common.no_rows(KEY, kind, columns, title,
                          f"No {what} in this snapshot ({covered}).", notes)


def _area_chart(chapters: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
                ) -> Chart:
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    rows = _chapter_rows(common.in_years(chapters, p.start, p.end), base, p, notes)
    if rows.empty:
        return _none("commodity_area", AREA_COLUMNS, f"{flow_name} by HS chapter: no data",
                     f"HS chapter figures for {flow_name.lower()} between {p.start} and {p.end}",
                     f"chapter data covers {_span(chapters)}", notes)
    level = p.level
    published = _series(base.groups, p)
    if published.empty and _series(base.shares, p).empty:
        notes.append(NOT_PUBLISHED)
    groups = common.in_years(published, p.start, p.end)
    if level == "chapter":
        top = largest(chapters)  # the pipeline's rule: the same groups in every year
        shown = rows[rows["commodity"].isin(top)].assign(
            group=lambda f: f["commodity"], series=lambda f: f["short_label"],
            chapters=lambda f: f["commodity"])
        member = rows["commodity"].isin(top)
        top_groups = top
    else:
        sections = groups[groups["commodity"].str.startswith(SECTION)]
        top = largest(published[published["commodity"].str.startswith(SECTION)])
        shown = _group_rows(sections[sections["commodity"].isin(top)], rows, p,
                            [rows["section"].map(section_code) == code for code in top], top)
        member = rows["section"].map(section_code).isin(top)
        top_groups = [code.removeprefix(SECTION) for code in top]
    other = _group_rows(groups[groups["commodity"] == OTHER[level]], rows, p, [~member],
                        [OTHER[level]])
    other = other.assign(group="other", series=f"Other {level}s")
    grouped = pd.concat([shown, other], ignore_index=True)
    if grouped.empty:
        return common.no_rows(KEY, "commodity_area", AREA_COLUMNS,
                              f"{flow_name} by HS section: no section totals",
                              "No HS section totals for these chapters in this snapshot.",
                              notes)
    divisor, unit_label = display(p.currency)
    frame = common.frame_of(
        grouped,
        AREA_COLUMNS,
        reporter=p.reporter,
        partner=common.OTHER_SIDE[p.reporter],
        flow=p.cflow,
        freq="A",
        value_shown=grouped["value"] / divisor,
        unit_shown=unit_label,
        share_pct=_share_of(grouped, base.shares, p),
    )
    frame = common.in_order(frame, "group", [*top_groups, "other"])
    latest = frame[frame["period"] == frame["period"].max()].sort_values("value", ascending=False)
    lead = latest.iloc[0]
    return common.drawn(
        KEY,
        "commodity_area",
        frame,
        f"{lead['series']} {_made_up(lead['share_pct'])} {flow_name} in {lead['period']}",
        axes=Axes(x="Year", y=f"Value ({unit_label})"),
        flags=Flags(annual=True),
        notes=tuple(notes),
        table_columns=("series", "period", "value_shown", "unit_shown", "share_pct", "publisher"),
        documents=base.documents,
    )


def _made_up(share: float, verb: str = "made up") -> str:
    """"made up 93% of", or, where the snapshot has no published share, "was the largest part
    of"."""
    return "was the largest part of" if pd.isna(share) else f"{verb} {share:.0f}% of"


def _series(rows: pd.DataFrame, p: Params) -> pd.DataFrame:
    """One reporter's flow among the pipeline's group rows."""
    return rows[(rows["reporter"] == p.reporter) & (rows["flow"] == p.cflow)]


def _group_rows(groups: pd.DataFrame, chapters: pd.DataFrame, p: Params,
                members: list[pd.Series], codes: list[str]) -> pd.DataFrame:
    """The pipeline's rows of these group `codes` (section totals, "other") in the chosen
    currency, each with the chapters it holds in its year (`members`: which of the `chapters`
    rows belong to each code) and their conversions; `series` and `group` name it."""
    rows = common.best_rows(in_currency(groups, p.currency), ["commodity", "period"])
    if rows.empty:
        return rows.assign(group="", series="", chapters="", conversion="")
    held = {code: chapters[mask] for code, mask in zip(codes, members, strict=True)}
    names = dict(zip(chapters["section"].map(section_code), chapters["section_short"],
                     strict=True))
    return rows.assign(
        group=[c.removeprefix(SECTION) for c in rows["commodity"]],
        series=[names.get(c, c) for c in rows["commodity"]],
        chapters=[_joined(held[c], y, "commodity")
                  for c, y in zip(rows["commodity"], rows["period"], strict=True)],
        conversion=[_joined(held[c], y, "conversion")
                    for c, y in zip(rows["commodity"], rows["period"], strict=True)],
    )


def _joined(rows: pd.DataFrame, period: str, column: str) -> str:
    """The distinct texts of a column among one period's rows, in their order, joined by ";"."""
    values = rows.loc[rows["period"] == period, column]
    return ";".join(dict.fromkeys(common.text(v) for v in values if common.text(v)))


def _share_of(rows: pd.DataFrame, shares: pd.DataFrame, p: Params) -> pd.Series:
    """Each row's share of all the chapters of its year, as the pipeline published it (in the
    table's own currency: a conversion at the year's rate changes no share)."""
    key = ["commodity", "period"]
    published = _series(shares, p)[[*key, "value"]].drop_duplicates(subset=key)
    found = rows[key].merge(published, on=key, how="left")["value"]
    return found.reset_index(drop=True)


def _treemap_chart(chapters: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
                   ) -> Chart:
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    rows = _chapter_rows(chapters[chapters["period"] == str(p.year)], base, p, notes)
    if rows.empty:
        return _none("treemap", TREEMAP_COLUMNS, f"{flow_name} by HS chapter in {p.year}: no data",
                     f"HS chapter figures for {flow_name.lower()} in {p.year}",
                     f"chapter data covers {_span(chapters)}", notes)
    rows = rows[rows["value"] > 0].sort_values("value", ascending=False, kind="mergesort")
    rows = rows.reset_index(drop=True)
    # the sections' boxes are the pipeline's section totals, in the order their largest
    # chapters come (plotly draws them as given: branchvalues "total")
    order = [section_code(s) for s in dict.fromkeys(rows["section"])]
    totals = _series(base.groups, p)
    totals = totals[(totals["period"] == str(p.year)) & totals["commodity"].isin(order)]
    sections = _group_rows(totals, rows, p,
                           [rows["section"].map(section_code) == c for c in order], order)
    sections = common.in_order(sections[sections["value"] > 0], "commodity", order)
    sections = sections.assign(
        level="section", chapter="", section=sections["group"],
        label=[f"HS section {g}" for g in sections["group"]], section_short=sections["series"])
    both = pd.concat([rows.assign(level="chapter", chapter=rows["commodity"],
                                  label=rows["short_label"]), sections], ignore_index=True)
    divisor, unit_label = display(p.currency)
    frame = common.frame_of(
        both,
        TREEMAP_COLUMNS,
        section_label=both["section_short"],
        value_shown=both["value"] / divisor,
        unit_shown=unit_label,
        share_pct=_share_of(both, base.shares, p),
    )
    by_section = frame[frame["level"] == "section"]
    if sections.empty:
        notes.append(NOT_PUBLISHED)
    if p.level == "section" and not by_section.empty:
        lead = by_section.sort_values("share_pct", ascending=False, kind="mergesort").iloc[0]
        title = f"{lead['section_label']} {_made_up(lead['share_pct'])} {flow_name} in {p.year}"
    else:
        lead = frame.iloc[0]
        title = (f"{lead['label']} (HS {lead['chapter']}) {_made_up(lead['share_pct'], 'was')} "
                 f"{flow_name} in {p.year}")
    return common.drawn(
        KEY,
        "treemap",
        frame,
        title,
        flags=Flags(sections=p.level == "section"),
        notes=tuple(notes),
        table_columns=("chapter", "label", "section_label", "value_shown", "unit_shown",
                       "share_pct"),
        documents=base.documents,
    )


def _products_chart(base: ExplorerBase, p: Params, notes: list[str]) -> Chart:
    products = base.products[
        (base.products["reporter"] == p.reporter) & (base.products["flow"] == p.cflow)
    ]
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    rows = _in_currency(products[products["period"] == str(p.year)], base, p, notes)
    if p.kind == "treemap" or p.level == "section":
        notes.append(
            "Treemaps and HS sections need complete chapter data; the quoted products are "
            "shown as bars instead."
        )
    if rows.empty:
        return _none("products", PRODUCT_COLUMNS, f"{flow_name}: no product figures",
                     f"product figures for {flow_name.lower()} in {p.year}",
                     f"products are quoted for {_span(products)}", notes)
    divisor, unit_label = display(p.currency)
    frame = common.frame_of(
        rows,
        PRODUCT_COLUMNS,
        series=[base.product_labels.get(c, f"HS {c}") for c in rows["commodity"]],
        value_shown=rows["value"] / divisor,
        unit_shown=unit_label,
        value=rows["value"],
        unit=rows["unit"],
    ).sort_values("value", ascending=False)
    lead = frame.iloc[0]
    return common.drawn(
        KEY,
        "products",
        frame,
        f"{lead['series']}: {fmt_value(lead['value_shown'], lead['unit_shown'])} of "
        f"{flow_name} in {p.year} (products as quoted; they overlap)",
        axes=Axes(x=f"Value ({unit_label})"),
        notes=tuple(notes),
        table_columns=("series", "period", "value_shown", "unit_shown", "publisher",
                       "date_published"),
        documents=base.documents,
    )

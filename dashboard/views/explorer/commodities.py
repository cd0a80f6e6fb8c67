"""By commodity: HS chapters or sections over time (stacked) or in one year (treemap), from the
statistical APIs' chapter rows; without them, the product figures quoted in the press, which
overlap and do not add up."""

from __future__ import annotations

import pandas as pd

from dashboard.chart import Axes, Chart, Flags
from dashboard.units import display, fmt_value
from dashboard.views import arithmetic, common
from dashboard.views.columns import FLOW_OF, PROVENANCE, SHOWN, SOURCED, VALUE
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.currency import described, in_currency, unconverted
from dashboard.views.explorer.labels import SERIES_NAMES
from dashboard.views.explorer.state import Params

TOP_GROUPS = 8
AREA_COLUMNS = ["series", "group", "chapters", *FLOW_OF, "period", "freq", *SHOWN, "share_pct",
                *VALUE, "conversion", *SOURCED]
TREEMAP_COLUMNS = ["chapter", "label", "section", "section_label", *FLOW_OF, "period", *SHOWN,
                   "share_pct", *VALUE, "conversion", *SOURCED]
PRODUCT_COLUMNS = ["series", "commodity", *FLOW_OF, "period", *SHOWN, *VALUE, "conversion",
                   "qualifier", *PROVENANCE]
KEY = "commodities"


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
    by_chapter = p.level == "chapter"
    grouped, top = arithmetic.chapter_groups(
        rows,
        key="commodity" if by_chapter else "section",
        name="short_label" if by_chapter else "section_short",
        top_n=TOP_GROUPS,
        other=f"Other {'chapters' if by_chapter else 'sections'}",
    )
    divisor, unit_label = display(p.currency)
    frame = common.frame_of(
        grouped,
        AREA_COLUMNS,
        series=grouped["group_name"],
        reporter=p.reporter,
        partner=common.OTHER_SIDE[p.reporter],
        flow=p.cflow,
        freq="A",
        value_shown=grouped["value"] / divisor,
        unit_shown=unit_label,
        share_pct=arithmetic.shares(
            grouped["value"], grouped.groupby("period")["value"].transform("sum")
        ),
        value=grouped["value"],
        unit=p.currency,
    )
    frame = common.in_order(frame, "group", [*top, "other"])
    latest = frame[frame["period"] == frame["period"].max()].sort_values("value", ascending=False)
    lead = latest.iloc[0]
    return common.drawn(
        KEY,
        "commodity_area",
        frame,
        f"{lead['series']} made up {lead['share_pct']:.0f}% of {flow_name} in {lead['period']}",
        axes=Axes(x="Year", y=f"Value ({unit_label})"),
        flags=Flags(annual=True),
        notes=tuple(notes),
        table_columns=("series", "period", "value_shown", "unit_shown", "share_pct", "publisher"),
        documents=base.documents,
    )


def _treemap_chart(chapters: pd.DataFrame, base: ExplorerBase, p: Params, notes: list[str]
                   ) -> Chart:
    flow_name = SERIES_NAMES[(p.reporter, p.cflow)]
    rows = _chapter_rows(chapters[chapters["period"] == str(p.year)], base, p, notes)
    if rows.empty:
        return _none("treemap", TREEMAP_COLUMNS, f"{flow_name} by HS chapter in {p.year}: no data",
                     f"HS chapter figures for {flow_name.lower()} in {p.year}",
                     f"chapter data covers {_span(chapters)}", notes)
    rows = rows[rows["value"] > 0].reset_index(drop=True)
    divisor, unit_label = display(p.currency)
    frame = common.frame_of(
        rows,
        TREEMAP_COLUMNS,
        chapter=rows["commodity"],
        label=rows["short_label"],
        section_label=rows["section_short"],
        value_shown=rows["value"] / divisor,
        unit_shown=unit_label,
        share_pct=arithmetic.shares(rows["value"], rows["value"].sum()),
        value=rows["value"],
        unit=rows["unit"],
    ).sort_values("value", ascending=False)
    lead = frame.iloc[0]
    if p.level == "section":
        by_section = frame.groupby("section_label")["share_pct"].sum().sort_values(
            ascending=False)
        title = (
            f"{by_section.index[0]} made up {by_section.iloc[0]:.0f}% of {flow_name} in {p.year}"
        )
    else:
        title = (
            f"{lead['label']} (HS {lead['chapter']}) was {lead['share_pct']:.0f}% of "
            f"{flow_name} in {p.year}"
        )
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

"""Compare sources: one flow of goods as each side and each publisher reports it (China- against
Russia-reported "mirror" figures; customs releases against UN Comtrade and the IMF), with the
gap to China's own customs figure in value and per cent: the pipeline's source_gap and
mirror_gap rows (etl/derive/gaps.py), selected here, never computed."""

from __future__ import annotations

import pandas as pd

from dashboard.chart import Axes, Chart, Flags, Marker
from dashboard.units import display
from dashboard.views import common
from dashboard.views.columns import FLOW_OF, PROVENANCE, SHOWN, VALUE
from dashboard.views.explorer.base import ExplorerBase
from dashboard.views.explorer.labels import (
    FAMILY_NAMES,
    FAMILY_TITLE,
    PAIR_SIDES,
    PAIRS,
    SERIES_NAMES,
    VALUATION,
)
from dashboard.views.explorer.state import Params
from etl.derive.gaps import gap_method

COMPARE_COLUMNS = ["series", "side", "source_family", *FLOW_OF, "valuation", "period", "freq",
                   "period_label", *SHOWN, "reference_series", "reference_value_shown",
                   "gap_value_shown", "gap_pct", *VALUE, "qualifier", *PROVENANCE]
SIDES = {"CHN": "China-reported", "RUS": "Russia-reported"}
GAPS_NOT_PUBLISHED = (
    "This snapshot was published before the pipeline measured the gaps between sources; the "
    "next refresh adds them."
)
WHY_THEY_DIFFER = (
    "Why the figures differ: each customs service values its exports free on board (FOB) "
    "and its imports including cost, insurance and freight (CIF), so one side's imports "
    "normally exceed the other side's exports; goods in transit at the turn of a period "
    "are counted in different months; re-exports and the country of origin are recorded "
    "differently; and revisions arrive at different times."
)


def compare_name(reporter: str, flow: str, family: str) -> str:
    return f"{SERIES_NAMES[(reporter, flow)]} — {FAMILY_NAMES[family]}"


def compare_chart(base: ExplorerBase, p: Params) -> Chart:
    """The same flow as each side and each publisher reports it, and the gap to China's own
    customs figures (the reference)."""
    sides = PAIR_SIDES[p.pair]
    trade = base.trade
    wanted = pd.Series(False, index=trade.index)
    for reporter, flow in sides:
        wanted |= (trade["reporter"] == reporter) & (trade["flow"] == flow)
    rows = trade[
        wanted
        & (trade["commodity"] == "TOTAL")
        & (trade["freq"] == p.freq)
        & (trade["unit"] == "USD")
        & (trade["family"] != "derived")
    ]
    rows = common.in_years(rows, p.start, p.end)
    rows = common.best_rows(rows, ["reporter", "family", "period"]).reset_index(drop=True)
    divisor, unit_label = display("USD")
    frame = pd.DataFrame(columns=COMPARE_COLUMNS)
    if not rows.empty:
        is_reference = (rows["reporter"] == sides[0][0]) & (rows["family"] == "press")
        reference = rows[is_reference].set_index("period")["value"]
        gap, gap_pct = _gaps(rows, base.gaps, is_reference)
        names = [
            compare_name(r, f, fam)
            for r, f, fam in zip(rows["reporter"], rows["flow"], rows["family"], strict=True)
        ]
        frame = common.frame_of(
            rows,
            COMPARE_COLUMNS,
            series=names,
            side=rows["reporter"].map(SIDES),
            source_family=rows["family"].map(FAMILY_NAMES),
            valuation=rows["valuation"].where(rows["valuation"] != "", rows["flow"].map(VALUATION)),
            period_label=[common.period_label(x, p.freq) for x in rows["period"]],
            value_shown=rows["value"] / divisor,
            unit_shown=unit_label,
            reference_series=compare_name(sides[0][0], sides[0][1], "press"),
            reference_value_shown=rows["period"].map(reference).where(~is_reference) / divisor,
            gap_value_shown=gap / divisor,
            gap_pct=gap_pct,
        )
        families = ("press", "comtrade", "imf")
        order = [compare_name(r, f, fam) for (r, f) in sides for fam in families]
        frame = common.in_order(frame, "series", order)
    freq_word = "monthly" if p.freq == "M" else "annual"
    empty = (
        f"No {freq_word} figures for {PAIRS[p.pair].lower()} from either side between {p.start} "
        f"and {p.end} in this snapshot."
        if frame.empty
        else ""
    )
    notes = [WHY_THEY_DIFFER]
    event = base.fcs_event
    if event:
        notes.append(
            f"Since {event.date} Russia's customs service no longer publishes detailed trade "
            f"statistics ({event.publisher}, {event.date_published}), so Russia-reported "
            "figures after early 2022 come from officials' statements, the IMF's estimates or "
            "partner (mirror) data."
        )
    unmeasured = base.gaps.empty and not frame.empty and frame["series"].nunique() > 1
    if unmeasured:
        notes.append(GAPS_NOT_PUBLISHED)
    if not frame.empty and frame["side"].nunique() < 2:
        other = (
            common.COUNTRY[sides[1][0]]
            if frame["reporter"].iloc[0] == sides[0][0]
            else common.COUNTRY[sides[0][0]]
        )
        notes.append(f"No {other}-reported figures for this flow and period in this snapshot.")
    frame = frame.reset_index(drop=True)
    return common.drawn(
        "sources",
        "source_comparison",
        frame,
        _compare_title(frame, p, unmeasured),
        unit=unit_label,
        axes=Axes(y=unit_label, y2="Gap vs China (%)"),
        markers=(Marker(event.date, "Russia's customs stops publishing", inside_only=True),)
        if event
        else (),
        flags=Flags(annual=p.freq == "A"),
        empty=empty,
        notes=tuple(notes),
        table_columns=("series", "period_label", "value_shown", "gap_value_shown", "gap_pct",
                       "valuation", "publisher", "date_published"),
        documents=base.documents,
    )


def _gaps(rows: pd.DataFrame, gaps: pd.DataFrame, is_reference: pd.Series
          ) -> tuple[pd.Series, pd.Series]:
    """Each row's published gap to China's customs figure (US dollars, per cent); blank for the
    reference itself and where the pipeline compared nothing (a bound, or no customs figure)."""
    key = ["reporter", "partner", "flow", "period", "freq", "source_id"]
    wanted = rows.assign(source_id=[
        gap_method(r, f) if f in ("press", "comtrade", "imf") else ""
        for r, f in zip(rows["reporter"], rows["family"], strict=True)
    ])[key]
    found = []
    for unit in ("USD", "pct"):
        published = gaps.loc[gaps["unit"] == unit, [*key, "value"]].drop_duplicates(subset=key)
        value = wanted.merge(published, on=key, how="left")["value"]
        found.append(value.where(~is_reference.to_numpy()).reset_index(drop=True))
    return found[0], found[1]


def _compare_title(frame: pd.DataFrame, p: Params, unmeasured: bool) -> str:
    if frame.empty:
        return f"{PAIRS[p.pair]}: no figures to compare"
    if unmeasured:
        return f"{PAIRS[p.pair]}: each source's figure (gaps not in this snapshot)"
    gaps = frame[frame["gap_pct"].notna()]
    if gaps.empty:
        return f"{PAIRS[p.pair]}: only one source covers each period shown"
    latest = gaps.iloc[-1]
    direction = "above" if latest["gap_pct"] > 0 else "below"
    who = "Russia's figure" if latest["reporter"] == "RUS" else "China's figure"
    family = next(k for k, v in FAMILY_NAMES.items() if v == latest["source_family"])
    return (
        f"{PAIRS[p.pair]}, {latest['period_label']}: {who} ({FAMILY_TITLE[family]}) was "
        f"{abs(latest['gap_pct']):.1f}% {direction} China's customs release"
    )

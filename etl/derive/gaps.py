"""Gaps between sources for one flow of goods: each publisher's figure against China's customs
figure as reported (the explorer's reference: China publishes every month, Russia stopped in
2022), in value and in per cent.

Two kinds, by who reports the compared figure:
- `source_gap`: the same measure from another publisher (press against official): UN
  Comtrade's or the IMF's figure for China's exports to Russia (imports, total trade) minus the
  customs figure the press reported;
- `mirror_gap`: the other side of the same flow of goods: Russia's imports from China as
  Russia's customs, UN Comtrade or the IMF report them, minus China's exports to Russia as
  China's customs reported them (and so on for the other flow and the total). Exports are valued
  free on board and imports with cost, insurance and freight, so part of a mirror gap is
  expected; the note names both valuations.

Each comparison is two rows: unit USD (the difference) and unit pct (the difference over the
reference). For each flow, period and family of publisher (etl/derive/families.py) the
preferred figure is compared (single months from year-to-date releases count as the release's
own); a bound ("more than") is never compared. The method id names the compared family:
`derived-source-gap-comtrade`, `derived-mirror-gap-customs`, ...
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_columns, fmts, origins_of, preferred
from etl.derive.families import COMTRADE, IMF, PRESS, families

REFERENCE = ("CHN", PRESS)  # China-reported, the customs figure as reported
PARTNER = {"CHN": "RUS", "RUS": "CHN"}
MIRROR_FLOW = {"export": "import", "import": "export", "total": "total"}
COMPARED = (PRESS, COMTRADE, IMF)
FAMILY_SLUG = {PRESS: "customs", COMTRADE: "comtrade", IMF: "imf"}
FAMILY_WORDS = {PRESS: "customs figure as reported", COMTRADE: "UN Comtrade", IMF: "IMF (IMTS)"}
COUNTRY = {"CHN": "China", "RUS": "Russia"}
FLOW_WORDS = {"export": "exports to", "import": "imports from", "total": "trade with"}
VALUATION = {"export": "FOB", "import": "CIF", "total": "FOB+CIF"}
BOUNDS = ("lower_bound", "upper_bound")
SERIES = ["reporter", "partner", "flow", "family", "period", "freq"]
CARRY = ["value", "qualifier", "valuation", "source_id", "derived_from"]


def gap_method(reporter: str, family: str) -> str:
    """The method id of the gap of a figure reported by `reporter`, from `family`, against
    China's customs figure as reported."""
    kind = "source" if reporter == REFERENCE[0] else "mirror"
    return f"derived-{kind}-gap-{FAMILY_SLUG[family]}"


def _candidates(values: pd.DataFrame) -> pd.DataFrame:
    rows = values[(values["indicator"] == "trade_value") & (values["commodity"] == "TOTAL")
                  & (values["unit"] == "USD") & values["freq"].isin(["A", "M"])
                  & ~values["cumulative"] & values["flow"].isin(list(MIRROR_FLOW))
                  & values["reporter"].isin(list(PARTNER)) & values["value"].notna()]
    rows = rows[(rows["partner"] == rows["reporter"].map(PARTNER)).to_numpy()]
    rows = rows.assign(family=families(rows).to_numpy())
    return rows[rows["family"].isin(COMPARED)]


def source_gaps(values: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """`values`: trade_value rows (reported and derived). Returns source_gap and mirror_gap
    rows."""
    series = preferred(_candidates(values), SERIES, published)
    if series.empty:
        return derived_columns(pd.DataFrame())
    series = series[[*SERIES, *CARRY]]
    is_reference = (series["reporter"] == REFERENCE[0]) & (series["family"] == REFERENCE[1])
    reference = series[is_reference].drop(columns=["reporter", "partner", "family"])
    compared = series[~is_reference]
    compared = compared.assign(_flow=compared["flow"].where(
        compared["reporter"] == REFERENCE[0], compared["flow"].map(MIRROR_FLOW)))
    pairs = compared.merge(reference.rename(columns={"flow": "_flow"}),
                           on=["_flow", "period", "freq"], suffixes=("", "_r"))
    pairs = pairs[~pairs["qualifier"].isin(BOUNDS) & ~pairs["qualifier_r"].isin(BOUNDS)
                  & (pairs["value_r"] > 0)]
    if pairs.empty:
        return derived_columns(pd.DataFrame())
    gap = pairs["value"] - pairs["value_r"]
    own = pairs["reporter"] == REFERENCE[0]
    base = {
        **{c: pairs[c] for c in ("reporter", "partner", "flow", "period", "freq")},
        "indicator": own.map({True: "source_gap", False: "mirror_gap"}),
        "commodity": "TOTAL",
        "currency": "USD",
        "qualifier": [
            "exact" if a == b == "exact" else "approx"
            for a, b in zip(pairs["qualifier"], pairs["qualifier_r"], strict=True)
        ],
        "source_id": [gap_method(r, f) for r, f in zip(pairs["reporter"], pairs["family"],
                                                       strict=True)],
        "derived_from": origins_of(pairs["source_id"], pairs["derived_from"],
                                   pairs["source_id_r"], pairs["derived_from_r"]),
    }
    compared_words = [_words(r, f, fam, v) for r, f, fam, v in zip(
        pairs["reporter"], pairs["flow"], pairs["family"], pairs["valuation"], strict=True)]
    reference_words = [_words(REFERENCE[0], f, REFERENCE[1], v) for f, v in zip(
        pairs["_flow"], pairs["valuation_r"], strict=True)]
    shown, shown_r, shown_gap = (fmts(pairs["value"], "USD"), fmts(pairs["value_r"], "USD"),
                                 fmts(gap, "USD"))
    absolute = pd.DataFrame({**base, "value": gap, "unit": "USD", "note": [
        f"= {c}: {v} − {r}: {w}" for c, v, r, w in zip(
            compared_words, shown, reference_words, shown_r, strict=True)]})
    relative = pd.DataFrame({**base, "value": gap / pairs["value_r"] * 100, "unit": "pct",
                             "note": [f"= {g} / {w}: {c} against {r}" for g, w, c, r in zip(
                                 shown_gap, shown_r, compared_words, reference_words,
                                 strict=True)]})
    return derived_columns(pd.concat([absolute, relative], ignore_index=True))


def _words(reporter: str, flow: str, family: str, valuation: str) -> str:
    """"Russia's imports from China, UN Comtrade (CIF)"."""
    return (f"{COUNTRY[reporter]}'s {FLOW_WORDS[flow]} {COUNTRY[PARTNER[reporter]]}, "
            f"{FAMILY_WORDS[family]} ({valuation or VALUATION[flow]})")

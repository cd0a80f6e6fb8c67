"""Officials' statements on the currencies of Russia–China payments, against the nearest share the
statistics publish.

Officials state shares for Russia–China payments ("95% in roubles and yuan"); the Bank of
Russia publishes the currency structure of all of Russia's payments (partner WLD), for exports
(payments received) and imports (payments made) separately, not for China alone. So each
statement with a figure is set beside, for each flow, the published all-partner share of the
same currency (RUB+CNY: given, or the sum of its parts, etl/derive/settlement.py) nearest to it
in time, within COMPARE_WITHIN_MONTHS months (the preferred figure of each period; the first
in order of preference when two are as near). `settlement_gap` rows publish the difference in
percentage points; the comparison is not like for like and the note says so.

`statement_comparisons` is the one place this pairing is decided: the derive step publishes its
gaps, and the currencies page shows which figure each statement was compared with.
"""

from __future__ import annotations

import pandas as pd

from etl.derive.common import derived_columns, origins, preference_order
from etl.periods import end_month, label, year_of

COMPARE_WITHIN_MONTHS = 12
FLOWS = ("export", "import")
STATEMENT_KEY = ["reporter", "partner", "commodity", "currency", "period", "freq", "cumulative"]
REFERENCE = ["period", "freq", "value", "qualifier", "source_id", "derived_from"]
NO_NEARBY = "no all-partner figure within a year"
METHOD = "derived-settlement-gap"
FLOW_WORDS = {"export": "Russia's exports (payments received)",
              "import": "Russia's imports (payments made)"}


def month_index(period: str, freq: str) -> float:
    """A period's middle as a month count, to measure how far apart two figures are."""
    if freq == "D":
        return year_of(period) * 12 + int(period[5:7]) - 0.5
    span = {"A": 12, "H": 6, "Q": 3, "M": 1}[freq]
    return year_of(period) * 12 + end_month(period, freq) - span / 2


def statement_comparisons(shares: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """`shares`: settlement_share rows (given and derived). One row per statement with a figure
    and per flow: the statement's key, `flow` (the compared flow), `statement_value`, its
    `statement_qualifier`, `statement_source_id`, `speaker`, and the figure compared with
    (`ref_` + period, freq, value, qualifier, source_id, derived_from; empty where there is
    none) and `compared_with` ("" when compared, NO_NEARBY when the nearest is further than
    COMPARE_WITHIN_MONTHS, "none" when no all-partner share of the currency is published)."""
    said = shares[(shares["speaker"] != "") & (shares["partner"] == "CHN")
                  & shares["value"].notna()]
    # the key of a gap row holds one statement: of two for the same period, the preferred one
    said = preference_order(said, published).drop_duplicates(subset=STATEMENT_KEY)
    published_shares = shares[(shares["speaker"] == "") & (shares["partner"] == "WLD")
                              & (shares["unit"] == "pct") & shares["value"].notna()]
    references = preference_order(published_shares, published).drop_duplicates(
        subset=["currency", "flow", "period", "freq"])
    # each currency's and flow's published shares, with their periods' middles, best first
    by_kind = {
        key: (group, [month_index(p, f) for p, f in zip(group["period"], group["freq"],
                                                         strict=True)])
        for key, group in references.groupby(["currency", "flow"], sort=False)
    }
    rows = []
    for statement in said.to_dict("records"):
        when = month_index(statement["period"], statement["freq"])
        for flow in FLOWS:
            found, middles = by_kind.get((statement["currency"], flow), (None, []))
            row = {**{k: statement[k] for k in STATEMENT_KEY}, "flow": flow,
                   "statement_value": statement["value"],
                   "statement_qualifier": statement["qualifier"],
                   "statement_source_id": statement["source_id"],
                   "speaker": statement["speaker"],
                   **{f"ref_{c}": "" for c in REFERENCE}, "ref_value": float("nan"),
                   "compared_with": "none" if found is None else NO_NEARBY}
            if found is not None:
                distance = [abs(m - when) for m in middles]
                best = min(range(len(distance)), key=distance.__getitem__)
                if distance[best] <= COMPARE_WITHIN_MONTHS:
                    nearest = found.iloc[best]
                    row.update({f"ref_{c}": nearest[c] for c in REFERENCE}, compared_with="")
            rows.append(row)
    columns = [*STATEMENT_KEY, "flow", "statement_value", "statement_qualifier",
               "statement_source_id", "speaker", *[f"ref_{c}" for c in REFERENCE],
               "compared_with"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["ref_value"] = frame["ref_value"].astype("float64")
    return frame


def settlement_gaps(shares: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    """settlement_gap rows: each statement minus the share it is compared with, in points."""
    pairs = statement_comparisons(shares, published)
    pairs = pairs[pairs["compared_with"] == ""]
    if pairs.empty:
        return derived_columns(pd.DataFrame())
    exact_reference = pairs["ref_qualifier"] == "exact"
    return derived_columns(pd.DataFrame({
        **{k: pairs[k] for k in STATEMENT_KEY},
        "indicator": "settlement_gap",
        "flow": pairs["flow"],
        "value": pairs["statement_value"] - pairs["ref_value"],
        "unit": "pp",
        # a bound stays a bound against an exact figure ("more than 90%" is more than N points)
        "qualifier": pairs["statement_qualifier"].where(exact_reference, "approx"),
        "source_id": METHOD,
        "derived_from": [origins(s, r, d) for s, r, d in zip(
            pairs["statement_source_id"], pairs["ref_source_id"], pairs["ref_derived_from"],
            strict=True)],
        "speaker": pairs["speaker"],
        "note": [_note(r) for r in pairs.to_dict("records")],
    }))


def _note(pair: dict) -> str:
    said = label(pair["period"], pair["freq"], bool(pair["cumulative"]))
    when = label(pair["ref_period"], pair["ref_freq"])
    source = pair["ref_source_id"]
    if source.startswith("derived-"):  # a sum of one release's shares: cite the release
        source = f"{pair['ref_derived_from']} via {source}"
    return (
        f"= {pair['statement_value']:g}% ({pair['speaker']}, {said}) − "
        f"{pair['ref_value']:g}% ({pair['currency']} share of all of Russia's payments, "
        f"{FLOW_WORDS[pair['flow']]}, {when}; {source}): a statement about Russia–China "
        "payments against the share of all partners, not like for like"
    )

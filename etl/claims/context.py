"""What every rule is given: the snapshot's tables as of the article's date, and how to cite a row.

Every rule judges a claim as of the article's date: the reference period is the last full
calendar year before it. Data for later periods is reported as "since then" and does not change
the verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from etl.vocabulary import standard


@dataclass(frozen=True)
class Context:
    obs: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame  # indexed by source_id
    as_of: date
    names: dict[str, str] = field(default_factory=dict)

    @property
    def reference_year(self) -> int:
        return self.as_of.year - 1

    @property
    def published(self) -> dict[str, str]:
        return self.sources["date_published"].to_dict()

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def source(self, source_id: str) -> pd.Series | None:
        return self.sources.loc[source_id] if source_id in self.sources.index else None

    @cached_property
    def tier_table(self) -> dict[str, str]:
        """source_id -> tier (empty when the sources table has no tier column)."""
        if "tier" not in self.sources.columns:
            return {}
        return self.sources["tier"].to_dict()

    def tier(self, row: pd.Series) -> str:
        """The tier of the evidence behind a row: its source's tier; for a figure computed by
        the pipeline, the weakest tier among the documents it was computed from."""
        return evidence_tier(self.tier_table, str(row["source_id"]),
                             str(row.get("derived_from") or ""), computed(row))

    def cite(self, row: pd.Series) -> str:
        """'TASS, 2026-01-14' or, for a computed figure, the document it was computed from."""
        sid = row["source_id"]
        if computed(row):
            inputs = [s for s in str(row["derived_from"]).split(";") if s]
            named = [self.cite(pd.Series({"source_id": s})) for s in inputs[:2]]
            return "computed from " + " and ".join(named) + (" and others" if inputs[2:] else "")
        source = self.source(sid)
        if source is None:
            return sid
        when = source["date_published"]
        return f"{source['publisher']}{', ' + when if when else ''}"


def needs(*params: str) -> Callable:
    """Declare the params a rule requires (checked when data/claims.yaml is loaded)."""

    def mark(rule: Callable) -> Callable:
        rule.required_params = list(params)
        return rule

    return mark


def computed(row: pd.Series) -> bool:
    """A figure computed from others (by the pipeline or, for curated rows, by the research
    pack), with the documents it was computed from."""
    sid = str(row["source_id"])
    return bool(row.get("derived_from")) and (
        sid.startswith("derived-") or row.get("status") == "derived")


def evidence_tier(tiers: dict[str, str], source_id: str, derived_from: str,
                  is_computed: bool) -> str:
    """A row's tier from a source_id -> tier table: its source's, or for a computed figure the
    weakest among the documents it was computed from (the pipeline's own methods, such as a
    rate it computed, have no tier and are passed over)."""
    if not is_computed:
        return str(tiers.get(source_id, "") or "")
    found = [str(tiers.get(s, "") or "") for s in derived_from.split(";") if s]
    found = [t for t in found if t]
    return max(found, key=tier_rank) if found else ""


def converted(source_id: str, derived_from: str) -> bool:
    """A figure the pipeline converted between currencies (or computed from such a figure): an
    estimate at an average rate, never better evidence than a figure stated in that currency."""
    return CONVERSION in (source_id, *derived_from.split(";"))


CONVERSION = "derived-currency-conversion"


def tier_rank(tier: str) -> int:
    """0 for official statistics ... 3 for reprints; unknown tiers rank last."""
    return standard().ranks("tier").get(tier, 9)

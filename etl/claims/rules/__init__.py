"""The rules that turn data into verdicts: the RULES registry is the single dispatch point.

One function per kind of statement, in one module per family (ranks, shares, growth,
statements, events); each takes the claim's Context and its params from data/claims.yaml and
returns an Outcome whose explanation is written from the numbers it found, never typed in.
Evidence is chosen by etl/claims/evidence.py (best tier first), sentences by
etl/claims/wording.py. To add a rule: write it in the family module it belongs to (or a new
one), declare its required params with @needs(...) (etl/claims/context.py), and register it
below, one line; data/claims.yaml can then use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from etl.claims.context import Context
from etl.claims.model import Outcome
from etl.claims.rules.events import count_threshold, event_actor, event_dates, event_when
from etl.claims.rules.growth import growth_over_years
from etl.claims.rules.ranks import partner_rank
from etl.claims.rules.shares import composition_share
from etl.claims.rules.statements import attributed_statement, not_checkable

Rule = Callable[[Context, dict[str, Any]], Outcome]

RULES: dict[str, Rule] = {
    "partner_rank": partner_rank,
    "attributed_statement": attributed_statement,
    "composition_share": composition_share,
    "growth_over_years": growth_over_years,
    "count_threshold": count_threshold,
    "event_dates": event_dates,
    "event_when": event_when,
    "event_actor": event_actor,
    "not_checkable": not_checkable,
}



def required_params(rule: str) -> list[str]:
    """The params a registered rule declares with @needs (none if it declares nothing)."""
    return list(getattr(RULES[rule], "required_params", []))


__all__ = [
    "RULES",
    "Context",
    "Rule",
    "attributed_statement",
    "composition_share",
    "count_threshold",
    "event_actor",
    "event_dates",
    "event_when",
    "growth_over_years",
    "not_checkable",
    "partner_rank",
    "required_params",
]

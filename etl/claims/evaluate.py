"""Evaluate every claim against a set of tables: the claims table and the evidence table."""

from __future__ import annotations

import json

import pandas as pd

from etl.claims.context import Context
from etl.claims.model import EVIDENCE_COLUMNS, VERDICTS, Article, Claim
from etl.claims.rules import RULES
from etl.claims.wording import first_sentence
from etl.errors import ClaimsError

CLAIM_COLUMNS = [
    "claim_id",
    "position",
    "paragraph",
    "topic",
    "quote",
    "speaker",
    "rule",
    "verdict",
    "verdict_label",
    "explanation",
    "reason",
    "convention",
    "convention_used",
    "caveats",
    "alternatives",
    "chart",
    "headline",
    "chart_params",
    "source_ids",
    "as_of",
]


def evaluate_claims(
    article: Article,
    claims: list[Claim],
    observations: pd.DataFrame,
    events: pd.DataFrame,
    sources: pd.DataFrame,
    names: dict[str, str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    ctx = Context(
        obs=observations,
        events=events,
        sources=sources.set_index("source_id"),
        as_of=article.published,
        names=names,
    )
    rows, evidence_parts = [], []
    for position, claim in enumerate(claims, start=1):
        try:
            outcome = RULES[claim.rule](ctx, claim.params)
        except (KeyError, ValueError, TypeError) as exc:
            raise ClaimsError(
                f"claim {claim.id!r} (rule {claim.rule}) could not be evaluated: "
                f"{type(exc).__name__}: {exc}; check its params in the claims "
                "file"
            ) from exc
        if outcome.verdict not in VERDICTS:
            raise ClaimsError(
                f"claim {claim.id!r}: rule returned unknown verdict {outcome.verdict!r}"
            )
        ev = outcome.evidence.assign(claim_id=claim.id)[EVIDENCE_COLUMNS]
        evidence_parts.append(ev)
        used = [s for s in dict.fromkeys(ev["source_id"]) if s]
        for derived in ev["derived_from"]:
            used += [s for s in str(derived).split(";") if s and s not in used]
        rows.append(
            {
                "claim_id": claim.id,
                "position": position,
                "paragraph": claim.paragraph,
                "topic": claim.topic,
                "quote": claim.quote,
                "speaker": claim.speaker,
                "rule": claim.rule,
                "verdict": outcome.verdict,
                "verdict_label": VERDICTS[outcome.verdict],
                "explanation": outcome.explanation,
                "reason": first_sentence(outcome.explanation),
                "convention": claim.convention,
                "convention_used": outcome.convention_used,
                "caveats": json.dumps(outcome.caveats, ensure_ascii=False),
                "alternatives": json.dumps(outcome.alternatives, ensure_ascii=False),
                "chart": outcome.chart,
                "headline": outcome.headline or claim.quote,
                "chart_params": json.dumps(outcome.chart_params),
                "source_ids": ";".join(used),
                "as_of": article.published.isoformat(),
            }
        )
    claims_table = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    evidence = (
        pd.concat(evidence_parts, ignore_index=True)
        if evidence_parts
        else pd.DataFrame(columns=EVIDENCE_COLUMNS)
    )
    evidence["cumulative"] = evidence["cumulative"].astype(bool)
    evidence["value"] = evidence["value"].astype("float64")
    return claims_table, evidence

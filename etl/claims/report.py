"""The claims of the current snapshot as plain data, for the CLI and the dashboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from etl.errors import EtlError
from etl.store import read_table, serving_version

EVIDENCE_FIELDS = [
    "role",
    "indicator",
    "reporter",
    "partner",
    "flow",
    "commodity",
    "currency",
    "period",
    "label",
    "freq",
    "cumulative",
    "value",
    "unit",
    "qualifier",
    "basis",
    "status",
    "source_id",
    "derived_from",
    "note",
    "quote",
    "speaker",
]
SOURCE_FIELDS = ["publisher", "title", "url", "date_published", "tier", "original_publisher"]


def evidence_with_sources(evidence: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows with the publisher, title, URL and date of each row's source."""
    return evidence.merge(sources[["source_id", *SOURCE_FIELDS]], on="source_id", how="left")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def claims_report(root: Path, only: str | None = None) -> list[dict[str, Any]]:
    version = serving_version(root, detail=False)[0]
    if version is None:
        raise EtlError("no snapshot has been published yet; run `python -m etl refresh`")
    claims = read_table("claims", version, root)
    evidence = evidence_with_sources(
        read_table("claim_evidence", version, root), read_table("sources", version, root)
    )
    if only is not None:
        claims = claims[claims["claim_id"] == only]
        if claims.empty:
            raise EtlError(
                f"--id {only!r}: no such claim; ids: "
                f"{', '.join(read_table('claims', version, root)['claim_id'])}"
            )
    report = []
    for _, claim in claims.sort_values("position").iterrows():
        rows = evidence[evidence["claim_id"] == claim["claim_id"]]
        report.append(
            {
                "id": claim["claim_id"],
                "position": int(claim["position"]),
                "quote": claim["quote"],
                "speaker": claim["speaker"],
                "topic": claim["topic"],
                "verdict": claim["verdict"],
                "verdict_label": claim["verdict_label"],
                "explanation": claim["explanation"],
                "convention": claim["convention"],
                "convention_used": claim["convention_used"],
                "caveats": json.loads(claim["caveats"]),
                "alternatives": json.loads(claim["alternatives"]),
                "as_of": claim["as_of"],
                "data_version": version,
                "evidence": [
                    {k: _clean(r[k]) for k in EVIDENCE_FIELDS + SOURCE_FIELDS}
                    for _, r in rows.iterrows()
                ],
            }
        )
    return report

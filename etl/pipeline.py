"""The chain from inputs to publishable tables: read -> validate -> harmonise -> derive ->
validate -> evaluate claims. I/O happens only in `read_inputs`; `build_tables` is pure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from etl.claims.evaluate import evaluate_claims
from etl.claims.load import load_claims
from etl.claims.model import Article, Claim
from etl.config import claims_file, data_dir
from etl.corrections import apply_corrections
from etl.curated import CuratedInputs, read_curated
from etl.derive import derive_all
from etl.derive.aggregates import is_detail
from etl.derive.common import derivation_sources
from etl.harmonise import harmonise_curated, typed, typed_sources
from etl.mappings import Mappings, load_mappings
from etl.schema import EVENT_COLUMNS
from etl.sources.base import SourceResult
from etl.validate import validate_curated, validate_published
from etl.vocabulary import standard


@dataclass(frozen=True)
class Inputs:
    curated: CuratedInputs
    mappings: Mappings
    article: Article
    claims: list[Claim]
    live: list[SourceResult] = field(default_factory=list)


def read_inputs(root: Path | None = None, live: list[SourceResult] | None = None) -> Inputs:
    root = root or data_dir()
    mappings = load_mappings(root)
    curated = read_curated(root)
    article, claims = load_claims(claims_file(root))
    return Inputs(curated, mappings, article, claims, live or [])


def build_tables(inputs: Inputs) -> dict[str, pd.DataFrame]:
    """Every table of a snapshot, validated. Raises ValidationError or ClaimsError."""
    mappings = inputs.mappings
    corrected = apply_corrections(
        inputs.curated.corrections,
        {"observations": inputs.curated.observations, "sources": inputs.curated.sources,
         "events": inputs.curated.events},
    )
    curated = replace(inputs.curated, **corrected.tables)
    validate_curated(curated.observations, curated.sources, curated.events, mappings)
    live = [r for r in inputs.live if not r.observations.empty]
    observations = typed(
        pd.concat(
            [harmonise_curated(curated.observations, mappings)] + [r.observations for r in live],
            ignore_index=True,
        )
    )
    sources = typed_sources(
        pd.concat(
            [curated.sources]
            + [r.sources for r in inputs.live if not r.sources.empty]
            + [derivation_sources()],
            ignore_index=True,
        )
    ).drop_duplicates(subset=["source_id"], keep="last")
    published = dict(zip(sources["source_id"], sources["date_published"], strict=True))
    derived = derive_all(observations, mappings, published)
    all_observations = typed(derived.observations)
    # Detail finer than HS chapters goes last, so it can be published as a separate part.
    detail = is_detail(all_observations)
    if detail.any():  # (without detail, the split would copy every row for nothing)
        all_observations = pd.concat(
            [all_observations[~detail], all_observations[detail]], ignore_index=True
        )
    validate_published(all_observations, sources, mappings)
    events = curated.events[EVENT_COLUMNS].reset_index(drop=True)
    claims, evidence = evaluate_claims(
        inputs.article, inputs.claims, all_observations, events, sources, mappings.partner_name
    )
    return {
        "observations": all_observations,
        "sources": sources.reset_index(drop=True),
        "events": events,
        "claims": claims,
        "claim_evidence": evidence,
        "trade_converted": derived.trade_converted,
        "quality_flags": derived.quality_flags,
        "corrections": corrected.record,
        "vocabulary": standard().table.copy(),
        "partners": mappings.partners.copy(),
        "indicators": mappings.indicators.copy(),
        # mappings the pages need, published with the snapshot (data/mappings/ of $ETL_DATA_DIR)
        "hs_chapters": mappings.hs_chapters.copy(),
        "product_labels": mappings.product_labels.copy(),
        "article": article_table(inputs.article),
        "article_meta": article_meta(inputs.article),
    }


def article_table(article: Article) -> pd.DataFrame:
    """The article's paragraphs in order; `furniture` marks the scraped page furniture (site
    name, captions, labels) so a page can show only the article's own text."""
    count = len(article.paragraphs)
    return pd.DataFrame({
        "paragraph": range(count),
        "text": article.paragraphs,
        "role": article.roles or ["body"] * count,
        "furniture": pd.Series(article.furniture or [False] * count, dtype=bool),
    })


def article_meta(article: Article) -> pd.DataFrame:
    fields = {
        "title": article.title,
        "publisher": article.publisher,
        "author": article.author,
        "homepage": article.homepage,
        "url": article.url,
        "published": article.published.isoformat(),
        "date_note": article.date_note,
    }
    return pd.DataFrame({"key": list(fields), "value": list(fields.values())})

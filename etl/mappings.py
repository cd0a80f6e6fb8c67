"""Mappings are data: partner codes, bloc membership, units, indicators, HS chapters and product
labels live in data/mappings/*.csv. This module reads them into a `Mappings` bundle that the pure
steps take. The partner vocabulary is partners.csv plus every area a live source can report
(etl/sources/m49_areas.csv: ISO 3166 countries and territories, Comtrade's own codes);
partners.csv wins where both name a code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from etl.config import mappings_dir
from etl.errors import ValidationError


@dataclass(frozen=True)
class Mappings:
    partners: pd.DataFrame  # code, name, kind, aliases
    blocs: pd.DataFrame  # bloc, member, since, until
    units: pd.DataFrame  # unit_in, unit, factor
    indicators: pd.DataFrame  # indicator, label, allow_negative, description
    hs_chapters: pd.DataFrame  # chapter, label, section, section_label, short_label, ...
    product_labels: pd.DataFrame  # commodity, label, source

    @cached_property
    def partner_kind(self) -> dict[str, str]:
        return dict(zip(self.partners["code"], self.partners["kind"], strict=True))

    @cached_property
    def partner_name(self) -> dict[str, str]:
        return dict(zip(self.partners["code"], self.partners["name"], strict=True))

    @cached_property
    def unit_factor(self) -> dict[str, tuple[str, float]]:
        return {row.unit_in: (row.unit, float(row.factor)) for row in self.units.itertuples()}

    @cached_property
    def negative_rule(self) -> dict[str, str]:
        return dict(
            zip(self.indicators["indicator"], self.indicators["allow_negative"], strict=True)
        )

    def bloc_members(self, bloc: str, year: int) -> set[str]:
        """Members of `bloc` in `year` (membership changes: Timor-Leste joined ASEAN in 2025)."""
        rows = self.blocs[self.blocs["bloc"] == bloc]
        since = pd.to_numeric(rows["since"])
        until = pd.to_numeric(rows["until"].replace("", None))
        active = (since <= year) & (until.isna() | (until >= year))
        return set(rows.loc[active, "member"])


_REQUIRED = {
    "partners.csv": ["code", "name", "kind", "aliases"],
    "blocs.csv": ["bloc", "member", "since", "until"],
    "units.csv": ["unit_in", "unit", "factor"],
    "indicators.csv": ["indicator", "label", "allow_negative", "description"],
    "hs_chapters.csv": ["chapter", "label", "section", "section_label", "short_label",
                        "section_short", "source"],
    "product_labels.csv": ["commodity", "label", "source"],
}


def load_mappings(root: Path | None = None) -> Mappings:
    folder = mappings_dir(root)
    frames = {}
    for name, columns in _REQUIRED.items():
        path = folder / name
        if not path.exists():
            raise ValidationError(
                f"mapping file {path}", [f"{path} is missing; restore it from git"]
            )
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValidationError(
                f"mapping file {path}", [f"{name}: missing column(s) {', '.join(missing)}"]
            )
        frames[name.removesuffix(".csv")] = frame
    frames["partners"] = with_areas(frames["partners"])
    return Mappings(**frames)


def with_areas(partners: pd.DataFrame) -> pd.DataFrame:
    """partners.csv, then every area code it does not list (etl/sources/m49_areas.csv)."""
    from etl.sources.m49 import partners_vocabulary

    areas = partners_vocabulary()
    extra = areas[~areas["code"].isin(partners["code"])]
    return pd.concat([partners, extra[partners.columns.intersection(extra.columns)]],
                     ignore_index=True).fillna("")

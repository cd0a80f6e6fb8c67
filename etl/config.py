"""Where things live. One place, overridable by environment for tests and deployments."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: curated inputs, raw snapshots, published versions.

    `ETL_DATA_DIR` points elsewhere (tests use a temporary copy, so nothing they do touches
    the committed data).
    """
    return Path(os.environ.get("ETL_DATA_DIR", REPO_ROOT / "data"))


def curated_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "curated"


def mappings_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "mappings"


def raw_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "raw"


def published_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "published"


def claims_file(root: Path | None = None) -> Path:
    return (root or data_dir()) / "claims.yaml"

"""Shared fixtures of the pipeline tests.

Every test that reads or writes data works on a temporary copy of the committed inputs
(data/curated, data/mappings, data/article, data/claims.yaml), so nothing a test does can touch
the committed data. The real tables are built once per session (`built_tables`), and one
snapshot, published once, is shared by the read-only command-line tests (`published_root`).
Plain helpers (frame factories, CSV editing) live in tests/helpers.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from etl.claims.rules import Context
from etl.mappings import Mappings, load_mappings
from etl.pipeline import build_tables, read_inputs
from etl.refresh import run_refresh
from etl.sources import REGISTRY, collect
from tests.helpers import DATA, copy_inputs, events, observations, sources

ARTICLE_DATE = date(2025, 5, 7)  # data/claims.yaml: article.published


# --- data folders ------------------------------------------------------------------------------
@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A private, writable copy of the committed inputs; a test may break it freely."""
    return copy_inputs(tmp_path / "data")


@pytest.fixture
def cli_root(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`data_root`, with ETL_DATA_DIR pointing at it for the command line."""
    monkeypatch.setenv("ETL_DATA_DIR", str(data_root))
    return data_root


@pytest.fixture(scope="session")
def built_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """Every table of a snapshot built from the real curated data, once per session (~2 s).
    Tests must not modify the frames (copy first)."""
    root = copy_inputs(tmp_path_factory.mktemp("built") / "data")
    return build_tables(read_inputs(root))


@pytest.fixture(scope="session")
def article_snapshot(built_tables: dict[str, pd.DataFrame]):
    """The built tables prepared for `check_article` (once per session)."""
    from etl.articles.check import prepare

    return prepare(built_tables, "test-build")


@pytest.fixture(scope="session")
def offline_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The tables `make run` builds: the curated data plus the bundled raw snapshots
    (data/raw/, e.g. the ECB's rates), read offline. Tests must not modify the frames."""
    root = copy_inputs(tmp_path_factory.mktemp("offline") / "data")
    live = [collect(source_id, DATA, offline=True) for source_id in REGISTRY]
    return build_tables(read_inputs(root, live))


@pytest.fixture(scope="session")
def obs(built_tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The observations of `built_tables` (read-only)."""
    return built_tables["observations"]


@pytest.fixture(scope="session")
def published_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder where a curated-only refresh has published one snapshot. Read-only."""
    root = copy_inputs(tmp_path_factory.mktemp("published") / "data")
    report = run_refresh(root, live=False)
    assert report.ok, report.error
    return root


@pytest.fixture
def published_cli(published_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """ETL_DATA_DIR pointing at the shared published snapshot (for read-only verbs)."""
    monkeypatch.setenv("ETL_DATA_DIR", str(published_root))
    return published_root


# --- mappings and frames -----------------------------------------------------------------------
@pytest.fixture(scope="session")
def mappings() -> Mappings:
    """The committed mappings (partners, blocs, units, indicators); the steps only read them."""
    return load_mappings(DATA)


@pytest.fixture
def make_observations() -> Callable[..., pd.DataFrame]:
    """make_observations({"period": "2023", "value": 5.0}, ...) -> a typed observations frame
    (see tests/helpers.py: OBSERVATION_DEFAULTS)."""
    return observations


@pytest.fixture
def make_context() -> Callable[..., Context]:
    """A claims Context as of the article's date (7 May 2025), with a source row for every
    source_id the observations and events use."""

    def make(
        obs: pd.DataFrame | None = None,
        event_rows: pd.DataFrame | None = None,
        as_of: date = ARTICLE_DATE,
    ) -> Context:
        obs = observations() if obs is None else obs
        event_rows = events() if event_rows is None else event_rows
        ids = set(obs["source_id"]) | set(event_rows["source_id"])
        for derived in obs["derived_from"]:
            ids |= {s for s in derived.split(";") if s}
        return Context(
            obs=obs,
            events=event_rows,
            sources=sources(*sorted(ids)).set_index("source_id"),
            as_of=as_of,
            names={"CHN": "China", "RUS": "Russia", "EU27": "European Union"},
        )

    return make

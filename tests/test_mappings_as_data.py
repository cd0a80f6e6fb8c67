"""Mappings are data published with the snapshot (HS chapters, product labels, every partner
area), read from the data folder being built, and the derive steps are pure: they read neither
the clock nor the environment."""

from __future__ import annotations

import ast
from pathlib import Path

from etl.pipeline import build_tables, read_inputs
from tests.helpers import REPO, edit_cell, find_line


def test_hs_chapters_and_product_labels_are_snapshot_tables(built_tables):
    chapters = built_tables["hs_chapters"].set_index("chapter")
    labels = built_tables["product_labels"].set_index("commodity")

    assert chapters.loc["27", "short_label"] and chapters.loc["27", "section"] == "V"
    assert chapters["source"].str.contains("WCO HS Nomenclature").all()
    assert labels.loc["2709", "label"] == "Crude oil (HS 2709)"
    assert (labels["source"] != "").all()


def test_the_tables_come_from_the_data_folder_being_built_not_the_repository(data_root):
    path = data_root / "mappings" / "product_labels.csv"
    edit_cell(path, find_line(path, commodity="2709"), "label", "Crude petroleum (HS 2709)")

    tables = build_tables(read_inputs(data_root))

    assert tables["product_labels"].set_index("commodity").loc["2709", "label"] == (
        "Crude petroleum (HS 2709)")


def test_the_partners_table_names_every_area_a_live_source_can_report(built_tables):
    partners = built_tables["partners"].set_index("code")

    assert partners.loc["FRA", "kind"] == "country"
    assert partners.loc["MAC", "kind"] == "territory"
    assert partners.loc["M49-899", "name"] == "Areas, nes"


# --- purity ------------------------------------------------------------------------------------
IMPURE_MODULES = {"os", "time", "datetime", "random", "etl.config"}
IMPURE_CALLS = {"today", "now", "utcnow", "getenv", "time"}


def impurities(path: Path) -> list[str]:
    """Imports and calls in a module that read the clock or the environment."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name in IMPURE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in IMPURE_MODULES:
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr in IMPURE_CALLS | {"environ"}:
            found.append(f".{node.attr}")
    return [f"{path.name}: {what}" for what in found]


def test_derive_steps_read_neither_the_clock_nor_the_environment():
    modules = sorted((REPO / "etl" / "derive").glob("*.py"))

    assert len(modules) > 10
    assert [problem for path in modules for problem in impurities(path)] == []


def test_the_purity_check_catches_a_clock_read(tmp_path):
    sneaky = tmp_path / "step.py"
    sneaky.write_text("import os\nfrom datetime import date\nYEAR = date.today().year\n"
                      "HOME = os.environ['HOME']\n")

    assert sorted(impurities(sneaky)) == sorted([
        "step.py: import os", "step.py: from datetime import ...", "step.py: .today",
        "step.py: .environ"])

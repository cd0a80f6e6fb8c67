"""The dashboard's request goes one way: page -> views -> figures -> components. A module imports
only layers below it in that path (views and figures, side by side, never each other), and all of
them share the chart contract; each module has one job and stays small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
CONTRACT = {"dashboard.chart", "dashboard.units", "dashboard.vocabulary"}
# layer -> the dashboard modules (prefixes) it may import, besides its own layer and the contract
ALLOWED = {
    "contract": set(),
    "views": {"dashboard.urlstate"},
    "figures": set(),
    "components": set(),
    # pages read the URL through the one URL-state parser and say which version they serve;
    # the article check keeps a share link's text only through its store
    "pages": {"dashboard.views", "dashboard.figures", "dashboard.components",
              "dashboard.snapshot", "dashboard.urlstate", "dashboard.headers",
              "dashboard.shared_checks"},
}
# The URL-state parser is read by the pages and by the views' request (issue 13's merge into
# the restructured dashboard).
ALLOWED["views"] |= {"dashboard.urlstate"}
MAX_LINES = 500


def layer(module: str) -> str | None:
    if module in CONTRACT:
        return "contract"
    for name in ("views", "figures", "components", "pages"):
        if module == f"dashboard.{name}" or module.startswith(f"dashboard.{name}."):
            return name
    return None  # the serving layer (app, snapshot, routes, response cache): not in the path


def modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(DASHBOARD.parent).with_suffix("").parts).removesuffix(
            ".__init__"
        ): path
        for path in sorted(DASHBOARD.rglob("*.py"))
    }


def dashboard_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            # "from dashboard import urlstate" imports the module dashboard.urlstate
            submodules = {f"{node.module}.{a.name}" for a in node.names} & set(modules())
            found |= submodules or {node.module}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {name for name in found if name.startswith("dashboard")}


LAYERED = {name: path for name, path in modules().items() if layer(name)}


@pytest.mark.parametrize("name", sorted(LAYERED))
def test_a_module_imports_no_layer_above_or_beside_its_own(name):
    own = layer(name)
    for imported in dashboard_imports(LAYERED[name]):
        if imported in CONTRACT or layer(imported) == own:
            continue
        allowed = ALLOWED[own]
        assert any(imported == a or imported.startswith(a + ".") for a in allowed), (
            f"{name} ({own}) imports {imported}"
        )


def test_the_views_and_the_figures_share_only_the_chart_contract():
    views = {i for n, p in LAYERED.items() if layer(n) == "views" for i in dashboard_imports(p)}
    figures = {i for n, p in LAYERED.items() if layer(n) == "figures" for i in dashboard_imports(p)}
    assert not any(layer(i) == "figures" for i in views)
    assert not any(layer(i) == "views" for i in figures)
    assert {i for i in views & figures if layer(i) not in ("views", "figures")} <= CONTRACT


def test_the_rule_catches_a_figure_that_reads_the_views(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from dashboard.views.common import source_line\n", encoding="utf-8")
    assert layer("dashboard.figures.bad") == "figures"
    assert dashboard_imports(bad) == {"dashboard.views.common"}
    assert "dashboard.views.common" not in ALLOWED["figures"]


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_is_over_500_lines(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name}: {lines} lines; split it by job"

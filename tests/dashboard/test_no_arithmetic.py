"""The dashboard computes no figure: every number on screen is a row the pipeline published
(a `derived` row naming its inputs where it was computed), which the views select and format.

The check reads every module under dashboard/ (its syntax tree, not its text) and follows, in
each function, the expressions that hold figures: a column of a value kind (`value`,
`value_shown`, `share_pct`, `gap_pct`, ...) read from a frame or a row, a parameter typed as a
pandas Series, and any name assigned from one of those. It then fails on

- arithmetic on such an expression with anything but a plain number or a display scale
  (`a["value"] - b["value"]`, `rows["value"] - reference`, `gap / reference * 100`): a balance,
  a gap, a ratio or a sum of figures;
- an aggregation of one (`.sum()`, `.mean()`, `.cumsum()`, `.diff()`, `.pct_change()`,
  `.sub()`/`.div()`..., `sum(...)`), or `agg`/`transform`/`aggregate` asked for "sum", "mean"...;
- a plotly trace asked to compute what it shows (`textinfo`/`hoverinfo`/`texttemplate` with
  "percent" or "value" totals, a histogram's `histfunc`).

What formatting needs is allowed, because it makes no new figure: dividing a figure by the
display scale (`value / divisor`, `values / scale`: the unit of dashboard.units.display, dollars
to billions), adding a number to place an axis (`max + 1`), joining texts and lists (`+` where
one side is a string, an f-string or a list), picking the smallest or largest (`min()`,
`max()`), sorting, and arithmetic on periods, positions and counts (no figure involved). A
frame's index, columns, size and length, and a plotly figure's layout, are not figures.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
VALUE_COLUMNS = {
    "value", "value_shown", "share_pct", "gap_pct", "gap_value_shown", "gap_pp",
    "compared_value", "reference_value_shown", "value_usd", "rate",
}
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
AGGREGATES = {"sum", "mean", "cumsum", "cumprod", "diff", "pct_change", "prod", "median",
              "add", "sub", "subtract", "mul", "multiply", "div", "divide", "truediv", "radd",
              "rsub", "rdiv", "rtruediv", "dot"}
NAMED_AGGREGATES = {"agg", "aggregate", "transform", "apply", "pipe", "resample", "rolling"}
AGGREGATE_WORDS = {"sum", "mean", "cumsum", "diff", "pct_change", "prod", "median", "count"}
COMPUTING_TRACE_WORDS = ("percent", "value+", "+value", "total")
SCALES = {"divisor", "scale"}  # the display scale of dashboard.units.display
NOT_FIGURES = {"index", "columns", "empty", "shape", "size", "dtype", "name", "layout"}
COUNTS = {"len", "range", "enumerate"}  # counts and positions of rows, not figures


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)}


def _is_series_annotation(annotation: ast.AST | None) -> bool:
    return annotation is not None and "Series" in ast.unparse(annotation)


def _pruned(node: ast.AST):
    """The node and its children, without descending into what is not a figure (an index,
    the columns or the size of a frame)."""
    yield node
    if isinstance(node, ast.Attribute) and node.attr in NOT_FIGURES:
        return
    if isinstance(node, ast.Subscript) and _strings(node.slice) == {"layout"}:
        return  # a figure dict's layout (`fig["layout"]`), like a go.Figure's `fig.layout`
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in COUNTS:
        return
    for child in ast.iter_child_nodes(node):
        yield from _pruned(child)


def _is_text_or_list(node: ast.AST) -> bool:
    """A string, an f-string, a list or a tuple (what `+` joins rather than adds)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.JoinedStr, ast.List, ast.Tuple, ast.ListComp)):
        return True
    if isinstance(node, ast.IfExp):
        return _is_text_or_list(node.body) or _is_text_or_list(node.orelse)
    if isinstance(node, ast.BinOp):
        return _is_text_or_list(node.left) or _is_text_or_list(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("list", "tuple", "str")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("join", "format", "split", "strip", "upper", "lower", "title")
    if isinstance(node, ast.Subscript):
        return _is_text_or_list(node.value)
    return False


def _is_plain(node: ast.AST) -> bool:
    """A number written in the code, or the display scale."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float)
    if isinstance(node, ast.UnaryOp):
        return _is_plain(node.operand)
    return isinstance(node, ast.Name) and node.id in SCALES


class FigureFlow(ast.NodeVisitor):
    """Finds, in one module, arithmetic and aggregation on figures (see the module docstring)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.tainted: set[str] = set()
        self.texts: set[str] = set()  # names holding a string or a list

    # --- which expressions hold figures --------------------------------------------------------
    def holds_figures(self, node: ast.AST) -> bool:
        for sub in _pruned(node):
            if isinstance(sub, ast.Subscript) and _strings(sub.slice) & VALUE_COLUMNS:
                return True
            if isinstance(sub, ast.Attribute) and sub.attr in VALUE_COLUMNS:
                return True
            if isinstance(sub, ast.Name) and sub.id in self.tainted:
                return True
        return False

    def _taint_targets(self, targets: list[ast.AST], value: ast.AST) -> None:
        if not self.holds_figures(value):
            return
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    self.tainted.add(sub.id)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, outer_texts = self.tainted, self.texts
        self.tainted, self.texts = set(outer), set(outer_texts)
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign) and _is_text_or_list(sub.value):
                self.texts |= {t.id for t in sub.targets if isinstance(t, ast.Name)}
        arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        self.tainted |= {a.arg for a in arguments if _is_series_annotation(a.annotation)}
        # names assigned from figures anywhere in the function, whatever the order
        for _ in range(3):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Assign):
                    self._taint_targets(sub.targets, sub.value)
                elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)) and sub.value is not None:
                    self._taint_targets([sub.target], sub.value)
                elif isinstance(sub, (ast.For, ast.comprehension)):
                    self._taint_targets([sub.target], sub.iter)
        self.generic_visit(node)
        self.tainted, self.texts = outer, outer_texts

    visit_AsyncFunctionDef = visit_FunctionDef

    # --- what is not allowed -------------------------------------------------------------------
    def flag(self, node: ast.AST, why: str) -> None:
        self.problems.append(f"line {node.lineno}: {why}: {ast.unparse(node)[:90]}")

    def computes(self, left: ast.AST, right: ast.AST) -> bool:
        """Arithmetic making a new figure: a figure with anything but a number or the scale."""
        if any(_is_text_or_list(n) or self.is_text(n) or _is_plain(n) for n in (left, right)):
            return False
        return self.holds_figures(left) or self.holds_figures(right)

    def is_text(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id in self.texts

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ARITHMETIC) and self.computes(node.left, node.right):
            self.flag(node, "arithmetic on figures")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ARITHMETIC) and self.computes(node.target, node.value):
            self.flag(node, "arithmetic on figures")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute):
            if func.attr in AGGREGATES and self.holds_figures(func.value):
                self.flag(node, f"{func.attr}() of figures")
            elif func.attr in NAMED_AGGREGATES and _strings(node) & AGGREGATE_WORDS:
                self.flag(node, f"{func.attr}() asked to aggregate")
        elif isinstance(func, ast.Name) and func.id == "sum" and any(
                self.holds_figures(a) for a in node.args):
            self.flag(node, "sum() of figures")
        for keyword in node.keywords:
            if keyword.arg in ("textinfo", "hoverinfo", "texttemplate", "hovertemplate"):
                words = " ".join(_strings(keyword.value))
                if any(w in words for w in COMPUTING_TRACE_WORDS):
                    self.flag(node, f"plotly asked to compute its {keyword.arg}")
            if keyword.arg == "histfunc":
                self.flag(node, "plotly asked to aggregate (histfunc)")
        self.generic_visit(node)


def problems_in(source: str) -> list[str]:
    flow = FigureFlow()
    flow.visit(ast.parse(source))
    return flow.problems


MODULES = sorted(DASHBOARD.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(DASHBOARD)) for p in MODULES])
def test_no_dashboard_module_computes_a_figure(path):
    assert problems_in(path.read_text(encoding="utf-8")) == [], (
        f"{path.relative_to(DASHBOARD.parent)} computes figures; publish them as derived rows in "
        "etl/derive/ and select them instead"
    )


# --- the check itself can fail: what it catches and what it lets through ----------------------
@pytest.mark.parametrize("source", [
    # a balance and a gap between two frames' figures
    "def f(x, m):\n    return x['value'] - m['value']\n",
    # a gap in per cent, through names
    "def f(rows, ref):\n    gap = rows['value'] - ref\n    return gap / ref * 100\n",
    # the removed dashboard/views/arithmetic.py: Series parameters
    "import pandas as pd\ndef gaps(values: pd.Series, reference: pd.Series):\n"
    "    return values - reference\n",
    # sums of figures
    "def f(rows):\n    return rows.groupby('section')['value_shown'].sum()\n",
    "def f(rows):\n    return rows['value'].transform('sum')\n",
    "def f(rows):\n    return rows.groupby('g').agg(value=('value', 'sum'))\n",
    "def f(rows):\n    return sum(r['value'] for r in rows)\n",
    "def f(rows):\n    return rows['value'].pct_change()\n",
    # plotly computing what it shows
    "def f():\n    return go.Treemap(textinfo='label+percent root')\n",
    "def f():\n    return go.Histogram(histfunc='sum')\n",
])
def test_the_check_catches_arithmetic_on_figures(source):
    assert problems_in(source)


@pytest.mark.parametrize("source", [
    # scaling to the display unit
    "def f(rows, divisor):\n    return rows['value'] / divisor\n",
    # an axis range above the largest figure
    "def f(frame):\n    return int(frame['value_shown'].max()) + 1\n",
    # period and position arithmetic
    "def f(period):\n    return int(period[:4]) * 12 + int(period[5:7]) - 1\n",
    # picking and sorting figures
    "def f(frame):\n    return frame.sort_values('value').iloc[0]['value'], frame['value'].min()\n",
    # formatting a figure
    "def f(row):\n    return f\"{row['value']:,.1f}\"\n",
    # joining texts is not a sum
    "def f(rows):\n    return rows.groupby('g')['period'].agg(lambda s: ', '.join(s))\n",
    # a figure's layout, as a go.Figure or a dict, is not a figure
    "def f(rows):\n    fig = go.Figure(go.Bar(x=rows['value']))\n"
    "    return fig.layout.height + len(rows) * 18\n",
    "def f(rows):\n    fig = {'data': [{'x': rows['value']}], 'layout': {}}\n"
    "    fig['layout']['height'] += len(rows) * 18\n",
])
def test_the_check_lets_formatting_through(source):
    assert problems_in(source) == []

"""Trade explorer: China–Russia goods trade over any period, by flow, currency, commodity and
source. `prepare` runs once per snapshot; each chart function filters its output (pure).

Three views share one URL state (`Params`), one module each:
- trade        annual or true monthly values (never year-to-date), exports, imports, total and
               balance, in USD, CNY or RUB (converted at the stored rates, or as reported in
               yuan), or their growth on a year earlier;
- commodities  HS chapters or sections (UN Comtrade rows when the snapshot has them), else the
               product figures quoted in the press, which overlap and do not add up;
- compare      China-reported against Russia-reported (mirror) figures and press-reported
               customs figures against UN Comtrade and the IMF, with the gap in value and %.
Beside them: base (the frames selected once per snapshot), state (the URL state), currency
(conversions at stored rates) and labels (the page's words).
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.chart import Chart
from dashboard.views.explorer.base import ExplorerBase, prepare
from dashboard.views.explorer.commodities import commodity_chart
from dashboard.views.explorer.compare import compare_chart
from dashboard.views.explorer.state import Params, commodity_years, parse
from dashboard.views.explorer.trade import trade_chart

CHARTS: dict[str, Callable[[ExplorerBase, Params], Chart]] = {
    "trade": trade_chart,
    "commodities": commodity_chart,
    "sources": compare_chart,
}


__all__ = ["CHARTS", "ExplorerBase", "Params", "commodity_years", "parse", "prepare"]

"""The trade explorer's words: its options and series names. (The names of HS chapters and of
the products quoted in the press are data, published with the snapshot: hs_chapters and
product_labels.)"""

from __future__ import annotations

VIEWS = {"trade": "Trade over time", "commodities": "By commodity", "sources": "Compare sources"}
FREQS = {"A": "Annual", "M": "Monthly (single months)"}
FLOWS = {"total": "Total", "export": "Exports", "import": "Imports", "balance": "Balance"}
CURRENCIES = {"USD": "US dollars", "CNY": "Chinese yuan", "RUB": "Russian roubles"}
CURRENCY_PHRASE = {"USD": "in US dollars", "CNY": "in yuan", "RUB": "in roubles"}
MEASURES = {"value": "Value", "growth": "Change on a year earlier (%)"}
REPORTERS = {"CHN": "China-reported", "RUS": "Russia-reported"}
SOURCES = {"best": "Best available", "press": "Customs releases (as reported)",
           "comtrade": "UN Comtrade", "imf": "IMF (IMTS)"}
PAIRS = {
    "cn_exports": "China's exports to Russia",
    "cn_imports": "China's imports from Russia",
    "total": "Total trade",
}
CFLOWS = {"import": "China's imports from Russia", "export": "China's exports to Russia"}
LEVELS = {"chapter": "HS chapters", "section": "HS sections"}
KINDS = {"area": "Over time (stacked)", "treemap": "One year (treemap)"}

# (reporter, flow) -> series name
SERIES_NAMES = {
    ("CHN", "export"): "China's exports to Russia",
    ("CHN", "import"): "China's imports from Russia",
    ("CHN", "total"): "China–Russia trade (China-reported)",
    ("CHN", "balance"): "China's trade balance with Russia",
    ("RUS", "export"): "Russia's exports to China",
    ("RUS", "import"): "Russia's imports from China",
    ("RUS", "total"): "Russia–China trade (Russia-reported)",
    ("RUS", "balance"): "Russia's trade balance with China",
}
FAMILY_NAMES = {
    "press": "customs figures as reported",
    "comtrade": "UN Comtrade",
    "imf": "IMF (IMTS)",
    "derived": "computed",
}
# The mirror pairs: (reporter, flow) of the two sides of one flow of goods.
PAIR_SIDES = {
    "cn_exports": (("CHN", "export"), ("RUS", "import")),
    "cn_imports": (("CHN", "import"), ("RUS", "export")),
    "total": (("CHN", "total"), ("RUS", "total")),
}
VALUATION = {"export": "FOB", "import": "CIF", "total": "FOB+CIF", "balance": "FOB−CIF"}

FAMILY_TITLE = {
    "press": "its published customs figure",
    "comtrade": "UN Comtrade",
    "imf": "the IMF",
    "derived": "a computed figure",
}


"""The trade explorer's words: its options, series names and product labels.

Hook: product labels (PRODUCT_LABELS) are to be published with the snapshot by the ETL, beside the
HS chapter table; until then they are written here, in this one place.
"""

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
VALUATION = {"export": "FOB", "import": "CIF", "total": "FOB+CIF"}
TOP_GROUPS = 8

PRODUCT_LABELS = {
    "01-24": "Agricultural and food products (HS 01–24)",
    "02": "Meat (HS 02)",
    "0201-0202": "Beef (HS 0201–0202)",
    "0207": "Poultry (HS 0207)",
    "03": "Fish and seafood (HS 03)",
    "26": "Ores, slag and ash (HS 26)",
    "2601": "Iron ore (HS 2601)",
    "27": "Mineral fuels: oil, gas, coal (HS 27)",
    "2701-2702": "Coal and lignite (HS 2701–2702)",
    "2709": "Crude oil (HS 2709)",
    "2709-2710": "Crude oil and oil products (HS 2709–2710)",
    "2710": "Oil products (HS 2710)",
    "2711": "Natural gas and LPG (HS 2711)",
    "271111": "Liquefied natural gas (HS 271111)",
    "271121": "Pipeline natural gas (HS 271121)",
    "4011": "Tyres (HS 4011)",
    "84-85": "Machinery and electrical equipment (HS 84–85)",
    "84-89": "Machinery, equipment and vehicles (HS 84–89)",
    "86-89": "Transport equipment (HS 86–89)",
    "87": "Vehicles and parts (HS 87)",
    "8703": "Passenger cars (HS 8703)",
    "8703;8704": "Cars and lorries (HS 8703, 8704)",
    "8708": "Vehicle parts (HS 8708)",
    "8429;8430": "Construction machinery (HS 8429, 8430)",
    "COD": "Cod",
    "CRABS": "Crabs",
    "OTHER_CRUSTACEANS": "Other crustaceans",
    "POLLOCK": "Pollock",
    "LABOUR_INTENSIVE": "Labour-intensive products",
    "MECH_ELEC": "Mechanical and electrical products",
}

FAMILY_TITLE = {
    "press": "its published customs figure",
    "comtrade": "UN Comtrade",
    "imf": "the IMF",
    "derived": "a computed figure",
}


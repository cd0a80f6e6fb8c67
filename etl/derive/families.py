"""Families of publisher a trade figure comes from: the customs figure as a press release or a
news agency reported it, UN Comtrade, the IMF, the Bank of Russia, or this project's arithmetic.

The source comparison sets one family against another (UN Comtrade's figure against the customs
release, the same flow as each side reports it), and the HS chapter tables are those of the
statistical APIs (UN Comtrade, the IMF), so the derive steps and the dashboard's views classify
rows with this one function.
"""

from __future__ import annotations

import pandas as pd

CONVERSION = "derived-currency-conversion"
YTD_DIFFERENCE = "derived-ytd-difference"
PRESS, COMTRADE, IMF, CBR, DERIVED = "press", "comtrade", "imf", "cbr", "derived"
STATISTICAL_APIS = (COMTRADE, IMF)


def family_of(source_id: str) -> str:
    """Which family of publisher a source_id belongs to."""
    if source_id.startswith("comtrade-"):
        return COMTRADE
    if source_id.startswith("imf-"):
        return IMF
    if source_id.startswith("cbr-"):
        return CBR
    if source_id == YTD_DIFFERENCE:
        return PRESS  # single months computed from customs' own year-to-date releases
    if source_id.startswith("derived-"):
        return DERIVED
    return PRESS


def families(rows: pd.DataFrame) -> pd.Series:
    """Each row's family; a currency conversion belongs to the family of the figure it converts
    (the first of its origins)."""
    origin = rows["derived_from"].astype("str").str.split(";").str[0]
    source = rows["source_id"].where(rows["source_id"] != CONVERSION, origin)
    names = {sid: family_of(sid) for sid in source.unique()}
    return source.map(names).astype("str")

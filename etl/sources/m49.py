"""Area codes: UN M49 numeric codes (as UN Comtrade uses them) -> the project's partner codes.

The table is data, beside the connector that uses it (`m49_areas.csv`): every ISO 3166-1
country and territory (whose numeric code is its M49 code, taken from pycountry), plus the codes
Comtrade uses outside ISO 3166: its own codes for the USA (842), France (251), India (699),
Switzerland (757), Norway (579) and Italy (381); World (0); "Other Asia, nes" (490), which in
practice is Taiwan and is mapped to TWN (a territory, counted only under the convention that
counts Hong Kong and Taiwan); groups such as Comtrade's EU aggregate (97); former states; and
the areas "not elsewhere specified" and special categories (bunkers, free zones).

`kind` keeps aggregates apart from countries: only `country` and `territory` rows are partners
a ranking may count (etl/derive/ranks.py); `world`, `group`, `former`, `nes` and `special` rows
are kept as data with codes of their own (M49-<code>), never mixed into a country. The record
flag `isAggregate` of a Comtrade answer says whether UN Comtrade summed the value from finer
records (it is true for TOTAL and chapter rows alike), not whether the partner is a group, so
the partner's kind comes from this table.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from etl.errors import FormatError

AREAS_FILE = Path(__file__).with_name("m49_areas.csv")
AREA_COLUMNS = ["m49", "code", "name", "kind", "note", "source"]
RANKABLE_KINDS = frozenset({"country", "territory"})


@cache
def area_table() -> pd.DataFrame:
    """The area table, read once (it ships with the code, so no environment is consulted)."""
    frame = pd.read_csv(AREAS_FILE, dtype=str, keep_default_na=False)
    frame["m49"] = frame["m49"].astype(int)
    return frame[AREA_COLUMNS]


@cache
def _by_m49() -> dict[int, str]:
    table = area_table()
    return dict(zip(table["m49"], table["code"], strict=True))


def area_names() -> dict[str, str]:
    """Project code -> name, first row per code (ISO names; Comtrade's for its own codes)."""
    table = area_table().drop_duplicates(subset="code")
    return dict(zip(table["code"], table["name"], strict=True))


def partners_vocabulary() -> pd.DataFrame:
    """The areas as rows of the partners mapping (code, name, kind, aliases)."""
    table = area_table().drop_duplicates(subset="code")
    return pd.DataFrame({"code": table["code"], "name": table["name"], "kind": table["kind"],
                         "aliases": table["name"]}).reset_index(drop=True)


def codes_of(m49: pd.Series, source_id: str, where: str) -> pd.Series:
    """M49 codes -> project codes, one look-up per distinct code; an unknown code is an error
    that names the file to extend."""
    known = _by_m49()
    mapping = {}
    for code in m49.unique():
        try:
            mapping[code] = known[int(code)]
        except (KeyError, TypeError, ValueError):
            raise FormatError(
                source_id, where,
                f"unexpected area code {_shown(code)}: not in {AREAS_FILE.name} (ISO 3166-1 "
                "numeric codes and UN Comtrade's own codes); add it there with its kind",
            ) from None
    return m49.map(mapping)


def _shown(code: object) -> str:
    try:
        return str(int(code))  # a numpy integer prints as np.int64(...) otherwise
    except (TypeError, ValueError):
        return repr(code)

"""UN Comtrade API v1 answers, read into a frame in Comtrade's own terms (pure, column-wise).

Kept apart from the connector (etl/sources/comtrade.py) so each module has one job: this one
checks the JSON body and its records, that one plans requests and harmonises the rows.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from etl.errors import FormatError
from etl.sources import http

SOURCE_ID = "comtrade"

RAW_COLUMNS = [
    "freqCode",
    "period",
    "reporterCode",
    "partnerCode",
    "partner2Code",
    "flowCode",
    "cmdCode",
    "classificationCode",
    "customsCode",
    "motCode",
    "primaryValue",
    "cifvalue",
    "fobvalue",
    "netWgt",
    "isNetWgtEstimated",
    "isAggregate",
    "isReported",
]
_REQUIRED = ("period", "reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue")
_REQUIRED_SET = frozenset(_REQUIRED)


def load_json(raw: bytes) -> Any:
    text = raw.decode("utf-8-sig", errors="replace").strip()
    if not text:
        raise _format("the body is empty; expected JSON")
    if text.startswith("<"):
        title = http.publisher_message(raw, limit=120)
        raise _format(
            f"expected JSON but got an HTML/XML page ({title or 'no title'}); "
            "the API or a proxy answered with an error page"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _format(
            f"the body is not valid JSON ({exc.msg} at character {exc.pos} of "
            f"{len(text)}): it is probably truncated"
        ) from exc


_NUMBERS = ("primaryValue", "cifvalue", "fobvalue", "netWgt")
_CODES = ("reporterCode", "partnerCode", "partner2Code", "motCode")
_TEXT = ("freqCode", "classificationCode", "customsCode")


def records_frame(records: list[Any]) -> pd.DataFrame:
    """Records -> RAW_COLUMNS, checked column by column (a per-record loop would cost more than
    the JSON parse itself on a 100,000-record answer)."""
    for index, rec in enumerate(records):
        if not isinstance(rec, dict):
            raise _format(f"record {index} is a {type(rec).__name__}, expected an object")
        if not rec.keys() >= _REQUIRED_SET:
            missing = [k for k in _REQUIRED if k not in rec]
            raise _format(f"record {index} lacks {', '.join(missing)}")
    frame = pd.DataFrame.from_records(records, columns=RAW_COLUMNS)
    if frame.empty:
        return frame.astype({c: "float64" for c in _NUMBERS})
    # HS codes are strings with leading zeros ("01"); a number here would lose them.
    not_text = ~frame["cmdCode"].map(lambda v: isinstance(v, str))
    if not_text.any():
        index = int(not_text.to_numpy().argmax())
        raise _format(f"record {index}: cmdCode should be a string, "
                      f"got {frame['cmdCode'].iloc[index]!r}")
    for key in _NUMBERS:
        column = frame[key]
        kinds = column.map(type)
        bad = column.notna() & ~kinds.isin([int, float])
        if bad.any():
            index = int(bad.to_numpy().argmax())
            raise _format(f"record {index}: {key} should be a number or null, "
                          f"got {column.iloc[index]!r}")
        frame[key] = pd.to_numeric(column).astype("float64")
    for key in _CODES:
        column = frame[key]
        numbers = pd.to_numeric(column, errors="coerce")
        bad = column.notna() & numbers.isna()
        if bad.any():
            index = int(bad.to_numpy().argmax())
            raise _format(f"record {index}: {key} should be a numeric code, "
                          f"got {column.iloc[index]!r}")
        frame[key] = numbers.astype("Int64")
    for key in _TEXT:
        frame[key] = frame[key].fillna("").astype(str)
    frame["period"] = frame["period"].astype(str)
    frame["flowCode"] = frame["flowCode"].astype(str)
    return frame



def check_totals(frame: pd.DataFrame, where: str) -> None:
    """Breakdown rows next to totals would be double counted; we asked for totals only."""
    checks = (("partner2Code", 0), ("motCode", 0), ("customsCode", "C00"))
    for key, total in checks:
        column = frame[key]
        bad = column[column.notna() & (column != "") & (column != total)]
        if not bad.empty:
            value = bad.iloc[0]
            raise FormatError(
                SOURCE_ID,
                where,
                f"a record has {key}={value!r}, expected {total!r} (the total): "
                "summing it with the totals would double count",
            )


def _format(detail: str) -> FormatError:
    return FormatError(SOURCE_ID, "response body", detail)

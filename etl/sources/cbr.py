"""Bank of Russia official exchange rates of the rouble: CNY, USD and EUR.

Endpoints (https://www.cbr.ru/development/sxml/):
- XML_daily.asp?date_req=dd/mm/yyyy  — every currency on one date:
  <ValCurs Date="27.09.2023"><Valute ID="R01375"><CharCode>CNY</CharCode>
  <Nominal>1</Nominal><Value>13,1504</Value>[<VunitRate>13,1504</VunitRate>]</Valute>...
- XML_dynamic.asp?date_req1=dd/mm/yyyy&date_req2=dd/mm/yyyy&VAL_NM_RQ=R01375 — one currency
  over a range: <ValCurs ID="R01375"><Record Date="01.03.2019" Id="R01375"><Nominal>10</Nominal>
  <Value>97,5678</Value></Record>...

Quirks handled here: bodies are windows-1251 (declared in the XML prolog; lxml decodes from
the bytes), numbers use a decimal comma, and each record has its own Nominal — the yuan was
quoted per 10 CNY for years — so the rate per one unit is Value / Nominal. Newer bodies also
give VunitRate (the per-unit rate); when present it must agree with Value / Nominal.
A date range with no quotes comes back as an empty <ValCurs/>: an empty result, not an error.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import requests
from lxml import etree

from etl.errors import FormatError, ProviderError
from etl.sources import http
from etl.sources.base import RawResponse, RequestSpec, refresh_date
from etl.sources.tidy import OFFICIAL, api_source, observations_frame

SOURCE_ID = "cbr"
TABLE_SOURCE_ID = "cbr-xml-rates"
PUBLISHER = "Central Bank of the Russian Federation (Bank of Russia)"
LICENCE = (
    "Bank of Russia website terms of use: materials may be reproduced with a reference to "
    "the Bank of Russia (www.cbr.ru) as the source"
)
TITLE = "Official exchange rates of foreign currencies against the rouble (XML service)"

# The Bank of Russia's internal currency codes (VAL_NM_RQ / Valute ID).
VALUTE_IDS = {"R01375": "CNY", "R01235": "USD", "R01239": "EUR"}
CURRENCY_IDS = {code: valute for valute, code in VALUTE_IDS.items()}

DEFAULT_CONFIG: dict[str, Any] = {
    "base_url": "https://www.cbr.ru/scripts",
    "currencies": ["CNY", "USD", "EUR"],
    "start_date": "2015-01-01",
    "end_date": None,  # None: the refresh date
    "daily_dates": [],  # extra single dates (ISO) to ask XML_daily.asp for
    "today": None,  # ISO date of the refresh; collect() sets it
}

RAW_COLUMNS = ["kind", "Date", "ID", "CharCode", "NumCode", "Name", "Nominal", "Value", "VunitRate"]
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
_RU_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


class CbrSource:
    source_id = SOURCE_ID
    publisher = PUBLISHER
    title = TITLE
    licence = LICENCE
    homepage = "https://www.cbr.ru/development/sxml/"

    def build_requests(self, config: dict[str, Any]) -> list[RequestSpec]:
        cfg = {**DEFAULT_CONFIG, **(config or {})}
        today = refresh_date(cfg)
        start = date.fromisoformat(cfg["start_date"])
        end = date.fromisoformat(cfg["end_date"]) if cfg.get("end_date") else today
        base = str(cfg["base_url"]).rstrip("/")
        specs = []
        for currency in cfg["currencies"]:
            if currency not in CURRENCY_IDS:
                raise ValueError(
                    f"unknown currency {currency!r} for the Bank of Russia source; "
                    f"known: {sorted(CURRENCY_IDS)} (add its Valute ID to "
                    "cbr.VALUTE_IDS)"
                )
            specs.append(
                RequestSpec(
                    source_id=SOURCE_ID,
                    label=f"RUB per {currency} daily {start.isoformat()}–{end.isoformat()}",
                    url=f"{base}/XML_dynamic.asp",
                    params={
                        "date_req1": _ru(start),
                        "date_req2": _ru(end),
                        "VAL_NM_RQ": CURRENCY_IDS[currency],
                    },
                )
            )
        for day in cfg["daily_dates"]:
            day = date.fromisoformat(str(day))
            specs.append(
                RequestSpec(
                    source_id=SOURCE_ID,
                    label=f"all rates on {day.isoformat()}",
                    url=f"{base}/XML_daily.asp",
                    params={"date_req": _ru(day)},
                )
            )
        return specs

    def fetch(self, spec: RequestSpec, session: requests.Session) -> RawResponse:
        return http.fetch(spec, session, publisher=PUBLISHER, licence=LICENCE,
                          accept="application/xml, text/xml;q=0.9")

    def parse(self, raw: bytes) -> pd.DataFrame:
        root = _xml(raw)
        if root.tag != "ValCurs":
            raise _format(f"expected <ValCurs> as the root element; got <{root.tag}>")
        children = [c for c in root if isinstance(c.tag, str)]
        text = (root.text or "").strip()
        if not children:
            if text:  # the service puts its complaints (e.g. bad parameters) in the root text
                raise ProviderError(
                    SOURCE_ID, "response body", f"the Bank of Russia answered: {text[:200]}"
                )
            return pd.DataFrame({c: pd.Series(dtype="str") for c in RAW_COLUMNS})
        rows = []
        for index, child in enumerate(children):
            if child.tag == "Valute":
                day = root.get("Date")
                if not day:
                    raise _format("a daily <ValCurs> has no Date attribute")
                rows.append(_row("daily", day, child.get("ID", ""), child, index))
            elif child.tag == "Record":
                valute = child.get("Id") or root.get("ID") or ""
                rows.append(_row("dynamic", child.get("Date", ""), valute, child, index))
            else:
                raise _format(
                    f"unexpected element <{child.tag}> in <ValCurs>; expected "
                    "<Valute> (XML_daily) or <Record> (XML_dynamic)"
                )
        return pd.DataFrame(rows, columns=RAW_COLUMNS)

    def harmonise(self, frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
        where = str(meta.get("url") or meta.get("label") or "response body")
        rows = []
        for rec in frame.to_dict("records"):
            currency = VALUTE_IDS.get(rec["ID"])
            if currency is None:
                if rec["kind"] == "daily":
                    continue  # the daily list has every currency; we keep the ones we track
                raise FormatError(
                    SOURCE_ID, where, f"unknown Valute ID {rec['ID']!r}; add it to cbr.VALUTE_IDS"
                )
            if rec["kind"] == "daily" and rec["CharCode"] and rec["CharCode"] != currency:
                raise FormatError(
                    SOURCE_ID,
                    where,
                    f"Valute {rec['ID']} has CharCode {rec['CharCode']!r}, expected {currency}",
                )
            nominal = int(rec["Nominal"])
            rate = float(rec["Value"]) / nominal
            unit_rate = rec["VunitRate"]
            if (
                unit_rate is not None
                and not pd.isna(unit_rate)
                and abs(float(unit_rate) - rate) > 1e-4 * max(1.0, rate)
            ):
                raise FormatError(
                    SOURCE_ID,
                    where,
                    f"{currency} on {rec['Date']}: VunitRate {unit_rate} disagrees "
                    f"with Value/Nominal = {rec['Value']}/{nominal} = {rate}",
                )
            note = f"Bank of Russia official rate, roubles per 1 {currency}"
            if nominal != 1:
                note += (
                    f"; quoted per {nominal} {currency} (Value {rec['Value']} / Nominal {nominal})"
                )
            if meta.get("copied_from"):  # a recorded answer we did not fetch ourselves
                note += f"; copy of the Bank of Russia answer taken from {meta['copied_from']}"
            rows.append({**OFFICIAL, "indicator": "fx_rate", "reporter": "RUS",
                         "currency": currency, "period": _iso(rec["Date"], where), "freq": "D",
                         "value": rate, "unit": "RUB", "source_id": TABLE_SOURCE_ID,
                         "note": note})
        return observations_frame(rows)

    def source_rows(self, metas: list[dict[str, Any]]) -> pd.DataFrame:
        copied = [m["copied_from"] for m in metas if m.get("copied_from")]
        provenance = f" Copy taken from {copied[0]}." if copied else ""
        return api_source(
            metas, source_id=TABLE_SOURCE_ID, publisher=PUBLISHER, title=TITLE,
            url=self.homepage, licence=LICENCE,
            citation=f"Bank of Russia, {TITLE}: XML_daily.asp and XML_dynamic.asp. "
            f"{self.homepage} (accessed {{accessed}}).{provenance}",
        )

SOURCE = CbrSource()


# --- helpers -------------------------------------------------------------------------------


def _xml(raw: bytes) -> Any:
    head = raw.lstrip()[:200].lower()
    if not head:
        raise _format("the body is empty; expected XML")
    if head.startswith((b"<!doctype html", b"<html")):
        title = http.publisher_message(raw, limit=120)
        raise _format(f"expected the rates XML but got an HTML page ({title or 'no title'})")
    try:
        return etree.fromstring(raw, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise _format(f"the body is not well-formed XML ({exc}); it is probably truncated") from exc


def _row(kind: str, day: str, valute: str, element: Any, index: int) -> dict[str, Any]:
    if not _RU_DATE.fullmatch(day):
        raise _format(f"entry {index}: date {day!r} is not dd.mm.yyyy")
    nominal_text = (element.findtext("Nominal") or "").strip()
    if not nominal_text.isdigit() or int(nominal_text) < 1:
        raise _format(
            f"entry {index} ({valute} {day}): Nominal {nominal_text!r} is not a "
            "positive whole number"
        )
    value = _decimal(element.findtext("Value"), f"entry {index} ({valute} {day}) Value")
    if value is None:
        raise _format(f"entry {index} ({valute} {day}) has no Value")
    return {
        "kind": kind,
        "Date": day,
        "ID": valute,
        "CharCode": (element.findtext("CharCode") or "").strip(),
        "NumCode": (element.findtext("NumCode") or "").strip(),
        "Name": (element.findtext("Name") or "").strip(),
        "Nominal": int(nominal_text),
        "Value": value,
        "VunitRate": _decimal(element.findtext("VunitRate"), f"entry {index} VunitRate"),
    }


def _decimal(text: str | None, what: str) -> float | None:
    """'13,1504' → 13.1504. The service writes a decimal comma; spaces are tolerated."""
    if text is None or not text.strip():
        return None
    cleaned = re.sub(r"[\s\u00a0]", "", text).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise _format(f"{what}: {text!r} is not a number") from None


def _iso(day: str, where: str) -> str:
    match = _RU_DATE.fullmatch(day)
    if not match:
        raise FormatError(SOURCE_ID, where, f"date {day!r} is not dd.mm.yyyy")
    dd, mm, yyyy = match.groups()
    return date(int(yyyy), int(mm), int(dd)).isoformat()


def _ru(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _format(detail: str) -> FormatError:
    return FormatError(SOURCE_ID, "response body", detail)

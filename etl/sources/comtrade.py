"""UN Comtrade API v1: China↔Russia goods trade, annual and monthly, total and by HS chapter,
and China's and Russia's annual trade with every partner (the tables partner ranks come from).

Endpoints (documented by UN Comtrade's own client, `comtradeapicall`):
- keyless preview  https://comtradeapi.un.org/public/v1/preview/C/{A|M}/HS  (≤ 500 records a call)
- keyed            https://comtradeapi.un.org/data/v1/get/C/{A|M}/HS        (key in the
  `Ocp-Apim-Subscription-Key` header, read from COMTRADE_API_KEY; never in the URL)

Every query names `partner2Code=0`, `motCode=0` and `customsCode=C00` explicitly: without them the
API may return breakdowns by second partner, transport mode or customs procedure next to the
totals, and summing those double counts. A result with exactly as many records as the call's
limit is treated as truncated (the API stops at the limit without saying so), and queries are
planned so that a complete answer always stays below the limit.

Partners: any area code of the answer is mapped through etl/sources/m49_areas.csv (etl.sources.m49:
ISO 3166 codes plus Comtrade's own, e.g. 842 for the USA and 490 "Other Asia, nes" for Taiwan);
groups, former states and areas not elsewhere specified keep codes of their own, apart from
countries. The partner tables (`partner_tables`: reporters 156 and 643, all partners, annual,
TOTAL) leave `partnerCode` out, which the API reads as every partner.

Flows: only exports (X) and imports (M) are requested and harmonised. Re-exports (RX) and
re-imports (RM) are not part of the mirror comparison; if a response carries them they are
skipped, on purpose.
"""

from __future__ import annotations

import os
import re
from typing import Any

import numpy as np
import pandas as pd
import requests

from etl.errors import AuthError, FormatError, ProviderError
from etl.sources import http
from etl.sources.base import RawResponse, RequestSpec, refresh_date
from etl.sources.comtrade_records import RAW_COLUMNS, check_totals, load_json, records_frame
from etl.sources.m49 import RANKABLE_KINDS, area_table, codes_of
from etl.sources.tidy import observations_frame, observations_frame_from, sources_frame

__all__ = ["RAW_COLUMNS", "SOURCE"]

SOURCE_ID = "comtrade"
KEYED_SOURCE_ID = "comtrade-api-v1"
PREVIEW_SOURCE_ID = "comtrade-api-v1-preview"

PUBLISHER = "United Nations Statistics Division (UN Comtrade)"
LICENCE = (
    "UN Comtrade terms of use: free to use and redistribute with attribution to "
    "UN Comtrade (United Nations Statistics Division); see https://uncomtrade.org"
)

HS_REVISIONS = {
    "H0": "HS1992",
    "H1": "HS1996",
    "H2": "HS2002",
    "H3": "HS2007",
    "H4": "HS2012",
    "H5": "HS2017",
    "H6": "HS2022",
}
FLOWS = {"X": "export", "M": "import"}
VALUATION = {"export": "FOB", "import": "CIF"}  # Comtrade's primaryValue convention
# Planning bound for cmdCode=AG2: HS chapters 01–97 exist (77 reserved), 98–99 are national.
HS_CHAPTERS_MAX = 99
# Planning bound for an all-partners table: one record per area code and flow at most.
PARTNER_AREAS_MAX = len(area_table())

DEFAULT_CONFIG: dict[str, Any] = {
    "mode": "auto",  # auto (keyed when the key is set) | preview | keyed
    "api_key_env": "COMTRADE_API_KEY",
    "base_url": "https://comtradeapi.un.org",
    "pairs": [[156, 643], [643, 156]],  # reporter, partner (M49): both sides of the mirror
    "world_totals": True,  # also ask each reporter's total with the world (partner 0)
    "start_year": 2015,
    "end_year": None,  # None: the last complete calendar year
    "monthly": True,
    "monthly_start": "2021-01",
    "monthly_end": None,  # None: the current month (future months come back empty)
    "hs_chapters": True,
    "partner_tables": [156, 643],  # reporters whose annual TOTAL with every partner is asked
    "max_periods_per_call": 12,
    "preview_row_limit": 500,
    "keyed_row_limit": 100000,
    "today": None,  # ISO date of the refresh; collect() sets it
}



class ComtradeSource:
    source_id = SOURCE_ID
    publisher = PUBLISHER
    title = "UN Comtrade Database, API v1 (goods trade by HS, annual and monthly)"
    licence = LICENCE
    homepage = "https://comtradeplus.un.org"

    # --- what to ask for -------------------------------------------------------------------

    def build_requests(self, config: dict[str, Any]) -> list[RequestSpec]:
        cfg = {**DEFAULT_CONFIG, **(config or {})}
        today = refresh_date(cfg)
        keyed, headers = _mode(cfg)
        limit = int(cfg["keyed_row_limit"] if keyed else cfg["preview_row_limit"])
        endpoint = "data/v1/get" if keyed else "public/v1/preview"
        base = str(cfg["base_url"]).rstrip("/")

        end_year = int(cfg["end_year"] or today.year - 1)
        years = [str(y) for y in range(int(cfg["start_year"]), end_year + 1)]
        months = _months(cfg["monthly_start"], cfg["monthly_end"] or today.strftime("%Y-%m"))
        by_freq = [("A", years)] + ([("M", months)] if cfg["monthly"] else [])
        commodities = ["TOTAL", "AG2"] if cfg["hs_chapters"] else ["TOTAL"]

        specs: list[RequestSpec] = []
        for reporter, partner in cfg["pairs"]:
            reporter, partner = int(reporter), int(partner)
            for freq, periods in by_freq:
                for cmd in commodities:
                    partners = [partner]
                    if cmd == "TOTAL" and cfg["world_totals"] and partner != 0:
                        partners.append(0)
                    rows_per_period = (1 if cmd == "TOTAL" else HS_CHAPTERS_MAX) * 2 * len(partners)
                    per_call = periods_per_call(
                        rows_per_period, limit, int(cfg["max_periods_per_call"])
                    )
                    for chunk in _chunks(periods, per_call):
                        specs.append(
                            RequestSpec(
                                source_id=SOURCE_ID,
                                label=_label(reporter, partners, freq, cmd, chunk),
                                url=f"{base}/{endpoint}/C/{freq}/HS",
                                params={
                                    "reporterCode": str(reporter),
                                    "partnerCode": ",".join(str(p) for p in partners),
                                    "partner2Code": "0",
                                    "period": ",".join(chunk),
                                    "cmdCode": cmd,
                                    "flowCode": "X,M",
                                    "customsCode": "C00",
                                    "motCode": "0",
                                    "maxRecords": str(limit),
                                    "format": "JSON",
                                    "breakdownMode": "classic",
                                    "includeDesc": "true",
                                },
                                secret_headers=dict(headers),
                                row_limit=limit,
                            )
                        )
        for reporter in cfg["partner_tables"] or []:
            specs += partner_table_requests(int(reporter), years, base, endpoint, limit,
                                            headers, int(cfg["max_periods_per_call"]))
        return specs

    # --- the only network I/O --------------------------------------------------------------

    def fetch(self, spec: RequestSpec, session: requests.Session) -> RawResponse:
        return http.fetch(
            spec,
            session,
            publisher=PUBLISHER,
            licence=LICENCE,
            accept="application/json",
            auth_hint=(
                "Set COMTRADE_API_KEY to a valid UN Comtrade subscription key, "
                "or unset it to use the keyless preview."
            ),
        )

    # --- pure: the body in Comtrade's own terms ---------------------------------------------

    def parse(self, raw: bytes) -> pd.DataFrame:
        payload = load_json(raw)
        if not isinstance(payload, dict):
            raise _format(
                f"expected a JSON object with 'count', 'data', 'error'; "
                f"got a JSON {type(payload).__name__}"
            )
        error = payload.get("error")
        if error:
            raise ProviderError(
                SOURCE_ID,
                "response body",
                f"UN Comtrade answered with an error: {str(error)[:300]}",
            )
        if "data" not in payload:
            said = payload.get("message") or payload.get("statusCode")
            extra = f" (the body says: {said})" if said else ""
            raise _format(f"expected a 'data' member; got keys {sorted(payload)[:10]}{extra}")
        data = payload["data"]
        # Documented variations: no records as null or [], a single record as a bare object.
        if data is None:
            records: list[Any] = []
        elif isinstance(data, dict):
            records = [data]
        elif isinstance(data, list):
            records = data
        else:
            raise _format(f"'data' should be a list of records; got {type(data).__name__}")
        count = payload.get("count")
        if count is not None and (not isinstance(count, int) or count != len(records)):
            raise _format(
                f"'count' says {count} but 'data' holds {len(records)} records: "
                "the body is truncated or inconsistent"
            )
        return records_frame(records)

    # --- pure: into the observations table --------------------------------------------------

    def harmonise(self, frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
        where = _where(meta)
        row_limit = meta.get("row_limit")
        if row_limit and len(frame) >= int(row_limit):
            raise FormatError(
                SOURCE_ID,
                where,
                f"{len(frame)} records is the call's row limit ({row_limit}): the "
                "result is truncated; split the query into fewer periods",
            )
        source_id = endpoint_source_id(str(meta.get("url", "")))
        # Column-wise: a 100,000-record answer must harmonise in a fraction of its JSON parse.
        frame = frame[frame["flowCode"].isin(FLOWS)]  # RX/RM etc. were not asked for: skipped
        check_totals(frame, where)
        frame = frame[frame["primaryValue"].notna()]
        if frame.empty:
            return observations_frame([])
        flow = frame["flowCode"].map(FLOWS)
        reporter = codes_of(frame["reporterCode"], SOURCE_ID, where)
        partner = codes_of(frame["partnerCode"], SOURCE_ID, where)
        # Look-ups per distinct value, then vectorised maps (never a Python loop per record).
        keys = frame["period"] + "|" + frame["freqCode"]
        periods = {k: _period(*k.split("|", 1), where) for k in keys.unique()}
        revision = frame["classificationCode"].map(
            {hs: f"{HS_REVISIONS[hs]} ({hs})" if hs in HS_REVISIONS else (hs or "HS")
             for hs in frame["classificationCode"].unique()}
        )
        names, kinds = _names_and_kinds()
        note = "reported by " + reporter.map(names) + "; " + revision
        apart = ~partner.map(kinds).isin(RANKABLE_KINDS | {"world"})
        note = note.where(~apart, note + "; partner " + partner.map(names) + " ("
                          + partner.map(kinds) + " area, not a country)")
        other = frame["fobvalue"].where(flow == "import", frame["cifvalue"])
        differs = other.notna() & (other != frame["primaryValue"])
        label = pd.Series(np.where(flow == "import", "FOB", "CIF"), index=frame.index)
        note = note.where(
            ~differs,
            note + "; " + label + " value also reported: " + other.map("{:.0f}".format) + " USD",
        )
        base = pd.DataFrame(
            {
                "reporter": reporter,
                "partner": partner,
                "flow": flow,
                "commodity": frame["cmdCode"],
                "currency": "",
                "period": keys.map({k: v[0] for k, v in periods.items()}),
                "freq": keys.map({k: v[1] for k, v in periods.items()}),
                "cumulative": False,
                "basis": "",
                "status": "official",
                "source_id": source_id,
                "derived_from": "",
                "quote": "",
                "speaker": "",
                "_order": np.arange(len(frame)) * 2,
            },
            index=frame.index,
        )
        values = base.assign(
            indicator="trade_value",
            value=frame["primaryValue"].astype("float64"),
            unit="USD",
            qualifier="exact",
            valuation=flow.map(VALUATION),
            note=note,
        )
        weight = frame["netWgt"]
        weighed = weight.notna() & (weight > 0)  # null and 0 both mean "not reported"
        estimated = (
            frame.loc[weighed, "isNetWgtEstimated"].astype(object).fillna(False).astype(bool)
        )
        quantities = base[weighed].assign(
            indicator="trade_quantity",
            value=weight[weighed] / 1000.0,
            unit="t",
            qualifier=np.where(estimated, "approx", "exact"),
            valuation="",
            note=note[weighed]
            + "; net weight"
            + np.where(estimated, ", estimated by UN Comtrade", ""),
            _order=base.loc[weighed, "_order"] + 1,
        )
        rows = pd.concat([values, quantities]).sort_values("_order", kind="mergesort")
        return observations_frame_from(rows.drop(columns="_order"))

    def source_rows(self, metas: list[dict[str, Any]]) -> pd.DataFrame:
        by_endpoint: dict[str, list[dict[str, Any]]] = {}
        for meta in metas:
            by_endpoint.setdefault(endpoint_source_id(str(meta.get("url", ""))), []).append(meta)
        rows = []
        for source_id, group in sorted(by_endpoint.items()):
            accessed = max(str(m.get("fetched_at", "")) for m in group)[:10]
            url = re.sub(r"/C/[AM]/HS.*$", "/C/{A|M}/HS", str(group[0].get("url", "")))
            title = (
                "UN Comtrade API v1, final data (goods, HS), China–Russia and China's and "
                "Russia's partner tables"
                if source_id == KEYED_SOURCE_ID
                else "UN Comtrade API v1, public preview (goods, HS; ≤500 records a call), "
                "China–Russia and China's and Russia's partner tables"
            )
            rows.append(
                {
                    "source_id": source_id,
                    "publisher": PUBLISHER,
                    "title": title,
                    "url": url,
                    "date_published": "",
                    "date_accessed": accessed,
                    "licence": LICENCE,
                    "citation": "United Nations Statistics Division, UN Comtrade Database: "
                    f"{title}. {url} (accessed {accessed}).",
                    "original_publisher": "national customs of the reporting countries via "
                    "UN Comtrade",
                    "kind": "api",
                    "tier": "official",
                }
            )
        return sources_frame(rows)


SOURCE = ComtradeSource()


# --- helpers -------------------------------------------------------------------------------


def periods_per_call(rows_per_period: int, row_limit: int, max_periods: int) -> int:
    """How many periods fit in one call so that a complete answer stays below the row limit."""
    fit = (row_limit - 1) // rows_per_period
    if fit < 1:
        raise ValueError(
            f"one period needs up to {rows_per_period} rows, more than the row "
            f"limit {row_limit} allows; ask for fewer partners or commodities"
        )
    return min(fit, max_periods)


def _names_and_kinds() -> tuple[dict[str, str], dict[str, str]]:
    table = area_table().drop_duplicates(subset="code")
    short = {"WLD": "the world", "RUS": "Russia"}  # as the notes have always said
    names = {**dict(zip(table["code"], table["name"], strict=True)), **short}
    return names, dict(zip(table["code"], table["kind"], strict=True))


def partner_table_requests(reporter: int, years: list[str], base: str, endpoint: str,
                           limit: int, headers: dict[str, str],
                           max_periods: int) -> list[RequestSpec]:
    """A reporter's annual total with every partner. Without `partnerCode` the API answers for
    all partners; the flows are asked one at a time when both together could reach the limit
    (the keyless preview's 500 records)."""
    both = limit > 2 * PARTNER_AREAS_MAX
    flows = ["X,M"] if both else ["X", "M"]
    per_call = periods_per_call(PARTNER_AREAS_MAX * (2 if both else 1), limit, max_periods)
    specs = []
    for flow in flows:
        for chunk in _chunks(years, per_call):
            span = chunk[0] if len(chunk) == 1 else f"{chunk[0]}–{chunk[-1]}"
            what = "" if both else f" {'exports' if flow == 'X' else 'imports'}"
            specs.append(RequestSpec(
                source_id=SOURCE_ID,
                label=f"{_area(reporter)}→all partners annual total{what} {span}",
                url=f"{base}/{endpoint}/C/A/HS",
                params={"reporterCode": str(reporter), "partner2Code": "0",
                        "period": ",".join(chunk), "cmdCode": "TOTAL", "flowCode": flow,
                        "customsCode": "C00", "motCode": "0", "maxRecords": str(limit),
                        "format": "JSON", "breakdownMode": "classic", "includeDesc": "true"},
                secret_headers=dict(headers),
                row_limit=limit,
            ))
    return specs


def _area(m49: int) -> str:
    codes = area_table().drop_duplicates(subset="m49").set_index("m49")["code"]
    return str(codes.get(m49, m49))


def endpoint_source_id(url: str) -> str:
    return PREVIEW_SOURCE_ID if "/public/v1/preview/" in url else KEYED_SOURCE_ID


def _mode(cfg: dict[str, Any]) -> tuple[bool, dict[str, str]]:
    """(keyed?, secret headers). The key comes from the config or the environment, never a URL."""
    key = cfg.get("api_key") or os.environ.get(str(cfg["api_key_env"]), "")
    mode = cfg["mode"]
    if mode == "preview" or (mode == "auto" and not key):
        return False, {}
    if not key:
        raise AuthError(
            SOURCE_ID,
            "configuration",
            f"the keyed UN Comtrade endpoint needs a key: set {cfg['api_key_env']} "
            "or use mode 'preview'",
        )
    return True, {"Ocp-Apim-Subscription-Key": str(key)}


def _months(start: str, end: str) -> list[str]:
    y, m = (int(x) for x in start.split("-"))
    end_y, end_m = (int(x) for x in end.split("-"))
    out = []
    while (y, m) <= (end_y, end_m):
        out.append(f"{y:04d}{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _label(reporter: int, partners: list[int], freq: str, cmd: str, periods: list[str]) -> str:
    iso = " and ".join(_area(p) for p in partners)
    first, last = periods[0], periods[-1]
    if freq == "M":
        first, last = f"{first[:4]}-{first[4:]}", f"{last[:4]}-{last[4:]}"
    span = first if first == last else f"{first}–{last}"
    what = "total" if cmd == "TOTAL" else "by HS chapter"
    return (
        f"{_area(reporter)}→{iso} "
        f"{'annual' if freq == 'A' else 'monthly'} {what} {span}"
    )


def _period(period: str, freq: str, where: str) -> tuple[str, str]:
    freq = freq or ("A" if len(period) == 4 else "M")
    if freq == "A" and re.fullmatch(r"\d{4}", period):
        return period, "A"
    if freq == "M" and re.fullmatch(r"\d{4}(0[1-9]|1[0-2])", period):
        return f"{period[:4]}-{period[4:]}", "M"
    raise FormatError(
        SOURCE_ID,
        where,
        f"unexpected period {period!r} for frequency {freq!r}; expected YYYY "
        "(annual) or YYYYMM (monthly)",
    )


def _where(meta: dict[str, Any]) -> str:
    label, url = meta.get("label"), meta.get("url")
    if label and url:
        return f"{label} <{url}>"
    return str(url or label or meta.get("path") or "response body")


def _format(detail: str) -> FormatError:
    return FormatError(SOURCE_ID, "response body", detail)

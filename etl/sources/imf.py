"""IMF International Trade in Goods (IMTS, the successor of DOTS) through the IMF SDMX API.

Request (SDMX-REST for SDMX 3.0, as used by the `imfp` and `sdmx1` clients)::

    https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/
        CHN+RUS.XG_FOB_USD+MG_CIF_USD.RUS+CHN+G001.A

The key is COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY; areas are ISO alpha-3 codes, the
world is G001; XG_FOB_USD = goods exports FOB, MG_CIF_USD = goods imports CIF, both in US
dollars. One request per frequency covers China's and Russia's flows with each other and with the
world. The body is SDMX-ML structure-specific data (asked for with
`Accept: application/vnd.sdmx.data+xml;version=3.0.0`); the parser also reads the SDMX-ML 2.1
flavour, so `sdmx_version: "2.1"` in the config switches to the 2.1 endpoint without code changes.
An optional key (IMF_API_KEY) is sent in the `Ocp-Apim-Subscription-Key` header if set.

The SCALE rule (what the data says, not what we assume). In SDMX, a unit multiplier attribute
means "multiply the value by 10^n". IMTS series carry SCALE="6" (millions), yet on api.imf.org the
OBS_VALUE of IMTS arrives in US dollars: SCALE tells the data portal to *display* millions. We do
not hard-code either reading. For each response:
- `UNIT_MULT`, the standard SDMX multiplier attribute, is always applied when present;
- if every value in series with SCALE=n>0 is a whole number and the largest is at least 10^n,
  the values are already in units (a figure stated in millions would show decimals, and a
  dollar figure below one unit of the scale cannot be told apart), so SCALE is read as a
  display scale and not applied;
- otherwise SCALE is applied as a multiplier (the SDMX convention).
Which reading was used is written into each row's note.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pandas as pd
import requests
from lxml import etree

from etl.errors import FormatError, ProviderError
from etl.sources import http
from etl.sources.base import RawResponse, RequestSpec
from etl.sources.tidy import OFFICIAL, api_source, observations_frame

SOURCE_ID = "imf"
TABLE_SOURCE_ID = "imf-imts-sdmx"
PUBLISHER = "International Monetary Fund (IMF), Statistics Department"
LICENCE = (
    "IMF Terms and Conditions, https://www.imf.org/external/terms.htm: data may be reused "
    "with attribution to the IMF as the source"
)
TITLE = "International Trade in Goods (by partner country) (IMTS), IMF SDMX API"

DEFAULT_CONFIG: dict[str, Any] = {
    "base_url": "https://api.imf.org/external/sdmx/3.0",
    "sdmx_version": "3.0",  # "3.0" (data/dataflow/...) or "2.1" (data/agency,flow,version/...)
    "agency": "IMF.STA",
    "dataflow": "IMTS",
    "version": "+",  # latest; "2.1" maps it to "latest"
    "countries": ["CHN", "RUS"],
    "counterparts": ["RUS", "CHN", "G001"],
    "indicators": ["XG_FOB_USD", "MG_CIF_USD"],
    "frequencies": ["A", "M"],
    "api_key_env": "IMF_API_KEY",
}

# indicator → (flow, valuation); the unit is the code's suffix (_USD).
INDICATORS = {
    "XG_FOB_USD": ("export", "FOB"),
    "MG_CIF_USD": ("import", "CIF"),
    "MG_FOB_USD": ("import", "FOB"),
}
AREA_CODES = {"G001": "WLD"}  # IMF group code for the world → the contract's WLD
COUNTRY_NAMES = {"CHN": "China", "RUS": "Russia"}
FREQ_NAMES = {"A": "annual", "Q": "quarterly", "M": "monthly"}
DIMENSIONS = ["COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY"]
_MISSING = {"", "NAN", "NA", "NP", "ND", "N/A", "-"}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class ImfSource:
    source_id = SOURCE_ID
    publisher = PUBLISHER
    title = TITLE
    licence = LICENCE
    homepage = "https://data.imf.org/en/datasets/IMF.STA:IMTS"

    def build_requests(self, config: dict[str, Any]) -> list[RequestSpec]:
        cfg = {**DEFAULT_CONFIG, **(config or {})}
        base = str(cfg["base_url"]).rstrip("/")
        if cfg["sdmx_version"] == "2.1":
            version = "latest" if cfg["version"] == "+" else cfg["version"]
            flow_path = f"data/{cfg['agency']},{cfg['dataflow']},{version}"
            params = {"dimensionAtObservation": "TIME_PERIOD"}
        else:
            flow_path = f"data/dataflow/{cfg['agency']}/{cfg['dataflow']}/{cfg['version']}"
            params = {
                "dimensionAtObservation": "TIME_PERIOD",
                "attributes": "dsd",
                "measures": "all",
            }
        key = os.environ.get(str(cfg["api_key_env"]), "") if cfg.get("api_key_env") else ""
        headers = {"Ocp-Apim-Subscription-Key": key} if key else {}
        specs = []
        for freq in cfg["frequencies"]:
            series_key = ".".join(
                [
                    "+".join(cfg["countries"]),
                    "+".join(cfg["indicators"]),
                    "+".join(cfg["counterparts"]),
                    freq,
                ]
            )
            label = (
                f"{'+'.join(cfg['countries'])} goods trade with "
                f"{'+'.join(cfg['counterparts'])} {FREQ_NAMES.get(freq, freq)}"
            )
            specs.append(
                RequestSpec(
                    source_id=SOURCE_ID,
                    label=label,
                    url=f"{base}/{flow_path}/{series_key}",
                    params=dict(params),
                    secret_headers=headers,
                )
            )
        return specs

    def fetch(self, spec: RequestSpec, session: requests.Session) -> RawResponse:
        hint = "If api.imf.org requires a subscription key, set IMF_API_KEY."
        raw = http.fetch(
            spec,
            session,
            publisher=PUBLISHER,
            licence=LICENCE,
            accept="application/vnd.sdmx.data+xml;version=3.0.0, application/xml;q=0.9",
            auth_hint=hint,
            accept_statuses=(404,),
        )
        # SDMX-REST answers "no data for this key" with 404 and an SDMX error message (code
        # 100): that is an empty result, kept like any answer. Any other 404 is a real error;
        # the IMF's gateway is reported to answer a missing key with a bare 404 too.
        if raw.meta["http_status"] == 404 and not is_no_results(raw.body):
            raise http.error_for_status(
                spec, 404, raw.body, {}, not_found_hint=f"Check the series key. {hint}"
            )
        return raw

    def parse(self, raw: bytes) -> pd.DataFrame:
        root = _xml(raw)
        kind = etree.QName(root).localname
        if kind == "Error":
            if is_no_results(raw):
                return _empty_frame()
            raise ProviderError(
                SOURCE_ID,
                "response body",
                f"the IMF answered with an SDMX error: {_error_text(root)}",
            )
        if kind != "StructureSpecificData":
            raise _format(
                f"expected SDMX-ML structure-specific data (<StructureSpecificData>); "
                f"got <{kind}>: ask with Accept: application/vnd.sdmx.data+xml"
            )
        dataflow = _dataflow(root)
        rows: list[dict[str, str]] = []
        for dataset in root.iter("{*}DataSet"):
            ds_attrs = _plain_attrs(dataset)
            elements = [c for c in dataset if isinstance(c.tag, str)]  # skip comments
            # Attributes attached to a group (e.g. SCALE for all of one country's series) sit
            # on <Group> elements; every series whose key matches the group inherits them.
            groups = [_plain_attrs(c) for c in elements if etree.QName(c).localname == "Group"]
            for child in elements:
                name = etree.QName(child).localname
                if name == "Series":
                    own = _plain_attrs(child)
                    series = {**ds_attrs, **_group_attrs(groups, own), **own}
                    for obs in child:
                        if isinstance(obs.tag, str) and etree.QName(obs).localname == "Obs":
                            rows.append({**series, **_plain_attrs(obs)})
                elif name == "Obs":  # flat layout: every dimension on the observation
                    rows.append({**ds_attrs, **_plain_attrs(child)})
        if not rows:
            return _empty_frame()
        frame = pd.DataFrame(rows)
        missing = [c for c in [*DIMENSIONS, "TIME_PERIOD"] if c not in frame.columns]
        if missing:
            raise _format(
                f"observations lack {', '.join(missing)}; expected the IMTS key "
                "COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY and TIME_PERIOD"
            )
        if "OBS_VALUE" not in frame.columns:
            frame["OBS_VALUE"] = ""
        frame = frame.fillna("")
        frame["OBS_VALUE"] = [_obs_value(v, i) for i, v in enumerate(frame["OBS_VALUE"])]
        frame["OBS_VALUE"] = frame["OBS_VALUE"].astype("float64")
        frame["DATAFLOW"] = dataflow
        return frame

    def harmonise(self, frame: pd.DataFrame, meta: dict[str, Any]) -> pd.DataFrame:
        where = str(meta.get("url") or meta.get("label") or "response body")
        frame = frame[frame["OBS_VALUE"].notna()] if not frame.empty else frame
        if frame.empty:
            return observations_frame([])
        reading = scale_reading(frame)
        rows = []
        for rec in frame.to_dict("records"):
            indicator = rec["INDICATOR"]
            if indicator not in INDICATORS:
                raise FormatError(
                    SOURCE_ID,
                    where,
                    f"unexpected INDICATOR {indicator!r}; this source maps {sorted(INDICATORS)}",
                )
            flow, valuation = INDICATORS[indicator]
            _check_unit(rec, where)
            scale = _int_attr(rec, "SCALE", where)
            value = float(rec["OBS_VALUE"]) * 10.0 ** _int_attr(rec, "UNIT_MULT", where)
            if scale and reading == "multiplier":
                value *= 10.0**scale
            reporter = _area(rec["COUNTRY"], where)
            period, freq = _period(rec["TIME_PERIOD"], rec["FREQUENCY"], where)
            note = (
                f"reported by {COUNTRY_NAMES.get(reporter, reporter)} to the IMF (IMTS); "
                f"{'exports' if flow == 'export' else 'imports'} {valuation}"
            )
            if scale:
                note += (
                    f"; SCALE={scale} read as a display scale: OBS_VALUE already in US dollars"
                    if reading == "display"
                    else f"; SCALE={scale} applied (× 10^{scale})"
                )
            if rec.get("DATAFLOW"):
                note += f"; dataflow {rec['DATAFLOW']}"
            rows.append({**OFFICIAL, "indicator": "trade_value", "reporter": reporter,
                         "partner": _area(rec["COUNTERPART_COUNTRY"], where), "flow": flow,
                         "commodity": "TOTAL", "period": period, "freq": freq, "value": value,
                         "unit": "USD", "valuation": valuation, "source_id": TABLE_SOURCE_ID,
                         "note": note})
        return observations_frame(rows)

    def source_rows(self, metas: list[dict[str, Any]]) -> pd.DataFrame:
        first = str(metas[0].get("url", "")) if metas else ""
        url = re.sub(r"(/IMTS/[^/]+/).*$", r"\1", first) or self.homepage
        return api_source(
            metas, source_id=TABLE_SOURCE_ID, publisher=PUBLISHER, title=TITLE, url=url,
            licence=LICENCE,
            citation=f"International Monetary Fund, {TITLE}. {url} (accessed {{accessed}}).",
            original_publisher="national statistical offices and customs, compiled by the IMF",
        )

SOURCE = ImfSource()


# --- helpers -------------------------------------------------------------------------------


def scale_reading(frame: pd.DataFrame) -> str:
    """'display', 'multiplier' or 'none': how SCALE is read for this response (module doc)."""
    if "SCALE" not in frame.columns:
        return "none"
    scales = pd.to_numeric(frame["SCALE"].replace("", "0"), errors="coerce").fillna(0)
    scaled = frame.loc[scales > 0, "OBS_VALUE"].dropna()
    if scaled.empty:
        return "none"
    whole = bool((scaled == scaled.round()).all())
    large = bool(scaled.abs().max() >= 10.0 ** scales[scales > 0].max())
    return "display" if whole and large else "multiplier"


def is_no_results(body: bytes) -> bool:
    """An SDMX error message saying "no results" (code 100), the SDMX-REST empty answer."""
    head = body[:5000]
    return (b"ErrorMessage" in head or b"Error" in head[:500]) and (
        b'code="100"' in head
        or b"No Results" in head
        or b"NoResultsFound" in head
        or b"No results" in head
    )


def _xml(raw: bytes) -> Any:
    head = raw.lstrip()[:200].lower()
    if not head:
        raise _format("the body is empty; expected SDMX-ML")
    if head.startswith((b"<!doctype html", b"<html")):
        title = http.publisher_message(raw, limit=120)
        raise _format(f"expected SDMX-ML but got an HTML page ({title or 'no title'})")
    if head.startswith((b"{", b"[")):
        raise _format(
            "expected SDMX-ML (XML) but got JSON; the request's Accept header "
            "should ask for application/vnd.sdmx.data+xml"
        )
    try:
        return etree.fromstring(raw, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise _format(f"the body is not well-formed XML ({exc}); it is probably truncated") from exc


def _group_attrs(groups: list[dict[str, str]], series: dict[str, str]) -> dict[str, str]:
    """Attributes of the groups whose dimension values all match this series' key."""
    inherited: dict[str, str] = {}
    for group in groups:
        key = {k: v for k, v in group.items() if k in DIMENSIONS}
        if key and all(series.get(k) == v for k, v in key.items()):
            inherited.update({k: v for k, v in group.items() if k not in DIMENSIONS})
    return inherited


def _obs_value(text: str, index: int) -> float:
    """SDMX writes a missing observation as an empty value, NaN or a flag such as NA."""
    text = str(text).strip()
    if text.upper() in _MISSING:
        return float("nan")
    try:
        return float(text)
    except ValueError:
        raise _format(f"observation {index}: OBS_VALUE {text!r} is not a number") from None


def _plain_attrs(element: Any) -> dict[str, str]:
    """Component values: unqualified attributes only (ss:/xsi: attributes are SDMX plumbing)."""
    return {k: v for k, v in element.attrib.items() if not k.startswith("{")}


def _dataflow(root: Any) -> str:
    for usage in root.iter("{*}StructureUsage", "{*}Dataflow"):
        text = (usage.text or "").strip()
        ref = text or usage.get("urn", "")
        match = re.search(r"Dataflow=([^\s<]+)", ref)
        if match:
            return match.group(1)
        if usage.get("id"):
            return f"{usage.get('agencyID', '')}:{usage.get('id')}({usage.get('version', '')})"
    return ""


def _error_text(root: Any) -> str:
    parts = []
    for message in root.iter("{*}ErrorMessage"):
        text = " ".join(t.strip() for t in message.itertext() if t.strip())
        parts.append(f"code {message.get('code', '?')}: {text}")
    return "; ".join(parts)[:300] or "no message"


def _check_unit(rec: dict[str, Any], where: str) -> None:
    if not str(rec["INDICATOR"]).endswith("_USD"):
        raise FormatError(SOURCE_ID, where, f"indicator {rec['INDICATOR']!r} is not in US dollars")
    for key in ("UNIT", "UNIT_MEASURE"):
        unit = str(rec.get(key) or "")
        if unit and "USD" not in unit.upper():
            raise FormatError(
                SOURCE_ID, where, f"{key}={unit!r} contradicts the indicator's US dollars"
            )


def _int_attr(rec: dict[str, Any], key: str, where: str) -> int:
    raw = rec.get(key)
    if raw is None or raw == "" or (isinstance(raw, float) and pd.isna(raw)):
        return 0
    try:
        return int(str(raw))
    except ValueError:
        raise FormatError(
            SOURCE_ID, where, f"{key}={raw!r} is not an integer power of ten"
        ) from None


def _area(code: str, where: str) -> str:
    code = AREA_CODES.get(code, code)
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise FormatError(
            SOURCE_ID, where, f"unexpected area code {code!r}; expected ISO alpha-3 or G001 (world)"
        )
    return code


def _period(period: str, freq: str, where: str) -> tuple[str, str]:
    patterns = [
        (r"(\d{4})(?:-A1?)?", "A", "{0}"),
        (r"(\d{4})-M?(0[1-9]|1[0-2])", "M", "{0}-{1}"),
        (r"(\d{4})-Q([1-4])", "Q", "{0}-Q{1}"),
    ]
    for pattern, found_freq, template in patterns:
        match = re.fullmatch(pattern, str(period))
        if match:
            if freq and freq != found_freq:
                break
            return template.format(*match.groups()), found_freq
    raise FormatError(
        SOURCE_ID,
        where,
        f"TIME_PERIOD {period!r} does not fit FREQUENCY "
        f"{freq!r} (expected 2024, 2024-M01 or 2024-Q1)",
    )


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="str") for c in [*DIMENSIONS, "TIME_PERIOD"]}
        | {"OBS_VALUE": pd.Series(dtype="float64")}
    )


def _format(detail: str) -> FormatError:
    return FormatError(SOURCE_ID, "response body", detail)

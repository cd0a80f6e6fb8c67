"""Turn the research pack (../shared/reference/*.csv) into the project's curated inputs.

Run once by hand when the pack changes:  python tools/import_reference.py [REFERENCE_DIR]

It writes data/curated/{sources.csv, events.csv, observations/*.csv} in the shape of the data
contract (etl/schema.py), keeping each value's citation, quote and status, and
data/curated/IMPORT_LOG.md listing every reference row it did not carry over, with the reason.
After that the curated files are the project's own: review them, edit them, and the pipeline
validates every change. This script is not part of the pipeline or the tests.

Curated values stay in the unit the source quotes ("USD bn", "Mt", "%"), so a reviewer can
check them against the quote; the pipeline converts them to base units.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from etl.schema import (  # noqa: E402
    EVENT_COLUMNS,
    OBSERVATION_COLUMNS,
    OBSERVATION_KEY,
    SOURCE_COLUMNS,
)

REFERENCE = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "reference"
OUT = REPO / "data" / "curated"

PRESS_LICENCE = (
    "Copyright of the publisher. Facts and short quotations used with attribution for "
    "fact-checking; the figures themselves are not copyrightable."
)
WIKI_LICENCE = "Wikipedia text, CC BY-SA 4.0 (via a mirror); figures from GACC"

# Titles known from the research pack; other press items carry no recorded title.
KNOWN_TITLES = {
    "agorahub/pen0": "What Are the Key Strengths of the China-Russia Relationship? (CSIS ChinaPower)",
    "profilbaru.com": "List of the largest trading partners of China (Wikipedia, 2023 table)",
    "osmarks.net": "List of the largest trading partners of China (Wikipedia, 2020-08 snapshot)",
    "mees.com": "MEES weekly report",
    "federalreserve.gov": "Federal Reserve G.5A Foreign Exchange Rates (Annual)",
    "cyberleninka.ru": "Сотрудничество России и Китая в новых условиях: некоторые экономические "
    "итоги 2023 г. (Turaeva, Yakovlev)",
    "cbr.ru": "Bank of Russia: mirror statistics (methodology)",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Pack:
    """Accumulates curated rows; one source row per document (URL)."""

    def __init__(self) -> None:
        self.sources: dict[str, dict] = {}
        self.by_url: dict[str, str] = {}
        self.obs: dict[str, list[dict]] = defaultdict(list)
        self.events: list[dict] = []
        self.skipped: list[tuple[str, int, str, str]] = []
        self.keys: dict[tuple, tuple[str, str]] = {}

    # --- sources ---------------------------------------------------------------------------
    def source(self, descriptor: str, url: str, pub_date: str, kind: str = "") -> str:
        url = url.strip()
        if not url:
            raise ValueError(f"no URL for source {descriptor!r}")
        if url in self.by_url:
            return self.by_url[url]
        stem = host_stem(url)
        date = pub_date_clean(pub_date)
        digest = hashlib.sha1(url.encode()).hexdigest()[:4]
        source_id = f"{slug(stem)}-{date or 'nd'}-{digest}"
        publisher, original = split_descriptor(descriptor)
        if "Wikipedia" in descriptor:
            publisher = f"Wikipedia (copy on {urlparse(url).netloc})"
        title = next((t for key, t in KNOWN_TITLES.items() if key in url), "")
        if not kind:
            kind = guess_kind(url, descriptor)
        licence = WIKI_LICENCE if kind == "reference_work" else PRESS_LICENCE
        citation = f"{publisher}{' (' + original + ')' if original else ''}"
        citation += f", {date}" if date else ", date not recorded"
        citation += f". {url}"
        self.sources[source_id] = {
            "source_id": source_id,
            "publisher": publisher,
            "title": title,
            "url": url,
            "date_published": date,
            "date_accessed": "",
            "licence": licence,
            "citation": citation,
            "original_publisher": original,
            "kind": kind,
        }
        self.by_url[url] = source_id
        return source_id

    # --- observations ----------------------------------------------------------------------
    def add(self, table: str, **row: object) -> None:
        full = {c: "" for c in OBSERVATION_COLUMNS}
        full.update({"cumulative": False, "qualifier": "exact"})
        full.update(row)
        missing = [c for c in ("indicator", "period", "freq", "unit", "source_id") if not full[c]]
        if missing:
            raise ValueError(f"row for {table} lacks {missing}: {row}")
        key = tuple(str(full[c]) for c in OBSERVATION_KEY)
        if key in self.keys:
            first_table, first_value = self.keys[key]
            if float(first_value or "nan") == float(full["value"] or "nan") or (
                first_value == full["value"]
            ):
                self.skip(
                    table,
                    0,
                    f"{full['indicator']} {full['period']} {full['flow']} "
                    f"{full['value']} {full['unit']}",
                    f"same figure from the same source already imported ({first_table})",
                )
                return
            raise ValueError(
                f"conflict: {key} is {first_value} in {first_table} but {full['value']} in {table}"
            )
        self.keys[key] = (table, str(full["value"]))
        self.obs[table].append(full)

    def skip(self, file: str, line: int, what: str, why: str) -> None:
        self.skipped.append((file, line, what, why))


def pub_date_clean(text: str) -> str:
    """Keep YYYY, YYYY-MM or YYYY-MM-DD; drop annotations such as '(year inferred)'."""
    m = re.match(r"^(\d{4}(-\d{2}(-\d{2})?)?)", text.strip())
    return m.group(1) if m else ""


SUFFIXES = {
    "com",
    "co",
    "org",
    "net",
    "gov",
    "br",
    "uk",
    "ru",
    "cn",
    "ua",
    "az",
    "ge",
    "jp",
    "bg",
    "sg",
    "vn",
    "lat",
    "info",
    "online",
    "pro",
    "press",
    "one",
    "bi",
    "me",
    "ae",
    "ro",
    "ke",
    "ch",
    "eu",
    "top",
    "site",
    "ph",
    "io",
    "tv",
    "us",
    "fr",
    "de",
    "it",
    "cc",
    "su",
    "gh",
}


def host_stem(url: str) -> str:
    """The outlet's own label: 'en.interfax.com.ua' -> 'interfax', 'tass.com' -> 'tass'."""
    host = urlparse(url).netloc.lower().split(":")[0]
    if "github.com" in host:
        return "csis-chinapower"
    if re.fullmatch(r"[\d.]+", host):
        return "mirror-ip"
    parts = [x for x in host.split(".") if x not in ("www", "m", "en", "amp")]
    while len(parts) > 1 and parts[-1] in SUFFIXES:
        parts.pop()
    return parts[-1]


def split_descriptor(descriptor: str) -> tuple[str, str]:
    """'bne IntelliNews (TASS, GACC)' -> ('bne IntelliNews', 'TASS, GACC');
    'Reuters via TradingKey' -> ('TradingKey', 'Reuters')."""
    text = first_item(descriptor.strip())
    inner = ""
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
    if m:
        text, inner = m.group(1).strip(), m.group(2).strip()
    if " via " in text:
        original, publisher = text.split(" via ", 1)
        inner = f"{original.strip()}{', ' + inner if inner else ''}"
        text = publisher.strip()
    return text, inner


def first_item(text: str) -> str:
    """The part before the first ';' that is not inside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            return text[:i].strip()
    return text


def guess_kind(url: str, descriptor: str) -> str:
    u, d = url.lower(), descriptor.lower()
    if "wikipedia" in d or "profilbaru" in u or "osmarks" in u:
        return "reference_work"
    if "federalreserve.gov" in u:
        return "statistical_table"
    if any(
        k in u
        for k in (
            "github.com/agorahub",
            "epthinktank",
            "fdd.org",
            "cyberleninka",
            "cbr.ru",
            "mees.com",
        )
    ):
        return "analysis"
    return "press"


# --- periods -----------------------------------------------------------------------------------
def period_of(text: str) -> tuple[str, str, bool]:
    """Reference period notation -> (period, freq, cumulative).

    '2022-01..04' is January–April: kept as the cumulative figure to the end of April.
    """
    t = text.strip()
    if m := re.fullmatch(r"(\d{4})-01\.\.12", t):
        return m.group(1), "A", False  # January–December is the calendar year
    if m := re.fullmatch(r"(\d{4})-01\.\.(\d{2})", t):
        return f"{m.group(1)}-{m.group(2)}", "M", True
    if re.fullmatch(r"\d{4}", t):
        return t, "A", False
    if re.fullmatch(r"\d{4}-\d{2}", t):
        return t, "M", False
    if re.fullmatch(r"\d{4}-Q[1-4]", t):
        return t, "Q", False
    if re.fullmatch(r"\d{4}-H[12]", t):
        return t, "H", False
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t, "D", False
    raise ValueError(f"unrecognised period {text!r}")


APPROX_WORDS = re.compile(
    r"\b(about|approximately|around|nearly|almost|roughly|some|~|порядка|около|почти|近)\b", re.I
)
# A lower bound is a hedge word directly before a number ("over 90%", "more than $147
# billion"); "over this period" is not one.
LOWER_WORDS = re.compile(
    r"\b(over|more than|above|exceed(?:ed|s)?|at least|более|свыше|превыси\w*|больше|"
    r"mais de|más de)\s+(US\$|\$|RUB\s)?\d",
    re.I,
)


def qualifier_of(status: str, quote: str, note: str) -> str:
    n = note.lower()
    if "lower bound" in n or "lower_bound" in n:
        return "lower_bound"
    if "upper bound" in n:
        return "upper_bound"
    if status in ("sourced_approx",):
        # The first hedge in the quote is the one that qualifies the number it introduces.
        lower, approx = LOWER_WORDS.search(quote), APPROX_WORDS.search(quote)
        if lower and (not approx or lower.start() < approx.start()):
            return "lower_bound"
        return "approx"
    return "exact"


def read(name: str) -> list[tuple[int, dict]]:
    with open(REFERENCE / name, newline="", encoding="utf-8") as fh:
        return [(i + 2, row) for i, row in enumerate(csv.DictReader(fh))]


# --- file converters ---------------------------------------------------------------------------
SPUTNIK_2023_URL = (
    "https://sputnikglobe.com/20240307/china-russia-trade-in-january-february-"
    "2024-up-to-3701bln-1117180822.html"
)
MT_2023_URL = "https://themoscowtimes.com/2024/11/14/russia-china-trade-hits-record-240bln-in-2023"
FLOW_COLUMNS = {
    "exports_cn_to_ru_usd_bn": ("export", "FOB"),
    "imports_cn_from_ru_usd_bn": ("import", "CIF"),
    "total_usd_bn": ("total", ""),
}


# Growth rates printed in the annual quotes (US-dollar terms), checked against the quote text.
ANNUAL_GROWTH = {
    "2007": {"export": "79.9", "import": "12.1"},
    "2010": {"total": "43"},
    "2014": {"total": "6,8"},
    "2016": {"export": "7,3", "import": "-3,1"},
    "2017": {"export": "14.8", "import": "27.7"},
    "2018": {"export": "12", "import": "42.7"},
    "2019": {"export": "3.6", "import": "3.2"},
    "2020": {"total": "-2.9", "export": "1.7", "import": "-6.6"},
    "2021": {"total": "35.8"},
    "2022": {"total": "29.3"},
}


def annual(p: Pack) -> None:
    name = "china_russia_trade_annual.csv"
    for line, r in read(name):
        year = r["year"]
        sid = p.source(r["source"], r["url"], r["pub_date"])
        statuses = {
            "exports_cn_to_ru_usd_bn": r["exports_status"],
            "imports_cn_from_ru_usd_bn": r["imports_status"],
            "total_usd_bn": r["total_status"],
        }
        for col, (flow, valuation) in FLOW_COLUMNS.items():
            value, status = r[col].strip(), statuses[col]
            if not value:
                continue
            if status == "unverified" or (year == "2011" and col == "total_usd_bn"):
                p.skip(
                    name,
                    line,
                    f"{year} {flow} {value}",
                    "value not found in the cited source "
                    "(pack marks it UNVERIFIED / note says the exact figure was not found)",
                )
                continue
            note = r["note"]
            if year == "2023" and flow in ("export", "import"):
                p.skip(
                    name,
                    line,
                    f"2023 {flow} {value}",
                    "same figure and source (Wikipedia "
                    "2023 table) imported from china_top_partners_2023.csv",
                )
                continue
            row_sid, quote = sid, r["quote"]
            if year == "2023" and flow == "total":
                row_sid = p.source("Sputnik (GACC)", SPUTNIK_2023_URL, "2024-03-07")
                quote = (
                    "In 2023, the China-Russia trade increased by 26.3% to a record high of "
                    "$240.11 billion."
                )
            # 2000: "more than 18-fold" qualifies the ratio; "just $8 billion" is a rounded level
            qualifier_override = "approx" if year == "2000" and flow == "total" else None
            if year == "2015":
                note = (
                    "DISCREPANCY: GACC's yuan figures converted at the 2015 average rate give "
                    "about USD 67-68 bn, and GACC's 2016 release (+2.2% to USD 69.52 bn) "
                    "implies about USD 68.0 bn; this USD figure is kept as published and "
                    "flagged. " + note
                )
            if year == "2025" and status == "derived":
                note = "ESTIMATE, not published by GACC in USD: " + note
            p.add(
                "trade_bilateral",
                indicator="trade_value",
                reporter="CHN",
                partner="RUS",
                flow=flow,
                commodity="TOTAL",
                period=year,
                freq="A",
                value=value,
                unit="USD bn",
                qualifier=qualifier_override
                or ("approx" if status == "derived" else qualifier_of(status, r["quote"], "")),
                valuation=valuation,
                status=status,
                source_id=row_sid,
                note=note,
                quote=quote,
                derived_from=sid if status == "derived" else "",
            )
        for flow, pct in ANNUAL_GROWTH.get(year, {}).items():
            if pct.lstrip("-") not in r["quote"]:
                raise ValueError(f"{name}:{line}: growth {pct} not in the quote")
            lower = year == "2010"  # 'tăng hơn 43%' = more than 43%
            p.add(
                "trade_bilateral",
                indicator="trade_value_yoy",
                reporter="CHN",
                partner="RUS",
                flow=flow,
                commodity="TOTAL",
                currency="USD",
                period=year,
                freq="A",
                value=pct.replace(",", "."),
                unit="%",
                qualifier="lower_bound" if lower else "exact",
                status="sourced",
                source_id=sid,
                quote=r["quote"],
                note="change in US-dollar terms",
            )
        if year == "2015":
            # The same GACC release in yuan (the quote gives both currencies).
            for flow, valuation, cny in (
                ("total", "", "422.7"),
                ("export", "FOB", "216.2"),
                ("import", "CIF", "206.5"),
            ):
                p.add(
                    "trade_bilateral",
                    indicator="trade_value",
                    reporter="CHN",
                    partner="RUS",
                    flow=flow,
                    commodity="TOTAL",
                    period="2015",
                    freq="A",
                    value=cny,
                    unit="CNY bn",
                    valuation=valuation,
                    status="sourced",
                    source_id=sid,
                    quote=r["quote"],
                    note="GACC yuan figure, same release as the USD one",
                )


def monthly(p: Pack) -> None:
    name = "china_russia_trade_monthly.csv"
    for line, r in read(name):
        period, freq, cumulative = period_of(r["period"])
        sid = p.source(r["source"], r["url"], r["pub_date"])
        note = r["note"]
        yuan_terms = "yuan" in note.lower() or "yuan terms" in r["quote"].lower()
        for col, (flow, valuation) in (
            ("exports_cn_to_ru_usd_bn", ("export", "FOB")),
            ("imports_cn_from_ru_usd_bn", ("import", "CIF")),
            ("total_usd_bn", ("total", "")),
        ):
            value = r[col].strip()
            if not value:
                continue
            if r["period"] == "2023-01..12" and flow != "total":
                p.skip(
                    name,
                    line,
                    f"2023 {flow} {value}",
                    "the split is the Wikipedia 2023 "
                    "table's (imported with that source), not the cited Sputnik page's",
                )
                continue
            qualifier = "exact"
            row_note = note
            if "Reuters' conversion" in note and flow == "total":
                qualifier = "approx"
            if r["period"] == "2025-06" and flow == "total":
                qualifier = "approx"  # 'around $17.6 billion'
            p.add(
                "trade_bilateral",
                indicator="trade_value",
                reporter="CHN",
                partner="RUS",
                flow=flow,
                commodity="TOTAL",
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=value,
                unit="USD bn",
                qualifier=qualifier,
                valuation=valuation,
                status="sourced",
                source_id=sid,
                note=row_note,
                quote=r["quote"],
            )
        for col, flow in (
            ("exports_yoy_pct", "export"),
            ("imports_yoy_pct", "import"),
            ("total_yoy_pct", "total"),
        ):
            value = r[col].strip()
            if not value:
                continue
            # Reuters reports China's bilateral changes in yuan terms; others in dollars.
            in_yuan = yuan_terms and flow != "total"
            if r["period"] == "2025-01..12" and flow == "total":
                in_yuan = False  # -6.9% is the dollar change (TASS); yuan change is -6.5%
            row_sid, row_quote = sid, r["quote"]
            if r["period"] == "2023-01..12" and flow != "total":
                row_sid = p.source("The Moscow Times (AFP)", MT_2023_URL, "2024-01-12")
                row_quote = (
                    "exports +46.9%, imports +13% (figures as recorded by the research pack)"
                )
            p.add(
                "trade_bilateral",
                indicator="trade_value_yoy",
                reporter="CHN",
                partner="RUS",
                flow=flow,
                commodity="TOTAL",
                currency="CNY" if in_yuan else "USD",
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=value,
                unit="%",
                status="sourced",
                source_id=row_sid,
                quote=row_quote,
                note=("change in yuan terms" if in_yuan else "change in US-dollar terms")
                + (f"; {note}" if note else ""),
            )


RANK_BASIS = {
    "unspecified": "unspecified",
    "unspecified (MOFCOM)": "unspecified",
    "countries/territories incl. EU as one entry, HK, Taiwan": "mixed",
    "countries (GACC, ITC Trade Map)": "unspecified",
    "countries only (excl. HK, Taiwan, blocs)": "countries_only",
    "all partners incl. Hong Kong and other Chinese territories": "incl_hk_tw",
    "mixed: excl. HK & Taiwan but incl. EU as a partner": "mixed",
    "countries/territories incl. HK & Taiwan (blocs listed separately)": "incl_hk_tw",
    "states only": "countries_only",
    "(Vietnam's rank, for context)": "countries_only",
    "countries ('в страновом разрезе')": "countries_only",
    "top five (countries)": "countries_only",
    "including blocs/regions (ASEAN, EU, US, Latin America, Africa)": "mixed",
}
RANK_PERIODS = {
    "2006-2007": ("2007", "stated 2007-06-18 ('currently'); refers to the latest data then"),
    "2014-2015": ("2014", "stated 2015-02-08 about 2014"),
    "2023 (Oct statement)": ("2023", "stated 2023-10-18, during the year (partial-year data)"),
    "2025 (Dec statement)": ("2025", "stated 2025-12-23 (January–November data)"),
}


def rankings(p: Pack) -> None:
    name = "china_partner_rankings.csv"
    for _line, r in read(name):
        sid = p.source(r["source"], r["url"], r["pub_date"])
        raw_period = r["period"]
        extra = ""
        if raw_period in RANK_PERIODS:
            period, extra = RANK_PERIODS[raw_period]
            freq, cumulative = "A", False
        else:
            period, freq, cumulative = period_of(raw_period)
        basis = RANK_BASIS[r["ranking_basis"]]
        value = r["russia_rank_among_china_partners"].strip()
        qualifier = "exact"
        if value == ">5":
            value, qualifier = "6", "lower_bound"
        if r["status"] == "sourced_approx" and "top five" in r["quote"]:
            qualifier = "upper_bound"  # 'among the top five' = rank 5 or better
        partner = "VNM" if "VIETNAM" in r["note"] else "RUS"
        note = "; ".join(
            x for x in (f"ranking basis as stated: {r['ranking_basis']}", extra, r["note"]) if x
        )
        speaker = r["speaker_or_publisher"]
        p.add(
            "partner_ranks",
            indicator="partner_rank",
            reporter="CHN",
            partner=partner,
            flow="total",
            commodity="TOTAL",
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=value,
            unit="rank",
            qualifier=qualifier,
            basis=basis,
            status=r["status"],
            source_id=sid,
            note=note,
            quote=r["quote"],
            speaker=speaker,
        )
        if "minval.az" in r["url"]:
            # The note carries the values the outlet listed beside the ranking.
            for partner_code, amount in (
                ("ASEAN", "1054"),
                ("EU27", "828.1"),
                ("USA", "559.7"),
                ("LATAM", "549.04"),
                ("AFRICA", "348.05"),
                ("RUS", "228.1"),
            ):
                p.add(
                    "partners_china",
                    indicator="trade_value",
                    reporter="CHN",
                    partner=partner_code,
                    flow="total",
                    commodity="TOTAL",
                    period="2025",
                    freq="A",
                    value=amount,
                    unit="USD bn",
                    status="sourced",
                    source_id=sid,
                    quote=r["note"],
                    note="values listed by the outlet beside its ranking",
                )


PARTNER_NAMES: dict[str, str] = {}


def partner_code(name: str) -> str:
    if not PARTNER_NAMES:
        with open(REPO / "data" / "mappings" / "partners.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for alias in row["aliases"].split(";"):
                    PARTNER_NAMES[alias.strip().lower()] = row["code"]
    key = name.strip().lower()
    if key not in PARTNER_NAMES:
        raise KeyError(f"partner {name!r} not in data/mappings/partners.csv")
    return PARTNER_NAMES[key]


def top_partners_2023(p: Pack) -> None:
    for _line, r in read("china_top_partners_2023.csv"):
        sid = p.source(r["source"], r["url"], "2024-01", kind="reference_work")
        code = partner_code(r["partner"])
        quote = (
            f"{r['partner']}: total {r['total_usd_bn']}, China exports "
            f"{r['china_exports_usd_bn']}, China imports {r['china_imports_usd_bn']} "
            "(USD bn; 2023 table)"
        )
        for col, flow, valuation in (
            ("total_usd_bn", "total", ""),
            ("china_exports_usd_bn", "export", "FOB"),
            ("china_imports_usd_bn", "import", "CIF"),
        ):
            p.add(
                "partners_china",
                indicator="trade_value",
                reporter="CHN",
                partner=code,
                flow=flow,
                commodity="TOTAL",
                period=r["year"],
                freq="A",
                value=r[col],
                unit="USD bn",
                valuation=valuation,
                status="sourced",
                source_id=sid,
                quote=quote,
                note="GACC-based table; balance is derived by the pipeline",
            )


PARTNER_METRICS = {
    "China total goods trade": ("trade_value", "total"),
    "China total goods trade (USD)": ("trade_value", "total"),
    "China exports": ("trade_value", "export"),
    "China imports": ("trade_value", "import"),
    "China trade surplus": ("trade_value", "balance"),
    "total trade": ("trade_value", "total"),
    "total trade (bound)": ("trade_value", "total"),
    "share of China trade": ("partner_share", "total"),
    "trade growth": (None, "total"),
    "trade growth (yuan terms)": (None, "total"),
}


def partners_2024_2025(p: Pack) -> None:
    name = "china_partners_2024_2025.csv"
    for _line, r in read(name):
        sid = p.source(r["source"], r["url"], r["pub_date"])
        period, freq, cumulative = period_of(r["period"])
        if r["metric"] == "ranking (top 4) and growth":
            for rank, code in enumerate(("ASEAN", "EU27", "USA", "KOR"), start=1):
                p.add(
                    "partner_ranks",
                    indicator="partner_rank",
                    reporter="CHN",
                    partner=code,
                    flow="total",
                    commodity="TOTAL",
                    period=period,
                    freq=freq,
                    cumulative=cumulative,
                    value=str(rank),
                    unit="rank",
                    basis="blocs_as_units",
                    status="sourced",
                    source_id=sid,
                    quote=r["quote"],
                    note=r["note"],
                )
            continue
        indicator, flow = PARTNER_METRICS[r["metric"]]
        code = partner_code(r["partner"])
        unit = r["unit"]
        if indicator and r["value"]:
            qualifier = qualifier_of(r["status"], r["quote"], r["note"])
            if r["metric"] == "total trade (bound)":
                qualifier = "lower_bound"
            if "aggregator" in r["note"].lower() or "Same caveat" in r["note"]:
                status = "sourced_secondary"
            else:
                status = r["status"]
            p.add(
                "partners_china",
                indicator=indicator,
                reporter="CHN",
                partner=code,
                flow=flow,
                commodity="TOTAL",
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=r["value"],
                unit=unit,
                qualifier=qualifier,
                status=status,
                source_id=sid,
                quote=r["quote"],
                note=r["note"],
            )
        if r["yoy_pct"]:
            in_yuan = (
                unit.startswith("CNY") or "yuan" in r["metric"] or (r["metric"] == "trade growth")
            )
            p.add(
                "partners_china",
                indicator="trade_value_yoy",
                reporter="CHN",
                partner=code,
                flow=flow,
                commodity="TOTAL",
                currency="CNY" if in_yuan else "USD",
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=r["yoy_pct"],
                unit="%",
                status="sourced",
                source_id=sid,
                quote=r["quote"],
                note="change in yuan terms" if in_yuan else "change in US-dollar terms",
            )
        if r["share_of_china_trade_pct"]:
            p.add(
                "partners_china",
                indicator="partner_share",
                reporter="CHN",
                partner=code,
                flow="total",
                commodity="TOTAL",
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=r["share_of_china_trade_pct"],
                unit="%",
                status="sourced",
                source_id=sid,
                quote=r["quote"],
                note=r["note"],
            )


RUSSIA_PARTNER_METRICS = {
    "China share of Russia's foreign trade": ("partner_share", "total"),
    "China share of Russia's exports": ("partner_share", "export"),
    "China share of Russia's imports": ("partner_share", "import"),
    "Russia trade turnover with top non-CIS partners (FCS)": ("trade_value", "total"),
    "Russia total foreign trade turnover (FCS)": ("trade_value", "total"),
    "Russia trade turnover by partner": ("trade_value", "total"),
    "EU share of Russia's foreign trade": ("partner_share", "total"),
    "China share of Russia's imports (derived)": ("partner_share", "import"),
}
RUSSIA_PERIODS = {
    "2024 (~Sep statement)": (
        "2024",
        "stated September 2024 ('over the past ten years', i.e. since about 2014)",
    )
}


def russia_partners(p: Pack) -> None:
    name = "russia_partners.csv"
    for line, r in read(name):
        if r["status"] == "derived" and "33.8" in r["value"]:
            p.skip(
                name,
                line,
                "2023 China share of Russia's trade 33.8% (derived)",
                "recomputed by the pipeline from the values it divides (etl/derive/shares.py)",
            )
            continue
        sid = p.source(r["source"], r["url"], r["pub_date"])
        extra = ""
        if r["period"] in RUSSIA_PERIODS:
            period, extra = RUSSIA_PERIODS[r["period"]]
            freq, cumulative = "A", False
        else:
            period, freq, cumulative = period_of(r["period"])
        note = "; ".join(x for x in (extra, r["note"]) if x)
        if r["metric"].startswith("China becomes Russia's largest"):
            p.add(
                "partner_ranks",
                indicator="partner_rank",
                reporter="RUS",
                partner="CHN",
                flow="total",
                commodity="TOTAL",
                period=period,
                freq=freq,
                value="1",
                unit="rank",
                basis="unspecified",
                status="sourced",
                source_id=sid,
                quote=r["quote"],
                note="first year China ranked first; " + note,
            )
            continue
        indicator, flow = RUSSIA_PARTNER_METRICS[r["metric"]]
        if r["period"] == "2014" and r["metric"].startswith("China share"):
            note = "start point of 'over the past ten years' (stated September 2024); " + note
        p.add(
            "russia_trade",
            indicator=indicator,
            reporter="RUS",
            partner=partner_code(r["partner"]),
            flow=flow,
            commodity="TOTAL",
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=r["value"],
            unit=r["unit"],
            qualifier=qualifier_of(r["status"], r["quote"], ""),
            status=r["status"],
            source_id=sid,
            quote=r["quote"],
            note=note,
            derived_from=sid if r["status"] == "derived" else "",
        )


RUSSIA_TOTAL_METRICS = {
    "Russia goods exports (FCS)": ("trade_value", "export"),
    "Russia goods imports (FCS)": ("trade_value", "import"),
    "Russia trade surplus (FCS)": ("trade_value", "balance"),
    "Russia current account surplus (Bank of Russia BoP, prelim.)": ("current_account", ""),
    "Russia goods & services trade surplus (BoP)": ("goods_services_balance", ""),
    "Russia goods exports (MinEcon)": ("trade_value", "export"),
    "EU-Russia trade turnover (Eurostat, RIA calc)": ("trade_value", "total"),
    "Regional share of Russia's trade turnover": ("partner_share", "total"),
    "Russia trade turnover by partner": ("trade_value", "total"),
    "Top-5 partners' share of Russia's trade (China, India, Turkey, Belarus, Kazakhstan)": (
        "partner_share",
        "total",
    ),
    "Russia trade with BRICS": ("trade_value", "total"),
    "BRICS share of Russia's trade": ("partner_share", "total"),
    "Russia-China trade, Russian statistics": ("trade_value", "total"),
    "Friendly countries' share of Russia's trade": ("partner_share", "total"),
    "China share of Russia's trade (Gaidar Institute, Chinese customs basis)": (
        "partner_share",
        "total",
    ),
    "CIS share of Russia's trade": ("partner_share", "total"),
    "Friendly & neutral countries' share of Russian exports": ("partner_share", "export"),
}


def russia_totals(p: Pack) -> None:
    name = "russia_trade_totals.csv"
    for line, r in read(name):
        metric = r["metric"]
        if "forecast" in metric.lower():
            p.skip(name, line, f"{metric} {r['value']}", "a forecast, not an outturn")
            continue
        if r["status"] == "derived":
            p.skip(
                name,
                line,
                f"{metric} {r['value']}",
                "derived by the pack; the pipeline recomputes totals and shares itself",
            )
            continue
        indicator, flow = RUSSIA_TOTAL_METRICS[metric]
        sid = p.source(r["source"], r["url"], r["pub_date"])
        if r["period"] == "2022 (end)":
            period, freq, cumulative, extra = "2022-12", "M", False, "end of 2022"
        else:
            (period, freq, cumulative), extra = period_of(r["period"]), ""
        reporter, partner = "RUS", partner_code(r["partner"])
        if metric.startswith("EU-Russia"):
            reporter, partner = "EU27", "RUS"
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        if "'almost 228'" in r["note"]:
            qualifier = "upper_bound"
        if metric.startswith("China share") or metric.startswith("Russia-China"):
            partner = "CHN"
        note = "; ".join(
            x
            for x in (
                extra,
                r["note"],
                "Russian statistics" if "Russian statistics" in metric else "",
            )
            if x
        )
        p.add(
            "russia_trade",
            indicator=indicator,
            reporter=reporter,
            partner=partner,
            flow=flow,
            commodity="TOTAL",
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=r["value"],
            unit=r["unit"],
            qualifier=qualifier,
            status=r["status"],
            source_id=sid,
            quote=r["quote"],
            note=note,
        )


def mirror(p: Pack) -> None:
    name = "mirror_russia_side.csv"
    flows = {
        "total turnover with China": "total",
        "Russian imports from China": "import",
        "supplies from China to Russia": "import",
    }
    for line, r in read(name):
        if r["status"] == "context":
            if "suspended" in r["flow"]:
                sid = p.source(r["source"], r["url"], r["pub_date"])
                p.events.append(
                    {
                        "event_id": "fcs-publication-suspended",
                        "label": "Russia's customs service stops publishing detailed trade statistics",
                        "start": "2022-04-21",
                        "end": "2022-04-21",
                        "actor": "Federal Customs Service of Russia (Vladimir Bulavin)",
                        "detail": "Data classified from the January 2022 release on; aggregate publication "
                        "announced to resume in March 2023",
                        "status": "sourced",
                        "source_id": sid,
                        "quote": r["quote"],
                        "note": r["note"],
                    }
                )
            else:
                p.skip(
                    name,
                    line,
                    r["flow"],
                    "methodology context without a figure (cited in "
                    "the dashboard's notes on mirror statistics instead)",
                )
            continue
        sid = p.source(r["source"], r["url"], r["pub_date"])
        period, freq, cumulative = period_of(r["year"])
        flow = flows[r["flow"]]
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        p.add(
            "mirror",
            indicator="trade_value",
            reporter="RUS",
            partner="CHN",
            flow=flow,
            commodity="TOTAL",
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=r["value_usd_bn"],
            unit="USD bn",
            qualifier=qualifier,
            valuation="CIF" if flow == "import" else "",
            status=r["status"],
            source_id=sid,
            quote=r["quote"],
            note=f"reported by the Russian side: {r['reporter']}; {r['note']}".rstrip("; "),
            speaker=r["reporter"] if "(" in r["reporter"] else "",
        )
        if r["year"] == "2021-01..08":
            for flow2, value, valuation in (("export", "42.3", "FOB"), ("import", "43.5", "CIF")):
                p.add(
                    "mirror",
                    indicator="trade_value",
                    reporter="RUS",
                    partner="CHN",
                    flow=flow2,
                    commodity="TOTAL",
                    period=period,
                    freq=freq,
                    cumulative=cumulative,
                    value=value,
                    unit="USD bn",
                    valuation=valuation,
                    status="sourced",
                    source_id=sid,
                    quote=r["quote"],
                    note="reported by the Russian side (Russian Export Center)",
                )


SETTLEMENT_SERIES = {
    # series text -> (flow, currency)
    "national currencies (RUB+CNY) share of settlements": ("total", "RUB+CNY"),
    "ruble share of payments for Russian exports to China": ("export", "RUB"),
    "yuan share of payments for Russian imports from China": ("import", "CNY"),
    "USD share of bilateral transactions": ("total", "USD"),
    "USD share of payments for Russian exports to China": ("export", "USD"),
    "EUR share of payments for Russian exports to China": ("export", "EUR"),
    "USD share of all Russia-China payments (exports+imports)": ("total", "USD"),
    "USD share of bilateral settlements": ("total", "USD"),
    "EUR share of bilateral settlements": ("total", "EUR"),
    "national currencies (RUB+CNY) share of bilateral settlements": ("total", "RUB+CNY"),
    "CNY share of bilateral settlements": ("total", "CNY"),
    "RUB share of bilateral settlements": ("total", "RUB"),
    "EUR share of Russian exports to China": ("export", "EUR"),
    "RMB+RUB share of bilateral trade": ("total", "RUB+CNY"),
    "RUB+CNY share of commercial transactions": ("total", "RUB+CNY"),
    "national currencies share of payments": ("total", "RUB+CNY"),
    "RUB+CNY share of all trade operations": ("total", "RUB+CNY"),
    "national currencies share of mutual settlements": ("total", "RUB+CNY"),
    "national currencies share of settlements": ("total", "RUB+CNY"),
    "RUB+CNY share of trade settlements": ("total", "RUB+CNY"),
    "national currencies share of mutual payments": ("total", "RUB+CNY"),
    "RUB+CNY share of payments": ("total", "RUB+CNY"),
    "national currencies share of trade": ("total", "RUB+CNY"),
    "RUB+CNY share of trade operations": ("total", "RUB+CNY"),
    "USD+EUR share of settlements": ("total", "USD+EUR"),
    "RUB+CNY share of settlements": ("total", "RUB+CNY"),
    "USD share of Russian export payments": ("export", "USD"),
    "EUR share of Russian export payments": ("export", "EUR"),
    "RUB share of Russian export payments": ("export", "RUB"),
    "USD share of Russian import payments": ("import", "USD"),
    "EUR share of Russian import payments": ("import", "EUR"),
    "RUB share of Russian import payments": ("import", "RUB"),
    "USD+EUR ('toxic') share of Russian export payments": ("export", "USD+EUR"),
    "CNY share of Russian export payments": ("export", "CNY"),
    "USD+EUR share of Russian export payments": ("export", "USD+EUR"),
    "CNY share of Russian import payments": ("import", "CNY"),
    "USD+EUR share of Russian import payments": ("import", "USD+EUR"),
    "RUB share of Russian export payments to Asia": ("export", "RUB"),
    "RUB share of Russian export payments (goods & services)": ("export", "RUB"),
}
OFFICIALS = (
    "Denisov",
    "Lavrov",
    "Putin",
    "Siluanov",
    "Belousov",
    "Mishustin",
    "Zhelokhovtsev",
    "Overchuk",
    "Peskov",
)
STATEMENT_PERIODS = {
    "~2013": ("2013", "A", False, "'seven years ago', said in 2020"),
    "~2014": ("2014", "A", False, "'three years ago', said of 2017"),
    "2022 (stated 2023-01-18)": ("2022", "A", False, "stated 2023-01-18"),
    "2024-01 (annual press conf.)": ("2024-01", "M", False, "annual press conference, Jan 2024"),
    "2025-08 (Xinhua interview)": ("2025-08", "M", False, "interview to Xinhua"),
    "2025-11 (11th China-Russia Financial Dialogue)": (
        "2025-11",
        "M",
        False,
        "11th China-Russia Financial Dialogue",
    ),
    "2022-01 (start of year)": ("2022-01", "M", False, "start of 2022"),
    "2022-12 (end-year)": ("2022-12", "M", False, "end of 2022"),
    "2023 (full year)": ("2023", "A", False, ""),
}


def settlement(p: Pack) -> None:
    name = "settlement_currency_shares.csv"
    for line, r in read(name):
        if r["date"].startswith("2024 (reported 2024-08-15"):
            p.skip(
                name,
                line,
                "RUB share of import payments 42.9% (month not stated)",
                "research pack 2 resolves it to June 2024 from a better source "
                "(cbr_currency_structure.csv), which is imported instead",
            )
            continue
        flow, currency = SETTLEMENT_SERIES[r["series"]]
        bilateral = r["scope"].startswith("Russia-China")
        partner = "CHN" if bilateral else "WLD"
        if "to Asia" in r["series"]:
            partner = "ASIA"
        if r["date"] in STATEMENT_PERIODS:
            period, freq, cumulative, extra = STATEMENT_PERIODS[r["date"]]
        else:
            (period, freq, cumulative), extra = period_of(r["date"]), ""
        sid = p.source(r["source"], r["url"], r["pub_date"])
        status = r["status"]
        qualifier = qualifier_of(status, r["quote"], r["note"])
        if status == "qualitative":
            qualifier = "approx"
        # A statement has a speaker; a statistic (central-bank data reported by the press) has
        # none, and says whose data it is in the note.
        official = any(name in r["speaker_or_publisher"] for name in OFFICIALS)
        speaker = r["speaker_or_publisher"] if bilateral and official else ""
        if bilateral and not official:
            extra = "; ".join(
                x for x in (extra, f"statistic reported by {r['speaker_or_publisher']}") if x
            )
        note = "; ".join(
            x
            for x in (
                extra,
                r["note"],
                "goods and services" if "goods & services" in r["series"] else "",
                "Bank of Russia data, all of Russia's partners" if not bilateral else "",
            )
            if x
        )
        p.add(
            "settlement",
            indicator="settlement_share",
            reporter="RUS",
            partner=partner,
            flow=flow,
            commodity="TOTAL",
            currency=currency,
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=r["share_pct"],
            unit="%",
            qualifier=qualifier,
            status=status,
            source_id=sid,
            quote=r["quote"],
            note=note,
            speaker=speaker,
        )


CBR_CURRENCY = {
    "RUB + friendly currencies": "RUB+FRIENDLY",
    "USD+EUR ('toxic')": "USD+EUR",
    "RUB": "RUB",
    "partners' national currencies": "PARTNER",
    "CNY": "CNY",
    "RUB (Asia)": "RUB",
    "'friendly' currencies": "FRIENDLY",
    "'unfriendly' currencies": "UNFRIENDLY",
    "'unfriendly' currencies (USD, EUR...)": "UNFRIENDLY",
}
CBR_FLOW = {
    "exports": "export",
    "imports": "import",
    "exports+imports": "total",
    "payments (flow not stated)": "",
}
CBR_PERIODS = {
    "2022-01 (start of 2022)": ("2022-01", "M", False, "start of 2022"),
    "2023 (MinEcon statement)": ("2023", "A", False, "Ministry of Economic Development statement"),
    "2024-09 (Putin statement)": ("2024-09", "M", False, "Putin statement, September 2024"),
    "2026-01 (year inferred)": ("2026-01", "M", False, "year inferred by the research pack"),
    "pre-2022": ("2021", "A", False, "before the war ('only 3.5%'): coded as 2021"),
    "2024-06 (after 12 Jun 2024 US sanctions on MOEX)": (
        "2024-06",
        "M",
        False,
        "after the 12 June 2024 US sanctions on the Moscow Exchange",
    ),
}


def cbr_structure(p: Pack) -> None:
    name = "cbr_currency_structure.csv"
    for line, r in read(name):
        if r["status"] == "qualitative" or r["currency"] == "CNY vs USD":
            p.skip(name, line, f"{r['period']} {r['currency']}", "statement without a number")
            continue
        if r["status"] == "derived":
            p.skip(
                name,
                line,
                f"{r['period']} {r['currency']} {r['share_pct']}",
                "derived by the pack from a month-on-month change; not a published figure",
            )
            continue
        sid = p.source(r["source"], r["url"], r["pub_date"])
        if r["period"] in CBR_PERIODS:
            period, freq, cumulative, extra = CBR_PERIODS[r["period"]]
        else:
            (period, freq, cumulative), extra = period_of(r["period"]), ""
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        if r["period"] == "pre-2022":
            qualifier = "upper_bound"
        note = "; ".join(x for x in (extra, r["note"]) if x)
        if "FX market" in r["scope"]:
            segment = "exchange" if "Moscow Exchange" in r["scope"] else "OTC"
            p.add(
                "settlement",
                indicator="fx_market_share",
                reporter="RUS",
                partner="",
                flow="",
                commodity="",
                currency=CBR_CURRENCY.get(r["currency"], r["currency"]),
                period=period,
                freq=freq,
                value=r["share_pct"],
                unit="%",
                basis="exchange_segment" if segment == "exchange" else "otc_segment",
                qualifier=qualifier,
                status=r["status"],
                source_id=sid,
                quote=r["quote"],
                note=f"{segment} segment of the Russian FX market; {note}".rstrip("; "),
            )
            continue
        partner = "ASIA" if ("Asia" in r["scope"] or "Asia" in r["currency"]) else "WLD"
        flow = CBR_FLOW[r["flow"]]
        currency = CBR_CURRENCY[r["currency"]]
        scope_note = "goods and services" if "goods & services" in r["scope"] else ""
        note = "; ".join(
            x
            for x in (
                scope_note,
                note,
                "Bank of Russia data, all of Russia's partners"
                if partner == "WLD"
                else "Bank of Russia regional data",
            )
            if x
        )
        speaker = (
            "Vladimir Putin"
            if "Putin" in r["period"]
            else ("Ministry of Economic Development" if "MinEcon" in r["period"] else "")
        )
        if r["share_pct"]:
            p.add(
                "settlement",
                indicator="settlement_share",
                reporter="RUS",
                partner=partner,
                flow=flow,
                commodity="TOTAL",
                currency=currency,
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=r["share_pct"],
                unit="%",
                qualifier=qualifier,
                status=r["status"],
                source_id=sid,
                quote=r["quote"],
                note=note,
                speaker=speaker,
            )
        if r["value_usd_bn"]:
            p.add(
                "settlement",
                indicator="settlement_value",
                reporter="RUS",
                partner=partner,
                flow=flow,
                commodity="TOTAL",
                currency=currency,
                period=period,
                freq=freq,
                cumulative=cumulative,
                value=r["value_usd_bn"],
                unit="USD bn",
                status=r["status"],
                source_id=sid,
                quote=r["quote"],
                note=note,
            )


ENERGY_METRICS = {
    # metric -> (indicator, reporter, partner, flow, commodity)
    "China crude imports from Russia": ("trade_quantity", "CHN", "RUS", "import", "2709"),
    "Russia rank among China's crude suppliers": ("partner_rank", "CHN", "RUS", "import", "2709"),
    "China crude imports from Russia (value)": ("trade_value", "CHN", "RUS", "import", "2709"),
    "Russia share of China's total oil imports": ("partner_share", "CHN", "RUS", "import", "2709"),
    "Russia share of China's total crude imports": (
        "partner_share",
        "CHN",
        "RUS",
        "import",
        "2709",
    ),
    "Energy (oil, coal, gas) share of China's imports from Russia": (
        "commodity_share",
        "CHN",
        "RUS",
        "import",
        "27",
    ),
    "Oil, gas and coal share of value of China's imports from Russia": (
        "commodity_share",
        "CHN",
        "RUS",
        "import",
        "27",
    ),
    "Oil, gas and coal share of Russia's exports to China": (
        "commodity_share",
        "RUS",
        "CHN",
        "export",
        "27",
    ),
    "Oil, gas, coal and fuel oil share of Russian supplies to China": (
        "commodity_share",
        "CHN",
        "RUS",
        "import",
        "27",
    ),
    "Oil share of value of China's imports from Russia": (
        "commodity_share",
        "CHN",
        "RUS",
        "import",
        "2709",
    ),
    "Power of Siberia gas deliveries to China": (
        "pipeline_gas_deliveries",
        "RUS",
        "CHN",
        "export",
        "271121",
    ),
    "Power of Siberia reached design capacity": (
        "pipeline_capacity",
        "RUS",
        "CHN",
        "export",
        "271121",
    ),
    "Power of Siberia contract (Gazprom-CNPC) value": (
        "contract_value",
        "RUS",
        "CHN",
        "export",
        "271121",
    ),
}
ENERGY_UNITS = {
    "million b/d": "mb/d",
    "million tonnes": "Mt",
    "USD bn": "USD bn",
    "%": "%",
    "rank": "rank",
    "CNY bn": "CNY bn",
    "bcm": "bcm",
    "bcm/yr": "bcm/yr",
}


def energy(p: Pack) -> None:
    name = "energy.csv"
    for line, r in read(name):
        if r["status"] == "sourced_ambiguous":
            p.skip(
                name,
                line,
                f"{r['year']} {r['metric']} {r['value']}",
                "scope ambiguous (crude or all energy); the same figure is imported from "
                "commodity_breakdown.csv where TASS states it is crude oil",
            )
            continue
        indicator, reporter, partner, flow, commodity = ENERGY_METRICS[r["metric"]]
        sid = p.source(r["source"], r["url"], r["pub_date"])
        period, freq, cumulative = period_of(r["year"])
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        if r["metric"].startswith("Oil share of value") or "lower bound" in r["note"]:
            qualifier = "lower_bound"
        basis = (
            "volume"
            if indicator == "partner_rank"
            else ("value" if indicator == "partner_share" and r["note"] == "value basis" else "")
        )
        note = r["note"]
        if commodity == "27" and indicator == "commodity_share":
            note = (
                "energy products named by the source ("
                + r["metric"].split(" share")[0]
                + "), approximately HS chapter 27; "
                + note
            ).rstrip("; ")
        if indicator == "partner_share" and "oil imports" in r["metric"]:
            note = ("'oil imports' as the source words it; " + note).rstrip("; ")
        if indicator in ("pipeline_gas_deliveries", "pipeline_capacity", "contract_value"):
            note = ("Power of Siberia pipeline (Gazprom); " + note).rstrip("; ")
        valuation = "CIF" if indicator == "trade_value" else ""
        p.add(
            "energy",
            indicator=indicator,
            reporter=reporter,
            partner=partner,
            flow=flow,
            commodity=commodity,
            period=period,
            freq=freq,
            cumulative=cumulative,
            value=r["value"],
            unit=ENERGY_UNITS[r["unit"]],
            qualifier=qualifier,
            basis=basis,
            valuation=valuation,
            status=r["status"],
            source_id=sid,
            quote=r["quote"],
            note=note,
        )


COMMODITY_CODES = {
    "84-85,86-89": "84-89",
    "various (labour-intensive: textiles, apparel, footwear, furniture, toys...)": "LABOUR_INTENSIVE",
    "84-85 (+ other M&E)": "MECH_ELEC",
    "8703/8704 (complete vehicles)": "8703;8704",
    "8429/8430 etc.": "8429;8430",
    "2709-2710": "2709-2710",
}
COMMODITY_FLOWS = {
    "Russia->China (Russian exports)": ("CHN", "RUS", "import"),
    "China->Russia (Chinese exports)": ("CHN", "RUS", "export"),
    "Russia->China": ("CHN", "RUS", "import"),
    "China->Russia": ("CHN", "RUS", "export"),
    "two-way": ("CHN", "RUS", "total"),
}


SEAFOOD = {
    "Pollock": "POLLOCK",
    "Cod": "COD",
    "Crabs": "CRABS",
    "Other crustaceans": "OTHER_CRUSTACEANS",
}


def commodities(p: Pack) -> None:
    name = "commodity_breakdown.csv"
    for line, r in read(name):
        sid = p.source(r["source"], r["url"], r["pub_date"])
        period, freq, cumulative = period_of(r["period"])
        commodity = SEAFOOD.get(r["product"]) or COMMODITY_CODES.get(r["hs_code"], r["hs_code"])
        reporter, partner, flow = COMMODITY_FLOWS[r["flow"]]
        base_note = f"{r['product']}; reported by {r['reporter']}"
        if r["product"] in SEAFOOD:
            base_note += f" (within HS {r['hs_code']})"
        if r["note"]:
            base_note += f"; {r['note']}"
        status = r["status"]
        if any(k in r["source"] for k in ("fumasoft", "news-live", "mudosocial")):
            status = "sourced_secondary"
            base_note += "; low-tier reprint, check against GACC before relying on it"
        common = dict(
            reporter=reporter,
            partner=partner,
            flow=flow,
            commodity=commodity,
            period=period,
            freq=freq,
            cumulative=cumulative,
            source_id=sid,
            quote=r["quote"],
            status=status,
        )
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        valuation = {"import": "CIF", "export": "FOB"}.get(flow, "")
        product_is_share = r["product"].startswith(("Russia's share", "Russian share"))
        if r["value_usd_bn"]:
            p.add(
                "commodities",
                indicator="trade_value",
                value=r["value_usd_bn"],
                unit="USD bn",
                qualifier=qualifier if not r["share_pct"] else "exact",
                valuation=valuation,
                note=base_note,
                **common,
            )
        if r["value_cny_bn"]:
            p.add(
                "commodities",
                indicator="trade_value",
                value=r["value_cny_bn"],
                unit="CNY bn",
                valuation=valuation,
                note=base_note,
                **common,
            )
        if r["quantity"]:
            qty = r["quantity"]
            if m := re.fullmatch(r"([\d.]+) Mt", qty):
                p.add(
                    "commodities",
                    indicator="trade_quantity",
                    value=m.group(1),
                    unit="Mt",
                    note=base_note,
                    **common,
                )
            elif m := re.fullmatch(r"([\d.]+)k units", qty):
                p.add(
                    "commodities",
                    indicator="trade_quantity",
                    value=m.group(1),
                    unit="thousand units",
                    note=base_note,
                    **common,
                )
            elif m := re.fullmatch(r"([\d.]+) million units", qty):
                p.add(
                    "commodities",
                    indicator="trade_quantity",
                    value=str(float(m.group(1)) * 1000),
                    unit="thousand units",
                    note=base_note + "; '1.1 million units'",
                    **common,
                )
            else:
                raise ValueError(f"quantity {qty!r} at {name}:{line}")
        if r["share_pct"]:
            share_q = qualifier_of(r["status"], r["quote"], r["note"])
            if "upper bound" in r["note"] or "почти" in r["quote"]:
                share_q = "upper_bound"
            if product_is_share:
                p.add(
                    "commodities",
                    indicator="partner_share",
                    value=r["share_pct"],
                    unit="%",
                    qualifier=share_q,
                    note=base_note,
                    **common,
                )
            else:
                p.add(
                    "commodities",
                    indicator="commodity_share",
                    value=r["share_pct"],
                    unit="%",
                    qualifier=share_q if r["status"] != "sourced" else "exact",
                    note=base_note,
                    **common,
                )
        if r["yoy_pct"]:
            p.add(
                "commodities",
                indicator="trade_value_yoy",
                currency="USD" if not r["value_cny_bn"] else "CNY",
                value=r["yoy_pct"],
                unit="%",
                qualifier="approx" if "fold" in r["note"] or "coded" in r["note"] else "exact",
                note=base_note,
                **common,
            )


FX_PAIRS = {"USD/RUB": ("USD", "RUB"), "USD/CNY": ("USD", "CNY"), "CNY/RUB": ("CNY", "RUB")}


def fx(p: Pack) -> None:
    name = "fx_rates.csv"
    for line, r in read(name):
        if r["period_type"] == "annual_avg (cross)":
            p.skip(
                name,
                line,
                f"{r['period']} CNY/RUB cross {r['value']}",
                "derived by the pack; the pipeline derives cross rates itself (etl/derive/fx.py)",
            )
            continue
        currency, unit = FX_PAIRS[r["pair"]]
        sid = p.source(
            r["source"],
            r["url"],
            r["pub_date"],
            kind="statistical_table" if "federalreserve" in r["url"] else "",
        )
        period, freq, _cumulative = period_of(r["period"])
        issuer = "RUS"
        if "CFETS" in r["period_type"] or "PBoC" in r["source"] or "FRED" in r["source"]:
            issuer = "CHN"
        if "Federal Reserve" in r["source"] or "FRED" in r["source"]:
            issuer = "USA"
        kind = {
            "annual_avg": "annual average",
            "annual_avg_official": "official annual average",
            "monthly_avg": "monthly average",
            "point": "rate of the day",
            "point (CFETS central parity)": "CFETS central parity of the day",
            "point (CBR official)": "Bank of Russia official rate of the day",
        }[r["period_type"]]
        p.add(
            "fx_rates",
            indicator="fx_rate",
            reporter=issuer,
            currency=currency,
            period=period,
            freq=freq,
            value=r["value"],
            unit=unit,
            status=r["status"],
            source_id=sid,
            quote=r["quote"],
            note=f"{kind}; {r['note']}".rstrip("; "),
            derived_from=sid if r["status"] == "derived" else "",
        )


def cny_totals(p: Pack) -> None:
    name = "china_russia_trade_cny.csv"
    for line, r in read(name):
        if r["status"] == "derived":
            p.skip(
                name,
                line,
                f"{r['period']} {r['total_cny_bn']} bn CNY (derived)",
                "derived by the pack from USD totals and rates; the pipeline converts "
                "currencies itself and records the rate used",
            )
            continue
        sid = p.source(r["source"], r["url"], r["pub_date"])
        period, freq, cumulative = period_of(r["period"])
        qualifier = qualifier_of(r["status"], r["quote"], r["note"])
        common = dict(
            reporter="CHN",
            partner="RUS",
            commodity="TOTAL",
            period=period,
            freq=freq,
            cumulative=cumulative,
            source_id=sid,
            quote=r["quote"],
            note=r["note"],
            status=r["status"],
        )
        for col, flow, valuation in (
            ("total_cny_bn", "total", ""),
            ("exports_cn_to_ru_cny_bn", "export", "FOB"),
            ("imports_cn_from_ru_cny_bn", "import", "CIF"),
        ):
            if r[col]:
                p.add(
                    "trade_bilateral",
                    indicator="trade_value",
                    value=r[col],
                    unit="CNY bn",
                    flow=flow,
                    valuation=valuation,
                    qualifier=qualifier,
                    **common,
                )
        for col, flow in (
            ("total_yoy_pct", "total"),
            ("exports_yoy_pct", "export"),
            ("imports_yoy_pct", "import"),
        ):
            if r[col] and r["period"] not in ("2025-01..12",):
                p.add(
                    "trade_bilateral",
                    indicator="trade_value_yoy",
                    currency="CNY",
                    value=r[col],
                    unit="%",
                    **{**common, "note": "change in yuan terms"},
                    flow=flow,
                )


OTHER_FACTS = {
    "Chinese nationals fighting for Russia in Ukraine": (
        "chinese_nationals_fighting_for_russia",
        "exact",
    ),
    "Chinese nationals captured by Ukraine": ("chinese_nationals_captured", "exact"),
    "Chinese nationals fighting for Russia (written statement)": (
        "chinese_nationals_fighting_for_russia",
        "lower_bound",
    ),
    "PLA honor guard members marching on Red Square, 9 May 2025": (
        "parade_contingent_marching",
        "exact",
    ),
    "PLA honor guard officers and men in Moscow (rehearsals)": (
        "parade_contingent_rehearsing",
        "exact",
    ),
    "Troops in 9 May 2025 Moscow parade": ("parade_troops_total", "lower_bound"),
}


def other_claims(p: Pack) -> None:
    name = "other_claims.csv"
    for _line, r in read(name):
        claim = r["claim"]
        sid = p.source(r["source"], r["url"], r["pub_date"])
        if claim in OTHER_FACTS:
            indicator, qualifier = OTHER_FACTS[claim]
            value = r["value"].lstrip(">")
            p.add(
                "other_facts",
                indicator=indicator,
                period=r["date"],
                freq="D",
                value=value,
                unit="persons",
                qualifier=qualifier,
                status=r["status"],
                source_id=sid,
                quote=r["quote"],
                note=f"{claim}; {r['note']}".rstrip("; "),
                speaker=r["speaker"],
            )
        elif claim.startswith("Chinese contingent the largest"):
            p.add(
                "other_facts",
                indicator="parade_contingent_largest_foreign",
                period=r["date"],
                freq="D",
                value="",
                unit="persons",
                qualifier="approx",
                status="qualitative",
                source_id=sid,
                quote=r["quote"],
                note="'largest among all foreign military contingents'; no number given",
                speaker=r["speaker"],
            )
        elif claim.startswith("Previous PLA participation"):
            for indicator, value in (
                ("parade_delegation_total", "105"),
                ("parade_contingent_marching", "95"),
            ):
                p.add(
                    "other_facts",
                    indicator=indicator,
                    period="2020-06-19",
                    freq="D",
                    value=value,
                    unit="persons",
                    status="sourced",
                    source_id=sid,
                    quote=r["quote"],
                    note="2020 Moscow Victory parade, as reported on "
                    "19 June 2020; "
                    "2015's 102-member formation is reported only by sources without a "
                    "recorded URL and is not imported",
                    speaker="",
                )
        else:
            p.events.append(event_from(claim, r, sid))


EVENT_IDS = {
    "Russian 72-hour Victory Day ceasefire": (
        "russian-ceasefire-72h",
        "2025-05-08",
        "2025-05-10",
        "Unilateral 72-hour ceasefire announced by Russia for the Victory Day commemorations",
    ),
    "US-proposed 30-day ceasefire accepted by Ukraine (Jeddah)": (
        "jeddah-30-day-ceasefire",
        "2025-03-11",
        "2025-03-11",
        "Ukraine accepts a US proposal for an immediate 30-day ceasefire (Jeddah)",
    ),
    "Ukraine + European leaders propose unconditional 30-day ceasefire from 12 May 2025": (
        "kyiv-30-day-ceasefire-proposal",
        "2025-05-10",
        "2025-05-10",
        "Ukraine and the leaders of France, Germany, Poland and the UK propose a 30-day "
        "unconditional ceasefire from 12 May 2025",
    ),
    "Xi Jinping state visit to Moscow / Victory Day": (
        "xi-visit-moscow-2025",
        "2025-05-07",
        "2025-05-10",
        "Xi Jinping's state visit to Russia and the Victory Day commemorations",
    ),
}


def event_from(claim: str, r: dict, sid: str) -> dict:
    event_id, start, end, label = EVENT_IDS[claim]
    return {
        "event_id": event_id,
        "label": label,
        "start": start,
        "end": end,
        "actor": r["speaker"],
        "detail": f"{r['value']} (announced/dated {r['date']})",
        "status": r["status"],
        "source_id": sid,
        "quote": r["quote"],
        "note": r["note"],
    }


def extra_events(p: Pack) -> None:
    """Events the article dates that the pack records inside other rows."""
    parade = p.by_url["http://m.acmerblog.com/news/20250509/1241073.html"]
    p.events.append(
        {
            "event_id": "victory-parade-2025",
            "label": "Victory Day parade on Red Square "
            "(80th anniversary of the victory over Nazi Germany)",
            "start": "2025-05-09",
            "end": "2025-05-09",
            "actor": "Russia",
            "detail": "PLA honour guard among the foreign contingents",
            "status": "sourced",
            "source_id": parade,
            "quote": "今天,102名隊員亮相紅場",
            "note": "China News Service report dated 9 May 2025 ('today, 102 members appeared on "
            "Red Square')",
        }
    )
    talks = p.by_url["https://tass.com/economy/1955189"]
    p.events.append(
        {
            "event_id": "xi-putin-talks-2025",
            "label": "Talks between Xi Jinping and Vladimir Putin in Moscow",
            "start": "2025-05-08",
            "end": "2025-05-08",
            "actor": "Xi Jinping; Vladimir Putin",
            "detail": "",
            "status": "sourced",
            "source_id": talks,
            "quote": "Putin ... following talks with Chinese President Xi Jinping",
            "note": "TASS report of 8 May 2025 on the talks",
        }
    )


# --- write -------------------------------------------------------------------------------------
def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow(
                {
                    c: ("true" if row[c] is True else "false" if row[c] is False else row[c])
                    for c in columns
                }
            )


def main() -> None:
    p = Pack()
    # top_partners_2023 first: the Wikipedia mirror's source row takes that file's description.
    for step in (
        top_partners_2023,
        annual,
        monthly,
        rankings,
        partners_2024_2025,
        russia_partners,
        russia_totals,
        mirror,
        settlement,
        cbr_structure,
        energy,
        commodities,
        fx,
        cny_totals,
        other_claims,
        extra_events,
    ):
        step(p)
    for old in (OUT / "observations").glob("*.csv"):
        old.unlink()
    for table, rows in sorted(p.obs.items()):
        write_csv(OUT / "observations" / f"{table}.csv", OBSERVATION_COLUMNS, rows)
    write_csv(
        OUT / "sources.csv",
        SOURCE_COLUMNS,
        sorted(p.sources.values(), key=lambda s: s["source_id"]),
    )
    write_csv(OUT / "events.csv", EVENT_COLUMNS, sorted(p.events, key=lambda e: e["start"]))
    log = [
        "# Import log: reference rows not carried over",
        "",
        "Written by `tools/import_reference.py`. Every row of the research pack "
        "(`shared/reference/*.csv`) is either in `data/curated/` or listed here with the reason.",
        "",
        "| file | line | row | reason |",
        "|---|---|---|---|",
    ]
    log += [f"| {f} | {line} | {what} | {why} |" for f, line, what, why in p.skipped]
    (OUT / "IMPORT_LOG.md").write_text("\n".join(log) + "\n", encoding="utf-8")
    n = sum(len(v) for v in p.obs.values())
    print(
        f"{n} observations in {len(p.obs)} files, {len(p.sources)} sources, "
        f"{len(p.events)} events, {len(p.skipped)} rows skipped (see IMPORT_LOG.md)"
    )


if __name__ == "__main__":
    main()

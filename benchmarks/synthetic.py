"""Synthetic inputs for the benchmarks: made-up numbers in the publishers' formats, generated on
the fly, never written under data/ (they would be invented figures)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from etl.schema import OBSERVATION_COLUMNS

M49 = {"CHN": 156, "RUS": 643}


def comtrade_body(records: int, seed: int = 1) -> bytes:
    """A Comtrade API v1 response with `records` monthly HS-6 rows (lognormal values)."""
    rng = np.random.default_rng(seed)
    template = json.loads(
        '{"typeCode":"C","freqCode":"M","refPeriodId":20230101,"refYear":2023,"refMonth":1,'
        '"period":"202301","reporterCode":156,"reporterISO":"CHN","reporterDesc":"China",'
        '"flowCode":"X","flowDesc":"Export","partnerCode":643,"partnerISO":"RUS",'
        '"partnerDesc":"Russian Federation","partner2Code":0,"partner2ISO":"W00",'
        '"partner2Desc":"World","classificationCode":"H6","classificationSearchCode":"HS",'
        '"isOriginalClassification":true,"cmdCode":"010121","cmdDesc":"x","aggrLevel":6,'
        '"isLeaf":true,"isAggregate":false,"customsCode":"C00","customsDesc":"TOTAL CPC",'
        '"mosCode":"0","motCode":0,"motDesc":"TOTAL MOT","qtyUnitCode":8,"qtyUnitAbbr":"kg",'
        '"qty":1,"isQtyEstimated":false,"altQtyUnitCode":-1,"altQtyUnitAbbr":"N/A","altQty":0,'
        '"isAltQtyEstimated":false,"netWgt":1000.0,"isNetWgtEstimated":false,"grossWgt":0,'
        '"isGrossWgtEstimated":false,"cifvalue":null,"fobvalue":1.0,"primaryValue":1.0,'
        '"isReported":true,"legacyEstimationFlag":0}'
    )
    values = rng.lognormal(mean=13, sigma=2.5, size=records).round(2)
    weights = (values / rng.uniform(1, 50, size=records)).round(1)
    codes = rng.integers(10000, 979999, size=records)
    months = rng.integers(0, 36, size=records)
    data = []
    for i in range(records):
        record = dict(template)
        year, month = 2022 + int(months[i]) // 12, int(months[i]) % 12 + 1
        record["period"] = f"{year}{month:02d}"
        record["refYear"], record["refMonth"] = year, month
        record["refPeriodId"] = int(f"{year}{month:02d}01")
        record["cmdCode"] = f"{int(codes[i]):06d}"
        record["flowCode"] = "X" if i % 2 else "M"
        record["primaryValue"] = record["fobvalue"] = float(values[i])
        record["netWgt"] = float(weights[i])
        data.append(record)
    return json.dumps({"elapsedTime": "1 secs", "count": records, "data": data,
                       "error": ""}).encode()


def hs6_monthly_observations(start: int = 2015, end: int = 2025, codes: int = 5000,
                             seed: int = 2) -> pd.DataFrame:
    """About 1.3 million monthly HS-6 trade rows, both directions (the scale benchmark)."""
    rng = np.random.default_rng(seed)
    months = pd.period_range(f"{start}-01", f"{end}-12", freq="M").astype(str)
    hs = np.array([f"{c:06d}" for c in rng.choice(np.arange(10000, 979999), codes, replace=False)])
    per_flow = len(months) * codes
    frames = []
    for reporter, partner, flow in (("CHN", "RUS", "export"), ("CHN", "RUS", "import")):
        keep = rng.random(per_flow) < 0.98  # realistic gaps: not every code trades every month
        n = int(keep.sum())
        frame = pd.DataFrame({
            "period": np.repeat(months, codes)[keep],
            "commodity": np.tile(hs, len(months))[keep],
            "value": rng.lognormal(mean=12, sigma=2.2, size=n).round(2),
        })
        frame["flow"], frame["reporter"], frame["partner"] = flow, reporter, partner
        frames.append(frame)
    detail = pd.concat(frames, ignore_index=True)
    for column in OBSERVATION_COLUMNS:
        if column not in detail:
            detail[column] = ""
    detail["indicator"], detail["freq"], detail["unit"] = "trade_value", "M", "USD"
    detail["cumulative"], detail["qualifier"], detail["status"] = False, "exact", "official"
    detail["valuation"] = np.where(detail["flow"] == "export", "FOB", "CIF")
    detail["source_id"] = "comtrade-api-v1"
    return detail[OBSERVATION_COLUMNS]


SYNTHETIC_SOURCE = "benchmark-synthetic-curated"
PARTNERS = ["USA", "JPN", "KOR", "HKG", "TWN", "VNM", "AUS", "DEU", "MYS", "BRA", "IDN", "IND",
            "THA", "NLD", "SGP", "GBR", "TUR", "BLR", "KAZ", "ARE", "UZB", "ARM", "EGY", "SAU",
            "IRQ", "UKR", "RUS"]


def curated_trade_file(rows: int, seed: int = 3) -> str:
    """A curated observations CSV with `rows` valid rows (~240 bytes each, like the committed
    files): China's monthly trade by partner, flow and HS chapter, every row citing one
    synthetic source (see `synthetic_source_row`). Made-up numbers: never written under data/."""
    rng = np.random.default_rng(seed)
    per_month = len(PARTNERS) * 2 * 40
    months = pd.period_range("1990-01", periods=-(-rows // per_month), freq="M").astype(str)
    grid = pd.MultiIndex.from_product(
        [months, PARTNERS, ["export", "import"], [f"{c:02d}" for c in range(1, 41)]],
        names=["period", "partner", "flow", "commodity"],
    ).to_frame(index=False).head(rows)
    values = rng.lognormal(mean=-4, sigma=1.5, size=len(grid)).round(6)
    frame = pd.DataFrame({
        "indicator": "trade_value", "reporter": "CHN", "partner": grid["partner"],
        "flow": grid["flow"], "commodity": grid["commodity"], "currency": "",
        "period": grid["period"], "freq": "M", "cumulative": "false",
        "value": [f"{v:.6f}" for v in values], "unit": "USD bn", "qualifier": "exact",
        "basis": "", "valuation": np.where(grid["flow"] == "export", "FOB", "CIF"),
        "status": "sourced", "source_id": SYNTHETIC_SOURCE, "derived_from": "",
        "note": "synthetic benchmark row; not a real figure",
        "quote": "Synthetic: " + grid["partner"] + " " + grid["flow"] + " of HS chapter "
        + grid["commodity"] + " in " + grid["period"] + ", a made-up value for timing only.",
        "speaker": "",
    })
    return frame[OBSERVATION_COLUMNS].to_csv(index=False, lineterminator="\n")


def synthetic_source_row(header: list[str]) -> str:
    """The sources.csv row the synthetic curated rows cite, for the file's own header."""
    cells = {"source_id": SYNTHETIC_SOURCE, "publisher": "Benchmark (synthetic)",
             "title": "Synthetic curated rows", "url": "http://127.0.0.1/benchmark",
             "date_published": "2026-01-01", "date_accessed": "2026-01-01",
             "licence": "synthetic benchmark data only", "citation": "synthetic",
             "kind": "statistical_table", "tier": "official"}
    return ",".join(cells.get(column, "") for column in header) + "\n"

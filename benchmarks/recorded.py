"""A recorded set of raw responses for the refresh benchmark: the publisher-format test fixtures
(synthetic numbers) saved as complete raw snapshots in a temporary data folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from etl.sources.base import RawResponse
from etl.sources.raw_store import save_set

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

RECORDED = {
    "comtrade": [
        ("chn_rus_annual_total.json",
         "https://comtradeapi.un.org/public/v1/preview/C/A/HS", "application/json"),
        ("chn_rus_monthly_total.json",
         "https://comtradeapi.un.org/public/v1/preview/C/M/HS", "application/json"),
        ("rus_chn_annual_hs2.json",
         "https://comtradeapi.un.org/public/v1/preview/C/A/HS", "application/json"),
    ],
    "imf": [
        ("imts_annual_scale6_usd.xml",
         "https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/x.A",
         "application/xml"),
        ("imts_monthly.xml",
         "https://api.imf.org/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/x.M",
         "application/xml"),
    ],
    "cbr": [
        ("dynamic_cny_nominal_change.xml", "https://www.cbr.ru/scripts/XML_dynamic.asp",
         "application/xml"),
        ("dynamic_usd_vunitrate.xml", "https://www.cbr.ru/scripts/XML_dynamic.asp",
         "application/xml"),
    ],
}


def record_raw_sets(root: Path, when: datetime | None = None) -> int:
    """Save every recorded response as a complete raw set; return the number of bodies."""
    when = when or datetime(2026, 11, 1, 6, tzinfo=UTC)
    count = 0
    for source_id, files in RECORDED.items():
        raws = []
        for name, url, content_type in files:
            body = (FIXTURES / source_id / name).read_bytes()
            raws.append(RawResponse(body=body, meta={
                "url": url, "params": {}, "label": name, "http_status": 200,
                "content_type": content_type, "fetched_at": when.isoformat(),
                "publisher": source_id, "licence": "test fixture",
            }))
        save_set(root, source_id, raws, when, complete=True)
        count += len(raws)
    return count

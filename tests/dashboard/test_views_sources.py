"""Data and sources views: the sources table filtered and sorted by the URL, freshness, run log."""

from __future__ import annotations

import pandas as pd

from dashboard.views import sources
from tests.dashboard.support import sources as source_rows

MANIFEST = {
    "built_at": "2026-11-20T08:00:00Z",
    "content_hash": "abc123",
    "sources_state": [
        {"source_id": "curated", "state": "fresh", "fetched_at": None, "error": None, "rows": 9},
        {
            "source_id": "cbr",
            "state": "stale",
            "fetched_at": "2026-11-19T08:00:00Z",
            "error": "refresh at 2026-11-20T08:00:00Z failed: HTTP 503; using the raw snapshot "
            "fetched 2026-11-19T08:00:00Z",
            "rows": 5,
        },
    ],
}


def base(manifest=MANIFEST):
    frame = source_rows("tass-1", "tass-2", "cbr-rates", tass_1="2024-05-01", tass_2="2025-01-02")
    frame.loc[frame["source_id"] == "cbr-rates", "kind"] = "api"
    frame.loc[frame["source_id"] == "cbr-rates", "publisher"] = "Bank of Russia"
    return sources.prepare({"sources": frame, "quality_flags": pd.DataFrame()}, manifest, "v1")


def test_sources_are_sorted_newest_first_by_default():
    b = base()
    p, _ = sources.parse({}, b)
    frame = sources.sources_chart(b, p).rows
    assert frame["source_id"].tolist() == ["tass-2", "tass-1", "cbr-rates"]


def test_words_filter_the_sources_and_the_title_says_how_many_match():
    b = base()
    p, _ = sources.parse({"q": "bank RUSSIA", "order": "asc"}, b)
    chart = sources.sources_chart(b, p)
    assert chart.rows["source_id"].tolist() == ["cbr-rates"]
    assert chart.title == "1 of 3 sources matching “bank RUSSIA”"


def test_a_kind_filter_keeps_that_kind_only():
    b = base()
    p, _ = sources.parse({"kind": "api"}, b)
    assert sources.sources_chart(b, p).rows["kind"].tolist() == ["api"]
    assert set(sources.kind_options(b)) == {"all", "press", "api"}


def test_an_unknown_sort_column_falls_back_with_a_note():
    p, notes = sources.parse({"sort": "salary"}, base())
    assert p.sort == "date_published" and "“salary”" in notes[0]


def test_a_stale_source_says_since_when_from_its_failed_refresh():
    rows = sources.freshness_rows(MANIFEST["sources_state"])
    stale = rows[rows["source_id"] == "cbr"].iloc[0]
    assert stale["stale_since"] == "2026-11-20T08:00:00Z"
    assert stale["fetched_at"] == "2026-11-19T08:00:00Z"


def test_a_recorded_stale_since_is_used_as_it_is():
    rows = sources.freshness_rows([{"source_id": "imf", "state": "stale", "stale_since": "X"}])
    assert rows["stale_since"].tolist() == ["X"]


def test_the_run_log_is_read_from_the_manifest_when_present():
    assert base().run is None and base().diff is None
    with_log = base({**MANIFEST, "run": {"started_at": "t0"}, "diff": {"added": 3}})
    assert with_log.run == {"started_at": "t0"} and with_log.diff == {"added": 3}


def test_the_run_log_section_shows_the_run_and_the_revisions_with_old_and_new_values():
    from dashboard.pages.sources import run_log
    from tests.dashboard.support import find_all, text_of

    diff = {
        "added": 12,
        "changed": 1,
        "removed": 0,
        "new_periods": [
            {
                "indicator": "trade_value",
                "reporter": "CHN",
                "partner": "RUS",
                "flow": "export",
                "commodity": "TOTAL",
                "freq": "M",
                "periods": ["2025-10"],
            }
        ],
        "revisions": [
            {
                "indicator": "trade_value",
                "reporter": "CHN",
                "partner": "RUS",
                "flow": "export",
                "commodity": "TOTAL",
                "period": "2025-09",
                "unit": "USD",
                "source_id": "x",
                "old": 8.8e9,
                "new": 8.9e9,
            }
        ],
    }
    run = {
        "started_at": "2026-11-21T08:00:00+00:00",
        "finished_at": "2026-11-21T08:00:09+00:00",
        "outcome": "published",
        "sources": [{"source_id": "cbr", "state": "stale", "rows": 5, "error": "HTTP 503"}],
    }
    section = run_log(base({**MANIFEST, "run": run, "diff": diff}))
    text = text_of(section)
    assert section.id == "run-log"
    assert "12 rows added, 1 changed, 0 removed" in text
    assert "published" in text and "HTTP 503" in text and "new 2025-10" in text
    cells = [text_of(td) for td in find_all(section, "Td")]
    assert "8.8e+09" in cells and "8.9e+09" in cells


def test_without_a_run_log_the_section_says_so():
    from dashboard.pages.sources import run_log
    from tests.dashboard.support import text_of

    section = run_log(base())
    assert section.id == "run-log" and "No run log yet" in text_of(section)

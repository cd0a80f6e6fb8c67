"""A refresh with a recorded set of responses (UN Comtrade, the IMF and the Bank of Russia,
served offline from tests/fixtures) produces monthly and by-chapter series and a mirror
comparison in the published snapshot, and the dashboard charts them."""

from __future__ import annotations

from urllib.parse import urlencode

from dashboard.pages import currencies, explorer, sources
from etl.export import to_csv_bytes
from tests.dashboard.support import drawn, find_all, text_of


def chart(snapshot, page, chart=None, **query):
    """The chart `page` draws for `query` (on the explorer: the chosen view's)."""
    request = snapshot.views.request(page, query)
    assert request.notes == ()
    return request.chart(chart or request.params.view)


def test_a_recorded_refresh_publishes_monthly_chapter_and_mirror_series_that_the_dashboard_charts(
    live_snapshot, live_client, render, live_app
):
    obs = live_snapshot.tables["observations"]
    official = obs[(obs["status"] == "official") & (obs["indicator"] == "trade_value")]
    # monthly: true single months from UN Comtrade and the IMF
    monthly = official[(official["freq"] == "M") & ~official["cumulative"]]
    assert {"comtrade-api-v1-preview", "imf-imts-sdmx"} <= set(monthly["source_id"])
    # by chapter: HS two-digit rows from both reporters
    chapters = official[official["commodity"].str.fullmatch(r"\d{2}")]
    assert set(chapters["reporter"]) == {"CHN", "RUS"} and "27" in set(chapters["commodity"])
    # mirror: each side's report of the same flow
    assert not official[(official["reporter"] == "RUS") & (official["partner"] == "CHN")].empty

    months = chart(live_snapshot, "explorer", freq="M", source="comtrade", start="2024", end="2024")
    assert months.rows["period"].unique().tolist() == ["2024-01", "2024-02"]
    assert drawn(months, live_snapshot.version).data

    treemap = chart(live_snapshot, "explorer", view="commodities", kind="treemap", year="2023")
    assert "Mineral fuels (oil, gas, coal)" in set(treemap.rows["label"])
    assert drawn(treemap, live_snapshot.version).data[0].type == "treemap"
    area = chart(live_snapshot, "explorer", view="commodities", reporter="RUS", cflow="export")
    assert area.rows["period"].unique().tolist() == ["2021"]

    mirror = chart(live_snapshot, "explorer", view="sources", pair="cn_imports", start="2022")
    families = set(zip(mirror.rows["side"], mirror.rows["source_family"], strict=True))
    assert ("Russia-reported", "UN Comtrade") in families
    assert ("China-reported", "IMF (IMTS)") in families
    assert mirror.rows["gap_pct"].notna().any()

    query = {"view": "sources", "pair": "cn_imports", "start": "2022"}
    csv = live_client.get(f"/download/explorer/sources.csv?{urlencode(query)}").data
    assert csv == to_csv_bytes(mirror.rows)

    page = render(explorer, app=live_app, view="commodities", kind="treemap", year="2023")
    assert find_all(page, "Graph") and "Not in this snapshot" not in text_of(page)


def test_the_bank_of_russias_daily_rates_are_charted_when_present(live_snapshot, render, live_app):
    fx = chart(live_snapshot, "currencies", chart="fx", pair="rub_cny", start="2022")
    official = fx.rows[fx.rows["series"] == "Bank of Russia official rate, daily"]
    assert official["period"].tolist() == ["2022-10-04", "2022-10-05", "2022-10-06"]
    assert "not in this snapshot" not in " ".join(fx.notes)
    page = render(currencies, app=live_app, pair="rub_cny")
    assert "Bank of Russia official rate, daily" in str(find_all(page, "Graph")[1].figure)


def test_the_data_page_shows_each_live_sources_state_and_fetch_time(render, live_app):
    text = text_of(render(sources, app=live_app))
    # the four live sources (Comtrade, IMF, Bank of Russia, ECB) and the curated data
    assert text.count("fresh — fetched at the last refresh") == 5
    assert "2026-11-20T08:00:00Z" in text
    assert "UN Comtrade" in text or "United Nations" in text

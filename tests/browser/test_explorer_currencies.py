"""Every currency the trade explorer offers gives a correct chart, or is disabled with the
reason beside it (issue 11, blocker 2): monthly figures 2023–2025 in each currency draw at least
12 points on a month axis, or the option cannot be chosen and says why; a currency asked for by
URL that cannot be drawn gives one reason, never two contradicting notices."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser
MONTHLY = "/explorer?freq=M&start=2023&end=2025"
POINTS = "#explorer-trade .scatterlayer .trace path.point"


def currency_options(page) -> list[dict]:
    return page.locator("#explorer-currency label").evaluate_all(
        """labels => labels.map(l => ({
            value: l.querySelector('input').value,
            disabled: l.querySelector('input').disabled,
            reason: (l.querySelector('.option-reason') || {}).textContent || ''}))""")


def test_every_currency_for_monthly_2023_to_2025_draws_12_points_or_says_why_not(page, served):
    open_page(page, served, MONTHLY)
    options = currency_options(page)
    assert [o["value"] for o in options] == ["USD", "CNY", "RUB"]
    drawn = 0
    for option in options:
        if option["disabled"]:
            assert len(option["reason"]) > 40, option  # a sentence, not a bare "unavailable"
            assert "2023–2025" in option["reason"]
            continue
        if option["value"] != "USD":
            page.locator(f'#explorer-currency input[value="{option["value"]}"]').check(
                force=True)
            page.wait_for_function("c => location.search.includes('currency=' + c)",
                                   arg=option["value"])
            page.wait_for_load_state("networkidle")
        page.wait_for_selector(POINTS)
        points = page.locator(POINTS).count()
        assert points >= 12, (option["value"], points)
        ticks = page.locator("#explorer-trade .xtick text").all_text_contents()
        assert ticks and not any(":" in t for t in ticks), ticks  # months, not times of day
        drawn += 1
    assert drawn >= 2


def test_the_offline_snapshot_disables_roubles_with_the_pipelines_reason(page, served):
    open_page(page, served, MONTHLY)
    rub = next(o for o in currency_options(page) if o["value"] == "RUB")
    converted = served.snapshot.tables["trade_converted"]
    causes = set(converted.loc[(converted["unit"] == "RUB") & (converted["freq"] == "M")
                               & (converted["period"] >= "2023"), "no_rate_cause"])
    assert rub["disabled"]
    assert any(cause and cause in rub["reason"] for cause in causes)


def test_a_currency_asked_for_by_url_that_cannot_be_drawn_gives_one_reason(page, served):
    open_page(page, served, MONTHLY + "&currency=RUB", charts=False)
    block = page.locator("#explorer-trade")
    block.locator(".notice-empty").wait_for()
    said = block.locator(".notice, .chart-notes p").all_text_contents()
    assert len(said) == 1, said
    assert "roubles" in said[0] and "2023–2025" in said[0]


def test_an_annual_view_offers_every_currency(page, served):
    open_page(page, served, "/explorer?freq=A")
    assert not any(o["disabled"] for o in currency_options(page))

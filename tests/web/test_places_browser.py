"""The places pages in a real browser (Debian's Chromium driven by Playwright) against the app served by uvicorn
on a private copy of the sample ledger: from the list of places to a place, its headline indicators and a
series chart, a year's comparison, a reviewer placing the five-year goals and seeing their progress, and a
panel export — no console errors (the CSP would report inline styles or scripts), no page wider than the
window. Skipped when /usr/bin/chromium is missing, unless DUBAN_REQUIRE_BROWSER=1."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from browser_helpers import TIMEOUT, VIEWPORT, launch_chromium, serve
from web_helpers import PASSWORD, USER, make_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[str]:
    from duban.store import Database

    folder = tmp_path_factory.mktemp("places-browser")
    shutil.copyfile(sqlite_template, folder / "ledger.sqlite")
    db = Database(str(folder / "ledger.sqlite"))
    with serve(make_app(db)) as url:
        yield url
    db.dispose()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"], page.url
    assert page.problems == [], page.problems


def test_from_the_places_to_a_series(page, live):
    from playwright.sync_api import expect

    page.goto(live + "/")
    page.get_by_role("link", name="地区与指标").click()
    expect(page).to_have_title("地区 · 督办")
    expect(page.locator("#places")).to_be_visible()
    _fits(page)
    page.locator("#places tbody tr[data-level=national] td").first.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("全国")
    table = page.locator("#headline-table")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() >= 5
    assert table.locator("tbody tr").first.get_attribute("data-misses") != "0"  # misses first
    expect(page.locator("#goals-table")).to_be_visible()
    assert page.locator("#goals-table tbody tr[data-status=on_track]").count() >= 1
    _fits(page)

    table.get_by_role("link", name="居民消费价格涨幅").click()
    expect(page.locator("#series-table")).to_be_visible()
    chart = page.locator("svg.series-chart").first
    expect(chart).to_be_visible()
    assert chart.locator("circle.pt-miss").count() >= 1  # 2007: 上涨4.8% against 3%以内
    missed = page.locator('#series-table tr[data-year="2007"]')
    expect(missed).to_have_attribute("data-status", "not_met")
    expect(missed).to_contain_text("4.8%")
    _fits(page)

    page.get_by_role("link", name="各地区对比").click()
    expect(page.locator("#panel")).to_be_visible()
    page.locator("#panel thead").get_by_role("link", name="2014").click()
    expect(page.locator("#compare-table")).to_be_visible()
    expect(page.locator("svg.compare-chart")).to_be_visible()
    _fits(page)
    expect(page.locator("h1")).to_contain_text("2014 年 居民消费价格涨幅")
    page.locator("select[name=metric]").select_option("gdp")
    page.locator("select[name=level]").select_option("county")
    page.locator("input[name=year]").fill("2024")
    page.get_by_role("button", name="对比").click()
    page.wait_for_url("**year=2024**")
    rows = page.locator("#compare-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("宁波市镇海区")
    expect(rows.first).to_contain_text("5.6%")


def test_a_reviewer_places_the_five_year_goals(page, live):
    from playwright.sync_api import expect

    page.goto(live + "/places")
    page.locator("#unplaced").get_by_role("link", name="确认地区").click()
    expect(page.locator("#suggestions")).to_contain_text("宁波市镇海区")
    page.locator("#correct").get_by_role("link", name="登录").click()
    page.locator("input[name=username]").fill(USER)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator("#correct input[name=jurisdiction]")).to_have_value("宁波市镇海区")  # the suggestion
    page.locator("#correct input[name=period_start]").fill("2021")
    page.locator("#correct input[name=period_end]").fill("2025")
    page.locator("#correct input[name=note]").fill("十四五时期")
    page.get_by_role("button", name="保存更正").click()
    expect(page.locator(".flash")).to_contain_text("更正已保存")
    expect(page.locator("#effective")).to_contain_text("宁波市镇海区")
    expect(page.locator("#effective")).to_contain_text("2021–2025")
    expect(page.locator("#history")).to_contain_text("十四五时期")
    _fits(page)
    page.locator("#effective").get_by_role("link", name="宁波市镇海区").click()
    goals = page.locator("#goals-table")
    expect(goals).to_be_visible()
    income = goals.locator("tbody tr", has_text="居民人均可支配收入")
    expect(income).to_have_attribute("data-status", "behind")
    expect(income).to_contain_text("18.26%")
    _fits(page)

    with page.expect_download() as info:
        page.goto(live + "/metrics/gdp")
        page.get_by_role("link", name="导出面板 xlsx").click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    keys = [c.value for c in sheet[2]]
    rows = [dict(zip(keys, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=3)]
    nation_2012 = next(r for r in rows if r["place"] == "全国" and r["year"] == 2012)
    assert nation_2012["target_quote"] == "国内生产总值增长7.5％" and nation_2012["result_value"] == 7.8

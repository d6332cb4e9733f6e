"""A real browser (Debian's Chromium driven by Playwright) against the real app served by uvicorn, at the
1366×900 of an office laptop: the dashboard (its order and filters), filtering the ledger, a target page,
signing in, a review, exports, XSS, no page wider than the window, printing on A4, and the API docs page
working with no network beyond the server.

Skipped when /usr/bin/chromium is missing, unless DUBAN_REQUIRE_BROWSER=1. The screenshots in docs/ are made
by scripts/screenshots.py."""

from __future__ import annotations

import csv
import io
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
def live(sqlite_db) -> Iterator[str]:
    with serve(make_app(sqlite_db)) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    page.problems = []  # console errors (CSP violations show up here) and uncaught page errors
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def _total(page) -> int:
    return int(page.locator("#total").inner_text().split()[1])


def test_review_journey(page, live):
    from playwright.sync_api import expect

    # the dashboard: charts drawn on the server, Chinese text
    page.goto(live + "/")
    expect(page).to_have_title("总览 · 督办")
    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    expect(page.locator("h1")).to_have_text("总览")
    expect(page.get_by_role("heading", name="各文件目标状态")).to_be_visible()
    assert chart.locator("rect.s-not_met").count() > 0

    # the ledger, filtered by a status through the GET form
    page.goto(live + "/ledger")
    everything = _total(page)
    page.locator("select[name=status]").select_option("not_met")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**status=not_met**")
    expect(page.locator("#ledger")).to_be_visible()
    not_met = _total(page)
    assert 0 < not_met < everything
    rows = page.locator("#ledger tbody tr")
    assert rows.count() == min(not_met, 50)
    assert page.locator('#ledger tbody tr[data-status="not_met"]').count() == rows.count()

    # a target page with its highlights (a quantified target: its figure is marked too)
    page.goto(live + "/ledger?status=not_met&kind=quantitative")
    first = page.locator("#ledger tbody tr").first.locator("td.text a")
    text = first.inner_text()
    first.click()
    page.wait_for_url("**/targets/*")
    target_url = page.url
    expect(page.locator("#passage mark.m-target").first).to_be_visible()
    expect(page.locator("#passage mark.m-indicator").first).to_be_visible()

    # sign in from the target page and come back to it
    page.locator("#reviews").get_by_role("link", name="登录").click()
    page.locator("input[name=username]").fill(USER)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(target_url)
    expect(page.get_by_text("已登录：测试复核员")).to_be_visible()

    # a review: the machine verdict stays, the review is shown and wins in the ledger
    page.locator("form.review select[name=status]").select_option("exceeded")
    page.locator("form.review textarea[name=comment]").fill("浏览器测试：据统计公报核实")
    page.get_by_role("button", name="保存复核").click()
    expect(page.get_by_text("复核已保存：超额完成")).to_be_visible()
    expect(page.locator("#reviews table")).to_contain_text("浏览器测试：据统计公报核实")
    target_id = target_url.rsplit("/", 1)[1].split("#")[0]

    page.goto(f"{live}/ledger?status=exceeded&q={text}")
    row = page.locator(f'#ledger tbody tr:has(a[href="/targets/{target_id}"])')
    expect(row).to_have_count(1)
    expect(row.locator(".badge").first).to_have_text("超额完成")
    expect(row).to_contain_text("已复核")

    # the current view exported: the review's status is in the files
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    found = [r for r in csv.DictReader(io.StringIO(data)) if r["编号"] == target_id]
    assert found and found[0]["当前结论"] == "超额完成" and found[0]["机器评估"] == "未完成"
    assert found[0]["复核意见"] == "浏览器测试：据统计公报核实"
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel").click()
    assert info.value.suggested_filename == "duban-targets-exceeded.xlsx"
    ws = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    header = [c.value for c in ws[1]]
    cells = [dict(zip(header, (c.value for c in r), strict=False)) for r in ws.iter_rows(min_row=2)]
    assert any(str(c["编号"]) == target_id and c["当前结论"] == "超额完成" for c in cells)
    assert not page.problems, page.problems


def test_xss_stays_text(browser, xss_db):
    with serve(make_app(xss_db)) as url:
        context = browser.new_context()
        context.set_default_timeout(TIMEOUT)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        targets = page.request.get(url + "/api/targets").json()["targets"]
        evil = [t for t in targets if "<script>" in t["text"] or "<img" in t["text"]]
        assert evil
        pages = [f"/documents/{evil[0]['document_id']}", *(f"/targets/{t['id']}" for t in evil), "/ledger", "/"]
        for path in pages:
            page.goto(url + path)
            page.locator("main").wait_for()
            assert page.evaluate("window.__xss") is None, path
            assert page.locator("main script, main img").count() == 0, path
        page.goto(url + pages[0])
        from playwright.sync_api import expect

        expect(page.locator("#fulltext")).to_contain_text("<script>window.__xss=1</script>")
        assert dialogs == []
        context.close()


# --- layout, the dashboard, printing and the API docs, at 1366×900 -----------------------------------------

OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('main *')].filter(e => {
    const style = getComputedStyle(e);
    return /(auto|scroll)/.test(style.overflowX) && e.scrollWidth > e.clientWidth + 1;
  }).map(e => `${e.tagName}.${e.className} ${e.scrollWidth}>${e.clientWidth}`);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def _pages(live: str, page) -> list[str]:
    """Every kind of page, with the ids the ledger gives."""
    api = page.request
    targets = api.get(live + "/api/targets?status=not_met&kind=quantitative").json()["targets"]
    docs = api.get(live + "/api/documents").json()["documents"]
    longest = max(docs, key=lambda d: d["targets"])
    plan = next(d for d in docs if d["kind"] == "work_plan" and d["year"] == 2024)
    runs = api.get(f"{live}/api/documents/{plan['id']}").json()["runs"]
    narrative = api.get(f"{live}/api/documents/{docs[1]['id']}").json()["runs"]
    return ["/", "/?year=2013&tier=headline", f"/?document={plan['id']}", "/ledger", "/ledger?status=no_evidence",
            f"/targets/{targets[0]['id']}", f"/targets/{targets[-1]['id']}", "/documents",
            f"/documents/{longest['id']}", f"/documents/{plan['id']}", f"/runs/{runs[0]['id']}",
            f"/runs/{narrative[0]['id']}", "/api", "/docs", "/login", "/targets/99999999"]


def test_no_page_is_wider_than_the_window(page, live):
    for path in _pages(live, page):
        page.goto(live + path)
        page.locator("main").wait_for()
        got = page.evaluate(OVERFLOW)
        assert got["scroll"] <= got["client"] == VIEWPORT["width"], (path, got)
        assert not got["wide"], (path, got["wide"])  # no table scrolls sideways in its box either
    assert [p for p in page.problems if "404" not in p] == []  # (the last page is a 404 on purpose)


def test_dashboard_leads_with_headline_targets_then_misses_flags_unanswered(page, live):
    from playwright.sync_api import expect

    page.goto(live + "/")
    order = page.evaluate("[...document.querySelectorAll('main section.card[id]')].map(s => s.id)")
    assert order == ["headline", "misses", "flagged", "unanswered", "documents"]
    data = page.request.get(live + "/api/dashboard").json()
    expect(page.locator("#headline h2")).to_contain_text(f"{data['period']}年主要指标")
    expect(page.locator("#headline h2")).to_contain_text(f"{data['listed_totals']['headline']} 项目标")
    assert page.locator("#headline-table tbody tr").count() == len(data["headline"]) > 0
    statuses = page.locator("#misses-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses and set(statuses) <= {"not_met", "partially_met"}
    assert page.locator("#misses-table td.evidence q").count() > 0  # the sentence the verdict rests on
    assert page.locator("#flagged-table .flag").count() >= page.locator("#flagged-table tbody tr").count() > 0
    expect(page.locator("#unanswered h2")).to_contain_text(f"{data['listed_totals']['unanswered']} 项目标")
    # every count says what it counts
    expect(page.locator(".counts-note")).to_contain_text("目标数")
    expect(page.locator(".kpi-total small").first).to_have_text("目标（项）")


def test_dashboard_filters(page, live):
    from playwright.sync_api import expect

    page.goto(live + "/")
    form = page.locator("#dashboard-filters")
    form.locator("select[name=year]").select_option("2013")
    form.locator("select[name=tier]").select_option("headline")
    form.get_by_role("button", name="筛选").click()
    page.wait_for_url("**year=2013**")
    assert "tier=headline" in page.url
    data = page.request.get(live + "/api/dashboard?year=2013&tier=headline").json()
    assert data["counts"]["targets"] == data["counts"].get("headline") > 0 and data["period"] == 2013
    expect(page.locator(".kpi-total .n")).to_have_text(str(data["counts"]["targets"]))
    assert page.locator("#headline-table tbody tr").count() == len(data["headline"])
    expect(page.locator("select[name=year]")).to_have_value("2013")
    # a status: only that status anywhere on the page's lists
    page.goto(live + "/?status=not_met")
    rows = page.locator("main tr[data-status]").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert rows and set(rows) == {"not_met"}
    # the counts link to the same view in the ledger
    page.locator(".kpi-total .n a").click()
    page.wait_for_url("**/ledger?**status=not_met**")
    everything = page.request.get(live + "/api/dashboard?status=not_met").json()["counts"]["targets"]
    assert _total(page) == everything
    # a jurisdiction and a document kind
    page.goto(live + "/?jurisdiction=" + "全国" + "&doc_kind=work_report")
    national = page.request.get(live + "/api/dashboard?jurisdiction=全国&doc_kind=work_report").json()
    expect(page.locator(".kpi-total .n")).to_have_text(str(national["counts"]["targets"]))
    assert page.request.get(live + "/api/dashboard?tier=nonsense").status == 400


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return [tuple(round(x) for x in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def _pdf_text(pdf: bytes, index: int) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[index].get_textpage().get_text_range()
    finally:
        doc.close()


def test_target_and_run_pages_print_on_a4(page, live):
    targets = page.request.get(live + "/api/targets?status=not_met&kind=quantitative").json()["targets"]
    page.goto(f"{live}/targets/{targets[0]['id']}")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible() and not page.locator("form").first.is_visible()
    sizes = _pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert sizes and set(sizes) == {(595, 842)}  # A4 portrait, in points
    plan = next(d for d in page.request.get(live + "/api/documents").json()["documents"]
                if d["kind"] == "work_plan" and d["year"] == 2024)
    run = page.request.get(f"{live}/api/documents/{plan['id']}").json()["runs"][0]["id"]
    page.goto(f"{live}/runs/{run}")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    sizes = _pdf_pages(pdf)
    assert len(sizes) > 3 and set(sizes) == {(842, 595)}  # the wide table: A4 landscape
    first, second = _pdf_text(pdf, 0), _pdf_text(pdf, 1)
    for column in ("编号", "目标任务", "完成情况", "评估结论", "说明"):  # every column on the page, the header
        assert column in first and column in second, column  # repeated on the next one


def test_api_docs_page_works_offline(browser, live):
    """Swagger UI renders the API from files duban serves itself: no request leaves the server."""
    from urllib.parse import urlparse

    from playwright.sync_api import expect

    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(TIMEOUT)
    outside: list[str] = []

    def only_local(route):
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", only_local)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(live + "/")
    page.locator("header.top .menu").hover()
    page.locator("header.top .menu .sub").get_by_role("link", name="接口文档").click()
    page.wait_for_url("**/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.locator(".swagger-ui .opblock").count() >= 8
    expect(page.locator(".swagger-ui")).to_contain_text("/api/targets/{target_id}/reviews")
    page.locator(".swagger-ui .opblock-summary").first.click()  # open one: its parameters show
    expect(page.locator(".swagger-ui .parameters").first).to_be_visible()
    assert outside == [] and problems == [], (outside, problems)
    context.close()

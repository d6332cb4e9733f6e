"""A real browser (Debian's Chromium driven by Playwright) against the real app served by uvicorn:
the dashboard, filtering the ledger, a target page, signing in, a review, exports, and XSS.

Skipped when /usr/bin/chromium is missing, unless DUBAN_REQUIRE_BROWSER=1. With DUBAN_SCREENSHOT=1 the
dashboard screenshot in docs/ is refreshed."""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook

from web_helpers import PASSWORD, USER, make_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-dashboard.png"
TIMEOUT = 15_000  # ms, for every explicit wait


@contextmanager
def serve(app) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a free port; stopped cleanly afterwards."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("DUBAN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and DUBAN_REQUIRE_BROWSER=1")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(sqlite_db) -> Iterator[str]:
    with serve(make_app(sqlite_db)) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
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
    page.evaluate("document.fonts.ready")
    if os.environ.get("DUBAN_SCREENSHOT") == "1":
        page.screenshot(path=str(SCREENSHOT))

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

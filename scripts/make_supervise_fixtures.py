"""Make the supervision test fixtures (tests/fixtures/supervise/) from the bundled district plan
(src/duban/samples/004_*.txt, 镇海区 2024): a 分解方案 as .xlsx (columns named 重点任务/责任领导/牵头部门/协办单位/
完成时间/进度安排, a leader merged down several rows, units written in full), the same as .docx (columns
目标任务/牵头领导/牵头单位/责任单位/配合单位/完成时限 and one column per quarter) and as .csv, and a 1-6月 and a 1-11月
progress report in seed 001's 编号|目标任务|完成情况 format. Every task text is a sentence of the plan (real
names where the plan masks them as XX, as the office's own table would have them).

    .venv/bin/python scripts/make_supervise_fixtures.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "supervise"

# 序号, task (a plan sentence), leader, lead unit, responsible units, cooperating units, deadline, milestones
TASKS = [
    (
        "1",
        "全年安排亿元以上项目325个，完成固定资产投资450亿元以上。",
        "王副区长",
        "镇海区发展和改革局",
        "",
        "区财政局、区统计局",
        "2024年12月底",
        "一季度完成25%；二季度完成50%；三季度完成75%；四季度全面完成",
    ),
    (
        "2",
        "发展低碳能源产业，加快建设“招宝氢谷”，新增氢能车100辆、光伏装机2.5万千瓦。",
        "王副区长",
        "区发改局",
        "区经信局",
        "",
        "2024年12月底",
        "一季度完成20%；二季度完成45%；三季度完成70%；四季度全面完成",
    ),
    (
        "3",
        "新建和改造提升高标准农田8000亩。",
        "李副区长",
        "镇海区农业农村局",
        "",
        "各镇（街道）",
        "2024年11月底",
        "二季度完成40%；三季度完成80%；11月底前全面完成",
    ),
    (
        "4",
        "推进公园绿地建设，建成投用西大河公园二期。",
        "李副区长",
        "宁波市镇海区住房和城乡建设局",
        "",
        "区综合行政执法局",
        "2024年6月30日",
        "6月底前建成投用",
    ),
    (
        "5",
        "持续扩大燃气“瓶改管”范围，更新改造城市燃气老旧管网3公里，实现燃气用户金属软管应换尽换。",
        "李副区长",
        "区住建局",
        "",
        "",
        "2024年12月底",
        "二季度完成50%；四季度全面完成",
    ),
    (
        "6",
        "加快解决新市民、青年人住房困难，新增保障性租赁住房2400套。",
        "李副区长",
        "区住房和城乡建设局",
        "",
        "区发改局",
        "2024年12月底",
        "",
    ),
    (
        "7",
        "加快中石化安工院建设。",
        "赵副区长",
        "区应急管理局",
        "",
        "",
        "2024年12月底",
        "6月底前完成主体结构；9月底前完成装修；12月底前投入使用",
    ),
    (
        "8",
        "深化城乡公交一体化，谋划“轨道+公交”体系融合方案，优化公交线路14条，新改建公交候车亭30个。",
        "赵副区长",
        "区交通运输局",
        "",
        "",
        "2024年12月底",
        "",
    ),
    (
        "9",
        "完善三级公共文化设施，新增百姓健身房、社区多功能运动场等体育基础设施10个。",
        "赵副区长",
        "区文化广电旅游体育局",
        "",
        "",
        "2024年10月底",
        "",
    ),
    ("10", "擦亮“乐养镇海”品牌，新增认知障碍照护床位60张以上。", "钱副区长", "区民政局", "", "", "长期坚持", ""),
    (
        "11",
        "开展招聘活动100场以上，新增就业1.3万人。",
        "钱副区长",
        "镇海区人力资源和社会保障局",
        "",
        "",
        "2024年12月底",
        "",
    ),
    (
        "12",
        "压紧压实企业主体责任，企业安全生产标准化建设率达到60%以上。",
        "赵副区长",
        "区应急管理局",
        "",
        "",
        "年底前",
        "",
    ),
]
XLSX_HEADER = ["序号", "重点任务", "责任领导", "牵头部门", "责任单位", "协办单位", "完成时间", "进度安排"]
DOCX_HEADER = [
    "编号",
    "目标任务",
    "牵头领导",
    "牵头单位",
    "责任单位",
    "配合单位",
    "完成时限",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
]
TITLE = "镇海区2024年政府工作报告重点任务分解方案"

JUNE = [  # 序号 of the task, what the unit reports for 1-6月
    ("2", "新增氢能车45辆，新增光伏装机1.1万千瓦。"),
    ("3", "新建高标准农田1200亩，改造提升2000亩，共3200亩。"),
    ("5", "更新改造城市燃气老旧管网0.6公里。"),
    ("7", "主体结构已完成，正在进行装修。"),
    ("8", "已完成公交线路优化6条，新改建公交候车亭12个。"),
]
NOVEMBER = [
    ("2", "新增氢能车45辆，新增光伏装机1.1万千瓦。"),
    ("3", "新建和改造提升高标准农田8100亩，全部完成。"),
    ("5", "更新改造城市燃气老旧管网2.9公里。"),
    ("7", "装修工作基本完成，正在进行验收准备。"),
    ("8", "已完成公交线路优化14条，新改建公交候车亭44座。"),
]


def rows_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "分解方案"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(XLSX_HEADER))
    ws.append(XLSX_HEADER)
    first = {}
    for number, text, leader, lead, resp, coop, deadline, marks in TASKS:
        ws.append([int(number), text, leader, lead, resp, coop, deadline, marks])
        first.setdefault(leader, []).append(ws.max_row)
    for rows in first.values():  # the leader merged down the rows it leads, as offices do
        runs, start = [], rows[0]
        for a, b in zip(rows, [*rows[1:], None], strict=True):
            if b != a + 1:
                runs.append((start, a))
                start = b
        for a, b in runs:
            if b > a:
                for r in range(a + 1, b + 1):
                    ws.cell(row=r, column=3).value = None
                ws.merge_cells(start_row=a, start_column=3, end_row=b, end_column=3)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def quarters(marks: str) -> list[str]:
    cells = ["", "", "", ""]
    for piece in filter(None, (p.strip() for p in marks.split("；"))):
        for q, word in enumerate(("一季度", "二季度", "三季度", "四季度")):
            if piece.startswith(word):
                cells[q] = piece[len(word) :]
    return cells


def rows_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph(TITLE)
    table = doc.add_table(rows=1, cols=len(DOCX_HEADER))
    for cell, name in zip(table.rows[0].cells, DOCX_HEADER, strict=True):
        cell.text = name
    for number, text, leader, lead, resp, coop, deadline, marks in TASKS:
        if "月底前" in marks and "季度" not in marks:
            continue  # milestones in words stay in the .xlsx
        cells = table.add_row().cells
        for cell, value in zip(
            cells, [number, text, leader, lead, resp, coop, deadline, *quarters(marks)], strict=True
        ):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def rows_csv() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["序号", "工作任务", "分管领导", "主办单位", "承办单位", "完成时限"])
    for number, text, leader, lead, resp, _coop, deadline, _marks in TASKS[:6]:
        w.writerow([number, text, leader, lead, resp, deadline])
    return buf.getvalue().encode("utf-8-sig")


def report(months: str, lines: list[tuple[str, str]]) -> str:
    text = {n: t for n, t, *_ in TASKS}
    out = [f"镇海区2024年{months}政府工作报告重点任务完成情况", "编号 | 目标任务 | 完成情况 |"]
    out += [f"{k} | {text[n]} | {done} |" for k, (n, done) in enumerate(lines, start=1)]
    return "\n".join(out) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "分解方案.xlsx").write_bytes(rows_xlsx())
    (OUT / "分解方案.docx").write_bytes(rows_docx())
    (OUT / "分解方案.csv").write_bytes(rows_csv())
    (OUT / "2024年1-6月完成情况.txt").write_text(report("1-6月", JUNE), encoding="utf-8")
    (OUT / "2024年1-11月完成情况.txt").write_text(report("1-11月", NOVEMBER), encoding="utf-8")
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT}")


if __name__ == "__main__":
    main()

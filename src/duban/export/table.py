"""The familiar 编号 | 目标任务 | 完成情况 table, with duban's verdict added as columns — as CSV, xlsx,
Markdown and DOCX. One row per assessed item, in row order; a summary and the unanswered plan targets
follow (a second sheet in xlsx, a section in Markdown and DOCX)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from ..explain import fmt, target_figure
from ..records import FLAG_LABELS, STATUS_LABELS
from ..verdicts import Assessment, Item

COLUMNS = ("编号", "目标任务", "完成情况", "评估结果", "目标值", "实际值", "完成比例", "疑点标记", "报告自述", "说明",
           "计划原文位置")
STATUS_COLORS = {
    "exceeded": "C6EFCE", "met": "C6EFCE", "done": "C6EFCE", "basically_met": "E2EFDA",
    "partially_met": "FFEB9C", "in_progress": "DDEBF7", "not_met": "FFC7CE", "activity_only": "F2F2F2",
    "no_evidence": "FFC7CE", "unassessed": "FFFFFF",
}


@dataclass
class Row:
    number: str
    target: str
    result: str
    status: str
    goal: str
    actual: str
    ratio: str
    flags: str
    claimed: str
    explanation: str
    where: str
    code: str

    def cells(self) -> list[str]:
        return [self.number, self.target, self.result, self.status, self.goal, self.actual, self.ratio, self.flags,
                self.claimed, self.explanation, self.where]


def rows(result: Assessment) -> list[Row]:
    text = result.completion.text
    out = []
    for n, item in enumerate(result.items, start=1):
        out.append(_row(item, n, text))
    return out


def _row(item: Item, n: int, completion_text: str) -> Row:
    span = item.completion_span
    evidence = completion_text[span[0]:span[1]] if span else ""
    goals = "；".join(f"{a.indicator.metric}{target_figure(a)}" for a in item.indicators)
    actuals = "；".join(f"{fmt(a.actual.value)}{a.actual.unit}" if a.actual else "—" for a in item.indicators)
    ratios = "；".join(f"{a.ratio:.0%}" if a.ratio is not None else "—" for a in item.indicators)
    flags = sorted({*item.flags, *(f for a in item.indicators for f in a.flags)})
    where = "；".join(f"{s}-{e}" for s, e in item.plan_spans)
    return Row(
        number=str(item.row if item.row is not None else n),
        target=item.target,
        result=evidence,
        status=STATUS_LABELS[item.status],
        goal=goals,
        actual=actuals if item.indicators else "",
        ratio=ratios if item.indicators else "",
        flags="、".join(FLAG_LABELS.get(f, f) for f in flags),
        claimed=item.claimed or "",
        explanation=item.explanation,
        where=where,
        code=item.status,
    )


def summary_lines(result: Assessment) -> list[tuple[str, int]]:
    return [(STATUS_LABELS[code], n) for code, n in result.summary().items()]


def to_csv(result: Assessment) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([*COLUMNS, "status"])
    for r in rows(result):
        w.writerow([*r.cells(), r.code])
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(result: Assessment) -> str:
    title = result.completion.title or result.completion.path or "完成情况"
    lines = [f"# {title}：目标完成情况评估", ""]
    if result.plan is not None:
        lines += [f"计划：{result.plan.title or result.plan.path}", ""]
    lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in r.cells()) + " |" for r in rows(result)]
    lines += ["", "## 汇总", ""] + [f"- {label}：{n}" for label, n in summary_lines(result)]
    if result.unanswered:
        lines += ["", "## 未见报告的量化目标", ""] + [f"- {t.text}" for t in result.unanswered]
    return "\n".join(lines) + "\n"


def to_xlsx(result: Assessment) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "完成情况评估"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = (6, 50, 60, 10, 24, 16, 10, 18, 16, 50, 16)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    for r in rows(result):
        ws.append(r.cells())
        row_cells = ws[ws.max_row]
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row_cells[3].fill = PatternFill("solid", fgColor=STATUS_COLORS.get(r.code, "FFFFFF"))
    ws.freeze_panes = "B2"
    summary = wb.create_sheet("汇总")
    summary.append(["评估结果", "数量"])
    for label, n in summary_lines(result):
        summary.append([label, n])
    if result.unanswered:
        summary.append([])
        summary.append(["未见报告的量化目标"])
        for t in result.unanswered:
            summary.append([t.text])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx(result: Assessment) -> bytes:
    from docx import Document as Docx

    doc = Docx()
    title = result.completion.title or "完成情况"
    doc.add_heading(f"{title}：目标完成情况评估", level=1)
    cols = ("编号", "目标任务", "完成情况", "评估结果", "说明")
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, cols, strict=True):
        cell.text = name
    for r in rows(result):
        cells = table.add_row().cells
        for cell, value in zip(cells, (r.number, r.target, r.result, r.status, r.explanation), strict=True):
            cell.text = value
    doc.add_heading("汇总", level=2)
    for label, n in summary_lines(result):
        doc.add_paragraph(f"{label}：{n}", style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write(result: Assessment, path: str, kind: str | None = None) -> None:
    """Write ``result`` to ``path``; the format comes from ``kind`` or the file suffix."""
    kind = (kind or path.rsplit(".", 1)[-1]).lower()
    if kind == "csv":
        data: bytes = to_csv(result).encode("utf-8-sig")
    elif kind in ("md", "markdown"):
        data = to_markdown(result).encode("utf-8")
    elif kind == "xlsx":
        data = to_xlsx(result)
    elif kind == "docx":
        data = to_docx(result)
    else:
        raise ValueError(f"unknown export format {kind!r} (csv, xlsx, md, docx)")
    with open(path, "wb") as fh:
        fh.write(data)


def iter_formats() -> Iterable[str]:
    return ("csv", "xlsx", "md", "docx")

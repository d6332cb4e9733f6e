"""The familiar 编号 | 目标任务 | 完成情况 table, with duban's verdict added as columns — as CSV, xlsx,
Markdown and DOCX. One row per assessed item, in row order; a summary and the unanswered plan targets
follow (a second sheet in xlsx, a section in Markdown and DOCX)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..assess.explain import actual_figure, figure, metric_name
from ..records import FLAG_LABELS, STATUS_LABELS
from ..verdicts import Assessment

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


@dataclass
class TableData:
    """What the table needs, from a live Assessment or from a stored run."""

    title: str
    plan_title: str | None
    items: list[dict]  # DESIGN.md item JSON
    completion_text: str
    summary: dict[str, int]
    unanswered: list[str]

    @classmethod
    def of(cls, result: Assessment) -> TableData:
        return cls(
            title=result.completion.title or result.completion.path or "完成情况",
            plan_title=(result.plan.title or result.plan.path) if result.plan else None,
            items=[i.to_json() for i in result.items],
            completion_text=result.completion.text,
            summary=result.summary(),
            unanswered=[t.text for t in result.unanswered],
        )


def _data(result: Assessment | TableData) -> TableData:
    return result if isinstance(result, TableData) else TableData.of(result)


def rows(result: Assessment | TableData) -> list[Row]:
    data = _data(result)
    return [_row(item, number, data.completion_text) for item, number in zip(data.items, _numbers(data.items),
                                                                              strict=True)]


def _numbers(items: list[dict]) -> list[str]:
    """编号 of each item: the row's own number; a sub-row without one (其中：…) is numbered under the row
    above it (4.1, 4.2); items of a narrative review are numbered in order."""
    out: list[str] = []
    last, sub = None, 0
    for n, item in enumerate(items, start=1):
        if item.get("row") is not None:
            last, sub = item["row"], 0
            out.append(str(last))
        elif last is not None:
            sub += 1
            out.append(f"{last}.{sub}")
        else:
            out.append(str(n))
    return out


def _row(item: dict, number: str, completion_text: str) -> Row:
    span = item.get("completion_span")
    evidence = completion_text[span[0]:span[1]] if span else ""
    inds = item.get("indicators", [])
    goals = "；".join(f"{metric_name(a['metric'], a.get('metric_id'))}"
                     f"{figure(a['op'], a['value'], a.get('value_high'), a['unit'], a.get('basis'))}" for a in inds)
    actuals = "；".join(actual_figure(a["actual"]["value"], a["actual"]["unit"], a.get("basis"))
                        if a.get("actual") else "—" for a in inds)
    ratios = "；".join(f"{a['ratio']:.0%}" if a.get("ratio") is not None else "—" for a in inds)
    flags = sorted({*item.get("flags", []), *(f for a in inds for f in a.get("flags", []))})
    where = "；".join(f"{s}-{e}" for s, e in item.get("plan_spans", []))
    return Row(
        number=number,
        target=item.get("target", ""),
        result=evidence,
        status=STATUS_LABELS[item["status"]],
        goal=goals,
        actual=actuals if inds else "",
        ratio=ratios if inds else "",
        flags="、".join(FLAG_LABELS.get(f, f) for f in flags),
        claimed=item.get("claimed") or "",
        explanation=item.get("explanation", ""),
        where=where,
        code=item["status"],
    )


def summary_lines(result: Assessment | TableData) -> list[tuple[str, int]]:
    return [(STATUS_LABELS[code], n) for code, n in _data(result).summary.items()]


def to_csv(result: Assessment | TableData) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([*COLUMNS, "status"])
    for r in rows(result):
        w.writerow([*r.cells(), r.code])
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(result: Assessment | TableData) -> str:
    data = _data(result)
    lines = [f"# {data.title}：目标完成情况评估", ""]
    if data.plan_title:
        lines += [f"计划：{data.plan_title}", ""]
    lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in r.cells()) + " |" for r in rows(result)]
    lines += ["", "## 汇总", ""] + [f"- {label}：{n}" for label, n in summary_lines(data)]
    if data.unanswered:
        lines += ["", "## 未见报告的量化目标", ""] + [f"- {t}" for t in data.unanswered]
    return "\n".join(lines) + "\n"


def to_xlsx(result: Assessment | TableData) -> bytes:
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
    unanswered = _data(result).unanswered
    if unanswered:
        summary.append([])
        summary.append(["未见报告的量化目标"])
        for t in unanswered:
            summary.append([t])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_docx(result: Assessment | TableData) -> bytes:
    from docx import Document as Docx

    doc = Docx()
    title = _data(result).title
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


def render(result: Assessment | TableData, kind: str) -> bytes:
    """The table in one of csv, xlsx, md, docx."""
    if kind == "csv":
        return to_csv(result).encode("utf-8-sig")
    if kind in ("md", "markdown"):
        return to_markdown(result).encode("utf-8")
    if kind == "xlsx":
        return to_xlsx(result)
    if kind == "docx":
        return to_docx(result)
    raise ValueError(f"unknown export format {kind!r} (csv, xlsx, md, docx)")


def write(result: Assessment | TableData, path: str, kind: str | None = None) -> None:
    """Write ``result`` to ``path``; the format comes from ``kind`` or the file suffix."""
    data = render(result, (kind or path.rsplit(".", 1)[-1]).lower())
    with open(path, "wb") as fh:
        fh.write(data)


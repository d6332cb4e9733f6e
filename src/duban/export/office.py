"""The 编号|目标任务|完成情况 table as an office reader expects it.

* **DOCX**: A4 portrait, 宋体 五号 text with a 小五 table in the familiar 编号 | 目标任务 | 完成情况 | 评估结论 | 说明
  layout (column widths 12/46/52/20/44 mm on a 174 mm line; the header row repeats on every page; the verdict
  cell shaded by status), the counts in words (targets, by tier, rows), the list of plan targets no row
  answers, and page numbers in the footer.
* **xlsx**: sheets 完成情况评估 (one row per item), 指标明细 (one row per indicator, figures as numbers),
  汇总 (targets, by tier, and rows, by status) and 未见报告的目标. Numbers are numbers (编号, 完成比例 as a
  percentage), the header row is frozen and has filters, every label is Chinese, pages print on A4 landscape.
"""

from __future__ import annotations

import io
from datetime import datetime

from ..records import STATUS_LABELS, TARGET_KIND_LABELS, TIER_LABELS
from .cells import safe, safe_row
from .table import COLUMNS, STATUS_COLORS, TableData, rows, summary_sentences, unanswered_lines

DOCX_COLUMNS = (("编号", 12), ("目标任务", 46), ("完成情况", 52), ("评估结论", 20), ("说明", 44))
BODY_FONT, HEAD_FONT = "宋体", "黑体"


# --- xlsx ------------------------------------------------------------------------------------------------


def _sheet(wb, title: str, header: list[str], widths: list[float], first: bool = False):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.active if first else wb.create_sheet(title)
    ws.title = title
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F4")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
    return ws


def _finish(ws, freeze: str = "A2") -> None:
    """Frozen header, filters over the table, A4 landscape one page wide with the header on every page."""
    from openpyxl.styles import Alignment

    ws.freeze_panes = freeze
    ws.auto_filter.ref = ws.dimensions
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    top = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = top


def to_xlsx(data: TableData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    table_rows = rows(data)
    wb = Workbook()
    ws = _sheet(wb, "完成情况评估", list(COLUMNS), [7, 48, 60, 11, 26, 18, 10, 16, 16, 50, 14], first=True)
    for r in table_rows:
        cells = r.cells()
        ws.append(safe_row([r.number_value, *cells[1:6], r.ratio_value, *cells[7:]]))
        ws.cell(row=ws.max_row, column=4).fill = PatternFill("solid", fgColor=STATUS_COLORS.get(r.code, "FFFFFF"))
        ratio = ws.cell(row=ws.max_row, column=7)
        if isinstance(ratio.value, float):
            ratio.number_format = "0%"
    _finish(ws, "B2")

    detail = _sheet(wb, "指标明细", ["编号", "指标", "目标值", "目标数值", "单位", "实际值", "实际数值", "完成比例",
                                  "指标结论", "疑点标记"], [7, 26, 20, 11, 9, 16, 11, 10, 11, 18])
    for r in table_rows:
        for f in r.figures:
            detail.append(safe_row([r.number_value, f.metric, f.goal, f.value, f.unit, f.actual or None,
                                    f.actual_value, f.ratio, STATUS_LABELS.get(f.status, f.status), f.flags]))
            detail.cell(row=detail.max_row, column=8).number_format = "0%"
    _finish(detail)

    summary = _sheet(wb, "汇总", ["评估结论", "目标数（每个计划目标计一次）", "其中主要指标", "其中工作任务",
                                "条目数（本表的行）"], [14, 18, 14, 14, 18])
    tiers = data.summary_by_tier
    for code, label in STATUS_LABELS.items():
        counts = [data.summary.get(code, 0), tiers.get("headline", {}).get(code, 0),
                  tiers.get("task", {}).get(code, 0), data.item_summary.get(code, 0)]
        if any(counts):
            summary.append([label, *counts])
    summary.append(["合计", sum(data.summary.values()), sum(tiers.get("headline", {}).values()),
                    sum(tiers.get("task", {}).values()), len(table_rows)])
    _finish(summary)

    if data.unanswered:
        missing = _sheet(wb, "未见报告的目标", ["序号", "层级", "类型", "目标任务", "计划原文位置"], [7, 11, 8, 80, 14])
        for n, t in enumerate(data.unanswered, start=1):
            missing.append([n, TIER_LABELS.get(t.get("tier"), ""), TARGET_KIND_LABELS.get(t.get("kind"), ""),
                            safe(t["text"]), data.where(t.get("start"))])
        _finish(missing)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- docx ------------------------------------------------------------------------------------------------


def _font(run, size: float, name: str = BODY_FONT, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _para(doc, text: str, size: float = 10.5, name: str = BODY_FONT, bold: bool = False, center: bool = False,
          after: float = 4):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(after)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), size, name, bold)
    return p


def _cell(cell, text: str, size: float = 9, bold: bool = False, fill: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    cell.text = ""
    lines = text.split("\n") if text else [""]
    para = cell.paragraphs[0]
    for n, line in enumerate(lines):
        if n:
            para = cell.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        _font(para.add_run(line), size, HEAD_FONT if bold else BODY_FONT, bold)
    if fill:
        shd = cell._tc.get_or_add_tcPr().makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                                    qn("w:fill"): fill})
        cell._tc.get_or_add_tcPr().append(shd)


def _field(run, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``run``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, instr, end])


def _a4(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin = section.right_margin = Mm(18)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, code in (("第 ", "PAGE"), (" 页，共 ", "NUMPAGES"), (" 页", None)):
        _font(footer.add_run(text), 9)
        if code:
            run = footer.add_run()
            _font(run, 9)
            _field(run, code)


def _table(doc, table_rows) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(DOCX_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for cell, (name, _) in zip(table.rows[0].cells, DOCX_COLUMNS, strict=True):
        _cell(cell, name, bold=True, fill="EEF1F4")
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for r in table_rows:
        cells = table.add_row().cells
        note = (r.explanation + (f"\n疑点：{r.flags}" if r.flags else "")
                + (f"\n报告自述：{r.claimed}" if r.claimed else ""))
        values = (r.number, r.target, r.result, r.status, note)
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell(cell, value, fill=STATUS_COLORS.get(r.code) if n == 3 else None)
    for row in table.rows:
        for cell, (_, width) in zip(row.cells, DOCX_COLUMNS, strict=True):
            cell.width = Mm(width)
    for col, (_, width) in zip(table.columns, DOCX_COLUMNS, strict=True):
        col.width = Mm(width)


def to_docx(data: TableData) -> bytes:
    from docx import Document as Docx

    doc = Docx()
    _a4(doc)
    _para(doc, f"{data.title}：目标完成情况评估", 16, HEAD_FONT, bold=True, center=True, after=8)
    meta = [f"计划：{data.plan_title}" if data.plan_title else "", f"完成情况：{data.title}",
            f"评估：{data.engine}" if data.engine else "",
            f"生成时间：{datetime.now().astimezone().strftime('%Y-%m-%d %H:%M')}"]
    _para(doc, "　".join(m for m in meta if m), 9, after=6)
    for sentence in summary_sentences(data):
        _para(doc, sentence, 10.5, after=2)
    _para(doc, "", after=2)
    _table(doc, rows(data))
    if data.unanswered:
        _para(doc, "", after=2)
        _para(doc, f"未见报告的目标（{len(data.unanswered)} 项）", 12, HEAD_FONT, bold=True, after=4)
        for n, line in enumerate(unanswered_lines(data), start=1):
            _para(doc, f"{n}. {line}", 10.5, after=1)
    _para(doc, "说明：评估结论由 duban 依据报告原文自动生成，仅供参考，以人工复核为准。", 9, after=0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

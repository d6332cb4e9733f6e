"""The year-end 完成情况 table in seed 001's format — 编号 | 目标任务 | 完成情况 — as the office publishes it: text
(the ``a | b |`` lines duban itself reads, so the table can be stored in the ledger and assessed like any
completion report), DOCX (A4 portrait, 宋体, the header row repeated on every page, widths 14/70/90 mm) and xlsx
(编号 as a number, text wrapped, header frozen, A4). The layout with duban's verdict columns added is
export/table.py's (the ``assessed`` layout of the web export)."""

from __future__ import annotations

import csv
import io

from ..export.cells import safe_row
from .evidence import cell

COLUMNS = ("编号", "目标任务", "完成情况")


def as_text(title: str, rows: list[tuple[str, str, str]]) -> str:
    lines = [title, " | ".join(COLUMNS) + " |"]
    lines += [f"{cell(n)} | {cell(t)} | {cell(r)} |" for n, t, r in rows]
    return "\n".join(lines) + "\n"


def _number(n: str) -> int | str:
    return int(n) if n.isdigit() else n


def as_csv(rows: list[tuple[str, str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for n, t, r in rows:
        w.writerow(safe_row([n, t, r]))
    return buf.getvalue().encode("utf-8-sig")


def as_xlsx(title: str, rows: list[tuple[str, str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "完成情况"
    ws.append(list(COLUMNS))
    for c in ws[1]:
        c.font = Font(bold=True)
    for n, t, r in rows:
        ws.append(safe_row([_number(n), t, r]))
    for col, width in zip("ABC", (7, 60, 80), strict=True):
        ws.column_dimensions[col].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = wrap
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.oddHeader.center.text = title[:200]
    wb.properties.title = title[:200]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def as_docx(title: str, rows: list[tuple[str, str, str]]) -> bytes:
    from docx import Document as new_document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.font.size, run.font.bold, run.font.name = Pt(16), True, "宋体"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    widths = (Mm(14), Mm(70), Mm(90))
    for c, name, width in zip(table.rows[0].cells, COLUMNS, widths, strict=True):
        c.width = width
        r = c.paragraphs[0].add_run(name)
        r.font.bold, r.font.size = True, Pt(10.5)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for n, t, r in rows:
        cells = table.add_row().cells
        for c, value, width in zip(cells, (n, t, r), widths, strict=True):
            c.width = width
            c.paragraphs[0].add_run(value).font.size = Pt(10.5)
    doc.core_properties.title = title[:200]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

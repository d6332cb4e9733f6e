"""The 督办通知单 / 催办单 as a DOCX an office files: A4 portrait with the margins of GB/T 9704 (上 37 mm,
下 35 mm, 左 28 mm, 右 26 mm), the title in 二号 (22 pt) 小标宋, the number (督办〔2024〕3号) under it, then a
bordered table — 编号 | 承办单位 | 牵头领导 | 督办事项 | 完成时限 | 滞后情况 | 督办要求 | 反馈时限 — in 仿宋 三号
(16 pt) and 四号 (14 pt), the issuing office and date at the foot, and a receipt line. Fonts fall back to 宋体
where the 公文 fonts are not installed."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT, BODY_FONT, HEAD_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体"
KIND_TITLES = {"supervise": "督办通知单", "urge": "催办单"}


@dataclass
class NoticeText:
    kind: str
    number: str
    unit: str
    leader: str
    task_number: str
    task: str
    deadline: str
    lagging: str
    requirement: str
    reply_due: date
    issued_on: date
    office: str


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _paragraph(doc, text: str, font: str, size: float, align=None, bold: bool = False, space_after: float = 0):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    _font(p.add_run(text), font, size, bold)
    return p


def render(n: NoticeText) -> bytes:
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(doc, KIND_TITLES[n.kind], TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _paragraph(doc, n.number, BODY_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    rows = [("任务编号", n.task_number), ("承办单位", n.unit), ("牵头领导", n.leader or "—"), ("督办事项", n.task),
            ("完成时限", n.deadline), ("滞后情况", n.lagging), ("督办要求", n.requirement),
            ("反馈时限", f"请于{cn_date(n.reply_due)}前反馈")]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for (label, value), row in zip(rows, table.rows, strict=True):
        row.cells[0].width, row.cells[1].width = Mm(32), Mm(124)
        _font(row.cells[0].paragraphs[0].add_run(label), HEAD_FONT, 14)
        lines = value.split("\n") or [""]
        _font(row.cells[1].paragraphs[0].add_run(lines[0]), BODY_FONT, 14)
        for line in lines[1:]:
            _font(row.cells[1].add_paragraph().add_run(line), BODY_FONT, 14)
    _paragraph(doc, "", BODY_FONT, 16)
    _paragraph(doc, n.office, BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, cn_date(n.issued_on), BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT, space_after=18)
    _paragraph(doc, "承办单位签收：__________　　签收日期：____年__月__日", BODY_FONT, 14)
    _paragraph(doc, "（请在督办系统中提交书面反馈并附佐证材料；逾期未反馈的，将纳入督查通报。）", BODY_FONT, 12)
    props = doc.core_properties
    props.title = f"{KIND_TITLES[n.kind]} {n.number}"
    props.author = n.office
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

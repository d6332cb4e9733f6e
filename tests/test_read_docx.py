"""Word documents: document order, tables as rows, merged cells, list numbering, broken files."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from duban.errors import InputError
from duban.read import read_bytes, read_document
from read_fixtures import docx_bytes


def _plan_docx():
    d = docx.Document()
    d.add_heading("宁波市镇海区人民政府2022年工作计划", level=0)
    d.add_paragraph("建议全区经济社会发展主要目标为：地区生产总值增长8%以上。")
    d.add_heading("（一）聚焦稳进提质，进一步夯实增长基础", level=1)
    table = d.add_table(rows=3, cols=3)
    for i, text in enumerate(["编号", "目标任务", "完成情况"]):
        table.cell(0, i).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "地区生产总值增长6%左右。"
    table.cell(1, 2).text = "全年地区生产总值增长5.6%。\n服务业增加值增长7.5%。"
    table.cell(2, 0).text = "2"
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "新增城镇就业7500人以上。"
    d.add_paragraph("项目攻坚再发力。")
    return d


def test_paragraphs_and_tables_in_document_order():
    doc = read_bytes(docx_bytes(_plan_docx()), name="plan.docx")
    assert doc.text.split("\n") == [
        "宁波市镇海区人民政府2022年工作计划",
        "建议全区经济社会发展主要目标为：地区生产总值增长8%以上。",
        "（一）聚焦稳进提质，进一步夯实增长基础",
        "编号 | 目标任务 | 完成情况 |",
        "1 | 地区生产总值增长6%左右。 | 全年地区生产总值增长5.6%。 服务业增加值增长7.5%。 |",
        "2 | 新增城镇就业7500人以上。 |",
        "项目攻坚再发力。",
    ]
    assert doc.source_format == "docx"
    assert doc.encoding is None
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        "宁波市镇海区人民政府2022年工作计划",
        "宁波市镇海区",
        2022,
        "work_plan",
    )


def test_vertically_merged_cell_repeats_on_each_row():
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    for i, text in enumerate(["序号", "工作任务", "牵头单位"]):
        table.cell(0, i).text = text
    table.cell(1, 0).text = "1"
    table.cell(2, 0).text = "2"
    table.cell(1, 1).text = "新增城镇就业7500人。"
    table.cell(2, 1).text = "新增保障性租赁住房5600套。"
    unit = table.cell(1, 2).merge(table.cell(2, 2))
    unit.text = "区人力社保局"
    doc = read_bytes(docx_bytes(d), name="fenjie.docx")
    assert doc.text.split("\n") == [
        "序号 | 工作任务 | 牵头单位 |",
        "1 | 新增城镇就业7500人。 | 区人力社保局 |",
        "2 | 新增保障性租赁住房5600套。 | 区人力社保局 |",
    ]
    assert doc.kind == "task_breakdown"


def _number(paragraph, num_id: int, level: int) -> None:
    xml = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    paragraph._p.get_or_add_pPr().append(parse_xml(xml))


def test_automatic_chinese_outline_numbers_are_rendered():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in [
        ("2023年工作回顾", 0),
        ("经济运行稳中向好", 1),
        ("改革开放持续深化", 1),
        ("一个要点", 2),
        ("2024年工作安排", 0),
        ("聚焦稳进提质", 1),
    ]:
        _number(d.add_paragraph(text), 90, level)
    d.add_paragraph("第一项", style="List Number")
    d.add_paragraph("第二项", style="List Number")
    doc = read_bytes(docx_bytes(d), name="n.docx")
    assert doc.text.split("\n") == [
        "一、2023年工作回顾",
        "（一）经济运行稳中向好",
        "（二）改革开放持续深化",
        "一个要点",
        "二、2024年工作安排",
        "（一）聚焦稳进提质",
        "1.第一项",
        "2.第二项",
    ]
    assert doc.year == 2024


def test_deleted_revisions_and_field_codes_are_left_out():
    d = docx.Document()
    p = d.add_paragraph("地区生产总值增长")
    w = nsdecls("w")
    p._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>7%</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>6%</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f"<w:r {w}><w:instrText>PAGE</w:instrText></w:r>"))
    p._p.append(parse_xml(f"<w:r {w}><w:tab/><w:t>左右</w:t></w:r>"))
    doc = read_bytes(docx_bytes(d), name="rev.docx")
    assert doc.text == "地区生产总值增长6%\t左右"


def test_read_document_from_disk(tmp_path):
    path = tmp_path / "计划.docx"
    path.write_bytes(docx_bytes(_plan_docx()))
    doc = read_document(path)
    assert doc.path == str(path)
    assert "2 | 新增城镇就业7500人以上。 |" in doc.text.split("\n")


def test_not_a_zip():
    with pytest.raises(InputError) as exc:
        read_bytes(b"PK but not really a zip file", name="x.docx")
    assert exc.value.problem == "not a valid .docx (not a zip archive)"


def test_zip_without_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as exc:
        read_bytes(buf.getvalue(), name="x.docx")
    assert exc.value.problem == "not a valid .docx (a zip archive without word/document.xml)"


def test_zip_with_broken_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(InputError) as exc:
        read_bytes(buf.getvalue(), name="x.docx")
    assert exc.value.problem.startswith("not a valid .docx (")


def test_docx_without_text():
    with pytest.raises(InputError) as exc:
        read_bytes(docx_bytes(docx.Document()), name="blank.docx")
    assert exc.value.problem == "no text found"

"""Spreadsheets and delimited text: .xlsx/.xlsm (built with openpyxl), .xls (a LibreOffice-made fixture),
.ods (built by hand with zipfile), .csv/.tsv; the grid rules (merges, continuation rows, sub-rows, titles,
numbers, percentages, dates); bombs and broken files; end to end through read_document and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile

import openpyxl
import pytest
from typer.testing import CliRunner

from duban.cli import app
from duban.errors import InputError
from duban.read import read_bytes, read_document
from duban.read.calamine import number_text, value_text
from duban.read.grid import Sheet, clean_cell, join_lines, render
from duban.read.xlsx import format_kind
from read_fixtures import FIXTURES

TITLE = "2024年政府工作报告目标任务完成情况表"
# What the completion table below reads as (the same for .xlsx, .xls and .ods).
TABLE = [
    TITLE,
    "单位：万元",
    "序号 | 考核指标 | 单位 | 2024年 | 2024年 | 占年任务之比 | 责任单位 | 备注 |",
    "序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 责任单位 | 备注 |",
    "一、经济发展",
    "1 | 地区生产总值增长 | % | 6.5 | 5.8 | 89.2% | 县发改局 |  |",
    "2 | 一般公共预算收入 | 亿元 | 12 | 9.6 | 80% | 县发改局 | 2024年6月30日 |",
    "3 | 城镇新增就业人数（含农村转移就业） | 万人 | 1.2 | 1.25 | 104% | 县发改局 | 超额完成 |",
    " | 其中：高校毕业生就业 | 万人 | 0.3 | 0.32 | 107% | 县人社局 |  |",
    "二、社会民生",
    "4 | 新建5G base stations | 个 | 300 | 0.3 | 0% | 县经信局 | 2024-06-30 |",
    "说明：数据截至2024年6月底。",
]


def completion_workbook() -> openpyxl.Workbook:
    """A real-looking 完成情况 table: two-level merged header, a 责任单位 merged down three rows, multi-line
    cells, a continuation row, a sub-row with its own figures, section rows, percentages and dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "完成情况"
    ws["B1"] = TITLE
    ws.merge_cells("B1:I1")
    ws["I2"] = "单位：万元"
    for col, head in zip("BCDGHI", ["序号", "考核指标", "单位", "占年任务之比", "责任单位", "备注"], strict=True):
        ws[f"{col}3"] = head
        ws.merge_cells(f"{col}3:{col}4")
    ws["E3"] = "2024年"
    ws.merge_cells("E3:F3")
    ws["E4"], ws["F4"] = "工作目标", "已完成数"
    ws["B5"] = "一、经济发展"
    ws.merge_cells("B5:I5")
    rows = [
        (6, 1, "地区生产总值增长", "%", 6.5, 5.8, 0.892, "0.0%"),
        (7, 2, "一般公共预算收入", "亿元", 12, 9.6, 0.8, "0%"),
        (8, 3, "城镇新增就业\n人数", "万人", 1.2, 1.25, 1.0417, "0%"),
        (10, None, "其中：高校毕业生就业", "万人", 0.3, 0.32, 1.0667, "0%"),
        (13, 4, "新建5G\nbase stations", "个", 300, 0.1 + 0.2, 0.001, "0%"),
    ]
    for r, number, name, unit, goal, done, share, fmt in rows:
        ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = number, name, unit, goal, done
        ws[f"G{r}"] = share
        ws[f"G{r}"].number_format = fmt
    ws["C9"] = "（含农村转移就业）"  # a continuation row: no number, text only, under a text cell
    ws["H6"] = "县发改局"
    ws.merge_cells("H6:H8")
    ws["H10"], ws["H13"] = "县人社局", "县经信局"
    ws["I7"] = dt.date(2024, 6, 30)
    ws["I7"].number_format = 'yyyy"年"m"月"d"日"'
    ws["I8"] = "超额完成"
    ws["I13"] = dt.date(2024, 6, 30)
    ws["I13"].number_format = "yyyy-mm-dd"
    ws["B12"] = "二、社会民生"
    ws.merge_cells("B12:I12")
    ws["B15"] = "说明：数据截至2024年6月底。"
    notes = wb.create_sheet("下拉选项")  # hidden: lookups for data validation
    notes["A1"] = "县发改局"
    notes.sheet_state = "hidden"
    return wb


def xlsx_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def lines_of(data: bytes, name: str) -> list[str]:
    return read_bytes(data, name=name).text.split("\n")


# --- .xlsx -------------------------------------------------------------------------------------------


def test_xlsx_completion_table_reads_row_by_row():
    doc = read_bytes(xlsx_bytes(completion_workbook()), name="完成情况.xlsx")
    assert doc.text.split("\n") == TABLE
    assert doc.source_format == "xlsx"
    assert doc.title == TITLE
    assert doc.kind == "completion_report"
    assert doc.encoding is None


def test_xlsm_is_read_like_xlsx():
    assert lines_of(xlsx_bytes(completion_workbook()), "macro.xlsm") == TABLE


def test_several_sheets_are_named():
    wb = completion_workbook()
    extra = wb.create_sheet("进展说明")
    extra["A1"], extra["B1"] = "序号", "说明"
    extra["A2"], extra["B2"] = 1, "按月报送"
    lines = lines_of(xlsx_bytes(wb), "two.xlsx")
    assert lines == ["完成情况", *TABLE, "进展说明", "序号 | 说明 |", "1 | 按月报送 |"]


def test_empty_rows_and_columns_are_dropped_and_one_column_is_prose():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["C5"], ws["C6"] = "一、总体要求", "全面完成年度目标。", "二、保障措施"
    assert lines_of(xlsx_bytes(wb), "list.xlsx") == ["一、总体要求", "全面完成年度目标。", "二、保障措施"]


def test_empty_workbook_has_no_text():
    with pytest.raises(InputError) as exc:
        read_bytes(xlsx_bytes(openpyxl.Workbook()), name="blank.xlsx")
    assert exc.value.problem == "no text found"


def test_far_away_cell_is_refused_not_allocated():
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD1048576"] = "序号", "x"
    with pytest.raises(InputError) as exc:
        read_bytes(xlsx_bytes(wb), name="far.xlsx")
    assert exc.value.problem.startswith("sheet 'Sheet' spans 17,179,869,184 cells, more than the 5,000,000")


def test_a_declared_size_that_would_abort_calamine_is_contained():
    # 4e9 shared strings declared: calamine reserves 96 GB and Rust aborts — the child process, not us
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes(wb)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            z.writestr(name, src.read(name))
        z.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')
    with pytest.raises(InputError) as exc:
        read_bytes(out.getvalue(), name="sst.xlsx")
    assert exc.value.problem == (
        "not a valid .xlsx (the spreadsheet reader crashed on it: memory allocation of 96000000000 bytes failed)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 broken zip", "not a valid .xlsx (unreadable zip archive"),
        (b"just some words", "not a valid .xlsx (neither a zip archive nor an Excel workbook)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a valid .xlsx ("),
    ],
    ids=["bad-zip", "text", "bad-ole"],
)
def test_broken_spreadsheets(data, message):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bad.xlsx")
    assert exc.value.problem.startswith(message)
    assert "\n" not in exc.value.problem


def test_zip_without_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError) as exc:
        read_bytes(buf.getvalue(), name="wrong.xlsx")
    assert exc.value.problem == "not a valid .xlsx (a zip archive without xl/workbook.xml or content.xml)"


def test_zip_bomb_is_refused_before_unpacking():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (210 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bomb.xlsx")
    assert exc.value.problem == "the .xlsx would unpack to 210 MB, more than the 200 MB allowed (a zip bomb?)"
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bomb.docx")
    assert "(a zip bomb?)" in exc.value.problem


def test_xls_that_is_really_an_html_table():
    html = "<html><body><table><tr><td>序号</td><td>目标任务</td></tr><tr><td>1</td><td>新建公园5个</td></tr>"
    html += "</table></body></html>"
    text = read_bytes(html.encode(), name="export.xls").text
    assert "新建公园5个" in text and "序号" in text


def test_xls_that_is_really_tab_separated_text():
    data = "序号\t目标任务\n1\t新建公园5个\n".encode("gbk")
    doc = read_bytes(data, name="export.xls")
    assert doc.text.split("\n") == ["序号 | 目标任务 |", "1 | 新建公园5个 |"]
    assert doc.encoding == "gb18030"


# --- .xls (fixture) and .ods (built by hand) -----------------------------------------------------------


def test_xls_fixture_reads_like_the_xlsx():
    # made by LibreOffice from completion_workbook(); .xls keeps no number formats that calamine exposes,
    # so percentages stay fractions and dates ISO (a documented limit)
    lines = read_document(FIXTURES / "completion_2024.xls").text.split("\n")
    assert lines[:5] == TABLE[:5]
    assert lines[5] == "1 | 地区生产总值增长 | % | 6.5 | 5.8 | 0.892 | 县发改局 |  |"
    assert lines[7] == "3 | 城镇新增就业人数（含农村转移就业） | 万人 | 1.2 | 1.25 | 1.0417 | 县发改局 | 超额完成 |"
    assert lines[8:] == [
        " | 其中：高校毕业生就业 | 万人 | 0.3 | 0.32 | 1.0667 | 县人社局 |  |",
        "二、社会民生",
        "4 | 新建5G base stations | 个 | 300 | 0.3 | 0.001 | 县经信局 | 2024-06-30 |",
        "说明：数据截至2024年6月底。",
    ]


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def _ods_cell(text: str = "", cols: int = 1, rows: int = 1, repeat: int = 1, value: str | None = None) -> str:
    attrs = f' table:number-columns-spanned="{cols}" table:number-rows-spanned="{rows}"' if cols > 1 or rows > 1 else ""
    if repeat > 1:
        attrs += f' table:number-columns-repeated="{repeat}"'
    if value is not None:
        attrs += f' office:value-type="percentage" office:value="{value}"'
    paras = "".join(f"<text:p>{line}</text:p>" for line in text.split("\n")) if text else ""
    return f"<table:table-cell{attrs}>{paras}</table:table-cell>"


HIDDEN = ' table:style-name="hid"'


def ods_bytes(tables: list[tuple[str, list[str]]], hidden: tuple[str, ...] = (), row_attrs: str = "") -> bytes:
    body = "".join(
        f'<table:table table:name="{name}"{HIDDEN if name in hidden else ""}>'
        + "".join(f"<table:table-row{row_attrs}>{row}</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in tables
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:automatic-styles>'
        '<style:style style:name="hid" style:family="table"><style:table-properties table:display="false"/>'
        f"</style:style></office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    return buf.getvalue()


def test_ods_merges_percentages_and_lines():
    covered = "<table:covered-table-cell/>"
    rows = [
        _ods_cell(TITLE, cols=4) + covered * 3,
        _ods_cell("序号") + _ods_cell("考核指标") + _ods_cell("占年任务之比") + _ods_cell("责任单位"),
        _ods_cell("1") + _ods_cell("地区生产总值\n增长") + _ods_cell("89.2%", value="0.892")
        + _ods_cell("县发改局", rows=2),
        _ods_cell("2") + _ods_cell("城镇新增就业") + _ods_cell("104%", value="1.0417") + covered,
        _ods_cell("", repeat=16384),
        _ods_cell("") + _ods_cell("（含农村转移就业）") + _ods_cell("", repeat=1000),
    ]
    data = ods_bytes([("完成情况", rows), ("选项", [_ods_cell("县发改局")])], hidden=("选项",))
    doc = read_bytes(data, name="完成情况.ods")
    assert doc.text.split("\n") == [
        TITLE,
        "序号 | 考核指标 | 占年任务之比 | 责任单位 |",
        "1 | 地区生产总值增长 | 89.2% | 县发改局 |",
        "2 | 城镇新增就业（含农村转移就业） | 104% | 县发改局 |",
    ]
    assert doc.title == TITLE and doc.source_format == "ods"


def test_ods_repeated_rows_are_bounded():
    rows = ['<table:table-cell table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell>']
    data = ods_bytes([("大", rows)], row_attrs=' table:number-rows-repeated="10000"')
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="big.ods")
    assert exc.value.problem == "not a valid .ods (more than 5,000,000 filled cells)"


def test_ods_without_content_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(InputError) as exc:
        read_bytes(buf.getvalue(), name="empty.ods")
    assert exc.value.problem == "not a valid .ods (a zip archive without xl/workbook.xml or content.xml)"


# --- .csv / .tsv --------------------------------------------------------------------------------------


CSV = "序号,考核指标,单位,工作目标,已完成数,占年任务之比,备注\n1,地区生产总值增长,%,6.5,5.8,89.2%,\n"
CSV += ',"（含服务业）",,,,,\n2,"城镇新增就业\n人数",万人,1.2,1.25,104%,超额完成\n'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(encoding):
    doc = read_bytes(CSV.encode(encoding), name="完成情况.csv")
    assert doc.text.split("\n") == [
        "序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 备注 |",
        "1 | 地区生产总值增长（含服务业） | % | 6.5 | 5.8 | 89.2% |  |",
        "2 | 城镇新增就业人数 | 万人 | 1.2 | 1.25 | 104% | 超额完成 |",
    ]
    assert doc.encoding == {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gbk": "gb18030"}[encoding]
    assert doc.source_format == "csv"


def test_tsv_and_semicolon_csv():
    tsv = "序号\t任务\n1\t新建公园5个，提升绿化\n".encode()
    assert lines_of(tsv, "a.tsv") == ["序号 | 任务 |", "1 | 新建公园5个，提升绿化 |"]
    assert lines_of("序号;任务\n1;新建公园5个\n".encode(), "b.csv") == ["序号 | 任务 |", "1 | 新建公园5个 |"]


def test_csv_problems():
    with pytest.raises(InputError) as exc:
        read_bytes(b"\x00\x01\x02binary" * 50, name="x.csv")
    assert exc.value.problem == "looks like a binary file, not text"
    with pytest.raises(InputError) as exc:
        read_bytes(b",,,\n,,\n", name="commas.csv")
    assert exc.value.problem == "the file is empty"
    with pytest.raises(InputError) as exc:
        read_bytes(b'a,"' + b"x" * 200_000 + b'"\n', name="huge-field.csv")
    assert exc.value.problem.startswith("not a valid .csv file (line 1: field larger than field limit")


# --- the grid rules, one at a time ----------------------------------------------------------------------


def test_continuation_needs_a_numbered_table_and_text_only():
    rows = [["序号", "任务", "责任单位"], ["1", "新建公园", "住建局"], ["", "5个", ""], ["2", "改造小区", "住建局"]]
    # "5个" is text continuing 新建公园 → merged
    merged = ["序号 | 任务 | 责任单位 |", "1 | 新建公园5个 | 住建局 |", "2 | 改造小区 | 住建局 |"]
    assert render(Sheet("", rows))[0] == merged
    # a sub-row with figures of its own stays a row
    rows[2] = ["", "其中：口袋公园", "3"]
    assert render(Sheet("", rows))[0][2] == " | 其中：口袋公园 | 3 |"
    # text under an empty cell of the row above is not a continuation
    rows[2] = ["", "", "城管局"]
    rows[1][2] = ""
    assert render(Sheet("", rows))[0][2] == " |  | 城管局 |"
    # a first column that is not numbering (类别) turns the rule off
    cats = [["类别", "任务", "单位"], ["经济", "新建公园", "住建局"], ["", "改造小区", "住建局"]]
    assert render(Sheet("", cats))[0][2] == " | 改造小区 | 住建局 |"


def test_vertical_category_merge_is_not_a_continuation():
    rows = [["序号", "任务", "单位"], ["1", "新建公园", "住建局"], ["", "改造小区", "住建局"], ["2", "修路", "交通局"]]
    lines, _ = render(Sheet("", rows, merges=[(1, 0, 2, 0)]))  # 序号 1 merged over two task rows
    assert lines[1:3] == ["1 | 新建公园 | 住建局 |", "1 | 改造小区 | 住建局 |"]


def test_cell_text_cleaning():
    assert clean_cell("城镇新增\n就业 1.2\r\n万人") == "城镇新增就业 1.2万人"
    assert clean_cell("Project\nowners  report") == "Project owners report"
    assert clean_cell("a|b") == "a｜b"
    assert join_lines(["6%", "左右"]) == "6%左右"


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (12.0, "", "12"),
        (0.1 + 0.2, "", "0.3"),
        (1234567.891, "", "1234567.891"),
        (1e20, "", "100000000000000000000"),
        (-0.0, "", "0"),
        (0.63, "pct0", "63%"),
        (0.635, "pct0", "64%"),
        (1.0453, "pct2", "104.53%"),
        (dt.date(2024, 3, 1), "", "2024-03-01"),
        (dt.datetime(2024, 3, 1), "ymd", "2024年3月1日"),
        (dt.date(2024, 3, 1), "ym", "2024年3月"),
        (dt.datetime(2024, 3, 1, 9, 5), "", "2024-03-01 09:05"),
        (True, "", "TRUE"),
        ("  目标\n任务 ", "", "目标任务"),
    ],
)
def test_values_render_as_written(value, kind, text):
    assert value_text(value, kind) == text


def test_number_formats():
    assert [format_kind(f) for f in ["0%", "0.0%", '0.00"%"', 'yyyy"年"m"月"d"日"', "yyyy年m月", "m月d日", "0.00"]] == [
        "pct0", "pct1", "", "ymd", "ym", "md", ""
    ]
    assert number_text(float("nan")) == ""


# --- end to end ---------------------------------------------------------------------------------------------


def test_read_document_and_cli_extract_json(tmp_path):
    path = tmp_path / "2024年完成情况.xlsx"
    path.write_bytes(xlsx_bytes(completion_workbook()))
    doc = read_document(path)
    assert "1 | 地区生产总值增长 | % | 6.5 | 5.8 | 89.2% | 县发改局 |  |" in doc.text.split("\n")
    result = CliRunner().invoke(app, ["extract", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["document"]["title"] == TITLE
    assert payload["document"]["kind"] == "completion_report"


def test_ten_thousand_rows_read_quickly():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "考核指标", "单位", "工作目标", "已完成数", "占年任务之比", "备注"])
    for i in range(1, 10_001):
        ws.append([i, f"指标{i}", "万元", i * 1.5, i * 1.2, 0.8, "按进度推进"])
    data = xlsx_bytes(wb)
    start = time.perf_counter()
    doc = read_bytes(data, name="big.xlsx")
    elapsed = time.perf_counter() - start
    assert len(doc.text.split("\n")) == 10_001
    assert doc.text.split("\n")[-1] == "10000 | 指标10000 | 万元 | 15000 | 12000 | 0.8 | 按进度推进 |"
    assert elapsed < 10, elapsed


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Table/></Workbook>',
         "this .xls is an Excel 2003 XML file, which duban does not read; save it as .xlsx"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related", "this .xls is a web archive (MHT), which duban does "
         "not read; save it as .xlsx"),
    ],
    ids=["spreadsheetml", "mht"],
)
def test_xls_formats_we_name_but_do_not_read(data, problem):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="old.xls")
    assert exc.value.problem == problem


def test_password_protected_workbook():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptedPackage".encode("utf-16-le") + bytes(500)
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="secret.xlsx")
    assert exc.value.problem == "the spreadsheet is protected with a password; remove it first"

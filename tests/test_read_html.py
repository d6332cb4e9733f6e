"""HTML pages: main text without site chrome, tables as rows, charsets, titles."""

from __future__ import annotations

import re

import pytest

from duban.errors import InputError
from duban.read import read_bytes, read_document
from duban.read.html import clean_site_title
from read_fixtures import FIXTURES, covered

PLAN = FIXTURES / "gov_plan_page.html"
REPORT = FIXTURES / "county_report_page.html"
TABLE = FIXTURES / "completion_table_page.html"

SITE_JUNK = (
    "走进镇海",
    "互动交流",
    "友情链接",
    "ICP备",
    "公网安备",
    "网站标识码",
    "扫码关注",
    "加客服微信",
    "上一篇",
    "下一篇",
    "分享到",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "版权所有",
    "主办单位",
    "_hmt",
    "无障碍浏览",
    "首页",
)


def test_gov_page_main_text_without_chrome():
    doc = read_document(PLAN)
    assert doc.source_format == "html"
    assert doc.encoding == "utf-8"
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        "宁波市镇海区人民政府2022年工作计划",
        "宁波市镇海区",
        2022,
        "work_plan",
    )
    for junk in SITE_JUNK:
        assert junk not in doc.text, junk
    assert "地区生产总值增长8%以上" in doc.text
    assert "(一)聚焦稳进提质,进一步夯实增长基础" in doc.text.split("\n")
    assert "项目攻坚再发力。" in doc.text
    # the 信息公开 table sits inside the article on such sites: it stays, as chrome
    assert covered(doc, "734247248/2022-098765")
    assert covered(doc, "发布机构")
    assert not any(s <= doc.text.index("地区生产总值增长8%以上") < e for s, e in doc.chrome)


def _report_text(doc) -> list[str]:
    return doc.text.split("\n")


def test_table_layout_page_keeps_paragraphs():
    doc = read_document(REPORT)
    lines = _report_text(doc)
    assert lines[0] == "2021年慈溪市政府工作报告"  # the page title, put back on top
    assert "各位代表:" in lines
    assert "(一)抗疫战疫赢得高分报表。" in lines
    assert any(line.startswith("现在,我代表慈溪市人民政府向大会报告工作") for line in lines)
    for junk in ("网站首页", "当前位置", "版权所有", "ICP备", "查阅全文加微信", "技术支持", "阅读次数", "|"):
        assert junk not in doc.text, junk
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        "2021年慈溪市政府工作报告",
        "慈溪市",
        2021,
        "work_report",
    )


def _as_gbk(declared: str | None) -> bytes:
    page = REPORT.read_text(encoding="utf-8")
    if declared is None:
        page = re.sub(r"<meta http-equiv[^>]*>", "", page)
    else:
        page = page.replace("charset=utf-8", f"charset={declared}")
    return page.encode("gbk")


@pytest.mark.parametrize("declared", ["gb2312", "GBK", None])
def test_gbk_page_gives_the_same_text(declared):
    utf8 = read_document(REPORT)
    doc = read_bytes(_as_gbk(declared), name="page.htm")
    assert doc.encoding == "gb18030"
    assert doc.text == utf8.text
    assert doc.title == utf8.title


def test_utf8_page_declaring_gb2312_is_read_as_utf8():
    page = REPORT.read_text(encoding="utf-8").replace("charset=utf-8", "charset=gb2312")
    doc = read_bytes(page.encode("utf-8"), name="page.shtml")
    assert doc.encoding == "utf-8"
    assert doc.text == read_document(REPORT).text


def test_table_rows_are_pipe_lines():
    doc = read_document(TABLE)
    lines = doc.text.split("\n")
    assert lines[0] == "2024年政府工作报告年度完成情况"
    assert lines[1] == "编号 | 目标任务 | 完成情况 |"
    assert lines[2] == (
        "1 | 地区生产总值增长6%左右。 | 服务业增加值增长7.5%,全省前列。"
        "全区经济运行总体平稳、稳中向好,全年地区生产总值增长5.6%。 |"
    )
    assert not any(set(line) <= set("|-: ") for line in lines)
    rows = [line for line in lines if re.match(r"^\d+ \| ", line)]
    assert [int(r.split(" | ")[0]) for r in rows] == list(range(1, 13))
    assert all(r.count(" | ") == 2 and r.endswith(" |") for r in rows)
    assert doc.kind == "completion_report"
    assert doc.year == 2024


def test_tiny_page_falls_back_to_a_plain_walk():
    page = (
        "<html><head><title>指标</title><script>var x = 1;</script></head><body>"
        "<table><tr><th>指标</th><th>目标</th></tr><tr><td>地区生产总值增长</td><td>6%</td></tr></table>"
        "</body></html>"
    )
    doc = read_bytes(page.encode(), name="t.html")
    assert "地区生产总值增长 | 6% |" in doc.text.split("\n")
    assert "var x" not in doc.text


def test_site_name_alone_is_not_a_title():
    page = "<html><head><title>中国政府网</title></head><body><div><p>" + "地区生产总值增长8%以上。" * 8
    doc = read_bytes((page + "</p></div></body></html>").encode(), name="a.html")
    assert doc.title is None
    assert not doc.text.startswith("中国政府网")


def test_page_without_text():
    page = "<html><head><script>var a = 1;</script></head><body><img src='x.png'></body></html>"
    with pytest.raises(InputError) as exc:
        read_bytes(page.encode(), name="empty.html")
    assert exc.value.problem == "no text found"
    assert str(exc.value) == "empty.html: no text found"


def test_binary_renamed_html():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        read_bytes(png, name="x.html")


def test_whitespace_only_html_is_empty():
    with pytest.raises(InputError) as exc:
        read_bytes(b"  \n\t ", name="x.htm")
    assert exc.value.problem == "the file is empty"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("宁波市镇海区人民政府2022年工作计划_镇海区人民政府", "宁波市镇海区人民政府2022年工作计划"),
        ("2024年政府工作报告_中国政府网", "2024年政府工作报告"),
        ("关于2021—2025年规划的说明 - 浙江省人民政府门户网站", "关于2021—2025年规划的说明"),
        ("2023年工作要点_规划计划_杭州市人民政府", "2023年工作要点"),
        ("2024年政府工作报告年度完成情况-镇海区人民政府", "2024年政府工作报告年度完成情况"),
        ("广州市人民政府 | 2023年重点工作任务分工方案", "2023年重点工作任务分工方案"),
        ("2021-2025年发展规划", "2021-2025年发展规划"),
    ],
)
def test_site_suffix_stripped_from_titles(raw, clean):
    assert clean_site_title(raw) == clean

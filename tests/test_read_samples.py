"""The read stage on the real scraped samples: metadata, encodings, chrome."""

from __future__ import annotations

import contextlib
import hashlib

import pytest

from duban.read import read_bytes, read_document
from read_fixtures import (
    LOCAL_SAMPLES,
    NATIONAL_YEARS,
    S000,
    S001,
    S002,
    S003,
    S004,
    covered,
    national,
    touches_chrome,
)

EXPECTED = {
    S000.name: ("宁波市镇海区人民政府2022年工作计划", "宁波市镇海区", 2022, "work_plan"),
    S001.name: ("2024年政府工作报告年度完成情况", "镇海区", 2024, "completion_report"),
    S002.name: ("2021年慈溪市政府工作报告", "慈溪市", 2021, "work_report"),
    S003.name: ("今后五年发展目标", None, None, "five_year"),  # a title built from what is known (read/meta.py)
    # 004 masks its place names ("XX", "区人民政府"): no jurisdiction rather than garbage
    S004.name: ("区人民政府2024年工作计划", None, 2024, "work_plan"),
}


@pytest.mark.parametrize("path", LOCAL_SAMPLES, ids=lambda p: p.name[:3])
def test_sample_reads_verbatim_with_metadata(path):
    doc = read_document(path)
    raw = path.read_bytes()
    assert doc.text == raw.decode("utf-8")
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.id == doc.sha256[:16]
    assert doc.encoding == "utf-8"
    assert doc.source_format == "txt"
    assert doc.path == str(path)
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == EXPECTED[path.name]


@pytest.mark.parametrize("year", NATIONAL_YEARS)
def test_national_reports(year):
    raw = national(year).read_bytes()
    # the name carries no year: the year must come from the text
    doc = read_bytes(raw, name="report.txt")
    assert doc.year == year
    assert doc.jurisdiction == "全国"
    assert doc.kind == "work_report"
    # the only chrome is the wiki licence box at the end; the speech itself is untouched
    licence = doc.text.index("本作品是中华人民共和国的")
    assert doc.chrome == [(licence, len(doc.text))]
    assert not touches_chrome(doc, "各位代表")


def _variants(text: str) -> dict[str, bytes]:
    out = {
        "utf-8-sig": text.encode("utf-8-sig"),
        "gb18030": text.encode("gb18030"),
        "utf-16-le": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf-16-be": b"\xfe\xff" + text.encode("utf-16-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
    }
    # 000 holds a no-break space GBK lacks (GB18030 has it)
    with contextlib.suppress(UnicodeEncodeError):
        out["gbk"] = text.encode("gbk")
    return out


@pytest.mark.parametrize("path", [*LOCAL_SAMPLES, national(2010)], ids=lambda p: p.name[:7])
def test_same_text_in_every_encoding(path):
    original = read_document(path)
    variants = _variants(original.text)
    if path != S000:
        assert "gbk" in variants
    expected_encoding = {
        "utf-8-sig": "utf-8-sig",
        "gb18030": "gb18030",
        "gbk": "gb18030",
        "utf-16-le": "utf-16-le",
        "utf-16-be": "utf-16-be",
        "crlf": "utf-8",
    }
    for name, data in variants.items():
        doc = read_bytes(data, name=f"x-{name}.txt")
        assert doc.text == original.text, name
        assert doc.encoding == expected_encoding[name], name
        assert doc.chrome == original.chrome, name
        assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
            original.title,
            original.jurisdiction,
            original.year,
            original.kind,
        ), name
        assert doc.sha256 != original.sha256  # identity is the raw bytes


def test_chrome_000_header_labels():
    doc = read_document(S000)
    for line in doc.text.split("\n")[:15]:
        label = line.replace("\xa0", "").strip()
        if label.endswith(":"):
            assert covered(doc, line), line
    for junk in ("您当前所在的位置:", "发布机构:", "发布日期:", "成文日期:", "文件编号:", "主题分类:", "浏览量:"):
        assert covered(doc, junk), junk
    for real in (
        "宁波市镇海区人民政府2022年工作计划",
        "地区生产总值增长8%以上",
        "城镇登记失业率控制在3.5%以内",
        "项目攻坚再发力。",
        "完成公共服务场所无障碍环境改造11处",
        "以优异成绩迎接党的二十大胜利召开",
    ):
        assert not touches_chrome(doc, real), real


def test_chrome_001_metadata_rows():
    doc = read_document(S001)
    lines = doc.text.split("\n")
    for line in lines[:3]:
        assert line.startswith(("索引号", "成文日期", "发布机构"))
        assert covered(doc, line), line
    for real in (
        "2024年政府工作报告年度完成情况",
        "编号 | 目标任务 | 完成情况 |",
        "地区生产总值增长6%左右。",
        "2024年我区全体居民人均可支配收入80331元",
    ):
        assert not touches_chrome(doc, real), real
    assert len(doc.chrome) == 1


def test_chrome_002_prefixed_title_and_paywall_tail():
    doc = read_document(S002)
    assert covered(doc, "006-2021年慈溪市政府工作报告")
    tail = doc.text.index("............试读结束")
    assert (tail, len(doc.text)) in doc.chrome
    for junk in (
        "查阅全文加微信",
        "如来写作网",
        "本文内容由互联网用户自发贡献",
        "上一篇",
        "下一篇",
        "相关推荐",
        "扫码关注",
    ):
        assert covered(doc, junk, tail), junk
    for junk in ("客服", "返回顶部"):
        assert covered(doc, junk, tail), junk
    second = doc.text.index("2021年慈溪市政府工作报告", 5)
    assert not any(s <= second < e for s, e in doc.chrome)
    for real in ("我代表慈溪市人民政府向大会报告工作", "为建设现代化区域性中心城市而努力奋斗"):
        assert not touches_chrome(doc, real), real


def test_chrome_003_site_footer():
    doc = read_document(S003)
    for junk in ("本文仅代表作者观点", "本文地址:", "留言与评论", "验证码:", "网站地图"):
        assert covered(doc, junk), junk
    for real in (
        "地区生产总值力争突破2000亿元",
        "居民人均可支配收入达到9.5万元以上",
        "打造全域和美大花园",
        "今后五年政府工作的指导思想是",
    ):
        assert not touches_chrome(doc, real), real


def test_chrome_004_repeated_title_keeps_one():
    doc = read_document(S004)
    lines = doc.text.split("\n")
    assert lines[0] == lines[1] == lines[2] == "区人民政府2024年工作计划"
    assert doc.chrome == [(len(lines[0]) + 1, 3 * len(lines[0]) + 2)]
    for real in ("全年安排亿元以上项目325个", "完成固定资产投资450亿元以上", "重点做好十方面工作。"):
        assert not touches_chrome(doc, real), real

"""Completion documents in their real shapes, locating restated targets, and pairing documents."""

from __future__ import annotations

import pytest

from corpus import COMPLETION_2024, PLAN_2024
from duban.assess import assess
from duban.link.completion import column_role, parse
from duban.link.locate import PlanIndex, compact, locate
from duban.link.pairing import DocInfo, pairs, same_place
from duban.read import read_bytes, read_document
from duban.segment import segment


@pytest.mark.parametrize(("header", "role"), [
    ("编号", "row"), ("序号", "row"), ("目标任务", "task"), ("工作任务", "task"), ("考核指标", "metric"),
    ("指标名称", "metric"), ("单位", "unit"), ("计量单位", "unit"), ("工作目标", "goal"), ("年度目标", "goal"),
    ("已完成数", "actual"), ("1-11月", "actual"), ("占年任务之比", "ratio"), ("完成率", "ratio"),
    ("完成情况", "result"), ("进展情况", "result"), ("备注", "note"), ("牵头单位", "owner"),
    ("责任单位", "owner"), ("完成时限", "deadline"), ("附件", None),
])
def test_column_roles_come_from_header_words(header, role):
    assert column_role(header) == role


STRUCTURED = """某县2024年1-11月主要经济指标完成情况
序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 备注 |
1 | 地区生产总值增速 | % | 6 | 5.8 | 96.7% | |
2 | 固定资产投资 | 亿元 | 120 | 131.2 | 109.3% | 预计数 |
3 | 新增城镇就业 | 人 | 8000 | 9120 | 114.0% | |
4 | 城镇登记失业率 | % | ≤3.5 | 2.9 | | |
"""


def test_structured_table_carries_its_own_targets():
    doc = read_bytes(STRUCTURED.encode("utf-8"), name="indicators.txt")
    result = assess(None, doc)
    assert [i.row for i in result.items] == [1, 2, 3, 4]
    gdp, investment, jobs, unemployment = (i.indicators[0] for i in result.items)
    assert (gdp.indicator.value, gdp.actual.value, gdp.status) == (6, 5.8, "basically_met")
    assert (investment.actual.value, investment.status) == (131.2, "met")
    assert (jobs.indicator.unit, jobs.actual.value, jobs.status) == ("人", 9120, "exceeded")
    assert unemployment.indicator.op == "<=" and unemployment.status == "met"  # a ceiling is never exceeded
    text = doc.text
    for item in result.items:
        for a in item.indicators:
            assert text[slice(*a.actual.span)] == f"{a.actual.value:g}"


def test_columns_in_another_order():
    text = "完成情况 | 编号 | 目标任务 |\n" + "\n".join(
        f"{result} | {n} | {task} |" for n, task, result in [
            (1, "新增保障性租赁住房2400套。", "全年新增保障性租赁住房2600套。"),
            (2, "新建5G基站300个。", "新建5G基站280个。"),
        ])
    parsed = parse(segment(read_bytes(text.encode("utf-8"), name="t.txt")))
    assert parsed.columns == ["result", "row", "task"]
    first = parsed.statements[0]
    assert first.row == 1
    result = assess(None, read_bytes(text.encode("utf-8"), name="t.txt"))
    assert [i.status for i in result.items] == ["met", "basically_met"]


def test_html_and_docx_tables_are_read_as_rows(tmp_path):
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("2024年重点工作完成情况")
    rows = [("编号", "目标任务", "完成情况"), ("1", "新增城镇就业7500人以上。", "全年新增城镇就业8012人。"),
            ("2", "完成集成电路产业园规划。", "集成电路产业园规划已编制完成并获批复。")]
    table = doc.add_table(rows=3, cols=3)
    for r, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(r.cells, values, strict=True):
            cell.text = value
    doc.save(tmp_path / "c.docx")
    result = assess(None, read_document(tmp_path / "c.docx"))
    assert [(i.row, i.status) for i in result.items] == [(1, "met"), (2, "done")]  # 8012/7500 = 107%
    html = "<html><body><article><h1>完成情况</h1><table>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table></article></body></html>"
    (tmp_path / "c.html").write_text(html, encoding="utf-8")
    result = assess(None, read_document(tmp_path / "c.html"))
    assert [(i.row, i.status) for i in result.items] == [(1, "met"), (2, "done")]


@pytest.fixture(scope="module")
def plan_index():
    return PlanIndex.build(segment(read_document(PLAN_2024)))


@pytest.mark.parametrize("quote", [
    "推进XX炼化150万吨乙烯等重大产业项目建设",  # as in the plan, masked
    "推进镇海炼化150万吨乙烯等重大产业项目建设",  # the real name where the plan masks it
    "推进XX炼化150万吨乙烯等重大产业项目建设。",  # punctuation added
    "推进 XX炼化 150 万吨乙烯等重大产业项目建设",  # spacing
    "推进XX炼化150万吨乙烯等重大产业项目的建设",  # a small edit
])
def test_locate_tolerates_masks_edits_and_spacing(plan_index, quote):
    spans, score = locate(plan_index, quote, (0, len(quote)))
    plan_text = plan_index.seg.text
    assert spans and "150万吨乙烯" in plan_text[slice(*spans[0])]
    assert score >= 72


@pytest.mark.parametrize(("text", "expected"), [
    ("加快中石化安工院建设。", "加快中石化安工院建设"),
    ("新增 保障性租赁住房２４００套", "新增保障性租赁住房2400套"),  # spaces dropped, full-width digits folded
    ("推进XX路、某某桥建设", "推进路桥建设"),  # masked names removed
    ("推进X路建设", "推进X路建设"),  # a single X is text, not a mask
    ("“十四五”规划（2021—2025年）", "十四五规划20212025年"),
    ("", ""),
])
def test_compact_form_indexes_back_into_the_text(text, expected):
    c = compact(text)
    assert c.text == expected and len(c.index) == len(c.text)
    assert list(c.index) == sorted(set(c.index))
    for ch, i in zip(c.text, c.index, strict=True):
        assert text[i] == ch or (0xFF10 <= ord(text[i]) < 0xFF5F and ord(text[i]) - 0xFEE0 == ord(ch))
    if text:  # a slice keeps offsets into the whole text
        inner = compact("前言。" + text, 3)
        assert inner.text == expected and [i - 3 for i in inner.index] == list(c.index)


def test_locate_merged_sentences_give_two_spans(plan_index):
    plan_text = plan_index.seg.text
    first = "做强先进制造装备产业,推进液压、紧固件、轴承等传统优势产业改造升级、扩张提能"
    second = "高质量推进第五次全国经济普查"
    assert first in plan_text and second in plan_text
    quote = first + "。" + second + "。"
    spans, _ = locate(plan_index, quote, (0, len(quote)))
    found = [plan_text[slice(*s)] for s in spans]
    assert any(first[:12] in f for f in found) and any(second in f for f in found)


def test_locate_gives_nothing_for_text_not_in_the_plan(plan_index):
    quote = "城镇登记失业率控制在3%以内。"
    assert locate(plan_index, quote, (0, len(quote)))[0] == []


def test_all_table_rows_of_the_sample_are_located():
    plan, completion = read_document(PLAN_2024), read_document(COMPLETION_2024)
    index = PlanIndex.build(segment(plan))
    parsed = parse(segment(completion))
    located = [st.row for st in parsed.statements if locate(index, completion.text, st.target_span)[0]]
    assert len(located) == 87  # rows 1, 2 and 55 quote the headline paragraph this copy of the plan lacks
    assert not {1, 2, 55} & set(located)


def _doc(id_, kind, year, place):
    return DocInfo(id_, kind, year, place)


def test_pairing_rules():
    docs = [
        _doc("plan24", "work_plan", 2024, None),
        _doc("done24", "completion_report", 2024, "镇海区"),
        _doc("plan22", "work_plan", 2022, "宁波市镇海区"),
        _doc("wr2013", "work_report", 2013, "全国"),
        _doc("wr2014", "work_report", 2014, "全国"),
        _doc("cixi21", "work_report", 2021, "慈溪市"),
        _doc("half22", "progress_report", 2022, "镇海区"),
    ]
    assert set(pairs(docs)) == {("plan24", "done24"), ("wr2013", "wr2014"), ("plan22", "half22")}


def test_jurisdictions():
    assert same_place("宁波市镇海区", "镇海区") is True
    assert same_place("慈溪市", "镇海区") is False
    assert same_place(None, "镇海区") is None


def test_unknown_places_pair_only_when_unique():
    docs = [_doc("a", "work_plan", 2024, None), _doc("b", "work_plan", 2024, None),
            _doc("c", "completion_report", 2024, "某区")]
    assert pairs(docs) == [(None, "c")]


PROGRESS = """某县2024年1-6月政府工作报告重点任务推进情况
序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 备注 |
1 | 固定资产投资 | 亿元 | 120 | 66 | 55% | |
2 | 新增城镇就业 | 人 | 8000 | 2900 | 36.3% | |
3 | 地区生产总值增速 | % | 6 | 6.2 | | |
"""


def test_progress_report_is_judged_against_the_elapsed_year():
    doc = read_bytes(PROGRESS.encode("utf-8"), name="half-year.txt")
    assert doc.kind == "progress_report"
    investment, jobs, gdp = assess(None, doc).items
    assert (investment.status, investment.schedule) == ("in_progress", "ahead")  # 55% done at 50% of the year
    assert (jobs.status, jobs.schedule) == ("in_progress", "behind")  # 36% at 50%
    assert "慢于序时进度" in jobs.explanation
    assert gdp.status == "met" and gdp.schedule is None  # a growth rate is compared as it is

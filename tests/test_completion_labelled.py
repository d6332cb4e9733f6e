"""Completion reports of labelled items (1.新增城镇就业1.2万人 / 完成情况：…): read as rows that restate their
target, linked to the plan's targets and judged like a 编号 | 目标任务 | 完成情况 table."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import COMPLETION_2024
from duban.assess import assess
from duban.extract import extract
from duban.link.completion import parse
from duban.read import read_bytes, read_document
from duban.segment import segment

HERE = Path(__file__).resolve().parent / "fixtures" / "labelled"
PLAN = HERE / "plan_2024.txt"
REPORT = HERE / "completion_2024.txt"  # 一、 sections, 1. items, a different label on every item
VARIANTS = HERE / "completion_variants_2024.txt"  # （一）/1、 items, 目标任务：/任务： targets, an inline label …


@pytest.fixture(scope="module")
def plan():
    return read_document(PLAN)


@pytest.fixture(scope="module")
def report(plan):
    return assess(plan, read_document(REPORT))


@pytest.fixture(scope="module")
def variants(plan):
    return assess(plan, read_document(VARIANTS))


def _plan_target(result, target_text: str) -> str:
    return next(t.id for t in result.plan_targets if t.text == target_text)


@pytest.mark.parametrize(("row", "target", "status", "actuals"), [
    (1, "地区生产总值增长6%左右", "not_met", ["5.6%"]),  # 93 % of a 左右 target, but 0.4 points short
    (2, "完成固定资产投资450亿元以上", "met", ["472.3亿元"]),
    (3, "社会消费品零售总额增长6.5%", "not_met", ["4.2%"]),
    (4, "新增氢能车100辆、光伏装机2.5万千瓦", "partially_met", ["60辆", "3.1万千瓦"]),
    (5, "建成投用西大河公园二期", "in_progress", []),  # 主体工程已完工，正在进行景观绿化施工
    (6, "完成征迁面积40万平方米以上", "exceeded", ["46.2万平方米"]),
    (7, "新建和改造提升高标准农田8000亩", "in_progress", ["6343亩"]),  # the rest 正在施工
    (8, "修缮文保单位（点）6处", "not_met", ["4处"]),
    (9, "开展招聘活动100场以上", "activity_only", []),  # 数据尚在统计中: no figure
])
def test_each_item_is_linked_to_its_plan_target_and_judged(report, row, target, status, actuals):
    item = next(i for i in report.items if i.row == row)
    assert item.target == target  # the restated target without its enumerator (1.)
    assert item.target_in == "plan" and item.links[0].method == "restated"
    assert item.target_ids == [_plan_target(report, target)]
    assert item.status == status
    text = report.completion.text
    assert [text[slice(*a.actual.span)] for a in item.indicators if a.actual] == actuals
    verdict = next(v for v in report.verdicts if v.target_id == item.target_ids[0])
    assert verdict.status == status


def test_evidence_points_into_the_completion_text_after_its_label(report):
    text = report.completion.text
    parsed = parse(segment(report.completion))
    assert len(parsed.statements) == len(report.items) == 9
    for item, st in zip(report.items, parsed.statements, strict=True):
        a, b = st.result_span
        assert text[a - 5:a] in ("完成情况：", "进展情况：", "落实情况：", "推进情况：", "执行情况：", "工作进展：")
        assert item.completion_span == (a, b)
        assert item.evidence_spans
        for s, e in item.evidence_spans:
            assert a <= s < e <= b and "情况：" not in text[s:e]
        for ind in item.indicators:
            if ind.actual:
                assert ind.actual.span in item.evidence_spans
    park = report.items[4]  # qualitative: its evidence is the sentence of the result, without the label
    assert [report.completion.text[s:e] for s, e in park.evidence_spans] == [
        "西大河公园二期主体工程已完工，正在进行景观绿化施工，预计2025年上半年投用"]


def test_headings_are_not_targets(report):
    assert [i.row for i in report.items] == list(range(1, 10))
    assert not any(i.target.startswith(("一、", "二、", "三、", "经济运行")) for i in report.items)
    answered = {k for i in report.items for k in i.target_ids}
    assert len(answered) == 9


@pytest.mark.parametrize(("n", "target", "status", "actuals"), [
    # （一）扩大有效投资 / 目标任务：…: the labelled line is the target, the title line only numbers it
    (0, "全年安排亿元以上项目325个，完成固定资产投资450亿元以上。", "met", ["331个", "472.3亿元"]),
    (1, "社会消费品零售总额增长6.5%。", "not_met", ["4.2%"]),  # 任务：… / 进展情况: with an ASCII colon
    (2, "新增氢能车100辆、光伏装机2.5万千瓦。", "partially_met", ["60辆", "3.1万千瓦"]),  # 。完成情况：on the line
    (3, "建成投用西大河公园二期", "in_progress", []),  # 【推进情况】
    (4, "新建和改造提升高标准农田8000亩", "in_progress", ["6343亩"]),  # (1)(2) parts of the result
    (5, "开展招聘活动100场以上", "no_evidence", []),  # 完成情况： with nothing after it
    (6, "修缮文保单位（点）6处", "not_met", ["4处"]),
])
def test_variants_of_enumerators_and_labels(variants, n, target, status, actuals):
    item = variants.items[n]
    assert item.row == n + 1  # items numbered afresh in each section are numbered in order
    assert item.target == target
    assert item.target_in == "plan"
    assert item.status == status
    text = variants.completion.text
    assert [text[slice(*a.actual.span)] for a in item.indicators if a.actual] == actuals
    for s, e in item.evidence_spans:
        assert item.completion_span[0] <= s < e <= item.completion_span[1]
        assert not text[s:e].startswith(("（", "【", "完成情况", "落实情况"))


def test_a_result_runs_over_its_numbered_parts_and_keeps_its_owner(variants):
    farmland = variants.items[4]
    text = variants.completion.text
    result = text[slice(*farmland.completion_span)]
    assert result.startswith("（1）建成高标准农田6343亩") and result.endswith("预计2025年3月完工。")
    assert farmland.responsible == ["区农业农村局"]
    assert "区农业农村局" not in result


def test_without_the_plan_the_items_carry_their_own_targets():
    result = assess(None, read_document(REPORT))
    assert [i.status for i in result.items][:4] == ["not_met", "met", "not_met", "partially_met"]
    assert [t.id for t in result.row_targets] == [f"r{n}.1" for n in range(1, 10)]  # no heading is a target
    metrics = [ind.metric for t in result.row_targets for ind in t.indicators]
    assert metrics[:3] == ["地区生产总值", "固定资产投资", "社会消费品零售总额"]
    assert not any(t.text[0].isdigit() for t in result.row_targets)  # no enumerator in a target


def _parsed(body: str):
    doc = read_bytes(f"某区2024年重点工作完成情况\n{body}\n".encode(), name="c.txt")
    seg = segment(doc)
    parsed = parse(seg)
    return parsed, doc.text


@pytest.mark.parametrize(("body", "targets", "results"), [
    ("1.新增城镇就业1.2万人\n完成情况：全年新增城镇就业1.35万人。\n2.加快中石化安工院建设\n进展情况：主体工程已封顶。",
     ["新增城镇就业1.2万人", "加快中石化安工院建设"], ["全年新增城镇就业1.35万人。", "主体工程已封顶。"]),
    ("（一）新增城镇就业1.2万人\n落实情况：新增1.35万人。\n（二）建成城市书房5家\n推进情况：建成4家。",
     ["新增城镇就业1.2万人", "建成城市书房5家"], ["新增1.35万人。", "建成4家。"]),
    ("一、新增城镇就业1.2万人\n执行情况：新增1.35万人。\n二、建成城市书房5家\n工作进展：建成4家。",
     ["新增城镇就业1.2万人", "建成城市书房5家"], ["新增1.35万人。", "建成4家。"]),
    ("1、目标任务：新增城镇就业1.2万人\n完成情况:新增1.35万人。\n2、任务：建成城市书房5家\n完成情况:建成4家。",
     ["新增城镇就业1.2万人", "建成城市书房5家"], ["新增1.35万人。", "建成4家。"]),
    ("①新增城镇就业1.2万人。完成情况：新增1.35万人。\n②建成城市书房5家。进展情况：建成4家。",
     ["新增城镇就业1.2万人。", "建成城市书房5家。"], ["新增1.35万人。", "建成4家。"]),
    # section headings above the items, and a result over two lines
    ("一、民生保障\n1.新增城镇就业1.2万人\n完成情况：新增1.35万人。\n其中高校毕业生就业4200人。\n二、文化事业\n"
     "1.建成城市书房5家\n完成情况：建成4家。",
     ["新增城镇就业1.2万人", "建成城市书房5家"], ["新增1.35万人。\n其中高校毕业生就业4200人。", "建成4家。"]),
])
def test_labelled_layouts(body, targets, results):
    parsed, text = _parsed(body)
    assert parsed.columns == ["row", "task", "result"]
    assert [text[slice(*st.target_span)] for st in parsed.statements] == targets
    assert [text[slice(*st.result_span)] for st in parsed.statements] == results
    assert [st.row for st in parsed.statements] == [1, 2]


@pytest.mark.parametrize("body", [
    # one labelled item is no layout
    "1.新增城镇就业1.2万人\n完成情况：全年新增城镇就业1.35万人。\n全年经济运行总体平稳，地区生产总值增长5.6%。",
    # labels without targets before them: prose, not items
    "全年经济运行总体平稳。\n完成情况：地区生产总值增长5.6%。\n总体来看：各项工作有序推进。\n进展情况：新增就业1.35万人。",
])
def test_not_a_labelled_report(body):
    parsed, _ = _parsed(body)
    assert parsed.columns == []


def test_a_numbered_table_is_still_read_as_a_table():
    parsed = parse(segment(read_document(COMPLETION_2024)))
    assert parsed.columns == ["row", "task", "result"]
    assert len(parsed.statements) == 90
    assert [st.row for st in parsed.statements[:3]] == [1, 2, 3]
    text = read_document(COMPLETION_2024).text
    assert text[slice(*parsed.statements[0].target_span)] == "地区生产总值增长6%左右。"


def test_a_small_table_inside_a_result_does_not_make_the_report_a_table():
    body = ("1.新增城镇就业1.2万人\n完成情况：新增1.35万人。\n指标 | 目标 | 完成 |\n高校毕业生 | 4000 | 4200 |\n"
            "2.建成城市书房5家\n完成情况：建成4家。\n3.新增养老床位300张\n完成情况：新增320张。")
    parsed, _ = _parsed(body)
    assert [st.row for st in parsed.statements] == [1, 2, 3]


@pytest.mark.parametrize(("line", "metric"), [
    ("④城镇登记失业率控制在3%以内。", "城镇登记失业率"),
    ("①新增城镇就业1.2万人。", "新增城镇就业"),
])
def test_an_enumerator_is_not_part_of_a_metric_name(line, metric):
    doc = read_bytes(f"某区2024年工作计划\n二、重点工作\n{line}\n".encode(), name="p.txt")
    assert [i.metric for t in extract(doc).targets for i in t.indicators] == [metric]

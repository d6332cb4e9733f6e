"""Tables of indicators (name | unit | target [| achieved]) read as the sentences they stand for
(read/indicator_table.py): a plan's rows as targets with their figures, a year-end table's rows as a
序号 | 目标任务 | 完成情况 table, judged row by row; other tables left as they are."""

from __future__ import annotations

import pytest

from duban.assess import assess
from duban.extract import extract
from duban.read import read_document
from duban.read.indicator_table import rewrite, with_unit

PLAN = ("序号,指标名称,单位,2023年目标,属性\n1,地区生产总值增速,%,6左右,预期性\n2,一般公共预算收入增速,%,5,预期性\n"
        "3,城镇新增就业,万人,6,预期性\n4,居民消费价格涨幅,%,3左右,预期性\n5,单位地区生产总值能耗降低,%,完成省下达任务,约束性\n"
        "6,城镇调查失业率,%,5.5以内,预期性\n")
REVIEW = ("序号,指标名称,单位,2023年目标,2023年完成,完成情况\n1,地区生产总值增速,%,6左右,5.2,未完成\n"
          "2,一般公共预算收入增速,%,5,5.6,完成\n3,城镇新增就业,万人,6,6.3,完成\n4,居民消费价格涨幅,%,3左右,0.4,完成\n"
          "6,城镇调查失业率,%,5.5以内,5.1,完成\n")


@pytest.mark.parametrize(("name", "value", "unit", "said"), [
    ("地区生产总值增速", "6左右", "%", "地区生产总值增速6%左右"),
    ("城镇调查失业率", "5.5以内", "%", "城镇调查失业率5.5%以内"),
    ("城镇新增就业", "6", "万人", "城镇新增就业6万人"),
    ("单位地区生产总值能耗降低", "完成省下达任务", "%", "单位地区生产总值能耗降低完成省下达任务"),
    ("粮食产量", "1100万吨", "万吨", "粮食产量1100万吨"),  # the unit written already
])
def test_a_row_says_its_target(name, value, unit, said):
    assert with_unit(name, value, unit) == said


def test_other_tables_are_left_as_they_are():
    assert rewrite(["序号", "重点任务", "牵头单位", "完成时限"], [["1", "建成县医院", "卫健局", "12月底"]]) is None
    assert rewrite(["编号", "目标任务", "完成情况"], [["1", "新增城镇就业1万人", "新增1.2万人"]]) is None


def test_a_plan_table_gives_its_targets_and_a_year_end_table_answers_them(tmp_path):
    plan, review = tmp_path / "plan_2023.csv", tmp_path / "review_2024.csv"
    plan.write_text(PLAN, encoding="utf-8")
    review.write_text(REVIEW, encoding="utf-8")
    targets = extract(read_document(plan)).targets
    assert [t.text for t in targets][:3] == ["地区生产总值增速6%左右", "一般公共预算收入增速5%", "城镇新增就业6万人"]
    assert [i.metric_id for t in targets for i in t.indicators][:4] == [
        "gdp", "general_budget_revenue", "new_urban_jobs", "cpi"]
    result = assess(read_document(plan), read_document(review))
    by_target = {v.target_id: v.status for v in result.verdicts}
    statuses = {t.text: by_target.get(t.id) for t in result.plan_targets}
    assert statuses["地区生产总值增速6%左右"] == "not_met"
    assert statuses["一般公共预算收入增速5%"] == "exceeded"
    assert statuses["城镇调查失业率5.5%以内"] == "met"
    assert statuses["单位地区生产总值能耗降低完成省下达任务"] == "no_evidence"  # the year-end table leaves it out
    for item in result.items:
        for s, e in item.evidence_spans:
            assert result.completion.text[s:e].strip()

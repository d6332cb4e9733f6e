"""Numbered lines that state targets (1.新增城镇就业1.2万人。) are read as targets, while numbered lines that title
the text under them stay headings (segment/outline.py)."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.read import read_bytes, read_document
from duban.segment import segment
from read_fixtures import FIXTURES

PLAN = """2025年某区政府工作计划
一、主要目标
1.地区生产总值增长6%左右。
2.新增城镇就业1.2万人。
（3）完成固定资产投资450亿元以上，其中工业投资150亿元。
二、重点工作
（一）扩大有效投资
1、实施重点项目100个，完成投资200亿元。
2、加快中石化安工院建设。
3.新建学校5所
"""


def _targets(text: str) -> list[str]:
    return [t.text for t in extract(read_bytes(text.encode(), name="plan.txt")).targets]


def test_a_plan_of_numbered_targets() -> None:
    assert _targets(PLAN) == [
        "地区生产总值增长6%左右", "新增城镇就业1.2万人", "完成固定资产投资450亿元以上，其中工业投资150亿元",
        "实施重点项目100个", "完成投资200亿元", "加快中石化安工院建设", "新建学校5所"]


def test_the_headings_of_that_plan_stay_headings() -> None:
    seg = segment(read_bytes(PLAN.encode(), name="plan.txt"))
    assert [s.title for s in seg.sections] == ["主要目标", "重点工作", "扩大有效投资"]


@pytest.mark.parametrize(("text", "targets"), [
    # a heading with its body on the next lines: a heading, whatever its punctuation
    ("2025年工作安排\n（一）着力扩大有效需求。\n全年实施重点项目100个。\n", ["全年实施重点项目100个"]),
    # a heading without a body at the end of the text (a page cut short) stays a heading
    ("2025年工作安排\n（一）扩大有效投资\n实施重点项目100个。\n（二）聚焦做强实体，进一步完善现代产业体系\n",
     ["实施重点项目100个"]),
    # a sentence with no figure followed by its sibling: a list item
    ("2025年工作安排\n（一）扩大有效投资\n1.加快中石化安工院建设。\n2.推进甬江科创区建设。\n",
     ["加快中石化安工院建设", "推进甬江科创区建设"]),
    # a top-level line with a figure and a body under it: a heading (一、2025年工作安排 holds a year, no figure)
    ("2025年工作安排\n一、2025年主要目标\n地区生产总值增长6%左右。\n", ["地区生产总值增长6%左右"]),
])
def test_numbered_lines(text: str, targets: list[str]) -> None:
    assert _targets(text) == targets


def test_a_numbered_list_in_a_word_document() -> None:
    """The legacy .doc fixture numbers its targets with Word's list style: each is a target."""
    texts = [t.text for t in extract(read_document(FIXTURES / "plan_2024.doc")).targets]
    assert "新建城市公园5个" in texts and "改造老旧小区30个" in texts


LAST_ITEM_PLAN = """2021年某省政府工作报告
二、2021年经济社会发展的主要预期目标
今年全省经济社会发展的主要预期目标是：
（一）地区生产总值增长6%以上；
（二）居民消费价格涨幅3%左右；
（三）单位地区生产总值能耗降低完成国家下达任务。
上述目标充分考虑了经济恢复性增长的因素，兼顾了“十四五”规划目标的衔接，通过努力是可以实现的。
三、2021年重点工作
（一）加快建设现代化产业体系。
新建高标准农田1000万亩。
"""


def test_the_last_item_of_a_numbered_list_is_an_item_not_the_heading_of_what_follows() -> None:
    """（三）…。 after （二）…； ends the list even though text follows it; （一）加快建设….。 after a chapter heading
    is still the heading of its paragraph."""
    assert _targets(LAST_ITEM_PLAN) == [
        "地区生产总值增长6%以上", "居民消费价格涨幅3%左右", "单位地区生产总值能耗降低完成国家下达任务",
        "新建高标准农田1000万亩"]
    seg = segment(read_bytes(LAST_ITEM_PLAN.encode(), name="plan.txt"))
    assert [s.title for s in seg.sections] == [
        "2021年经济社会发展的主要预期目标", "2021年重点工作", "加快建设现代化产业体系"]

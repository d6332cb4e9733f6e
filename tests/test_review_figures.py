"""Figures of a review that are not the year's result: where an indicator came from (由前三年分别上升4.9%…，转为下降
1.2%: only the 1.2% fall is the year's), a target restated beside a verdict (没有实现…减少2%的目标, 超过1100万人的目标),
and the words around a metric that are not part of it (城镇调查失业率全年, 国家外汇储备2000年底); and clauses about how
targets are counted, which are no targets (并留有适当弹性, …不纳入能源消费总量控制)."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.read import read_bytes

REVIEW = "2007年政府工作报告\n一、2006年工作回顾\n过去一年，经济平稳较快发展。\n{said}\n二、2007年工作安排\n"


def _measured(said: str) -> list[tuple[str, float]]:
    doc = read_bytes(REVIEW.format(said=said).encode(), name="2007年政府工作报告.txt")
    return [(m.metric, m.value) for m in extract(doc).measurements]


@pytest.mark.parametrize(("said", "expected"), [
    ("2006年，单位国内生产总值能耗由前三年分别上升4.9％、5.5％、0.2％，转为下降1.2%。",
     [("单位国内生产总值能耗", -1.2)]),
    ("但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标。", []),
    ("城镇新增就业1206万人，超过1100万人的目标。", [("城镇新增就业", 1206.0)]),
    ("年末国家外汇储备10663亿美元。国家外汇储备2006年底达到10663亿美元。",
     [("国家外汇储备", 10663.0), ("国家外汇储备", 10663.0)]),
])
def test_review_figures(said: str, expected: list) -> None:
    assert _measured(said) == expected


def test_a_target_reached_keeps_its_figure_as_the_result() -> None:
    """提前一年实现…500元的目标: reached, the target's figure is the result too."""
    [(metric, value)] = _measured("提前一年实现农村中小学生人均公用经费500元的目标。")
    assert metric.endswith("农村中小学生人均公用经费") and value == 500.0


def test_rules_about_targets_are_no_targets() -> None:
    text = ("2022年政府工作报告\n今年发展主要预期目标是：城镇调查失业率全年控制在5.5%以内；能耗强度目标在“十四五”"
            "规划期内统筹考核，并留有适当弹性，新增可再生能源和原料用能不纳入能源消费总量控制。\n")
    doc = read_bytes(text.encode(), name="2022年政府工作报告.txt")
    targets = extract(doc).targets
    assert [t.text for t in targets] == ["城镇调查失业率全年控制在5.5%以内"]
    assert targets[0].indicators[0].metric == "城镇调查失业率"

"""The assessment scorer and a gold target duban splits in two (evaluate/assessment._verdict_over): the parts with
figures decide, combined as one target's indicators are; open-ended parts count only when no part has a figure."""

from __future__ import annotations

from duban.assess import assess
from duban.evaluate.assessment import _verdict_over
from duban.read import read_bytes

PLAN = ("2023年某市政府工作报告\n三、2023年重点工作\n"
        "（一）扩大有效投资。全年安排市重点建设项目670个，完成投资2000亿元以上。"
        "深入实施“海河英才”行动计划，新引进各类人才10万人。\n")
REVIEW = ("2024年某市政府工作报告\n一、2023年工作回顾\n实施市重点建设项目676个，完成投资1750亿元。"
          "“海河英才”行动计划持续实施，新引进各类人才12.6万人。\n二、2024年工作安排\n")


def _gold(result, text):
    s = result.plan.text.index(text)
    span = (s, s + len(text))
    return [t for t in result.plan_targets if t.span[0] < span[1] and span[0] < t.span[1]]


def test_a_split_target_is_scored_as_one():
    result = assess(read_bytes(PLAN.encode(), name="plan_2023.txt"), read_bytes(REVIEW.encode(), name="r_2024.txt"))
    by_target = {v.target_id: v for v in result.verdicts}
    parts = _gold(result, "全年安排市重点建设项目670个，完成投资2000亿元以上")
    assert len(parts) == 2  # duban's own granularity (docs/annotation.md rule 2)
    status, _flags, item = _verdict_over(parts, by_target, result)
    assert status == "partially_met"  # 676 of 670 met, 1750 of 2000 short
    assert sorted(a.actual.value for a in item.indicators if a.actual) == [676, 1750]
    parts = _gold(result, "深入实施“海河英才”行动计划，新引进各类人才10万人")
    status, _flags, item = _verdict_over(parts, by_target, result)
    assert status == "exceeded"  # the open-ended half says nothing against the figure


def test_qualitative_parts_combine_as_one_target_s_parts():
    """完成区内大运会训练场馆改造提升，高质量做好赛事服务保障: the discrete part done, the open-ended part unreported —
    done, as duban combines the parts of one qualitative target (judge.combine_parts), not partially met."""
    plan = ("2023年某区政府工作报告\n三、2023年重点工作\n（一）办好大运会。完成区内大运会训练场馆改造提升，"
            "高质量做好赛事服务保障。\n")
    review = "2024年某区政府工作报告\n一、2023年工作回顾\n区内3个大运会训练场馆改造提升全部完成。\n二、2024年工作安排\n"
    result = assess(read_bytes(plan.encode(), name="plan_2023.txt"), read_bytes(review.encode(), name="r_2024.txt"))
    by_target = {v.target_id: v for v in result.verdicts}
    parts = _gold(result, "完成区内大运会训练场馆改造提升，高质量做好赛事服务保障")
    assert len(parts) == 2
    assert {by_target[t.id].status for t in parts} == {"done", "no_evidence"}
    assert _verdict_over(parts, by_target, result)[0] == "done"


def test_a_gold_figure_in_the_base_unit_is_matched_and_compared_in_it():
    """A gold file may write 1万个 as 10000 个: the indicator is still found, and the actual read in 个."""
    import pytest

    from duban.evaluate.assessment import _matching_indicator, _value_in_target_scale
    from duban.records import Indicator
    from duban.verdicts import Actual, IndicatorAssessment

    ind = Indicator("市区公共停车泊位", "=", 1.0, "万个", "increment", (0, 3), norm_value=10000.0, base_unit="个")
    a = IndicatorAssessment(ind, Actual(7000.0, "个", "新增市区公共停车泊位7000个", (0, 3), norm_value=7000.0,
                                        base_unit="个"), 0.7, "not_met")
    for gold_value, shown in ((10000, 7000.0), (1, 0.7)):
        found = _matching_indicator({"value": gold_value, "metric": "市区公共停车泊位"}, [a])
        assert found is a
        assert _value_in_target_scale(found, gold_value) == pytest.approx(shown)

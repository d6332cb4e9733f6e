"""A share of the year's target written instead of a figure (完成年度目标的96%, 完成率为85%) is evidence, judged as
the target times the share and flagged ratio_only; it is no claim of completion (duban.assess.ratio)."""

from __future__ import annotations

import pytest

from duban.assess import assess, judge
from duban.assess.ratio import ratio_in
from duban.read import read_bytes

PLAN = "2024年某县政府工作报告\n二、2024年主要工作安排\n{target}\n"
REVIEW = "2025年某县政府工作报告\n一、2024年工作回顾\n过去一年，全县经济平稳。{said}\n二、2025年工作安排\n"
TABLE = "某县2024年政府工作报告完成情况\n编号 | 目标任务 | 完成情况 |\n1 | {target} | {said} |\n"


def _narrative(target: str, said: str):
    plan = read_bytes(PLAN.format(target=target).encode(), name="2024年某县政府工作报告.txt")
    review = read_bytes(REVIEW.format(said=said).encode(), name="2025年某县政府工作报告.txt")
    return assess(plan, review)


@pytest.mark.parametrize(("target", "said", "status", "value"), [
    ("全年完成固定资产投资200亿元。", "全县固定资产投资完成年度目标的96%。", "basically_met", 192.0),
    ("新增规上工业企业30家。", "新增规上工业企业完成年度任务的120%。", "exceeded", 36.0),
    ("实际利用外资1亿美元。", "实际利用外资完成率为85%。", "not_met", 0.85),
    # the share of another indicator does not answer this one
    ("全年完成固定资产投资200亿元。", "一般公共预算收入完成年度目标的96%。", None, None),
    # a growth target is not answered by a share of it
    ("一般公共预算收入增长5%。", "一般公共预算收入完成年度目标的96%。", None, None),
])
def test_a_share_in_a_narrative_review(target: str, said: str, status: str | None, value: float | None) -> None:
    result = _narrative(target, said)
    answered = [a for item in result.items for a in item.indicators if a.actual is not None]
    if status is None:
        assert answered == []
        return
    [a] = answered
    assert (a.status, round(a.actual.value, 4)) == (status, value)
    assert a.actual.flags == ["ratio_only"]
    assert result.completion.text[slice(*a.actual.span)] == a.actual.text  # the share's own words
    assert a.actual.text.endswith("%")
    [item] = result.items
    assert item.claimed is None and "claim_without_figure" not in item.flags  # a share is no claim


def test_a_share_in_a_table_row() -> None:
    doc = read_bytes(TABLE.format(target="完成交通投资300亿元。", said="全年完成年度计划的102%").encode(),
                     name="某县2024年政府工作报告完成情况.txt")
    [item] = assess(None, doc).items
    [a] = item.indicators
    assert a.status == "met" and a.actual.value == pytest.approx(306.0) and "ratio_only" in a.actual.flags


@pytest.mark.parametrize(("clause", "share"), [
    ("完成年度目标的96%", 0.96), ("完成年度计划102%", 1.02), ("完成率为85.5%", 0.855), ("占年度目标的110%", 1.1),
    ("完成年度目标", None), ("增长96%", None),
])
def test_shares_said(clause: str, share: float | None) -> None:
    said = ratio_in(clause)
    assert (said[0] if said else None) == share


@pytest.mark.parametrize(("evidence", "claimed"), [
    ("完成年度目标的96%", None),  # a share, not a claim
    ("全面完成年度目标任务", "全面完成年度目标任务"),
])
def test_a_share_is_no_claim(evidence: str, claimed: str | None) -> None:
    said = judge.claim(evidence)
    assert (said[0] if said else None) == claimed


def test_done_said_of_the_indicator_is_kept_as_a_claim() -> None:
    """老旧小区改造全面完成 for 改造老旧小区20个: the report's word, kept as its claim, no verdict without a figure."""
    result = _narrative("改造老旧小区20个。", "\n城乡建设扎实推进，老旧小区改造全面完成。")
    [item] = result.items
    assert item.status == "no_evidence" and item.claimed == "全面完成"
    assert "claim_without_figure" in item.flags


def test_done_said_of_another_thing_is_no_claim_on_this_target() -> None:
    result = _narrative("改造老旧小区20个。", "\n城乡建设扎实推进，全县道路改造全面完成。")
    assert result.items == [] or all(item.claimed is None for item in result.items)


def test_a_target_to_reach_what_was_assigned_is_done_on_the_reports_word() -> None:
    """单位地区生产总值能耗…完成国家下达目标 ← …降低完成国家下达任务: done, flagged claim_without_figure (no number)."""
    result = _narrative("主要预期目标是：地区生产总值增长5%左右；"
                        "单位地区生产总值能耗和二氧化碳排放量完成国家下达目标。",
                        "\n生态环境持续改善，单位地区生产总值能耗和二氧化碳排放量降低完成国家下达任务。")
    [item] = [it for it in result.items if "能耗" in it.target]
    assert item.status == "done" and "claim_without_figure" in item.flags and item.claimed == "完成国家下达任务"

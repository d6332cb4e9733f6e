"""Checks on the figure that answers an indicator (duban.assess.item): a shortfall is 'under way' (in_progress)
only when the figure's own clause, or what follows it in the sentence, says the work goes on — a progress word in
an earlier clause belongs to another figure (from_clause); an amount many times its target is not judged."""

from __future__ import annotations

import pytest

from duban.assess import assess
from duban.assess.item import from_clause
from duban.read import read_bytes

PLAN = "2024年某市政府工作报告\n三、2024年重点工作\n{target}\n"
REVIEW = "2025年某市政府工作报告\n一、2024年工作回顾\n过去一年，全市经济运行总体平稳。{said}\n二、2025年主要目标\n"


def _assessed(target: str, said: str):
    plan = read_bytes(PLAN.format(target=target).encode(), name="2024年某市政府工作报告.txt")
    review = read_bytes(REVIEW.format(said=said).encode(), name="2025年某市政府工作报告.txt")
    return [a for item in assess(plan, review).items for a in item.indicators]


def _status(target: str, said: str) -> list[str]:
    return [a.status for a in _assessed(target, said)]


@pytest.mark.parametrize(("target", "said", "expected"), [
    # the 开工 of the clause before is the other stage's: 1.2 of 1.5 finished is a miss
    ("新开工保障性住房2万套，基本建成1.5万套。", "保障性住房新开工2.3万套，基本建成1.2万套。",
     ["exceeded", "not_met"]),
    # the figure's own clause goes on to say the rest is being built: under way
    ("新建学校10所。", "新建学校8所，其余2所正在施工。", ["in_progress"]),
    # nothing says the work goes on: a miss
    ("新建学校10所。", "新建学校8所。", ["not_met"]),
])
def test_progress_words_are_read_from_the_figures_clause(target: str, said: str, expected: list[str]) -> None:
    assert _status(target, said) == expected


@pytest.mark.parametrize(("text", "figure", "expected"), [
    ("新开工2.3万套，基本建成1.2万套。下一句", "1.2", "基本建成1.2万套"),
    ("建成8所，其余正在施工。下一句", "8", "建成8所，其余正在施工"),
    ("第一行\n完成投资120亿元", "120", "完成投资120亿元"),
])
def test_from_clause(text: str, figure: str, expected: str) -> None:
    s = text.index(figure)
    assert from_clause(text, (s, s + len(figure))) == expected


def test_within_a_result_cell_the_clause_runs_over_line_breaks() -> None:
    text = "建成高标准农田6343亩；\n（2）其余1967亩正在施工。\n下一项"
    s = text.index("6343")
    cell = (0, text.index("下一项"))
    assert "正在施工" in from_clause(text, (s, s + 4), cell)
    assert "正在施工" not in from_clause(text, (s, s + 4))  # a sentence ends at its line


@pytest.mark.parametrize(("target", "said", "expected", "flagged"), [
    # a slip of the unit (万亿亩 for 万亩): a hundred million times the target is not 超额完成
    ("新建高标准农田100万亩。", "建成高标准农田102万亿亩。", "no_evidence", True),
    # twice the target is a real excess
    ("新建高标准农田100万亩。", "建成高标准农田210万亩。", "exceeded", False),
    # an open floor may be far exceeded: 1家以上 ← 30家
    ("培育省级专精特新企业1家以上。", "培育省级专精特新企业30家。", "exceeded", False),
    # growth rates may be many times a small target: 0.5% → 12% is judged (grain output is a floor: met)
    ("粮食产量增长0.5%。", "粮食产量增长12%。", "met", False),
])
def test_an_amount_many_times_its_target_is_not_judged(target: str, said: str, expected: str, flagged: bool) -> None:
    [a] = _assessed(target, said)
    assert a.status == expected
    assert ("implausible_figure" in a.flags) is flagged


TABLE = "某区2024年政府工作报告完成情况\n编号 | 目标任务 | 完成情况 |\n1 | {target} | {said} |\n"


@pytest.mark.parametrize(("target", "said", "expected"), [
    # three items of a list answer three indicators: never added into the first one's total
    ("创建省级城乡风貌样板区1个、现代化美丽城镇1个、未来社区5个以上。",
     "全年创建省级城乡风貌样板区1个、现代化美丽城镇1个、未来社区6个。", [1.0, 1.0, 6.0]),
    # the rest that was not done is not added to what was done
    ("修缮文保单位6处。", "完成修缮文保单位4处，其余2处因产权问题暂缓实施。", [4.0]),
    # a result spread over clauses of one sentence is still added up
    ("新增认知障碍照护床位60张以上。",
     "新增甲中心认知障碍照护床位35张，乙中心认知障碍照护床位13张，丙中心20张。", [68.0]),
])
def test_figures_added_only_when_they_are_parts_of_one_result(target: str, said: str, expected: list) -> None:
    """In a completion table's row (duban.assess.evidence.assign)."""
    doc = read_bytes(TABLE.format(target=target, said=said).encode(), name="某区2024年政府工作报告完成情况.txt")
    [item] = assess(None, doc).items
    assert [a.actual.value if a.actual else None for a in item.indicators] == expected


@pytest.mark.parametrize(("target", "said", "expected", "estimate"), [
    # all residents' income: the all-residents figure, not the slower urban part
    ("居民收入增长和经济增长同步。",
     "全年地区生产总值增长4.9%。全体居民人均可支配收入增长5.3%，其中城镇、农村居民人均可支配收入分别增长4.5%和6.5%。",
     [(5.3, "met")], False),
    # 城乡: each group must keep pace, each judged (urban 4.5 of 4.9 basically, rural met)
    ("城乡居民收入增长与经济增长同步。",
     "全年地区生产总值增长4.9%。城乡居民人均可支配收入分别增长4.5%和6.5%。",
     [(4.5, "basically_met"), (6.5, "met")], False),
    # an economy that shrank: incomes that grew kept pace with it
    ("城乡居民收入增长与经济增长同步。",
     "全年地区生产总值下降1.9%。城镇、农村居民人均可支配收入分别增长2.6%和4.4%。", [(2.6, "met"), (4.4, "met")], False),
    # the review only estimates the year's growth (a January report): compared, and said to be an estimate
    ("居民收入增长和经济增长同步。",
     "预计全年地区生产总值增长4.9%左右。全体居民人均可支配收入增长5.3%。", [(5.3, "met")], True),
])
def test_income_in_step_with_the_economy(target: str, said: str, expected: list, estimate: bool) -> None:
    found = _assessed(target, said)
    assert [(a.actual.value, a.status) for a in found] == expected
    assert all(("estimate" in a.actual.flags) is estimate for a in found)


def test_another_indicator_never_answers_an_income_in_step() -> None:
    """居民消费价格上涨2% is not 居民收入 growth, however alike the names: without an income figure, no verdict."""
    assert _assessed("居民收入增长与经济增长基本同步。", "国内生产总值增长3%，居民消费价格上涨2%。") == []


def test_a_fall_against_a_growth_target_is_said_plainly() -> None:
    """目标增长6%，报告下降2.1%: 不增反降, not “为目标的-35%”."""
    plan = read_bytes(PLAN.format(target="固定资产投资增长6%。").encode(), name="2024年某市政府工作报告.txt")
    review = read_bytes(REVIEW.format(said="固定资产投资下降2.1%。").encode(), name="2025年某市政府工作报告.txt")
    [item] = assess(plan, review).items
    assert item.status == "not_met" and "不增反降" in item.explanation and "-35%" not in item.explanation


def _row_answer(target: str, said: str, alone: bool) -> float | None:
    from duban.assess.evidence import assign
    from duban.extract import extract
    from duban.records import Document
    ind = extract(Document(text=target, kind="work_plan", year=2024)).targets[0].indicators[0]
    text = "一、2024年工作回顾\n" + said
    found = extract(Document(text=text, kind="work_report", year=2025)).measurements
    actual = assign([ind], found, alone, text)[id(ind)][0]
    return actual.value if actual is not None else None


@pytest.mark.parametrize(("target", "said", "alone", "expected"), [
    # a table row's one figure of the same unit, its thing with the same head noun, answers a thing the
    # vocabulary does not name
    ("安排各类商贸节庆活动100场以上。", "举办年货展销会等促消费活动110场，顺利完成全年工作目标。", True, 110),
    ("安排各类商贸节庆活动100场以上。", "举办年货展销会等促消费活动110场。", False, None),  # a review passage: no
    ("安排各类商贸节庆活动100场以上。", "举办各类讲座110场。", True, None),  # another head
    # money and named indicators keep their stricter match
    ("完成固定资产投资450亿元以上。", "全区16个项目完成投资240.3亿元。", True, None),
])
def test_a_row_s_one_figure_with_the_same_head_noun_answers(target, said, alone, expected):
    assert _row_answer(target, said, alone) == expected


def test_the_vocabulary_s_own_indicator_before_a_figure_named_only_alike() -> None:
    """研发投入占地区生产总值比重预计达2.82% answers the R&D intensity, not 数字经济…占地区生产总值比重超过40% (a share
    of something else, named only by its denominator), though the first is an estimate."""
    said = ("全社会研发投入占地区生产总值比重预计达2.82%，高新技术企业总数突破3.2万家。"
            "数字经济规模超过4.4万亿元，占地区生产总值比重超过40%。")
    [a] = _assessed("全社会研发投入占地区生产总值比重达2.8%。", said)
    assert a.actual.value == 2.82 and a.status == "met"


@pytest.mark.parametrize(("said", "value", "other"), [
    ("一般公共预算收入3260亿元，自然口径增长3.1%，同口径增长5.6%。", 3.1, "同口径增长5.6%"),
    ("一般公共预算收入下降2%，扣除留抵退税因素后增长6.6%。", -2.0, "扣除留抵退税因素后增长6.6%"),
    ("一般公共预算收入增长6.2%。", 6.2, None),
])
def test_the_figure_on_another_basis_is_named_beside_the_verdict(said, value, other) -> None:
    """自然口径 is a measure qualifier (the figure keeps its indicator); the verdict stays on the figure as first
    reported, and the explanation names the other basis, so that a reader sees both."""
    plan = read_bytes(PLAN.format(target="一般公共预算收入增长5%。").encode(), name="2024年某市政府工作报告.txt")
    review = read_bytes(REVIEW.format(said=said).encode(), name="2025年某市政府工作报告.txt")
    [item] = assess(plan, review).items
    assert item.indicators[0].actual.value == value
    assert ("报告另有" in item.explanation) is (other is not None)
    if other:
        assert f"“{other}”" in item.explanation


@pytest.mark.parametrize(("target", "said", "expected"), [
    # a cut of an indicator held to a ceiling: reaching it is met, never exceeded
    ("PM2.5平均浓度下降4%。", "PM2.5平均浓度35微克/立方米，同比下降15.4%。", "met"),
    # a cut of an indicator where less is better by itself (能耗): a bigger cut exceeds it
    ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗下降4.5%。", "exceeded"),
    # 接待国内外游客 (接待 read as a verb) is the tourists indicator too
    ("接待游客总人数增长10%。", "全年接待国内外游客8311.2万人次，增长9.0%。", "not_met"),
])
def test_cuts_of_ceilings_and_tourists(target: str, said: str, expected: str) -> None:
    assert _status(target, said)[-1] == expected


def test_keeping_pace_with_a_shrinking_economy_is_explained_plainly() -> None:
    """不低于-1.9%, not 下降不低于1.9% (which would read as a cut of at least 1.9 %)."""
    target = "城乡居民收入增长与经济增长同步。"
    plan = read_bytes(PLAN.format(target=target).encode(), name="2024年某市政府工作报告.txt")
    said = "全年地区生产总值下降1.9%。城镇、农村居民人均可支配收入分别增长2.6%和4.4%。"
    review = read_bytes(REVIEW.format(said=said).encode(), name="2025年某市政府工作报告.txt")
    [item] = assess(plan, review).items
    assert "不低于-1.9%" in item.explanation and "下降不低于" not in item.explanation

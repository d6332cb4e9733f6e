"""Figures of another basis give no verdict (duban.assess.basis): a total or an average over several years
(五年累计, 年均, 三年来, “十一五”期间, a bare 累计) does not answer one year's level or amount; a 同步 target is
judged on the plan year's growths only; a part-year figure short of the year's amount is under way. Checked on
small plan/review pairs through the whole pipeline, on the national reports where it happened, and clause by
clause."""

from __future__ import annotations

import pytest

from corpus import NATIONAL
from duban.assess import assess
from duban.assess.basis import multi_year_cue, own_clause
from duban.read import read_bytes, read_document

PLAN_HEAD = "2024年某省政府工作报告\n\n今年主要工作安排如下：\n"
REVIEW_HEAD = "2025年某省政府工作报告\n\n一、2024年工作回顾\n\n"


def _pair(plan: str, review: str):
    return assess(read_bytes((PLAN_HEAD + plan + "\n").encode(), name="plan-2024.txt"),
                  read_bytes((REVIEW_HEAD + review + "\n").encode(), name="review-2025.txt"))


def _verdict(result, needle: str):
    target = next(t for t in result.plan_targets if needle in t.text)
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    item = result.items[verdict.item] if verdict.item is not None else None
    return verdict, item


# (plan sentence, review sentence, target needle, status, a flag the item must carry, text the explanation holds)
FIGURE_BASIS = [
    # a total over five years is not the year's spending: was 400 % "exceeded"
    ("中央财政安排“三农”支出3000亿元，比上年增加300亿元。", "中央财政用于“三农”的支出五年累计1.2万亿元。",
     "3000亿元", "no_evidence", "basis_mismatch", "五年累计"),
    ("今年全省固定资产投资总规模为5700亿元。", "五年全省固定资产投资完成26000亿元，一批重大项目建成投产。",
     "5700亿元", "no_evidence", "basis_mismatch", "五年"),
    ("今年财政安排教育支出2000亿元。", "三年来财政教育支出6500亿元，办学条件显著改善。",
     "2000亿元", "no_evidence", "basis_mismatch", "三年来"),
    ("今年财政安排社会保障支出1500亿元。", "“十四五”期间财政社会保障支出6800亿元，保障水平稳步提高。",
     "1500亿元", "no_evidence", "basis_mismatch", "“十四五”期间"),
    ("今年安排“三农”投入8000亿元。", "“三农”投入累计近3万亿元，年均增幅超过20%。",
     "8000亿元", "no_evidence", "basis_mismatch", "累计"),
    # the year's own figures are judged as before
    ("中央财政安排“三农”支出3000亿元，比上年增加300亿元。", "中央财政用于“三农”的支出3100亿元，比上年增加400亿元。",
     "3000亿元", "met", None, "为目标的103%"),
    ("今年全省固定资产投资总规模为5700亿元。", "全年累计完成全省固定资产投资6000亿元，一批重大项目建成投产。",
     "5700亿元", "met", None, "为目标的105%"),
    # part of the year: an amount short of the target is under way; one that reached it is met
    ("全年完成固定资产投资500亿元。", "1-9月完成固定资产投资380亿元，全年目标有望实现。",
     "500亿元", "in_progress", "partial_period", "非全年"),
    ("全年完成固定资产投资500亿元。", "1-9月完成固定资产投资520亿元。",
     "500亿元", "met", "partial_period", "为目标的104%"),
    ("全年完成固定资产投资500亿元。", "全年完成固定资产投资380亿元。",
     "500亿元", "not_met", None, "为目标的76%"),
]


@pytest.mark.parametrize(("plan", "review", "needle", "status", "flag", "said"), FIGURE_BASIS)
def test_a_figure_of_another_basis_gives_no_verdict(plan, review, needle, status, flag, said):
    result = _pair(plan, review)
    verdict, item = _verdict(result, needle)
    assert verdict.status == status, item.explanation if item else None
    assert item is not None
    if flag is not None:
        assert flag in item.flags
    elif status != "no_evidence":
        assert "basis_mismatch" not in item.flags
    assert said in item.explanation
    assert item.evidence_spans or status == "no_evidence"
    if status == "no_evidence":  # why the figure was not used, and no verdict on the work described
        assert "未据此判断" in item.explanation and "按所述工作判为" not in item.explanation
        assert item.indicators[0].actual is not None  # the figure is kept to show the mismatch
        assert item.indicators[0].ratio is None


SYNC_PLAN = "城乡居民收入增长与经济增长同步。"
SYNC = [
    # the five-year average (9%) is no answer; the year's urban income growth (7% against 7.7%) is
    ("国内生产总值增长7.7%。过去五年城乡居民收入年均增长9%。城镇居民人均可支配收入增长7%。", "basically_met", "7%"),
    # only the 年均 figure: nothing for the year
    ("国内生产总值增长7.7%。五年来城乡居民收入年均增长9%。", None, None),
    # another year's figure is not the plan year's
    ("2023年城乡居民人均可支配收入增长4%。2024年国内生产总值增长5%，城乡居民人均可支配收入增长5.3%。", "met", "5.3%"),
]


@pytest.mark.parametrize(("review", "status", "figure"), SYNC)
def test_a_sync_target_is_judged_on_the_plan_years_growths(review, status, figure):
    result = _pair(SYNC_PLAN, review)
    verdict, item = _verdict(result, "同步")
    if status is None:
        assert verdict.status not in ("met", "basically_met", "exceeded", "not_met")
        assert item is None or all(a.actual is None for a in item.indicators)
        return
    assert verdict.status == status
    actual = item.indicators[0].actual
    assert actual is not None and result.completion.text[slice(*actual.span)].startswith(figure[:-1])


def _national(year: int):
    return assess(read_document(NATIONAL / f"gwr-national-{year}.txt"),
                  read_document(NATIONAL / f"gwr-national-{year + 1}.txt"))


@pytest.mark.parametrize(("year", "needle", "cue"), [
    (2007, "用于“三农”的资金3917亿元", "五年累计"),  # 中央财政用于“三农”的支出五年累计1.6万亿元: was 408 % exceeded
    (2007, "农村义务教育经费2235亿元", "五年累计"),  # 教育支出五年累计2.43万亿元: was 1087 %
    (2007, "社会保障支出2019亿元", "五年累计"),  # 社会保障支出五年累计1.95万亿元: was 966 %
    (2010, "“三农”投入8183亿元", "累计"),  # 中央财政“三农”投入累计近3万亿元: was 330 %
    (1992, "固定资产投资总规模为", "五年"),  # 五年全社会固定资产投资完成26000亿元: was 456 %
])
def test_national_multi_year_totals_are_not_the_years_spending(year, needle, cue):
    result = _national(year)
    verdict, item = _verdict(result, needle)
    assert verdict.status == "no_evidence"
    assert "basis_mismatch" in item.flags
    first = item.indicators[0]
    assert first.status == "no_evidence" and first.ratio is None and "basis_mismatch" in first.flags
    assert cue in result.completion.text[first.actual.span[0] - 40:first.actual.span[0]]
    assert f"“{cue}”" in item.explanation and "按所述工作判为" not in item.explanation
    assert item.explanation.startswith("未见完成情况")


def test_the_years_own_three_nong_spending_is_still_judged():
    _, item = _verdict(_national(2009), "“三农”投入7161亿元")  # 用于“三农”的支出7253亿元
    assert item.indicators[0].status == "met"
    assert "basis_mismatch" not in item.flags


@pytest.mark.parametrize(("clause", "cue"), [
    ("中央财政用于“三农”的支出五年累计", "五年累计"),
    ("五年共利用外资", "五年共"),
    ("城镇居民人均可支配收入和农村居民人均纯收入年均分别增长", "年均"),
    ("过去五年财政教育支出", "过去五年"),
    ("“十一五”期间累计解决", "“十一五”期间"),
    ("三年来新增", "三年来"),
    ("2006年以来累计投入", "以来累计"),
    ("中央财政“三农”投入累计近", "累计"),
    ("全年累计新增城镇就业", None),  # the year's own running total
    ("１－９月累计完成投资", None),  # part of the year (full-width digits)
    ("2024年累计完成投资", None),
    ("PM2.5年均浓度", None),  # one year's mean
    ("国内生产总值达到", None),
])
def test_multi_year_cue(clause, cue):
    assert multi_year_cue(clause) == cue


def test_own_clause_stops_at_the_clause_mark():
    text = "过去五年成绩显著，中央财政“三农”支出3100亿元"
    assert own_clause(text, text.index("3100")) == "中央财政“三农”支出"

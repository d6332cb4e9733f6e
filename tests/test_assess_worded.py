"""Results a review gives in words (a fall without a figure) and states the plan measures by a sibling figure
(duban.assess.worded): on the national reports where they occur, on a provincial-style pair written here,
and clause by clause."""

from __future__ import annotations

import pytest

from corpus import NATIONAL
from duban.assess import assess
from duban.assess.worded import _falls, fall_said
from duban.lang.metrics import vocabulary
from duban.read import read_bytes, read_document
from duban.records import Indicator, Target


def _verdict(result, needle: str):
    target = next(t for t in result.plan_targets if needle in t.text)
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    item = result.items[verdict.item] if verdict.item is not None else None
    return verdict, item


def _national(year: int):
    return assess(read_document(NATIONAL / f"gwr-national-{year}.txt"),
                  read_document(NATIONAL / f"gwr-national-{year + 1}.txt"))


def test_a_price_fall_without_a_figure_meets_the_price_ceiling():
    result = _national(1998)
    verdict, item = _verdict(result, "商品零售价格涨幅控制在3")
    assert verdict.status == "met"  # prices fell: below the 3% ceiling, never "exceeded"
    said = [result.completion.text[s:e] for s, e in item.evidence_spans]
    assert any("零售价格" in s and "下降" in s for s in said)
    assert item.indicators[0].actual is None  # no figure was invented


def test_a_measured_state_is_judged_by_the_figure_the_same_sentence_sets():
    result = _national(2007)
    verdict, item = _verdict(result, "物价总水平基本稳定")
    assert verdict.status == "not_met"  # 基本稳定 was written as CPI at most 3%; it rose 4.8%
    assert any("4.8%" in result.completion.text[s:e] for s, e in item.evidence_spans)
    cpi, _ = _verdict(result, "居民消费价格总水平涨幅")
    assert cpi.status == "not_met"


PLAN = """2024年某省政府工作报告

今年全省经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；外贸进出口增长5%；社会消费品零售总额增长6%；
物价总水平基本稳定，居民消费价格涨幅3%左右；城镇调查失业率5.5%以内。
"""
REVIEW = """2025年某省政府工作报告

2024年，全省地区生产总值增长5.2%，城镇调查失业率5.1%。外贸进出口比上年下降，对美出口下降较多。社会消费品零售总额增速有所下降。居民消费价格上涨0.4%。
"""


@pytest.fixture(scope="module")
def province():
    return assess(read_bytes(PLAN.encode(), name="plan-2024.txt"), read_bytes(REVIEW.encode(), name="review-2025.txt"))


def test_an_output_growth_said_to_fall_is_missed(province):
    verdict, item = _verdict(province, "外贸进出口增长5%")
    assert verdict.status == "not_met"
    assert any("外贸进出口比上年下降" in province.completion.text[s:e] for s, e in item.evidence_spans)


def test_a_growth_that_only_slowed_says_nothing_of_its_sign(province):
    verdict, _item = _verdict(province, "社会消费品零售总额增长6%")
    assert verdict.status == "no_evidence"  # 增速有所下降: still growing, by an unknown amount


def test_the_sibling_figure_decides_a_measured_state(province):
    verdict, _item = _verdict(province, "物价总水平基本稳定")
    assert verdict.status == "done"  # CPI 0.4% under a 3% ceiling


@pytest.mark.parametrize(("clause", "metric", "falls"), [
    ("社会商品零售价格和消费价格的总水平都比上年下降", "retail_price_index", True),
    ("全省进出口总额比上年下降", "trade_total", True),
    ("外贸进出口下跌", "trade_total", True),
    ("规模以上工业增加值负增长", "industrial_va_above", True),
    ("对美进出口下降", "trade_total", False),  # a part of the whole
    ("居民消费价格涨幅下降", "cpi", False),  # the rate fell: prices still rose
    ("社会消费品零售总额增速下降", "retail_sales", False),
    ("进出口总额下降3.2%", "trade_total", False),  # a figure is read as a figure
    ("出口下降趋势得到扭转", "exports", False),
    ("全省进出口总额比上年增长", "trade_total", False),
    ("社会消费品零售总额比上年下降", "trade_total", False),  # another indicator
])
def test_which_clauses_say_a_fall(clause, metric, falls):
    assert _falls(clause, metric, vocabulary()) is falls


def _growth(metric_id: str, value: float, direction: str) -> Target:
    ind = Indicator(metric="外贸进出口", op="=", value=value, unit="%", basis="growth_rate", span=(0, 1),
                    metric_id=metric_id, direction=direction)
    return Target("t1", "外贸进出口增长5%", (0, 9), [], None, [ind])


@pytest.mark.parametrize(("sentence", "year", "said"), [
    ("全省外贸进出口比上年下降", 2024, True),
    ("预计今年外贸进出口下降", 2024, False),  # the outlook, not the plan year
    ("2023年外贸进出口下降", 2024, False),  # another year
    ("近年来外贸进出口下降", 2024, False),
])
def test_only_the_plan_year_answers(sentence, year, said):
    found = fall_said([((0, len(sentence)), sentence)], _growth("trade_total", 5, "output"), year)
    assert (found is not None) is said
    if said:
        assert list(found[0].values()) == ["not_met"]


def test_a_cut_or_a_negative_target_is_not_answered_by_a_fall():
    sentence = "全省外贸进出口比上年下降"
    assert fall_said([((0, 12), sentence)], _growth("trade_total", -2, "reduction"), 2024) is None


def test_a_claim_that_names_the_indicator_is_kept_as_a_claim_not_as_evidence():
    result = _national(2014)
    verdict, item = _verdict(result, "淘汰黄标车和老旧车600万辆")
    assert verdict.status == "no_evidence"  # a claim without a figure is no evidence (DESIGN.md)
    assert "claim_without_figure" in verdict.flags and item.claimed == "超额完成"
    assert any("黄标车" in result.completion.text[s:e] for s, e in item.evidence_spans)


def test_a_claim_about_another_indicator_is_not_this_targets_claim():
    plan = ("2025年某市政府工作报告\n\n"
            "今年主要预期目标是：单位地区生产总值能耗降低2.5%左右；研发经费投入强度达到2.6%。\n")
    review = ("2026年某市政府工作报告\n\n一、2025年工作回顾\n2025年，全市经济运行总体平稳。"
              "单位地区生产总值能耗降低完成国家下达的目标任务。\n二、2026年工作安排\n")
    result = assess(read_bytes(plan.encode(), name="plan-2025.txt"),
                    read_bytes(review.encode(), name="review-2026.txt"))
    energy, item = _verdict(result, "能耗降低")
    assert energy.status == "no_evidence" and "claim_without_figure" in energy.flags
    assert item.claimed == "完成国家下达的目标任务"
    rd, _ = _verdict(result, "研发经费投入强度")
    assert "claim_without_figure" not in rd.flags

"""Figures of a review that are not the year's result: where an indicator came from (由前三年分别上升4.9%…，转为下降
1.2%: only the 1.2% fall is the year's), a target restated beside a verdict (没有实现…减少2%的目标, 超过1100万人的目标),
and the words around a metric that are not part of it (城镇调查失业率全年, 国家外汇储备2000年底); and clauses about how
targets are counted, which are no targets (并留有适当弹性, …不纳入能源消费总量控制)."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.read import read_bytes, read_document

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


@pytest.mark.parametrize(("said", "expected"), [
    ("全省居民消费价格指数为100.3。", ("cpi", 0.3, "%", "growth_rate", False)),
    ("全年居民消费价格总指数98.6。", ("cpi", -1.4, "%", "growth_rate", True)),
    ("商品零售价格总指数为106.1。", ("retail_price_index", 6.1, "%", "growth_rate", False)),
    ("居民消费价格上涨0.3%。", ("cpi", 0.3, "%", "growth_rate", False)),  # a change already: unchanged
    ("居民消费价格指数上涨2.1%。", ("cpi", 2.1, "%", "growth_rate", False)),
])
def test_a_price_index_read_as_the_change_it_means(said: str, expected: tuple) -> None:
    """A price index with the year before at 100 (指数为100.3) is a rise of 0.3 %; it answers 涨幅3%左右."""
    doc = read_bytes(REVIEW.format(said=said).encode(), name="2007年政府工作报告.txt")
    [m] = [m for m in extract(doc).measurements if m.metric_id in ("cpi", "retail_price_index")]
    assert (m.metric_id, round(m.value, 6), m.unit, m.basis, m.negative) == expected


def test_an_index_that_is_no_price_stays_a_level() -> None:
    doc = read_bytes(REVIEW.format(said="全省营商环境指数为100.3。").encode(), name="2007年政府工作报告.txt")
    assert all(m.basis != "growth_rate" for m in extract(doc).measurements)


@pytest.mark.parametrize(("said", "year"), [
    # the period of a plan named in brackets or a book title is not the year of the figures after it
    ("出台加快建设区域中心城市三年行动计划（2006—2008年），新增高新技术企业312家。", 2006),
    ("印发《2006—2010年科技发展规划》，新增高新技术企业312家。", 2006),
    ("2006年，新增高新技术企业312家。", 2006),
])
def test_a_named_period_is_not_the_year_of_a_figure(said: str, year: int) -> None:
    doc = read_bytes(REVIEW.format(said=said).encode(), name="2007年政府工作报告.txt")
    [m] = [m for m in extract(doc).measurements if m.metric_id == "high_tech_enterprises"]
    assert m.year == year


def test_a_span_of_years_makes_a_total_of_them() -> None:
    """The national 2008 report's five-year review: …是1950年到2002年53年的总和；新增公路19.2万公里: neither end of
    the span is the year of the figures after it (they had been read as 2002's); they stay the term's totals."""
    from pathlib import Path
    doc = read_document(Path(__file__).resolve().parents[1] / "src/duban/samples/national/gwr-national-2008.txt")
    roads = [m for m in extract(doc).measurements if m.text.startswith("新增公路19.2万公里")]
    assert roads and all(m.year is None and "cumulative" in m.flags for m in roads)


@pytest.mark.parametrize(("said", "metric_id", "value", "cumulative"), [
    # a note in brackets between the change and its figure, or after it, is no metric
    ("一般公共预算收入完成880亿元，同比增长（下同）9.6%。", "general_budget_revenue", 9.6, False),
    ("实际使用外资12亿美元，增长4.1%（按人民币计增长-2.5%）。", "fdi_utilized", 4.1, False),
    # a change averaged over two years is no one year's change
    ("社会消费品零售总额4500亿元，增长12.3%，两年平均增长5.1%。", "retail_sales", 12.3, False),
])
def test_notes_and_averages_beside_a_change(said, metric_id, value, cumulative):
    doc = read_bytes(REVIEW.format(said=said).encode(), name="2007年政府工作报告.txt")
    rates = [m for m in extract(doc).measurements if m.unit == "%"]
    first = rates[0]
    assert (first.metric_id, first.value, "cumulative" in first.flags) == (metric_id, value, cumulative)
    if "两年平均" in said:
        assert "cumulative" in rates[-1].flags and rates[-1].year is None

"""Extraction on the real sample reports: what a reader of each document would check."""

from __future__ import annotations

import pytest

from corpus import CIXI_2021, COMPLETION_2024, FIVE_YEAR, NATIONAL, PLAN_2022, PLAN_2024
from duban.pipeline import extract_path
from duban.records import DOC_KINDS

ALL = [PLAN_2022, COMPLETION_2024, CIXI_2021, FIVE_YEAR, PLAN_2024, *sorted(NATIONAL.glob("*.txt"))]


@pytest.fixture(scope="module")
def extractions():
    return {p.name: extract_path(p) for p in ALL}


def _indicators(ex, metric_part):
    return [(t, i) for t in ex.targets for i in t.indicators if metric_part in i.metric]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_span_reproduces_its_text(extractions, path):
    ex = extractions[path.name]
    text = ex.document.text
    assert ex.document.kind in DOC_KINDS
    for t in ex.targets:
        assert text[t.span[0]:t.span[1]] == t.text
        for i in t.indicators:
            assert t.span[0] <= i.span[0] < i.span[1] <= t.span[1]
            if i.metric_span:
                assert text[slice(*i.metric_span)].strip() or i.metric
    for m in ex.measurements:
        assert text[m.span[0]:m.span[1]] == m.text
        assert m.span[0] <= m.value_span[0] < m.value_span[1] <= len(text)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_nothing_comes_from_page_chrome(extractions, path):
    ex = extractions[path.name]
    for s, e in ex.document.chrome:
        assert not any(s < t.span[1] and t.span[0] < e for t in ex.targets)
        assert not any(s < m.span[1] and m.span[0] < e for m in ex.measurements)
    for t in ex.targets:
        assert not any(junk in t.text for junk in ("浏览量", "索引号", "试读结束", "加微信", "客服"))


def test_plan_2022_headline_targets(extractions):
    ex = extractions[PLAN_2022.name]
    gdp = _indicators(ex, "地区生产总值")
    assert next((i.op, i.value, i.unit, i.basis) for _, i in gdp) == (">=", 8.0, "%", "growth_rate")
    unemployment = _indicators(ex, "城镇登记失业率")[0][1]
    assert (unemployment.op, unemployment.value, unemployment.basis) == ("<=", 3.5, "level")
    target = next(t for t in ex.targets if t.text.startswith("高新技术企业、科技型中小企业分别增加"))
    assert [(i.metric, i.op, i.value, i.basis) for i in target.indicators] == [
        ("高新技术企业", ">=", 100, "increment"), ("科技型中小企业", ">=", 200, "increment")]
    assert all(t.horizon == 2022 for t in ex.targets)


def test_plan_2022_sections_are_lead_sentences(extractions):
    ex = extractions[PLAN_2022.name]
    target = next(t for t in ex.targets if t.text == "统筹推进重点项目236个")
    assert target.section[0].startswith("聚焦稳进提质") and target.section[-1] == "项目攻坚再发力"
    assert not any(t.text in ("项目攻坚再发力", "聚焦稳进提质,进一步夯实增长基础") for t in ex.targets)


def test_work_report_review_gives_measurements_not_targets(extractions):
    ex = extractions[CIXI_2021.name]
    text = ex.document.text
    review_end = text.index("二、“十四五”时期的主要目标和任务")
    assert not [t for t in ex.targets if t.span[0] < review_end]
    exports = [m for m in ex.measurements if "自营出口" in m.metric]
    assert exports and exports[0].value == 10.3 and exports[0].basis == "growth_rate"
    assert any(m.metric == "地区生产总值（市级）" and m.value == 1328.3 for m in ex.measurements)


def test_work_report_horizons(extractions):
    ex = extractions[CIXI_2021.name]
    five_year = [t for t in ex.targets if "数字经济核心产业增加值占地区生产总值比重" in t.text]
    assert five_year and five_year[0].horizon == 2025
    share = five_year[0].indicators[0]
    assert (share.op, share.value, share.basis) == (">=", 10, "share")
    this_year = next(t for t in ex.targets if t.text.startswith("地区生产总值全市增长7.3%"))
    assert this_year.horizon == 2021
    assert [i.metric for i in this_year.indicators] == ["地区生产总值（全市）", "地区生产总值（市级）"]


def test_five_year_goals(extractions):
    ex = extractions[FIVE_YEAR.name]
    assert ex.document.kind == "five_year"
    gdp = _indicators(ex, "地区生产总值")[0][1]
    assert (gdp.op, gdp.value, gdp.unit, gdp.hedge) == (">=", 2000, "亿元", "力争")
    income = _indicators(ex, "居民人均可支配收入")[0][1]
    assert (income.op, income.value, income.unit) == (">=", 9.5, "万元")


def test_masked_plan_keeps_masks_in_text(extractions):
    ex = extractions[PLAN_2024.name]
    assert any("XX炼化" in t.text for t in ex.targets)
    assert not _indicators(ex, "乙烯")  # 150万吨乙烯 names a project, not a target figure


def test_completion_table_rows_are_measurements(extractions):
    ex = extractions[COMPLETION_2024.name]
    assert ex.document.kind == "completion_report"
    assert not ex.targets
    assert any(m.value == 80331 and m.unit == "元" for m in ex.measurements)
    estimate = [m for m in ex.measurements if "estimate" in m.flags]
    assert any(m.value == 8 and m.unit == "%" for m in estimate)  # 服务业增加值预计增长8%


# Each national report's headline GDP target, read from the text (2005–2015).
GDP_TARGETS = {2005: 8, 2006: 8, 2007: 8, 2008: 8, 2009: 8, 2010: 8, 2011: 8, 2012: 7.5, 2013: 7.5, 2014: 7.5,
               2015: 7}


@pytest.mark.parametrize("year", sorted(GDP_TARGETS))
def test_national_headline_gdp_target(extractions, year):
    ex = extractions[f"gwr-national-{year}.txt"]
    assert ex.document.year == year and ex.document.jurisdiction == "全国"
    gdp = [i for t in ex.targets for i in t.indicators
           if i.metric == "国内生产总值" and i.basis == "growth_rate" and t.horizon == year]
    assert gdp and gdp[0].value == GDP_TARGETS[year]


def test_national_past_year_results_are_not_targets(extractions):
    ex = extractions["gwr-national-2011.txt"]
    # "过去一年…国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%" opens the 2011 plan part.
    assert not any("10.3%" in t.text or "3.3%" in t.text for t in ex.targets)
    assert any(m.value == 10.3 and m.metric == "国内生产总值" for m in ex.measurements)


def test_json_shape(extractions):
    payload = extractions[PLAN_2024.name].to_json()
    assert set(payload) == {"document", "targets", "measurements"}
    assert set(payload["document"]) == {"path", "title", "jurisdiction", "year", "kind", "chars"}
    target = next(t for t in payload["targets"] if t["indicators"])
    assert {"id", "text", "span", "section", "kind", "indicators"} <= set(target)
    assert {"metric", "op", "value", "value_high", "unit", "basis", "hedge", "span"} <= set(target["indicators"][0])
    assert target["kind"] == "quantitative"

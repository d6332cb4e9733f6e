"""Narrative reviews judged by indicator and direction: the national pairs, and a provincial-style pair
written for these tests (tests/fixtures/assess/, a made-up 某省 in the layout provincial reports use:
main targets as a ——list, a prose review opening with "2024年，…" and no review heading)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import NATIONAL
from duban.assess import assess
from duban.read import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "assess"


def _pair(plan: str, completion: str):
    return assess(read_document(plan), read_document(completion))


@pytest.fixture(scope="module")
def province():
    return _pair(FIXTURES / "province_plan_2024.txt", FIXTURES / "province_review_2025.txt")


def _verdict(result, needle: str):
    target = next(t for t in result.plan_targets if needle in t.text)
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    item = result.items[verdict.item] if verdict.item is not None else None
    return target, verdict, item


@pytest.mark.parametrize(("needle", "metric_id", "status", "actual"), [
    ("地区生产总值增长5.5%左右", "gdp", "not_met", 5.0),  # 91 % of about 5.5, but half a point short: a miss
    ("一般公共预算收入增长5%", None, "not_met", 2.3),  # a shortfall is linked and missed, not left unanswered
    ("城镇新增就业70万人以上", None, "met", 73.5),
    ("城镇调查失业率控制在5.5%左右", None, "met", 5.1),  # a ceiling: at or below is met, never exceeded
    ("居民消费价格涨幅3%左右", None, "met", 0.2),  # not "1500 % exceeded"
    ("单位地区生产总值能耗降低2.5%左右", None, "exceeded", -2.8),  # a cut of 2.8 against 2.5: a bigger cut
    ("全省固定资产投资增长6%以上", None, "not_met", 3.2),
    ("研发经费投入强度达到2.5%", None, "basically_met", 2.4),
])
def test_each_headline_and_task_figure_is_judged_by_its_indicator(province, needle, metric_id, status, actual):
    _target, verdict, item = _verdict(province, needle)
    assert verdict.status == status
    a = item.indicators[0]
    assert a.actual is not None and a.actual.value == actual
    assert str(abs(actual)).rstrip("0").rstrip(".") in province.completion.text[slice(*a.actual.span)]
    if metric_id:
        assert a.indicator.metric_id == metric_id


def test_directions_come_from_the_vocabulary_and_the_wording(province):
    directions = {t.indicators[0].metric_id: t.indicators[0].direction for t in province.plan_targets if t.indicators}
    assert directions["gdp"] == "output"
    assert directions["cpi"] == "ceiling"
    assert directions[next(k for k in directions if "unemployment" in k)] == "ceiling"
    energy = next(t for t in province.plan_targets if "能耗" in t.text).indicators[0]
    assert energy.direction == "reduction" and energy.value == -2.5


def test_headline_passage_gives_the_tier(province):
    headline = [t.text for t in province.plan_targets if t.tier == "headline"]
    assert any(t.startswith("地区生产总值增长5.5%左右") for t in headline)
    assert "生态环境质量持续改善" in headline
    assert not any("公办幼儿园" in t for t in headline)
    assert all(not t.text.startswith("——") for t in province.plan_targets)  # the list's bullet is not the target


def test_a_trailing_hedge_stays_with_its_target(province):
    gdp = next(t for t in province.plan_targets if t.text.startswith("地区生产总值"))
    assert "努力争取更好结果" in gdp.text
    others = [t for t in province.plan_targets if t.tier == "headline" and t is not gdp]
    assert all(ind.hedge is None for t in others for ind in t.indicators)


def test_rhetoric_is_not_a_target(province):
    texts = [t.text for t in province.plan_targets]
    assert not any("艰苦努力" in t for t in texts)


def test_prose_review_without_a_heading_gives_results_not_targets(province):
    review = province.completion
    assert review.year == 2025
    from duban.extract import extract

    ex = extract(review)
    review_end = review.text.index("2025年是")
    assert not [t for t in ex.targets if t.span[0] < review_end]
    assert any(m.metric_id == "gdp" and m.value == 5.0 and m.year == 2024 for m in ex.measurements)


def test_every_target_ends_with_one_verdict(province):
    assert [v.target_id for v in province.verdicts] == [t.id for t in province.plan_targets]
    assert sum(province.summary().values()) == len(province.plan_targets)
    assert set(province.summary_by_tier()) == {"headline", "task"}


def test_national_misses_and_directions():
    # 2014: 再减少农村贫困人口1000万人以上 answered by 减少1232万人 is a bigger cut, not "-123 %, missed"
    poverty = _verdict(_pair(NATIONAL / "gwr-national-2014.txt", NATIONAL / "gwr-national-2015.txt"), "农村贫困人口")
    assert poverty[1].status == "exceeded" and poverty[2].indicators[0].actual.value == -1232
    # 2011: 提高到200元 is answered by the end value, not the starting 120元
    review_2012 = _pair(NATIONAL / "gwr-national-2011.txt", NATIONAL / "gwr-national-2012.txt")
    subsidy = _verdict(review_2012, "补助标准提高到200元")
    assert subsidy[1].status == "met" and subsidy[2].indicators[0].actual.value == 200
    # 1994: a 10% ceiling on retail prices, 21.7% reported (written 百分之二十一点七) is a miss
    prices = _verdict(_pair(NATIONAL / "gwr-national-1994.txt", NATIONAL / "gwr-national-1995.txt"), "零售物价")
    assert prices[1].status == "not_met" and prices[2].indicators[0].actual.value == 21.7


def test_five_year_goals_are_not_missed_after_one_year():
    result = _pair(NATIONAL / "gwr-national-2011.txt", NATIONAL / "gwr-national-2012.txt")
    target, verdict, _item = _verdict(result, "2015年国内生产总值将超过55万亿元")
    assert target.horizon == 2015
    assert verdict.status in ("in_progress", "no_evidence")
    assert all(v.status != "not_met" for v in result.verdicts
               if next(t for t in result.plan_targets if t.id == v.target_id).horizon == 2015)


def test_a_figure_for_another_year_never_answers():
    # the 2008 report reviews five years: GDP grew 10.6 % a year and 65.5 % since 2002, neither is 2007's growth
    result = _pair(NATIONAL / "gwr-national-2007.txt", NATIONAL / "gwr-national-2008.txt")
    _target, verdict, item = _verdict(result, "国内生产总值增长8%左右")
    assert verdict.status == "no_evidence"
    if item is not None:
        assert all("basis_mismatch" in a.flags or a.actual is None for a in item.indicators)


def test_a_growth_aimed_at_without_a_figure_is_answered_by_its_parts_figures():
    # 2009 plan: 城乡居民收入稳定增长; the 2010 review gives urban and rural income growth (9.8 % and 8.5 %)
    result = _pair(NATIONAL / "gwr-national-2009.txt", NATIONAL / "gwr-national-2010.txt")
    _target, verdict, item = _verdict(result, "城乡居民收入稳定增长")
    assert verdict.status == "done" and item is not None
    text = read_document(NATIONAL / "gwr-national-2010.txt").text
    assert any("增长" in text[s:e] for s, e in item.evidence_spans)


PROVINCIAL = sorted((Path(__file__).resolve().parent / "fixtures" / "provincial").glob("p*_review_*.txt"))


@pytest.mark.parametrize("path", PROVINCIAL, ids=lambda p: p.stem)
def test_no_past_result_of_a_provincial_review_is_a_target(path):
    """The review of the past year in all its forms (一、2023年工作回顾; 过去一年 unnumbered; 2021年，… with no
    heading; 一年来，我们主要做了以下工作。⏎一是…) gives measurements, never targets, up to next year's targets."""
    from duban.extract import extract

    doc = read_document(path)
    ex = extract(doc)
    plan_from = min(doc.text.find(w) for w in ("主要预期目标", "今年全区") if w in doc.text)
    plan_from = doc.text.rfind("\n", 0, plan_from)
    assert not [t.text for t in ex.targets if t.span[0] < plan_from]
    assert sum(1 for m in ex.measurements if m.span[0] < plan_from) >= 10

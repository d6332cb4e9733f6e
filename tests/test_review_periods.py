"""Which year a review's figures are for, and what a review admits: a review of a term and its last year
(一、“十三五”时期和2020年工作回顾) gives the term's figures until it turns to the year (2020年是…, 一年来…), and the
year's after; a completion said with a negation (未完成国家下达的年度目标) is an admission, not a claim."""

from __future__ import annotations

import pytest

from duban.assess.judge import claim
from duban.extract import extract
from duban.read import read_bytes, read_document

REVIEW = """2021年某市政府工作报告

一、“十三五”时期和2020年工作回顾
过去五年，全市地区生产总值年均增长7.2%，新建5G基站累计8万个。
2020年是极不平凡的一年。全市地区生产总值增长3.9%。
年初疫情突如其来，一季度规模以上工业增加值下降8.1%。全年规模以上工业增加值迈上万亿元台阶，达到10045.7亿元，增长2.3%。
一年来，我们主要做了以下工作：
（一）推动制造业高质量发展。新建5G基站4.9万个，新增规模以上工业企业560户。
（二）增进民生福祉。新建改扩建中小学校52所。

二、2021年主要预期目标
地区生产总值增长6%以上。
"""


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.txt"
    path.write_text(REVIEW, encoding="utf-8")
    doc = read_document(path)
    assert (doc.year, doc.kind) == (2021, "work_report")
    return {(m.metric_id or m.metric, m.value): m for m in extract(doc).measurements}


@pytest.mark.parametrize(("key", "year", "cumulative"), [
    (("gdp", 7.2), None, True),  # 年均: the term's
    (("base_stations_5g", 8.0), None, True),  # 累计, in the five-year paragraph
    (("gdp", 3.9), 2020, False),
    (("base_stations_5g", 4.9), 2020, False),  # after 一年来…: the year's, though no year is named
    (("改扩建中小学校", 52.0), 2020, False),
    # before the turn, a figure whose sentence says 全年 is the year's; a nameless figure after a nameless one whose
    # indicator was found (…迈上万亿元台阶，达到10045.7亿元，增长2.3%) is that indicator's too
    (("industrial_va_above", 10045.7), 2020, False),
    (("industrial_va_above", 2.3), 2020, False),
])
def test_a_term_review_turns_to_its_last_year(measured, key, year, cumulative):
    m = measured[key]
    assert m.year == year and ("cumulative" in m.flags) == cumulative


@pytest.mark.parametrize(("text", "said"), [
    ("单位地区生产总值能耗降低完成国家下达的年度目标", "完成国家下达的年度目标"),
    ("单位地区生产总值能耗降低未完成国家下达的年度目标", None),
    ("部分指标没有完成年度目标，一般公共预算收入完成年度目标", "完成年度目标"),
    ("主要污染物减排尚未完成省下达任务", None),
])
def test_a_negated_completion_is_no_claim(text, said):
    found = claim(text)
    assert (found[0] if found else None) == said


TERM_REVIEW = """2023年某市政府工作报告

一、过去五年工作回顾
过去五年，全市地区生产总值年均增长6.5%。
刚刚过去的2022年，全市地区生产总值增长4.5%。
民生福祉持续增进。五年新建改扩建公办幼儿园140所，新增公办学位6.5万个。
回顾2022年，我们重点抓了以下工作。
产业发展提质增效。实施市重大项目1040个，新增上市企业11家。

二、2023年主要预期目标
地区生产总值增长6.5%左右。
"""


@pytest.mark.parametrize(("key", "year", "cumulative"), [
    (("gdp", 6.5), None, True),
    (("gdp", 4.5), 2022, False),  # a paragraph about the year names it
    (("school_places", 6.5), None, True),  # the term's themes after it: not turned by that paragraph
    (("key_projects", 1040.0), 2022, False),  # 回顾2022年，我们重点抓了以下工作: the year's account from here
    (("listed_companies", 11.0), 2022, False),
])
@pytest.mark.parametrize("lead", ["回顾2022年，我们重点抓了以下工作。", "2022年，我们主要做了以下几个方面的工作。"])
def test_a_five_year_review_turns_where_the_years_account_begins(tmp_path, key, year, cumulative, lead):
    path = tmp_path / "review.txt"
    path.write_text(TERM_REVIEW.replace("回顾2022年，我们重点抓了以下工作。", lead), encoding="utf-8")
    found = {(m.metric_id or m.metric, m.value): m for m in extract(read_document(path)).measurements}
    m = found[key]
    assert m.year == year and ("cumulative" in m.flags) == cumulative


@pytest.mark.parametrize(("sentence", "expected"), [
    ("工业投资增长22.2%，总量突破1.2万亿元。", [("industrial_investment", 22.2), ("industrial_investment", 1.2)]),
    ("新增上市企业11家，总数达到92家。", [("listed_companies", 11.0), ("listed_companies", 92.0)]),
    ("新设市场主体595家、总数达2900多家。", [("market_entities", 595.0), ("market_entities", 2900.0)]),
])
def test_a_bare_total_is_the_total_of_the_indicator_before_it(tmp_path, sentence, expected):
    path = tmp_path / "review.txt"
    path.write_text("2024年某省政府工作报告\n\n一、2023年工作回顾\n" + sentence + "\n", encoding="utf-8")
    got = [(m.metric_id, m.value) for m in extract(read_document(path)).measurements]
    assert got == expected


WRAPPED = """2023年某省政府工作报告

一、过去五年工作回顾
过去五年，全省地区生产总值年均增长6.5%。
刚刚过去的2022年，全省地区生产总值增长2.9%；社会消费品零售总额下降0.1%；
进出口总额1.01万亿元、增长6.1%。城镇调查失业率5.6%，居民消费价格
上涨2.0%。
"""


@pytest.mark.parametrize(("key", "year"), [
    (("gdp", 2.9), 2022), (("trade_total", 6.1), 2022), (("unemployment_surveyed", 5.6), 2022), (("gdp", 6.5), None)])
def test_a_hard_wrapped_paragraph_keeps_the_year_it_opens_with(tmp_path, key, year):
    """Text copied out of a PDF breaks lines at a fixed width: a break after ； or in mid-sentence does not end
    the paragraph, so its figures keep the year the paragraph names (they had been read as the term's)."""
    path = tmp_path / "review.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    found = {(m.metric_id, m.value): m for m in extract(read_document(path)).measurements}
    assert found[key].year == year


@pytest.mark.parametrize(("sentence", "estimate"), [
    ("单位地区生产总值能耗下降3.2%（预计）。", True),
    ("城镇新增就业58.2万人（快报数）。", True),
    ("预计全年地区生产总值增长5%左右。", True),
    ("城镇新增就业58.2万人（含退役军人）。", False),
])
def test_an_estimate_said_after_its_figure(tmp_path, sentence, estimate):
    path = tmp_path / "review.txt"
    path.write_text("2024年某省政府工作报告\n\n一、2023年工作回顾\n" + sentence + "\n", encoding="utf-8")
    (m,) = extract(read_document(path)).measurements
    assert ("estimate" in m.flags) == estimate


SUMMARY_AND_PLAN = """某区人民政府2021年工作总结和2022年工作打算
（2022年1月5日）

2021年，全区经济社会发展取得新的成效。现将有关情况总结如下。
一、坚持稳中求进，经济运行持续向好
预计全年实现地区生产总值2780亿元，增长7.5%；新增国家高新技术企业420家。
二、坚持民生为本，群众福祉不断增进
新建改扩建中小学、幼儿园11所。
三、存在的问题
部分重点项目推进缓慢，区体育中心未能按期开工。
四、2022年工作打算
2022年，地区生产总值增长7%左右，新增国家高新技术企业300家。
"""


def test_a_summary_and_plan_reviews_its_chapters_until_the_plan_chapter():
    """2021年工作总结和2022年工作打算: a 政府工作报告 in all but name — the topical chapters review 2021 (their figures
    are results), the 打算 chapter plans 2022 (its figures are targets)."""
    doc = read_bytes(SUMMARY_AND_PLAN.encode(), name="summary.txt")
    assert (doc.kind, doc.year) == ("work_report", 2022)
    ex = extract(doc)
    assert [t.text for t in ex.targets] == ["地区生产总值增长7%左右", "新增国家高新技术企业300家"]
    assert {(m.metric_id, m.year) for m in ex.measurements} >= {("gdp", 2021)}
    assert sum(1 for m in ex.measurements if m.year == 2021) >= 4


YEAR_THEN_TERM = """2021年某省政府工作报告

一、2020年和“十三五”时期工作回顾
2020年是极不平凡的一年。
一年来，我们主要做了以下工作：全年城镇新增就业106.8万人，城镇调查失业率控制在预期目标以内，城镇登记失业率3.2%。
“十三五”时期是极不平凡的五年。五年累计新增城镇就业700万人以上，城镇登记失业率保持在3%左右的较低水平。

二、2021年主要预期目标
城镇登记失业率3%以内。
"""


def test_a_review_that_tells_the_year_first_and_the_term_after(tmp_path):
    """The year's account, then the term's again (“十三五”时期是…的五年): the term's figures are not the year's; a
    figure after 控制在预期目标以内 is a result (not the target restated), and 预期目标 is no estimate."""
    path = tmp_path / "review.txt"
    path.write_text(YEAR_THEN_TERM, encoding="utf-8")
    found = {m.value: m for m in extract(read_document(path)).measurements if m.metric_id == "unemployment_registered"}
    assert (found[3.2].year, found[3.2].flags) == (2020, [])
    assert found[3.0].year is None and "cumulative" in found[3.0].flags


def test_the_year_s_part_of_a_total_over_the_term(tmp_path):
    """五年累计新增城镇就业245万人，其中2022年新增47.8万人: the year's figure, of the indicator named before it."""
    path = tmp_path / "review.txt"
    path.write_text("2023年某省政府工作报告\n\n一、过去五年工作回顾\n五年累计新增城镇就业245万人，其中2022年新增47.8万人。\n",
                    encoding="utf-8")
    found = [(m.metric_id, m.value, m.year, "cumulative" in m.flags) for m in extract(read_document(path)).measurements]
    assert found == [("new_urban_jobs", 245.0, None, True), ("new_urban_jobs", 47.8, 2022, False)]

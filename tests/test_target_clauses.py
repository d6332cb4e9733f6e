"""Which clauses of a plan sentence become targets (extract/clauses.py), one phrasing per row: a list item's
short label stays with the clause it names; a statement of significance takes its subject with it."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.read import read_bytes


def _targets(sentence: str) -> list[str]:
    doc = read_bytes(("2021年工作安排\n" + sentence + "\n").encode(), name="plan.txt")
    return [t.text for t in extract(doc).targets]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 一是创新引领，…: the label leads into its clause (one target, not two)
    ("一是创新引领，厚植创新链产业链融合新优势；二是双轮驱动，打造高质量有韧性产业新体系。",
     ["创新引领，厚植创新链产业链融合新优势", "双轮驱动，打造高质量有韧性产业新体系"]),
    # a long first clause is no label
    ("一是加快建设科创走廊，新增高新技术企业70家。", ["加快建设科创走廊", "新增高新技术企业70家"]),
    # the significance of what the clauses before it name: no target at all
    ("做好今年政府工作，具有特殊重要的意义。", []),
    ("实施好这些重大专项，对于整合有限的科技资源，具有重大的现实意义和深远的战略意义。", []),
    ("做好今年工作，意义重大。", []),
    # a commitment before it in the sentence is kept
    ("新建学校5所，这对于扩大教育供给有着重要作用。", ["新建学校5所"]),
    # a principle of how to weigh things (坚持把…作为…, 把…放在首位) is no target; the commitment after it is
    ("坚持把项目建设作为稳增长的重要抓手，全年安排省重点项目2000个左右。", ["全年安排省重点项目2000个左右"]),
    ("坚持把就业摆在优先位置。", []),
    # 确保 opening a sentence commits (after a target it leads back to it: …，确保按期完成)
    ("确保邕江国控断面水质稳定达到Ⅲ类。", ["确保邕江国控断面水质稳定达到Ⅲ类"]),
    ("建成城市快速路二期，确保年底前通车。", ["建成城市快速路二期，确保年底前通车"]),
    # “…目标是：” leads into a target without a figure; it is no “X是Y” statement
    ("今年的主要预期目标是：地区生产总值增速高于全市平均水平；规模以上工业增加值增长10%。",
     ["地区生产总值增速高于全市平均水平", "规模以上工业增加值增长10%"]),
])
def test_targets_of_a_sentence(sentence: str, expected: list[str]) -> None:
    assert _targets(sentence) == expected


def _headline(sentence: str) -> list[tuple[str, list[str | None]]]:
    doc = read_bytes(("2025年政府工作报告\n" + sentence + "\n").encode(), name="plan.txt")
    return [(t.text, [i.metric_id for i in t.indicators]) for t in extract(doc).targets]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a headline list of verbless clauses: each clause naming another indicator is a target of its own
    ("主要预期目标是：一般公共预算收入增长5%，城镇调查失业率5.5%以内，居民消费价格涨幅3%左右。",
     [("一般公共预算收入增长5%", ["general_budget_revenue"]), ("城镇调查失业率5.5%以内", ["unemployment_surveyed"]),
      ("居民消费价格涨幅3%左右", ["cpi"])]),
    # 经济增长: the growth of the economy is GDP growth
    ("主要预期目标是：经济增长5.5%左右，全省经济增长6%。",
     [("经济增长5.5%左右", ["gdp"]), ("全省经济增长6%", ["gdp"])]),
])
def test_headline_lists(sentence: str, expected: list) -> None:
    assert _headline(sentence) == expected


def test_a_list_of_the_same_kind_outside_headlines_stays_one_target() -> None:
    """…企业2家, …企业8家 outside a headline passage: one list, as before."""
    assert _targets("新增国家级专精特新企业2家，国家级重点“小巨人”企业8家。") == [
        "新增国家级专精特新企业2家，国家级重点“小巨人”企业8家"]


@pytest.mark.parametrize(("sentence", "horizon"), [
    # the year leads the sentence, the target follows it in its own clause
    ("到2025年，全市白酒产业产值突破2000亿元。", 2025),
    ("到2025年，全区数字经济核心产业增加值占地区生产总值比重达到45%。", 2025),
    ("全市白酒产业产值突破2000亿元。", 2021),
])
def test_a_due_year_leading_the_sentence_is_the_target_s(sentence, horizon):
    from duban.records import Document
    text = "2021年某市政府工作报告\n三、2021年重点工作\n（一）做强产业。" + sentence + "\n"
    [t] = extract(Document(text=text, kind="work_report", year=2021)).targets
    assert t.horizon == horizon

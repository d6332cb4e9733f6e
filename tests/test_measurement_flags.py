"""Flags on reported figures, one phrasing per row: what a careful reader doubts about a figure."""

from __future__ import annotations

import pytest

from duban.extract import measurements_in
from duban.read import read_bytes
from duban.segment import segment

ROWS = [
    # (sentence, the figure as written, its flags)
    ("全年新增光伏装机7.6万千瓦。", "7.6万千瓦", []),
    ("累计投运氢能车辆113辆。", "113辆", ["cumulative"]),
    ("预计新增4家亿元以上数字经济重点企业。", "4家", ["estimate"]),
    ("1-11月完成固定资产投资120亿元。", "120亿元", ["partial_period"]),
    ("推荐3家企业申报国家单项冠军企业。", "3家", ["applied"]),
    # the application word after the figure's noun: the figure counts who applied
    ("组织5家企业申报省级数字化车间。", "5家", ["applied"]),
    ("14家企业申请市级数字化车间认定资格。", "14家", ["applied"]),
    ("储备项目12个。", "12个", ["applied"]),  # a pipeline of projects, not projects started
    ("申报项目获批12个。", "12个", []),  # the application succeeded
    ("3个项目申报成功。", "3个", []),
    ("新增5家企业，申报工作有序推进。", "5家", []),  # the word belongs to the next clause
    # the whole year named after a part of it: the figure is the year's (an estimate in a January report)
    ("前三季度全市生产总值增长3.6%，预计全年增长4%左右。", "4%左右", ["estimate"]),
    ("前三季度全市生产总值增长3.6%，预计全年增长4%左右。", "3.6%", ["partial_period"]),
    ("上半年全市生产总值增长3.6%，其中二季度增长4%。", "4%", ["partial_period"]),
]


def _flags(sentence: str) -> dict[str, list[str]]:
    doc = read_bytes(("2024年工作总结\n" + sentence + "\n").encode(), name="review.txt")
    seg = segment(doc)
    return {doc.text[m.value_span[0]:m.value_span[1]]: sorted(m.flags)
            for m in measurements_in(seg, [(0, len(doc.text))])}


@pytest.mark.parametrize(("sentence", "figure", "flags"), ROWS, ids=[r[0] for r in ROWS])
def test_measurement_flags(sentence, figure, flags):
    found = _flags(sentence)
    assert figure in found, found
    assert found[figure] == flags


@pytest.mark.parametrize(("sentence", "expected"), [
    # 分别 unwritten: the bare figures of a clause answer the metrics of the clauses before, in order
    ("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。",
     {"17175元": "城镇居民人均可支配收入", "5153元": "农村居民人均纯收入", "9.8%": "城镇居民人均可支配收入",
      "8.5%": "农村居民人均纯收入"}),
    # one metric before: the figures are not split across metrics
    ("粮食产量6000亿斤，增长3%和5%。", {"6000亿斤": "粮食产量"}),
])
def test_figures_answer_the_metrics_before_them(sentence, expected):
    doc = read_bytes(("2024年工作总结\n" + sentence + "\n").encode(), name="review.txt")
    found = {doc.text[m.value_span[0]:m.value_span[1]]: m.metric
             for m in measurements_in(segment(doc), [(0, len(doc.text))])}
    assert {k: found.get(k) for k in expected} == expected

"""Indicators read from figures written with spaces, and figures that are not commitments.

Each row is ``(phrase, expected)``: the phrase is extracted as a 2024 work plan and ``expected`` lists, in
order, every indicator as ``(span_text, op, value, value_high, unit, metric_part)``; ``metric_part`` must be
part of the indicator's metric (the metric's exact wording is metric.py's business, see
tests/test_indicators_table.py). The rules are those of docs/annotation.md.
"""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.records import Document

ROWS: list[tuple[str, list[tuple[str, str, float, float | None, str, str]]]] = [
    # ---- spaced and full-width figures read like their compact forms ---------------------------------------
    ("新增中小学学位 2 万个", [("2 万个", "=", 2, None, "万个", "中小学学位")]),
    ("城镇新增就业不少于 26 万人", [("不少于 26 万人", ">=", 26, None, "万人", "城镇新增就业")]),
    ("筹集保障性租赁住房 7 万套", [("7 万套", "=", 7, None, "万套", "保障性租赁住房")]),
    ("国内生产总值增长 5 %左右", [("5 %左右", "~", 5, None, "%", "国内生产总值")]),
    ("新增学位２万个", [("２万个", "=", 2, None, "万个", "学位")]),
    ("城镇登记失业率控制在　4.5%　以内", [("控制在\u30004.5%\u3000以内", "<=", 4.5, None, "%", "城镇登记失业率")]),
    ("规上工业增加值增长１４．８％", [("１４．８％", "=", 14.8, None, "%", "规上工业增加值")]),
    # ---- figures before a noun with 以上/余/多 keep their comparator ----------------------------------------
    ("选派1200名以上科技特派员", [("1200名以上", ">=", 1200, None, "名", "科技特派员")]),
    ("完成1200户规模以上工业企业数字化改造", [("1200户", "=", 1200, None, "户", "规模以上工业企业")]),
    ("培育100家以上专精特新企业", [("100家以上", ">=", 100, None, "家", "专精特新企业")]),
    ("新增5000余个充电桩", [("5000余个", "range", 5000, 6000, "个", "充电桩")]),
    ("新增幼儿园学位3000个", [("3000个", "=", 3000, None, "个", "幼儿园学位")]),
    ("推动两家企业上市", [("两家", "=", 2, None, "家", "企业")]),
    # ---- not commitments: names, ordinals, slogans, policy rates, noun qualifiers (decision 13) -------------
    ("推进八所港建设", []),
    ("加快三亚崖州湾科技城建设", []),
    ("建成3、4号工位", []),
    ("加快地铁二号线建设", []),
    ("改造提升五一广场", []),
    ("坚持两个毫不动摇", []),
    ("增强四个自信，做到两个维护", []),
    ("坚持三个没有变", []),
    ("高质量共建一带一路", []),
    ("谋划一批重大项目", []),
    ("延续15%企业所得税优惠政策", []),
    ("对高新技术企业按15%的税率征收企业所得税", []),
    ("研发费用减按25%计入应纳税所得额", []),
    ("推动营收3亿元以上的规上工业企业研发机构全覆盖", []),
    ("全年安排亿元以上项目", []),
    ("为3岁以下婴幼儿做生长发育检查", []),
    # ---- letter-spaced years are years ---------------------------------------------------------------------
    ("关于1 9 9 8 年政府工作的建议", []),
]


def _indicators(phrase: str):
    ex = extract(Document(text=phrase, kind="work_plan", year=2024))
    return [(i, phrase[i.span[0]:i.span[1]]) for t in ex.targets for i in t.indicators]


@pytest.mark.parametrize(("phrase", "expected"), ROWS, ids=[p for p, _ in ROWS])
def test_indicators(phrase, expected):
    got = _indicators(phrase)
    assert [(text, i.op, round(i.value, 6), None if i.value_high is None else round(i.value_high, 6), i.unit)
            for i, text in got] == [(s, op, v, h, u) for s, op, v, h, u, _ in expected]
    for (i, _), row in zip(got, expected, strict=True):
        assert row[5] in i.metric

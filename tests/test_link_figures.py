"""A completion row that does not restate its target is linked by its figures too: a figure of the same metric
id of the vocabulary makes a plan sentence a candidate however long it is (a headline sentence of ten indicators
scores low on BM25 for any one of them), and of a sentence's targets the one the figure answers is linked
(duban.link.retrieval)."""

from __future__ import annotations

from duban.assess import assess
from duban.read import read_bytes

PLAN = """2024年某区政府工作报告
二、2024年主要目标
全区经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长3%，城乡居民人均可支配收入与经济增长同步，城镇登记失业率控制在3%以内，单位地区生产总值能耗下降完成市下达任务。
三、2024年重点工作
（一）构建高水平生育支持政策体系，推动城镇医疗服务提质。
（二）创建省级城乡风貌样板区1个、现代化美丽城镇1个、未来社区5个以上。
（三）进一步提升基层和县域就诊率，提高医疗服务水平。
（四）加强国防动员，深化全民国防教育，持续提高双拥工作水平。
"""

COMPLETION = """某区2024年政府工作报告年度完成情况
编号 | 完成情况 |
1 | 全年创建省级城乡风貌样板区1个、现代化美丽城镇1个、未来社区6个。 |
2 | 城镇登记失业率2.04%，低于全市平均水平。 |
3 | 一般公共预算收入完成85亿元，增长2.1%。 |
"""


def test_rows_are_linked_to_the_headline_indicator_their_figure_reports() -> None:
    plan = read_bytes(PLAN.encode(), name="2024年某区政府工作报告.txt")
    completion = read_bytes(COMPLETION.encode(), name="某区2024年政府工作报告年度完成情况.txt")
    result = assess(plan, completion)
    by_row = {it.row: it for it in result.items}
    unemployment = by_row[2]
    assert "城镇登记失业率控制在3%以内" in unemployment.target
    assert unemployment.status == "met"
    revenue = by_row[3]
    assert "一般公共预算收入增长3%" in revenue.target and revenue.status == "not_met"
    assert "未来社区5个以上" in by_row[1].target

"""Self-contained target tables (考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比) assessed without a plan: laid
out with spaces in a text file, and as a spreadsheet (.xls) with a merged year row above its header."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.assess import assess
from duban.export import table
from duban.read import read_bytes, read_document

HERE = Path(__file__).resolve().parent
SPACED = HERE / "fixtures" / "assess" / "spaced_table_2024.txt"
SHEET = HERE / "fixtures" / "read" / "completion_2024.xls"


@pytest.fixture(scope="module")
def spaced():
    return assess(None, read_document(SPACED))


def test_space_aligned_rows_and_sub_rows(spaced):
    assert [i.row for i in spaced.items] == [1, 2, 3, 4, None, 5, 6, 7]
    numbers = [r.number for r in table.rows(spaced)]
    assert numbers == ["1", "2", "3", "4", "4.1", "5", "6", "7"]
    text = spaced.completion.text
    for item in spaced.items:  # every figure is an exact span of the file
        for a in item.indicators:
            assert text[slice(*a.indicator.span)].strip()
            assert a.actual is not None and str(abs(a.actual.value)).rstrip("0").rstrip(".") in \
                text[slice(*a.actual.span)]


@pytest.mark.parametrize(("row", "status", "metric", "op"), [
    (1, "basically_met", "地区生产总值增长", "="),  # 5.8 of 6: 97 %
    (3, "met", "城乡居民人均可支配收入增长额", ">="),  # the cell goes on over the next line; 不低于 in the goal cell
    (5, "not_met", "新建城市公园", "="),
    (6, "met", "城镇登记失业率", "<="),  # ≤3.5 in the goal cell: a ceiling, 2.9 is met (not exceeded)
    (7, "exceeded", "单位地区生产总值能耗降低", "="),  # a cut of 3.4 against 3: a bigger cut
])
def test_each_row_is_judged_with_its_own_goal(spaced, row, status, metric, op):
    item = next(i for i in spaced.items if i.row == row)
    assert item.status == status
    assert item.indicators[0].indicator.metric == metric
    assert item.indicators[0].indicator.op == op


def test_the_rows_own_ratio_is_checked_against_its_figures():
    text = SPACED.read_text(encoding="utf-8").replace("5             3           60%", "5             3           90%")
    result = assess(None, read_bytes(text.encode("utf-8"), name="spaced.txt"))
    park = next(i for i in result.items if i.row == 5)
    assert "ratio_mismatch" in park.flags and "90.0%" in park.explanation
    assert all("ratio_mismatch" not in i.flags for i in result.items if i.row != 5)


def test_spreadsheet_with_a_merged_header_row():
    result = assess(None, read_document(SHEET))
    gdp = result.items[0]
    assert gdp.indicators[0].indicator.metric_id == "gdp"
    assert (gdp.indicators[0].indicator.value, gdp.indicators[0].actual.value, gdp.status) == (6.5, 5.8, "not_met")
    sub = result.items[3]  # ' | 其中：高校毕业生就业 | …': a row whose first cell is empty
    assert sub.row is None and "高校毕业生" in sub.indicators[0].indicator.metric
    assert sum(result.summary().values()) == len(result.items)


def _row_pair(goal: str, result: str):
    plan = read_bytes(f"某市2023年工作计划\n一、民生工作\n{goal}。\n".encode(), name="p.txt")
    done = read_bytes(f"某市2023年工作计划完成情况\n编号 | 目标任务 | 完成情况 |\n1 | {goal} | {result} |\n".encode(),
                      name="c.txt")
    return assess(plan, done).items[0]


@pytest.mark.parametrize(("goal", "result", "actual", "parts"), [
    # two measures of one stock (raised, completed) are not added up
    ("新增保障性租赁住房7万套", "全年筹集保障性租赁住房7.1万套、竣工8.3万套。", 7.1, 0),
    # what follows 其中 is part of the figure before it
    ("新增养老床位1200张", "新增养老床位500张，其中护理型床位300张，认知症床位200张。", 500, 0),
    # parts of a new total spread over clauses are added up
    ("新增认知障碍照护床位60张以上", "新增甲中心认知障碍照护床位35张，乙中心认知障碍照护床位13张，丙中心20张。", 68, 3),
])
def test_figures_are_summed_only_when_they_are_parts(goal, result, actual, parts):
    item = _row_pair(goal, result)
    a = item.indicators[0]
    assert a.actual.value == actual and len(a.actual.summed_from) == parts

"""A table of indicators (主要指标计划表, 主要经济指标完成情况表): one row per indicator, with its name, unit and
target in columns of their own — and, in a year-end table, what was achieved.

Such a table says in cells what a report says in sentences (地区生产总值增速 | % | 6左右 → 地区生产总值增速6%左右), so
each row is written as that sentence: a plan's rows as numbered lines of targets, a year-end table's as rows of
the familiar 序号 | 目标任务 | 完成情况 table, the target restated and the result beside it
(地区生产总值增速5.2%，未完成). The unit goes after the number, before 左右/以上/以内/以下; a target in words
(完成省下达任务) follows the name as it is. Tables without a name column and a target column (a 任务分解表 of
重点任务 | 牵头单位 | 完成时限, a 目标任务 | 完成情况 table) are left as they are.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"^(?:主要)?(?:指标|指标名称|项目|项目名称|名称|指标项)$")
_UNIT = re.compile(r"^(?:计量)?单位$")
_TARGET = re.compile(r"(?:目标|计划|预期)(?:值|数)?$|^(?:(?:19|20)\d\d年?)?(?:预期)?(?:目标|计划)")
_ACTUAL = re.compile(r"完成(?:值|数)?$|实际|实绩|执行数|^(?:(?:19|20)\d\d年?)?(?:预计)?完成")
_STATUS = re.compile(r"^(?:完成情况|是否完成|完成状态|备注|评价)$")
_NUMBER = re.compile(r"^[-+−]?\d+(?:\.\d+)?")
_COMPARATOR = re.compile(r"(左右|以上|以内|以下|及以上|及以下)$")
_NUMERIC_SHARE = 0.5  # of the data rows, those whose target cell begins with a number


def _columns(header: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        text = re.sub(r"\s", "", cell)
        if "name" not in cols and _NAME.match(text):
            cols["name"] = i
        elif "unit" not in cols and _UNIT.match(text):
            cols["unit"] = i
        elif "status" not in cols and _STATUS.match(text):
            cols["status"] = i
        elif "actual" not in cols and _ACTUAL.search(text) and not _TARGET.search(text.replace("完成", "")):
            cols["actual"] = i
        elif "target" not in cols and _TARGET.search(text):
            cols["target"] = i
    return cols if "name" in cols and "target" in cols else None


def with_unit(name: str, value: str, unit: str) -> str:
    """地区生产总值增速 + 6左右 + % → 地区生产总值增速6%左右; a value with its unit or in words is kept as it is."""
    value = value.strip()
    m = _NUMBER.match(value)
    if not m or not unit or unit in value or unit in ("无", "-", "—"):
        return name + value
    rest = value[m.end():]
    comparator = _COMPARATOR.search(rest)
    if rest and not comparator:
        return name + value  # 6.5（预计）: something other than a comparator follows; keep it whole
    return name + m.group() + unit + rest


def rewrite(header: list[str], rows: list[list[str]]) -> list[str] | None:
    """The lines for a table of indicators (header cells, data rows of cells), or None when it is not one."""
    cols = _columns(header)
    if cols is None or not rows:
        return None
    width = len(header)
    numeric = sum(1 for r in rows if cols["target"] < len(r) and _NUMBER.match(r[cols["target"]].strip()))
    if numeric < _NUMERIC_SHARE * len(rows):
        return None
    number_col = 0 if cols["name"] != 0 else None

    def cell(row: list[str], key: str) -> str:
        i = cols.get(key)
        return row[i].strip() if i is not None and i < len(row) and i < width else ""

    out: list[str] = []
    if "actual" in cols:
        out.append("序号 | 目标任务 | 完成情况 |")
    for n, row in enumerate(rows, 1):
        name, unit = cell(row, "name"), cell(row, "unit")
        if not name:
            continue
        number = row[number_col].strip() if number_col is not None and row[number_col].strip() else str(n)
        target = with_unit(name, cell(row, "target"), unit)
        if "actual" in cols:
            actual = cell(row, "actual")
            said = with_unit(name, actual, unit) if actual else ""
            status = cell(row, "status")
            result = "，".join(x for x in (said, status) if x)
            out.append(f"{number} | {target} | {result} |")
        else:
            out.append(f"{number.rstrip('.、．')}.{target}。")
    return out


__all__ = ["rewrite", "with_unit"]

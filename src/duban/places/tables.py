"""Tidy tables of series, comparisons, goals and carry-overs, and their CSV and xlsx files. One row per
observation; every value with the source it was read from (document id, start, end and the quoted text).
Spreadsheet cells of report text never start a formula (export/cells.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from ..export.cells import safe_row


@dataclass(frozen=True)
class Table:
    name: str  # the sheet name
    columns: tuple[tuple[str, str], ...]  # (key, Chinese header)
    rows: list[dict]

    def values(self) -> Iterable[list]:
        for row in self.rows:
            yield [row.get(key) for key, _ in self.columns]


def to_csv(table: Table) -> bytes:
    """UTF-8 with BOM (Excel opens it as UTF-8); the header carries the Chinese name and the key."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([f"{label}（{key}）" for key, label in table.columns])
    for values in table.values():
        w.writerow(safe_row("" if v is None else v for v in values))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.name[:31] or "data")
    ws.freeze_panes = "A3"
    ws.append([label for _, label in table.columns])
    ws.append([key for key, _ in table.columns])
    for values in table.values():
        ws.append(safe_row(values))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render(table: Table, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(table)
    raise ValueError(f"unknown format {fmt!r}")


def _columns(spec: str) -> tuple[tuple[str, str], ...]:
    """``key 中文名`` per line."""
    return tuple(tuple(line.split(" ", 1)) for line in spec.strip().splitlines())  # type: ignore[misc]


def _src(prefix: str, source: dict | None) -> dict:
    if not source:
        return {f"{prefix}_document": None, f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_quote": None}
    return {f"{prefix}_document": source["document_id"], f"{prefix}_start": source["span"][0],
            f"{prefix}_end": source["span"][1], f"{prefix}_quote": source["quote"]}


SERIES_COLUMNS = _columns("""
place_id 地区编号
place 地区
full_name 全称
level 层级
code 行政区划代码
parent 上级地区
year 年份
metric_id 指标代码
metric 指标
basis 口径
target_op 目标要求
target_value 目标值
target_value_high 目标上限
target_unit 目标单位
target_figure 目标（原文写法）
target_tier 层级（主要指标/任务）
target_id 目标编号
target_document 目标出处文件
target_start 目标起
target_end 目标止
target_quote 目标原文
result_value 实际值
result_unit 实际单位
result_flags 实际值标记
result_origin 实际值来源
result_document 实际出处文件
result_start 实际起
result_end 实际止
result_quote 实际原文
status 结论代码
status_label 结论
status_source 结论来源
gap 差距（正为好于目标）
move 较上一目标
move_delta 调整幅度
""")


def series_rows(place: dict, series: dict) -> list[dict]:
    """The rows of one place's series (``places.model.Series.to_json`` plus the place's own fields)."""
    out = []
    for r in series["rows"]:
        t, res, mv = r["target"], r["result"], r["move"]
        out.append({
            "place_id": place["id"], "place": place["label"], "full_name": place["full_name"],
            "level": place["level_label"], "code": place.get("code"),
            "parent": (place.get("parent") or {}).get("label"), "year": r["year"], "metric_id": series["metric_id"],
            "metric": series["label"], "basis": series["basis"],
            "target_op": t["op"] if t else None, "target_value": t["value"] if t else None,
            "target_value_high": t["value_high"] if t else None, "target_unit": t["unit"] if t else None,
            "target_figure": t["figure"] if t else None, "target_tier": t["tier"] if t else None,
            "target_id": t["target_id"] if t else None, **_src("target", t["source"] if t else None),
            "result_value": res["value"] if res else None, "result_unit": res["unit"] if res else None,
            "result_flags": ",".join(res["flags"]) if res else None, "result_origin": res["origin"] if res else None,
            **_src("result", res["source"] if res else None),
            "status": r["status"], "status_label": r["status_label"], "status_source": r["status_source"],
            "gap": r["gap"], "move": mv["label"] if mv else None, "move_delta": mv["delta"] if mv else None,
        })
    return out


GOAL_COLUMNS = _columns("""
place 地区
metric_id 指标代码
metric 指标
goal 目标（原文写法）
kind 类型
start 起始年
end 目标年
last_year 最新数据年
required 余下每年须达到
required_unit 单位
status 进度判断
final_status 期末结论
note 说明
target_id 目标编号
target_document 出处文件
target_start 起
target_end 止
target_quote 原文
""")


def goal_rows(place: dict, goals: list[dict]) -> list[dict]:
    out = []
    for g in goals:
        t, p = g["target"], g["path"]
        out.append({"place": place["label"], "metric_id": t["metric_id"], "metric": t["metric_name"],
                    "goal": t["figure"], "kind": p["kind_label"], "start": p["start"], "end": p["end"],
                    "last_year": p["last_year"], "required": p["required"], "required_unit": p["required_unit"],
                    "status": p["status_label"], "final_status": g["final_status_label"], "note": p["note"],
                    "target_id": t["target_id"], **_src("target", t["source"])})
    return out


CARRY_COLUMNS = _columns("""
year 年份
kind 类型
score 相似度
before_id 上年目标编号
before_status 上年结论
before_document 上年出处
before_start 上年起
before_end 上年止
before_quote 上年原文
after_id 次年目标编号
after_document 次年出处
after_start 次年起
after_end 次年止
after_quote 次年原文
""")


def carry_rows(data: dict) -> list[dict]:
    out = []
    for lk in data["links"]:
        b, a = lk["before"], lk["after"]
        out.append({"year": data["year"], "kind": lk["kind_label"], "score": lk["score"], "before_id": b["target_id"],
                    "before_status": b["status_label"], **_src("before", b["source"]), "after_id": a["target_id"],
                    **_src("after", a["source"])})
    for c in data["headline_changes"]:
        out.append({"year": data["year"], "kind": f"主要指标{c['change_label']}：{c['label']}", "score": None,
                    "before_id": c["before"]["target_id"] if c["before"] else None,
                    "before_status": c["before"]["status_label"] if c["before"] else None,
                    **_src("before", c["before"]["source"] if c["before"] else None),
                    "after_id": c["after"]["target_id"] if c["after"] else None,
                    **_src("after", c["after"]["source"] if c["after"] else None)})
    return out


PLACE_COLUMNS = _columns("""
id 地区编号
label 地区
full_name 全称
level_label 层级
code 行政区划代码
parent 上级地区
documents 文件数
first_year 最早年份
last_year 最近年份
targets 目标数
""")


def place_rows(places: list[dict]) -> list[dict]:
    return [{**p, "parent": (p.get("parent") or {}).get("label")} for p in places]

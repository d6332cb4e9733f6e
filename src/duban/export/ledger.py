"""The ledger (a filtered view of targets, or all of them) as xlsx, CSV or JSON. Each row carries the
machine status and, beside it, the latest human review — the machine's verdict is never replaced."""

from __future__ import annotations

import csv
import io
import json

from ..records import FLAG_LABELS, STATUS_LABELS

LEDGER_COLUMNS = (
    ("id", "编号"), ("document", "文件"), ("jurisdiction", "地区"), ("year", "年份"), ("top_section", "章节"),
    ("section", "小节"), ("text", "目标任务"), ("indicators", "量化指标"), ("kind", "类型"),
    ("machine_status", "机器评估"), ("review_status", "人工复核"), ("status", "当前结论"), ("flags", "疑点标记"),
    ("review_comment", "复核意见"), ("reviewer", "复核人"), ("reviewed_at", "复核时间"),
    ("span", "原文位置"),
)


def _cell(key: str, row: dict) -> str | int | None:
    value = row.get(key)
    if key in ("machine_status", "review_status", "status") and value:
        return STATUS_LABELS.get(value, value)
    if key == "flags":
        return "、".join(FLAG_LABELS.get(f, f) for f in value or [])
    if key == "indicators":
        return "；".join(value or [])
    if key == "span":
        return f"{value[0]}-{value[1]}" if value else ""
    return value


def to_json(rows: list[dict]) -> bytes:
    return json.dumps({"targets": rows}, ensure_ascii=False, indent=1).encode("utf-8")


def to_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([label for _, label in LEDGER_COLUMNS] + ["status_code"])
    for r in rows:
        w.writerow([_cell(k, r) for k, _ in LEDGER_COLUMNS] + [r.get("status")])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "目标台账"
    ws.append([label for _, label in LEDGER_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([_cell(k, r) for k, _ in LEDGER_COLUMNS])
    for col, width in zip("ABCDEFGHIJKLMNOPQ", (8, 28, 12, 6, 24, 20, 60, 30, 8, 10, 10, 10, 16, 30, 10, 18, 12),
                          strict=False):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "G2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render(rows: list[dict], kind: str) -> bytes:
    if kind == "json":
        return to_json(rows)
    if kind == "csv":
        return to_csv(rows)
    if kind == "xlsx":
        return to_xlsx(rows)
    raise ValueError(f"unknown ledger format {kind!r} (xlsx, csv, json)")

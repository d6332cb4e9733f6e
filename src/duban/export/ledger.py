"""The ledger (a filtered view of targets, or all of them) as xlsx, CSV or JSON. Each row carries the
machine status and, beside it, the latest human review — the machine's verdict is never replaced.

The writers take an iterable of rows and write as they go (openpyxl's write-only mode, CSV and JSON row by
row), so an export of 100,000 targets holds one row at a time. Spreadsheet cells of report text or review
comments never start a formula (``export.cells``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO, BinaryIO

from ..records import FLAG_LABELS, KIND_LABELS, STATUS_LABELS, TARGET_KIND_LABELS, TIER_LABELS
from .cells import safe, safe_text


def _label(labels: dict[str, str]) -> Callable[[object], str]:
    return lambda v: labels.get(v, v) if v else ""  # type: ignore[arg-type]


# (key, Chinese header, how the value is shown; None = as it is)
LEDGER_COLUMNS: tuple[tuple[str, str, Callable | None], ...] = (
    ("id", "编号", None), ("document", "文件", None), ("doc_kind", "文件类型", _label(KIND_LABELS)),
    ("jurisdiction", "地区", None), ("year", "年份", None), ("tier", "层级", _label(TIER_LABELS)),
    ("top_section", "章节", None), ("section", "小节", None), ("text", "目标任务", None),
    ("indicators", "量化指标", lambda v: "；".join(v or [])), ("kind", "类型", _label(TARGET_KIND_LABELS)),
    ("machine_status", "机器评估", _label(STATUS_LABELS)), ("review_status", "人工复核", _label(STATUS_LABELS)),
    ("status", "当前结论", _label(STATUS_LABELS)),
    ("flags", "疑点标记", lambda v: "、".join(FLAG_LABELS.get(f, f) for f in v or [])),
    ("review_comment", "复核意见", None), ("reviewer", "复核人", None), ("reviewed_at", "复核时间", None),
    ("location", "原文位置", None),
)
# in the CSV, the codes go beside their Chinese labels (for scripts): 机器评估, 机器评估代码, …
CODE_COLUMNS = {"machine_status": "机器评估代码", "review_status": "人工复核代码", "status": "当前结论代码",
                "flags": "疑点代码"}
WIDTHS = {"id": 8, "document": 26, "doc_kind": 12, "jurisdiction": 12, "year": 7, "tier": 9, "top_section": 22,
          "section": 18, "text": 60, "indicators": 30, "kind": 6, "machine_status": 11, "review_status": 11,
          "status": 11, "flags": 16, "review_comment": 30, "reviewer": 10, "reviewed_at": 17, "location": 10}


def _value(key: str, show: Callable | None, row: dict):
    value = row.get(key)
    return show(value) if show else value


def _reviewed_at(value: str | None) -> datetime | None:
    """The review time as the spreadsheet shows it: Beijing time, without the offset (Excel has none)."""
    return datetime.fromisoformat(value).replace(tzinfo=None) if value else None


def write_csv(rows: Iterable[dict], fh: BinaryIO) -> int:
    """UTF-8 with BOM (Excel opens it as UTF-8); returns the number of rows."""
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", write_through=True)
    w = csv.writer(text)
    header = []
    for key, label, _ in LEDGER_COLUMNS:
        header.append(label)
        if key in CODE_COLUMNS:
            header.append(CODE_COLUMNS[key])
    w.writerow(header)
    n = 0
    for row in rows:
        out = []
        for key, _, show in LEDGER_COLUMNS:
            out.append(safe(_value(key, show, row)))
            if key in CODE_COLUMNS:
                code = row.get(key)
                out.append(",".join(code) if isinstance(code, list) else code)
        w.writerow(out)
        n += 1
    text.flush()
    text.detach()
    return n


def write_json(rows: Iterable[dict], fh: BinaryIO) -> int:
    fh.write(b'{"targets": [\n')
    n = 0
    for row in rows:
        fh.write((",\n" if n else "") .encode() + json.dumps(row, ensure_ascii=False).encode("utf-8"))
        n += 1
    fh.write(b"\n]}\n")
    return n


def write_xlsx(rows: Iterable[dict], fh: IO[bytes]) -> int:
    """One sheet 目标台账: bold header row, frozen, with filters; ids and years as numbers, review times as
    dates; printed on A4 landscape, one page wide, the header repeated."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("目标台账")
    ws.freeze_panes = "A2"
    for n, (key, _, _) in enumerate(LEDGER_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = WIDTHS.get(key, 12)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F4")
    header = []
    for _, label, _ in LEDGER_COLUMNS:
        cell = WriteOnlyCell(ws, value=label)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    ws.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    text_col = next(n for n, (key, _, _) in enumerate(LEDGER_COLUMNS) if key == "text")
    when_col = next(n for n, (key, _, _) in enumerate(LEDGER_COLUMNS) if key == "reviewed_at")
    n = 0
    for row in rows:
        values = [safe(_value(key, show, row)) for key, _, show in LEDGER_COLUMNS]
        target = WriteOnlyCell(ws, value=values[text_col])
        target.alignment = wrap
        values[text_col] = target
        if values[when_col]:
            when = WriteOnlyCell(ws, value=_reviewed_at(row.get("reviewed_at")))
            when.number_format = "yyyy-mm-dd hh:mm"
            values[when_col] = when
        ws.append(values)
        n += 1
    last = get_column_letter(len(LEDGER_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{n + 1}"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    wb.save(fh)
    return n


WRITERS = {"csv": write_csv, "json": write_json, "xlsx": write_xlsx}


def write(rows: Iterable[dict], kind: str, fh: BinaryIO) -> int:
    """Write the rows to ``fh`` in ``kind`` (xlsx, csv, json); returns how many rows were written."""
    if kind not in WRITERS:
        raise ValueError(f"unknown ledger format {kind!r} (xlsx, csv, json)")
    return WRITERS[kind](rows, fh)


def render(rows: Iterable[dict], kind: str) -> bytes:
    buf = io.BytesIO()
    write(rows, kind, buf)
    return buf.getvalue()


__all__ = ["LEDGER_COLUMNS", "render", "safe_text", "write"]

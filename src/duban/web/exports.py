"""Downloads: the current ledger view (``/export/targets.xlsx|csv|json`` with the ledger's query
parameters) and one assessment run as the 编号|目标任务|完成情况 table (``/export/runs/N.xlsx|docx|csv|md``)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response

from ..export import ledger as ledger_export
from ..export import table
from ..store.queries import LedgerQuery, ledger_rows, run_table
from .common import DB, ApiError, Viewer
from .params import ledger_query

router = APIRouter(prefix="/export", tags=["export"])
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
}
LEDGER_KINDS = ("xlsx", "csv", "json")
TABLE_KINDS = ("xlsx", "docx", "csv", "md")
RUN_FILE = re.compile(r"^(\d{1,12})\.([a-z]+)$")


def download(payload: bytes, kind: str, filename: str) -> Response:
    return Response(payload, media_type=MEDIA[kind],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/targets.{fmt}", summary="导出当前台账视图（与 /api/targets 相同的筛选参数）：xlsx、csv、json")
def export_targets(db: DB, user: Viewer, fmt: Annotated[str, Path(description="xlsx、csv 或 json")],
                   query: Annotated[LedgerQuery, Depends(ledger_query)]) -> Response:
    if fmt not in LEDGER_KINDS:
        raise ApiError(404, f"不支持的导出格式 {fmt!r}（{'、'.join(LEDGER_KINDS)}）")
    rows = ledger_rows(db, query)
    suffix = "-" + query.status if query.status else ""
    return download(ledger_export.render(rows, fmt), fmt, f"duban-targets{suffix}.{fmt}")


@router.get("/runs/{name}", summary="导出一次评估的 编号|目标任务|完成情况 表：N.xlsx、N.docx、N.csv、N.md")
def export_run(db: DB, user: Viewer,
               name: Annotated[str, Path(description="批次编号加格式，如 3.xlsx")]) -> Response:
    m = RUN_FILE.match(name)
    if not m or m.group(2) not in TABLE_KINDS:
        raise ApiError(404, f"没有这个导出：{name}（用 N.xlsx、N.docx、N.csv 或 N.md）")
    run_id, kind = int(m.group(1)), m.group(2)
    data = run_table(db, run_id)
    if data is None:
        raise ApiError(404, f"没有评估批次 {run_id}")
    return download(table.render(data, kind), kind, f"duban-run-{run_id}.{kind}")

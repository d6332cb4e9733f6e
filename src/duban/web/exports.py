"""Downloads: the current ledger view (``/export/targets.xlsx|csv|json`` with the ledger's query
parameters) and one assessment run as the 编号|目标任务|完成情况 table (``/export/runs/N.xlsx|docx|csv|md``).

Files are built in the thread pool, streamed from disk, kept per data version and at most two built at once
per process (``downloads.py``)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import StreamingResponse

from ..export import ledger as ledger_export
from ..export import table
from ..store.cache import data_version
from ..store.exports import ledger_export_rows
from ..store.queries import LedgerQuery, run_table
from .common import DB, ApiError, Viewer
from .downloads import DOWNLOADS, chunks
from .filters import ledger_view

router = APIRouter(prefix="/export", tags=["导出"])
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


def download(handle, kind: str, filename: str) -> StreamingResponse:
    return StreamingResponse(chunks(handle), media_type=MEDIA[kind], headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/targets.{fmt}", summary="导出当前台账视图（与 /api/targets 相同的筛选参数）：xlsx、csv、json")
def export_targets(db: DB, user: Viewer, fmt: Annotated[str, Path(description="xlsx、csv 或 json")],
                   query: Annotated[LedgerQuery, Depends(ledger_view)]) -> StreamingResponse:
    if fmt not in LEDGER_KINDS:
        raise ApiError(404, f"不支持的导出格式 {fmt!r}（{'、'.join(LEDGER_KINDS)}）")
    key = (data_version(db), "targets", fmt, tuple(sorted(query.params().items())))
    handle = DOWNLOADS.open(key, lambda fh: ledger_export.write(ledger_export_rows(db, query), fmt, fh))
    suffix = "-" + query.status if query.status else ""
    return download(handle, fmt, f"duban-targets{suffix}.{fmt}")


@router.get("/runs/{name}", summary="导出一次评估的 编号|目标任务|完成情况 表：N.xlsx、N.docx、N.csv、N.md")
def export_run(db: DB, user: Viewer,
               name: Annotated[str, Path(description="批次编号加格式，如 3.xlsx")]) -> StreamingResponse:
    m = RUN_FILE.match(name)
    if not m or m.group(2) not in TABLE_KINDS:
        raise ApiError(404, f"没有这个导出：{name}（用 N.xlsx、N.docx、N.csv 或 N.md）")
    run_id, kind = int(m.group(1)), m.group(2)

    def build(fh) -> None:
        data = run_table(db, run_id)
        if data is None:
            raise ApiError(404, f"没有评估批次 {run_id}")
        fh.write(table.render(data, kind))

    handle = DOWNLOADS.open((data_version(db), "run", run_id, kind), build)
    return download(handle, kind, f"duban-run-{run_id}.{kind}")

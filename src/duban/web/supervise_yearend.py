"""The year-end table on the web (督查室): compile it from the ledger's latest reports, review row by row (the
compiled text beside the reviewer's), finalise, export in seed 001's format (编号|目标任务|完成情况: docx, xlsx, csv,
txt) or with duban's verdict columns (layout=assessed), and store it in the ledger as the year's completion
report (assessed against the plan like any other)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ..store import supervision as store
from ..store import supervision_yearend as yearend
from ..store.models_supervision import YearEndRow
from .auth import check_post
from .common import DB, ApiError
from .guard import SafeJSONResponse
from .params import MAX_INT
from .supervise import Staff, attempt, done, page
from .supervise_tasks import _form, _opt_int

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/supervise", tags=["督办"], default_response_class=SafeJSONResponse)
ROUTERS = [pages, api]
TableId = Annotated[int, Path(ge=1, le=MAX_INT, description="年终汇编表编号")]
ERRORS = {401: {"description": "需要登录"}, 403: {"description": "无权限"}, 404: {"description": "不存在"}}
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv; charset=utf-8", "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def _table(db, table_id: int) -> YearEndRow:
    table = db.get(YearEndRow, table_id)
    if table is None:
        raise ApiError(404, f"没有年终汇编表 {table_id}")
    return table


def _data(db, table: YearEndRow) -> dict:
    from ..records import STATUS_LABELS

    rows = yearend.rows_of(db, table.id)
    return {"table": {"id": table.id, "plan_id": table.plan_id, "title": table.title, "status": table.status,
                      "compiled_at": table.compiled_at.isoformat(), "compiled_by": table.compiled_by,
                      "reviewed_by": table.reviewed_by, "document_id": table.document_id,
                      "reviewed": sum(r.final is not None for r in rows), "rows": len(rows)},
            "rows": [{"id": r.id, "number": r.number, "task_id": r.task_id, "target": r.target, "compiled": r.compiled,
                      "final": r.final, "status": r.status, "status_label": STATUS_LABELS.get(r.status, r.status),
                      "reviewed_by": r.reviewed_by} for r in rows]}


def _index(db) -> dict:
    tables = db.scalars(select(YearEndRow).order_by(YearEndRow.id.desc())).all()
    return {"tables": [{"id": t.id, "title": t.title, "status": t.status, "plan_id": t.plan_id,
                        "compiled_at": t.compiled_at.isoformat()} for t in tables],
            "plans": [{"id": p.id, "title": p.title, "year": p.year} for p in store.plans(db)]}


@pages.get("/supervise/yearend")
def index_page(request: Request, db: DB, user: Staff):
    return page(request, "supervise_yearend_index.html", {"title": "年终汇编", "d": _index(db)})


@api.get("/yearend", summary="年终完成情况汇编表", responses=ERRORS)
def api_index(db: DB, user: Staff) -> dict:
    return _index(db)


@pages.post("/supervise/yearend")
@api.post("/yearend", status_code=201, responses=ERRORS,
          summary="从台账最新进展汇编年终 编号|目标任务|完成情况 表（或重新汇编 table_id）")
async def post_compile(request: Request, db: DB, user: Staff):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    table_id = _opt_int(fields.get("table_id"), "table_id")
    table = await run_in_threadpool(lambda: attempt(lambda: yearend.compile_table(
        db, fields.get("plan", "") or (_table(db, table_id).plan_id if table_id else ""), user.username, table_id)))
    return done(request, "已汇编，请逐行复核", f"/supervise/yearend/{table.id}", {"table_id": table.id})


@pages.get("/supervise/yearend/{table_id}")
def table_page(request: Request, db: DB, user: Staff, table_id: TableId):
    return page(request, "supervise_yearend.html", {"title": "年终汇编", "d": _data(db, _table(db, table_id))})


@api.get("/yearend/{table_id}", summary="一张年终汇编表：每行的汇编文本与复核文本", responses=ERRORS)
def api_table(db: DB, user: Staff, table_id: TableId) -> dict:
    return _data(db, _table(db, table_id))


@pages.post("/supervise/yearend/{table_id}/rows/{row_id}")
@api.post("/yearend/{table_id}/rows/{row_id}", status_code=200, summary="复核一行（留空：采用汇编文本）",
          responses=ERRORS)
async def post_row(request: Request, db: DB, user: Staff, table_id: TableId,
                   row_id: Annotated[int, Path(ge=1, le=MAX_INT)]):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    await run_in_threadpool(lambda: attempt(lambda: yearend.review_row(db, table_id, row_id, fields.get("final"),
                                                                       user)))
    return done(request, "已复核", f"/supervise/yearend/{table_id}#row-{row_id}", {}, 200)


@pages.post("/supervise/yearend/{table_id}/finalize")
@api.post("/yearend/{table_id}/finalize", status_code=200, summary="审定整张表（每行须已复核）", responses=ERRORS)
async def post_finalize(request: Request, db: DB, user: Staff, table_id: TableId):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    await run_in_threadpool(lambda: attempt(lambda: yearend.finalize(db, table_id, user)))
    return done(request, "已审定", f"/supervise/yearend/{table_id}", {}, 200)


@api.get("/yearend/{table_id}/export/{fmt}", response_class=Response, responses=ERRORS,
         summary="导出：docx、xlsx、csv、txt（seed 001 的 编号|目标任务|完成情况 格式）；layout=assessed 加评估结论列")
def export(db: DB, user: Staff, table_id: TableId, fmt: Annotated[str, Path(max_length=8)],
           layout: Annotated[str | None, Query(max_length=16)] = None):
    table = _table(db, table_id)
    if fmt not in MEDIA or (layout == "assessed" and fmt == "txt") or (layout != "assessed" and fmt == "md"):
        raise ApiError(404, f"不支持的格式 {fmt!r}")
    if layout not in (None, "", "plain", "assessed"):
        raise ApiError(400, f"未知的版式 {layout!r}（plain、assessed）")
    data = attempt(lambda: yearend.assessed(db, table.id, fmt) if layout == "assessed"
                   else yearend.export(db, table.id, fmt))
    suffix = "-assessed" if layout == "assessed" else ""
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="duban-yearend-{table.id}{suffix}.{fmt}"',
        "Cache-Control": "no-store"})


@pages.post("/supervise/yearend/{table_id}/ledger")
@api.post("/yearend/{table_id}/ledger", status_code=201, summary="把审定的表作为年度完成情况存入台账并评估",
          responses=ERRORS)
async def post_ledger(request: Request, db: DB, user: Staff, table_id: TableId):
    from ..batch import assess_pair, store_file

    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    database = request.app.state.database

    def text() -> tuple[str, bytes]:
        with database.session() as s:
            table = _table(s, table_id)
            if table.status != "reviewed":
                raise ApiError(400, "请先审定整张表")
            return table.plan_id, yearend.export(s, table.id, "txt")

    plan_id, data = await run_in_threadpool(text)
    stored = await run_in_threadpool(store_file, database, user.username, f"yearend-{table_id}.txt", data)
    if stored.doc_id is None:
        raise ApiError(400, stored.problem or "无法存入台账")
    pair = await run_in_threadpool(assess_pair, database, user.username, plan_id, stored.doc_id)

    def link() -> None:
        with database.session() as s:
            _table(s, table_id).document_id = stored.doc_id
            store.audit(s, user.username, "yearend_ledger", f"yearend:{table_id}", document=stored.doc_id)

    await run_in_threadpool(link)
    message = "已存入台账并评估" if not pair.problem else f"已存入台账；评估未完成：{pair.problem}"
    return done(request, message, f"/documents/{stored.doc_id}", {"document_id": stored.doc_id})

"""The JSON twins of the pages (same data), the review API, and a small HTML index of the endpoints
generated from the OpenAPI schema (Swagger UI would load its assets from a CDN)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Path, Request, Response
from pydantic import BaseModel, Field

from ..errors import DubanError
from ..records import STATUS_LABELS
from ..store.accounts import REVIEW_STATUSES, add_review
from ..store.cache import remember
from ..store.dashboard import filter_key
from ..store.queries import LedgerQuery, target_detail
from ..store.times import iso
from ..store.web_queries import target_exists
from . import views
from .auth import check_post
from .common import DB, ApiError, Reviewer, Viewer, csrf_token, render
from .filters import dashboard_filters, ledger_view
from .guard import SafeJSONResponse, refuse_nul
from .params import MAX_INT

router = APIRouter(prefix="/api", tags=["数据接口"], default_response_class=SafeJSONResponse)
TargetId = Annotated[int, Path(ge=1, le=MAX_INT, description="目标编号（台账中的编号）")]
DocId = Annotated[str, Path(description="文件 id（内容哈希的前 16 位）")]
RunId = Annotated[int, Path(ge=1, le=MAX_INT, description="评估批次编号")]
ERRORS = {400: {"description": "参数有误"}, 401: {"description": "需要登录"}, 404: {"description": "不存在"}}


class ReviewIn(BaseModel):
    status: str = Field(description=f"复核结论：{', '.join(REVIEW_STATUSES)}")
    comment: str = Field("", max_length=4000, description="复核意见")


@router.get("/dashboard", summary="总览：最近一期主要指标、未完成与部分完成、有疑点的评估、未见完成情况的主要指标、"
                                  "各文件与章节的目标数（均按目标计）", responses=ERRORS, response_model=dict)
def api_dashboard(db: DB, user: Viewer, filters: Annotated[LedgerQuery, Depends(dashboard_filters)]) -> Response:
    # the same bytes for every visitor until the ledger changes: validating and encoding the overview's
    # ≈ 400 KiB on every request cost ≈ 30 ms of CPU, so it is encoded once per data version and filters
    data = views.dashboard(db, filters)  # remembered too (and 404 for an unknown document)
    body = remember(db, "json:dashboard", filter_key(filters), lambda: SafeJSONResponse(data).body, len)
    return Response(body, media_type="application/json")


@router.get("/targets", summary="目标台账：筛选、排序、分页", responses=ERRORS)
def api_targets(db: DB, user: Viewer, query: Annotated[LedgerQuery, Depends(ledger_view)]) -> dict:
    return views.ledger(db, query)


@router.get("/targets/{target_id}", summary="一个目标：原文、证据、机器评估历史、人工复核", responses=ERRORS)
def api_target(db: DB, user: Viewer, target_id: TargetId) -> dict:
    return views.target(db, target_id)


@router.post("/targets/{target_id}/reviews", status_code=201, summary="提交人工复核（会话 + X-CSRF-Token）",
             responses={**ERRORS, 403: {"description": "CSRF 令牌无效或跨站请求"}})
def api_review(request: Request, db: DB, user: Reviewer, target_id: TargetId, review: Annotated[ReviewIn, Body()],
               x_csrf_token: Annotated[str | None, Header()] = None) -> dict:
    check_post(request, x_csrf_token)
    refuse_nul(review.status, review.comment)
    if not target_exists(db, target_id):
        raise ApiError(404, f"没有目标 {target_id}")
    if review.status not in REVIEW_STATUSES:
        raise ApiError(400, f"未知的复核结论 {review.status!r}（可选：{'、'.join(REVIEW_STATUSES)}）")
    try:
        row = add_review(db, target_id, user, review.status, review.comment)
    except DubanError as exc:
        raise ApiError(400, str(exc)) from exc
    detail = target_detail(db, target_id)
    assert detail is not None
    return {"review": {"id": row.id, "status": row.status, "status_label": STATUS_LABELS[row.status],
                       "comment": row.comment, "machine_status": row.machine_status, "user": user.username,
                       "at": iso(row.created_at)},
            "target": detail["target"]}


@router.get("/documents", summary="文件列表", responses=ERRORS)
def api_documents(db: DB, user: Viewer) -> dict:
    return views.documents(db)


@router.get("/documents/{doc_id}", summary="一个文件：全文、提纲、目标、实绩数据、评估批次", responses=ERRORS)
def api_document(db: DB, user: Viewer, doc_id: DocId) -> Response:
    # the same bytes for every visitor until the ledger changes (a document is ≈ 300 targets and its text):
    # encoded once per data version, like the HTML page's body
    body = remember(db, "json:document", (doc_id,), lambda: SafeJSONResponse(views.document(db, doc_id)).body, len)
    return Response(body, media_type="application/json")


@router.get("/runs/{run_id}", summary="一次评估：编号|目标任务|完成情况 各行的评估结果", responses=ERRORS)
def api_run(db: DB, user: Viewer, run_id: RunId) -> dict:
    return views.run(db, run_id)


@router.get("/session", summary="当前会话：登录用户与 CSRF 令牌（POST 时放在 X-CSRF-Token 头）")
def api_session(request: Request, db: DB, user: Viewer) -> dict:
    if user is None:
        return {"user": None, "csrf_token": None}
    return {"user": {"username": user.username, "display_name": user.display_name}, "csrf_token": csrf_token(request)}


def endpoints(schema: dict) -> list[dict]:
    out = []
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            params = [{"name": p["name"], "in": p["in"], "description": p.get("description", ""),
                       "required": p.get("required", False)} for p in op.get("parameters", [])]
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params,
                        "body": "requestBody" in op})
    return out


index = APIRouter(include_in_schema=False)


@index.get("/api")
def api_index(request: Request, db: DB, user: Viewer):
    return render(request, "api.html", {"title": "JSON 接口", "nav": "api",
                                        "endpoints": endpoints(request.app.openapi())})


@index.get("/docs")
def api_docs(request: Request, db: DB, user: Viewer):
    """Swagger UI on the OpenAPI description, its assets served from the fastapi-offline package (no CDN)."""
    return render(request, "apidocs.html", {"title": "接口文档", "nav": "api"})

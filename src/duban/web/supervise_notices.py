"""Notices on the web: the list (a unit sees its own), one notice with its replies and history, its DOCX as issued,
issuing one for a task (督查室), the unit's reply with its evidence (closes it), reopening a reply the office does
not accept, withdrawing a notice issued in error."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..store import supervision as store
from ..store import supervision_notices as notices
from ..store import supervision_views as views
from ..store.models_supervision import NoticeRow
from ..supervise.notice_docx import KIND_TITLES
from .auth import check_post
from .common import DB, ApiError
from .guard import SafeJSONResponse
from .params import MAX_INT
from .supervise import Member, Staff, attempt, done, page, settings_of, visible_task
from .supervise_tasks import _date, _form, _opt_int, _report

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/supervise", tags=["督办"], default_response_class=SafeJSONResponse)
ROUTERS = [pages, api]
NoticeId = Annotated[int, Path(ge=1, le=MAX_INT, description="通知编号")]
TaskId = Annotated[int, Path(ge=1, le=MAX_INT, description="督办任务编号")]
Status = Annotated[str | None, Query(max_length=16)]
ERRORS = {401: {"description": "需要登录"}, 403: {"description": "无权限"},
          404: {"description": "不存在或不属于本单位"}}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _notice(db, user, notice_id: int) -> NoticeRow:
    notice = db.get(NoticeRow, notice_id)
    if notice is None:
        raise ApiError(404, f"没有通知 {notice_id}")
    if user.role == "unit" and notice.unit_id not in store.user_unit_ids(db, user):
        raise ApiError(404, f"没有通知 {notice_id}，或该通知不是发给您单位的")
    return notice


def _status(value: str | None) -> str | None:
    if value and value not in views.NOTICE_STATUS:
        raise ApiError(400, f"未知的状态 {value!r}（可选：{'、'.join(views.NOTICE_STATUS)}）")
    return value or None


@pages.get("/supervise/notices")
def notices_page(request: Request, db: DB, user: Member, status: Status = None):
    return page(request, "notice_list.html", {"title": "督办通知", "d": views.notice_list(db, user, _status(status))})


@api.get("/notices", summary="督办通知单与催办单（单位填报员：发给本单位的）", responses=ERRORS)
def api_notices(db: DB, user: Member, status: Status = None) -> dict:
    return views.notice_list(db, user, _status(status))


@pages.get("/supervise/notices/{notice_id}")
def notice_page(request: Request, db: DB, user: Member, notice_id: NoticeId):
    notice = _notice(db, user, notice_id)
    data = views.notice_detail(db, notice)
    task = visible_task(db, user, notice.task_id)
    detail = views.task_detail(db, task, settings_of(request).today())
    return page(request, "notice.html", {"title": data["notice"]["number"], "d": data, "td": detail,
                                         "staff": user.role != "unit"})


@api.get("/notices/{notice_id}", summary="一份通知：内容、反馈、办理经过", responses=ERRORS)
def api_notice(db: DB, user: Member, notice_id: NoticeId) -> dict:
    return views.notice_detail(db, _notice(db, user, notice_id))


@api.get("/notices/{notice_id}/docx", summary="通知的 DOCX（与签发时一致）", responses=ERRORS,
         response_class=Response)
def notice_docx(db: DB, user: Member, notice_id: NoticeId):
    from urllib.parse import quote

    notice = _notice(db, user, notice_id)
    name = f"{KIND_TITLES[notice.kind]}-{notice.number}.docx"
    return Response(notice.docx, media_type=DOCX, headers={
        "Content-Disposition": f"attachment; filename=\"duban-notice-{notice.id}.docx\"; "
                               f"filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


@pages.post("/supervise/tasks/{task_id}/notices")
@api.post("/tasks/{task_id}/notices", status_code=201, summary="签发督办通知单或催办单（督查室）", responses=ERRORS)
async def post_notice(request: Request, db: DB, user: Staff, task_id: TaskId):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    settings = settings_of(request)

    def work():
        task = visible_task(db, user, task_id)
        defaults = notices.default_texts(task, settings, settings.today())
        return attempt(lambda: notices.issue(
            db, task, fields.get("kind", "supervise"), _opt_int(fields.get("unit_id"), "unit_id"),
            _date(fields.get("reply_due") or defaults["reply_due"], "反馈时限"),
            fields.get("lagging") or defaults["lagging"], fields.get("requirement") or defaults["requirement"],
            settings, user.username))

    notice = await run_in_threadpool(work)
    return done(request, f"已签发 {notice.number}", f"/supervise/notices/{notice.id}",
                {"notice": views.notice_detail(db, notice)["notice"]})


@pages.post("/supervise/notices/{notice_id}/replies")
@api.post("/notices/{notice_id}/replies", status_code=201, summary="单位反馈（附最新进展或佐证材料，反馈后办结）",
          responses=ERRORS)
async def post_reply(request: Request, db: DB, user: Member, notice_id: NoticeId):
    settings = settings_of(request)
    fields, uploads = await _form(request, settings.attachments_per_report, settings.attachment_max_bytes)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))

    def work():
        notice = _notice(db, user, notice_id)
        has_report = bool(fields.get("period_end")) and (
            bool(fields.get("progress", "").strip())
            or any(k.startswith("fig_") and v.strip() for k, v in fields.items()))
        report = None
        if has_report:
            report = _report({**fields, "text": fields.get("progress", ""), "claim": fields.get("claim") or "on_track"})
        return attempt(lambda: notices.reply(db, notice, user, fields.get("text", ""), report, uploads, settings))

    row = await run_in_threadpool(work)
    return done(request, "反馈已提交，通知已办结", f"/supervise/notices/{notice_id}", {"reply_id": row.id})


@pages.post("/supervise/notices/{notice_id}/reopen")
@api.post("/notices/{notice_id}/reopen", status_code=200, summary="退回反馈、重新督办（督查室）", responses=ERRORS)
async def post_reopen(request: Request, db: DB, user: Staff, notice_id: NoticeId):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    due = _date(fields["reply_due"], "反馈时限") if fields.get("reply_due") else None
    await run_in_threadpool(lambda: attempt(lambda: notices.reopen(
        db, _notice(db, user, notice_id), fields.get("reason", ""), user.username, settings_of(request), due)))
    return done(request, "已退回，等待单位重新反馈", f"/supervise/notices/{notice_id}", {}, 200)


@pages.post("/supervise/notices/{notice_id}/withdraw")
@api.post("/notices/{notice_id}/withdraw", status_code=200, summary="撤销误发的通知（督查室）", responses=ERRORS)
async def post_withdraw(request: Request, db: DB, user: Staff, notice_id: NoticeId):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    await run_in_threadpool(lambda: attempt(lambda: notices.withdraw(
        db, _notice(db, user, notice_id), fields.get("reason", ""), user.username)))
    return done(request, "通知已撤销", f"/supervise/notices/{notice_id}", {}, 200)

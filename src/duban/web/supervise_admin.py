"""The office's tools on the web: importing a 分解方案, uploading a periodic progress report (stored in the ledger,
assessed against its plan, its evidence added to the tasks), units (aliases, parent, mailbox, merging: admin),
the reporting calendar, recomputing the lights now, the warnings list by unit and leader, and the scorecards."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from ..batch import assess_pair, store_file
from ..store import supervision as store
from ..store import supervision_refresh as refresh_mod
from ..store import supervision_views as views
from ..store.queries import load_document
from ..store.supervision_progress import plan_targets, sync_documents
from ..store.supervision_scores import scorecards
from ..supervise import breakdown, linking, mail
from .auth import check_post
from .common import DB, ApiError
from .guard import SafeJSONResponse
from .supervise import Admin, Member, Staff, attempt, done, page, settings_of
from .supervise_charts import scorecard_chart
from .supervise_tasks import _date, _form, _opt_int

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/supervise", tags=["督办"], default_response_class=SafeJSONResponse)
ROUTERS = [pages, api]
Text = Annotated[str | None, Query(max_length=200)]
ERRORS = {401: {"description": "需要登录"}, 403: {"description": "无权限"}, 404: {"description": "不存在"}}
MAX_IMPORT = 20 * 1024 * 1024


def import_file(db, plan_id: str, filename: str, data: bytes, actor: str, today) -> dict:
    """Parse, link and store a 分解方案 (shared with ``duban supervise import-plan``)."""
    plan = store.plan_row(db, plan_id)
    parsed = breakdown.parse(data, filename, plan.year)
    doc = load_document(db, plan.id)
    links = linking.link_tasks(doc, plan_targets(db, doc), [r.text for r in parsed.rows])
    return store.import_breakdown(db, plan.id, parsed, hashlib.sha256(data).hexdigest(), links, actor, today)


@pages.get("/supervise/import")
def import_page(request: Request, db: DB, user: Staff):
    return page(request, "supervise_import.html", {"title": "导入分解方案", "plans": store.plans(db), "report": None})


@pages.post("/supervise/import")
@api.post("/imports", status_code=201, summary="导入任务分解方案（xlsx、xls、ods、csv、docx；同一文件再导入不重复）",
          responses=ERRORS)
async def post_import(request: Request, db: DB, user: Staff):
    fields, uploads = await _form(request, 1, MAX_IMPORT)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    if len(uploads) != 1:
        raise ApiError(400, "请选择一个分解方案文件")
    upload = uploads[0]
    if len(upload.data) > MAX_IMPORT:
        raise ApiError(413, f"文件超过 {MAX_IMPORT // 1048576} MB")
    today = settings_of(request).today()
    report = await run_in_threadpool(lambda: attempt(lambda: import_file(
        db, fields.get("plan", ""), upload.filename, upload.data, user.username, today)))
    if request.url.path.startswith("/api/"):
        return SafeJSONResponse(report, status_code=201)
    return page(request, "supervise_import.html", {"title": "导入分解方案", "plans": store.plans(db), "report": report})


@pages.post("/supervise/documents")
@api.post("/documents", status_code=201, summary="上传进展或完成情况报告（存入台账、对照计划评估、计入各任务的证据）",
          responses=ERRORS)
async def post_document(request: Request, db: DB, user: Staff):
    fields, uploads = await _form(request, 1, MAX_IMPORT)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    if len(uploads) != 1:
        raise ApiError(400, "请选择一个报告文件")
    # every step in a transaction of its own (the document is stored and assessed by the batch code, which opens
    # its own): the request's session is not used again, so it holds no write lock meanwhile
    plan_id, database, settings = fields.get("plan", ""), request.app.state.database, settings_of(request)

    def check() -> None:
        with database.session() as s:
            attempt(lambda: store.plan_row(s, plan_id))

    await run_in_threadpool(check)
    stored = await run_in_threadpool(store_file, database, user.username, uploads[0].filename, uploads[0].data)
    if stored.doc_id is None:
        raise ApiError(400, f"{uploads[0].filename}：{stored.problem}")
    pair = await run_in_threadpool(assess_pair, database, user.username, plan_id, stored.doc_id)
    if pair.problem:
        raise ApiError(400, f"{uploads[0].filename}：{pair.problem}")

    def evidence() -> int:
        with database.session() as s:
            added = sync_documents(s, settings.today(), {plan_id})
            refresh_mod.refresh(s, settings, None, user.username)
            return added

    added = await run_in_threadpool(evidence)
    return done(request, f"报告已存入台账并评估，新增 {added} 条任务证据", "/supervise/tasks",
                {"document_id": stored.doc_id, "evidence_added": added})


@pages.post("/supervise/refresh")
@api.post("/refresh", status_code=200, summary="立即重新计算亮灯、提醒（默认按今天；可指定 as_of 日期）",
          responses=ERRORS)
async def post_refresh(request: Request, db: DB, user: Staff):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    settings = settings_of(request)
    at = _date(fields["as_of"], "计算日期") if fields.get("as_of") else None
    send = mail.sender(settings.smtp, settings.base_url)
    result = await run_in_threadpool(lambda: refresh_mod.refresh(db, settings, at, user.username, send))
    return done(request, f"已重新计算（截至 {result['as_of']}）：亮灯变化 {result['lights_changed']} 项",
                "/supervise/warnings", result, 200)


@pages.get("/supervise/warnings")
def warnings_page(request: Request, db: DB, user: Member):
    return page(request, "supervise_warnings.html", {"title": "滞后与逾期预警", "d": _warnings(db, user)})


@api.get("/warnings", summary="滞后与逾期任务：按单位、按牵头领导（每日重算）", responses=ERRORS)
def api_warnings(db: DB, user: Member) -> dict:
    return _warnings(db, user)


def _warnings(db, user) -> dict:
    return refresh_mod.warnings(db, store.visible_task_ids(db, user))


def _scores(request: Request, db, user, plan, leader, unit, tier, period) -> dict:
    if tier and tier not in ("headline", "task"):
        raise ApiError(400, f"未知的层级 {tier!r}（headline、task）")
    return scorecards(db, user, settings_of(request).today(), plan=plan or None, leader=leader or None,
                      unit=_opt_int(unit, "unit"), tier=tier or None,
                      period=_date(period, "报送期") if period else None)


@pages.get("/supervise/scorecards")
def scorecards_page(request: Request, db: DB, user: Member, plan: Text = None, leader: Text = None, unit: Text = None,
                    tier: Text = None, period: Text = None):
    data = _scores(request, db, user, plan, leader, unit, tier, period)
    units = views.task_list(db, user)["units"]
    return page(request, "supervise_scorecards.html", {"title": "单位考评", "d": data, "chart": scorecard_chart(data),
                                                       "units": units})


@api.get("/scorecards", responses=ERRORS,
         summary="各单位任务完成、序时、滞后、逾期与按时报送情况（可按牵头领导、单位、报送期、层级筛选）")
def api_scorecards(request: Request, db: DB, user: Member, plan: Text = None, leader: Text = None, unit: Text = None,
                   tier: Text = None, period: Text = None) -> dict:
    return _scores(request, db, user, plan, leader, unit, tier, period)


@pages.get("/supervise/units")
def units_page(request: Request, db: DB, user: Staff):
    return page(request, "supervise_units.html", {"title": "责任单位", "d": views.units_page(db)})


@api.get("/units", summary="责任单位：别称、上级、联络邮箱、任务数、填报员", responses=ERRORS)
def api_units(db: DB, user: Staff) -> dict:
    return views.units_page(db)


@pages.post("/supervise/units")
@api.post("/units", status_code=200, summary="管理单位：新增、加别称、设上级与邮箱、合并（管理员）", responses=ERRORS)
async def post_units(request: Request, db: DB, user: Admin):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    action = fields.get("action", "")
    unit_id = _opt_int(fields.get("unit_id"), "unit_id")

    def work() -> str:
        if action == "add":
            unit, created = store.ensure_unit(db, fields.get("name", ""), user.username, "person")
            return f"已新增单位 {unit.name}" if created else f"“{unit.name}”已存在"
        if unit_id is None:
            raise ApiError(400, "请选择单位")
        if action == "alias":
            store.add_alias(db, unit_id, fields.get("alias", ""), user.username)
            return "别称已添加"
        if action == "update":
            parent = _opt_int(fields.get("parent_id"), "parent_id")
            store.update_unit(db, unit_id, user.username, parent_id=parent, clear_parent=parent is None,
                              email=fields.get("email", ""), contact=fields.get("contact", ""))
            return "单位信息已保存"
        if action == "merge":
            into = _opt_int(fields.get("into_id"), "into_id")
            if into is None:
                raise ApiError(400, "请选择合并到哪个单位")
            store.merge_units(db, unit_id, into, user.username)
            return "已合并"
        raise ApiError(400, f"未知的操作 {action!r}（add、alias、update、merge）")

    message = await run_in_threadpool(lambda: attempt(work))
    return done(request, message, "/supervise/units", {}, 200)


@pages.get("/supervise/calendar")
def calendar_page(request: Request, db: DB, user: Staff, plan: Text = None):
    return page(request, "supervise_calendar.html", {"title": "报送日历", "d": _calendar(db, plan)})


@api.get("/calendar", summary="报送日历：各计划的报送期与报送日期", responses=ERRORS)
def api_calendar(db: DB, user: Staff, plan: Text = None) -> dict:
    return _calendar(db, plan)


def _calendar(db, plan: str | None) -> dict:
    plans = [p for p in store.plans(db) if not plan or p.id == plan]
    return {"plans": [{"id": p.id, "title": p.title, "year": p.year,
                       "periods": [{"label": r.label, "period_end": r.period_end.isoformat(), "due": r.due.isoformat()}
                                   for r in store.periods(db, p.id)]} for p in plans]}


@pages.post("/supervise/calendar")
@api.post("/calendar", status_code=200, summary="设置或删除一个报送期（管理员）", responses=ERRORS)
async def post_calendar(request: Request, db: DB, user: Admin):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    plan, end = fields.get("plan", ""), _date(fields.get("period_end"), "报送期截止日")

    def work():
        if fields.get("action") == "delete":
            store.delete_period(db, plan, end, user.username)
        else:
            store.set_period(db, plan, end, _date(fields.get("due"), "报送日期"), user.username)

    await run_in_threadpool(lambda: attempt(work))
    return done(request, "报送日历已保存", f"/supervise/calendar?plan={plan}", {}, 200)

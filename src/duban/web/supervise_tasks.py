"""Tasks: the supervision home (the office's overview, or a unit's own tasks), the task list with its filters,
a task's page (the three axes side by side — the engine's evidence status, the schedule light, the unit's own
claim — the dated timeline of its evidence, the lights' history, its notices), a unit's progress report with
figures and attachments, assigning units, a leader, a deadline and milestones, tasks made from plan targets, a
plan target's timeline across the year's reports, and attachments. Each page has its JSON twin under
/api/supervise."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from ..store import supervision as store
from ..store import supervision_views as views
from ..store.models import DocumentRow, TargetRow
from ..store.models_supervision import AttachmentRow, TaskTargetRow
from ..store.supervision_progress import ReportInput, submit_report
from ..supervise.attachments import Upload
from .auth import check_post
from .common import DB, ApiError
from .guard import SafeJSONResponse, refuse_nul
from .params import MAX_INT
from .supervise import Member, Staff, attempt, done, page, settings_of, visible_task

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/supervise", tags=["督办"], default_response_class=SafeJSONResponse)
ROUTERS = [pages, api]
TaskId = Annotated[int, Path(ge=1, le=MAX_INT, description="督办任务编号")]
TargetId = Annotated[int, Path(ge=1, le=MAX_INT, description="目标编号（台账中的编号）")]
FileId = Annotated[int, Path(ge=1, le=MAX_INT, description="附件编号")]
Text = Annotated[str | None, Query(max_length=200)]
COLORS = ("blue", "green", "grey", "yellow", "red")
ERRORS = {401: {"description": "需要登录"}, 403: {"description": "无权限"},
          404: {"description": "不存在或不属于本单位"}}


def _opt_int(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit() or len(value.strip()) > 18:
        raise ApiError(400, f"参数 {name} 须为编号")
    return int(value)


def _filters(plan: str | None, leader: str | None, unit: str | None, color: str | None, tier: str | None,
             q: str | None) -> dict:
    if color and color not in COLORS:
        raise ApiError(400, f"未知的亮灯颜色 {color!r}（可选：{'、'.join(COLORS)}）")
    if tier and tier not in ("headline", "task"):
        raise ApiError(400, f"未知的层级 {tier!r}（headline、task）")
    return {"plan": plan or None, "leader": leader or None, "unit": _opt_int(unit, "unit"), "color": color or None,
            "tier": tier or None, "q": (q or "").strip() or None}


# --- home and lists ----------------------------------------------------------------------------------------

@pages.get("/supervise")
def home_page(request: Request, db: DB, user: Member):
    data = views.home(db, user, settings_of(request).today())
    template = "supervise_home.html" if user.role != "unit" else "unit_home.html"
    return page(request, template, {"title": "督办" if user.role != "unit" else "本单位任务", "d": data})


@api.get("", summary="督办首页：亮灯统计、需关注的任务、提醒、待反馈的通知（单位填报员：本单位）", responses=ERRORS)
def api_home(request: Request, db: DB, user: Member) -> dict:
    return views.home(db, user, settings_of(request).today())


@pages.get("/supervise/tasks")
def tasks_page(request: Request, db: DB, user: Member, plan: Text = None, leader: Text = None, unit: Text = None,
               color: Text = None, tier: Text = None, q: Text = None):
    data = views.task_list(db, user, **_filters(plan, leader, unit, color, tier, q))
    return page(request, "supervise_tasks.html", {"title": "督办任务", "d": data})


@api.get("/tasks", summary="督办任务：按计划、牵头领导、单位、亮灯、层级筛选", responses=ERRORS)
def api_tasks(db: DB, user: Member, plan: Text = None, leader: Text = None, unit: Text = None, color: Text = None,
              tier: Text = None, q: Text = None) -> dict:
    return views.task_list(db, user, **_filters(plan, leader, unit, color, tier, q))


# --- one task ------------------------------------------------------------------------------------------------

@pages.get("/supervise/tasks/{task_id}")
def task_page(request: Request, db: DB, user: Member, task_id: TaskId):
    task = visible_task(db, user, task_id)
    data = views.task_detail(db, task, settings_of(request).today())
    mine = [u for u in data["task"]["units"] if user.role != "unit" or u["id"] in store.user_unit_ids(db, user)]
    return page(request, "supervise_task.html", {"title": f"任务 {task.number}", "d": data, "t": data["task"],
                                                 "my_units": mine, "staff": user.role != "unit",
                                                 "today": settings_of(request).today().isoformat()})


@api.get("/tasks/{task_id}", summary="一项督办任务：三轴（证据评估、序时亮灯、单位自评）、证据时间线、亮灯历史、通知",
         responses=ERRORS)
def api_task(request: Request, db: DB, user: Member, task_id: TaskId) -> dict:
    return views.task_detail(db, visible_task(db, user, task_id), settings_of(request).today())


async def _form(request: Request, max_files: int, max_bytes: int):
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_files * max_bytes + 2_000_000:
        raise ApiError(413, f"提交的内容过大（附件每个不超过 {max_bytes // 1048576} MB，最多 {max_files} 个）")
    form = await request.form(max_files=max(max_files, 1), max_fields=200)
    fields: dict[str, str] = {}
    uploads: list[Upload] = []
    for key, value in form.multi_items():
        if isinstance(value, str):
            refuse_nul(value, key)
            fields[key] = fields[key] + "," + value if key in fields and key in ("target_ids",) else value
        elif getattr(value, "filename", None):
            data = await value.read(max_bytes + 1)
            uploads.append(Upload(value.filename or "附件", data, value.content_type))
    return fields, uploads


def _date(value: str | None, name: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise ApiError(400, f"{name}须为日期（YYYY-MM-DD）") from None


def _number(value: str, name: str) -> float:
    try:
        number = float(value.replace(",", "").strip())
    except ValueError:
        raise ApiError(400, f"“{name}”须为数字") from None
    if number != number or abs(number) > 1e15:
        raise ApiError(400, f"“{name}”须为数字")
    return number


def _report(fields: dict[str, str]) -> ReportInput:
    figures = []
    for key, value in fields.items():
        if key.startswith("fig_") and value.strip():
            figures.append({"indicator": _opt_int(key[4:], key), "value": _number(value, key)})
    return ReportInput(period_end=_date(fields.get("period_end"), "报送期"), text=fields.get("text", ""),
                       claim=fields.get("claim", ""), note=fields.get("note", ""), figures=figures)


def _reporting_unit(db, user, task, fields: dict[str, str]) -> int | None:
    """The unit a report is filed for: one of the task's units the user answers for (staff: any of the task's)."""
    task_units = [u.id for u, role in store.task_units(db, task.id)]
    chosen = _opt_int(fields.get("unit_id"), "unit_id")
    allowed = task_units if user.role != "unit" else [u for u in task_units if u in store.user_unit_ids(db, user)]
    if chosen is None:
        chosen = allowed[0] if allowed else None
    if chosen not in allowed:
        raise ApiError(403, "不能替其他单位报送")
    return chosen


@pages.post("/supervise/tasks/{task_id}/reports")
@api.post("/tasks/{task_id}/reports", status_code=201, summary="报送进展（表单，可附附件；会话 + X-CSRF-Token）",
          responses=ERRORS)
async def post_report(request: Request, db: DB, user: Member, task_id: TaskId):
    settings = settings_of(request)
    fields, uploads = await _form(request, settings.attachments_per_report, settings.attachment_max_bytes)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))

    def work():
        task = visible_task(db, user, task_id)
        unit_id = _reporting_unit(db, user, task, fields)
        row = attempt(lambda: submit_report(db, task, user, unit_id, _report(fields), uploads, settings,
                                            user.username))
        return task, row

    task, row = await run_in_threadpool(work)
    return done(request, f"进展已报送：{row.period_label}；当前亮灯：{views.task_brief(db, task)['light_label']}",
                f"/supervise/tasks/{task.id}#timeline",
                {"progress_id": row.id, "task": views.task_brief(db, task)})


def _names(value: str | None) -> list[str]:
    from ..supervise.units import split_units

    return [n for n, _ in split_units(value or "")]


@pages.post("/supervise/tasks/{task_id}/assign")
@api.post("/tasks/{task_id}/assign", status_code=200, summary="指定任务的牵头单位、责任单位、配合单位、牵头领导、"
          "完成时限、季度节点（督查室）", responses=ERRORS)
async def post_assign(request: Request, db: DB, user: Staff, task_id: TaskId):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))

    def work():
        visible_task(db, user, task_id)
        task = attempt(lambda: store.assign(db, task_id, user.username, lead=_names(fields.get("lead")),
                                            responsible=_names(fields.get("responsible")),
                                            cooperate=_names(fields.get("cooperate")), leader=fields.get("leader"),
                                            deadline=fields.get("deadline", ""),
                                            milestones=fields.get("milestones", "")))
        from ..store.supervision_progress import recompute

        recompute(db, task, settings_of(request).today(), settings_of(request), user.username)
        return task

    task = await run_in_threadpool(work)
    return done(request, "分工已保存", f"/supervise/tasks/{task.id}", {"task": views.task_brief(db, task)}, 200)


@pages.post("/supervise/tasks")
@api.post("/tasks", status_code=201, summary="把计划中的目标设为督办任务并指定单位和时限（督查室）", responses=ERRORS)
async def post_task(request: Request, db: DB, user: Staff):
    fields, _ = await _form(request, 1, 1)
    check_post(request, request.headers.get("x-csrf-token") or fields.get("csrf_token"))
    ids = [_opt_int(x, "target_ids") for x in (fields.get("target_ids") or "").split(",") if x.strip()]

    def work():
        return attempt(lambda: store.create_task(
            db, fields.get("plan", ""), [i for i in ids if i], user.username, settings_of(request).today(),
            text=fields.get("text"), lead=_names(fields.get("lead")), responsible=_names(fields.get("responsible")),
            cooperate=_names(fields.get("cooperate")), leader=fields.get("leader"),
            deadline=fields.get("deadline", ""), milestones=fields.get("milestones", "")))

    task = await run_in_threadpool(work)
    return done(request, f"已新建督办任务 {task.number}", f"/supervise/tasks/{task.id}",
                {"task": views.task_brief(db, task)})


@pages.get("/supervise/plans/{plan_id}")
def plan_page(request: Request, db: DB, user: Staff, plan_id: Annotated[str, Path(max_length=64)]):
    return page(request, "supervise_plan.html", {"title": "分配目标", "d": _plan(db, plan_id)})


@api.get("/plans/{plan_id}", summary="一个计划的目标及其督办任务（未分配的目标在前）", responses=ERRORS)
def api_plan(db: DB, user: Staff, plan_id: Annotated[str, Path(max_length=64)]) -> dict:
    return _plan(db, plan_id)


def _plan(db, plan_id: str) -> dict:
    plan = db.get(DocumentRow, plan_id)
    if plan is None or plan.kind not in store.PLAN_KINDS:
        raise ApiError(404, f"没有计划 {plan_id}")
    tasks_of: dict[int, list[int]] = {}
    for target_id, task_id in db.execute(select(TaskTargetRow.target_id, TaskTargetRow.task_id)):
        tasks_of.setdefault(target_id, []).append(task_id)
    targets = db.scalars(select(TargetRow).where(TargetRow.document_id == plan.id).order_by(TargetRow.ordinal)).all()
    rows = [{"id": t.id, "text": t.text, "tier": t.tier, "section": t.section, "tasks": tasks_of.get(t.id, [])}
            for t in targets]
    return {"plan": {"id": plan.id, "title": plan.title, "year": plan.year},
            "unassigned": [r for r in rows if not r["tasks"]], "assigned": [r for r in rows if r["tasks"]],
            "units": [u.name for u in store.units(db)]}


# --- a plan target across the year; attachments ------------------------------------------------------------------

def _target(db, user, target_id: int) -> dict:
    target = db.get(TargetRow, target_id)
    if target is None:
        raise ApiError(404, f"没有目标 {target_id}")
    task_ids = list(db.scalars(select(TaskTargetRow.task_id).where(TaskTargetRow.target_id == target_id)))
    if user.role == "unit":
        task_ids = [t for t in task_ids if store.can_see_task(db, user, t)]
        if not task_ids:
            raise ApiError(404, f"没有目标 {target_id}，或该目标不属于您单位的任务")
    return views.target_timeline(db, target, task_ids)


@pages.get("/supervise/targets/{target_id}")
def target_page(request: Request, db: DB, user: Member, target_id: TargetId):
    data = _target(db, user, target_id)
    return page(request, "supervise_target.html", {"title": f"目标 #{target_id} 的全年进展", "d": data})


@api.get("/targets/{target_id}", summary="一个计划目标在全年各期报告中的证据（按日期）", responses=ERRORS)
def api_target(db: DB, user: Member, target_id: TargetId) -> dict:
    return _target(db, user, target_id)


@pages.get("/supervise/attachments/{file_id}")
def attachment(db: DB, user: Member, file_id: FileId):
    row = db.get(AttachmentRow, file_id)
    if row is None or not store.can_see_task(db, user, row.task_id):
        raise ApiError(404, f"没有附件 {file_id}")
    from urllib.parse import quote

    return Response(row.data, media_type=row.content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(row.filename)}", "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})

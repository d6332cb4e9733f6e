"""Tasks in the ledger (docs/supervision.md): a 分解方案 imported (idempotently) or a task made in the web app, an
assignment changed, and the reporting calendar. Every change writes an audit row. Units, roles and who may see
which task are in supervision_units.py (re-exported here, where callers have always found them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..supervise.breakdown import Breakdown, BreakdownRow
from ..supervise.calendar import default_calendar, parse_deadline, parse_milestones
from ..supervise.units import normalise
from .models import DocumentRow, TargetRow
from .models_supervision import (
    ReportPeriodRow,
    TaskImportRow,
    TaskRow,
    TaskTargetRow,
    TaskUnitRow,
)
from .supervision_units import (  # noqa: F401  (re-exported)
    ROLE_LABELS,
    ROLES,
    STAFF,
    UNIT_ROLES,
    add_alias,
    aliases,
    audit,
    can_see_task,
    check_role,
    ensure_unit,
    find_unit,
    is_staff,
    merge_units,
    set_role,
    task_units,
    unit_by_id,
    units,
    update_unit,
    user_unit_ids,
    visible_task_ids,
)

PLAN_KINDS = ("work_plan", "work_report")


# --- tasks: import, create, assign ------------------------------------------------------------------------

def plans(session: Session) -> list[DocumentRow]:
    return list(session.scalars(select(DocumentRow).where(DocumentRow.kind.in_(PLAN_KINDS))
                                .order_by(DocumentRow.year.desc(), DocumentRow.title)))


def plan_row(session: Session, plan_id: str) -> DocumentRow:
    plan = session.get(DocumentRow, plan_id)
    if plan is None or plan.kind not in PLAN_KINDS:
        raise DubanError(f"台账中没有计划 {plan_id}（须为工作计划或政府工作报告）")
    if plan.year is None:
        raise DubanError(f"计划 {plan_id} 没有年份，无法排定序时进度")
    return plan


def _units_of(task_id: int, session: Session) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {r: [] for r in UNIT_ROLES}
    for unit, role in task_units(session, task_id):
        out[role].append(unit.name)
    return out


def _set_units(session: Session, task: TaskRow, roles: dict[str, list[str]], actor: str) -> list[str]:
    """Replace the task's units; returns the names of units made on the way."""
    made = []
    session.execute(delete(TaskUnitRow).where(TaskUnitRow.task_id == task.id))
    session.flush()
    seen: set[int] = set()
    for role in UNIT_ROLES:
        for name in roles.get(role, []):
            unit, created = ensure_unit(session, name, actor)
            if created:
                made.append(unit.name)
            if unit.id not in seen:
                seen.add(unit.id)
                session.add(TaskUnitRow(task_id=task.id, unit_id=unit.id, role=role))
    return made


def _set_targets(session: Session, task: TaskRow, links: list[tuple[int, str, float]]) -> None:
    session.execute(delete(TaskTargetRow).where(TaskTargetRow.task_id == task.id))
    for target_id, method, score in links:
        session.add(TaskTargetRow(task_id=task.id, target_id=target_id, method=method, score=score))
    tiers = set(session.scalars(select(TargetRow.tier).where(TargetRow.id.in_([t for t, _, _ in links]))))
    task.tier = "headline" if "headline" in tiers else "task"


def task_state(session: Session, task: TaskRow) -> dict:
    """What an import compares: the task as a 分解方案 row gives it."""
    links = sorted(session.execute(select(TaskTargetRow.target_id, TaskTargetRow.method)
                                   .where(TaskTargetRow.task_id == task.id)).all())
    return {"text": task.text, "leader": task.leader, "deadline": task.deadline.isoformat(),
            "deadline_text": task.deadline_text, "milestones": task.milestones, "units": _units_of(task.id, session),
            "targets": [list(x) for x in links]}


def import_breakdown(session: Session, plan_id: str, bd: Breakdown, sha256: str,
                     links: list[list[tuple[str, str, float]]], actor: str, today: date) -> dict:
    """Store a parsed 分解方案 for a plan. The same file again changes nothing; a revised one updates the rows
    that changed (each change audited with what it was) and adds the new ones. Tasks missing from the file are
    kept and listed."""
    plan = plan_row(session, plan_id)
    existing = session.scalar(select(TaskImportRow).where(TaskImportRow.plan_id == plan.id,
                                                          TaskImportRow.sha256 == sha256))
    if existing is not None:
        return {**existing.report, "import_id": existing.id, "duplicate": True}
    keys = dict(session.execute(select(TargetRow.key, TargetRow.id).where(TargetRow.document_id == plan.id)).all())
    record = TaskImportRow(plan_id=plan.id, filename=bd.filename[:500], sha256=sha256, rows=len(bd.rows),
                           imported_by=actor)
    session.add(record)
    session.flush()
    report: dict = {"created": [], "updated": [], "unchanged": [], "units_created": [], "unlinked": [],
                    "warnings": list(bd.warnings), "columns": bd.columns, "missing": []}
    numbers = set()
    for n, (row, found) in enumerate(zip(bd.rows, links, strict=True)):
        numbers.add(row.number)
        target_links = [(keys[k], method, score) for k, method, score in found if k in keys]
        if not target_links:
            report["unlinked"].append(row.number)
        report_key, made = _upsert(session, plan, record, row, n, target_links, actor, today)
        report[report_key].append(row.number)
        report["units_created"] += made
    others = session.scalars(select(TaskRow.number).where(TaskRow.plan_id == plan.id)).all()
    report["missing"] = sorted((x for x in others if x not in numbers), key=_number_key)
    ensure_calendar(session, plan)
    record.report = report
    audit(session, actor, "task_import", f"import:{record.id}", plan=plan.id, file=bd.filename,
          created=len(report["created"]), updated=len(report["updated"]), unchanged=len(report["unchanged"]))
    return {**report, "import_id": record.id, "duplicate": False}


def _number_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.replace("-", ".").split("."))


def _upsert(session: Session, plan: DocumentRow, record: TaskImportRow, row: BreakdownRow, n: int,
            links: list[tuple[int, str, float]], actor: str, today: date) -> tuple[str, list[str]]:
    roles = {"lead": row.lead, "responsible": row.responsible, "cooperate": row.cooperate}
    task = session.scalar(select(TaskRow).where(TaskRow.plan_id == plan.id, TaskRow.number == row.number))
    fields = {"text": row.text, "leader": row.leader, "deadline": row.deadline.due, "deadline_text": row.deadline.text,
              "milestones": [m.to_json() for m in row.milestones]}
    if task is None:
        task = TaskRow(plan_id=plan.id, import_id=record.id, number=row.number, ordinal=n, year=bd_year(plan),
                       start=date(bd_year(plan), 1, 1), assigned_on=today, source="import", created_by=actor,
                       **fields)
        session.add(task)
        session.flush()
        made = _set_units(session, task, roles, actor)
        _set_targets(session, task, links)
        audit(session, actor, "task_add", f"task:{task.id}", number=row.number, plan=plan.id)
        return "created", made
    before = task_state(session, task)
    wanted = {**{k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()},
              "units": {r: [normalise(x) for x in names] for r, names in roles.items()},
              "targets": sorted([t, m] for t, m, _ in links)}
    now_units = {r: sorted(v) for r, v in before["units"].items()}
    if all(before[k] == wanted[k] for k in fields) and now_units == {r: sorted(v) for r, v in wanted["units"].items()} \
            and sorted(before["targets"]) == wanted["targets"]:
        return "unchanged", []
    for key, value in fields.items():
        setattr(task, key, value)
    task.import_id, task.ordinal = record.id, n
    made = _set_units(session, task, roles, actor)
    _set_targets(session, task, links)
    audit(session, actor, "task_update", f"task:{task.id}", before=before, after=task_state(session, task),
          source=f"import:{record.id}")
    return "updated", made


def bd_year(plan: DocumentRow) -> int:
    assert plan.year is not None
    return plan.year


def create_task(session: Session, plan_id: str, target_ids: list[int], actor: str, today: date, *,
                text: str | None = None, lead: list[str] = (), responsible: list[str] = (),
                cooperate: list[str] = (), leader: str | None = None, deadline: str = "",
                milestones: str = "") -> TaskRow:
    """A task made in the web app from plan targets (assign units and a deadline to targets)."""
    plan = plan_row(session, plan_id)
    targets = list(session.scalars(select(TargetRow).where(TargetRow.id.in_(target_ids),
                                                           TargetRow.document_id == plan.id)))
    if not targets and not text:
        raise DubanError("请选择计划中的目标，或写明任务内容")
    if len(targets) != len(set(target_ids)):
        raise DubanError("所选目标不全属于该计划")
    if not lead and not responsible:
        raise DubanError("请指定牵头单位或责任单位")
    year = bd_year(plan)
    due = parse_deadline(deadline, year)
    marks, unread = parse_milestones(milestones, year)
    if unread:
        raise DubanError(f"季度节点“{unread[0]}”中没有日期")
    if due.kind == "unread":
        raise DubanError(f"完成时限“{deadline}”中没有日期")
    numbers = session.scalars(select(TaskRow.number).where(TaskRow.plan_id == plan.id)).all()
    top = max((int(x.split(".")[0]) for x in numbers if x.split(".")[0].isdigit()), default=0)
    body = text.strip() if text and text.strip() else "".join(t.text for t in sorted(targets, key=lambda t: t.start))
    task = TaskRow(plan_id=plan.id, number=str(top + 1), ordinal=len(numbers), text=body, leader=leader or None,
                   year=year, start=date(year, 1, 1), assigned_on=today, deadline=due.due, deadline_text=due.text,
                   milestones=[m.to_json() for m in marks], source="web", created_by=actor)
    session.add(task)
    session.flush()
    _set_units(session, task, {"lead": list(lead), "responsible": list(responsible), "cooperate": list(cooperate)},
               actor)
    _set_targets(session, task, [(t.id, "manual", 1.0) for t in targets])
    ensure_calendar(session, plan)
    audit(session, actor, "task_add", f"task:{task.id}", number=task.number, plan=plan.id, source="web")
    return task


def assign(session: Session, task_id: int, actor: str, *, lead: list[str], responsible: list[str],
           cooperate: list[str], leader: str | None, deadline: str, milestones: str) -> TaskRow:
    """Change a task's units, leader, deadline and milestones (audited with what they were)."""
    task = session.get(TaskRow, task_id)
    if task is None:
        raise DubanError(f"没有任务 {task_id}")
    if not lead and not responsible:
        raise DubanError("请指定牵头单位或责任单位")
    due = parse_deadline(deadline, task.year)
    if due.kind == "unread":
        raise DubanError(f"完成时限“{deadline}”中没有日期")
    marks, unread = parse_milestones(milestones, task.year)
    if unread:
        raise DubanError(f"季度节点“{unread[0]}”中没有日期")
    before = task_state(session, task)
    task.leader = (leader or "").strip()[:128] or None
    task.deadline, task.deadline_text = due.due, due.text
    task.milestones = [m.to_json() for m in marks]
    _set_units(session, task, {"lead": lead, "responsible": responsible, "cooperate": cooperate}, actor)
    audit(session, actor, "task_assign", f"task:{task.id}", before=before, after=task_state(session, task))
    return task


# --- the reporting calendar -------------------------------------------------------------------------------

def ensure_calendar(session: Session, plan: DocumentRow) -> None:
    if session.scalar(select(func.count()).select_from(ReportPeriodRow).where(ReportPeriodRow.plan_id == plan.id)):
        return
    for label, end, due in default_calendar(bd_year(plan)):
        session.add(ReportPeriodRow(plan_id=plan.id, label=label, period_end=end, due=due))


def periods(session: Session, plan_id: str) -> list[ReportPeriodRow]:
    return list(session.scalars(select(ReportPeriodRow).where(ReportPeriodRow.plan_id == plan_id)
                                .order_by(ReportPeriodRow.period_end)))


def set_period(session: Session, plan_id: str, period_end: date, due: date, actor: str) -> None:
    from ..supervise.calendar import is_month_end, period_label

    plan = plan_row(session, plan_id)
    if period_end.year != plan.year or not is_month_end(period_end):
        raise DubanError(f"报送期截止日须为 {plan.year} 年某月的最后一天")
    if due < period_end:
        raise DubanError("报送日期不能早于报送期截止日")
    row = session.scalar(select(ReportPeriodRow).where(ReportPeriodRow.plan_id == plan.id,
                                                       ReportPeriodRow.period_end == period_end))
    before = row.due.isoformat() if row else None
    if row is None:
        row = ReportPeriodRow(plan_id=plan.id, label=period_label(period_end.month), period_end=period_end, due=due)
        session.add(row)
    row.due = due
    audit(session, actor, "calendar_set", f"plan:{plan.id}", period_end=period_end.isoformat(), due=due.isoformat(),
          before=before)


def delete_period(session: Session, plan_id: str, period_end: date, actor: str) -> None:
    row = session.scalar(select(ReportPeriodRow).where(ReportPeriodRow.plan_id == plan_id,
                                                       ReportPeriodRow.period_end == period_end))
    if row is None:
        raise DubanError(f"没有截止于 {period_end} 的报送期")
    session.delete(row)
    audit(session, actor, "calendar_delete", f"plan:{plan_id}", period_end=period_end.isoformat())

"""Scorecards per unit: its tasks (as 牵头 or 责任单位) by light — done, on track (ahead included), behind
(yellow and red apart), overdue, waiting — and its on-time reporting: of the reports it owed (a 牵头单位, or each
责任单位 of a task without one, for every reporting date that passed after the task was assigned and before the
task was done), how many came by the date, late, or not at all. Filters: plan, leader, unit, tier, and a
reporting period (the lights as they stood at the period's end, from their history)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import UserRow
from .models_supervision import LightRow, ProgressRow, ReportPeriodRow, TaskRow, TaskUnitRow, UnitRow
from .supervision import is_staff, user_unit_ids

COLUMNS = ("done", "on_track", "yellow", "red", "overdue", "pending")
COLUMN_LABELS = {"done": "已完成", "on_track": "序时推进", "yellow": "滞后（关注）", "red": "滞后（预警）",
                 "overdue": "逾期未完成", "pending": "待报送"}


def _bucket(light: str, color: str) -> str:
    if light == "done":
        return "done"
    if light == "overdue":
        return "overdue"
    if color in ("yellow", "red"):
        return color
    return "pending" if light in ("pending", "unknown") else "on_track"


def scorecards(session: Session, user: UserRow, today: date, *, plan: str | None = None, leader: str | None = None,
               unit: int | None = None, tier: str | None = None, period: date | None = None) -> dict:
    q = select(TaskRow)
    if plan:
        q = q.where(TaskRow.plan_id == plan)
    if leader:
        q = q.where(TaskRow.leader == leader)
    if tier:
        q = q.where(TaskRow.tier == tier)
    tasks = {t.id: t for t in session.scalars(q)}
    allowed = None if is_staff(user) else user_unit_ids(session, user)
    at = today
    if period is not None:
        at = min(period, today)
    states = {tid: _bucket(t.light, t.color) for tid, t in tasks.items()}
    if period is not None:
        states = {}
        for tid in tasks:
            row = session.scalar(select(LightRow).where(LightRow.task_id == tid, LightRow.as_of <= at)
                                 .order_by(LightRow.as_of.desc(), LightRow.id.desc()).limit(1))
            states[tid] = _bucket(row.light, row.color) if row else "pending"
    links = session.execute(select(TaskUnitRow.task_id, TaskUnitRow.unit_id, TaskUnitRow.role)
                            .where(TaskUnitRow.task_id.in_(list(tasks) or [-1]), TaskUnitRow.role != "cooperate")).all()
    roles_by_task: dict[int, list[tuple[int, str]]] = {}
    for tid, uid, role in links:
        roles_by_task.setdefault(tid, []).append((uid, role))
    names = {u.id: u.name for u in session.scalars(select(UnitRow))}
    cards: dict[int, dict] = {}
    for tid, pairs in roles_by_task.items():
        owes = [u for u, r in pairs if r == "lead"] or [u for u, r in pairs if r == "responsible"]
        for uid, _ in pairs:
            if (unit and uid != unit) or (allowed is not None and uid not in allowed):
                continue
            card = cards.setdefault(uid, {"unit_id": uid, "unit": names.get(uid, ""), "tasks": 0,
                                          **dict.fromkeys(COLUMNS, 0), "owed": 0, "on_time": 0, "late": 0,
                                          "missing": 0})
            card["tasks"] += 1
            card[states[tid]] += 1
            if uid in owes:
                _reporting(session, tasks[tid], uid, at, card)
    for card in cards.values():
        card["on_time_rate"] = round(card["on_time"] / card["owed"], 4) if card["owed"] else None
    ordered = sorted(cards.values(), key=lambda c: (-(c["red"] + c["overdue"]), -c["yellow"], c["unit"]))
    calendar = session.execute(select(ReportPeriodRow.label, ReportPeriodRow.period_end).distinct()
                               .order_by(ReportPeriodRow.period_end)).all()
    return {"filters": {"plan": plan, "leader": leader, "unit": unit, "tier": tier,
                        "period": period.isoformat() if period else None},
            "as_of": at.isoformat(), "columns": [{"code": c, "label": COLUMN_LABELS[c]} for c in COLUMNS],
            "cards": ordered,
            "periods": [{"label": label, "period_end": end.isoformat()} for label, end in calendar],
            "leaders": sorted({t.leader for t in tasks.values() if t.leader})}


def _reporting(session: Session, task: TaskRow, unit_id: int, at: date, card: dict) -> None:
    done_on = session.scalar(select(LightRow.as_of).where(LightRow.task_id == task.id, LightRow.light == "done")
                             .order_by(LightRow.as_of).limit(1))
    owed = session.execute(select(ReportPeriodRow.period_end, ReportPeriodRow.due).where(
        ReportPeriodRow.plan_id == task.plan_id, ReportPeriodRow.due < at, ReportPeriodRow.due >= task.assigned_on,
        ReportPeriodRow.period_end <= task.deadline)).all()
    for end, due in owed:
        if done_on is not None and done_on <= end:
            continue
        card["owed"] += 1
        first = session.scalar(select(ProgressRow.submitted_on).where(
            ProgressRow.task_id == task.id, ProgressRow.unit_id == unit_id, ProgressRow.period_end >= end)
            .order_by(ProgressRow.submitted_on).limit(1))
        if first is None:
            card["missing"] += 1
        elif first <= due:
            card["on_time"] += 1
        else:
            card["late"] += 1

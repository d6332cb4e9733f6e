"""The daily recomputation (``duban supervise refresh``, run by cron or a systemd timer): evidence from newly
stored progress and completion reports, every task's light on the day (history rows when one changes),
reminders to units before a reporting date and after a missed one, and notices whose reply date has passed —
in the app, and by e-mail when SMTP is configured. Running it twice on a day changes nothing the second time."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..supervise.config import SupervisionSettings
from ..supervise.lights import COLOR_LABELS, LIGHT_LABELS, md
from .models import now
from .models_supervision import NoticeRow, RefreshRow, ReminderRow, ReportPeriodRow, TaskRow, UnitRow
from .supervision import audit
from .supervision_progress import lead_unit_ids, missed_reports, recompute, sync_documents


def refresh(session: Session, settings: SupervisionSettings, at: date | None = None, actor: str = "refresh",
            send=None) -> dict:
    """Recompute everything as of ``at`` (default: the supervision calendar's today). ``send(to, subject, body)``
    mails a reminder (None: SMTP not configured, reminders stay in the app)."""
    at = at or settings.today()
    added = sync_documents(session, at)
    tasks = session.scalars(select(TaskRow).order_by(TaskRow.plan_id, TaskRow.ordinal)).all()
    changed = sum(recompute(session, task, at, settings, actor) for task in tasks)
    reminders = _reminders(session, tasks, at, settings)
    mailed, failed = _mail(session, send)
    counts = {"tasks": len(tasks), "evidence_added": added, "lights_changed": changed, "reminders": reminders,
              "emailed": mailed, "email_failed": failed}
    by_color: dict[str, int] = {}
    for task in tasks:
        by_color[task.color] = by_color.get(task.color, 0) + 1
    counts["by_color"] = by_color
    session.add(RefreshRow(as_of=at, actor=actor, counts=counts))
    audit(session, actor, "supervise_refresh", f"as_of:{at.isoformat()}", **counts)
    return {"as_of": at.isoformat(), **counts}


def _remind(session: Session, unit_id: int, kind: str, key: str, due: date | None, message: str) -> int:
    exists = session.scalar(select(ReminderRow.id).where(ReminderRow.unit_id == unit_id, ReminderRow.kind == kind,
                                                         ReminderRow.key == key))
    if exists is not None:
        return 0
    session.add(ReminderRow(unit_id=unit_id, kind=kind, key=key, due=due, message=message))
    return 1


def _reminders(session: Session, tasks: list[TaskRow], at: date, settings: SupervisionSettings) -> int:
    made = 0
    soon = at + timedelta(days=settings.remind_days)
    by_plan: dict[str, list[TaskRow]] = {}
    for task in tasks:
        if task.light != "done":
            by_plan.setdefault(task.plan_id, []).append(task)
    for plan_id, open_tasks in by_plan.items():
        for period in session.scalars(select(ReportPeriodRow).where(ReportPeriodRow.plan_id == plan_id)):
            due_units: dict[int, int] = {}
            for task in open_tasks:
                if period.period_end > task.deadline or period.due < task.assigned_on:
                    continue
                if at <= period.due <= soon:
                    for unit_id in lead_unit_ids(session, task.id):
                        due_units[unit_id] = due_units.get(unit_id, 0) + 1
                elif period.due < at and (period.label, period.due) in missed_reports(session, task, at):
                    for unit_id in lead_unit_ids(session, task.id):
                        made += _remind(session, unit_id, "report_missed", period.period_end.isoformat(), period.due,
                                        f"{period.label}进展应于{md(period.due)}前报送，尚未收到（任务{task.number}等）")
            for unit_id, count in due_units.items():
                made += _remind(session, unit_id, "report_due", period.period_end.isoformat(), period.due,
                                f"请于{md(period.due)}前报送{period.label}进展（{count}项任务）")
    for notice in session.scalars(select(NoticeRow).where(NoticeRow.status == "open", NoticeRow.unit_id.is_not(None),
                                                          NoticeRow.reply_due <= soon)):
        late = notice.reply_due < at
        made += _remind(session, notice.unit_id, "notice_late" if late else "notice_due", f"notice:{notice.id}",
                        notice.reply_due, f"{notice.number}{'已超过' if late else '须于'}{md(notice.reply_due)}"
                                          f"{'的反馈时限，请尽快反馈' if late else '前反馈'}")
    return made


def _mail(session: Session, send) -> tuple[int, int]:
    """E-mail the reminders not yet sent to units that have an address; a failure is recorded, never raised."""
    if send is None:
        return 0, 0
    sent = failed = 0
    rows = session.execute(select(ReminderRow, UnitRow).join(UnitRow, UnitRow.id == ReminderRow.unit_id)
                           .where(ReminderRow.emailed_at.is_(None), ReminderRow.resolved_at.is_(None),
                                  UnitRow.email.is_not(None), ReminderRow.email_error.is_(None))).all()
    for reminder, unit in rows:
        try:
            send(unit.email, f"【督办提醒】{reminder.message}"[:150], f"{unit.name}：\n\n{reminder.message}\n")
        except Exception as exc:  # an unreachable server must not stop the day's recomputation
            reminder.email_error = f"{type(exc).__name__}: {exc}"[:500]
            failed += 1
        else:
            reminder.emailed_at = now()
            sent += 1
    return sent, failed


def warnings(session: Session, task_ids=None) -> dict:
    """The overdue and lagging tasks (yellow and red), by unit (its 牵头/责任 tasks) and by leader."""
    from .supervision import task_units

    q = select(TaskRow).where(TaskRow.color.in_(("yellow", "red")))
    if task_ids is not None:
        q = q.where(TaskRow.id.in_(task_ids))
    rows = session.scalars(q.order_by(TaskRow.color.desc(), TaskRow.plan_id, TaskRow.ordinal)).all()
    by_unit: dict[str, list[dict]] = {}
    by_leader: dict[str, list[dict]] = {}
    for task in rows:
        entry = {"id": task.id, "number": task.number, "text": task.text, "light": task.light, "color": task.color,
                 "light_label": LIGHT_LABELS.get(task.light, task.light), "color_label": COLOR_LABELS.get(task.color),
                 "reasons": task.reasons, "deadline": task.deadline.isoformat(), "leader": task.leader}
        for unit, role in task_units(session, task.id):
            if role != "cooperate":
                by_unit.setdefault(unit.name, []).append(entry | {"role": role})
        by_leader.setdefault(task.leader or "（未定牵头领导）", []).append(entry)
    order = {"red": 0, "yellow": 1}

    def grouped(d: dict[str, list[dict]]) -> list[dict]:
        return [{"name": k, "red": sum(e["color"] == "red" for e in v),
                 "yellow": sum(e["color"] == "yellow" for e in v), "tasks": sorted(v, key=lambda e: order[e["color"]])}
                for k, v in sorted(d.items(), key=lambda kv: (-sum(e["color"] == "red" for e in kv[1]), kv[0]))]

    last = session.scalar(select(RefreshRow).order_by(RefreshRow.id.desc()).limit(1))
    return {"as_of": last.as_of.isoformat() if last else None, "computed_at": last.at.isoformat() if last else None,
            "by_unit": grouped(by_unit), "by_leader": grouped(by_leader), "total": len(rows)}

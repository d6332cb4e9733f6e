"""Notices (督办通知单 / 催办单): issued by the supervision office for a task and a unit, numbered per kind and
year (督办〔2024〕3号), the DOCX kept exactly as issued, a reminder to the unit; the unit's reply — with its
evidence: a progress report, attachments — closes it; the office may reopen a reply it does not accept, or
withdraw a notice issued in error. Every step is audited (the audit rows are the notice's history)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..supervise.attachments import Upload
from ..supervise.config import SupervisionSettings
from ..supervise.notice_docx import KIND_TITLES, NoticeText, render
from .models import AuditRow, UserRow, now
from .models_supervision import NoticeReplyRow, NoticeRow, ReminderRow, TaskRow, UnitRow
from .supervision import audit, task_units
from .supervision_progress import ReportInput, submit_report

MAX_TEXT = 4000


def default_texts(task: TaskRow, settings: SupervisionSettings, today: date) -> dict:
    reply_due = today + timedelta(days=settings.reply_days)
    lagging = "；".join(task.reasons or []) or "进展滞后于序时进度"
    requirement = (f"请对照任务要求，分析滞后原因，明确整改措施和完成时间，于{reply_due.month}月{reply_due.day}日前"
                   "在督办系统中书面反馈最新进展，并附佐证材料。")
    return {"lagging": lagging, "requirement": requirement, "reply_due": reply_due.isoformat()}


def issue(session: Session, task: TaskRow, kind: str, unit_id: int | None, reply_due: date, lagging: str,
          requirement: str, settings: SupervisionSettings, actor: str) -> NoticeRow:
    if kind not in KIND_TITLES:
        raise DubanError(f"未知的通知类型 {kind!r}（supervise：督办通知单，urge：催办单）")
    today = settings.today()
    units = {u.id: u for u, role in task_units(session, task.id) if role != "cooperate"}
    if unit_id is None:
        unit_id = next(iter(units), None)
    if unit_id not in units:
        raise DubanError("通知须发给本任务的牵头单位或责任单位")
    if reply_due < today:
        raise DubanError("反馈时限不能早于今天")
    lagging, requirement = lagging.strip(), requirement.strip()
    if not lagging or not requirement:
        raise DubanError("请填写滞后情况和督办要求")
    if len(lagging) > MAX_TEXT or len(requirement) > MAX_TEXT:
        raise DubanError(f"滞后情况和督办要求各不超过 {MAX_TEXT} 字")
    seq = (session.scalar(select(func.max(NoticeRow.seq)).where(NoticeRow.kind == kind, NoticeRow.year == today.year))
           or 0) + 1
    prefix = settings.notice_prefix if kind == "supervise" else settings.urge_prefix
    number = f"{prefix}〔{today.year}〕{seq}号"
    deadline = task.deadline_text or f"{task.deadline.year}年{task.deadline.month}月{task.deadline.day}日"
    data = render(NoticeText(kind, number, units[unit_id].name, task.leader or "", task.number, task.text, deadline,
                             lagging, requirement, reply_due, today, settings.office))
    notice = NoticeRow(kind=kind, year=today.year, seq=seq, number=number, task_id=task.id, unit_id=unit_id,
                       issued_on=today, issued_by=actor, reply_due=reply_due, lagging=lagging,
                       requirement=requirement, status="open", docx=data, docx_sha256=hashlib.sha256(data).hexdigest())
    session.add(notice)
    session.flush()
    session.add(ReminderRow(unit_id=unit_id, kind="notice", key=f"notice:{notice.id}", due=reply_due,
                            message=f"收到{KIND_TITLES[kind]}{number}（任务{task.number}），请于"
                                    f"{reply_due.month}月{reply_due.day}日前反馈"))
    audit(session, actor, "notice_issue", f"notice:{notice.id}", number=number, task=task.id, unit=unit_id,
          reply_due=reply_due.isoformat(), sha256=notice.docx_sha256)
    return notice


def reply(session: Session, notice: NoticeRow, user: UserRow, text: str, report: ReportInput | None,
          uploads: list[Upload], settings: SupervisionSettings) -> NoticeReplyRow:
    """The unit's reply: its text, and its evidence — a progress report on the task (with the attachments) or at
    least one attachment. A reply with evidence closes the notice."""
    if notice.status != "open":
        raise DubanError(f"{notice.number} 已{'办结' if notice.status == 'closed' else '撤销'}，无需反馈")
    text = text.strip()
    if not text:
        raise DubanError("请填写反馈内容")
    if len(text) > MAX_TEXT:
        raise DubanError(f"反馈内容不超过 {MAX_TEXT} 字")
    if report is None and not uploads:
        raise DubanError("反馈须附佐证：填写最新进展，或上传佐证材料")
    task = session.get(TaskRow, notice.task_id)
    assert task is not None
    progress = None
    if report is None:
        report = ReportInput(period_end=_last_month_end(settings.today(), task.year), text=text, claim="on_track")
    progress = submit_report(session, task, user, notice.unit_id, report, uploads, settings, user.username,
                             notice_id=notice.id)
    row = NoticeReplyRow(notice_id=notice.id, unit_id=notice.unit_id, user_id=user.id, entered_by=user.username,
                         text=text, progress_id=progress.id)
    session.add(row)
    session.flush()
    notice.status, notice.closed_at, notice.closed_by = "closed", now(), f"reply:{row.id}"
    for reminder in session.scalars(select(ReminderRow).where(ReminderRow.key == f"notice:{notice.id}",
                                                              ReminderRow.resolved_at.is_(None))):
        reminder.resolved_at = now()
    audit(session, user.username, "notice_reply", f"notice:{notice.id}", reply=row.id, progress=progress.id)
    return row


def _last_month_end(today: date, year: int) -> date:
    from ..supervise.calendar import month_end

    if today.year > year:
        return date(year, 12, 31)
    return month_end(year, today.month) if today.day >= 25 else (
        month_end(year, today.month - 1) if today.month > 1 else month_end(year, 1))


def reopen(session: Session, notice: NoticeRow, reason: str, actor: str, settings: SupervisionSettings,
           reply_due: date | None = None) -> None:
    if notice.status != "closed":
        raise DubanError(f"{notice.number} 未办结，无需退回")
    reason = reason.strip()
    if not reason:
        raise DubanError("请写明退回理由")
    notice.status, notice.closed_at, notice.closed_by = "open", None, None
    if reply_due is not None:
        notice.reply_due = reply_due
    session.add(ReminderRow(unit_id=notice.unit_id, kind="notice_reopened",
                            key=f"notice:{notice.id}:{session.scalar(select(func.count()).select_from(AuditRow))}",
                            due=notice.reply_due, message=f"{notice.number}的反馈被退回：{reason[:200]}"))
    audit(session, actor, "notice_reopen", f"notice:{notice.id}", reason=reason[:MAX_TEXT],
          reply_due=notice.reply_due.isoformat())


def withdraw(session: Session, notice: NoticeRow, reason: str, actor: str) -> None:
    if notice.status == "withdrawn":
        raise DubanError(f"{notice.number} 已撤销")
    if not reason.strip():
        raise DubanError("请写明撤销理由")
    notice.status, notice.closed_at, notice.closed_by = "withdrawn", now(), actor
    audit(session, actor, "notice_withdraw", f"notice:{notice.id}", reason=reason.strip()[:MAX_TEXT])


def history(session: Session, notice_id: int) -> list[dict]:
    rows = session.scalars(select(AuditRow).where(AuditRow.subject == f"notice:{notice_id}").order_by(AuditRow.id))
    return [{"at": r.at, "actor": r.actor, "action": r.action, "detail": r.detail} for r in rows]


def unit_name(session: Session, unit_id: int | None) -> str:
    unit = session.get(UnitRow, unit_id) if unit_id else None
    return unit.name if unit else ""

"""What the supervision pages show (= their /api/supervise JSON twins): plain dicts, times in ISO 8601, every list
already cut to what the signed-in user may see (a unit reporter: its own units' tasks)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..records import STATUS_LABELS, TIER_LABELS
from ..supervise.calendar import month_end, period_label
from ..supervise.lights import COLOR_LABELS, LIGHT_LABELS
from .models import DocumentRow, IndicatorRow, ItemRow, RunRow, TargetRow, UserRow, VerdictRow
from .models_supervision import (
    AttachmentRow,
    EvidenceRow,
    LightRow,
    NoticeReplyRow,
    NoticeRow,
    ProgressRow,
    RefreshRow,
    ReminderRow,
    TaskRow,
    TaskTargetRow,
    TaskUnitRow,
    UnitRow,
)
from .supervision import (
    ROLE_LABELS,
    UNIT_ROLES,
    aliases,
    is_staff,
    periods,
    task_units,
    user_unit_ids,
    visible_task_ids,
)
from .supervision_progress import CLAIMS
from .times import iso

NOTICE_STATUS = {"open": "待反馈", "closed": "已办结", "withdrawn": "已撤销"}
KIND_LABELS = {"supervise": "督办通知单", "urge": "催办单"}


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def task_brief(session: Session, task: TaskRow) -> dict:
    return {
        "id": task.id, "number": task.number, "text": task.text, "plan_id": task.plan_id, "leader": task.leader,
        "deadline": _day(task.deadline), "deadline_text": task.deadline_text, "tier": task.tier,
        "tier_label": TIER_LABELS.get(task.tier, task.tier), "light": task.light,
        "light_label": LIGHT_LABELS.get(task.light, task.light), "color": task.color,
        "color_label": COLOR_LABELS.get(task.color, ""), "reasons": list(task.reasons or []),
        "progress": task.progress, "expected": task.expected, "ever_red": task.ever_red,
        "light_as_of": _day(task.light_as_of), "evidence_status": task.evidence_status,
        "evidence_label": STATUS_LABELS.get(task.evidence_status, task.evidence_status), "claim": task.claim,
        "claim_label": CLAIMS.get(task.claim or "", "未自评"), "milestones": list(task.milestones or []),
        "units": [{"id": u.id, "name": u.name, "role": r, "role_label": UNIT_ROLES[r]}
                  for u, r in task_units(session, task.id)],
    }


def _visible(session: Session, user: UserRow, q):
    ids = visible_task_ids(session, user)
    return q if ids is None else q.where(TaskRow.id.in_(ids))


def task_list(session: Session, user: UserRow, *, plan: str | None = None, leader: str | None = None,
              unit: int | None = None, color: str | None = None, tier: str | None = None,
              q: str | None = None) -> dict:
    query = _visible(session, user, select(TaskRow))
    if plan:
        query = query.where(TaskRow.plan_id == plan)
    if leader:
        query = query.where(TaskRow.leader == leader)
    if unit:
        query = query.where(TaskRow.id.in_(select(TaskUnitRow.task_id).where(TaskUnitRow.unit_id == unit)))
    if color:
        query = query.where(TaskRow.color == color)
    if tier:
        query = query.where(TaskRow.tier == tier)
    if q:
        query = query.where(TaskRow.text.contains(q))
    tasks = session.scalars(query.order_by(TaskRow.plan_id, TaskRow.ordinal, TaskRow.id)).all()
    counts: dict[str, int] = {}
    for t in tasks:
        counts[t.color] = counts.get(t.color, 0) + 1
    everything = _visible(session, user, select(TaskRow.leader).distinct())
    leaders = sorted(x for x in session.scalars(everything) if x)
    unit_rows = _units_for(session, user)
    return {"filters": {"plan": plan, "leader": leader, "unit": unit, "color": color, "tier": tier, "q": q},
            "tasks": [task_brief(session, t) for t in tasks], "counts": counts, "total": len(tasks),
            "leaders": leaders, "units": [{"id": u.id, "name": u.name} for u in unit_rows],
            "plans": [{"id": p.id, "title": p.title, "year": p.year} for p in _plans_with_tasks(session, user)]}


def _units_for(session: Session, user: UserRow) -> list[UnitRow]:
    if is_staff(user):
        return list(session.scalars(select(UnitRow).order_by(UnitRow.name)))
    return list(session.scalars(select(UnitRow).where(UnitRow.id.in_(user_unit_ids(session, user) or {-1}))
                                .order_by(UnitRow.name)))


def _plans_with_tasks(session: Session, user: UserRow) -> list[DocumentRow]:
    ids = session.scalars(_visible(session, user, select(TaskRow.plan_id).distinct())).all()
    return list(session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids)).order_by(DocumentRow.year.desc())))


def _attachments(session: Session, **where) -> list[dict]:
    q = select(AttachmentRow.id, AttachmentRow.filename, AttachmentRow.size, AttachmentRow.content_type)
    for key, value in where.items():
        q = q.where(getattr(AttachmentRow, key) == value)
    return [{"id": i, "filename": n, "size": s, "content_type": c} for i, n, s, c in session.execute(q)]


def task_detail(session: Session, task: TaskRow, today: date) -> dict:
    targets = session.execute(select(TargetRow, TaskTargetRow.method, TaskTargetRow.score)
                              .join(TaskTargetRow, TaskTargetRow.target_id == TargetRow.id)
                              .where(TaskTargetRow.task_id == task.id).order_by(TargetRow.ordinal)).all()
    target_ids = [t.id for t, _, _ in targets]
    indicators = session.scalars(select(IndicatorRow).where(IndicatorRow.target_id.in_(target_ids or [-1]))
                                 .order_by(IndicatorRow.target_id, IndicatorRow.ordinal)).all()
    evidence = session.scalars(select(EvidenceRow).where(EvidenceRow.task_id == task.id)
                               .order_by(EvidenceRow.period_end.desc(), EvidenceRow.id.desc())).all()
    reports = {p.id: p for p in session.scalars(select(ProgressRow).where(ProgressRow.task_id == task.id))}
    units = {u.id: u.name for u in session.scalars(select(UnitRow))}
    lights = session.scalars(select(LightRow).where(LightRow.task_id == task.id)
                             .order_by(LightRow.as_of.desc(), LightRow.id.desc())).all()
    notices = session.scalars(select(NoticeRow).where(NoticeRow.task_id == task.id).order_by(NoticeRow.id.desc())).all()
    max_month = 12 if today.year > task.year else (today.month if today.year == task.year else 0)
    if max_month and month_end(task.year, max_month) > today:
        max_month -= 1  # only periods that have ended
    return {
        "task": task_brief(session, task),
        "targets": [{"id": t.id, "key": t.key, "text": t.text, "tier": t.tier, "status": t.status,
                     "status_label": STATUS_LABELS.get(t.status, t.status), "method": m, "score": s}
                    for t, m, s in targets],
        "indicators": [{"id": i.id, "target_id": i.target_id, "metric": i.metric, "op": i.op, "value": i.value,
                        "unit": i.unit, "basis": i.basis} for i in indicators],
        "timeline": [_evidence(e, reports.get(e.progress_id), units, session) for e in evidence],
        "lights": [{"as_of": _day(x.as_of), "light": x.light, "light_label": LIGHT_LABELS.get(x.light, x.light),
                    "color": x.color, "color_label": COLOR_LABELS.get(x.color, ""), "progress": x.progress,
                    "expected": x.expected, "reasons": x.reasons, "computed_at": iso(x.computed_at)} for x in lights],
        "notices": [notice_brief(n, units) for n in notices],
        "periods": [{"label": period_label(m), "period_end": _day(month_end(task.year, m))}
                    for m in range(1, max_month + 1)],
        "calendar": [{"label": p.label, "period_end": _day(p.period_end), "due": _day(p.due)}
                     for p in periods(session, task.plan_id)],
        "claims": CLAIMS,
    }


def _evidence(e: EvidenceRow, report: ProgressRow | None, units: dict[int, str], session: Session) -> dict:
    out = {"id": e.id, "source": e.source, "source_label": "单位报送" if e.source == "unit_report" else "进展报告文件",
           "period_end": _day(e.period_end), "period_label": e.period_label, "received_on": _day(e.received_on),
           "status": e.status, "status_label": STATUS_LABELS.get(e.status, e.status), "ratio": e.ratio,
           "schedule": e.schedule, "claimed": e.claimed, "excerpt": e.excerpt, "document_id": e.document_id,
           "title": (e.detail or {}).get("title"), "explanation": (e.detail or {}).get("explanation", ""),
           "indicators": (e.detail or {}).get("indicators", []),
           "milestones_done": (e.detail or {}).get("milestones_done", [])}
    if report is not None:
        out["report"] = {"id": report.id, "unit": units.get(report.unit_id or -1, ""), "entered_by": report.entered_by,
                         "text": report.text, "figures": report.figures, "claim": report.claim,
                         "claim_label": CLAIMS.get(report.claim, report.claim), "note": report.note,
                         "late": report.late, "submitted_at": iso(report.submitted_at),
                         "notice_id": report.notice_id,
                         "attachments": _attachments(session, progress_id=report.id)}
    return out


def notice_brief(n: NoticeRow, units: dict[int, str]) -> dict:
    return {"id": n.id, "number": n.number, "kind": n.kind, "kind_label": KIND_LABELS[n.kind], "task_id": n.task_id,
            "unit_id": n.unit_id, "unit": units.get(n.unit_id or -1, ""), "issued_on": _day(n.issued_on),
            "issued_by": n.issued_by, "reply_due": _day(n.reply_due), "status": n.status,
            "status_label": NOTICE_STATUS[n.status], "lagging": n.lagging, "requirement": n.requirement,
            "closed_at": iso(n.closed_at) if n.closed_at else None}


def notice_list(session: Session, user: UserRow, status: str | None = None) -> dict:
    q = select(NoticeRow)
    ids = visible_task_ids(session, user)
    if ids is not None:
        q = q.where(NoticeRow.unit_id.in_(user_unit_ids(session, user) or {-1}))
    if status:
        q = q.where(NoticeRow.status == status)
    units = {u.id: u.name for u in session.scalars(select(UnitRow))}
    rows = session.scalars(q.order_by(NoticeRow.id.desc())).all()
    tasks = {t.id: t for t in session.scalars(select(TaskRow).where(TaskRow.id.in_([n.task_id for n in rows] or [-1])))}
    return {"status": status, "notices": [notice_brief(n, units) | {"task_number": tasks[n.task_id].number,
                                                                    "task": tasks[n.task_id].text} for n in rows]}


def notice_detail(session: Session, notice: NoticeRow) -> dict:
    from .supervision_notices import history

    units = {u.id: u.name for u in session.scalars(select(UnitRow))}
    task = session.get(TaskRow, notice.task_id)
    assert task is not None
    replies = session.scalars(select(NoticeReplyRow).where(NoticeReplyRow.notice_id == notice.id)
                              .order_by(NoticeReplyRow.id)).all()
    return {"notice": notice_brief(notice, units) | {"docx_sha256": notice.docx_sha256},
            "task": task_brief(session, task),
            "replies": [{"id": r.id, "text": r.text, "entered_by": r.entered_by, "at": iso(r.created_at),
                         "progress_id": r.progress_id,
                         "attachments": _attachments(session, progress_id=r.progress_id) if r.progress_id else []}
                        for r in replies],
            "history": [h | {"at": iso(h["at"])} for h in history(session, notice.id)]}


def target_timeline(session: Session, target: TargetRow, task_ids: list[int]) -> dict:
    """Everything the year's reports said about one plan target, by date: each run of a stored report (its
    verdict) and each evidence row of the tasks that carry it."""
    runs = session.execute(select(RunRow, DocumentRow, VerdictRow.status, VerdictRow.item_id)
                           .join(VerdictRow, VerdictRow.run_id == RunRow.id)
                           .join(DocumentRow, DocumentRow.id == RunRow.completion_id)
                           .where(VerdictRow.target_id == target.id)).all()
    events = []
    for run, doc, status, item_id in runs:
        item = session.get(ItemRow, item_id) if item_id else None
        has_span = item is not None and item.completion_start is not None
        excerpt = doc.text[item.completion_start:item.completion_end] if has_span else ""
        from ..supervise.calendar import report_period

        period = report_period((doc.title or "") + " " + doc.text[:300], doc.year or target.year or 0,
                               doc.kind == "completion_report") if (doc.year or target.year) else None
        events.append({"date": _day(period.end) if period else _day(doc.ingested_at.date()),
                       "period_label": period.label if period else "", "source": "document", "run_id": run.id,
                       "title": doc.title, "document_id": doc.id, "status": status,
                       "status_label": STATUS_LABELS.get(status, status), "excerpt": excerpt})
    for e in session.scalars(select(EvidenceRow).where(EvidenceRow.task_id.in_(task_ids or [-1]),
                                                       EvidenceRow.source == "unit_report")):
        events.append({"date": _day(e.period_end), "period_label": e.period_label, "source": "unit_report",
                       "task_id": e.task_id, "status": e.status, "status_label": STATUS_LABELS.get(e.status, e.status),
                       "ratio": e.ratio, "excerpt": e.excerpt, "title": "单位报送"})
    events.sort(key=lambda x: (x["date"] or "", x["source"]))
    return {"target": {"id": target.id, "text": target.text, "tier": target.tier, "document_id": target.document_id,
                       "status": target.status, "status_label": STATUS_LABELS.get(target.status, target.status)},
            "tasks": task_ids, "timeline": events}


def home(session: Session, user: UserRow, today: date) -> dict:
    listing = task_list(session, user)
    unit_ids = None if is_staff(user) else user_unit_ids(session, user)
    reminders = select(ReminderRow).where(ReminderRow.resolved_at.is_(None))
    if unit_ids is not None:
        reminders = reminders.where(ReminderRow.unit_id.in_(unit_ids or {-1}))
    units = {u.id: u.name for u in session.scalars(select(UnitRow))}
    last = session.scalar(select(RefreshRow).order_by(RefreshRow.id.desc()).limit(1))
    open_notices = notice_list(session, user, "open")["notices"]
    return {"user": {"username": user.username, "role": user.role, "role_label": ROLE_LABELS.get(user.role, "")},
            "today": _day(today), "counts": listing["counts"], "total": listing["total"],
            "attention": [t for t in listing["tasks"] if t["color"] in ("red", "yellow")][:50],
            "tasks": listing["tasks"] if unit_ids is not None else [],
            "reminders": [{"id": r.id, "unit": units.get(r.unit_id, ""), "kind": r.kind, "message": r.message,
                           "due": _day(r.due), "emailed": r.emailed_at is not None}
                          for r in session.scalars(reminders.order_by(ReminderRow.due, ReminderRow.id).limit(100))],
            "notices": open_notices,
            "units": [units[i] for i in sorted(unit_ids or [])] if unit_ids is not None else [],
            "last_refresh": {"as_of": _day(last.as_of), "at": iso(last.at), "counts": last.counts} if last else None}


def units_page(session: Session) -> dict:
    names = aliases(session)
    counts = dict(session.execute(select(TaskUnitRow.unit_id, func.count()).group_by(TaskUnitRow.unit_id)).all())
    users = {}
    from .models_supervision import UserUnitRow

    for unit_id, username in session.execute(select(UserUnitRow.unit_id, UserRow.username)
                                             .join(UserRow, UserRow.id == UserUnitRow.user_id)):
        users.setdefault(unit_id, []).append(username)
    rows = session.scalars(select(UnitRow).order_by(UnitRow.name)).all()
    parents = {u.id: u.name for u in rows}
    return {"units": [{"id": u.id, "name": u.name, "parent_id": u.parent_id, "parent": parents.get(u.parent_id or -1),
                       "email": u.email, "contact": u.contact, "aliases": names.get(u.id, []),
                       "tasks": counts.get(u.id, 0), "users": users.get(u.id, [])} for u in rows]}

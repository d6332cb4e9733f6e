"""Progress in the ledger: a unit's report on a task (a person's statement, kept as written, with its
attachments), the engine's evidence for each report and for each stored progress or completion document that
answers a task's targets (appended, never changed), and the task's light recomputed from the latest evidence
(a history row when it changes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..extract import extract
from ..extraction_cache import cache_key, decode_targets
from ..records import Document, Target
from ..supervise import evidence as judge_mod
from ..supervise.attachments import Upload, check_upload
from ..supervise.calendar import Milestone, Period, is_month_end, period_of_months, report_period
from ..supervise.config import SupervisionSettings
from ..supervise.lights import Evidence, Light, TaskSchedule, compute
from .batch import load_extraction
from .models import DocumentRow, ItemRow, RunRow, TargetRow, UserRow, VerdictRow
from .models_supervision import (
    AttachmentRow,
    EvidenceRow,
    LightRow,
    ProgressRow,
    ReminderRow,
    ReportPeriodRow,
    TaskRow,
    TaskTargetRow,
    TaskUnitRow,
)
from .queries import load_document
from .supervision import audit, task_units

CLAIMS = {"done": "已完成", "on_track": "按序时推进", "behind": "滞后", "not_started": "未启动"}
ENGINE_NOTE = "duban-rules/0.4 + 序时进度"
MAX_TEXT = 8000
MAX_FIGURES = 20


@dataclass
class ReportInput:
    period_end: date
    text: str
    claim: str
    note: str = ""
    figures: list[dict] | None = None  # [{"indicator": id, "value": float}]


def plan_targets(session: Session, plan: Document) -> list[Target]:
    """The plan's targets as the ledger keeps them (the stored extraction), else extracted now."""
    payload = load_extraction(session, plan.id, cache_key())
    targets = decode_targets(payload, plan.text, kind=plan.kind, year=plan.year) if payload else None
    return sorted(targets if targets is not None else extract(plan).targets, key=lambda t: t.span)


def task_targets(session: Session, task: TaskRow) -> tuple[Document | None, list[Target]]:
    keys = set(session.scalars(select(TargetRow.key).join(TaskTargetRow, TaskTargetRow.target_id == TargetRow.id)
                               .where(TaskTargetRow.task_id == task.id)))
    if not keys:
        return load_document(session, task.plan_id), []
    plan = load_document(session, task.plan_id)
    return plan, [t for t in plan_targets(session, plan) if t.id in keys]


def milestones(task: TaskRow) -> list[Milestone]:
    return [Milestone.of(m) for m in task.milestones or []]


def _period(task: TaskRow, end: date, today: date) -> Period:
    if end.year != task.year or not is_month_end(end):
        raise DubanError(f"报送期须截至 {task.year} 年某月的最后一天")
    if end > today:
        raise DubanError(f"报送期（截至 {end.isoformat()}）尚未结束，请报送截至上月末的累计进展")
    return period_of_months(task.year, end.month)


def figure_lines(session: Session, task: TaskRow, figures: list[dict]) -> tuple[list[dict], list[str]]:
    """The figures entered per indicator → stored figures and the sentences the engine reads."""
    from .models import IndicatorRow

    if len(figures) > MAX_FIGURES:
        raise DubanError(f"最多填写 {MAX_FIGURES} 个数据")
    allowed = {row.id: row for row in session.scalars(
        select(IndicatorRow).join(TaskTargetRow, TaskTargetRow.target_id == IndicatorRow.target_id)
        .where(TaskTargetRow.task_id == task.id))}
    stored, lines = [], []
    for f in figures:
        ind = allowed.get(f.get("indicator"))
        if ind is None:
            raise DubanError(f"指标 {f.get('indicator')} 不属于本任务")
        value = f.get("value")
        if not isinstance(value, (int, float)) or value != value or abs(value) > 1e15:
            raise DubanError(f"“{ind.metric}”的数值无效")
        stored.append({"indicator": ind.id, "metric": ind.metric, "value": value, "unit": ind.unit})
        lines.append(judge_mod.figure_sentence(ind.metric, value, ind.unit))
    return stored, lines


def submit_report(session: Session, task: TaskRow, user: UserRow | None, unit_id: int | None, data: ReportInput,
                  uploads: list[Upload], settings: SupervisionSettings, actor: str,
                  notice_id: int | None = None) -> ProgressRow:
    """Store a unit's report on a task, judge it against its period, and recompute the task's light."""
    today = settings.today()
    if data.claim not in CLAIMS:
        raise DubanError(f"未知的自评 {data.claim!r}（可选：{'、'.join(CLAIMS.values())}）")
    text, note = data.text.strip(), data.note.strip()
    if len(text) > MAX_TEXT or len(note) > MAX_TEXT:
        raise DubanError(f"进展情况和问题措施各不超过 {MAX_TEXT} 字")
    period = _period(task, data.period_end, today)
    stored, lines = figure_lines(session, task, data.figures or [])
    if not text and not lines:
        raise DubanError("请填写进展情况或完成数据")
    if len(uploads) > settings.attachments_per_report:
        raise DubanError(f"每次最多上传 {settings.attachments_per_report} 个附件")
    checked = [check_upload(u, settings.attachment_max_bytes) for u in uploads]
    if unit_id is not None and unit_id not in {u.id for u, _ in task_units(session, task.id)}:
        raise DubanError("该单位不承担此任务")
    due = session.scalar(select(ReportPeriodRow.due).where(ReportPeriodRow.plan_id == task.plan_id,
                                                           ReportPeriodRow.period_end == period.end))
    row = ProgressRow(task_id=task.id, unit_id=unit_id, user_id=user.id if user else None, entered_by=actor,
                      period_end=period.end, period_label=period.label, text=text, figures=stored, claim=data.claim,
                      note=note, notice_id=notice_id, submitted_on=today, late=bool(due and today > due))
    session.add(row)
    session.flush()
    for upload, content_type in checked:
        session.add(AttachmentRow(task_id=task.id, progress_id=row.id, filename=upload.filename,
                                  content_type=content_type, size=len(upload.data),
                                  sha256=hashlib.sha256(upload.data).hexdigest(), data=upload.data,
                                  uploaded_by=actor))
    plan, targets = task_targets(session, task)
    full = "。".join(x for x in ([text.rstrip("。")] if text else []) + lines)
    reading = judge_mod.judge(plan, targets, task.text, full, period, milestones(task))
    session.add(EvidenceRow(task_id=task.id, source="unit_report", progress_id=row.id, period_end=period.end,
                            period_label=period.label, received_on=today, status=reading.status, ratio=reading.ratio,
                            schedule=reading.schedule, claimed=reading.claimed, excerpt=full[:MAX_TEXT],
                            detail=reading.detail() | {"rate_ratio": reading.rate_ratio}, engine=ENGINE_NOTE))
    task.claim = data.claim
    if unit_id is not None:
        _resolve_reminders(session, unit_id, period.end)
    audit(session, actor, "progress", f"task:{task.id}", progress=row.id, period=period.label, claim=data.claim,
          status=reading.status, attachments=len(checked), late=row.late)
    session.flush()
    recompute(session, task, today, settings, actor)
    return row


def _resolve_reminders(session: Session, unit_id: int, period_end: date) -> None:
    from .models import now

    for r in session.scalars(select(ReminderRow).where(
            ReminderRow.unit_id == unit_id, ReminderRow.resolved_at.is_(None),
            ReminderRow.kind.in_(("report_due", "report_missed")), ReminderRow.key == period_end.isoformat())):
        r.resolved_at = now()


# --- stored documents ------------------------------------------------------------------------------------

def sync_documents(session: Session, today: date, plan_ids: set[str] | None = None) -> int:
    """Evidence from every stored progress or completion report assessed against a plan that has tasks (its run's
    verdicts on each task's targets), once per task and run. Returns how many evidence rows were added."""
    added = 0
    task_rows = session.scalars(select(TaskRow) if plan_ids is None else
                                select(TaskRow).where(TaskRow.plan_id.in_(plan_ids))).all()
    by_plan: dict[str, list[TaskRow]] = {}
    for t in task_rows:
        by_plan.setdefault(t.plan_id, []).append(t)
    for plan_id, tasks in by_plan.items():
        runs = session.execute(select(RunRow, DocumentRow).join(DocumentRow, DocumentRow.id == RunRow.completion_id)
                               .where(RunRow.plan_id == plan_id,
                                      DocumentRow.kind.in_(("progress_report", "completion_report")))).all()
        for run, doc in runs:
            year = tasks[0].year
            if doc.year not in (None, year):
                continue
            period = report_period((doc.title or "") + " " + doc.text[:300], year, doc.kind == "completion_report")
            if period is None:
                continue
            added += _run_evidence(session, run, doc, period, tasks, today)
    return added


def _run_evidence(session: Session, run: RunRow, doc: DocumentRow, period: Period, tasks: list[TaskRow],
                  today: date) -> int:
    done = set(session.scalars(select(EvidenceRow.task_id).where(EvidenceRow.run_id == run.id)))
    verdicts = session.execute(select(VerdictRow.target_id, VerdictRow.status, VerdictRow.item_id)
                               .where(VerdictRow.run_id == run.id)).all()
    by_target = {t: (s, i) for t, s, i in verdicts}
    added = 0
    for task in tasks:
        if task.id in done:
            continue
        target_ids = session.scalars(select(TaskTargetRow.target_id).where(TaskTargetRow.task_id == task.id)).all()
        answered = {t: by_target[t] for t in target_ids if t in by_target and by_target[t][1] is not None}
        if not answered:
            continue
        item_ids = sorted({i for _, i in answered.values()})
        items = session.scalars(select(ItemRow).where(ItemRow.id.in_(item_ids))).all()
        reading = judge_mod.from_items([i.payload for i in items], {str(t): s for t, (s, _) in answered.items()})
        excerpt = "\n".join(doc.text[i.completion_start:i.completion_end] for i in items
                            if i.completion_start is not None)
        reading.milestones_done = judge_mod.milestones_done(milestones(task), excerpt, period)
        session.add(EvidenceRow(task_id=task.id, source="document", run_id=run.id, document_id=doc.id,
                                period_end=period.end, period_label=period.label, received_on=today,
                                status=reading.status, ratio=reading.ratio, schedule=reading.schedule,
                                claimed=reading.claimed, excerpt=excerpt[:MAX_TEXT],
                                detail=reading.detail() | {"rate_ratio": reading.rate_ratio,
                                                           "title": doc.title, "items": item_ids},
                                engine=run.engine))
        added += 1
    if added:
        audit(session, "supervise", "evidence_sync", f"run:{run.id}", document=doc.id, tasks=added,
              period=period.label)
    return added


# --- lights ------------------------------------------------------------------------------------------------

def latest_evidence(session: Session, task_id: int, at: date | None = None) -> EvidenceRow | None:
    q = select(EvidenceRow).where(EvidenceRow.task_id == task_id)
    if at is not None:
        q = q.where(EvidenceRow.period_end <= at)
    return session.scalar(q.order_by(EvidenceRow.period_end.desc(), EvidenceRow.id.desc()).limit(1))


def missed_reports(session: Session, task: TaskRow, at: date) -> list[tuple[str, date]]:
    """Reporting dates passed (after the task was assigned) with no evidence on the task for that period or later."""
    out = []
    rows = session.execute(
        select(ReportPeriodRow.label, ReportPeriodRow.period_end, ReportPeriodRow.due)
        .where(ReportPeriodRow.plan_id == task.plan_id, ReportPeriodRow.due < at,
               ReportPeriodRow.due >= task.assigned_on, ReportPeriodRow.period_end <= task.deadline)
        .order_by(ReportPeriodRow.period_end))
    for label, end, due in rows:
        covered = session.scalar(select(func.count()).select_from(EvidenceRow).where(
            EvidenceRow.task_id == task.id, EvidenceRow.period_end >= end, EvidenceRow.received_on <= due)) or 0
        later = session.scalar(select(func.count()).select_from(EvidenceRow).where(
            EvidenceRow.task_id == task.id, EvidenceRow.period_end >= end)) or 0
        if not covered and not later:
            out.append((label, due))
    return out


def light_of(session: Session, task: TaskRow, at: date, settings: SupervisionSettings) -> Light:
    row = latest_evidence(session, task.id, at)
    latest = None
    if row is not None:
        latest = Evidence(row.period_end, row.period_label, row.status, row.ratio, (row.detail or {}).get("rate_ratio"),
                          list((row.detail or {}).get("milestones_done", [])), row.id)
    schedule = TaskSchedule(task.start, task.deadline, milestones(task))
    return compute(schedule, latest, at, settings.thresholds, missed_reports(session, task, at))


def recompute(session: Session, task: TaskRow, at: date, settings: SupervisionSettings, actor: str) -> bool:
    """The task's light on ``at``; a history row (and an audit row) when it differs from the newest one."""
    light = light_of(session, task, at, settings)
    row = latest_evidence(session, task.id, at)
    task.evidence_status = row.status if row else "unassessed"
    last = session.scalar(select(LightRow).where(LightRow.task_id == task.id)
                          .order_by(LightRow.as_of.desc(), LightRow.id.desc()).limit(1))
    task.light_as_of = at
    same = last is not None and (last.light, last.color, last.progress, last.expected,
                                 tuple(last.reasons)) == light.key()
    task.light, task.color, task.reasons = light.light, light.color, light.reasons
    task.progress, task.expected = light.progress, light.expected
    if same:
        return False
    session.add(LightRow(task_id=task.id, as_of=at, light=light.light, color=light.color, progress=light.progress,
                         expected=light.expected, reasons=light.reasons, evidence_id=light.evidence_id))
    if light.color == "red":
        task.ever_red = True
    if last is None or (last.light, last.color) != (light.light, light.color):
        audit(session, actor, "light", f"task:{task.id}", light=light.light, color=light.color, as_of=at.isoformat(),
              before=[last.light, last.color] if last else None)
    return True


def lead_unit_ids(session: Session, task_id: int) -> list[int]:
    """Who must report on a task: its 牵头单位, else each 责任单位."""
    rows = session.execute(select(TaskUnitRow.unit_id, TaskUnitRow.role).where(TaskUnitRow.task_id == task_id)).all()
    lead = [u for u, r in rows if r == "lead"]
    return lead or [u for u, r in rows if r == "responsible"]

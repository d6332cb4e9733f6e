"""Tables for supervising the year (migration 0008; docs/supervision.md): units with their aliases and parent,
the users' roles and units, tasks split from a plan (a 分解方案 row, or targets assigned in the web app) with
their units, targets, deadline and milestones, the reporting calendar, progress reports and the attachments
sent with them, the machine's evidence per task and report (never updated), the history of the lights,
notices (督办通知单 / 催办单) with their replies, reminders, the daily recomputations, and the year-end table.

A person's statement (a progress report, a claim, a reply, a reviewed year-end row) and the machine's
judgement (an evidence row, a light) are kept in separate rows; neither overwrites the other."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UserRow, now

# Roles (docs/supervision.md): accounts from before migration 0008 had every power, so they become admins;
# `duban user add` without --role makes a supervisor.
UserRow.role = mapped_column(String(16), default="supervisor", server_default="admin", nullable=False)


class UnitRow(Base):
    """A responsible unit (区发改局, 各镇（街道）); ``parent`` is the body it belongs to."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))  # the unit's liaison mailbox (reminders)
    contact: Mapped[str | None] = mapped_column(String(64))  # 联络员
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)


class UnitAliasRow(Base):
    """A spelling (normalised: supervise.units.normalise) and the unit it stands for."""

    __tablename__ = "unit_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(128), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16), default="machine")  # machine | import | person


class UserUnitRow(Base):
    """A unit reporter's units (one or more)."""

    __tablename__ = "user_units"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True)


class TaskImportRow(Base):
    """One 分解方案 file imported for a plan (the same content twice is one import)."""

    __tablename__ = "task_imports"
    __table_args__ = (UniqueConstraint("plan_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict] = mapped_column(JSON, default=dict)  # created / updated / unchanged / warnings / columns
    imported_by: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=now)


class TaskRow(Base):
    """A supervised task: a 分解方案 row or targets assigned in the web app. The light columns are the
    newest computation (denormalised from task_lights for the lists)."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("task_imports.id", ondelete="SET NULL"))
    number: Mapped[str] = mapped_column(String(32))  # 序号 as written (1, 3.2)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    leader: Mapped[str | None] = mapped_column(String(128), index=True)  # 牵头领导
    year: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)  # the task's window starts (the plan year's 1 January)
    assigned_on: Mapped[date] = mapped_column(Date)  # reporting dates before this are not missed
    deadline: Mapped[date] = mapped_column(Date)
    deadline_text: Mapped[str] = mapped_column(String(200), default="")
    milestones: Mapped[list] = mapped_column(JSON, default=list)  # [{"due", "share", "text"}]
    tier: Mapped[str] = mapped_column(String(16), default="task")
    source: Mapped[str] = mapped_column(String(16), default="import")  # import | web
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=now)
    light: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    color: Mapped[str] = mapped_column(String(8), default="grey")
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    light_as_of: Mapped[date | None] = mapped_column(Date)
    progress: Mapped[float | None] = mapped_column(Float)
    expected: Mapped[float | None] = mapped_column(Float)
    ever_red: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_status: Mapped[str] = mapped_column(String(16), default="unassessed")
    claim: Mapped[str | None] = mapped_column(String(16))


class TaskTargetRow(Base):
    __tablename__ = "task_targets"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), primary_key=True, index=True)
    method: Mapped[str] = mapped_column(String(16))  # restated | retrieval | manual
    score: Mapped[float] = mapped_column(Float, default=1.0)


class TaskUnitRow(Base):
    __tablename__ = "task_units"

    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))  # lead | responsible | cooperate


class ReportPeriodRow(Base):
    """The reporting calendar of a plan's year: progress up to ``period_end`` is due on ``due``."""

    __tablename__ = "report_periods"
    __table_args__ = (UniqueConstraint("plan_id", "period_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(32))
    period_end: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)


class NoticeRow(Base):
    """A 督办通知单 (kind supervise) or 催办单 (kind urge), with the DOCX exactly as issued."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("kind", "year", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(64))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(64))
    reply_due: Mapped[date] = mapped_column(Date)
    lagging: Mapped[str] = mapped_column(Text)
    requirement: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | closed | withdrawn
    closed_at: Mapped[datetime | None] = mapped_column()
    closed_by: Mapped[str | None] = mapped_column(String(64))
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    docx_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)


class ProgressRow(Base):
    """What a unit reported for a task and a period (a person's statement, never changed)."""

    __tablename__ = "progress_reports"
    __table_args__ = (Index("ix_progress_reports_task_period", "task_id", "period_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_by: Mapped[str] = mapped_column(String(64))
    period_end: Mapped[date] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    figures: Mapped[list] = mapped_column(JSON, default=list)  # [{"indicator", "metric", "value", "unit"}]
    claim: Mapped[str] = mapped_column(String(16))  # done | on_track | behind | not_started
    note: Mapped[str] = mapped_column(Text, default="")  # 存在问题和下步措施
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(default=now)
    submitted_on: Mapped[date] = mapped_column(Date)  # the supervision calendar's day (on-time reporting)
    late: Mapped[bool] = mapped_column(Boolean, default=False)


class EvidenceRow(Base):
    """The engine's judgement of one report (a unit's, or a stored document's run) for one task, against
    the report's period. Appended, never updated."""

    __tablename__ = "task_evidence"
    __table_args__ = (UniqueConstraint("task_id", "progress_id"), UniqueConstraint("task_id", "run_id"),
                      Index("ix_task_evidence_task_period", "task_id", "period_end"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(16))  # unit_report | document
    progress_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    period_end: Mapped[date] = mapped_column(Date)
    period_label: Mapped[str] = mapped_column(String(32))
    received_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    ratio: Mapped[float | None] = mapped_column(Float)
    schedule: Mapped[str | None] = mapped_column(String(16))
    claimed: Mapped[str | None] = mapped_column(Text)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # indicators, target statuses, milestones, explanation
    engine: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)


class LightRow(Base):
    """A light as computed on a day; a row is added when the light changes (history: a red task that caught
    up shows that it was red)."""

    __tablename__ = "task_lights"
    __table_args__ = (Index("ix_task_lights_task_as_of", "task_id", "as_of"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    as_of: Mapped[date] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(default=now)
    light: Mapped[str] = mapped_column(String(16))
    color: Mapped[str] = mapped_column(String(8))
    progress: Mapped[float | None] = mapped_column(Float)
    expected: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("task_evidence.id", ondelete="SET NULL"))


class AttachmentRow(Base):
    """A file sent with a progress report or a reply (size-capped, type checked on its bytes)."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    progress_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True)
    reply_id: Mapped[int | None] = mapped_column(ForeignKey("notice_replies.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=now)


class NoticeReplyRow(Base):
    __tablename__ = "notice_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_by: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    progress_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)


class ReminderRow(Base):
    """A reminder to a unit (a reporting date coming or missed, a notice's reply date); shown in the app
    until resolved, and e-mailed when SMTP is configured."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("unit_id", "kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # report_due | report_missed | notice | notice_due
    key: Mapped[str] = mapped_column(String(64))
    due: Mapped[date | None] = mapped_column(Date)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)
    emailed_at: Mapped[datetime | None] = mapped_column()
    email_error: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column()


class RefreshRow(Base):
    """One recomputation of every light (duban supervise refresh, daily)."""

    __tablename__ = "supervision_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    as_of: Mapped[date] = mapped_column(Date, index=True)
    at: Mapped[datetime] = mapped_column(default=now)
    actor: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class YearEndRow(Base):
    """The year-end 编号|目标任务|完成情况 table compiled from the latest reports."""

    __tablename__ = "yearend_tables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | reviewed
    compiled_by: Mapped[str] = mapped_column(String(64))
    compiled_at: Mapped[datetime] = mapped_column(default=now)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column()
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))


class YearEndItemRow(Base):
    """One row: the machine's compiled 完成情况 beside the reviewer's final text (never overwriting it)."""

    __tablename__ = "yearend_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("yearend_tables.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="SET NULL"))
    ordinal: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(Text)
    compiled: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[list] = mapped_column(JSON, default=list)  # evidence ids, newest first
    status: Mapped[str] = mapped_column(String(16), default="unassessed")  # the evidence's status
    final: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column()

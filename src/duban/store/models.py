"""The ledger's tables (SQLAlchemy 2 declarative models). Only the store package knows SQL.

Machine verdicts (``verdicts``, one per target per assessment run) are never updated: a new run of
the engine adds new rows. A person's ``reviews`` are kept beside them, newest first; the target row
carries denormalised copies of the current machine status and review status so that the ledger can
filter and sort 100k targets on indexed columns.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

FLAGGED = "machine_flags != ''"  # the partial index of flagged targets (migration 0010); queries say it literally


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # sha256[:16]
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    jurisdiction: Mapped[str | None] = mapped_column(String(64), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    source_format: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    chrome: Mapped[list] = mapped_column(JSON, default=list)
    chars: Mapped[int] = mapped_column(Integer)
    n_targets: Mapped[int] = mapped_column(Integer, default=0)
    n_measurements: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(default=now)

    sections: Mapped[list[SectionRow]] = relationship(back_populates="document", cascade="all, delete-orphan")
    targets: Mapped[list[TargetRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    parent_ordinal: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    marker: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    body_end: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(16))
    horizon: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="sections")


class TargetRow(Base):
    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        # the dashboard's counts per document, section and status are read off this index
        Index("ix_targets_doc_section_status", "document_id", "top_section", "status"),
        # the ledger's default order, and a status filter in that order, walk these instead of sorting
        Index("ix_targets_position", "document_id", "ordinal"),
        Index("ix_targets_status_position", "status", "document_id", "ordinal"),
        # the dashboard's counts per tier, status and flag (and of flagged targets) are read off this one
        Index("ix_targets_tier_status_flags", "tier", "status", "machine_flags"),
        # the flag filter in the ledger's order: only the (few) flagged targets, walked and counted
        Index("ix_targets_flagged_position", "document_id", "ordinal",
              sqlite_where=text(FLAGGED), postgresql_where=text(FLAGGED)),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # (document_id leads the unique (document_id, key) and the indexes above, so it needs none of its own)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))  # t12 (plan) or r5.1 (restated in a completion row)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")  # innermost section title
    section_path: Mapped[list] = mapped_column(JSON, default=list)
    top_section: Mapped[str] = mapped_column(String(200), default="", index=True)
    kind: Mapped[str] = mapped_column(String(16))  # quantitative | qualitative
    horizon: Mapped[int | None] = mapped_column(Integer)
    hedge: Mapped[str | None] = mapped_column(String(16))
    # Denormalised for the ledger's filters: the latest machine verdict and the latest review.
    machine_status: Mapped[str] = mapped_column(String(16), default="unassessed", index=True)
    machine_flags: Mapped[str] = mapped_column(String(200), default="")  # ",flag1,flag2,"
    review_status: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="unassessed")  # review wins on screen
    jurisdiction: Mapped[str | None] = mapped_column(String(64), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    tier: Mapped[str] = mapped_column(String(16), default="task", index=True)  # headline | task
    mentions: Mapped[list | None] = mapped_column(JSON, default=list)  # [[s, e], …] where the report restates it

    document: Mapped[DocumentRow] = relationship(back_populates="targets")
    indicators: Mapped[list[IndicatorRow]] = relationship(back_populates="target", cascade="all, delete-orphan",
                                                          order_by="IndicatorRow.ordinal")


class IndicatorRow(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    metric: Mapped[str] = mapped_column(Text)
    op: Mapped[str] = mapped_column(String(8))
    value: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    norm_value: Mapped[float | None] = mapped_column(Float)
    base_unit: Mapped[str | None] = mapped_column(String(32))
    basis: Mapped[str] = mapped_column(String(16))
    hedge: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    metric_id: Mapped[str | None] = mapped_column(String(64), index=True)  # lang/metrics.toml
    direction: Mapped[str | None] = mapped_column(String(16))

    target: Mapped[TargetRow] = relationship(back_populates="indicators")


class MeasurementRow(Base):
    __tablename__ = "measurements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    basis: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value_start: Mapped[int] = mapped_column(Integer)
    value_end: Mapped[int] = mapped_column(Integer)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    metric_id: Mapped[str | None] = mapped_column(String(64), index=True)
    year: Mapped[int | None] = mapped_column(Integer)  # the year the figure is for


class RunRow(Base):
    """One assessment of a completion document (against a plan, or on its own rows) by one engine."""

    __tablename__ = "runs"
    __table_args__ = (UniqueConstraint("plan_id", "completion_id", "engine"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    completion_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    engine: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)  # every target once, by its verdict
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    # the same by tier ({"headline": {...}, "task": {...}}) and the items (rows) by status
    summary_by_tier: Mapped[dict | None] = mapped_column(JSON, default=dict)
    item_summary: Mapped[dict | None] = mapped_column(JSON, default=dict)

    items: Mapped[list[ItemRow]] = relationship(back_populates="run", cascade="all, delete-orphan",
                                                order_by="ItemRow.ordinal")


class ExtractionRow(Base):
    """A document's targets as extracted by one engine version and extraction code (JSON, never pickles),
    kept so that assessing a pair reuses the plan's extraction (duban/extraction_cache.py)."""

    __tablename__ = "extractions"
    __table_args__ = (UniqueConstraint("document_id", "engine"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    engine: Mapped[str] = mapped_column(String(64))  # <engine version>+<code fingerprint>
    targets: Mapped[str] = mapped_column(Text)  # extraction_cache.encode_targets
    created_at: Mapped[datetime] = mapped_column(default=now)


class ItemRow(Base):
    """One assessed row / narrative answer, exactly as the engine produced it (never updated)."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    row: Mapped[int | None] = mapped_column(Integer)
    target_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    claimed: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text)
    completion_start: Mapped[int | None] = mapped_column(Integer)
    completion_end: Mapped[int | None] = mapped_column(Integer)
    plan_spans: Mapped[list] = mapped_column(JSON, default=list)
    evidence_spans: Mapped[list] = mapped_column(JSON, default=list)
    target_in: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)  # the DESIGN.md item JSON, verbatim

    run: Mapped[RunRow] = relationship(back_populates="items")


class VerdictRow(Base):
    """The machine's status for one target in one run (a target answered by an item)."""

    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("run_id", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    flags: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=now)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    machine_status: Mapped[str] = mapped_column(String(16))  # what the machine said when the person judged
    created_at: Mapped[datetime] = mapped_column(default=now, index=True)

    user: Mapped[UserRow] = relationship()


class SessionRow(Base):
    """A signed-in browser session. The signed cookie carries a random token; this row is keyed by the
    token's SHA-256, so revoking the row (sign-out, a new password, a disabled account) ends the session
    even for a copy of the cookie."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    last_seen_at: Mapped[datetime] = mapped_column(default=now)
    revoked_at: Mapped[datetime | None] = mapped_column()
    address: Mapped[str | None] = mapped_column(String(64))  # where it signed in from


class AuditRow(Base):
    __tablename__ = "audit"
    # sign-in throttling counts recent failures: action = 'login_failed', newest first
    __table_args__ = (Index("ix_audit_action_at", "action", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


from . import models_places  # noqa: E402, F401  (jurisdictions and document places: migration 0007)

# isort: split
from . import models_supervision  # noqa: E402, F401  (units, tasks, progress, lights, notices: migration 0008)

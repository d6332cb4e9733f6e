"""Tables for following targets across years and places (migration 0007): jurisdictions with their level,
parent and the spellings seen for them, and each document's place and period — the machine's reading kept
beside a reviewer's correction, the effective values denormalised for the indexes the pages read.

A merged jurisdiction is kept (``merged_into_id``) so that its spellings still find the survivor and a merge
can be undone; nothing here is ever deleted by a correction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, IndicatorRow, MeasurementRow, TargetRow, VerdictRow, now


class JurisdictionRow(Base):
    __tablename__ = "jurisdictions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))  # the unit itself: 镇海区, 全国
    full_name: Mapped[str] = mapped_column(String(200), unique=True)  # 浙江省宁波市镇海区 (identifies it)
    level: Mapped[str] = mapped_column(String(16), index=True)  # national|province|city|county|township|unknown
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id", ondelete="SET NULL"), index=True)
    code: Mapped[str | None] = mapped_column(String(12), unique=True)  # 行政区划代码 when the gazetteer knows it
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16), default="machine")  # machine | reviewer
    created_at: Mapped[datetime] = mapped_column(default=now)


class JurisdictionAliasRow(Base):
    """A spelling (after ``places.names.clean``) and the jurisdiction it was filed under."""

    __tablename__ = "jurisdiction_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)
    jurisdiction_id: Mapped[int] = mapped_column(ForeignKey("jurisdictions.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16), default="machine")  # machine | reviewer
    created_at: Mapped[datetime] = mapped_column(default=now)


class DocumentPlaceRow(Base):
    """Where and when a document belongs: what the machine read, what a reviewer said, and the effective
    values (the correction where there is one) that every page of places and series reads."""

    __tablename__ = "document_places"
    __table_args__ = (Index("ix_document_places_place_year", "jurisdiction_id", "year"),)

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    machine_name: Mapped[str | None] = mapped_column(String(64))  # documents.jurisdiction as read
    machine_jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="SET NULL"), index=True)
    machine_year: Mapped[int | None] = mapped_column(Integer)
    machine_period_start: Mapped[int | None] = mapped_column(Integer)
    machine_period_end: Mapped[int | None] = mapped_column(Integer)
    corrected_jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdictions.id", ondelete="SET NULL"), index=True)
    corrected_year: Mapped[int | None] = mapped_column(Integer)
    corrected_period_start: Mapped[int | None] = mapped_column(Integer)
    corrected_period_end: Mapped[int | None] = mapped_column(Integer)
    corrected_by: Mapped[str | None] = mapped_column(String(64))
    corrected_at: Mapped[datetime | None] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    # effective: the correction where there is one, else the machine's (merges followed)
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id", ondelete="SET NULL"))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)


# Indexes on the pipeline's tables that the series pages read (created by migration 0007 too).
Index("ix_indicators_metric_target", IndicatorRow.metric_id, IndicatorRow.target_id)
Index("ix_verdicts_target_run", VerdictRow.target_id, VerdictRow.run_id)
Index("ix_measurements_document_metric", MeasurementRow.document_id, MeasurementRow.metric_id)
Index("ix_targets_document_start", TargetRow.document_id, TargetRow.start, TargetRow.end)

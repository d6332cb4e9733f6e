"""Jurisdictions (level, parent, 行政区划代码, merges) with the spellings filed under them, each document's place
and period (machine reading, reviewer correction, effective values), and indexes for the series pages.
Existing ledgers are backfilled from documents.jurisdiction / documents.year (docs/places.md).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FIVE_YEAR_SPAN = 5


def upgrade() -> None:
    op.create_table(
        "jurisdictions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("code", sa.String(12), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["jurisdictions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["merged_into_id"], ["jurisdictions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("full_name"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_jurisdictions_level", "jurisdictions", ["level"])
    op.create_index("ix_jurisdictions_parent_id", "jurisdictions", ["parent_id"])
    op.create_table(
        "jurisdiction_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["jurisdiction_id"], ["jurisdictions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alias"),
    )
    op.create_index("ix_jurisdiction_aliases_jurisdiction_id", "jurisdiction_aliases", ["jurisdiction_id"])
    op.create_table(
        "document_places",
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("machine_name", sa.String(64), nullable=True),
        sa.Column("machine_jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("machine_year", sa.Integer(), nullable=True),
        sa.Column("machine_period_start", sa.Integer(), nullable=True),
        sa.Column("machine_period_end", sa.Integer(), nullable=True),
        sa.Column("corrected_jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("corrected_year", sa.Integer(), nullable=True),
        sa.Column("corrected_period_start", sa.Integer(), nullable=True),
        sa.Column("corrected_period_end", sa.Integer(), nullable=True),
        sa.Column("corrected_by", sa.String(64), nullable=True),
        sa.Column("corrected_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["machine_jurisdiction_id"], ["jurisdictions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["corrected_jurisdiction_id"], ["jurisdictions.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["jurisdiction_id"], ["jurisdictions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_index("ix_document_places_place_year", "document_places", ["jurisdiction_id", "year"])
    op.create_index("ix_document_places_year", "document_places", ["year"])
    op.create_index("ix_document_places_machine_jurisdiction_id", "document_places", ["machine_jurisdiction_id"])
    op.create_index("ix_document_places_corrected_jurisdiction_id", "document_places",
                    ["corrected_jurisdiction_id"])
    # the series read a metric's indicators by target, and a target's newest verdict
    op.create_index("ix_indicators_metric_target", "indicators", ["metric_id", "target_id"])
    op.create_index("ix_verdicts_target_run", "verdicts", ["target_id", "run_id"])
    op.create_index("ix_measurements_document_metric", "measurements", ["document_id", "metric_id"])
    op.create_index("ix_targets_document_start", "targets", ["document_id", "start", "end"])
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_targets_document_start", "targets")
    op.drop_index("ix_measurements_document_metric", "measurements")
    op.drop_index("ix_verdicts_target_run", "verdicts")
    op.drop_index("ix_indicators_metric_target", "indicators")
    op.drop_table("document_places")
    op.drop_table("jurisdiction_aliases")
    op.drop_table("jurisdictions")


# --- backfill: every stored document gets its place record (as store/places_register.py does at ingest) ---

_documents = sa.table("documents", sa.column("id"), sa.column("jurisdiction"), sa.column("year"), sa.column("kind"),
                      sa.column("text"))
_targets = sa.table("targets", sa.column("document_id"), sa.column("horizon"))
_places = sa.table("jurisdictions", sa.column("id"), sa.column("name"), sa.column("full_name"), sa.column("level"),
                   sa.column("parent_id"), sa.column("code"), sa.column("merged_into_id"), sa.column("source"),
                   sa.column("created_at"))
_aliases = sa.table("jurisdiction_aliases", sa.column("id"), sa.column("alias"), sa.column("jurisdiction_id"),
                    sa.column("source"), sa.column("created_at"))
_doc_places = sa.table(
    "document_places", *(sa.column(c) for c in (
        "document_id", "machine_name", "machine_jurisdiction_id", "machine_year", "machine_period_start",
        "machine_period_end", "jurisdiction_id", "year", "period_start", "period_end")))


def _backfill(conn) -> None:
    from duban.places.gazetteer import gazetteer
    from duban.places.names import NATIONAL, clean, resolve

    stamp = datetime.now(UTC).replace(tzinfo=None)
    ids: dict[str, int] = {}  # full name → id
    aliases: dict[str, int] = {}

    def record(nodes) -> int:
        parent = None
        if nodes[0].level != "national":
            nodes = [NATIONAL, *nodes]
        for node in nodes:
            if node.full_name not in ids:
                new = conn.execute(_places.insert().values(
                    name=node.name, full_name=node.full_name, level=node.level, parent_id=parent, code=node.code,
                    source="machine", created_at=stamp).returning(_places.c.id)).scalar_one()
                ids[node.full_name] = new
            parent = ids[node.full_name]
        return parent  # type: ignore[return-value]

    horizons = dict(conn.execute(sa.select(_targets.c.document_id, sa.func.max(_targets.c.horizon))
                                 .group_by(_targets.c.document_id)).all())
    rows = conn.execute(sa.select(_documents.c.id, _documents.c.jurisdiction, _documents.c.year,
                                  _documents.c.kind)).all()
    gaz = gazetteer()
    for doc_id, raw, year, kind in rows:
        name = clean(raw)
        place = None
        if name is not None:
            if name in aliases:
                place = aliases[name]
            else:
                nodes = resolve(name)
                leaf_name = nodes[-1].name if nodes else None
                if nodes and nodes[-1].code is None and len(gaz.by_name.get(leaf_name or "", ())) > 1:
                    text = conn.execute(sa.select(_documents.c.text).where(_documents.c.id == doc_id)).scalar()
                    nodes = resolve(name, text)
                if nodes:
                    place = record(nodes)
                    aliases[name] = place
                    conn.execute(_aliases.insert().values(alias=name, jurisdiction_id=place, source="machine",
                                                          created_at=stamp))
        start = end = None
        if kind == "five_year" and horizons.get(doc_id):
            end = int(horizons[doc_id])
            start = end - FIVE_YEAR_SPAN + 1
        conn.execute(_doc_places.insert().values(
            document_id=doc_id, machine_name=raw, machine_jurisdiction_id=place, machine_year=year,
            machine_period_start=start, machine_period_end=end, jurisdiction_id=place, year=year,
            period_start=start, period_end=end))

"""Leaner target indexes: drop three that no query needs (document_id alone is covered by the
unique (document_id, key) and by ix_targets_doc_status; horizon and review_status are never filtered
on alone). Every index costs time on each of the millions of target inserts of a large ingest.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DROPPED = ("ix_targets_document_id", "ix_targets_horizon", "ix_targets_review_status")


def upgrade() -> None:
    with op.batch_alter_table("targets") as batch:
        for name in DROPPED:
            batch.drop_index(name)


def downgrade() -> None:
    with op.batch_alter_table("targets") as batch:
        batch.create_index("ix_targets_document_id", ["document_id"])
        batch.create_index("ix_targets_horizon", ["horizon"])
        batch.create_index("ix_targets_review_status", ["review_status"])

"""Indexes for the ledger and the dashboard with 100k targets: (document_id, ordinal) for the default order
and (status, document_id, ordinal) for a status filter in that order (replacing the index on status
alone), so that a page walks an index instead of sorting the table; (document_id, top_section, status)
for the dashboard's counts (replacing (document_id, status), whose queries the status index now serves).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("targets") as batch:
        batch.drop_index("ix_targets_status")
        batch.drop_index("ix_targets_doc_status")
        batch.create_index("ix_targets_position", ["document_id", "ordinal"])
        batch.create_index("ix_targets_status_position", ["status", "document_id", "ordinal"])
        batch.create_index("ix_targets_doc_section_status", ["document_id", "top_section", "status"])


def downgrade() -> None:
    with op.batch_alter_table("targets") as batch:
        batch.drop_index("ix_targets_doc_section_status")
        batch.drop_index("ix_targets_status_position")
        batch.drop_index("ix_targets_position")
        batch.create_index("ix_targets_doc_status", ["document_id", "status"])
        batch.create_index("ix_targets_status", ["status"])

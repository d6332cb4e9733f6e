"""A partial index of the flagged targets in ledger order: (document_id, ordinal, machine_flags) WHERE
machine_flags != ''. Flags are rare (≈ 900 of 105,000 targets), so a flag filter (`/ledger?flag=…`,
`/api/targets?flag=…`) walks this small index in the ledger's order and counts its matches off it, instead
of reading every target row (18 ms for the count, up to 75 ms for a page of a flag nobody has;
docs/benchmarks.md §3). The ledger's flag filter says ``machine_flags != ''`` literally so that both
databases can use it.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FLAGGED = "machine_flags != ''"


def upgrade() -> None:
    op.create_index("ix_targets_flagged_position", "targets", ["document_id", "ordinal"],
                    sqlite_where=sa.text(FLAGGED), postgresql_where=sa.text(FLAGGED))


def downgrade() -> None:
    op.drop_index("ix_targets_flagged_position", table_name="targets")

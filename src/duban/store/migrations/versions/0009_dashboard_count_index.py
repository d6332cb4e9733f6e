"""An index for the dashboard's counts with 100k targets: (tier, status, machine_flags), so that the counts
per tier and status, per flag and of flagged targets are read off a small index instead of two scans of the
targets table (docs/benchmarks.md §3).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_targets_tier_status_flags", "targets", ["tier", "status", "machine_flags"])


def downgrade() -> None:
    op.drop_index("ix_targets_tier_status_flags", table_name="targets")

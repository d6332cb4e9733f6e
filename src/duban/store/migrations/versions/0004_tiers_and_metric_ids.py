"""Runs count every target once (summary), by tier, and their items apart; targets carry their tier
(headline | task) and the places the report restates them; indicators and
measurements carry the canonical metric id of the vocabulary (lang/metrics.toml); indicators their
direction; measurements the year they are for.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("summary_by_tier", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("item_summary", sa.JSON(), nullable=True))
    with op.batch_alter_table("targets") as batch:
        batch.add_column(sa.Column("tier", sa.String(16), nullable=False, server_default="task"))
        batch.add_column(sa.Column("mentions", sa.JSON(), nullable=True))
        batch.create_index("ix_targets_tier", ["tier"])
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("metric_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("direction", sa.String(16), nullable=True))
        batch.create_index("ix_indicators_metric_id", ["metric_id"])
    with op.batch_alter_table("measurements") as batch:
        batch.add_column(sa.Column("metric_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch.create_index("ix_measurements_metric_id", ["metric_id"])


def downgrade() -> None:
    with op.batch_alter_table("measurements") as batch:
        batch.drop_index("ix_measurements_metric_id")
        batch.drop_column("year")
        batch.drop_column("metric_id")
    with op.batch_alter_table("indicators") as batch:
        batch.drop_index("ix_indicators_metric_id")
        batch.drop_column("direction")
        batch.drop_column("metric_id")
    with op.batch_alter_table("targets") as batch:
        batch.drop_index("ix_targets_tier")
        batch.drop_column("mentions")
        batch.drop_column("tier")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("item_summary")
        batch.drop_column("summary_by_tier")

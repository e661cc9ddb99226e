"""Reports remember what the user forced at ingest (--year, --region) so re-extraction keeps it;
the gazetteer vintage gets room for a full source description.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch_op:
        batch_op.add_column(sa.Column("overrides", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    with op.batch_alter_table("regions") as batch_op:
        batch_op.alter_column("vintage", existing_type=sa.String(length=32), type_=sa.String(length=100))


def downgrade() -> None:
    with op.batch_alter_table("regions") as batch_op:
        batch_op.alter_column("vintage", existing_type=sa.String(length=100), type_=sa.String(length=32))
    with op.batch_alter_table("reports") as batch_op:
        batch_op.drop_column("overrides")

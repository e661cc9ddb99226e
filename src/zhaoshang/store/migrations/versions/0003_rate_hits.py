"""Rate-limit attempts in the database, so limits hold across gunicorn workers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_hits",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_hits")),
    )
    op.create_index(op.f("ix_rate_hits_at"), "rate_hits", ["at"], unique=False)
    op.create_index("ix_rate_hits_key_at", "rate_hits", ["key", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_rate_hits_key_at", table_name="rate_hits")
    op.drop_index(op.f("ix_rate_hits_at"), table_name="rate_hits")
    op.drop_table("rate_hits")

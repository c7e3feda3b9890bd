"""on-site opinions without a case

A quick opinion drafted at a fair belongs to a fair complaint (fair_complaint.opinion_id), which is
not a case, so opinion.case_id becomes optional.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 02:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.alter_column('case_id', existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    # Opinions without a case cannot survive the old schema.
    op.execute("DELETE FROM opinion WHERE case_id IS NULL")
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.alter_column('case_id', existing_type=sa.Uuid(), nullable=False)

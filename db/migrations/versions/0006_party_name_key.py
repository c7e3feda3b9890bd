"""party names found without their spaces

The fair checks compare a complainant's or respondent's name with the parties the centre knows
with spaces left out ("华为 技术" is "华为技术"). Without an index on that form, every check read
all of a centre's parties (≈ 4 s at 100k cases, for opening one complaint); the index makes it a
lookup per name.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The same expression as db.models.parties.PARTY_NAME_KEY (a migration keeps its own copy: it must
# go on meaning what it meant when it was written).
_KEY = "replace(replace(name, ' ', ''), '\u3000', '')"


def upgrade() -> None:
    op.create_index('ix_party_name_key', 'party', [sa.text(_KEY)], unique=False)


def downgrade() -> None:
    op.drop_index('ix_party_name_key', table_name='party')

"""search index: one document per record, no token index by record

Revision ID: 0005
Revises: 0004

`search_doc` holds each record's tokens as one JSON array, filled here from `search_token`; the
(table_name, record_id) index on `search_token` goes. That index was a full second copy of the token
table (on SQLite a WITHOUT ROWID table's index repeats the whole key) and two thirds of the cost of
writing tokens; what it answered (which tokens does this record hold) is now one row of search_doc.
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Each record's tokens as a compact JSON array in token order, as app.search.index writes them.
_FILL = {
    "sqlite": "INSERT INTO search_doc (table_name, record_id, tokens) "
              "SELECT table_name, record_id, json_group_array(token) FROM "
              "(SELECT table_name, record_id, token FROM search_token ORDER BY table_name, record_id, token) "
              "GROUP BY table_name, record_id",
    "postgresql": "INSERT INTO search_doc (table_name, record_id, tokens) "
                  "SELECT table_name, record_id, "
                  "'[' || string_agg(to_json(token)::text, ',' ORDER BY token COLLATE \"C\") || ']' "
                  "FROM search_token GROUP BY table_name, record_id",
}


def upgrade() -> None:
    op.create_table(
        'search_doc',
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.Uuid(), nullable=False),
        sa.Column('tokens', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('table_name', 'record_id', name=op.f('pk_search_doc')),
    )
    op.execute(_FILL[op.get_bind().dialect.name])
    op.drop_index('ix_search_token_record', table_name='search_token')


def downgrade() -> None:
    op.create_index('ix_search_token_record', 'search_token', ['table_name', 'record_id'], unique=False)
    op.drop_table('search_doc')

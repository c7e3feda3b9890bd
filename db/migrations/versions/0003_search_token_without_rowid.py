"""search tokens: SQLite table without rowid

Revision ID: 0003
Revises: 0002

On SQLite the token table becomes a WITHOUT ROWID table clustered on its primary key (token,
table_name, record_id): the separate rowid table held a second copy of every token. PostgreSQL has
no such option and is left as it is.
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_COLUMNS = ("token VARCHAR(80) NOT NULL, table_name VARCHAR(40) NOT NULL, record_id CHAR(32) NOT NULL, "
            "CONSTRAINT pk_search_token PRIMARY KEY (token, table_name, record_id)")


def _rebuild(options: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE TABLE search_token_rebuilt ({_COLUMNS}){options}")
    op.execute("INSERT INTO search_token_rebuilt (token, table_name, record_id) "
               "SELECT token, table_name, record_id FROM search_token ORDER BY 1, 2, 3")
    op.execute("DROP INDEX ix_search_token_record")
    op.execute("DROP TABLE search_token")
    op.execute("ALTER TABLE search_token_rebuilt RENAME TO search_token")
    op.execute("CREATE INDEX ix_search_token_record ON search_token (table_name, record_id)")


def upgrade() -> None:
    _rebuild(" WITHOUT ROWID")


def downgrade() -> None:
    _rebuild("")

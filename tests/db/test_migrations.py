"""Schema revisions: a linear chain, models equal to the migrations, and a database holding
data at the first revision upgrading to head with every row kept."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, insert, inspect, select

from app.database import open_database
from app.errors import DatabaseUnavailable
from db import schema
from db.engine import make_engine, to_url
from db.models import Base, Party
from db.models.parties import PARTY_NAME_KEY

FIRST = "0001"


def script():
    return schema.script()


def test_revision_chain_is_linear():
    assert len(script().get_heads()) == 1
    revisions = list(script().walk_revisions())
    assert revisions[-1].revision == FIRST and revisions[-1].down_revision is None
    for rev in revisions[:-1]:
        assert isinstance(rev.down_revision, str), f"{rev.revision} merges or branches"


def test_the_head_the_program_expects_is_the_newest_migration():
    """db.schema.HEAD saves importing Alembic on every start; a new revision must move it."""
    assert script().get_heads() == [schema.HEAD]


# Alembic cannot reflect expression indexes, so it leaves them out of the comparison (and says so);
# the next test looks for them itself.
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning",
                            "ignore:Skipped unsupported reflection of expression-based index")
def test_models_and_migrations_describe_the_same_schema(db_url):
    db = open_database(db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    db.close()
    assert diff == []


def test_the_expression_index_the_fair_checks_rely_on_is_there_and_used(db_url):
    """ix_party_name_key (0006) is what keeps opening a fair complaint from reading every party."""
    db = open_database(db_url)
    find = {"sqlite": "SELECT sql FROM sqlite_master WHERE name = 'ix_party_name_key'",
            "postgresql": "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_party_name_key'"}
    stmt = select(Party.id).where(PARTY_NAME_KEY.in_(["华为技术有限公司"]))
    with db.engine.connect() as conn:
        definition = conn.exec_driver_sql(find[db.engine.dialect.name]).scalar()
        if db.is_sqlite:
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "ix_party_name_key" in plan
    db.close()
    assert definition is not None and "replace" in definition


def _at_first_revision(url_text: str):
    engine = make_engine(to_url(url_text), foreign_keys=False)
    schema.upgrade(engine, FIRST)
    return engine


def bind_uuid(engine):
    """Reflected SQLite tables see CHAR(32) where the models say Uuid: bind the stored form."""
    return (lambda u: u.hex) if engine.dialect.name == "sqlite" else (lambda u: u)


def _fill_first_revision(engine) -> dict:
    """Rows written with the tables as revision 0001 had them (reflected, not the models)."""
    meta = MetaData()
    meta.reflect(engine)
    now = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
    centre_id, party_id, case_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    b = bind_uuid(engine)
    common = dict(version=1, created_at=now, updated_at=now, deleted=False)
    with engine.begin() as conn:
        conn.execute(insert(meta.tables["centre"]), [dict(id=b(centre_id), name="旧中心", short_name="旧",
                                                          timezone="Asia/Shanghai", region="", **common)])
        conn.execute(insert(meta.tables["party"]), [dict(
            id=b(party_id), centre_id=b(centre_id), kind="enterprise", name="沈阳某某机械有限公司", name_pinyin="",
            private_enterprise=True, going_global=False, region="", contact="", phone="", address="", note="",
            **common)])
        conn.execute(insert(meta.tables["assist_case"]), [dict(
            id=b(case_id), centre_id=b(centre_id), case_no="〔2026〕旧维援字第0001号", registered_on=date(2026, 1, 5),
            channel="visit", applicant_id=b(party_id), ip_kind="invention", dispute_type="infringement",
            overseas=False, services=["opinion"], summary="被诉产品与专利权利要求相同", status="registered",
            paused_workdays=0, refusal_reason="", source="register", note="", **common)])
    return {"centre": centre_id, "party": party_id, "case": case_id}


def test_sqlite_file_at_first_revision_upgrades_itself_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = _at_first_revision(str(path))
    ids = _fill_first_revision(engine)
    engine.dispose()

    db = open_database(str(path))
    assert db.revision == schema.head_revision()
    assert len(db.backups) == 1 and db.backups[0].exists()
    with db.engine.connect() as conn:
        centre = conn.execute(select(Base.metadata.tables["centre"]).where(
            Base.metadata.tables["centre"].c.id == ids["centre"])).one()
        case = conn.execute(select(Base.metadata.tables["assist_case"])).one()
    assert centre.name == "旧中心" and centre.address == "" and centre.phone == ""
    assert case.id == ids["case"] and case.summary == "被诉产品与专利权利要求相同"
    db.close()
    # The backup is the database as it was: still at the first revision, same rows.
    old = make_engine(to_url(str(db.backups[0])))
    assert schema.current_revision(old) == FIRST
    with old.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM assist_case").scalar() == 1
    old.dispose()


def test_server_at_first_revision_is_refused_then_upgraded_by_an_admin(empty_pg_url, tmp_path, capsys):
    from app.cli.main import main
    from app.passwords import hash_password

    engine = _at_first_revision(empty_pg_url)
    ids = _fill_first_revision(engine)
    meta = MetaData()
    meta.reflect(engine)
    now = datetime(2026, 1, 5, tzinfo=timezone.utc)
    with engine.begin() as conn:
        conn.execute(insert(meta.tables["app_user"]), [dict(
            id=bind_uuid(engine)(uuid.uuid4()), centre_id=bind_uuid(engine)(ids["centre"]), username="root", display_name="管理员",
            password_hash=hash_password("rootpass1"), roles=["admin"], active=True, phone="",
            failed_logins=0, version=1, created_at=now, updated_at=now, deleted=False)])
    engine.dispose()

    with pytest.raises(DatabaseUnavailable) as err:
        open_database(empty_pg_url)
    assert "ipaid upgrade" in err.value.message

    pw = tmp_path / "pw"
    pw.write_text("wrong-one\n")
    assert main(["upgrade", "--db", empty_pg_url, "--user", "root", "--password-file", str(pw)]) == 4
    pw.write_text("rootpass1\n")
    assert main(["upgrade", "--db", empty_pg_url, "--user", "root", "--password-file", str(pw)]) == 0
    assert "0001" in capsys.readouterr().out

    db = open_database(empty_pg_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name, address FROM centre").one() == ("旧中心", "")
        assert conn.exec_driver_sql("SELECT count(*) FROM assist_case").scalar() == 1
    db.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "old.sqlite")
    return request.getfixturevalue("empty_pg_url")


def test_tokens_written_before_revision_0005_become_one_document_per_record(empty_url):
    """0005 moved 'which tokens does a record hold' from an index into search_doc: the documents it
    fills must hold exactly the tokens already stored, or an edit would leave stale ones behind."""
    engine = make_engine(to_url(empty_url), foreign_keys=False)
    schema.upgrade(engine, "0004")
    b = bind_uuid(engine)
    party, case = uuid.uuid4(), uuid.uuid4()
    stored = {("party", party): {"张三", "py:zhangsan", "a_b"}, ("assist_case", case): {"耳机", "d3:202"}}
    with engine.begin() as conn:
        conn.exec_driver_sql(  # the driver's own placeholder style (psycopg: %s, sqlite3: ?)
            "INSERT INTO search_token (token, table_name, record_id) VALUES "
            + ("(?, ?, ?)" if engine.dialect.name == "sqlite" else "(%s, %s, %s)"),
            [(t, table, b(rid)) for (table, rid), tokens in stored.items() for t in tokens])
    schema.upgrade(engine, "head")
    with engine.connect() as conn:
        docs = {(table, rid): text for table, rid, text in conn.exec_driver_sql(
            "SELECT table_name, record_id, tokens FROM search_doc")}
        indexes = {ix["name"] for ix in inspect(conn).get_indexes("search_token")}
    engine.dispose()
    as_uuid = (lambda v: uuid.UUID(hex=v)) if isinstance(next(iter(docs))[1], str) else (lambda v: v)
    assert {(table, as_uuid(rid)): set(json.loads(text)) for (table, rid), text in docs.items()} == stored
    assert "ix_search_token_record" not in indexes

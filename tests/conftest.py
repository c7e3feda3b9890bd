"""Shared fixtures: databases on SQLite and PostgreSQL, and signed-in users.

Building the schema runs every migration, so it is done once per session into a template
(a SQLite file copied per test; a PostgreSQL template database cloned per test).
With CI=true a PostgreSQL that cannot be reached fails the run instead of skipping.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get("IPAID_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct horse 8"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Never touch the user's real data, log or settings folders."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("IPAID_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("IPAID_LOG_DIR", str(base / "logs"))
    monkeypatch.delenv("IPAID_DB", raising=False)
    monkeypatch.delenv("IPAID_USER", raising=False)
    monkeypatch.delenv("IPAID_PASSWORD", raising=False)
    monkeypatch.delenv("IPAID_PASSWORD_FILE", raising=False)


# ---------------------------------------------------------------- SQLite
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from app.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_database(str(path)).close()
    return path


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    target = tmp_path / "ipaid.sqlite"
    shutil.copy(sqlite_template, target)
    return str(target)


# ---------------------------------------------------------------- PostgreSQL
def _pg_admin_engine():
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template() -> str:
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but IPAID_TEST_PG_URL is not set: PostgreSQL tests must run in CI")
        pytest.skip("PostgreSQL not configured (set IPAID_TEST_PG_URL; ./test does it)")
    from sqlalchemy.engine import make_url

    from app.database import open_database

    name = f"ipaid_tpl_{uuid.uuid4().hex[:8]}"
    try:
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server
        if IN_CI:
            pytest.fail(f"PostgreSQL at {PG_URL} not reachable in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = make_url(PG_URL).set(drivername="postgresql+psycopg", database=name)
    open_database(url.render_as_string(hide_password=False), create=True).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template) -> str:
    from sqlalchemy.engine import make_url

    name = f"ipaid_t_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield make_url(PG_URL).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def empty_pg_url() -> str:
    """A PostgreSQL database with no schema at all."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but IPAID_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured")
    from sqlalchemy.engine import make_url

    name = f"ipaid_e_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# ---------------------------------------------------------------- both backends
@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """The same test on both backends."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def database(db_url):
    """An opened database at head revision, not yet initialised (no centre, no users)."""
    from app.database import open_database

    db = open_database(db_url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def password_hash() -> str:
    from app.passwords import hash_password

    return hash_password(PASSWORD)


@pytest.fixture
def centre(database, password_hash):
    """An initialised centre with one user per role; returns a namespace of actors."""
    from app.services.setup import NewAccount, initialise

    accounts = [
        NewAccount("admin", "管理员", PASSWORD, ("admin",)),
        NewAccount("supervisor", "王主任", PASSWORD, ("supervisor",)),
        NewAccount("caseworker", "李明", PASSWORD, ("caseworker",)),
        NewAccount("fairstaff", "赵敏", PASSWORD, ("fair_staff",)),
    ]
    actors = initialise(database, centre_name="测试知识产权保护中心", centre_short="测",
                        accounts=accounts, password_hashes={PASSWORD: password_hash})
    return Centre(database, {a.username: a for a in actors})


class Centre:
    def __init__(self, db, actors):
        self.db = db
        self.actors = actors

    def __getattr__(self, name):
        try:
            return self.actors[name]
        except KeyError:
            raise AttributeError(name) from None


@pytest.fixture
def app_db(sqlite_url):
    """An opened SQLite database (for UI tests that need a real one)."""
    from app.database import open_database

    db = open_database(sqlite_url)
    yield db
    db.close()

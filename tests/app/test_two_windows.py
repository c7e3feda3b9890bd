"""One file, two windows: two program instances on one SQLite file; and storage failures
(read-only, full disk, locked) told in one clear sentence with nothing half-saved."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import event, func, select

from app.audit import verify_chain
from app.database import open_database
from app.errors import DatabaseUnavailable
from app.service import service_call
from app.services import users
from app.services.setup import NewAccount, initialise
from db.models import AuditEvent, Party

from tests.conftest import PASSWORD


@pytest.fixture
def two(sqlite_url, password_hash):
    first = open_database(sqlite_url)
    admin = initialise(first, centre_name="中心", centre_short="", password_hashes={PASSWORD: password_hash},
                       accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",))])[0]
    second = open_database(sqlite_url)
    yield first, second, admin
    first.close()
    second.close()


def add_party(db, actor, name):
    with service_call(db, actor, roles=None, action="party.create") as s:
        s.add(Party(centre_id=actor.centre_id, kind="enterprise", name=name))


def names(db):
    with db.read_session() as s:
        return set(s.scalars(select(Party.name)))


def test_two_instances_write_alternately_and_see_each_other(two):
    first, second, admin = two
    for n in range(6):
        add_party(first if n % 2 == 0 else second, admin, f"公司{n}")
        assert names(first) == names(second) == {f"公司{i}" for i in range(n + 1)}
    with second.read_session() as s:
        assert verify_chain(s, second.device_id).intact


def test_two_instances_writing_at_the_same_time_lose_nothing(two):
    first, second, admin = two
    errors = []

    def work(db, tag):
        try:
            for n in range(15):
                add_party(db, admin, f"{tag}{n}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(db, tag)) for db, tag in ((first, "甲"), (second, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(names(first)) == 30
    with first.read_session() as s:
        assert verify_chain(s, first.device_id).intact


def _on_every_connection(db, sql: str) -> None:
    db.engine.dispose()  # new connections get the pragma

    @event.listens_for(db.engine, "connect")
    def _apply(dbapi_conn, _record):
        dbapi_conn.execute(sql)


def event_count(db):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def test_read_only_database_gives_a_clear_message_and_saves_nothing(two):
    first, _, admin = two
    before = (names(first), event_count(first))
    _on_every_connection(first, "PRAGMA query_only = ON")
    with pytest.raises(DatabaseUnavailable) as err:
        add_party(first, admin, "不会保存")
    assert "只读" in err.value.message and "没有保存" in err.value.message and err.value.exit_code == 2
    with pytest.raises(DatabaseUnavailable):  # also a refusal that cannot be written down
        users.authenticate(first, "admin", "wrong password")
    fresh = open_database(str(first.path))
    assert (names(fresh), event_count(fresh)) == before
    fresh.close()


def test_full_disk_gives_a_clear_message_and_saves_nothing(two):
    first, _, admin = two
    with first.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    before = (names(first), event_count(first))
    _on_every_connection(first, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DatabaseUnavailable) as err:
        for n in range(200):  # until the file must grow
            add_party(first, admin, f"很长的公司名称用来占满页面{n}" * 3)
    assert "磁盘已满" in err.value.message
    fresh = open_database(str(first.path))
    grown = names(fresh) - before[0]
    with fresh.read_session() as s:
        assert verify_chain(s, fresh.device_id).intact  # the failed call left no half event
    assert event_count(fresh) - before[1] == len(grown)  # every saved row has its event, no more
    fresh.close()


def test_a_writer_holding_the_lock_too_long_is_told_clearly(two):
    first, _, admin = two
    _on_every_connection(first, "PRAGMA busy_timeout = 200")
    other = sqlite3.connect(first.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailable) as err:
            add_party(first, admin, "等不到锁")
        assert "占用" in err.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    add_party(first, admin, "现在可以了")
    assert "现在可以了" in names(first)

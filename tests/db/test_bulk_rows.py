"""db.bulk: rows written by its fast path (COPY on PostgreSQL) read back exactly as rows written by
SQLAlchemy's own INSERT, and a violated constraint is SQLAlchemy's IntegrityError on both backends."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from db import bulk
from db.models import AuditEvent, Centre


def _centre(**values) -> dict:
    row = {c.key: None for c in Centre.__table__.columns}
    now = datetime(2026, 3, 5, 1, 2, 3, 456789, tzinfo=timezone.utc)
    row.update(id=uuid.uuid4(), version=1, created_at=now, updated_at=now, deleted=False,
               name="某某中心", short_name="某", timezone="Asia/Shanghai", region="", address="", phone="")
    row.update(values)
    return row


def _read(database, table, ids) -> dict:
    with database.read_session() as s:
        found = s.execute(select(table).where(table.c.id.in_(ids))).mappings().all()
        return {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in found}


def test_copied_rows_read_back_as_inserted_rows(database):
    table = Centre.__table__
    inserted, copied = _centre(name="甲 \"引号\"\t制表\\反斜杠"), _centre(name="甲 \"引号\"\t制表\\反斜杠")
    with database.write_session() as s:
        s.connection().execute(insert(table), [inserted])
        bulk.insert_rows(s.connection(), table, [copied])
        s.commit()
    rows = _read(database, table, [inserted["id"], copied["id"]])
    assert rows[inserted["id"]] == rows[copied["id"]]
    assert rows[copied["id"]]["name"] == "甲 \"引号\"\t制表\\反斜杠"


def test_copied_events_keep_json_dates_and_empty_values(database):
    table = AuditEvent.__table__
    at = datetime(2026, 3, 5, 1, 2, 3, tzinfo=timezone.utc)
    data = {"name": "王芳", "on": date(2026, 3, 5).isoformat(), "list": [1, None, True], "nested": {"a": ""}}
    with database.write_session() as s:
        conn = s.connection()
        as_json = bulk.bind_processor(conn, table, "data")
        when = bulk.bind_processor(conn, table, "at")(at)
        device = bulk.bind_processor(conn, table, "device_id")(uuid.uuid4())
        bulk.insert_tuples(conn, table, ["device_id", "seq", "prev_hash", "hash", "at", "centre_id", "actor_id",
                                            "actor_name", "action", "table_name", "record_id", "data"],
                              [(device, 1, "0" * 64, "1" * 64, when, None, None, "", "x", "", None, as_json(data))])
        s.commit()
    with database.read_session() as s:
        event = s.scalars(select(AuditEvent)).one()
    assert (event.data, event.at, event.centre_id, event.record_id) == (data, at, None, None)


def test_a_violated_constraint_is_an_integrity_error(database):
    row = _centre()
    with database.write_session() as s, pytest.raises(IntegrityError):
        bulk.insert_rows(s.connection(), Centre.__table__, [row, dict(row)])


def test_deleting_by_key_removes_exactly_those_rows_across_chunks(database):
    from db.models import SearchToken

    table = SearchToken.__table__
    names = ["token", "table_name", "record_id"]
    record = [uuid.uuid4() for _ in range(3)]
    with database.write_session() as s:
        conn = s.connection()
        rid = bulk.bind_processor(conn, table, "record_id")
        rows = [(f"t{i:04d}", "party", rid(record[i % 3])) for i in range(1200)]
        bulk.insert_tuples(conn, table, names, rows)
        bulk.delete_tuples(conn, table, names, [r for i, r in enumerate(rows) if i % 4])  # 900 keys, two chunks
        s.commit()
    with database.read_session() as s:
        left = set(s.execute(select(table.c.token, table.c.record_id)))
    assert left == {(f"t{i:04d}", record[i % 3]) for i in range(0, 1200, 4)}

"""`ipaid audit verify` and `ipaid check` against tampering done with plain SQL."""
from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from sqlalchemy import select, text

from app.audit import event_hash, payload_of
from app.cli.main import main
from app.errors import NotAuthenticated, PermissionDenied
from app.integrity import check_database, verify_audit
from app.services import users
from db.models import AuditEvent

from tests.conftest import PASSWORD


@pytest.fixture
def busy(centre):
    """A centre with a few more events than set-up leaves."""
    db = centre.db
    for n in range(3):
        users.create_user(db, centre.admin, username=f"user{n}", display_name=f"用户{n}",
                          password="password123", roles=["caseworker"])
    users.set_roles(db, centre.admin, "user1", ["caseworker", "supervisor"])
    return centre


@pytest.fixture
def cli(busy, tmp_path, capsys):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD)
    url = str(busy.db.url.render_as_string(hide_password=False))

    def run(*argv):
        capsys.readouterr()
        code = main([*argv, "--db", url, "--user", "admin", "--password-file", str(pw), "--json"])
        return code, json.loads(capsys.readouterr().out or "null")
    return run


def sql(db, statement, **params):
    """Plain SQL behind the program's back (SQLite stores UUIDs as 32 hex digits)."""
    if db.is_sqlite:
        params = {k: v.hex if isinstance(v, uuid.UUID) else v for k, v in params.items()}
    with db.engine.begin() as conn:
        conn.execute(text(statement), params)


def seqs(db):
    with db.read_session() as s:
        return list(s.scalars(select(AuditEvent.seq).where(AuditEvent.device_id == db.device_id)
                              .order_by(AuditEvent.seq)))


def test_untouched_database_passes(cli):
    code, out = cli("audit", "verify")
    assert code == 0 and out["intact"] is True and out["first_broken"] is None
    assert out["chains"][0]["device_name"] == "本机" and len(out["chains"][0]["head_hash"]) == 64
    code, out = cli("check")
    assert code == 0 and out["ok"] is True and out["changed_rows"] == [] and out["never_evented"] == {}


def test_edited_event_is_named(busy, cli):
    sql(busy.db, "UPDATE audit_event SET actor_name = '别人' WHERE seq = 3 AND device_id = :d",
        d=busy.db.device_id)
    code, out = cli("audit", "verify")
    assert code == 3
    first = out["first_broken"]
    assert first["device"] == str(busy.db.device_id) and first["broken_at"] == 3
    assert "内容被改动" in first["problem"]


def test_edited_event_data_is_caught_too(busy, cli):
    with busy.db.read_session() as s:
        victim = s.scalars(select(AuditEvent).where(AuditEvent.action == "user.create:create")).first()
        data = dict(victim.data, display_name="改过")
    sql(busy.db, "UPDATE audit_event SET data = :data WHERE id = :id", data=json.dumps(data), id=victim.id)
    code, out = cli("audit", "verify")
    assert code == 3 and out["first_broken"]["broken_at"] == victim.seq


def test_deleted_event_in_the_middle(busy, cli):
    sql(busy.db, "DELETE FROM audit_event WHERE seq = 2 AND device_id = :d", d=busy.db.device_id)
    code, out = cli("audit", "verify")
    assert code == 3 and out["first_broken"]["broken_at"] == 2
    assert "缺失" in out["first_broken"]["problem"]


def test_deleted_last_event(busy, cli):
    last = seqs(busy.db)[-1]
    sql(busy.db, "DELETE FROM audit_event WHERE seq = :s AND device_id = :d", s=last, d=busy.db.device_id)
    code, out = cli("audit", "verify")
    assert code == 3 and out["first_broken"]["broken_at"] == last


def test_inserted_event_in_the_middle_with_a_correct_own_hash(busy, cli):
    """A forger renumbers the events after seq 2 and slips a well-formed event in: the next
    event's link to its predecessor gives it away."""
    db = busy.db
    with db.read_session() as s:
        second = s.scalars(select(AuditEvent).where(AuditEvent.device_id == db.device_id,
                                                    AuditEvent.seq == 2)).one()
        fake = AuditEvent(device_id=db.device_id, seq=3, prev_hash=second.hash, at=second.at,
                          centre_id=second.centre_id, actor_id=None, actor_name="伪造者",
                          action="user.create:create", table_name="", record_id=None, data={})
        fake.hash = event_hash(second.hash, payload_of(fake))
    sql(db, "UPDATE audit_event SET seq = seq + 1000000 WHERE seq > 2 AND device_id = :d", d=db.device_id)
    sql(db, "UPDATE audit_event SET seq = seq - 1000000 + 1 WHERE seq > 1000000 AND device_id = :d",
        d=db.device_id)
    with db.write_session() as s:
        s.add(fake)
        s.commit()
    code, out = cli("audit", "verify")
    assert code == 3 and out["first_broken"]["broken_at"] == 4
    assert "链接不符" in out["first_broken"]["problem"]


def test_inserted_event_beyond_the_head(busy, cli):
    db = busy.db
    last = seqs(db)[-1]
    with db.read_session() as s:
        tail = s.scalars(select(AuditEvent).where(AuditEvent.device_id == db.device_id,
                                                  AuditEvent.seq == last)).one()
        extra = AuditEvent(device_id=db.device_id, seq=last + 1, prev_hash=tail.hash, at=tail.at,
                           centre_id=tail.centre_id, actor_name="伪造者", action="x", table_name="",
                           record_id=None, data={})
        extra.hash = event_hash(tail.hash, payload_of(extra))
    with db.write_session() as s:
        s.add(extra)
        s.commit()
    code, out = cli("audit", "verify")
    assert code == 3 and out["first_broken"]["broken_at"] == last + 1
    assert "多出" in out["first_broken"]["problem"]


def test_check_reports_a_row_edited_with_plain_sql(busy, cli):
    sql(busy.db, "UPDATE app_user SET display_name = '冒名' WHERE username = 'user2'")
    code, out = cli("check")
    assert code == 3 and out["ok"] is False
    assert out["audit"]["intact"] is True  # the chain itself is fine: the data row was changed
    (row,) = out["changed_rows"]
    assert row["table"] == "app_user" and row["fields"] == ["display_name"]


def test_check_lists_never_evented_rows_apart_and_ignores_sign_in_bookkeeping(busy, cli):
    db = busy.db
    for _ in range(2):
        with pytest.raises(NotAuthenticated):
            users.authenticate(db, "user0", "wrong")  # failed_logins changes without an event
    with db.read_session() as s:
        centre_id = s.scalar(text("SELECT id FROM centre"))
    new_id = uuid.uuid4()
    sql(db, "INSERT INTO app_user (id, version, created_at, updated_at, deleted, centre_id, username, "
            "display_name, password_hash, roles, active, phone, failed_logins) VALUES "
            "(:id, 1, :t, :t, false, :c, 'ghost', '幽灵', '', '[]', false, '', 0)",
        id=new_id, t="2026-01-01 00:00:00", c=centre_id)
    code, out = cli("check")
    assert out["changed_rows"] == []
    assert out["never_evented"]["app_user"]["count"] == 1
    assert code == 0  # not evidence of tampering on its own


def test_check_on_sqlite_runs_integrity_and_foreign_keys_and_postgres_says_it_skips(busy, cli):
    code, out = cli("check")
    if busy.db.is_sqlite:
        assert out["sqlite_integrity"] == ["ok"] and out["foreign_key_problems"] == []
    else:
        assert out["sqlite_integrity"] is None and "PostgreSQL" in out["notes"][0]


def test_check_reports_a_broken_foreign_key(tmp_path, sqlite_url, password_hash, capsys):
    from app.database import open_database
    from app.services.setup import NewAccount, initialise

    db = open_database(sqlite_url)
    initialise(db, centre_name="中心", centre_short="", accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin",))],
               password_hashes={PASSWORD: password_hash})
    db.close()
    con = sqlite3.connect(sqlite_url)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE device SET centre_id = 'ffffffffffffffffffffffffffffffff'")
    con.commit()
    con.close()
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD)
    capsys.readouterr()
    assert main(["check", "--db", sqlite_url, "--user", "admin", "--password-file", str(pw), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert any("device" in p for p in out["foreign_key_problems"])


@pytest.mark.parametrize("role", ["caseworker", "fairstaff"])
def test_audit_needs_admin_or_supervisor(busy, role):
    with pytest.raises(PermissionDenied):
        verify_audit(busy.db, getattr(busy, role))
    with pytest.raises(PermissionDenied):
        check_database(busy.db, getattr(busy, role))
    assert verify_audit(busy.db, busy.supervisor).intact

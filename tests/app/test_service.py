"""The unit of work: role checks that change nothing, and one chained audit event per change."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.audit import GENESIS, verify_chain
from app.errors import NotAuthenticated, PermissionDenied, ValidationError
from app.services import users
from db.models import AuditEvent, AuditHead, User

from tests.conftest import PASSWORD


def count(db, model):
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model))


def events(db):
    with db.read_session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()


def test_user_without_the_role_is_refused_and_nothing_changes(centre):
    db = centre.db
    before_users = count(db, User)
    with pytest.raises(PermissionDenied) as err:
        users.create_user(db, centre.caseworker, username="intruder", display_name="某人",
                          password="password123", roles=["admin"])
    assert "系统管理员" in err.value.message and err.value.exit_code == 4
    assert count(db, User) == before_users
    # The refusal itself is on record, chained like everything else.
    last = events(db)[-1]
    assert last.action == "refused:user.create" and last.actor_name == "李明"
    assert verify_chain(db.read_session(), db.device_id).broken_at is None


def test_successful_change_leaves_exactly_one_chained_event(centre):
    db = centre.db
    before = events(db)
    row = users.create_user(db, centre.admin, username="wangfang", display_name="王芳",
                            password="password123", roles=["caseworker", "supervisor"])
    after = events(db)
    assert len(after) == len(before) + 1
    new = after[-1]
    assert new.action == "user.create:create" and new.record_id == row.id
    assert new.prev_hash == before[-1].hash and new.seq == before[-1].seq + 1
    assert new.actor_id == centre.admin.user_id
    # The password hash never appears in clear in the audit trail.
    assert new.data["password_hash"].startswith("sha256:")
    with db.read_session() as s:
        head = s.get(AuditHead, db.device_id)
        assert (head.seq, head.hash) == (new.seq, new.hash)
        assert verify_chain(s, db.device_id).broken_at is None


def test_failed_validation_changes_nothing(centre):
    db = centre.db
    n_events = len(events(db))
    with pytest.raises(ValidationError) as err:
        users.create_user(db, centre.admin, username="", display_name="", password="password123",
                          roles=["caseworker"])
    assert err.value.field == "用户名"
    with pytest.raises(ValidationError) as err:
        users.create_user(db, centre.admin, username="caseworker", display_name="重名",
                          password="password123", roles=["caseworker"])
    assert "已存在" in err.value.message
    assert len(events(db)) == n_events


def test_chain_detects_an_event_changed_behind_the_programs_back(centre):
    db = centre.db
    users.create_user(db, centre.admin, username="zhao", display_name="赵", password="password123",
                      roles=["caseworker"])
    with db.write_session() as s:
        victim = s.scalars(select(AuditEvent).order_by(AuditEvent.seq).limit(1)).one()
        victim.actor_name = "别人"
        s.commit()
        broken = victim.seq
    report = verify_chain(db.read_session(), db.device_id)
    assert report.broken_at == broken


def test_first_event_links_to_genesis(centre):
    first = events(centre.db)[0]
    assert first.seq == 1 and first.prev_hash == GENESIS


def test_authenticate_and_lockout(centre):
    db = centre.db
    actor = users.authenticate(db, "caseworker", PASSWORD)
    assert actor.roles == frozenset({"caseworker"}) and actor.centre_name == "测试知识产权保护中心"
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(NotAuthenticated):
            users.authenticate(db, "caseworker", "wrong")
    with pytest.raises(NotAuthenticated) as err:
        users.authenticate(db, "caseworker", PASSWORD)
    assert "锁定" in err.value.message
    assert sum(e.action == "login_failed" for e in events(db)) == users.LOCK_AFTER_FAILURES


def test_deactivated_user_is_refused_at_once(centre):
    db = centre.db
    users.set_active(db, centre.admin, "caseworker", False)
    with pytest.raises(NotAuthenticated):
        users.list_users(db, centre.caseworker)  # the actor object still exists in memory
    with pytest.raises(NotAuthenticated) as err:
        users.authenticate(db, "caseworker", PASSWORD)
    assert "停用" in err.value.message


def test_has_users(database, centre):
    assert users.has_users(database)

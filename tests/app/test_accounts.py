"""Account care: own password change, admin reset, roles, deactivation, lock/unlock — and every
admin service refused, unchanged and evented for each role that is not admin."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.audit import verify_chain
from app.cli.main import main
from app.errors import NotAuthenticated, NotFound, PermissionDenied, UsageError, ValidationError
from app.services import users
from db.models import AuditEvent, User

from tests.conftest import PASSWORD

NEW = "another secret 9"


def last_event(db) -> AuditEvent:
    with db.read_session() as s:
        return s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


def user_row(db, username) -> User:
    with db.read_session() as s:
        return s.scalars(select(User).where(User.username == username)).one()


def event_count(db) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


# ------------------------------------------------------------------ own password
def test_change_own_password_needs_the_old_one(centre):
    db = centre.db
    users.change_password(db, centre.caseworker, PASSWORD, NEW)
    ev = last_event(db)
    assert ev.action == "user.password:update" and ev.actor_name == "李明"
    assert ev.data["password_hash"].startswith("sha256:")  # never in clear
    with pytest.raises(NotAuthenticated):
        users.authenticate(db, "caseworker", PASSWORD)
    assert users.authenticate(db, "caseworker", NEW).username == "caseworker"
    assert user_row(db, "caseworker").password_changed_at is not None


def test_wrong_old_password_changes_nothing_and_is_evented(centre):
    db = centre.db
    before = user_row(db, "caseworker").password_hash
    with pytest.raises(NotAuthenticated) as err:
        users.change_password(db, centre.caseworker, "not my password", NEW)
    assert "原密码不正确" in err.value.message
    assert user_row(db, "caseworker").password_hash == before
    ev = last_event(db)
    assert ev.action == "password_change_failed" and ev.actor_id == centre.caseworker.user_id
    assert user_row(db, "caseworker").failed_logins == 1


def test_new_password_rules(centre):
    with pytest.raises(ValidationError) as err:
        users.change_password(centre.db, centre.caseworker, PASSWORD, "short")
    assert err.value.field == "新密码"
    with pytest.raises(ValidationError):
        users.change_password(centre.db, centre.caseworker, PASSWORD, PASSWORD)


# ------------------------------------------------------------------ admin work
def test_admin_reset_sets_a_new_password_and_lifts_a_lockout(centre):
    db = centre.db
    for _ in range(users.LOCK_AFTER_FAILURES):
        with pytest.raises(NotAuthenticated):
            users.authenticate(db, "supervisor", "wrong")
    assert [r for r in users.list_users(db, centre.admin) if r.username == "supervisor"][0].locked_until
    users.reset_password(db, centre.admin, "supervisor", NEW)
    assert users.authenticate(db, "supervisor", NEW).username == "supervisor"
    with db.read_session() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert "user.reset_password:update" in actions


def test_roles_change_takes_effect_at_once_and_allows_several_roles(centre):
    db = centre.db
    row = users.set_roles(db, centre.admin, "caseworker", ["caseworker", "supervisor", "caseworker"])
    assert row.roles == ("caseworker", "supervisor")
    # The old in-memory actor of the admin still works; a demoted admin would not:
    users.set_roles(db, centre.admin, "supervisor", ["admin", "supervisor"])
    users.set_roles(db, centre.admin, "admin", ["caseworker"])
    with pytest.raises(PermissionDenied):
        users.create_user(db, centre.admin, username="x1", display_name="", password=NEW, roles=["caseworker"])
    with pytest.raises(ValidationError) as err:
        users.set_roles(db, centre.supervisor, "caseworker", ["boss"])
    assert err.value.field == "角色"


def test_the_last_admin_cannot_be_removed(centre):
    db = centre.db
    with pytest.raises(UsageError) as err:
        users.set_roles(db, centre.admin, "admin", ["supervisor"])
    assert "唯一的在用管理员" in err.value.message
    assert user_row(db, "admin").roles == ["admin"]


def test_deactivated_user_keeps_history(centre):
    db = centre.db
    users.change_password(db, centre.caseworker, PASSWORD, NEW)  # something the user did
    users.set_active(db, centre.admin, "caseworker", False)
    with db.read_session() as s:
        theirs = s.scalars(select(AuditEvent).where(AuditEvent.actor_id == centre.caseworker.user_id)).all()
        assert theirs and all(e.actor_name == "李明" for e in theirs)
        assert verify_chain(s, db.device_id).broken_at is None
    row = [r for r in users.list_users(db, centre.admin) if r.username == "caseworker"][0]
    assert row.active is False and row.display_name == "李明"
    with pytest.raises(NotAuthenticated):
        users.authenticate(db, "caseworker", NEW)
    users.set_active(db, centre.admin, "caseworker", True)
    assert users.authenticate(db, "caseworker", NEW).username == "caseworker"


def test_lock_and_unlock(centre):
    db = centre.db
    users.lock(db, centre.admin, "fairstaff", minutes=60)
    with pytest.raises(NotAuthenticated) as err:
        users.authenticate(db, "fairstaff", PASSWORD)
    assert "锁定" in err.value.message
    users.unlock(db, centre.admin, "fairstaff")
    assert users.authenticate(db, "fairstaff", PASSWORD).username == "fairstaff"
    with pytest.raises(NotFound):
        users.unlock(db, centre.admin, "nobody")


ADMIN_ONLY = {
    "create_user": lambda db, a: users.create_user(db, a, username="new1", display_name="新人",
                                                   password=NEW, roles=["caseworker"]),
    "reset_password": lambda db, a: users.reset_password(db, a, "admin", NEW),
    "set_roles": lambda db, a: users.set_roles(db, a, "fairstaff", ["admin"]),
    "set_active": lambda db, a: users.set_active(db, a, "admin", False),
    "unlock": lambda db, a: users.unlock(db, a, "admin"),
    "lock": lambda db, a: users.lock(db, a, "admin"),
}


@pytest.mark.parametrize("role", ["caseworker", "supervisor", "fairstaff"])
@pytest.mark.parametrize("call", sorted(ADMIN_ONLY))
def test_each_wrong_role_is_refused_changes_nothing_and_is_evented(centre, role, call):
    db = centre.db
    actor = getattr(centre, role)
    with db.read_session() as s:
        before = [(u.username, u.password_hash, u.roles, u.active, u.locked_until, u.version)
                  for u in s.scalars(select(User).order_by(User.username))]
    with pytest.raises(PermissionDenied) as err:
        ADMIN_ONLY[call](db, actor)
    assert err.value.exit_code == 4
    with db.read_session() as s:
        after = [(u.username, u.password_hash, u.roles, u.active, u.locked_until, u.version)
                 for u in s.scalars(select(User).order_by(User.username))]
    assert after == before
    ev = last_event(db)
    assert ev.action.startswith("refused:user.") and ev.actor_id == actor.user_id


def test_a_deactivated_users_open_window_cannot_change_its_password(centre):
    users.set_active(centre.db, centre.admin, "caseworker", False)
    with pytest.raises(NotAuthenticated):
        users.change_password(centre.db, centre.caseworker, PASSWORD, NEW)


# ------------------------------------------------------------------ command line
@pytest.fixture
def files(tmp_path):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        return str(path)
    return write


def test_cli_passwd_reset_roles_unlock(sqlite_url, files, capsys):
    admin_pw, new_pw = files("admin", "admin-pass-1"), files("new", NEW)
    assert main(["init", "--db", sqlite_url, "--admin", "boss", "--password-file", admin_pw]) == 0
    as_boss = ["--db", sqlite_url, "--user", "boss", "--password-file", admin_pw]
    assert main(["user", "add", "li", "--role", "caseworker", "--new-password-file", new_pw, *as_boss]) == 0
    # li changes their own password: sign-in password is the old one.
    li_new = files("li-new", "li password 2")
    assert main(["user", "passwd", "--db", sqlite_url, "--user", "li", "--password-file", new_pw,
                 "--new-password-file", li_new]) == 0
    # li cannot reset boss's password (exit 4), boss resets li's.
    assert main(["user", "reset", "boss", "--new-password-file", new_pw,
                 "--db", sqlite_url, "--user", "li", "--password-file", li_new]) == 4
    assert main(["user", "reset", "li", "--new-password-file", new_pw, *as_boss]) == 0
    assert main(["user", "roles", "li", "--role", "caseworker", "--role", "supervisor", *as_boss]) == 0
    assert main(["user", "unlock", "li", *as_boss]) == 0
    assert main(["user", "roles", "nobody", "--role", "caseworker", *as_boss]) == 5
    capsys.readouterr()
    assert main(["user", "list", "--json", *as_boss]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["li"]["roles"] == ["办案人员", "负责人"] and listed["li"]["locked_until"] is None

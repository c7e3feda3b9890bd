"""Users: sign-in, first admin, accounts and roles."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from app.context import Actor
from app.database import Database
from app.errors import NotAuthenticated, NotFound, UsageError, ValidationError
from app.labels import ROLES
from app.passwords import hash_password, verify_password
from app.service import log_refusal, read_call, service_call
from app.services.setup import NewAccount, check_account, initialise
from db.base import utcnow
from db.models import Centre, User

LOCK_AFTER_FAILURES = 5
LOCK_MINUTES = 15


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    roles: tuple[str, ...]
    active: bool


def has_users(db: Database) -> bool:
    with db.read_session() as s:
        return bool(s.scalar(select(func.count()).select_from(User).where(User.password_hash != "")))


def setup_first_admin(
    db: Database, *, centre_name: str, centre_short: str, username: str, display_name: str, password: str
) -> Actor:
    """The GUI's first-run dialog and `ipaid init`: centre + the first admin."""
    acc = NewAccount(username, display_name or username, password, ("admin",))
    return initialise(db, centre_name=centre_name, centre_short=centre_short, accounts=[acc])[0]


def authenticate(db: Database, username: str, password: str) -> Actor:
    """Check a password; failures are evented and repeated failures lock the account a while."""
    actor, refusal = _check_login(db, username.strip(), password)
    if refusal is not None:
        action, reason, user_id, error = refusal
        # Written after the check's own transaction has ended: a refusal must leave a trace.
        log_refusal(db, username, action, reason, user_id)
        raise error
    assert actor is not None
    return actor


def _check_login(db: Database, username: str, password: str):
    wrong = NotAuthenticated("用户名或密码不正确。", english="wrong user name or password")
    with db.write_session() as s:
        user = s.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None or user.deleted:
            return None, ("login_failed", "unknown user", None, wrong)
        now, user_id = utcnow(), user.id
        if user.locked_until and user.locked_until > now:
            minutes = int((user.locked_until - now).total_seconds() // 60) + 1
            error = NotAuthenticated(f"该账户因多次密码错误已被暂时锁定，请 {minutes} 分钟后再试。",
                                     english="account locked after repeated failures")
            return None, ("login_refused", "locked", user_id, error)
        if not user.active:
            error = NotAuthenticated("该账户已停用，请联系管理员。", english="account deactivated")
            return None, ("login_refused", "inactive", user_id, error)
        if not verify_password(user.password_hash, password):
            failures = user.failed_logins + 1
            locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER_FAILURES else None
            # Sign-in bookkeeping, not a change of the account: no version bump, no event of
            # its own (the refusal event says what happened).
            s.execute(User.__table__.update().where(User.id == user_id)
                      .values(failed_logins=failures, locked_until=locked))
            s.commit()
            return None, ("login_failed", "wrong password", user_id, wrong)
        if user.failed_logins or user.locked_until:
            s.execute(User.__table__.update().where(User.id == user_id).values(failed_logins=0, locked_until=None))
        centre = s.get(Centre, user.centre_id)
        actor = Actor(user_id, user.username, user.display_name, frozenset(user.roles), user.centre_id,
                      centre.name if centre else "")
        s.commit()
    return actor, None


def check_roles(roles: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise ValidationError("角色", f"无效的角色：{'、'.join(bad) or '（空）'}；可选 {', '.join(ROLES)}")
    return tuple(dict.fromkeys(roles))


def create_user(db: Database, actor: Actor, *, username: str, display_name: str, password: str,
                roles: list[str]) -> UserRow:
    acc = NewAccount(username, display_name or username, password, check_roles(roles))
    check_account(acc)
    with service_call(db, actor, roles={"admin"}, action="user.create") as s:
        if s.scalar(select(func.count()).select_from(User).where(User.username == acc.username.strip())):
            raise ValidationError("用户名", f"{acc.username} 已存在")
        user = User(centre_id=actor.centre_id, username=acc.username.strip(),
                    display_name=acc.display_name.strip(), password_hash=hash_password(password),
                    roles=list(acc.roles), active=True)
        s.add(user)
        s.flush()
        return _row(user)


def list_users(db: Database, actor: Actor) -> list[UserRow]:
    with read_call(db, actor, roles=None) as s:
        users = s.scalars(select(User).where(User.centre_id == actor.centre_id).order_by(User.username)).all()
        return [_row(u) for u in users]


def set_active(db: Database, actor: Actor, username: str, active: bool) -> UserRow:
    with service_call(db, actor, roles={"admin"}, action="user.activate" if active else "user.deactivate") as s:
        user = s.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise NotFound(f"没有用户 {username}。", english=f"no user {username}")
        if user.id == actor.user_id and not active:
            raise UsageError("不能停用自己的账户。", english="cannot deactivate yourself")
        user.active = active
        return _row(user)


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.display_name, tuple(u.roles), u.active)

"""Users: sign-in, first admin, accounts and roles.

Account care: a user changes their own password (the old one is needed); an admin resets a
password, changes roles, deactivates (history stays: rows are never deleted) and unlocks an
account that repeated failures locked. Every refused or failed attempt leaves an event.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from app.context import Actor
from app.database import Database
from app.errors import NotAuthenticated, NotFound, UsageError, ValidationError
from app.labels import ROLES
from app.passwords import MIN_LENGTH, hash_password, verify_password
from app.service import log_refusal, read_call, service_call, storage_errors
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
    locked_until: datetime | None = None


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
    with storage_errors(), db.write_session() as s:
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
    """Deactivating keeps the account row and everything it did: events, records and names stay."""
    with service_call(db, actor, roles={"admin"}, action="user.activate" if active else "user.deactivate") as s:
        user = _find(s, actor, username)
        if user.id == actor.user_id and not active:
            raise UsageError("不能停用自己的账户。", english="cannot deactivate yourself")
        if not active:
            _keep_an_admin(s, actor, user, roles_after=())
        user.active = active
        return _row(user)


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """A user's own password; the old one is asked again so an unattended window is not enough.
    A wrong old password counts as a failed sign-in (it can lock the account)."""
    check_new_password(new_password)
    with db.read_session() as s:
        user = s.get(User, actor.user_id)
        ok = user is not None and verify_password(user.password_hash, old_password)
    if not ok:
        _count_failure(db, actor.user_id)
        log_refusal(db, actor.display_name, "password_change_failed", "wrong old password", actor.user_id)
        raise NotAuthenticated("原密码不正确，密码没有修改。", english="the old password is wrong; nothing changed")
    if old_password == new_password:
        raise ValidationError("新密码", "不能与原密码相同")
    with service_call(db, actor, roles=None, action="user.password") as s:
        user = s.get(User, actor.user_id)
        _set_password(user, new_password)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> UserRow:
    """An admin sets a new password for someone who forgot theirs; it also lifts a lockout."""
    check_new_password(new_password)
    with service_call(db, actor, roles={"admin"}, action="user.reset_password") as s:
        user = _find(s, actor, username)
        _set_password(user, new_password)
        return _row(user)


def set_roles(db: Database, actor: Actor, username: str, roles: list[str] | tuple[str, ...]) -> UserRow:
    """Replace a user's roles (a user may hold several). The centre always keeps an active admin."""
    wanted = check_roles(roles)
    with service_call(db, actor, roles={"admin"}, action="user.roles") as s:
        user = _find(s, actor, username)
        _keep_an_admin(s, actor, user, roles_after=wanted)
        user.roles = list(wanted)
        return _row(user)


def unlock(db: Database, actor: Actor, username: str) -> UserRow:
    """Lift a lockout before it runs out (the user called the admin)."""
    with service_call(db, actor, roles={"admin"}, action="user.unlock") as s:
        user = _find(s, actor, username)
        user.failed_logins, user.locked_until = 0, None
        return _row(user)


def lock(db: Database, actor: Actor, username: str, minutes: int = LOCK_MINUTES) -> UserRow:
    """Lock an account for a while (a suspected leaked password) without deactivating it."""
    if minutes <= 0:
        raise ValidationError("锁定时长", "必须大于 0 分钟")
    with service_call(db, actor, roles={"admin"}, action="user.lock") as s:
        user = _find(s, actor, username)
        if user.id == actor.user_id:
            raise UsageError("不能锁定自己的账户。", english="cannot lock yourself")
        user.locked_until = utcnow() + timedelta(minutes=minutes)
        return _row(user)


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError("新密码", f"至少需要 {MIN_LENGTH} 个字符")


def _set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.failed_logins, user.locked_until = 0, None


def _find(s, actor: Actor, username: str) -> User:
    user = s.scalars(select(User).where(User.username == username.strip(),
                                        User.centre_id == actor.centre_id)).one_or_none()
    if user is None or user.deleted:
        raise NotFound(f"没有用户 {username}。", english=f"no user {username}")
    return user


def _keep_an_admin(s, actor: Actor, user: User, roles_after: tuple[str, ...]) -> None:
    """Refuse a change that would leave the centre without any active admin (nobody could then
    add users or reset passwords)."""
    if "admin" not in user.roles or "admin" in roles_after or not user.active:
        return
    others = s.scalars(select(User).where(User.centre_id == actor.centre_id, User.active.is_(True),
                                          User.deleted.is_(False), User.id != user.id)).all()
    if not any("admin" in u.roles for u in others):
        raise UsageError("这是中心唯一的在用管理员，不能取消其管理员角色或停用；请先给另一位用户管理员角色。",
                         english="this is the centre's last active admin")


def _count_failure(db: Database, user_id: uuid.UUID) -> None:
    """Same bookkeeping as a failed sign-in (no version bump, no event of its own)."""
    with storage_errors(), db.write_session() as s:
        user = s.get(User, user_id)
        if user is None:
            return
        failures = user.failed_logins + 1
        locked = utcnow() + timedelta(minutes=LOCK_MINUTES) if failures >= LOCK_AFTER_FAILURES else None
        s.execute(User.__table__.update().where(User.id == user_id)
                  .values(failed_logins=failures, locked_until=locked or user.locked_until))
        s.commit()


def _row(u: User) -> UserRow:
    locked = u.locked_until if u.locked_until and u.locked_until > utcnow() else None
    return UserRow(u.id, u.username, u.display_name, tuple(u.roles), u.active, locked)

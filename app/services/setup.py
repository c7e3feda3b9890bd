"""First-time set-up of a database: the centre, this install's device, the calendar and the
first admin. Runs before any user exists, so it is the one place that acts without an actor."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import calendar_table
from app.context import Actor
from app.database import DEVICE_KEY, Database
from app.errors import UsageError, ValidationError
from app.passwords import MIN_LENGTH, hash_password
from app.service import service_call
from db.models import Centre, Device, LocalSetting, User

DOMAIN_TABLES_FOR_EMPTINESS = (Centre, User)


def holds_data(db: Database) -> bool:
    with db.read_session() as s:
        return any(s.scalar(select(func.count()).select_from(m)) for m in DOMAIN_TABLES_FOR_EMPTINESS)


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    password: str
    roles: tuple[str, ...]


def check_account(acc: NewAccount) -> None:
    if not acc.username.strip():
        raise ValidationError("用户名", "不能为空")
    if len(acc.password) < MIN_LENGTH and acc.password != "demo":
        raise ValidationError("密码", f"至少需要 {MIN_LENGTH} 个字符")


def initialise(
    db: Database, *, centre_name: str, centre_short: str, accounts: list[NewAccount],
    device_id: uuid.UUID | None = None, centre_id: uuid.UUID | None = None,
    now: datetime | None = None, ids: "IdSource | None" = None, password_hashes: dict[str, str] | None = None,
) -> list[Actor]:
    """Create centre, device, calendar and accounts in one transaction. Refuses a database that
    already holds a centre or users. `device_id`, `centre_id`, `now` and `ids` make the demo
    reproducible."""
    if not centre_name.strip():
        raise ValidationError("中心名称", "不能为空")
    for acc in accounts:
        check_account(acc)
    if holds_data(db):
        raise UsageError("数据库中已有数据，不能再次初始化。", english="the database already holds data")
    device_id = device_id or uuid.uuid4()
    next_id = ids or IdSource(None)
    with db.write_session() as s:
        s.add(LocalSetting(key=DEVICE_KEY, value=str(device_id)))
        calendar_table.regenerate(s)
        s.commit()
    db.forget_device()
    actors: list[Actor] = []
    with service_call(db, None, roles=None, action="setup.init", now=now) as s:
        centre = Centre(id=centre_id or next_id(), name=centre_name.strip(), short_name=centre_short.strip())
        s.add(centre)
        s.flush()
        s.add(Device(id=device_id, centre_id=centre.id, name="本机", kind="centre"))
        for acc in accounts:
            user = _add_user(s, centre.id, acc, next_id(), (password_hashes or {}).get(acc.password))
            actors.append(Actor(user.id, user.username, user.display_name, frozenset(user.roles), centre.id, centre.name))
    return actors


def _add_user(s: Session, centre_id: uuid.UUID, acc: NewAccount, user_id: uuid.UUID, pw_hash: str | None) -> User:
    user = User(
        id=user_id, centre_id=centre_id, username=acc.username.strip(), display_name=acc.display_name.strip(),
        password_hash=pw_hash or hash_password(acc.password), roles=list(acc.roles), active=True,
    )
    s.add(user)
    s.flush()
    return user


class IdSource:
    """uuid4 normally; a seeded stream for reproducible demo data."""

    def __init__(self, rng) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        if self.rng is None:
            return uuid.uuid4()
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

"""Personal data (Personal Information Protection Law): masking, unmasking, retention.

Masking. Lists, exports and printed reports show natural persons' resident ID numbers and
every phone number masked (`110101********1234`, `138****5678`). Enterprise credit codes are
public registration data and stay readable.

Unmasking. Only an admin or a supervisor (负责人) may see a masked value in full, one field of
one record at a time; each time leaves an audit event `privacy.unmask` naming the table, record
and field — never the value. A refused attempt is evented by the unit of work.

Retention. With the centre setting `retention_years` = N > 0, a party all of whose cases were
archived more than N years ago is anonymised: a natural person's name becomes
"已匿名化-<8 hex of the id>" and identifiers, phone, contact, address and note are cleared; an
organisation keeps its name, credit code and address (public) but loses its contact person and
phone. Kind and region stay, and the cases are not touched, so every count in the reports
stays the same.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from app import settings
from app.context import Actor
from app.database import Database
from app.errors import NotFound, ValidationError
from app.rules.identifiers import mask_phone, mask_resident_id
from app.service import note, service_call
from db.models import AssistCase, Consultation, Expert, Party, User

UNMASK_ROLES = frozenset({"admin", "supervisor"})
ANONYMISED = "已匿名化"

# (table, field) → how to mask it. Party identifiers only for natural persons (see mask_value).
MASKED: dict[tuple[str, str], str] = {
    ("party", "identifier"): "resident_id",
    ("party", "phone"): "phone",
    ("consultation", "asker_phone"): "phone",
    ("expert", "phone"): "phone",
    ("app_user", "phone"): "phone",
}
_MODELS = {"party": Party, "consultation": Consultation, "expert": Expert, "app_user": User}


def may_unmask(actor: Actor) -> bool:
    """For screens: whether to offer the "show in full" button at all."""
    return actor.has_any(UNMASK_ROLES)


def mask_value(table: str, field: str, value: str | None, *, party_kind: str | None = None) -> str:
    """The value as lists, exports and reports show it by default."""
    if not value:
        return ""
    how = MASKED.get((table, field))
    if how == "resident_id":
        return mask_resident_id(value) if party_kind == "person" else value
    if how == "phone":
        return mask_phone(value)
    return value


def mask_party(values: dict) -> dict:
    """A copy of a party's field dict (`kind`, `identifier`, `phone`, …) with the default masks."""
    out = dict(values)
    for field in ("identifier", "phone"):
        if field in out:
            out[field] = mask_value("party", field, out[field], party_kind=out.get("kind"))
    return out


def unmask(db: Database, actor: Actor, table: str, record_id: uuid.UUID, field: str) -> str:
    """The clear value of one masked field, for a permitted role; the showing is evented."""
    if (table, field) not in MASKED:
        raise ValidationError("字段", f"{table}.{field} 不是受保护的个人信息字段")
    with service_call(db, actor, roles=UNMASK_ROLES, action="privacy.unmask") as s:
        row = s.get(_MODELS[table], record_id)
        if row is None:
            raise NotFound("没有找到该记录。", english=f"no {table} {record_id}")
        note(s, "privacy.unmask", table, record_id, {"field": field})
        return getattr(row, field) or ""


# ------------------------------------------------------------------ retention
@dataclass(frozen=True)
class AnonymiseResult:
    retention_years: int
    cutoff: date | None
    party_ids: tuple[uuid.UUID, ...]
    dry_run: bool

    @property
    def count(self) -> int:
        return len(self.party_ids)


def cutoff_date(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due_parties(s: Session, centre_id: uuid.UUID, cutoff: date) -> list[Party]:
    """Parties with at least one case, every one archived before `cutoff`, not yet anonymised."""
    theirs = or_(AssistCase.applicant_id == Party.id, AssistCase.opposing_party_id == Party.id)
    live = and_(theirs, AssistCase.deleted.is_(False))
    still_open = or_(AssistCase.status != "archived", AssistCase.archived_on.is_(None),
                     AssistCase.archived_on >= cutoff)
    stmt = (select(Party).where(Party.centre_id == centre_id, exists().where(live),
                                ~exists().where(live, still_open))
            .order_by(Party.id))
    return [p for p in s.scalars(stmt) if not is_anonymised(p)]


def is_anonymised(p: Party) -> bool:
    if p.kind == "person":
        return p.name.startswith(ANONYMISED) and not (p.identifier or p.phone or p.address or p.contact)
    return not (p.contact or p.phone)


def anonymise(p: Party) -> None:
    if p.kind == "person":
        p.name = f"{ANONYMISED}-{p.id.hex[:8]}"
        p.name_pinyin = ""
        p.identifier = None
        p.address = ""
        p.note = ""
    p.contact = ""
    p.phone = ""


def anonymise_archived(db: Database, actor: Actor, today: date, *, dry_run: bool = False) -> AnonymiseResult:
    """Apply the retention setting (admin). Evented per party like any change."""
    with service_call(db, actor, roles={"admin"}, action="privacy.anonymise") as s:
        years = int(settings.get(s, actor.centre_id, "retention_years") or 0)
        if years <= 0:
            return AnonymiseResult(years, None, (), dry_run)
        cutoff = cutoff_date(today, years)
        parties = due_parties(s, actor.centre_id, cutoff)
        if not dry_run:
            for p in parties:
                anonymise(p)
        return AnonymiseResult(years, cutoff, tuple(p.id for p in parties), dry_run)

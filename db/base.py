"""Declarative base, naming convention and the column types every model shares."""
import uuid
from datetime import date, datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, MetaData, String, Uuid, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints from day one: Alembic batch migrations on SQLite can only drop or alter
# constraints that have names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC; always returned timezone-aware.

    SQLite keeps no offset, so naive values read back are UTC by construction.
    Naive values written are refused: an instant without a zone is a bug.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored as an instant")
        value = value.astimezone(timezone.utc)
        # SQLite stores text; keep it naive UTC so string order equals time order.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        dict: JSON(),
        list: JSON(),
    }


class Travelling:
    """Columns of every record that can travel between a laptop and the centre (design.md §3, §7).

    `version` is bumped on every change (SQLAlchemy's version counter also gives optimistic
    locking between two PCs on one server); it is informational across devices and never compared.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow
    )
    # Plain ids, not foreign keys: a record may name a user or device that a bundle brings later.
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True)
    origin_device: Mapped[uuid.UUID | None] = mapped_column(Uuid(), nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class CentreOwned(Travelling):
    """A travelling record that belongs to a centre."""

    @declared_attr
    def centre_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("centre.id"), nullable=False, index=True)


def code_column(*, nullable: bool = False, index: bool = False, default: str | None = None) -> Mapped:
    """A domain value stored as its code from glossary.md (e.g. 'invention'); app.labels maps it to
    the Chinese label that screens, documents and JSON show. Codes keep the database language-neutral."""
    return mapped_column(String(24), nullable=nullable, index=index, default=default)


__all__ = [
    "Base",
    "CentreOwned",
    "Travelling",
    "UTCDateTime",
    "code_column",
    "utcnow",
    "date",
    "func",
]

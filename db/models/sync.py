"""Offline fair work: kits, the laptop's base snapshot, what the centre last received, conflicts
and the bundles already imported (design.md §5 and §7 Sync identity)."""
import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, utcnow


class SyncKit(Base):
    """A fair kit: issued at the centre (role 'issued') or opened on a laptop (role 'opened')."""

    __tablename__ = "sync_kit"
    id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    role: Mapped[str] = mapped_column(String(10), nullable=False)
    centre_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    fair_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)  # the laptop
    number_prefix: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    secret: Mapped[str] = mapped_column(String(128), nullable=False)  # hex; signs return bundles
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)


class SyncBase(Base):
    """On the laptop: the values of every record as the kit carried it (the merge base)."""

    __tablename__ = "sync_base"
    kit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sync_kit.id"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    values: Mapped[dict] = mapped_column(JSON, nullable=False)


class SyncReceived(Base):
    """At the centre: the last value received per (device, record, field), so a later cumulative
    bundle does not re-raise a conflict a person already resolved."""

    __tablename__ = "sync_received"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON, nullable=True)
    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)


class SyncConflict(Base):
    __tablename__ = "sync_conflict"
    id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True, default=uuid.uuid4)
    centre_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False, index=True)
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    centre_value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON, nullable=True)
    laptop_value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON, nullable=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    bundle_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(10), nullable=True)  # centre | laptop | other
    resolution_note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class SyncBundle(Base):
    """A bundle already imported; importing the same bundle id again changes nothing."""

    __tablename__ = "sync_bundle"
    id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # kit | return
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    counts: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

"""Append-only audit trail: one hash chain per device (design.md §7 Audit chains).

`audit_head` holds each chain's last sequence and hash; appending locks that row (SQLite: the
write transaction; PostgreSQL: SELECT … FOR UPDATE), so two writers cannot fork a chain.
Events from a laptop are merged as their own chain, unchanged.
"""
import uuid
from datetime import datetime

from sqlalchemy import JSON, Integer, String, UniqueConstraint
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime


class AuditHead(Base):
    __tablename__ = "audit_head"
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("device_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    centre_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    action: Mapped[str] = mapped_column(String(40), nullable=False)  # create|update|delete|login_failed|…
    table_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True, index=True)
    # Values after the change; personal identifiers hashed, never in clear.
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

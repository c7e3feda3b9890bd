"""Centres, users, devices and settings."""
import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, Travelling, UTCDateTime


class Centre(Travelling, Base):
    """A protection/assistance centre. A single install has one; a provincial server several."""

    __tablename__ = "centre"
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    short_name: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    timezone: Mapped[str] = mapped_column(String(40), nullable=False, default="Asia/Shanghai")
    region: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("centre.id"), nullable=True)
    # Printed on notices and reports (revision 0002).
    address: Mapped[str] = mapped_column(String(200), nullable=False, server_default="", default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, server_default="", default="")


class CentreSetting(CentreOwned, Base):
    """One per-centre setting (names, number patterns, time limits, targets); value is JSON."""

    __tablename__ = "centre_setting"
    __table_args__ = (UniqueConstraint("centre_id", "key"),)
    key: Mapped[str] = mapped_column(String(60), nullable=False)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON, nullable=True)


class User(CentreOwned, Base):
    __tablename__ = "app_user"
    username: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    display_name: Mapped[str] = mapped_column(String(60), nullable=False)
    # argon2id encoded hash; empty for inactive users created by a ledger import (cannot log in).
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    roles: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    failed_logins: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Device(CentreOwned, Base):
    """A machine that writes records: the centre's PCs/server and each fair laptop.

    `number_prefix` is handed out by the centre with a fair kit so two laptops never mint
    the same human-facing number (design.md §7 Numbers)."""

    __tablename__ = "device"
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(12), nullable=False, default="centre")  # centre | laptop
    number_prefix: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class LocalSetting(Base):
    """Facts about this install only (its device id, the kit it opened); never travels."""

    __tablename__ = "local_setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)

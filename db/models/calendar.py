"""Working-day calendar and number sequences: the tables that let SQL count deadlines and mint
human-facing numbers on both backends (design.md §7)."""
import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class Workday(Base):
    """One row per calendar date; regenerated from chinesecalendar plus admin-entered holidays."""

    __tablename__ = "workday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean, nullable=False)
    # Running count of working days up to and including `day`: workdays(a, b] = ordinal(b) - ordinal(a).
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(20), nullable=False)  # chinesecalendar | fallback | admin


class CalendarOverride(Base):
    """A day an admin entered for a year chinesecalendar does not know yet (holiday or make-up day)."""

    __tablename__ = "calendar_override"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean, nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False, default="")


class NumberSequence(Base):
    """Last number used per (centre, pattern, year); numbers are never reused."""

    __tablename__ = "number_sequence"
    centre_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("centre.id"), primary_key=True)
    pattern: Mapped[str] = mapped_column(String(120), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

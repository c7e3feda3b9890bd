"""Trade fairs (展会), exhibitors, fair complaints and patrol notes (展会知识产权保护办法 2006)."""
import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, UTCDateTime, code_column


class Fair(CentreOwned, Base):
    __tablename__ = "fair"
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    venue: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    organiser: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    office_location: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    short_code: Mapped[str] = mapped_column(String(20), nullable=False, default="")  # used in numbers
    staff_ids: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Exhibitor(CentreOwned, Base):
    __tablename__ = "exhibitor"
    fair_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fair.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    name_pinyin: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    hall: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    booth: Mapped[str] = mapped_column(String(20), nullable=False, default="", index=True)
    products: Mapped[str] = mapped_column(Text, nullable=False, default="")
    credit_code: Mapped[str | None] = mapped_column(String(18), nullable=True)
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id"), nullable=True)


class FairComplaint(CentreOwned, Base):
    __tablename__ = "fair_complaint"
    __table_args__ = (UniqueConstraint("centre_id", "complaint_no"),)
    fair_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fair.id"), nullable=False, index=True)
    complaint_no: Mapped[str] = mapped_column(String(60), nullable=False)
    complainant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id"), nullable=False)
    agent_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    respondent_exhibitor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("exhibitor.id"), nullable=True
    )
    respondent_name: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    booth: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    right_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ip_right.id"), nullable=True)
    ip_kind: Mapped[str] = code_column()
    # Materials checklist (Art. 8): {"right_proof": true, "identity": true, "legal_status": false, ...}
    materials: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    accepted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    not_accepted_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    supplement_requested: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    respondent_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    answer_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    outcome: Mapped[str | None] = code_column(nullable=True)  # withdrawn|covered|settled|dismissed|handed_over|other
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    opinion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opinion.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class PatrolNote(CentreOwned, Base):
    __tablename__ = "patrol_note"
    fair_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fair.id"), nullable=False, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    hall: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    booth: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    by_user: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)

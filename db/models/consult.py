"""Consultations (咨询), the knowledge base (知识库), experts (专家库) and cooperating units (合作单位库)."""
import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, UTCDateTime, code_column


class Consultation(CentreOwned, Base):
    __tablename__ = "consultation"
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    channel: Mapped[str] = code_column()
    asker_party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id"), nullable=True)
    asker_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    asker_phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    topic: Mapped[str] = code_column(index=True)
    ip_kind: Mapped[str | None] = code_column(nullable=True)
    question: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answer: Mapped[str] = mapped_column(Text, nullable=False, default="")
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    handled_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    fair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("fair.id"), nullable=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)  # the case it became


class KnowledgeItem(CentreOwned, Base):
    __tablename__ = "knowledge_item"
    question: Mapped[str] = mapped_column(Text, nullable=False)
    answer: Mapped[str] = mapped_column(Text, nullable=False, default="")
    tags: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    ip_kind: Mapped[str | None] = code_column(nullable=True)
    status: Mapped[str] = code_column(default="draft")  # draft | approved | retired
    approved_by: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    source_consultation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)


class Expert(CentreOwned, Base):
    __tablename__ = "expert"
    name: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    name_pinyin: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    ipc_fields: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # e.g. ["H04W", "G06F"]
    keywords: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    organisation: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ExpertConflict(CentreOwned, Base):
    """A party an expert must not work for (employer, client, relative…)."""

    __tablename__ = "expert_conflict"
    expert_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expert.id"), nullable=False, index=True)
    party_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id"), nullable=True)
    party_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    reason: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class Institution(CentreOwned, Base):
    __tablename__ = "institution"
    kind: Mapped[str] = code_column(index=True)  # law_firm | patent_agency | appraisal | ...
    name: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    name_pinyin: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    contact: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    region: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

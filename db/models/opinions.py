"""Infringement-determination reference opinions (侵权判定参考意见).

An issued opinion is locked: a change makes a new version (`previous_id`), never an edit in place.
Comparison rows serve every kind: claim charts (claim feature | accused feature | mark), design
feature rows (feature | same/differing | weight) and trademark/copyright points.
"""
import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, UTCDateTime, code_column


class Opinion(CentreOwned, Base):
    __tablename__ = "opinion"
    __table_args__ = (UniqueConstraint("centre_id", "opinion_no"),)
    # None for a quick opinion drafted at a fair: it belongs to the fair complaint that points to it
    # (fair_complaint.opinion_id), and a fair complaint is not a case.
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assist_case.id"), nullable=True, index=True)
    opinion_no: Mapped[str | None] = mapped_column(String(60), nullable=True)  # assigned at issue
    kind: Mapped[str] = code_column(index=True)  # invention | utility | design | trademark | copyright | other
    version_no: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opinion.id"), nullable=True)
    status: Mapped[str] = code_column(index=True, default="draft")  # draft|in_review|approved|issued|void
    on_site: Mapped[bool] = mapped_column(default=False)  # a quick fair opinion (现场参考意见)
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    right_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ip_right.id"), nullable=True)
    right_status_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status_checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    accused_object: Mapped[str] = mapped_column(Text, nullable=False, default="")
    analysis: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Kind-specific structured parts (design category comparison, trademark comparison…).
    body: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    suggested_conclusion: Mapped[str | None] = code_column(nullable=True)
    conclusion: Mapped[str | None] = code_column(nullable=True)
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    drafted_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    issued_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")


class OpinionClaim(CentreOwned, Base):
    __tablename__ = "opinion_claim"
    opinion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opinion.id"), nullable=False, index=True)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    claim_no: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class OpinionRow(CentreOwned, Base):
    __tablename__ = "opinion_row"
    opinion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opinion.id"), nullable=False, index=True)
    claim_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opinion_claim.id"), nullable=True)
    section: Mapped[str] = mapped_column(String(20), nullable=False, default="claim")  # claim|design|mark|work
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    label: Mapped[str] = mapped_column(String(10), nullable=False, default="")  # A, B, C…
    right_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    accused_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    mark: Mapped[str | None] = code_column(nullable=True)  # same|equivalent|different|missing|unknown
    weight: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class OpinionExpert(CentreOwned, Base):
    __tablename__ = "opinion_expert"
    __table_args__ = (UniqueConstraint("opinion_id", "expert_id"),)
    opinion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opinion.id"), nullable=False, index=True)
    expert_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expert.id"), nullable=False, index=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class OpinionEvidence(CentreOwned, Base):
    __tablename__ = "opinion_evidence"
    opinion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opinion.id"), nullable=False, index=True)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), nullable=True)

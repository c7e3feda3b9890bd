"""The assistance request (维权援助申请) and what hangs off it: rights, timeline, referrals,
mediations, follow-up visits.

Status machine (design.md §7): registered → supplementing → accepted | refused | withdrawn →
closed → followed_up → archived. The rules live in app/; the columns here keep every dated step
so reports can judge a status "as of" any day in SQL.
"""
import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, UTCDateTime, code_column


class AssistCase(CentreOwned, Base):
    __tablename__ = "assist_case"
    __table_args__ = (UniqueConstraint("centre_id", "case_no"),)

    case_no: Mapped[str] = mapped_column(String(60), nullable=False)
    registered_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    channel: Mapped[str] = code_column()
    applicant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("party.id"), nullable=False, index=True)
    opposing_party_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("party.id"), nullable=True, index=True
    )
    ip_kind: Mapped[str] = code_column(index=True)  # kind of the main right, for reports
    dispute_type: Mapped[str] = code_column()
    overseas: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    services: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("app_user.id"), nullable=True, index=True
    )
    status: Mapped[str] = code_column(index=True, default="registered")

    # Supplement (补正): the decision clock pauses between requested and received.
    supplement_requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    supplement_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    supplement_received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paused_workdays: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    decision: Mapped[str | None] = code_column(nullable=True)  # accepted | refused | withdrawn
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    refusal_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    outcome: Mapped[str | None] = code_column(nullable=True)
    followed_up_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0–100 score
    archived_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    # Due dates are stored (and recomputed when the calendar or limits change) so that lists
    # and reports filter on them in SQL on both backends.
    decision_due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    close_due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    followup_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    source: Mapped[str] = mapped_column(String(20), nullable=False, default="register")  # register|ledger|consultation|fair|demo
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    fair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("fair.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CaseRight(CentreOwned, Base):
    __tablename__ = "case_right"
    __table_args__ = (UniqueConstraint("case_id", "right_id"),)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assist_case.id"), nullable=False, index=True)
    right_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ip_right.id"), nullable=False, index=True)


class CaseEvent(CentreOwned, Base):
    """One step on a case's timeline (registered, asked to supplement, accepted, log entry…)."""

    __tablename__ = "case_event"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assist_case.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    on: Mapped[date] = mapped_column(Date, nullable=False)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    actor_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    data: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)


class Referral(CentreOwned, Base):
    __tablename__ = "referral"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assist_case.id"), nullable=False, index=True)
    target: Mapped[str] = code_column(index=True)  # enforcement | ruling | court | arbitration | ...
    institution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("institution.id"), nullable=True)
    referred_on: Mapped[date] = mapped_column(Date, nullable=False)
    result: Mapped[str] = mapped_column(Text, nullable=False, default="")
    result_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Mediation(CentreOwned, Base):
    __tablename__ = "mediation"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assist_case.id"), nullable=False, index=True)
    mediator: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    institution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("institution.id"), nullable=True)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    result: Mapped[str | None] = code_column(nullable=True)  # success | failure
    judicial_confirmation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    confirmed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class FollowUp(CentreOwned, Base):
    """A follow-up visit (回访); satisfaction as a label (非常满意…) or a 0–100 score."""

    __tablename__ = "follow_up"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assist_case.id"), nullable=False, index=True)
    visited_on: Mapped[date] = mapped_column(Date, nullable=False)
    method: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    satisfaction_label: Mapped[str | None] = mapped_column(String(10), nullable=True)
    satisfaction_score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    visited_by: Mapped[uuid.UUID | None] = mapped_column(Uuid_(), nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

"""Plain data for opinions: what a drafter edits (OpinionContent) and what the program shows (OpinionView).

Kind-specific judgements live in `body` (codes from app.rules.conclusions):
  design     product_category (same|similar|different), category_note, overall (same|similar|not_similar),
             overall_note
  trademark  registered_mark, accused_mark, dominant_part, mark_similarity (identical|similar|not_similar),
             goods_registered, goods_accused, goods_similarity (identical|similar|not_similar),
             confusion (likely|unlikely), confusion_note
  copyright  work, access (yes|no|unknown), access_note, substantial_similarity (yes|no|unknown),
             similarity_note
  other      sections: [[heading, text], …]
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class RowData:
    """One comparison row: a claim feature, a design feature, or a trademark/copyright point."""
    label: str                     # A, B, C… (claim features) or a short name
    right_text: str = ""           # what the right says (claim feature, protected design feature…)
    accused_text: str = ""         # the accused object's corresponding feature
    mark: str | None = None        # FEATURE_MARK code: same|equivalent|different|missing|unknown
    weight: str = ""               # designs: 高 / 中 / 低 (how much the feature weighs in the overall effect)
    note: str = ""


@dataclass(frozen=True)
class ClaimData:
    claim_no: int
    text: str = ""
    rows: tuple[RowData, ...] = ()


@dataclass(frozen=True)
class OpinionContent:
    """Everything a drafter writes. Passed whole to create/update (the service replaces the draft's content)."""
    kind: str                                   # OPINION_KIND code
    title: str = ""
    right_id: uuid.UUID | None = None
    right_status_text: str = ""                 # legal status as checked, e.g. 专利权有效，年费已缴至2026年
    status_checked_on: date | None = None
    accused_object: str = ""
    analysis: str = ""
    conclusion: str | None = None               # CONCLUSION code chosen by the drafter
    requested_on: date | None = None            # when the opinion was asked for (due date counts from it)
    on_site: bool = False                       # a quick fair opinion (现场参考意见)
    body: dict[str, Any] = field(default_factory=dict)
    claims: tuple[ClaimData, ...] = ()          # 发明 / 实用新型
    rows: tuple[RowData, ...] = ()              # 外观设计 feature rows; trademark / copyright points
    evidence: tuple[str, ...] = ()
    experts: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class ExpertInfo:
    id: uuid.UUID
    name: str
    title: str
    organisation: str


@dataclass(frozen=True)
class RightInfo:
    id: uuid.UUID
    kind: str
    number: str
    title: str
    owner: str


@dataclass(frozen=True)
class OpinionView:
    id: uuid.UUID
    case_id: uuid.UUID | None                    # None: an on-site opinion drafted for a fair complaint
    case_no: str
    applicant: str
    opposing_party: str
    opinion_no: str | None
    status: str
    version_no: int
    previous_id: uuid.UUID | None
    previous_no: str | None
    content: OpinionContent
    suggested_conclusion: str | None
    warning: str | None                          # contradiction between chosen and suggested conclusion
    right: RightInfo | None
    experts: tuple[ExpertInfo, ...]
    due_on: date | None
    drafted_by: str
    approved_by: str
    approved_at: datetime | None
    issued_on: date | None
    issued_sha256: str | None
    void_reason: str
    centre_name: str
    record_version: int                          # the row's version counter, for stale-save checks
    complaint_no: str = ""                       # an on-site opinion's fair complaint


@dataclass(frozen=True)
class OpinionSummary:
    id: uuid.UUID
    opinion_no: str | None
    case_id: uuid.UUID | None
    case_no: str
    kind: str
    status: str
    version_no: int
    title: str
    due_on: date | None
    issued_on: date | None

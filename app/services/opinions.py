"""Infringement-determination reference opinions (侵权判定参考意见): drafting, review, issue, versions.

Workflow: 草稿 draft → 待审核 in_review → 已批准 approved → 已出具 issued; any state but issued → 已作废 void
(with a reason; the record stays). A reviewer may send a submitted draft back (in_review → draft).
- Only a supervisor approves, and never an opinion they drafted themselves.
- Issuing assigns the number (setting `opinion_number_pattern`, app.numbering), renders the PDF once and keeps
  it in the file store under its SHA-256; the opinion is frozen from then on. A later change is a new version
  (`new_version`: a draft with `previous_id`), and `diff_versions` says what changed.
- An issued opinion may still be voided (e.g. superseded) by a supervisor; its content stays as issued.
- Due date: `limit_opinion_workdays` (15) working days after the request.
- Experts consulted come from the expert library; one with a recorded conflict with a party of the case is
  refused (expert_conflict by party or by name).
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app import settings
from app.calendar_table import calendar_for
from app.context import Actor
from app.database import Database
from app.errors import NotFound, PermissionDenied, ValidationError
from app.labels import CONCLUSION, FEATURE_MARK, OPINION_KIND, OPINION_STATUS, label
from app.numbering import next_number
from app.rules import conclusions as rules
from app.service import read_call, service_call
from app.services.opinion_types import (ClaimData, ExpertInfo, OpinionContent, OpinionSummary, OpinionView,
                                        RightInfo, RowData)
from app.services.opinion_versions import VersionDiff, diff_contents
from app.services.owned import live
from app.services.today import centre_today
from db.models import (AssistCase, Centre, Device, Exhibitor, Expert, ExpertConflict, FairComplaint, IpRight,
                       Opinion, OpinionClaim, OpinionEvidence, OpinionExpert, OpinionRow, Party, StoredFile, User)

DRAFT_ROLES = frozenset({"caseworker", "supervisor", "fair_staff"})
READ_ROLES = frozenset({"caseworker", "supervisor", "fair_staff", "admin"})
ISSUE_ROLES = frozenset({"caseworker", "supervisor"})
REVIEW_ROLES = frozenset({"supervisor"})

_BODY_CODES = {
    "product_category": rules.DESIGN_CATEGORY,
    "overall": {"same": "", "similar": "", "not_similar": ""},
    "mark_similarity": rules.MARK_SIMILARITY,
    "goods_similarity": rules.GOODS_SIMILARITY,
    "confusion": rules.CONFUSION,
    "access": rules.YES_NO,
    "substantial_similarity": rules.YES_NO,
}


# ----- drafting -----------------------------------------------------------------------------------------------
def create_opinion(db: Database, actor: Actor, case_id: uuid.UUID, content: OpinionContent,
                   *, today: date | None = None) -> OpinionView:
    """A new draft for a case; due `limit_opinion_workdays` working days after `requested_on` (default today)."""
    _validate(content)
    with service_call(db, actor, roles=DRAFT_ROLES, action="opinion.create") as s:
        case = _case(s, actor, case_id)
        _check_experts(s, actor, case, content.experts)
        requested = content.requested_on or today or _centre_today(s, actor)
        op = Opinion(id=uuid.uuid4(), centre_id=actor.centre_id, case_id=case.id, kind=content.kind,
                     status="draft", version_no=1, drafted_by=actor.user_id, requested_on=requested,
                     due_on=_due(s, actor, requested))
        s.add(op)
        _write(s, op, content, requested)
        s.flush()
        return _view(s, op)


def update_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID, content: OpinionContent,
                   *, expected_version: int | None = None) -> OpinionView:
    """Replace a draft's content. Refused once submitted, approved, issued or voided."""
    _validate(content)
    with service_call(db, actor, roles=DRAFT_ROLES, action="opinion.update") as s:
        op = _load(s, actor, opinion_id)
        _stale(op, expected_version)
        if op.status != "draft":
            raise _frozen(op)
        if content.kind != op.kind:
            raise ValidationError("类型", "意见书创建后不能更改类型，请新建一份意见书")
        _check_experts(s, actor, _sides(s, actor, op), content.experts)
        requested = content.requested_on or op.requested_on or _centre_today(s, actor)
        if requested != op.requested_on:
            op.due_on = _due(s, actor, requested)
        _write(s, op, content, requested)
        s.flush()
        return _view(s, op)


def _frozen(op: Opinion) -> ValidationError:
    if op.status == "issued":
        return ValidationError("状态", "意见书已出具，内容不能再修改；如需更改，请创建新版本",
                               english="issued opinions are frozen; create a new version")
    return ValidationError("状态", f"意见书当前为“{label(OPINION_STATUS, op.status)}”，只有草稿可以修改",
                           english=f"only drafts can be changed (status {op.status})")


def _stale(op: Opinion, expected: int | None) -> None:
    from app.errors import ConcurrentChange

    if expected is not None and op.version != expected:
        raise ConcurrentChange("该意见书已被其他人修改，请重新打开后再保存。", english="opinion changed meanwhile")


# ----- workflow -----------------------------------------------------------------------------------------------
def submit_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID) -> OpinionView:
    """Draft → 待审核. The conclusion must be chosen; a contradiction with the suggestion needs an analysis."""
    with service_call(db, actor, roles=DRAFT_ROLES, action="opinion.submit") as s:
        op = _load(s, actor, opinion_id)
        _expect(op, "draft", "提交审核")
        if op.conclusion is None:
            raise ValidationError("结论", "提交审核前请选择结论")
        if rules.contradiction(op.suggested_conclusion, op.conclusion) and not op.analysis.strip():
            raise ValidationError("分析意见", "所选结论与比对结果不一致，请在分析意见中写明理由")
        op.status = "in_review"
        op.submitted_at = _now()
        s.flush()
        return _view(s, op)


def return_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID, reason: str = "") -> OpinionView:
    """待审核 → draft, for the drafter to revise (the reason goes into the audit record's data)."""
    with service_call(db, actor, roles=REVIEW_ROLES, action="opinion.return") as s:
        op = _load(s, actor, opinion_id)
        _expect(op, "in_review", "退回修改")
        op.status = "draft"
        op.submitted_at = None
        s.flush()
        return _view(s, op)


def approve_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID) -> OpinionView:
    with service_call(db, actor, roles=REVIEW_ROLES, action="opinion.approve") as s:
        op = _load(s, actor, opinion_id)
        if op.drafted_by == actor.user_id:
            raise PermissionDenied("不能审核自己起草的意见书，请由另一位负责人审核。",
                                   english="a supervisor cannot approve an opinion they drafted")
        _expect(op, "in_review", "批准")
        op.status = "approved"
        op.approved_by = actor.user_id
        op.approved_at = _now()
        s.flush()
        return _view(s, op)


def issue_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID, *, on: date | None = None) -> OpinionView:
    """已批准 → 已出具: number, frozen content, the PDF stored by SHA-256. Not on a fair laptop."""
    from app.pdf.opinion_pdf import render_opinion

    with service_call(db, actor, roles=ISSUE_ROLES, action="opinion.issue") as s:
        op = _load(s, actor, opinion_id)
        _expect(op, "approved", "出具")
        device = s.get(Device, db.device_id) if db.device_id else None
        if device is not None and device.kind == "laptop":
            raise ValidationError("出具", "展会笔记本不能正式出具意见书，请打印现场参考意见，回中心后出具")
        centre = s.get(Centre, actor.centre_id)
        issued_on = on or _centre_today(s, actor)
        pattern = settings.get(s, actor.centre_id, "opinion_number_pattern")
        op.opinion_no = next_number(s, actor.centre_id, pattern, issued_on.year, short=centre.short_name if centre else "",
                                    taken=lambda n: _number_taken(s, actor.centre_id, n))
        op.status = "issued"
        op.issued_on = issued_on
        s.flush()
        pdf = render_opinion(_view(s, op))
        digest = hashlib.sha256(pdf).hexdigest()
        if s.get(StoredFile, digest) is None:
            s.add(StoredFile(sha256=digest, size=len(pdf), data=pdf))
            s.flush()
        op.issued_sha256 = digest
        s.flush()
        return _view(s, op)


def void_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID, reason: str) -> OpinionView:
    """Any state → 已作废 with a reason; the record and (if issued) its PDF stay."""
    if not reason.strip():
        raise ValidationError("作废原因", "请填写作废原因")
    with service_call(db, actor, roles=REVIEW_ROLES, action="opinion.void") as s:
        op = _load(s, actor, opinion_id)
        if op.status == "void":
            raise ValidationError("状态", "该意见书已作废")
        op.status = "void"
        op.void_reason = reason.strip()
        s.flush()
        return _view(s, op)


def new_version(db: Database, actor: Actor, opinion_id: uuid.UUID) -> OpinionView:
    """A new draft carrying an issued (or voided) opinion's content forward, linked by `previous_id`."""
    with service_call(db, actor, roles=DRAFT_ROLES, action="opinion.new_version") as s:
        old = _load(s, actor, opinion_id)
        if old.status not in ("issued", "void"):
            raise ValidationError("状态", "只有已出具或已作废的意见书可以创建新版本；草稿请直接修改")
        successor = s.scalar(select(Opinion.id).where(Opinion.previous_id == old.id, Opinion.deleted.is_(False)))
        if successor is not None:
            raise ValidationError("版本", "该意见书已有新版本，请在最新版本上修改")
        content = _content(s, old)
        op = Opinion(id=uuid.uuid4(), centre_id=old.centre_id, case_id=old.case_id, kind=old.kind, status="draft",
                     version_no=old.version_no + 1, previous_id=old.id, drafted_by=actor.user_id,
                     requested_on=old.requested_on, due_on=old.due_on)
        s.add(op)
        _write(s, op, content, old.requested_on)
        s.flush()
        return _view(s, op)


def _expect(op: Opinion, status: str, verb: str) -> None:
    if op.status != status:
        raise ValidationError("状态", f"意见书当前为“{label(OPINION_STATUS, op.status)}”，不能{verb}"
                                      f"（需要“{label(OPINION_STATUS, status)}”）",
                              english=f"cannot do this in status {op.status}")


# ----- reading ------------------------------------------------------------------------------------------------
def get_opinion(db: Database, actor: Actor, opinion_id: uuid.UUID) -> OpinionView:
    with read_call(db, actor, roles=READ_ROLES) as s:
        return _view(s, _load(s, actor, opinion_id))


def list_opinions(db: Database, actor: Actor, *, case_id: uuid.UUID | None = None,
                  status: str | None = None) -> list[OpinionSummary]:
    with read_call(db, actor, roles=READ_ROLES) as s:
        stmt = _listed(actor, case_id=case_id, status=status).order_by(Opinion.created_at, Opinion.version_no)
        return [OpinionSummary(op.id, op.opinion_no, op.case_id, case_no, op.kind, op.status, op.version_no,
                               op.title, op.due_on, op.issued_on) for op, case_no in s.execute(stmt)]


def find_opinion(db: Database, actor: Actor, number_or_id: str, rev: int | None = None) -> OpinionView:
    """By opinion number or id; with `rev`, version `rev` of the same chain of versions."""
    with read_call(db, actor, roles=READ_ROLES) as s:
        op = _find(s, actor, number_or_id)
        if rev is not None:
            chain = _chain(s, op)
            match = [o for o in chain if o.version_no == rev]
            if not match:
                have = "、".join(str(o.version_no) for o in chain)
                raise NotFound(f"该意见书没有第 {rev} 版（现有：{have}）。", english=f"no version {rev}")
            op = match[0]
        return _view(s, op)


def versions(db: Database, actor: Actor, opinion_id: uuid.UUID) -> list[OpinionSummary]:
    with read_call(db, actor, roles=READ_ROLES) as s:
        chain = _chain(s, _load(s, actor, opinion_id))
        nos = dict(s.execute(select(AssistCase.id, AssistCase.case_no).where(
            AssistCase.id.in_({o.case_id for o in chain if o.case_id}))).all())
        complaint = _complaint_of(s, chain[-1]) if chain and chain[-1].case_id is None else None
        return [OpinionSummary(o.id, o.opinion_no, o.case_id,
                               nos.get(o.case_id, "") if o.case_id else (complaint.complaint_no if complaint else ""),
                               o.kind, o.status,
                               o.version_no, o.title, o.due_on, o.issued_on) for o in chain]


def diff_versions(db: Database, actor: Actor, old_id: uuid.UUID, new_id: uuid.UUID) -> VersionDiff:
    with read_call(db, actor, roles=READ_ROLES) as s:
        old, new = _load(s, actor, old_id), _load(s, actor, new_id)
        a, b = _content(s, old), _content(s, new)
        names = dict(s.execute(select(Expert.id, Expert.name).where(
            Expert.id.in_(set(a.experts) | set(b.experts)))).all())
        return diff_contents(a, b, old_version=old.version_no, new_version=new.version_no, expert_names=names)


def diff_with_previous(db: Database, actor: Actor, opinion_id: uuid.UUID) -> VersionDiff | None:
    with read_call(db, actor, roles=READ_ROLES) as s:
        previous = _load(s, actor, opinion_id).previous_id
    return diff_versions(db, actor, previous, opinion_id) if previous else None


def opinion_pdf(db: Database, actor: Actor, opinion_id: uuid.UUID) -> bytes:
    """An issued opinion: its stored PDF, byte for byte. Anything else: rendered now, watermarked, no number
    (an on-site draft carries "现场参考意见（未经审核）")."""
    from app.pdf.opinion_pdf import render_opinion

    with read_call(db, actor, roles=READ_ROLES) as s:
        op = _load(s, actor, opinion_id)
        if op.issued_sha256:
            stored = s.get(StoredFile, op.issued_sha256)
            if stored is None:
                raise NotFound("文件库中找不到该意见书的出具文本。", english="issued PDF missing from file store")
            return bytes(stored.data)
        view = _view(s, op)
    return render_opinion(view)


def expert_conflicts(db: Database, actor: Actor, case_id: uuid.UUID, expert_id: uuid.UUID) -> list[str]:
    """Sentences naming each recorded conflict between the expert and a party of the case (empty: none)."""
    with read_call(db, actor, roles=READ_ROLES) as s:
        return _conflicts(s, _case(s, actor, case_id), [expert_id])


def suggestion_for(content: OpinionContent) -> tuple[str | None, str | None]:
    """(suggested conclusion code, warning) for unsaved content — what the drafting form shows live."""
    suggested = rules.suggest(content.kind, content.body, [[r.mark for r in c.rows] for c in content.claims])
    return suggested, rules.contradiction(suggested, content.conclusion)


# ----- for the drafting screen (what the GUI offers; the calls above still decide) ---------------------------
@dataclass(frozen=True)
class OpinionListRow:
    id: uuid.UUID
    opinion_no: str | None
    case_no: str
    kind: str
    status: str
    version_no: int
    conclusion: str | None
    title: str
    due_on: date | None


@dataclass(frozen=True)
class CaseChoice:
    id: uuid.UUID
    case_no: str
    applicant: str
    opposing_party: str


@dataclass(frozen=True)
class ExpertChoice:
    expert: ExpertInfo
    reason: str            # why the expert cannot be chosen (conflict, inactive); "" when they can


@dataclass(frozen=True)
class DraftingChoices:
    rights: tuple[RightInfo, ...]       # rights of the case, then the applicant's other rights
    experts: tuple[ExpertChoice, ...]   # the whole expert library, conflicted ones with their reason


def list_rows(db: Database, actor: Actor, *, status: str | None = None, kind: str | None = None,
              limit: int = 2000) -> list[OpinionListRow]:
    """The opinion list, newest first, filtered in SQL."""
    with read_call(db, actor, roles=READ_ROLES) as s:
        stmt = _listed(actor, status=status, kind=kind).order_by(Opinion.created_at.desc(),
                                                                 Opinion.version_no.desc()).limit(limit)
        return [OpinionListRow(op.id, op.opinion_no, case_no, op.kind, op.status, op.version_no, op.conclusion,
                               op.title, op.due_on) for op, case_no in s.execute(stmt)]


def find_cases(db: Database, actor: Actor, case_no: str, *, limit: int = 20) -> list[CaseChoice]:
    """Cases whose number contains `case_no` (the exact number first)."""
    text = case_no.strip()
    if not text:
        return []
    with read_call(db, actor, roles=READ_ROLES) as s:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cases = list(s.scalars(select(AssistCase).where(
            AssistCase.centre_id == actor.centre_id, AssistCase.deleted.is_(False),
            AssistCase.case_no.like(pattern, escape="\\")).order_by(AssistCase.case_no).limit(limit)))
        cases.sort(key=lambda c: c.case_no != text)
        names = dict(s.execute(select(Party.id, Party.name).where(Party.id.in_(
            {c.applicant_id for c in cases} | {c.opposing_party_id for c in cases if c.opposing_party_id}))).all())
        return [CaseChoice(c.id, c.case_no, names.get(c.applicant_id, ""), names.get(c.opposing_party_id, ""))
                for c in cases]


def drafting_choices_for(db: Database, actor: Actor, view: OpinionView) -> DraftingChoices:
    """The choices for an opinion's form: its case's, or for an on-site opinion its complaint's."""
    if view.case_id is not None:
        return drafting_choices(db, actor, view.case_id)
    with read_call(db, actor, roles=READ_ROLES) as s:
        op = _load(s, actor, view.id)
        sides, complaint = _sides(s, actor, op), _complaint_of(s, op)
        linked = select(IpRight.id).where(IpRight.id == (complaint.right_id if complaint else None))
        return _choices(s, actor, sides, linked)


def drafting_choices(db: Database, actor: Actor, case_id: uuid.UUID) -> DraftingChoices:
    from db.models import CaseRight

    with read_call(db, actor, roles=READ_ROLES) as s:
        case = _case(s, actor, case_id)
        linked = select(CaseRight.right_id).where(CaseRight.case_id == case.id, CaseRight.deleted.is_(False))
        return _choices(s, actor, case, linked)


def _choices(s: Session, actor: Actor, case, linked) -> DraftingChoices:
    """Rights (those `linked` first, then the applicant's) and experts with any conflict named; `case`
    is a case or the two sides of a fair complaint (anything with applicant_id / opposing_party_id)."""
    rights = list(s.scalars(select(IpRight).where(
        IpRight.centre_id == actor.centre_id, IpRight.deleted.is_(False),
        or_(IpRight.id.in_(linked), IpRight.owner_id == case.applicant_id)).order_by(IpRight.number)))
    linked_ids = set(s.scalars(linked))
    rights.sort(key=lambda r: r.id not in linked_ids)
    owners = dict(s.execute(select(Party.id, Party.name).where(
        Party.id.in_({r.owner_id for r in rights if r.owner_id}))).all())
    experts = list(s.scalars(select(Expert).where(Expert.centre_id == actor.centre_id,
                                                  Expert.deleted.is_(False)).order_by(Expert.name_pinyin,
                                                                                      Expert.name)))
    conflicts: dict[uuid.UUID, list[str]] = {}
    for expert_id, sentence in _conflicts_of(s, case, [e.id for e in experts]):
        conflicts.setdefault(expert_id, []).append(sentence)
    choices = []
    for e in experts:
        reason = "；".join(conflicts.get(e.id, [])) or ("" if e.active else f"专家{e.name}已停用")
        choices.append(ExpertChoice(ExpertInfo(e.id, e.name, e.title, e.organisation), reason))
    return DraftingChoices(
        tuple(RightInfo(r.id, r.kind, r.number, r.title, owners.get(r.owner_id, "")) for r in rights),
        tuple(choices))


def allowed_actions(db: Database, actor: Actor, opinion_id: uuid.UUID) -> frozenset[str]:
    """What `actor` may do to the opinion now — the same rules the calls above enforce — so that buttons
    mirror them: edit, submit, return, approve, issue, void, new_version, diff."""
    with read_call(db, actor, roles=READ_ROLES) as s:
        op = _load(s, actor, opinion_id)
        roles = set(_current_roles(s, actor))
        drafter, reviewer = bool(roles & DRAFT_ROLES), bool(roles & REVIEW_ROLES)
        device = s.get(Device, db.device_id) if db.device_id else None
        on_laptop = device is not None and device.kind == "laptop"
        successor = s.scalar(select(Opinion.id).where(Opinion.previous_id == op.id, Opinion.deleted.is_(False)))
        allowed = {
            "edit": drafter and op.status == "draft",
            "submit": drafter and op.status == "draft",
            "return": reviewer and op.status == "in_review",
            "approve": reviewer and op.status == "in_review" and op.drafted_by != actor.user_id,
            "issue": bool(roles & ISSUE_ROLES) and op.status == "approved" and not on_laptop,
            "void": reviewer and op.status != "void",
            "new_version": drafter and op.status in ("issued", "void") and successor is None,
            "diff": op.previous_id is not None,
        }
        return frozenset(name for name, ok in allowed.items() if ok)


def _current_roles(s: Session, actor: Actor) -> frozenset[str]:
    user = s.get(User, actor.user_id)
    return frozenset(user.roles or ()) if user is not None else frozenset()


# ----- internals ----------------------------------------------------------------------------------------------
def _now() -> datetime:
    from db.base import utcnow

    return utcnow()


def _centre_today(s: Session, actor: Actor) -> date:
    return centre_today(s, actor.centre_id)


def _due(s: Session, actor: Actor, requested: date) -> date:
    limit = settings.get(s, actor.centre_id, "limit_opinion_workdays")
    return calendar_for(s).add_workdays(requested, int(limit))


def _number_taken(s: Session, centre_id: uuid.UUID, number: str) -> bool:
    return s.scalar(select(Opinion.id).where(Opinion.centre_id == centre_id, Opinion.opinion_no == number)) is not None


def _case(s: Session, actor: Actor, case_id: uuid.UUID) -> AssistCase:
    case = live(s, AssistCase, case_id, actor.centre_id)
    if case is None:
        raise NotFound("找不到该案件。", english=f"no case {case_id}")
    return case


@dataclass(frozen=True)
class _Sides:
    """The two parties of an on-site opinion's fair complaint, shaped like a case for the conflict checks."""
    applicant_id: uuid.UUID | None
    opposing_party_id: uuid.UUID | None


def _complaint_of(s: Session, op: Opinion) -> FairComplaint | None:
    """The fair complaint an on-site opinion was drafted for (a later version inherits it)."""
    seen = 0
    while op is not None and seen < 100:
        complaint = s.scalar(select(FairComplaint).where(FairComplaint.opinion_id == op.id))
        if complaint is not None:
            return complaint
        op = s.get(Opinion, op.previous_id) if op.previous_id else None
        seen += 1
    return None


def _sides(s: Session, actor: Actor, op: Opinion):
    """The case of an opinion, or for an on-site opinion the complainant and the respondent's party."""
    if op.case_id is not None:
        return _case(s, actor, op.case_id)
    complaint = _complaint_of(s, op)
    if complaint is None:
        return _Sides(None, None)
    exhibitor = s.get(Exhibitor, complaint.respondent_exhibitor_id) if complaint.respondent_exhibitor_id else None
    return _Sides(complaint.complainant_id, exhibitor.party_id if exhibitor else None)


def _listed(actor: Actor, **equal):
    """The centre's live opinions with the number they are filed under (the case's, or for an on-site
    opinion its complaint's), narrowed to the given column values; None means any."""
    return (select(Opinion, func.coalesce(AssistCase.case_no, FairComplaint.complaint_no, ""))
            .outerjoin(AssistCase, AssistCase.id == Opinion.case_id)
            .outerjoin(FairComplaint, FairComplaint.opinion_id == Opinion.id)
            .where(Opinion.centre_id == actor.centre_id, Opinion.deleted.is_(False),
                   *(getattr(Opinion, column) == value for column, value in equal.items() if value is not None)))


def _load(s: Session, actor: Actor, opinion_id: uuid.UUID) -> Opinion:
    op = live(s, Opinion, opinion_id, actor.centre_id)
    if op is None:
        raise NotFound("找不到该意见书。", english=f"no opinion {opinion_id}")
    return op


def _find(s: Session, actor: Actor, number_or_id: str) -> Opinion:
    text = number_or_id.strip()
    try:
        return _load(s, actor, uuid.UUID(text))
    except ValueError:
        pass
    op = s.scalars(select(Opinion).where(Opinion.centre_id == actor.centre_id, Opinion.opinion_no == text,
                                         Opinion.deleted.is_(False))).one_or_none()
    if op is None:
        raise NotFound(f"找不到编号为 {text} 的意见书。", english=f"no opinion numbered {text}")
    return op


def _chain(s: Session, op: Opinion) -> list[Opinion]:
    """Every version linked to `op` through previous_id, oldest first."""
    first = op
    while first.previous_id is not None:
        prev = s.get(Opinion, first.previous_id)
        if prev is None:
            break
        first = prev
    chain = [first]
    while True:
        nxt = s.scalars(select(Opinion).where(Opinion.previous_id == chain[-1].id,
                                              Opinion.deleted.is_(False))).first()
        if nxt is None:
            return chain
        chain.append(nxt)


def _validate(content: OpinionContent) -> None:
    if content.kind not in OPINION_KIND:
        raise ValidationError("类型", f"不认识的意见书类型：{content.kind}")
    if content.conclusion is not None and content.conclusion not in CONCLUSION:
        raise ValidationError("结论", f"不认识的结论：{content.conclusion}")
    for key, codes in _BODY_CODES.items():
        value = content.body.get(key)
        if value is not None and value not in codes:
            raise ValidationError("比对判断", f"{key} 的取值 {value!r} 无效")
    numbers = [c.claim_no for c in content.claims]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("权利要求", "同一权利要求不能出现两次")
    if content.claims and content.kind not in rules.PATENT_KINDS:
        raise ValidationError("权利要求", "只有发明专利和实用新型意见书有权利要求比对表")
    for claim in content.claims:
        _check_rows(claim.rows, f"权利要求{claim.claim_no}")
    _check_rows(content.rows, "比对表")
    if len(set(content.experts)) != len(content.experts):
        raise ValidationError("咨询专家", "同一位专家不能重复列出")
    if content.status_checked_on and content.status_checked_on > date(9999, 1, 1):
        raise ValidationError("法律状态查询日", "日期无效")


def _check_rows(rows: tuple[RowData, ...], where: str) -> None:
    labels = [r.label for r in rows if r.label]
    if len(set(labels)) != len(labels):
        raise ValidationError(where, "特征编号重复")
    for r in rows:
        if r.mark is not None and r.mark not in FEATURE_MARK:
            raise ValidationError(where, f"特征 {r.label} 的比对结果 {r.mark!r} 无效")


def _conflicts(s: Session, case: AssistCase, expert_ids) -> list[str]:
    return [sentence for _expert, sentence in _conflicts_of(s, case, expert_ids)]


def _conflicts_of(s: Session, case: AssistCase, expert_ids) -> list[tuple[uuid.UUID, str]]:
    """(expert id, sentence) for each recorded conflict between the experts and a party of the case."""
    party_ids = [p for p in (case.applicant_id, case.opposing_party_id) if p]
    parties = {p.id: p.name for p in s.scalars(select(Party).where(Party.id.in_(party_ids)))}
    names = set(parties.values())
    rows = s.execute(
        select(ExpertConflict, Expert.name).join(Expert, Expert.id == ExpertConflict.expert_id)
        .where(ExpertConflict.expert_id.in_(list(expert_ids)), ExpertConflict.deleted.is_(False),
               or_(ExpertConflict.party_id.in_(party_ids), ExpertConflict.party_name.in_(names)))
    ).all()
    out = []
    for conflict, expert_name in rows:
        party = parties.get(conflict.party_id) or conflict.party_name
        why = f"（{conflict.reason}）" if conflict.reason else ""
        out.append((conflict.expert_id, f"专家{expert_name}与当事人{party}存在利害关系{why}，应当回避"))
    return out


def _check_experts(s: Session, actor: Actor, case: AssistCase, expert_ids) -> None:
    for expert_id in expert_ids:
        expert = live(s, Expert, expert_id, actor.centre_id)
        if expert is None:
            raise ValidationError("咨询专家", "专家库中没有该专家")
        if not expert.active:
            raise ValidationError("咨询专家", f"专家{expert.name}已停用")
    problems = _conflicts(s, case, expert_ids)
    if problems:
        raise ValidationError("咨询专家", "；".join(problems))


def _write(s: Session, op: Opinion, c: OpinionContent, requested: date) -> None:
    """Copy content onto the opinion and its child rows (rows reused in place, surplus ones soft-deleted)."""
    op.title = c.title.strip()
    op.right_id = c.right_id
    op.right_status_text = c.right_status_text
    op.status_checked_on = c.status_checked_on
    op.accused_object = c.accused_object
    op.analysis = c.analysis
    op.conclusion = c.conclusion
    op.requested_on = requested
    op.on_site = c.on_site
    op.body = dict(c.body)
    op.suggested_conclusion = rules.suggest(c.kind, c.body, [[r.mark for r in cl.rows] for cl in c.claims])
    live = lambda model: list(s.scalars(select(model).where(model.opinion_id == op.id,  # noqa: E731
                                                               model.deleted.is_(False)).order_by(model.ordinal)))
    claims = _sync(s, op, live(OpinionClaim), OpinionClaim,
                   [dict(claim_no=cl.claim_no, text=cl.text) for cl in c.claims])
    wanted_rows = []
    for claim, cl in zip(claims, c.claims):
        wanted_rows += [dict(claim_id=claim.id, section="claim", **_row_fields(r)) for r in cl.rows]
    section = {"design": "design", "trademark": "mark", "copyright": "work"}.get(c.kind, "other")
    wanted_rows += [dict(claim_id=None, section=section, **_row_fields(r)) for r in c.rows]
    _sync(s, op, live(OpinionRow), OpinionRow, wanted_rows)
    _sync(s, op, live(OpinionEvidence), OpinionEvidence, [dict(description=d) for d in c.evidence])
    existing = {e.expert_id: e for e in s.scalars(select(OpinionExpert).where(OpinionExpert.opinion_id == op.id))}
    for expert_id, link in existing.items():
        link.deleted = expert_id not in c.experts
    for expert_id in c.experts:
        if expert_id not in existing:
            s.add(OpinionExpert(id=uuid.uuid4(), centre_id=op.centre_id, opinion_id=op.id, expert_id=expert_id))


def _row_fields(r: RowData) -> dict:
    return dict(label=r.label, right_text=r.right_text, accused_text=r.accused_text, mark=r.mark,
                weight=r.weight, note=r.note)


def _sync(s: Session, op: Opinion, current: list, model, wanted: list[dict]) -> list:
    out = []
    for i, values in enumerate(wanted):
        if i < len(current):
            obj = current[i]
        else:
            obj = model(id=uuid.uuid4(), centre_id=op.centre_id, opinion_id=op.id)
            s.add(obj)
        obj.ordinal = i + 1
        for key, value in values.items():
            if getattr(obj, key) != value:
                setattr(obj, key, value)
        out.append(obj)
    for obj in current[len(wanted):]:
        obj.deleted = True
    s.flush()
    return out


def _content(s: Session, op: Opinion) -> OpinionContent:
    live = lambda model: list(s.scalars(select(model).where(model.opinion_id == op.id,  # noqa: E731
                                                               model.deleted.is_(False)).order_by(model.ordinal)))
    rows = live(OpinionRow)

    def as_data(r: OpinionRow) -> RowData:
        return RowData(r.label, r.right_text, r.accused_text, r.mark, r.weight, r.note)

    claims = tuple(ClaimData(c.claim_no, c.text, tuple(as_data(r) for r in rows if r.claim_id == c.id))
                   for c in live(OpinionClaim))
    experts = tuple(e.expert_id for e in s.scalars(
        select(OpinionExpert).where(OpinionExpert.opinion_id == op.id, OpinionExpert.deleted.is_(False))
        .order_by(OpinionExpert.created_at)))
    return OpinionContent(
        kind=op.kind, title=op.title, right_id=op.right_id, right_status_text=op.right_status_text,
        status_checked_on=op.status_checked_on, accused_object=op.accused_object, analysis=op.analysis,
        conclusion=op.conclusion, requested_on=op.requested_on, on_site=op.on_site, body=dict(op.body or {}),
        claims=claims, rows=tuple(as_data(r) for r in rows if r.claim_id is None),
        evidence=tuple(e.description for e in live(OpinionEvidence)), experts=experts)


def _user_name(s: Session, user_id: uuid.UUID | None) -> str:
    user = s.get(User, user_id) if user_id else None
    return user.display_name if user else ""


def _view(s: Session, op: Opinion) -> OpinionView:
    content = _content(s, op)
    case = s.get(AssistCase, op.case_id) if op.case_id else None
    applicant = s.get(Party, case.applicant_id) if case else None
    opposing = s.get(Party, case.opposing_party_id) if case and case.opposing_party_id else None
    complaint = _complaint_of(s, op) if case is None else None
    if complaint is not None:
        applicant = s.get(Party, complaint.complainant_id)
    right = None
    if op.right_id:
        r = s.get(IpRight, op.right_id)
        if r is not None:
            owner = s.get(Party, r.owner_id) if r.owner_id else None
            right = RightInfo(r.id, r.kind, r.number, r.title, owner.name if owner else "")
    experts = []
    for expert_id in content.experts:
        e = s.get(Expert, expert_id)
        if e is not None:
            experts.append(ExpertInfo(e.id, e.name, e.title, e.organisation))
    previous_no = None
    if op.previous_id:
        prev = s.get(Opinion, op.previous_id)
        previous_no = prev.opinion_no if prev else None
    centre = s.get(Centre, op.centre_id)
    return OpinionView(
        id=op.id, case_id=op.case_id, case_no=case.case_no if case else "",
        applicant=applicant.name if applicant else "",
        opposing_party=opposing.name if opposing else (complaint.respondent_name if complaint else ""),
        opinion_no=op.opinion_no, status=op.status, version_no=op.version_no, previous_id=op.previous_id,
        previous_no=previous_no, content=content, suggested_conclusion=op.suggested_conclusion,
        warning=rules.contradiction(op.suggested_conclusion, op.conclusion), right=right, experts=tuple(experts),
        due_on=op.due_on, drafted_by=_user_name(s, op.drafted_by), approved_by=_user_name(s, op.approved_by),
        approved_at=op.approved_at, issued_on=op.issued_on, issued_sha256=op.issued_sha256,
        void_reason=op.void_reason, centre_name=centre.name if centre else "", record_version=op.version,
        complaint_no=complaint.complaint_no if complaint else "")

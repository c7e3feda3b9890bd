"""The expert pool (专家库): technical fields as IPC symbols and free words, conflicts of interest,
finding experts for a case, and which opinions used each expert.

IPC symbols are kept in one written form — section "H", class "H04", subclass "H04W", group
"G06F 3/01" — so that a broader symbol covers a narrower one by prefix (an H04 expert is found for
H04W, and an H04W 4/00 expert for H04W).
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.context import Actor
from app.database import Database
from app.errors import NotFound, ValidationError
from app.labels import OPINION_STATUS, label
from app.search.lookup import candidate_ids, confirms, plan_for
from app.search.tokens import name_pinyin, normalise
from app.service import read_call, service_call
from app.services import fields, sheets
from app.services.owned import live
from db.models import AssistCase, Expert, ExpertConflict, Opinion, OpinionExpert, Party

EDIT_ROLES = {"caseworker", "supervisor", "admin"}
IPC_FIELD = "技术领域（IPC）"
_IPC_RE = re.compile(r"([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})/(\d{2,6}))?)?)?")


def normalise_ipc(value: str) -> str:
    """'h04w' → 'H04W', 'G06F3/01' → 'G06F 3/01'; anything else is refused naming the field."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = _IPC_RE.fullmatch(compact)
    if not match:
        raise ValidationError(IPC_FIELD, f"“{value}”不是 IPC 分类号（例如 H04、H04W、G06F 3/01）")
    section, klass, subclass, group, subgroup = match.groups()
    symbol = section + (klass or "") + (subclass or "")
    return f"{symbol} {int(group)}/{subgroup}" if group else symbol


def looks_like_ipc(value: str) -> bool:
    return bool(_IPC_RE.fullmatch(re.sub(r"\s+", "", (value or "").upper())))


def ipc_covers(a: str, b: str) -> bool:
    """Whether two symbols overlap: one is the other or a part of it."""
    x, y = a.replace(" ", ""), b.replace(" ", "")
    return x.startswith(y) or y.startswith(x)


@dataclass(frozen=True)
class ExpertInput:
    name: str
    ipc_fields: tuple[str, ...] = ()
    keywords: str = ""
    title: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""
    active: bool = True
    note: str = ""


@dataclass(frozen=True)
class ConflictRow:
    id: uuid.UUID
    party_id: uuid.UUID | None
    party_name: str
    reason: str


@dataclass(frozen=True)
class ExpertRow:
    id: uuid.UUID
    name: str
    ipc_fields: tuple[str, ...]
    keywords: str
    title: str
    organisation: str
    phone: str
    email: str
    active: bool
    note: str
    conflicts: tuple[ConflictRow, ...]
    version: int

    def as_json(self, *, reveal: bool = False) -> dict:
        return {
            "id": str(self.id), "name": self.name, "ipc_fields": list(self.ipc_fields),
            "keywords": self.keywords, "title": self.title, "organisation": self.organisation,
            "phone": sheets.masked_phone(self.phone, reveal), "email": sheets.masked_email(self.email, reveal),
            "active": self.active,
            "conflicts": [{"party": c.party_name, "reason": c.reason} for c in self.conflicts],
        }


@dataclass(frozen=True)
class Excluded:
    expert: ExpertRow
    party_name: str
    reason: str


@dataclass(frozen=True)
class ExpertFinding:
    """Experts for a field; `excluded` are those who match but are conflicted with a party of the case."""

    field: str
    case_no: str
    matches: tuple[ExpertRow, ...]
    excluded: tuple[Excluded, ...]


@dataclass(frozen=True)
class ExpertUse:
    opinion_id: uuid.UUID
    opinion_no: str
    opinion_title: str
    opinion_status: str
    case_id: uuid.UUID
    case_no: str

    def as_json(self) -> dict:
        return {"opinion_no": self.opinion_no or None, "title": self.opinion_title,
                "status": label(OPINION_STATUS, self.opinion_status), "case_no": self.case_no}


# ------------------------------------------------------------------ editing
def _clean_fields(values: Iterable[str]) -> list[str]:
    found: list[str] = []
    for value in values:
        for part in re.split(r"[,，;；、\n]+", str(value)):
            if part.strip():
                symbol = normalise_ipc(part)
                if symbol not in found:
                    found.append(symbol)
    return found


def _apply(e: Expert, data: ExpertInput) -> None:
    e.name = fields.text("姓名", data.name, required=True, max_len=60)
    e.name_pinyin = name_pinyin(e.name)
    e.ipc_fields = _clean_fields(data.ipc_fields)
    e.keywords = fields.text("专业领域关键词", data.keywords, max_len=300)
    if not e.ipc_fields and not e.keywords:
        raise ValidationError(IPC_FIELD, "请至少填写一个 IPC 分类号或专业领域关键词")
    e.title = fields.text("职称", data.title, max_len=60)
    e.organisation = fields.text("工作单位", data.organisation, max_len=120)
    e.phone = fields.phone("联系电话", data.phone)
    e.email = fields.email("电子邮箱", data.email)
    e.active = bool(data.active)
    e.note = fields.text("备注", data.note)


def create_expert(db: Database, actor: Actor, data: ExpertInput) -> ExpertRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="expert.create") as s:
        e = Expert(id=uuid.uuid4(), centre_id=actor.centre_id)
        _apply(e, data)
        s.add(e)
        s.flush()
        return _row(s, e)


def update_expert(db: Database, actor: Actor, expert_id: uuid.UUID, data: ExpertInput) -> ExpertRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="expert.update") as s:
        e = _get(s, actor, expert_id)
        _apply(e, data)
        s.flush()
        return _row(s, e)


def add_conflict(db: Database, actor: Actor, expert_id: uuid.UUID, *, party_id: uuid.UUID | None = None,
                 party_name: str = "", reason: str = "") -> ExpertRow:
    """Record a party the expert must not work for — a known party, or just a name (a party
    not yet in the register is matched by exact name when it appears in a case)."""
    with service_call(db, actor, roles=EDIT_ROLES, action="expert.conflict") as s:
        e = _get(s, actor, expert_id)
        name = fields.text("回避当事人", party_name, max_len=120)
        if party_id is not None:
            party = live(s, Party, party_id, actor.centre_id)
            if party is None:
                raise ValidationError("回避当事人", "关联的当事人不存在")
            name = party.name
        if not name:
            raise ValidationError("回避当事人", "请选择当事人或填写名称")
        s.add(ExpertConflict(id=uuid.uuid4(), centre_id=actor.centre_id, expert_id=e.id, party_id=party_id,
                             party_name=name, reason=fields.text("回避理由", reason, max_len=200)))
        s.flush()
        return _row(s, e)


def remove_conflict(db: Database, actor: Actor, conflict_id: uuid.UUID) -> ExpertRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="expert.conflict_remove") as s:
        conflict = live(s, ExpertConflict, conflict_id, actor.centre_id)
        if conflict is None:
            raise NotFound("没有找到这条回避记录。", english=f"no conflict {conflict_id}")
        conflict.deleted = True
        s.flush()
        return _row(s, _get(s, actor, conflict.expert_id))


# ------------------------------------------------------------------ reading
def get_expert(db: Database, actor: Actor, expert_id: uuid.UUID) -> ExpertRow:
    with read_call(db, actor, roles=None) as s:
        return _row(s, _get(s, actor, expert_id))


def list_experts(db: Database, actor: Actor, *, query: str | None = None, active_only: bool = False,
                 limit: int = 500) -> list[ExpertRow]:
    """Search name, organisation and keywords (pinyin of names included), sorted by pinyin."""
    with read_call(db, actor, roles=None) as s:
        stmt = select(Expert).where(Expert.centre_id == actor.centre_id, Expert.deleted.is_(False))
        if active_only:
            stmt = stmt.where(Expert.active.is_(True))
        plan = plan_for(query)
        if plan is not None:
            stmt = stmt.where(or_(Expert.id.in_(candidate_ids("expert", plan)),
                                  fields.pinyin_inside(Expert.name_pinyin, plan)))
        experts = [e for e in s.scalars(stmt.order_by(Expert.name_pinyin, Expert.id))
                   if confirms(plan, e.name, e.organisation, e.keywords)]
        experts = experts[:limit]
        conflicts = _conflicts(s, [e.id for e in experts])
        return [_to_row(e, conflicts.get(e.id, ())) for e in experts]


def find_experts(db: Database, actor: Actor, field: str, *, case_id: uuid.UUID | None = None,
                 case_no: str | None = None, include_inactive: bool = False) -> ExpertFinding:
    """Active experts whose IPC symbols overlap `field` (or whose keywords contain it, for free
    words), leaving out anyone conflicted with the applicant or opposing party of the case."""
    wanted = (field or "").strip()
    if not wanted:
        raise ValidationError("技术领域", "请填写 IPC 分类号或关键词")
    symbol = normalise_ipc(wanted) if looks_like_ipc(wanted) else None
    with read_call(db, actor, roles=None) as s:
        case = _case(s, actor, case_id, case_no)
        stmt = select(Expert).where(Expert.centre_id == actor.centre_id, Expert.deleted.is_(False))
        if not include_inactive:
            stmt = stmt.where(Expert.active.is_(True))
        # The pool is hundreds of people at most: matching symbols in Python keeps the JSON column
        # portable between backends.
        candidates = [e for e in s.scalars(stmt.order_by(Expert.name_pinyin, Expert.id))
                      if _matches(e, symbol, wanted)]
        conflicts = _conflicts(s, [e.id for e in candidates])
        parties = _case_parties(s, case) if case else {}
        matches, excluded = [], []
        for e in candidates:
            row = _to_row(e, conflicts.get(e.id, ()))
            hit = _conflict_with(row.conflicts, parties)
            if hit is None:
                matches.append(row)
            else:
                excluded.append(Excluded(row, hit.party_name, hit.reason))
        case_no_found = case.case_no if case else ""
    return ExpertFinding(symbol or wanted, case_no_found, tuple(matches), tuple(excluded))


def _matches(e: Expert, symbol: str | None, words: str) -> bool:
    if symbol is not None and any(ipc_covers(symbol, f) for f in e.ipc_fields):
        return True
    needle = normalise(words)
    return bool(needle) and needle in normalise(e.keywords)


def _case(s: Session, actor: Actor, case_id: uuid.UUID | None, case_no: str | None) -> AssistCase | None:
    if case_id is None and not case_no:
        return None
    stmt = select(AssistCase).where(AssistCase.centre_id == actor.centre_id, AssistCase.deleted.is_(False))
    stmt = stmt.where(AssistCase.id == case_id) if case_id else stmt.where(AssistCase.case_no == case_no.strip())
    case = s.scalars(stmt).first()
    if case is None:
        raise NotFound(f"没有找到案件 {case_no or case_id}。", english=f"no case {case_no or case_id}")
    return case


def _case_parties(s: Session, case: AssistCase) -> dict[uuid.UUID, str]:
    ids = [i for i in (case.applicant_id, case.opposing_party_id) if i]
    return dict(s.execute(select(Party.id, Party.name).where(Party.id.in_(ids))).all())


def _conflict_with(conflicts: Iterable[ConflictRow], parties: dict[uuid.UUID, str]) -> ConflictRow | None:
    names = {n.strip() for n in parties.values()}
    for c in conflicts:
        if (c.party_id is not None and c.party_id in parties) or (c.party_name and c.party_name.strip() in names):
            return c
    return None


def expert_usage(db: Database, actor: Actor, expert_id: uuid.UUID) -> list[ExpertUse]:
    """The opinions (and so the cases) an expert was consulted on, newest first."""
    with read_call(db, actor, roles=None) as s:
        _get(s, actor, expert_id)
        rows = s.execute(
            select(Opinion.id, Opinion.opinion_no, Opinion.title, Opinion.status, AssistCase.id, AssistCase.case_no)
            .join(OpinionExpert, OpinionExpert.opinion_id == Opinion.id)
            .join(AssistCase, AssistCase.id == Opinion.case_id)
            .where(OpinionExpert.expert_id == expert_id, OpinionExpert.deleted.is_(False),
                   Opinion.deleted.is_(False))
            .order_by(Opinion.created_at.desc())
        ).all()
    return [ExpertUse(o, no or "", title, status, cid, cno) for o, no, title, status, cid, cno in rows]


def _get(s: Session, actor: Actor, expert_id: uuid.UUID) -> Expert:
    e = live(s, Expert, expert_id, actor.centre_id)
    if e is None:
        raise NotFound("没有找到这位专家。", english=f"no expert {expert_id}")
    return e


def _conflicts(s: Session, expert_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[ConflictRow, ...]]:
    found: dict[uuid.UUID, list[ConflictRow]] = {}
    if not expert_ids:
        return {}
    for c in s.scalars(select(ExpertConflict).where(
            ExpertConflict.expert_id.in_(expert_ids), ExpertConflict.deleted.is_(False))
            .order_by(ExpertConflict.created_at)):
        found.setdefault(c.expert_id, []).append(ConflictRow(c.id, c.party_id, c.party_name, c.reason))
    return {k: tuple(v) for k, v in found.items()}


def _to_row(e: Expert, conflicts: tuple[ConflictRow, ...]) -> ExpertRow:
    return ExpertRow(e.id, e.name, tuple(e.ipc_fields), e.keywords, e.title, e.organisation, e.phone, e.email,
                     e.active, e.note, tuple(conflicts), e.version)


def _row(s: Session, e: Expert) -> ExpertRow:
    return _to_row(e, _conflicts(s, [e.id]).get(e.id, ()))


# ------------------------------------------------------------------ export
EXPORT_HEADERS = ("姓名", "IPC 分类号", "专业领域关键词", "职称", "工作单位", "联系电话", "电子邮箱", "状态",
                  "回避当事人")


def export_experts(db: Database, actor: Actor, path: str | Path, *, reveal: bool = False,
                   query: str | None = None) -> int:
    clear = sheets.may_reveal(actor, reveal)
    rows = list_experts(db, actor, query=query, limit=1_000_000)
    return sheets.write_sheet(path, "专家库", EXPORT_HEADERS, (
        (r.name, "；".join(r.ipc_fields), r.keywords, r.title, r.organisation, sheets.masked_phone(r.phone, clear),
         sheets.masked_email(r.email, clear), "在库" if r.active else "停用",
         "；".join(c.party_name for c in r.conflicts))
        for r in rows
    ))


__all__ = [
    "ExpertInput", "ExpertRow", "ExpertFinding", "ExpertUse", "ConflictRow", "Excluded", "add_conflict",
    "create_expert", "expert_usage", "export_experts", "find_experts", "get_expert", "ipc_covers",
    "list_experts", "normalise_ipc", "remove_conflict", "update_expert",
]

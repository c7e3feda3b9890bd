"""The knowledge base (知识库): question/answer items with tags and IP kind.

Anyone may draft an item (or promote a consultation to a draft); only a supervisor approves it,
and only approved items are suggested while a question is being typed. Suggestions rank items by
how many of the question's bigrams they share in the search token index (design.md §7 Search),
a plain GROUP BY that runs the same on SQLite and PostgreSQL.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.context import Actor
from app.database import Database
from app.errors import NotFound, ValidationError
from app.labels import IP_KIND, TOPIC, label
from app.search.lookup import candidate_ids, confirms, plan_for, ranked_by_overlap
from app.service import read_call, service_call
from app.services import fields
from app.services.owned import live
from db.base import utcnow
from db.models import Consultation, KnowledgeItem, User

KNOWLEDGE_STATUS = MappingProxyType({"draft": "草稿", "approved": "已审核", "retired": "已停用"})
EDIT_ROLES = {"caseworker", "supervisor", "fair_staff"}
APPROVE_ROLES = {"supervisor"}
MAX_TAGS = 10
MAX_TAG_LEN = 20


@dataclass(frozen=True)
class KnowledgeInput:
    question: str
    answer: str = ""
    tags: tuple[str, ...] = ()
    ip_kind: str | None = None


@dataclass(frozen=True)
class KnowledgeRow:
    id: uuid.UUID
    question: str
    answer: str
    tags: tuple[str, ...]
    ip_kind: str | None
    status: str
    approved_by_name: str
    approved_at: datetime | None
    source_consultation_id: uuid.UUID | None
    version: int

    def as_json(self) -> dict:
        return {
            "id": str(self.id), "question": self.question, "answer": self.answer, "tags": list(self.tags),
            "ip_kind": label(IP_KIND, self.ip_kind) or None, "status": KNOWLEDGE_STATUS[self.status],
            "approved_by": self.approved_by_name or None,
            "approved_at": self.approved_at.isoformat() if self.approved_at else None,
        }


@dataclass(frozen=True)
class Suggestion:
    id: uuid.UUID
    question: str
    answer: str
    ip_kind: str | None
    tags: tuple[str, ...]
    shared: int  # bigrams the typed question shares with the item
    score: float  # shared / bigrams of the typed question, 0–1


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, de-duplicated tags; `，`/`,`-separated strings are split."""
    found: list[str] = []
    for tag in tags:
        for part in str(tag).replace("，", ",").replace("、", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if len(part) > MAX_TAG_LEN:
                raise ValidationError("标签", f"“{part}”太长（不能超过 {MAX_TAG_LEN} 个字）")
            if part not in found:
                found.append(part)
    if len(found) > MAX_TAGS:
        raise ValidationError("标签", f"最多 {MAX_TAGS} 个")
    return tuple(found)


def _apply(item: KnowledgeItem, data: KnowledgeInput) -> None:
    item.question = fields.text("问题", data.question, required=True)
    item.answer = fields.text("答复", data.answer, required=True)
    item.tags = list(clean_tags(data.tags))
    item.ip_kind = fields.code(IP_KIND, "知识产权类型", data.ip_kind, required=False)


def create_item(db: Database, actor: Actor, data: KnowledgeInput) -> KnowledgeRow:
    with service_call(db, actor, roles=EDIT_ROLES, action="knowledge.create") as s:
        item = KnowledgeItem(id=uuid.uuid4(), centre_id=actor.centre_id, status="draft")
        _apply(item, data)
        s.add(item)
        s.flush()
        return _fetch(s, item.id)


def update_item(db: Database, actor: Actor, item_id: uuid.UUID, data: KnowledgeInput) -> KnowledgeRow:
    """Edit an item. An approved item edited by someone who cannot approve goes back to draft:
    what is suggested to colleagues must always be what a supervisor has read."""
    with service_call(db, actor, roles=EDIT_ROLES, action="knowledge.update") as s:
        item = _get(s, actor, item_id)
        before = (item.question, item.answer, list(item.tags), item.ip_kind)
        _apply(item, data)
        changed = before != (item.question, item.answer, list(item.tags), item.ip_kind)
        if changed and item.status == "approved" and not actor.has_any(APPROVE_ROLES):
            item.status, item.approved_by, item.approved_at = "draft", None, None
        s.flush()
        return _fetch(s, item.id)


def approve_item(db: Database, actor: Actor, item_id: uuid.UUID) -> KnowledgeRow:
    return _set_status(db, actor, item_id, "approved")


def retire_item(db: Database, actor: Actor, item_id: uuid.UUID) -> KnowledgeRow:
    return _set_status(db, actor, item_id, "retired")


def _set_status(db: Database, actor: Actor, item_id: uuid.UUID, status: str) -> KnowledgeRow:
    with service_call(db, actor, roles=APPROVE_ROLES, action=f"knowledge.{status}") as s:
        item = _get(s, actor, item_id)
        if status == "approved" and not item.answer.strip():
            raise ValidationError("答复", "没有答复的条目不能审核通过")
        item.status = status
        item.approved_by = actor.user_id if status == "approved" else None
        item.approved_at = utcnow() if status == "approved" else None
        s.flush()
        return _fetch(s, item.id)


def promote_consultation(db: Database, actor: Actor, consultation_id: uuid.UUID) -> KnowledgeRow:
    """A draft item from a consultation's question and answer, tagged with its topic."""
    with service_call(db, actor, roles=EDIT_ROLES, action="knowledge.promote") as s:
        c = live(s, Consultation, consultation_id, actor.centre_id)
        if c is None:
            raise NotFound("没有找到这条咨询记录。", english=f"no consultation {consultation_id}")
        if not c.answer.strip():
            raise ValidationError("答复", "这条咨询还没有答复，不能加入知识库")
        item = KnowledgeItem(
            id=uuid.uuid4(), centre_id=actor.centre_id, status="draft", question=c.question,
            answer=c.answer, tags=[label(TOPIC, c.topic)], ip_kind=c.ip_kind, source_consultation_id=c.id,
        )
        s.add(item)
        s.flush()
        return _fetch(s, item.id)


def get_item(db: Database, actor: Actor, item_id: uuid.UUID) -> KnowledgeRow:
    with read_call(db, actor, roles=None) as s:
        _get(s, actor, item_id)
        return _fetch(s, item_id)


def list_items(db: Database, actor: Actor, *, query: str | None = None, status: str | None = None,
               ip_kind: str | None = None, tag: str | None = None, limit: int = 500) -> list[KnowledgeRow]:
    with read_call(db, actor, roles=None) as s:
        stmt = _select().where(KnowledgeItem.centre_id == actor.centre_id, KnowledgeItem.deleted.is_(False))
        if status:
            stmt = stmt.where(KnowledgeItem.status == fields.code(KNOWLEDGE_STATUS, "状态", status))
        if ip_kind:
            stmt = stmt.where(KnowledgeItem.ip_kind == fields.code(IP_KIND, "知识产权类型", ip_kind))
        plan = plan_for(query)
        if plan is not None:
            stmt = stmt.where(KnowledgeItem.id.in_(candidate_ids("knowledge_item", plan)))
        rows = [_to_row(*r) for r in s.execute(stmt.order_by(KnowledgeItem.updated_at.desc()))]
    rows = [r for r in rows if confirms(plan, r.question, r.answer) and (not tag or tag in r.tags)]
    return rows[:limit]


def suggest(db: Database, actor: Actor, question_text: str, limit: int = 5) -> list[Suggestion]:
    """Approved items whose question or answer share the most bigrams with `question_text`.

    One shared bigram is enough for a short question; a longer one needs two, so a single common
    word (专利, 侵权…) does not drag unrelated items in.
    """
    text = (question_text or "").strip()
    if len(text) < 2:
        return []
    with read_call(db, actor, roles=None) as s:
        probe, n_tokens = ranked_by_overlap("knowledge_item", text, min_overlap=1)
        if n_tokens == 0:
            return []
        need = 1 if n_tokens <= 3 else 2
        ranked = probe.subquery()
        stmt = (
            select(KnowledgeItem, ranked.c.overlap)
            .join(ranked, ranked.c.record_id == KnowledgeItem.id)
            .where(KnowledgeItem.centre_id == actor.centre_id, KnowledgeItem.deleted.is_(False),
                   KnowledgeItem.status == "approved", ranked.c.overlap >= need)
            .order_by(ranked.c.overlap.desc(), KnowledgeItem.approved_at.desc(), KnowledgeItem.id)
            .limit(limit)
        )
        return [
            Suggestion(i.id, i.question, i.answer, i.ip_kind, tuple(i.tags), n, round(n / n_tokens, 3))
            for i, n in s.execute(stmt)
        ]


def _get(s: Session, actor: Actor, item_id: uuid.UUID) -> KnowledgeItem:
    item = live(s, KnowledgeItem, item_id, actor.centre_id)
    if item is None:
        raise NotFound("没有找到这条知识库条目。", english=f"no knowledge item {item_id}")
    return item


def _select():
    approver = aliased(User)
    return select(KnowledgeItem, approver.display_name).outerjoin(approver, approver.id == KnowledgeItem.approved_by)


def _to_row(i: KnowledgeItem, approver: str | None) -> KnowledgeRow:
    return KnowledgeRow(i.id, i.question, i.answer, tuple(i.tags), i.ip_kind, i.status, approver or "",
                        i.approved_at, i.source_consultation_id, i.version)


def _fetch(s: Session, item_id: uuid.UUID) -> KnowledgeRow:
    return _to_row(*s.execute(_select().where(KnowledgeItem.id == item_id)).one())

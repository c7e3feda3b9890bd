"""The quick opinion of a fair complaint (现场参考意见, design.md §1: on-site staff print one at the fair).

It is an ordinary opinion draft — the same form, rules, versions and review as any other — with
`on_site` set and no case: it belongs to the complaint (`fair_complaint.opinion_id`), pre-filled with
the complaint's parties, right, the accused exhibits at the booth and the materials handed in. Until a
supervisor has approved and the centre has issued it, its PDF carries the watermark
"现场参考意见（未经审核）"; a fair laptop cannot issue it (opinions.issue_opinion refuses).
"""
from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Actor
from app.database import Database
from app.errors import NotFound
from app.labels import IP_KIND, OPINION_KIND, label
from app.service import service_call
from app.services import opinions as ops
from app.services.fairs import MATERIALS
from app.services.opinion_types import OpinionContent, OpinionView
from app.services.owned import live
from db.models import Fair, FairComplaint, Opinion, Party


def opinion_kind(ip_kind: str) -> str:
    """The opinion kind for a complaint's IP kind (geographical indications and the rest: 其他)."""
    return ip_kind if ip_kind in OPINION_KIND else "other"


def prefilled_content(complaint: FairComplaint, fair: Fair, complainant: str) -> OpinionContent:
    booth = f"（展位 {complaint.booth}）" if complaint.booth else ""
    handed_in = tuple(f"投诉人提交的{text}" for key, text in MATERIALS.items() if complaint.materials.get(key))
    return OpinionContent(
        kind=opinion_kind(complaint.ip_kind),
        title=f"{complaint.respondent_name}{booth}展品是否侵犯{complainant}的{label(IP_KIND, complaint.ip_kind)}",
        right_id=complaint.right_id,
        accused_object=f"{complaint.respondent_name}在{fair.name}{booth}展出的产品",
        on_site=True,
        evidence=handed_in,
    )


def quick_opinion_for(db: Database, actor: Actor, complaint_id: uuid.UUID) -> OpinionView:
    """The complaint's quick opinion: the one already drafted (its latest version), or a new draft."""
    with service_call(db, actor, roles=ops.DRAFT_ROLES, action="opinion.create_on_site") as s:
        complaint = live(s, FairComplaint, complaint_id, actor.centre_id)
        if complaint is None:
            raise NotFound("没有该展会投诉。", english=f"no fair complaint {complaint_id}")
        if complaint.opinion_id is not None:
            op = _latest(s, complaint.opinion_id)
            if op is not None:
                return ops._view(s, op)
        fair = s.get(Fair, complaint.fair_id)
        party = s.get(Party, complaint.complainant_id)
        content = prefilled_content(complaint, fair, party.name if party else "")
        requested = ops._centre_today(s, actor)
        op = Opinion(id=uuid.uuid4(), centre_id=actor.centre_id, case_id=None, kind=content.kind, status="draft",
                     version_no=1, drafted_by=actor.user_id, requested_on=requested,
                     due_on=ops._due(s, actor, requested))
        s.add(op)
        ops._write(s, op, content, requested)
        complaint.opinion_id = op.id
        s.flush()
        return ops._view(s, op)


def _latest(s: Session, opinion_id: uuid.UUID) -> Opinion | None:
    """Follow later versions (new_version links them by previous_id) to the newest live one."""
    op = s.get(Opinion, opinion_id)
    while op is not None:
        newer = s.scalar(select(Opinion).where(Opinion.previous_id == op.id, Opinion.deleted.is_(False)))
        if newer is None:
            break
        op = newer
    return None if op is None or op.deleted else op

"""Consultations (咨询) and the knowledge base (知识库)."""
from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

from app.demo import names
from app.demo.clock import Weighted, office_instant
from app.demo.context import DemoContext, FairWindow, Staff
from app.demo.people import PartyRef, honorific, person_name, phone
from app.demo.questions import ANSWER_OPENINGS, BANK, KNOWLEDGE_EXTRA, QA, TOPIC_WEIGHTS

CHANNELS = Weighted(("phone", 42), ("online", 24), ("visit", 24), ("letter", 3), ("referred", 7))
MINUTES = {"phone": (5, 25), "online": (8, 30), "visit": (15, 60), "letter": (20, 45), "referred": (10, 30),
           "fair": (5, 20)}
QUESTION_OPENINGS = ("", "", "", "请问", "想咨询一下，", "我公司想了解：", "您好，")

_BY_TOPIC: dict[str, list[QA]] = {}
for _qa in BANK:
    _BY_TOPIC.setdefault(_qa.topic, []).append(_qa)
TOPICS = Weighted(*TOPIC_WEIGHTS)


def _fill(rng: random.Random, text: str) -> str:
    if "{" not in text:
        return text
    return text.format(product=rng.choice(names.PRODUCTS), mark=rng.choice(names.MARK_WORDS),
                       country=rng.choice(names.COUNTRIES))


class ConsultationWriter:
    """Writes consultations; cases use it for the consultations they grew out of."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.ids = ctx.ids("consultation")
        self.count = 0

    def write(self, rng: random.Random, *, start: datetime, channel: str, handler: Staff,
              asker: PartyRef | None, ip_kind: str | None = None, fair_id: uuid.UUID | None = None,
              case_id: uuid.UUID | None = None) -> uuid.UUID:
        if ip_kind is not None and rng.random() < 0.7:
            pool = [qa for qa in BANK if qa.ip_kind == ip_kind] or list(BANK)
        else:
            pool = _BY_TOPIC[TOPICS.pick(rng)]
        qa = rng.choice(pool)
        low, high = MINUTES[channel]
        minutes = rng.randint(low, high)
        if asker is not None:
            asker_name = asker.name
        elif rng.random() < 0.6:
            asker_name = honorific(rng)
        else:
            asker_name = "".join(person_name(rng))
        consultation_id = self.ids()
        row = {
            "started_at": start, "ended_at": start + timedelta(minutes=minutes), "channel": channel,
            "asker_party_id": asker.id if asker else None, "asker_name": asker_name,
            "asker_phone": phone(rng) if channel != "letter" else "",
            "topic": qa.topic, "ip_kind": qa.ip_kind,
            "question": rng.choice(QUESTION_OPENINGS) + _fill(rng, qa.question),
            "answer": rng.choice(ANSWER_OPENINGS) + _fill(rng, qa.answer),
            "minutes": minutes, "handled_by": handler.id, "fair_id": fair_id, "case_id": case_id,
            **self.ctx.travelling(consultation_id, start, handler.id),
        }
        self.ctx.loader.add("consultation", row)
        self.ctx.loader.index("consultation", consultation_id, row)
        self.count += 1
        return consultation_id


def write_consultations(ctx: DemoContext, writer: ConsultationWriter, count: int,
                        askers: list[PartyRef], fair: FairWindow | None) -> None:
    """`count` consultations spread over the two years, most on working days."""
    rng = ctx.rng("consultations")
    days = _days(ctx)
    handlers = ctx.caseworkers
    for _ in range(count):
        day = days[int(rng.random() * len(days))]
        channel = CHANNELS.pick(rng)
        fair_id = None
        handler = handlers[min(int(rng.expovariate(0.35)), len(handlers) - 1)]
        if fair is not None and fair.starts_on <= day <= fair.ends_on and rng.random() < 0.5:
            channel, fair_id, handler = "fair", fair.id, ctx.fairstaff
        asker = askers[int(rng.random() * len(askers))] if askers and rng.random() < 0.35 else None
        start = office_instant(rng, day)
        writer.write(rng, start=start, channel=channel, handler=handler, asker=asker, fair_id=fair_id)
        ctx.loader.checkpoint()


def _days(ctx: DemoContext) -> list[date]:
    """Candidate days, each working day listed several times so that weekends are rare."""
    days: list[date] = []
    day = ctx.first_day
    while day <= ctx.today:
        days.extend([day] * (8 if ctx.cal.is_workday(day) else 1))
        day += timedelta(days=1)
    return days


def write_knowledge(ctx: DemoContext) -> int:
    """The knowledge base: every bank entry, mostly approved, a few drafts and retired ones."""
    rng = ctx.rng("knowledge")
    ids = ctx.ids("knowledge_item")
    entries = list(BANK) + list(KNOWLEDGE_EXTRA)
    generic = {"product": "产品", "mark": "自有品牌", "country": "境外"}
    start = ctx.first_day
    span = max((ctx.today - start).days, 1)
    for i, qa in enumerate(entries):
        day = start + timedelta(days=int(span * i / len(entries)) + rng.randint(0, 5))
        day = min(day, ctx.today)
        created = office_instant(rng, day)
        status = "approved" if rng.random() < 0.85 else rng.choice(("draft", "draft", "retired"))
        approved_at = created + timedelta(days=rng.randint(1, 6)) if status != "draft" else None
        if approved_at is not None and approved_at > ctx.generated_at:  # not reviewed yet
            status, approved_at = "draft", None
        author = rng.choice(ctx.caseworkers)
        item_id = ids()
        row = {
            "question": qa.question.format(**generic), "answer": qa.answer.format(**generic),
            "tags": list(qa.tags), "ip_kind": qa.ip_kind, "status": status,
            "approved_by": ctx.supervisor.id if approved_at else None, "approved_at": approved_at,
            "source_consultation_id": None,
            **ctx.travelling(item_id, created, author.id, approved_at or created,
                             ctx.supervisor.id if approved_at else author.id),
        }
        ctx.loader.add("knowledge_item", row)
        ctx.loader.index("knowledge_item", item_id, row)
    return len(entries)

"""The expert database (专家库): technical fields as IPC subclasses, and conflicts of interest."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from app.demo import names
from app.demo.clock import office_instant
from app.demo.context import DemoContext
from app.demo.people import PartyRef, person_name
from app.search.tokens import name_pinyin
from app.rules.identifiers import make_mobile

EXPERT_COUNT = 40
CONFLICT_REASONS = ("曾任该公司技术顾问", "近亲属在该公司任职", "曾为该公司提供专利代理服务", "与该公司存在合作研发项目",
                    "持有该公司股份")


@dataclass
class ExpertRef:
    id: uuid.UUID
    name: str
    fields: tuple[str, ...]
    conflicts: set[uuid.UUID]  # party ids the expert must not work on


def write_experts(ctx: DemoContext) -> list[ExpertRef]:
    rng = ctx.rng("experts")
    ids = ctx.ids("expert")
    experts: list[ExpertRef] = []
    used: set[str] = set()
    created = office_instant(rng, ctx.first_day - timedelta(days=15))
    for _ in range(EXPERT_COUNT):
        surname, given = person_name(rng)
        while surname + given in used:
            surname, given = person_name(rng)
        used.add(surname + given)
        fields = rng.sample(names.IPC_FIELDS, rng.randint(1, 3))
        codes = tuple(sorted(code for code, _ in fields))
        title = rng.choice(names.EXPERT_TITLES)
        organisation = rng.choice(names.EXPERT_ORGS)
        if title == "律师":
            organisation = f"辽宁{rng.choice(names.BRANDS)}律师事务所"
        elif title == "专利代理师":
            organisation = f"沈阳{rng.choice(names.BRANDS)}专利代理事务所（普通合伙）"
        pinyin = name_pinyin(surname + given)
        expert_id = ids()
        row = {
            "name": surname + given, "name_pinyin": pinyin, "ipc_fields": list(codes),
            "keywords": " ".join(field for _, field in fields), "title": title, "organisation": organisation,
            "phone": make_mobile(rng), "email": f"{pinyin.split()[0]}{rng.randint(1, 99)}@example.com",
            "active": rng.random() < 0.92, "note": "",
            **ctx.travelling(expert_id, created, ctx.admin.id),
        }
        ctx.loader.add("expert", row)
        ctx.loader.index("expert", expert_id, row)
        experts.append(ExpertRef(expert_id, row["name"], codes, set()))
    return experts


def write_conflicts(ctx: DemoContext, experts: list[ExpertRef], parties: list[PartyRef]) -> int:
    """A few experts are barred from some enterprises (employer, client, relative)."""
    rng = ctx.rng("expert-conflicts")
    ids = ctx.ids("expert_conflict")
    # Parties known for a while (the front of the list), barred recently.
    enterprises = [p for p in parties[: max(1, len(parties) // 2)] if p.kind == "enterprise"]
    if not enterprises:
        return 0
    count = 0
    for expert in rng.sample(experts, min(6, len(experts))):
        for party in rng.sample(enterprises, min(rng.randint(1, 2), len(enterprises))):
            expert.conflicts.add(party.id)
            created = office_instant(rng, ctx.today - timedelta(days=rng.randint(1, 60)))
            ctx.loader.add("expert_conflict", {
                "expert_id": expert.id, "party_id": party.id, "party_name": party.name,
                "reason": rng.choice(CONFLICT_REASONS), **ctx.travelling(ids(), created, ctx.admin.id),
            })
            count += 1
    return count

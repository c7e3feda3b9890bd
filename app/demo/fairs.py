"""One trade fair in the last months: exhibitors, complaints taken at the fair, patrol notes."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.demo import names
from app.demo.clock import CST, Weighted, at_local, office_instant
from app.demo.context import DemoContext, FairWindow
from app.demo.people import PartyFactory, PartyRef, person_name
from app.demo.rights import RightFactory
from app.search.tokens import name_pinyin
from app.services.fairs import missing_materials, required_materials

EXHIBITORS = 150
COMPLAINTS = 30
PATROLS = 20
HALLS = ("N1", "N2", "N3", "S1", "S2", "S3")
FAIR_NAMES = ("{year}中国（沈阳）国际装备制造业展览会", "{year}东北亚（沈阳）国际消费品博览会",
              "{year}沈阳国际家居建材博览会", "{year}中国（沈阳）智能制造与工业自动化展览会")
COMPLAINT_KINDS = Weighted(("design", 35), ("utility", 20), ("invention", 10), ("trademark", 25), ("copyright", 10))
OUTCOMES = ("withdrawn", "covered", "settled", "dismissed", "handed_over", "other")
OUTCOME_WEIGHTS = Weighted(("withdrawn", 30), ("covered", 20), ("settled", 15), ("dismissed", 15),
                           ("handed_over", 10), ("other", 10))
OUTCOME_NOTES = {
    "withdrawn": "被投诉人承诺并已撤下涉嫌侵权展品", "covered": "被投诉人对涉嫌侵权展品及宣传资料予以遮盖",
    "settled": "双方当场达成和解", "dismissed": "经审查，被投诉展品与涉案权利不同，驳回投诉",
    "handed_over": "案情复杂，移交展会所在地知识产权管理部门处理", "other": "被投诉人已提交不侵权证明材料，建议双方协商",
}
REFUSALS = ("涉案权利已终止", "投诉所涉展品与权利明显无关")
PATROL_TEXTS = (
    "巡查{hall}馆，{booth}展位展出的产品与权利人备案的外观设计相近，已提醒展商保留合法来源证明",
    "巡查{hall}馆，{booth}展位宣传册使用他人注册商标，已要求撤下宣传册",
    "巡查{hall}馆，未发现明显侵权线索",
    "向{hall}馆{booth}展位发放展会知识产权保护须知",
    "协助{booth}展位展商查询其专利法律状态",
)


def write_fair(ctx: DemoContext, parties: PartyFactory) -> tuple[FairWindow, list[dict]]:
    """The fair and its exhibitors; returns the window and the exhibitors (for complaints and patrols)."""
    rng = ctx.rng("fair")
    ids = ctx.ids("fair")
    starts = ctx.today - timedelta(days=rng.randint(30, 100))
    starts -= timedelta(days=(starts.weekday() - 3) % 7)  # a Thursday
    ends = starts + timedelta(days=3)
    created = office_instant(rng, starts - timedelta(days=30))
    fair_id = ids()
    staff = [ctx.fairstaff, ctx.caseworkers[0]]
    row = {
        "name": rng.choice(FAIR_NAMES).format(year=starts.year), "venue": "沈阳国际展览中心",
        "starts_on": starts, "ends_on": ends, "organiser": "沈阳国际会展服务有限公司",
        "office_location": "N1馆东侧知识产权保护服务站", "short_code": f"ZH{starts:%y}",
        "staff_ids": [str(s.id) for s in staff], "note": "中心派驻人员现场受理知识产权投诉并开展巡查",
        **ctx.travelling(fair_id, created, ctx.supervisor.id),
    }
    ctx.loader.add("fair", row)
    ctx.loader.index("fair", fair_id, row)
    exhibitors = _exhibitors(ctx, rng, parties, fair_id, created)
    return FairWindow(fair_id, starts, ends, row["short_code"]), exhibitors


def _exhibitors(ctx: DemoContext, rng: random.Random, parties: PartyFactory, fair_id, created: datetime) -> list[dict]:
    ids = ctx.ids("exhibitor")
    booths: set[str] = set()
    result = []
    for _ in range(EXHIBITORS):
        hall = rng.choice(HALLS)
        booth = f"{hall}-{rng.choice('ABCDEF')}{rng.randint(1, 60):03d}"
        while booth in booths:
            booth = f"{hall}-{rng.choice('ABCDEF')}{rng.randint(1, 60):03d}"
        booths.add(booth)
        party: PartyRef | None = None
        if rng.random() < 0.2:  # exhibitors the centre already knows as parties
            party = parties.enterprise(created, ctx.supervisor.id)
            name = party.name
        else:
            name = "".join(parties.company_name())
        exhibitor_id = ids()
        row = {
            "fair_id": fair_id, "name": name, "name_pinyin": name_pinyin(name), "hall": hall,
            "booth": booth, "products": "、".join(rng.sample(names.PRODUCTS, rng.randint(1, 3))),
            "credit_code": parties.credit_code() if party is None else None,
            "party_id": party.id if party else None,
            **ctx.travelling(exhibitor_id, created, ctx.supervisor.id),
        }
        ctx.loader.add("exhibitor", row)
        ctx.loader.index("exhibitor", exhibitor_id, row)
        result.append(row)
    return result


def write_complaints(ctx: DemoContext, fair: FairWindow, exhibitors: list[dict], parties: PartyFactory,
                     rights: RightFactory, known: list[PartyRef]) -> int:
    rng = ctx.rng("fair-complaints")
    ids = ctx.ids("fair_complaint")
    days = [fair.starts_on + timedelta(days=i) for i in range((fair.ends_on - fair.starts_on).days + 1)]
    received = sorted(office_instant(rng, rng.choice(days), 9, 17) for _ in range(COMPLAINTS))
    enterprises = [p for p in known if p.kind == "enterprise"]
    handlers = [ctx.fairstaff, ctx.caseworkers[0]]
    outcomes = list(OUTCOMES)  # the first accepted complaints take each outcome once
    for i, at in enumerate(received):
        handler = handlers[i % 2]
        if enterprises and rng.random() < 0.4:
            complainant = rng.choice(enterprises)
        else:
            complainant = parties.enterprise(at, handler.id)
        kind = COMPLAINT_KINDS.pick(rng)
        right = rights.right_for(complainant, kind, at.astimezone(CST).date(), at, handler.id)
        respondent = rng.choice(exhibitors)
        agent = rng.random() < 0.5
        # The checklist of the fair service (Art. 8): what this kind of complaint must bring.
        materials = {key: rng.random() < 0.9 for key in required_materials(kind, agent)}
        missing = missing_materials(kind, agent, materials)
        supplement = bool(missing)
        if missing and rng.random() < 0.7:  # the complainant brought the rest within the day
            materials = dict.fromkeys(materials, True)
            missing = []
        accepted = not missing and rng.random() < 0.95
        reason = ""
        if not accepted:
            reason = f"补充材料后仍缺少：{'、'.join(missing)}" if missing else rng.choice(REFUSALS)
        notified = at + timedelta(minutes=rng.randint(30, 180)) if accepted else None
        answered = notified + timedelta(minutes=rng.randint(60, 360)) if notified else None
        if rng.random() < 0.85:
            handled = at + timedelta(hours=rng.randint(2, 20), minutes=rng.randint(0, 59))
        else:  # over the 24-hour limit
            handled = at + timedelta(hours=rng.randint(25, 40), minutes=rng.randint(0, 59))
        if answered and handled <= answered:
            handled = answered + timedelta(minutes=30)
        outcome = None
        if accepted:
            outcome = outcomes.pop(0) if outcomes else OUTCOME_WEIGHTS.pick(rng)
        complaint_id = ids()
        row = {
            "fair_id": fair.id,
            "complaint_no": ctx.next_number("complaint_number_pattern", at.astimezone(CST).year,
                                            fair=fair.short_code, device=""),
            "complainant_id": complainant.id, "agent_name": "".join(person_name(rng)) if agent else "",
            "respondent_exhibitor_id": respondent["id"], "respondent_name": respondent["name"],
            "booth": respondent["booth"], "right_id": right.id, "ip_kind": kind, "materials": materials,
            "accepted": accepted, "not_accepted_reason": reason,
            "supplement_requested": supplement, "received_at": at, "respondent_notified_at": notified,
            "answer_received_at": answered, "outcome": outcome, "handled_at": handled, "opinion_id": None,
            "note": OUTCOME_NOTES[outcome] if outcome else "不予受理",
            **ctx.travelling(complaint_id, at, handler.id, handled, handler.id),
        }
        ctx.loader.add("fair_complaint", row)
        ctx.loader.index("fair_complaint", complaint_id, row)
    return len(received)


def write_patrols(ctx: DemoContext, fair: FairWindow, exhibitors: list[dict]) -> int:
    rng = ctx.rng("fair-patrols")
    ids = ctx.ids("patrol_note")
    walkers = [ctx.fairstaff, ctx.caseworkers[0]]
    day = fair.starts_on
    count = 0
    while day <= fair.ends_on:
        for hour in (9, 11, 14, 16, 17)[: PATROLS // 4]:
            exhibitor = rng.choice(exhibitors)
            at = at_local(day, hour, rng.randint(0, 50))
            walker = walkers[count % 2]
            ctx.loader.add("patrol_note", {
                "fair_id": fair.id, "at": at, "hall": exhibitor["hall"], "booth": exhibitor["booth"],
                "text": rng.choice(PATROL_TEXTS).format(hall=exhibitor["hall"], booth=exhibitor["booth"]),
                "by_user": walker.id, **ctx.travelling(ids(), at, walker.id),
            })
            count += 1
        day += timedelta(days=1)
    return count


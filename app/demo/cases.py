"""Assistance cases (维权援助申请) over the two years before `today`, each with its timeline, referrals,
mediations and follow-up visit.

Every case is first *planned* (dates only: registration, supplement, decision, closing, follow-up, archiving),
then *written*; a step dated after `today` has not happened yet, so old cases end up archived and recent ones
open. Deadlines come from `app.rules.deadlines` with the centre's limits, every status change goes through
`app.rules.case_status`, and the timeline entries have the kinds and wording the case services write.
"""
from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.demo.clock import Weighted, office_instant
from app.demo.consultations import ConsultationWriter
from app.demo.context import DemoContext, FairWindow, Staff
from app.demo.institutions import Directory
from app.demo.people import PartyFactory, PartyRef, person_name
from app.demo.rights import CASE_KINDS, RightFactory, RightRef
from app.demo.summaries import summary
from app.labels import CASE_STATUS, MEDIATION_RESULT, OUTCOME, REFERRAL_TARGET, SATISFACTION
from app.rules import deadlines
from app.rules.case_status import next_status

STATUSES = tuple(CASE_STATUS)  # every status of the glossary, in life-cycle order

CHANNELS = Weighted(("visit", 30), ("phone", 14), ("online", 36), ("letter", 5), ("referred", 10), ("fair", 5))
DISPUTES = Weighted(("infringement", 70), ("ownership", 5), ("contract", 7), ("unfair_competition", 7),
                    ("overseas", 6), ("other", 5))
DECISION_LAG = Weighted((1, 15), (2, 30), (3, 25), (4, 15), (5, 10), (6, 2), (7, 1.5), (9, 1.5))
PLAIN_OUTCOMES = Weighted(("other", 45), ("withdrawn", 30), ("terminated", 25))
SATISFACTION_LABELS = Weighted(("非常满意", 45), ("满意", 36), ("基本满意", 13), ("不满意", 4), ("非常不满意", 2))
FOLLOW_UP_METHODS = Weighted(("电话", 70), ("上门", 8), ("短信", 10), ("网络", 12))
REFERRAL_TARGETS = {
    "infringement": Weighted(("enforcement", 55), ("court", 15), ("ruling", 15), ("police", 5), ("customs", 5),
                             ("other", 5)),
    "overseas": Weighted(("customs", 45), ("court", 35), ("other", 20)),
    "contract": Weighted(("arbitration", 50), ("court", 40), ("mediation", 10)),
}
OTHER_TARGETS = Weighted(("court", 45), ("mediation", 25), ("enforcement", 20), ("other", 10))
REFERRAL_RESULTS = {
    "enforcement": "执法部门已立案查处，责令被请求人停止销售并没收侵权产品",
    "ruling": "行政裁决已作出，认定侵权成立并责令停止侵权",
    "court": "申请人已向人民法院起诉，法院已立案",
    "arbitration": "仲裁委员会已受理仲裁申请",
    "mediation": "人民调解委员会已组织调解",
    "customs": "海关已对涉嫌侵权货物予以扣留",
    "police": "公安机关已受理报案并开展调查",
    "other": "相关单位已接收材料并反馈处理意见",
}
REFUSAL_REASONS = (
    "请求事项不属于知识产权维权援助范围", "同一纠纷已由人民法院受理", "申请人无法提供有效的权利证明",
    "同一事项已向行政机关请求处理并已被受理", "涉案专利权已终止", "申请人不是权利人或利害关系人",
)
SUPPLEMENT_MATERIALS = ("专利法律状态证明", "侵权证据（购买凭证、实物照片）", "申请人主体资格证明", "权利证书复印件",
                        "被请求人的基本信息", "授权委托书")
LOG_NOTES = (
    "电话联系被请求人，告知其涉嫌侵权情况并要求停止销售", "收到申请人补充提交的证据材料",
    "赴现场核实被诉侵权产品的销售情况", "查询涉案权利的法律状态，权利有效", "组织双方当事人沟通，被请求人表示愿意协商",
    "向电商平台发函，要求对涉嫌侵权链接采取措施", "与申请人沟通维权方案", "请合作律师事务所提供法律意见",
)
OPINION_DISPUTES = ("infringement", "unfair_competition")
OPINIONS_IN_HAND = 3
OPINION_CASE_KINDS = Weighted(("trademark", 4), ("design", 3), ("utility", 3), ("invention", 2), ("copyright", 1))
OPINION_KINDS = {"invention": "invention", "utility": "utility", "design": "design", "trademark": "trademark",
                 "copyright": "copyright"}


@dataclass
class Plan:
    """The dates of one case's life, before `today` cuts it."""

    registered_on: date
    supplement_requested_on: date | None = None
    supplement_due_on: date | None = None
    supplement_received_on: date | None = None
    decision: str | None = None  # accepted | refused | withdrawn
    decided_on: date | None = None
    closed_on: date | None = None
    followed_up_on: date | None = None
    archived_on: date | None = None
    wants_opinion: bool = False  # one of the few cases in hand on `today` that surely asks for an opinion

    def handling(self, today: date) -> bool:
        """Accepted by `today` and not yet closed."""
        return (self.decision == "accepted" and self.decided_on <= today
                and (self.closed_on is None or self.closed_on > today))

    def status(self, today: date) -> str:
        def done(day: date | None) -> bool:
            return day is not None and day <= today

        if done(self.archived_on):
            return "archived"
        if done(self.followed_up_on):
            return "followed_up"
        if done(self.closed_on):
            return "closed"
        if done(self.decided_on):
            return self.decision or "registered"
        if done(self.supplement_requested_on) and not done(self.supplement_received_on):
            return "supplementing"
        return "registered"  # also once the supplement is in and the decision is pending


@dataclass(frozen=True)
class OpinionRequest:
    """A case that asked for an infringement-determination opinion (written by opinions.py)."""

    case_id: uuid.UUID
    applicant: PartyRef
    opponent: PartyRef | None
    right: RightRef
    drafter: Staff
    requested_on: date
    issue_on: date  # planned; the opinion is issued only if this is not after `today`
    case_closed_on: date | None


# --- planning -------------------------------------------------------------------------------------------

def registration_days(ctx: DemoContext, rng: random.Random, count: int) -> list[date]:
    """`count` registration dates over the two years, sorted; working days mostly, a slow upward trend."""
    days, weights = [], []
    span = (ctx.today - ctx.first_day).days or 1
    day = ctx.first_day
    while day <= ctx.today:
        trend = 1 + 0.3 * (day - ctx.first_day).days / span
        days.append(day)
        weights.append(trend if ctx.cal.is_workday(day) else 0.06)
        day += timedelta(days=1)
    return sorted(rng.choices(days, weights=weights, k=count))


def plan_case(ctx: DemoContext, rng: random.Random, registered_on: date, force: str | None = None) -> Plan:
    """Dates of a case's life. `force` stops the life at that status (used to make sure each appears)."""
    add = ctx.add_workdays
    plan = Plan(registered_on)
    if force == "registered":
        return plan
    wants_supplement = force in ("supplementing", "withdrawn") or rng.random() < 0.12
    if wants_supplement:
        plan.supplement_requested_on = add(registered_on, rng.randint(1, 3))
        plan.supplement_due_on = add(plan.supplement_requested_on, ctx.limit("limit_supplement_workdays"))
        if force == "supplementing":
            return plan
        if force == "withdrawn" or (force is None and rng.random() < 0.2):
            plan.decision = "withdrawn"
            # As the daily sweep dates it: the day after the supplement time limit.
            plan.decided_on = plan.supplement_due_on + timedelta(days=1)
            if force is None and rng.random() < 0.75:
                plan.archived_on = add(plan.decided_on, rng.randint(10, 40))
            return plan
        plan.supplement_received_on = add(plan.supplement_requested_on,
                                          rng.randint(1, ctx.limit("limit_supplement_workdays")))
        plan.decided_on = add(plan.supplement_received_on, rng.randint(1, 3))
    else:
        plan.decided_on = add(registered_on, DECISION_LAG.pick(rng))
    if force == "refused" or (force is None and rng.random() < 0.09):
        plan.decision = "refused"
        if force is None and rng.random() < 0.75:
            plan.archived_on = add(plan.decided_on, rng.randint(10, 40))
        return plan
    plan.decision = "accepted"
    if force == "accepted":
        return plan
    handling = int(rng.triangular(4, 30, 14)) if rng.random() < 0.94 else rng.randint(31, 45)
    plan.closed_on = add(plan.decided_on, handling)
    if force == "closed" or (force is None and rng.random() < 0.07):
        return plan
    lag = rng.randint(1, ctx.limit("limit_followup_workdays")) if rng.random() < 0.95 else rng.randint(11, 16)
    plan.followed_up_on = add(plan.closed_on, lag)
    if force == "followed_up" or (force is None and rng.random() < 0.1):
        return plan
    plan.archived_on = add(plan.followed_up_on, rng.randint(5, 40))
    return plan


def plan_cases(ctx: DemoContext, count: int) -> list[Plan]:
    """Plans for `count` cases in registration order; every status of the glossary is present when there
    are at least as many cases as statuses (a fitting case, the most recent for the early statuses and the
    oldest for the late ones, is stopped at a missing status — never the last case of its own status)."""
    rng = ctx.rng("case-plans")
    plans = [plan_case(ctx, rng, day) for day in registration_days(ctx, rng, count)]
    if count < len(STATUSES):
        return plans
    present = Counter(p.status(ctx.today) for p in plans)
    forced: set[int] = set()
    for status in STATUSES:
        if present[status]:
            continue
        order = range(count) if status in ("archived", "followed_up") else range(count - 1, -1, -1)
        for i in order:
            current = plans[i].status(ctx.today)
            if i in forced or present[current] < 2:
                continue
            candidate = plan_case(ctx, ctx.rng(f"case-force:{i}:{status}"), plans[i].registered_on, force=status)
            if candidate.status(ctx.today) == status:
                plans[i] = candidate
                forced.add(i)
                present[current] -= 1
                present[status] += 1
                break
    # Opinions at every stage need a few cases in hand that ask for one (however few the cases).
    in_hand = [p for p in reversed(plans) if p.handling(ctx.today)]
    for plan in in_hand[:OPINIONS_IN_HAND]:
        plan.wants_opinion = True
    return plans


# --- writing --------------------------------------------------------------------------------------------

class CaseWriter:
    def __init__(self, ctx: DemoContext, parties: PartyFactory, rights: RightFactory,
                 consultations: ConsultationWriter, directory: Directory, fair: FairWindow | None) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("cases")
        self.parties = parties
        self.rights = rights
        self.consultations = consultations
        self.directory = directory
        self.fair = fair
        self.limits = deadlines.Limits.from_settings(ctx.settings)
        self.ids = {t: ctx.ids(t) for t in ("assist_case", "case_right", "case_event", "referral", "mediation",
                                            "follow_up")}
        self.applicants: list[PartyRef] = []
        self.opponents: list[PartyRef] = []
        self.opinion_requests: list[OpinionRequest] = []
        self.counts = dict.fromkeys(STATUSES, 0)
        # The demo caseworker carries the most cases, so logging in as them shows a full desk.
        self.assignees = Weighted(*[(cw, 6 if i == 0 else 2) for i, cw in enumerate(ctx.caseworkers)])

    def write(self, plan: Plan) -> None:
        ctx, rng = self.ctx, self.rng
        today = ctx.today
        reg = plan.registered_on
        case_id = self.ids["assist_case"]()
        channel = CHANNELS.pick(rng)
        fair_id = None
        if self.fair is not None and self.fair.holds(reg) and (channel == "fair" or rng.random() < 0.5):
            channel, fair_id = "fair", self.fair.id
        elif channel == "fair":
            channel = "visit"
        registrar = ctx.fairstaff if channel == "fair" else self.assignees.pick(rng)
        reg_at = office_instant(rng, reg)
        timeline = _Timeline(rng)

        applicant = self._applicant(reg_at, registrar)
        kind = OPINION_CASE_KINDS.pick(rng) if plan.wants_opinion else CASE_KINDS.pick(rng)
        dispute = DISPUTES.pick(rng)
        if applicant.going_global and rng.random() < 0.2:
            dispute = "overseas"
        if plan.wants_opinion:
            dispute = "infringement"
        overseas = dispute == "overseas" or rng.random() < 0.03
        right = self.rights.right_for(applicant, kind, reg, reg_at, registrar.id)
        rights = [right]
        extra = 2 if rng.random() < 0.03 else 1 if rng.random() < 0.12 else 0
        for _ in range(extra):
            more = self.rights.right_for(applicant, CASE_KINDS.pick(rng), reg, reg_at, registrar.id, reuse=0.3)
            if more not in rights:
                rights.append(more)
        opponent = self._opponent(dispute, reg_at, registrar, plan.wants_opinion)

        mediate = rng.random() < (0.35 if dispute in ("infringement", "contract", "ownership", "unfair_competition")
                                  else 0.1)
        refer = rng.random() < 0.1
        # Cases being handled on `today` ask for opinions more often, so that opinions at every stage of the
        # workflow exist (about 4 % of the cases, so the overall share hardly moves).
        chance = 0.6 if plan.handling(today) else 0.12
        opinion = plan.wants_opinion or dispute in OPINION_DISPUTES and rng.random() < chance
        services = _services(rng, mediate, refer, opinion, overseas)
        # Fair staff register fair cases; a centre caseworker handles them once accepted.
        assignee = self.assignees.pick(rng) if registrar.id == ctx.fairstaff.id else registrar
        case_no = ctx.next_number("case_number_pattern", reg.year)

        consultation_id = None
        registered = {"conflicts_confirmed": []}
        text = f"登记申请，申请人：{applicant.name}"
        if channel in ("visit", "phone", "online") and rng.random() < 0.1:
            consultation_id = self.consultations.write(
                rng, start=reg_at - timedelta(minutes=rng.randint(20, 90)), channel=channel, handler=registrar,
                asker=applicant, ip_kind=kind, case_id=case_id)
            registered = {"consultation_id": str(consultation_id)}
            text = "由咨询转为案件"
        timeline.add(reg, "registered", registrar, text, registered, at=reg_at)

        row = {
            "case_no": case_no, "registered_on": reg, "channel": channel, "applicant_id": applicant.id,
            "opposing_party_id": opponent.id if opponent else None, "ip_kind": right.kind, "dispute_type": dispute,
            "overseas": overseas, "services": services, "summary": summary(rng, dispute, right, services),
            "assignee_id": registrar.id if consultation_id else None, "status": "registered",
            "paused_workdays": 0, "source": "demo", "consultation_id": consultation_id, "fair_id": fair_id,
            "refusal_reason": "", "note": "",
            "decision_due_on": deadlines.decision_due(ctx.cal, reg, 0, self.limits),
        }
        self._supplement(plan, row, timeline, registrar)
        if plan.decided_on is not None and plan.decided_on <= today:
            self._decision(plan, row, timeline, assignee)
            if plan.decision == "accepted":
                self._handling(plan, row, timeline, case_id, assignee, dispute, applicant, opponent, right,
                               mediate, refer, opinion)
            elif plan.archived_on is not None and plan.archived_on <= today:
                self._archive(plan, row, timeline, registrar)
        if row["status"] != plan.status(today):  # the planned life and the status machine must agree
            raise AssertionError(f"demo case {case_no}: {row['status']} != {plan.status(today)}")

        events = timeline.finish(today)
        last = events[-1]
        row.update(ctx.travelling(case_id, reg_at, registrar.id, last["at"], last["actor_id"]))
        ctx.loader.add("assist_case", row)
        ctx.loader.index("assist_case", case_id, row)
        for r in rights:
            ctx.loader.add("case_right", {"case_id": case_id, "right_id": r.id,
                                          **ctx.travelling(self.ids["case_right"](), reg_at, registrar.id)})
        for event in events:
            event_id = self.ids["case_event"]()
            event.update(case_id=case_id, **ctx.travelling(event_id, event["at"], event["actor_id"]))
            ctx.loader.add("case_event", event)
        self.counts[row["status"]] += 1

    # --- parts of a case ---------------------------------------------------------------------------------
    def _applicant(self, at: datetime, registrar: Staff) -> PartyRef:
        if self.applicants and self.rng.random() < 0.55:
            return self.applicants[int(self.rng.random() * len(self.applicants))]
        party = self.parties.applicant(at, registrar.id)
        self.applicants.append(party)
        return party

    def _opponent(self, dispute: str, at: datetime, registrar: Staff, required: bool) -> PartyRef | None:
        rng = self.rng
        chance = {"infringement": 0.93, "unfair_competition": 0.95, "contract": 0.9, "ownership": 0.6,
                  "overseas": 0.3, "other": 0.5}[dispute]
        if rng.random() >= chance and not required:
            return None
        if self.opponents and rng.random() < 0.35:
            return self.opponents[int(rng.random() * len(self.opponents))]
        party = self.parties.opponent(at, registrar.id)
        self.opponents.append(party)
        return party

    def _supplement(self, plan: Plan, row: dict, timeline: "_Timeline", actor: Staff) -> None:
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        requested = plan.supplement_requested_on
        if requested is None or requested > today:
            return
        row["status"] = next_status(row["status"], "request_supplement")
        row["supplement_requested_on"] = requested
        row["supplement_due_on"] = due = deadlines.supplement_due(ctx.cal, requested, self.limits)
        materials = "、".join(rng.sample(SUPPLEMENT_MATERIALS, rng.randint(1, 2)))
        timeline.add(requested, "supplement_requested", actor, f"要求补正：{materials}；期限至 {due.isoformat()}",
                     {"materials": materials})
        received = plan.supplement_received_on
        if received is not None and received <= today:
            row["status"] = next_status(row["status"], "receive_supplement")
            paused = deadlines.paused_between(ctx.cal, requested, received)
            row["supplement_received_on"] = received
            row["paused_workdays"] = paused
            row["decision_due_on"] = deadlines.decision_due(ctx.cal, plan.registered_on, paused, self.limits)
            timeline.add(received, "supplement_received", actor,
                         f"收到补正材料（暂停{paused}个工作日），受理决定期限顺延至 {row['decision_due_on'].isoformat()}",
                         {})

    def _decision(self, plan: Plan, row: dict, timeline: "_Timeline", assignee: Staff) -> None:
        ctx, rng = self.ctx, self.rng
        decided = plan.decided_on
        row["decision"] = plan.decision
        row["decided_on"] = decided
        if plan.decision == "withdrawn":
            row["status"] = next_status(row["status"], "withdraw")
            timeline.add(decided, "withdrawn", ctx.supervisor,
                         f"补正期限（{row['supplement_due_on'].isoformat()}）届满未收到材料，视为撤回", {})
        elif plan.decision == "refused":
            row["status"] = next_status(row["status"], "refuse")
            reason = rng.choice(REFUSAL_REASONS)
            row["refusal_reason"] = reason
            timeline.add(decided, "refused", ctx.supervisor, f"不予受理：{reason}", {})
        else:
            row["status"] = next_status(row["status"], "accept")
            row["assignee_id"] = assignee.id
            row["close_due_on"] = due = deadlines.close_due(ctx.cal, decided, self.limits)
            timeline.add(decided, "accepted", ctx.supervisor, f"受理，承办人：{assignee.name}；办结期限 {due.isoformat()}",
                         {"assignee": str(assignee.id)})

    def _handling(self, plan: Plan, row: dict, timeline: "_Timeline", case_id: uuid.UUID, assignee: Staff,
                  dispute: str, applicant: PartyRef, opponent: PartyRef | None, right: RightRef,
                  mediate: bool, refer: bool, opinion: bool) -> None:
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        add = ctx.add_workdays
        decided = plan.decided_on
        end = plan.closed_on or add(decided, ctx.limit("limit_close_workdays"))

        def within(day: date) -> date:
            return min(day, end)

        mediation_result = None
        if mediate:
            mediation_result = self._mediation(case_id, timeline, assignee, within(add(decided, rng.randint(1, 4))),
                                               within)
        referred = False
        if refer:
            referred = self._referral(case_id, timeline, assignee, dispute, within(add(decided, rng.randint(2, 10))),
                                      end)
        # An opinion compares the right with what the opponent sells; kinds without a claim chart or
        # comparison of their own ("other") are asked for less often.
        opinion = opinion and opponent is not None and (right.kind in OPINION_KINDS or rng.random() < 0.2)
        requested = within(add(decided, rng.randint(1, 5)))
        if plan.wants_opinion:
            requested = min(requested, today)
        opinion = opinion and requested <= today  # asked for by `today`, or not (yet) at all
        if opinion:
            late = rng.random() < 0.03
            issue = add(requested, rng.randint(16, 20) if late else rng.randint(4, 15))
            if plan.closed_on is not None:
                issue = min(issue, plan.closed_on)
            self.opinion_requests.append(OpinionRequest(case_id, applicant, opponent, right, assignee, requested,
                                                        issue, plan.closed_on))
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            day = add(decided, rng.randint(1, 20))
            if day <= end and day <= today:
                timeline.add(day, "log", assignee, rng.choice(LOG_NOTES), {})

        closed = plan.closed_on
        if closed is None or closed > today:
            return
        if mediation_result == "success":
            outcome = "mediated"
        elif opinion:
            outcome = "opinion_issued"
        elif referred:
            outcome = "referred"
        elif mediation_result == "failure":
            outcome = "mediation_failed"
        else:
            outcome = PLAIN_OUTCOMES.pick(rng)
        row["status"] = next_status(row["status"], "close")
        row["closed_on"] = closed
        row["outcome"] = outcome
        row["followup_due_on"] = deadlines.followup_due(ctx.cal, closed, self.limits)
        timeline.add(closed, "closed", assignee, f"办结：{OUTCOME[outcome]}", {})
        self._follow_up(plan, row, timeline, case_id, assignee)

    def _mediation(self, case_id: uuid.UUID, timeline: "_Timeline", assignee: Staff, started: date,
                   within) -> str | None:
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        if started > today:
            return None
        ended = within(ctx.add_workdays(started, rng.randint(2, 12)))
        finished = ended <= today
        result = ("success" if rng.random() < 0.45 else "failure") if finished else None
        orgs = self.directory.by_kind.get("mediation_org", [])
        institution = orgs[int(rng.random() * len(orgs))] if orgs and rng.random() < 0.5 else None
        confirmed_on = None
        confirmation = result == "success" and rng.random() < 0.35
        if confirmation:
            day = ended + timedelta(days=rng.randint(5, 20))
            confirmed_on = day if day <= today else None
        mediator = assignee.name if institution is None else "".join(person_name(rng))
        mediation_id = self.ids["mediation"]()
        ctx.loader.add("mediation", {
            "case_id": case_id, "mediator": mediator, "institution_id": institution[0] if institution else None,
            "started_on": started, "ended_on": ended if finished else None, "result": result,
            "judicial_confirmation": confirmation, "confirmed_on": confirmed_on,
            "note": "双方在调解员主持下达成和解协议" if result == "success" else "",
            **ctx.travelling(mediation_id, timeline.instant(started), assignee.id),
        })
        data = {"mediation": str(mediation_id)}
        timeline.add(started, "mediation", assignee, f"调解，调解员：{mediator}", data)
        if finished:
            text = f"调解结果：{MEDIATION_RESULT[result]}" + ("，已申请司法确认" if confirmation else "")
            timeline.add(ended, "mediation_result", assignee, text, data)
        return result

    def _referral(self, case_id: uuid.UUID, timeline: "_Timeline", assignee: Staff, dispute: str,
                  referred_on: date, end: date) -> bool:
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        if referred_on > today:
            return False
        target = REFERRAL_TARGETS.get(dispute, OTHER_TARGETS).pick(rng)
        candidates = self.directory.for_target(target)
        institution = candidates[int(rng.random() * len(candidates))] if candidates else None
        # A result usually comes back while the case is still being handled (a later one is possible, but
        # never after the file is archived).
        result_on = min(referred_on + timedelta(days=rng.randint(5, 30)), max(end, referred_on))
        has_result = result_on <= today
        referral_id = self.ids["referral"]()
        ctx.loader.add("referral", {
            "case_id": case_id, "target": target, "institution_id": institution[0] if institution else None,
            "referred_on": referred_on, "result": REFERRAL_RESULTS[target] if has_result else "",
            "result_on": result_on if has_result else None, "note": "",
            **ctx.travelling(referral_id, timeline.instant(referred_on), assignee.id),
        })
        data = {"referral": str(referral_id)}
        where = f"（{institution[1]}）" if institution else ""
        timeline.add(referred_on, "referred", assignee, f"移交{REFERRAL_TARGET[target]}{where}", data)
        if has_result:
            timeline.add(result_on, "referral_result", assignee,
                         f"{REFERRAL_TARGET[target]}移交结果：{REFERRAL_RESULTS[target]}", data)
        return True

    def _follow_up(self, plan: Plan, row: dict, timeline: "_Timeline", case_id: uuid.UUID, assignee: Staff) -> None:
        ctx, rng, today = self.ctx, self.rng, self.ctx.today
        visited = plan.followed_up_on
        if visited is None or visited > today:
            return
        if rng.random() < 0.75:
            label = SATISFACTION_LABELS.pick(rng)
            score = SATISFACTION[label]
        else:
            label, score = None, rng.choice((60, 70, 75, 80, 85, 90, 95, 100))
        method = FOLLOW_UP_METHODS.pick(rng)
        row["status"] = next_status(row["status"], "follow_up")
        row["followed_up_on"] = visited
        row["satisfaction"] = score
        note = "申请人对办理结果表示认可" if score >= 80 else "申请人希望加快办理进度"
        ctx.loader.add("follow_up", {
            "case_id": case_id, "visited_on": visited, "method": method, "satisfaction_label": label,
            "satisfaction_score": score, "visited_by": assignee.id, "note": note,
            **ctx.travelling(self.ids["follow_up"](), timeline.instant(visited), assignee.id),
        })
        timeline.add(visited, "followed_up", assignee, f"回访（{method}），满意度：{label or score}；{note}", {})
        if plan.archived_on is not None and plan.archived_on <= today:
            self._archive(plan, row, timeline, assignee)

    def _archive(self, plan: Plan, row: dict, timeline: "_Timeline", actor: Staff) -> None:
        row["status"] = next_status(row["status"], "archive")
        row["archived_on"] = plan.archived_on
        timeline.add(plan.archived_on, "archived", actor, "归档", {})


def _services(rng: random.Random, mediate: bool, refer: bool, opinion: bool, overseas: bool) -> list[str]:
    wanted = {
        "consultation": rng.random() < 0.45,
        "opinion": opinion or rng.random() < 0.04,
        "mediation": mediate or rng.random() < 0.04,
        "expert_review": rng.random() < 0.04,
        "referral": refer,
        "overseas_guidance": overseas,
        "other": rng.random() < 0.02,
    }
    services = [code for code, on in wanted.items() if on]
    return services or ["consultation"]


class _Timeline:
    """Events of one case with increasing instants (two on the same day keep their order)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.events: list[dict] = []

    def instant(self, day: date) -> datetime:
        return office_instant(self.rng, day, 9, 17)

    def add(self, day: date, kind: str, actor: Staff, text: str, data: dict, at: datetime | None = None) -> None:
        self.events.append({"kind": kind, "on": day, "at": at, "actor_id": actor.id, "actor_name": actor.name,
                            "text": text, "data": data})

    def finish(self, today: date) -> list[dict]:
        """Events up to `today` in date order, each with an instant after the one before."""
        events = sorted((e for e in self.events if e["on"] <= today), key=lambda e: e["on"])
        previous = None
        for e in events:
            if e["at"] is None:
                e["at"] = self.instant(e["on"])
            if previous is not None and e["at"] <= previous:
                e["at"] = previous + timedelta(minutes=self.rng.randint(5, 90))
            previous = e["at"]
        return events

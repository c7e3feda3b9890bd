"""What happens to a registered case: decision (补正 / 受理 / 不予受理 / 视为撤回), handling (log,
referral, mediation), closing, follow-up visit and archiving; plus reassigning a caseworker's
open cases. Every step:

* takes the `version` the user opened and refuses with `ConcurrentChange` if someone saved since;
* checks the role for this case (fair staff only on fair cases) and the status machine;
* checks date order (decision ≥ registration, closing ≥ decision, follow-up ≥ closing…);
* adds a `case_event` to the timeline; the unit of work writes the audit event.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.calendar_table import calendar_for
from app.context import Actor
from app.database import Database
from app.errors import ConcurrentChange, NotFound, UsageError, ValidationError
from app.labels import CASE_STATUS, MEDIATION_RESULT, OUTCOME, REFERRAL_TARGET, SATISFACTION
from app.rules import deadlines
from app.rules.case_status import OPEN_STATUSES, RESULT_STATUSES, next_status, require_handling
from app.rules.workdays import WorkdayCalendar
from app.service import service_call
from app.services import institutions
from app.services.cases import CENTRE_ROLES, CASE_ROLES, CaseHead, CaseRoleRefused, add_event, check_case_role, head, refuse_and_log
from app.services.owned import live
from app.services.today import centre_today
from db.base import utcnow
from db.models import AssistCase, FollowUp, Institution, Mediation, Referral, User

# Institution kind a referral target usually goes to (used when a new institution is named).
_TARGET_INSTITUTION = {"court": "court", "mediation": "mediation_org", "customs": "customs",
                       "enforcement": "admin_dept", "ruling": "admin_dept"}


@dataclass
class Step:
    session: Session
    case: AssistCase
    today: date
    calendar: WorkdayCalendar
    limits: deadlines.Limits


@contextmanager
def case_step(db: Database, actor: Actor, case_id: uuid.UUID, version: int, action: str,
              roles: frozenset[str] = CASE_ROLES) -> Iterator[Step]:
    """One step on one case inside a unit of work (see the module docstring)."""
    try:
        with service_call(db, actor, roles=roles, action=action) as s:
            case = s.get(AssistCase, case_id)
            if case is None or case.deleted:
                raise NotFound("找不到该案件。", english="case not found")
            check_case_role(db, actor, case, action)
            if case.version != version:
                who = s.get(User, case.updated_by) if case.updated_by else None
                by = f"{who.display_name} " if who else ""
                raise ConcurrentChange(
                    f"案件 {case.case_no} 已被{by}修改（您打开的是第{version}版，现在是第{case.version}版），"
                    "请重新打开案件后再保存；您填写的内容不会丢失。",
                    english=f"case changed by someone else (opened version {version}, now {case.version})",
                )
            values = settings.get_all(s, case.centre_id)
            step = Step(s, case, centre_today(s, case.centre_id), calendar_for(s),
                        deadlines.Limits.from_settings(values))
            # Every step bumps the version (even a log entry), so an older form can never save over it.
            case.updated_at = utcnow()
            yield step
    except CaseRoleRefused as exc:
        # The unit of work rolled back; the refusal must still leave a trace.
        refuse_and_log(db, actor, action, exc)
        raise


def _not_before(value: date, earlier: date | None, field: str, what: str) -> None:
    if earlier is not None and value < earlier:
        raise ValidationError(field, f"不能早于{what}（{earlier.isoformat()}）")


def _text(value: str, field: str, required: bool = True, limit: int = 2000) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(field, "不能为空")
    if len(text) > limit:
        raise ValidationError(field, f"不能超过{limit}个字符")
    return text


# ------------------------------------------------------------------------------ decision
def request_supplement(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, materials: str,
                       on: date | None = None) -> CaseHead:
    """补正: the decision clock stops until the materials arrive."""
    with case_step(db, actor, case_id, version, "case.request_supplement") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.registered_on, "补正通知日期", "登记日期")
        _not_before(on, c.supplement_received_on, "补正通知日期", "上次收到补正材料的日期")
        text = _text(materials, "需补正的材料")
        c.status = next_status(c.status, "request_supplement")
        c.supplement_requested_on = on
        c.supplement_due_on = deadlines.supplement_due(st.calendar, on, st.limits)
        c.supplement_received_on = None
        add_event(st.session, c, actor, "supplement_requested", on,
                  f"要求补正：{text}；期限至 {c.supplement_due_on.isoformat()}", {"materials": text})
        return head(c)


def receive_supplement(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *,
                       on: date | None = None, note: str = "") -> CaseHead:
    with case_step(db, actor, case_id, version, "case.receive_supplement") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.supplement_requested_on, "收到补正材料日期", "补正通知日期")
        c.status = next_status(c.status, "receive_supplement")
        paused = deadlines.paused_between(st.calendar, c.supplement_requested_on, on)
        c.paused_workdays += paused
        c.supplement_received_on = on
        c.decision_due_on = deadlines.decision_due(st.calendar, c.registered_on, c.paused_workdays, st.limits)
        add_event(st.session, c, actor, "supplement_received", on,
                  f"收到补正材料（暂停{paused}个工作日），受理决定期限顺延至 {c.decision_due_on.isoformat()}"
                  + (f"；{note.strip()}" if note.strip() else ""))
        return head(c)


def _withdraw(st: Step, actor: Actor, on: date) -> None:
    c = st.case
    c.status = next_status(c.status, "withdraw")
    c.decision = "withdrawn"
    c.decided_on = on
    add_event(st.session, c, actor, "withdrawn", on,
              f"补正期限（{c.supplement_due_on.isoformat()}）届满未收到材料，视为撤回")


def treat_as_withdrawn(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *,
                       on: date | None = None) -> CaseHead:
    """视为撤回, dated; only once the supplement time limit has passed."""
    with case_step(db, actor, case_id, version, "case.withdraw") as st:
        c = st.case
        on = on or st.today
        if c.status == "supplementing" and c.supplement_due_on and on <= c.supplement_due_on:
            raise ValidationError("视为撤回日期", f"补正期限至 {c.supplement_due_on.isoformat()}，期限届满后才能视为撤回")
        _withdraw(st, actor, on)
        return head(c)


def withdraw_overdue_supplements(db: Database, actor: Actor, today: date | None = None) -> list[str]:
    """The daily sweep: every case whose supplement limit passed before `today` becomes 视为撤回,
    dated the day after its limit. Returns the case numbers."""
    with service_call(db, actor, roles=CASE_ROLES | {"admin"}, action="case.withdraw_sweep") as s:
        today = today or centre_today(s, actor.centre_id)
        cases = s.scalars(select(AssistCase).where(
            AssistCase.centre_id == actor.centre_id, AssistCase.deleted.is_(False),
            AssistCase.status == "supplementing", AssistCase.supplement_due_on < today)
            .order_by(AssistCase.case_no)).all()
        st = Step(s, None, today, calendar_for(s), deadlines.Limits())  # type: ignore[arg-type]
        for case in cases:
            st.case = case
            _withdraw(st, actor, case.supplement_due_on + timedelta(days=1))
        return [c.case_no for c in cases]


def _assignee(s: Session, centre_id: uuid.UUID, assignee_id: uuid.UUID | None) -> User:
    if assignee_id is None:
        raise ValidationError("承办人", "受理时必须指定承办人")
    user = live(s, User, assignee_id, centre_id)
    if user is None:
        raise ValidationError("承办人", "找不到该用户")
    if not user.active:
        raise ValidationError("承办人", f"{user.display_name} 的账户已停用")
    if not set(user.roles) & CENTRE_ROLES:
        raise ValidationError("承办人", f"{user.display_name} 不是办案人员或负责人")
    return user


def accept(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, assignee_id: uuid.UUID | None,
           on: date | None = None, note: str = "") -> CaseHead:
    with case_step(db, actor, case_id, version, "case.accept") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.registered_on, "受理日期", "登记日期")
        _not_before(on, c.supplement_received_on, "受理日期", "收到补正材料的日期")
        user = _assignee(st.session, c.centre_id, assignee_id)
        c.status = next_status(c.status, "accept")
        c.decision, c.decided_on, c.assignee_id = "accepted", on, user.id
        c.close_due_on = deadlines.close_due(st.calendar, on, st.limits)
        add_event(st.session, c, actor, "accepted", on,
                  f"受理，承办人：{user.display_name}；办结期限 {c.close_due_on.isoformat()}"
                  + (f"；{note.strip()}" if note.strip() else ""), {"assignee": str(user.id)})
        return head(c)


def refuse(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, reason: str,
           on: date | None = None) -> CaseHead:
    with case_step(db, actor, case_id, version, "case.refuse") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.registered_on, "不予受理日期", "登记日期")
        _not_before(on, c.supplement_received_on, "不予受理日期", "收到补正材料的日期")
        text = _text(reason, "不予受理理由")
        c.status = next_status(c.status, "refuse")
        c.decision, c.decided_on, c.refusal_reason = "refused", on, text
        add_event(st.session, c, actor, "refused", on, f"不予受理：{text}")
        return head(c)


# ------------------------------------------------------------------------------ handling
def add_log(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, text: str,
            on: date | None = None) -> CaseHead:
    with case_step(db, actor, case_id, version, "case.log") as st:
        c = st.case
        require_handling(c.status, "log")
        on = on or st.today
        _not_before(on, c.decided_on, "记录日期", "受理日期")
        add_event(st.session, c, actor, "log", on, _text(text, "办理记录"))
        return head(c)


def _institution(s: Session, actor: Actor, target: str, institution_id: uuid.UUID | None,
                 name: str) -> Institution | None:
    """The unit picked (it must be this centre's), else the one named — made by the library's rules."""
    if institution_id is not None:
        inst = live(s, Institution, institution_id, actor.centre_id)
        if inst is None:
            raise ValidationError("接收单位", "找不到所选单位")
        return inst
    if not " ".join(name.split()):
        return None
    return institutions.find_or_create(s, actor, name, _TARGET_INSTITUTION.get(target, "other"))


def refer(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, target: str,
          institution_id: uuid.UUID | None = None, institution_name: str = "", on: date | None = None,
          note: str = "") -> CaseHead:
    """移交/衔接 to an enforcement body, court, arbitration, mediation… (result recorded later)."""
    with case_step(db, actor, case_id, version, "case.refer") as st:
        c = st.case
        require_handling(c.status, "refer")
        if target not in REFERRAL_TARGET:
            raise ValidationError("移交去向", f"“{target}”无效；可选：{'、'.join(REFERRAL_TARGET.values())}")
        on = on or st.today
        _not_before(on, c.decided_on, "移交日期", "受理日期")
        inst = _institution(st.session, actor, target, institution_id, institution_name)
        ref = Referral(centre_id=c.centre_id, case_id=c.id, target=target, institution_id=inst.id if inst else None,
                       referred_on=on, note=note.strip())
        st.session.add(ref)
        st.session.flush()
        where = f"（{inst.name}）" if inst else ""
        add_event(st.session, c, actor, "referred", on, f"移交{REFERRAL_TARGET[target]}{where}",
                  {"referral": str(ref.id)})
        return head(c)


def record_referral_result(db: Database, actor: Actor, case_id: uuid.UUID, version: int, referral_id: uuid.UUID,
                           *, result: str, on: date | None = None) -> CaseHead:
    with case_step(db, actor, case_id, version, "case.referral_result") as st:
        c = st.case
        require_handling(c.status, "referral_result", RESULT_STATUSES)
        ref = st.session.get(Referral, referral_id)
        if ref is None or ref.case_id != c.id or ref.deleted:
            raise NotFound("找不到该移交记录。", english="referral not found")
        on = on or st.today
        _not_before(on, ref.referred_on, "移交结果日期", "移交日期")
        ref.result, ref.result_on = _text(result, "移交结果"), on
        add_event(st.session, c, actor, "referral_result", on,
                  f"{REFERRAL_TARGET[ref.target]}移交结果：{ref.result}", {"referral": str(ref.id)})
        return head(c)


def _mediation_checks(c: AssistCase, started_on: date, ended_on: date | None, result: str | None,
                      judicial_confirmation: bool, confirmed_on: date | None) -> None:
    _not_before(started_on, c.decided_on, "调解开始日期", "受理日期")
    if ended_on is not None:
        _not_before(ended_on, started_on, "调解结束日期", "调解开始日期")
    if result is not None and result not in MEDIATION_RESULT:
        raise ValidationError("调解结果", f"“{result}”无效；可选：成功、不成功")
    if judicial_confirmation and result != "success":
        raise ValidationError("司法确认", "只有调解成功才能申请司法确认")
    if confirmed_on is not None:
        if not judicial_confirmation:
            raise ValidationError("司法确认日期", "未勾选司法确认")
        _not_before(confirmed_on, ended_on or started_on, "司法确认日期", "调解结束日期")


def mediate(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, started_on: date | None = None,
            ended_on: date | None = None, result: str | None = None, judicial_confirmation: bool = False,
            confirmed_on: date | None = None, mediator: str = "", institution_id: uuid.UUID | None = None,
            note: str = "") -> CaseHead:
    """A mediation with its result (成功/不成功) and, after success, judicial confirmation."""
    with case_step(db, actor, case_id, version, "case.mediate") as st:
        c = st.case
        require_handling(c.status, "mediate")
        started_on = started_on or st.today
        if result is not None and ended_on is None:
            ended_on = started_on
        _mediation_checks(c, started_on, ended_on, result, judicial_confirmation, confirmed_on)
        _institution(st.session, actor, "mediation", institution_id, "")  # a picked unit must be this centre's
        m = Mediation(centre_id=c.centre_id, case_id=c.id, mediator=mediator.strip(), institution_id=institution_id,
                      started_on=started_on, ended_on=ended_on, result=result,
                      judicial_confirmation=judicial_confirmation, confirmed_on=confirmed_on, note=note.strip())
        st.session.add(m)
        st.session.flush()
        text = "调解" + (f"，调解员：{m.mediator}" if m.mediator else "")
        if result:
            text += f"，结果：{MEDIATION_RESULT[result]}"
        if judicial_confirmation:
            text += "，已申请司法确认" + (f"（{confirmed_on.isoformat()} 确认）" if confirmed_on else "")
        add_event(st.session, c, actor, "mediation", ended_on or started_on, text, {"mediation": str(m.id)})
        return head(c)


def record_mediation_result(db: Database, actor: Actor, case_id: uuid.UUID, version: int, mediation_id: uuid.UUID,
                            *, result: str, ended_on: date | None = None, judicial_confirmation: bool = False,
                            confirmed_on: date | None = None) -> CaseHead:
    with case_step(db, actor, case_id, version, "case.mediation_result") as st:
        c = st.case
        require_handling(c.status, "mediation_result", RESULT_STATUSES)
        m = st.session.get(Mediation, mediation_id)
        if m is None or m.case_id != c.id or m.deleted:
            raise NotFound("找不到该调解记录。", english="mediation not found")
        ended_on = ended_on or st.today
        _mediation_checks(c, m.started_on, ended_on, result, judicial_confirmation, confirmed_on)
        m.result, m.ended_on = result, ended_on
        m.judicial_confirmation, m.confirmed_on = judicial_confirmation, confirmed_on
        add_event(st.session, c, actor, "mediation_result", ended_on,
                  f"调解结果：{MEDIATION_RESULT[result]}" + ("，已申请司法确认" if judicial_confirmation else ""),
                  {"mediation": str(m.id)})
        return head(c)


# ------------------------------------------------------------------------------ closing and after
def close(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, outcome: str,
          on: date | None = None, note: str = "") -> CaseHead:
    with case_step(db, actor, case_id, version, "case.close") as st:
        c = st.case
        if outcome not in OUTCOME:
            raise ValidationError("办结结果", f"“{outcome}”无效；可选：{'、'.join(OUTCOME.values())}")
        on = on or st.today
        _not_before(on, c.decided_on, "办结日期", "受理日期")
        c.status = next_status(c.status, "close")
        c.closed_on, c.outcome = on, outcome
        c.followup_due_on = deadlines.followup_due(st.calendar, on, st.limits)
        add_event(st.session, c, actor, "closed", on, f"办结：{OUTCOME[outcome]}"
                  + (f"；{note.strip()}" if note.strip() else ""))
        return head(c)


def satisfaction_score(value: str | int) -> tuple[str | None, int]:
    """(label, score) from 非常满意…非常不满意 or a 0–100 score."""
    if isinstance(value, str) and value.strip() in SATISFACTION:
        return value.strip(), SATISFACTION[value.strip()]
    try:
        score = int(str(value).strip())
    except ValueError:
        raise ValidationError("满意度", f"“{value}”无效；请选择{'、'.join(SATISFACTION)}或填写0至100的分数") from None
    if not 0 <= score <= 100:
        raise ValidationError("满意度", "分数应在0至100之间")
    return None, score


def follow_up(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, satisfaction: str | int,
              on: date | None = None, method: str = "电话", note: str = "") -> CaseHead:
    """回访 with satisfaction."""
    with case_step(db, actor, case_id, version, "case.follow_up") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.closed_on, "回访日期", "办结日期")
        label, score = satisfaction_score(satisfaction)
        c.status = next_status(c.status, "follow_up")
        c.followed_up_on, c.satisfaction = on, score
        st.session.add(FollowUp(centre_id=c.centre_id, case_id=c.id, visited_on=on, method=method.strip()[:20],
                                satisfaction_label=label, satisfaction_score=score, visited_by=actor.user_id,
                                note=note.strip()))
        add_event(st.session, c, actor, "followed_up", on,
                  f"回访（{method.strip() or '电话'}），满意度：{label or score}"
                  + (f"；{note.strip()}" if note.strip() else ""))
        return head(c)


def archive(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, on: date | None = None) -> CaseHead:
    with case_step(db, actor, case_id, version, "case.archive") as st:
        c = st.case
        on = on or st.today
        _not_before(on, c.followed_up_on or c.decided_on, "归档日期", "回访或决定日期")
        c.status = next_status(c.status, "archive")
        c.archived_on = on
        add_event(st.session, c, actor, "archived", on, "归档")
        return head(c)


# ------------------------------------------------------------------------------ people
def reassign_open_cases(db: Database, actor: Actor, from_user_id: uuid.UUID, to_user_id: uuid.UUID) -> list[str]:
    """A caseworker leaves: all their open cases go to another, in one step, each evented."""
    if from_user_id == to_user_id:
        raise UsageError("原承办人与新承办人相同。", english="same user")
    with service_call(db, actor, roles={"supervisor", "admin"}, action="case.reassign") as s:
        old = s.get(User, from_user_id)
        if old is None or old.centre_id != actor.centre_id:
            raise ValidationError("原承办人", "找不到该用户")
        new = _assignee(s, actor.centre_id, to_user_id)
        today = centre_today(s, actor.centre_id)
        cases = s.scalars(select(AssistCase).where(
            AssistCase.centre_id == actor.centre_id, AssistCase.assignee_id == old.id,
            AssistCase.deleted.is_(False), AssistCase.status.in_(OPEN_STATUSES)).order_by(AssistCase.case_no)).all()
        for c in cases:
            c.assignee_id = new.id
            add_event(s, c, actor, "reassigned", today, f"承办人由 {old.display_name} 改为 {new.display_name}",
                      {"from": str(old.id), "to": str(new.id)})
        return [c.case_no for c in cases]


# Who may hand one case to another caseworker: the 负责人 who assigns the work. (A leaving
# caseworker's cases are moved all at once by `reassign_open_cases`, which the admin may also do.)
REASSIGN_ROLES = frozenset({"supervisor"})
# Statuses in which a case has a caseworker still working on it (handling, or the follow-up visit).
REASSIGN_STATUSES = frozenset({"accepted", "closed"})


def reassign_refusal(status: str) -> str | None:
    """Why the assignee of a case in `status` cannot be changed (None when it can)."""
    if status in REASSIGN_STATUSES:
        return None
    if status in ("registered", "supplementing"):
        return f"案件当前为“{CASE_STATUS[status]}”，尚未受理：承办人在受理时指定。"
    return f"案件当前为“{CASE_STATUS.get(status, status)}”，已无需办理，不能更换承办人。"


def reassign(db: Database, actor: Actor, case_id: uuid.UUID, version: int, *, assignee_id: uuid.UUID | None,
             note: str = "") -> CaseHead:
    """Hand one case to another caseworker (更换承办人); the timeline says from whom to whom."""
    with case_step(db, actor, case_id, version, "case.reassign", roles=REASSIGN_ROLES) as st:
        c = st.case
        refusal = reassign_refusal(c.status)
        if refusal:
            raise UsageError(refusal, english=f"a case in status {c.status} cannot be reassigned")
        new = _assignee(st.session, c.centre_id, assignee_id)
        if new.id == c.assignee_id:
            raise ValidationError("新承办人", f"{new.display_name} 已是本案承办人")
        old = st.session.get(User, c.assignee_id) if c.assignee_id else None
        c.assignee_id = new.id
        text = f"承办人由 {old.display_name if old else '（无）'} 改为 {new.display_name}"
        add_event(st.session, c, actor, "reassigned", st.today, text + (f"；{note.strip()}" if note.strip() else ""),
                  {"from": str(old.id) if old else None, "to": str(new.id)})
        return head(c)


__all__ = [
    "request_supplement", "receive_supplement", "treat_as_withdrawn", "withdraw_overdue_supplements",
    "accept", "refuse", "add_log", "refer", "record_referral_result", "mediate", "record_mediation_result",
    "close", "follow_up", "archive", "reassign_open_cases", "reassign", "reassign_refusal", "satisfaction_score", "CASE_STATUS",
]

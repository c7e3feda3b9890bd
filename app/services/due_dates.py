"""Recomputing stored due dates when what they were counted from changes (design.md §7: due dates
are stored on the case so lists and reports filter in SQL, "and recomputed when the calendar or the
limits change").

Only the clock that is running moves: a case waiting for a decision gets a new decision date, one
being handled a new closing date, and so on. Dates of steps already taken are history and stay as
they were counted at the time, and so does the paused time of an earlier supplement round.
"""
from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import settings
from app.calendar_table import calendar_for
from app.rules import deadlines
from app.rules.workdays import WorkdayCalendar
from db.models import AssistCase

# Statuses whose clock is running, and which stored date that clock is.
RUNNING = ("registered", "supplementing", "accepted", "closed")


def recompute(session: Session, centre_id: uuid.UUID | None = None) -> int:
    """Inside a service_call: bring the running due dates of open cases (of one centre, or all) in
    line with the current limits and calendar. Returns how many cases changed; each changed case is
    audited by the unit of work like any other change."""
    calendar = calendar_for(session)
    stmt = select(AssistCase).where(AssistCase.status.in_(RUNNING), AssistCase.deleted.is_(False))
    if centre_id is not None:
        stmt = stmt.where(AssistCase.centre_id == centre_id)
    limits: dict[uuid.UUID, deadlines.Limits] = {}
    changed = 0
    for case in session.scalars(stmt):
        if case.centre_id not in limits:
            limits[case.centre_id] = deadlines.Limits.from_settings(settings.get_all(session, case.centre_id))
        changed += _bring_up_to_date(case, calendar, limits[case.centre_id])
    return changed


def _bring_up_to_date(case: AssistCase, cal: WorkdayCalendar, limits: deadlines.Limits) -> int:
    wanted: dict[str, date | None] = {}
    if case.status in ("registered", "supplementing"):
        wanted["decision_due_on"] = deadlines.decision_due(cal, case.registered_on, case.paused_workdays, limits)
    if case.status == "supplementing" and case.supplement_requested_on:
        wanted["supplement_due_on"] = deadlines.supplement_due(cal, case.supplement_requested_on, limits)
    if case.status == "accepted" and case.decided_on:
        wanted["close_due_on"] = deadlines.close_due(cal, case.decided_on, limits)
    if case.status == "closed" and case.closed_on:
        wanted["followup_due_on"] = deadlines.followup_due(cal, case.closed_on, limits)
    moved = {k: v for k, v in wanted.items() if getattr(case, k) != v}
    for key, value in moved.items():
        setattr(case, key, value)
    return 1 if moved else 0

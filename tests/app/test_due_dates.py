"""Stored due dates follow the time limits and the admin's holiday entries (design.md §7), on both
backends: only the clock that is running moves; dates of steps already taken stay as they were."""
from __future__ import annotations

from datetime import date

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import calendar_days, cases
from app.services import case_steps as steps
from app.services.centre_settings import update_settings
from db.models import AuditEvent

from tests.app.case_data import case_input


def _accepted(centre, on: date, registered_on: date):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(registered_on=registered_on), confirmed=True)
    return steps.accept(db, centre.supervisor, h.id, h.version, assignee_id=cw.user_id, on=on)


def test_a_new_closing_limit_moves_open_cases_only(db_url, centre):
    db = centre.db
    waiting = cases.register(db, centre.caseworker, case_input(registered_on=date(2026, 10, 12)), confirmed=True)
    handled = _accepted(centre, date(2026, 10, 13), date(2026, 10, 12))
    before = cases.get_case(db, centre.admin, handled.id)
    assert before.close_due_on == date(2026, 11, 24)  # 30 working days after 13 October

    update_settings(db, centre.admin, {"limit_close_workdays": 20})
    after = cases.get_case(db, centre.admin, handled.id)
    assert after.close_due_on == date(2026, 11, 10)
    assert cases.get_case(db, centre.admin, waiting.id).decision_due_on == before_decision(centre, waiting.id)

    update_settings(db, centre.admin, {"limit_decision_workdays": 3})
    assert cases.get_case(db, centre.admin, waiting.id).decision_due_on == date(2026, 10, 15)
    assert cases.get_case(db, centre.admin, handled.id).decision_due_on == before.decision_due_on  # history


def before_decision(centre, case_id):
    return cases.get_case(centre.db, centre.admin, case_id).decision_due_on


def test_an_entered_holiday_moves_running_due_dates_and_is_evented(db_url, centre):
    db, admin = centre.db, centre.admin
    year = calendar_days.calendar_years()[1] + 1  # a year chinesecalendar does not know yet
    h = _accepted(centre, date(year, 1, 4), date(year, 1, 4))
    due = cases.get_case(db, admin, h.id).close_due_on
    change = calendar_days.set_day(db, admin, date(year, 1, 5), is_workday=False, name="测试假日")
    assert change.cases_moved == 1
    assert cases.get_case(db, admin, h.id).close_due_on > due
    assert [d.day for d in calendar_days.list_days(db, admin)] == [date(year, 1, 5)]
    with db.read_session() as s:
        assert s.query(AuditEvent).filter(AuditEvent.action == "calendar.set_day").count() == 1
    calendar_days.clear_day(db, admin, date(year, 1, 5))
    assert cases.get_case(db, admin, h.id).close_due_on == due


def test_holidays_only_for_unknown_years_and_only_by_an_admin(centre):
    known = calendar_days.calendar_years()[1]
    with pytest.raises(ValidationError) as err:
        calendar_days.set_day(centre.db, centre.admin, date(known, 10, 9), is_workday=False)
    assert err.value.field == "日期" and "chinesecalendar" in str(err.value)
    with pytest.raises(PermissionDenied):
        calendar_days.set_day(centre.db, centre.supervisor, date(known + 1, 1, 2), is_workday=False)
    assert calendar_days.list_days(centre.db, centre.admin) == []

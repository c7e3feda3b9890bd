"""Case deadlines in official working days, checked against the real 2026 calendar
(chinesecalendar: National Day 10-01…10-07 with make-up Saturday 10-10 and Sunday 09-20; Spring
Festival 02-15…02-23 with make-up Saturdays 02-14 and 02-28)."""
from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from app.rules import case_status, deadlines
from app.rules.workdays import WorkdayCalendar
from app.errors import UsageError

CAL = WorkdayCalendar()
LIMITS = deadlines.Limits()


def test_the_calendar_is_the_real_one():
    # Guards the literal dates below: they were read off chinesecalendar, not guessed.
    assert chinese_calendar.is_workday(date(2026, 10, 10)) and chinese_calendar.is_workday(date(2026, 2, 14))
    assert not chinese_calendar.is_workday(date(2026, 10, 7)) and not chinese_calendar.is_workday(date(2026, 2, 23))


def test_decision_due_across_national_day():
    # Registered Wednesday 2026-09-30: 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
    assert deadlines.decision_due(CAL, date(2026, 9, 30), 0, LIMITS) == date(2026, 10, 13)
    # Two working days spent in 补正中 push it by two working days.
    assert deadlines.decision_due(CAL, date(2026, 9, 30), 2, LIMITS) == date(2026, 10, 15)


def test_close_due_for_a_case_accepted_before_spring_festival():
    # Accepted Friday 2026-02-13: 02-14 (make-up Saturday) is day 1, the holiday runs to 02-23,
    # 02-28 (make-up Saturday) counts, Qingming (04-04…04-06) is after the limit: day 30 is 04-02.
    assert deadlines.close_due(CAL, date(2026, 2, 13), LIMITS) == date(2026, 4, 2)
    assert deadlines.decision_due(CAL, date(2026, 2, 12), 0, LIMITS) == date(2026, 2, 26)


def test_paused_days_count_only_working_days():
    # Asked 2026-09-30, received 2026-10-09: 10-08 and 10-09 were working days, the holiday was not.
    assert deadlines.paused_between(CAL, date(2026, 9, 30), date(2026, 10, 9)) == 2


def test_countdown_texts():
    due = date(2026, 10, 13)
    assert deadlines.countdown(CAL, due, date(2026, 9, 30)).text == "剩余5个工作日"
    assert deadlines.countdown(CAL, due, date(2026, 10, 3)).text == "剩余5个工作日"  # the holiday does not count
    assert deadlines.countdown(CAL, due, date(2026, 10, 9)).text == "剩余3个工作日"  # 10-10 (make-up), 10-12, 10-13
    assert deadlines.countdown(CAL, due, date(2026, 10, 13)).text == "今日到期"
    late = deadlines.countdown(CAL, due, date(2026, 10, 15))
    assert late.overdue and late.text == "已逾期2个工作日"
    weekend = deadlines.countdown(CAL, date(2026, 10, 16), date(2026, 10, 18))  # due Friday, seen Sunday
    assert weekend.overdue and weekend.text == "已逾期1个工作日"


def test_a_year_the_calendar_does_not_know_falls_back_with_a_notice():
    assert not CAL.known(date(2027, 1, 1))
    # 2027-01-01 is a Friday: the fallback counts it (the State Council has not said otherwise yet).
    due = deadlines.decision_due(CAL, date(2026, 12, 28), 0, LIMITS)
    assert due == date(2027, 1, 4)
    notice = deadlines.countdown(CAL, due, date(2026, 12, 28)).fallback_notice
    assert "2027年" in notice and "周一至周五" in notice
    assert deadlines.countdown(CAL, date(2026, 10, 13), date(2026, 9, 30)).fallback_notice == ""
    # An admin-entered holiday wins over the fallback.
    with_override = WorkdayCalendar({date(2027, 1, 1): False})
    assert deadlines.decision_due(with_override, date(2026, 12, 28), 0, LIMITS) == date(2027, 1, 5)


def test_limits_come_from_centre_settings():
    limits = deadlines.Limits.from_settings({"limit_decision_workdays": 3, "limit_close_workdays": 20,
                                             "limit_supplement_workdays": 5, "limit_followup_workdays": 2})
    assert deadlines.decision_due(CAL, date(2026, 9, 30), 0, limits) == date(2026, 10, 10)


def test_status_machine_table():
    assert case_status.next_status("registered", "request_supplement") == "supplementing"
    assert case_status.next_status("supplementing", "withdraw") == "withdrawn"
    assert case_status.next_status("closed", "follow_up") == "followed_up"
    with pytest.raises(UsageError) as err:
        case_status.next_status("withdrawn", "accept")
    assert "视为撤回" in err.value.message and "归档" in err.value.message
    with pytest.raises(UsageError):
        case_status.next_status("supplementing", "accept")  # the clock is paused: materials first
    assert case_status.allowed_actions("accepted") == ["close", "log", "refer", "mediate"]

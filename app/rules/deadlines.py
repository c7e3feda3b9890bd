"""Due dates of a case in official working days (design.md §4, §7).

* decision: `limit_decision_workdays` after registration, plus the working days the case spent in
  补正中 (the clock pauses there);
* supplement: `limit_supplement_workdays` after the request to supplement;
* closing: `limit_close_workdays` after acceptance;
* follow-up: `limit_followup_workdays` after closing.

`countdown` turns a due date into what a list shows: "剩余N个工作日", "今日到期", "已逾期N个工作日",
plus a notice when a year the official calendar does not know was counted Monday–Friday.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from app.rules.workdays import WorkdayCalendar


@dataclass(frozen=True)
class Limits:
    decision: int = 5
    close: int = 30
    supplement: int = 10
    followup: int = 10

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> "Limits":
        return cls(
            decision=int(values["limit_decision_workdays"]), close=int(values["limit_close_workdays"]),
            supplement=int(values["limit_supplement_workdays"]),
            followup=int(values["limit_followup_workdays"]),
        )


def decision_due(cal: WorkdayCalendar, registered_on: date, paused_workdays: int, limits: Limits) -> date:
    return cal.add_workdays(registered_on, limits.decision + max(paused_workdays, 0))


def supplement_due(cal: WorkdayCalendar, requested_on: date, limits: Limits) -> date:
    return cal.add_workdays(requested_on, limits.supplement)


def close_due(cal: WorkdayCalendar, accepted_on: date, limits: Limits) -> date:
    return cal.add_workdays(accepted_on, limits.close)


def followup_due(cal: WorkdayCalendar, closed_on: date, limits: Limits) -> date:
    return cal.add_workdays(closed_on, limits.followup)


def paused_between(cal: WorkdayCalendar, requested_on: date, received_on: date) -> int:
    """Working days the decision clock stood still: those after the request up to the receipt."""
    return cal.workdays_between(requested_on, received_on)


def current_due(status: str, *, decision_due_on: date | None, supplement_due_on: date | None,
                close_due_on: date | None, followup_due_on: date | None) -> date | None:
    """The deadline that matters in this status (the same choice `case_search.due_expr` makes in SQL)."""
    return {
        "registered": decision_due_on, "supplementing": supplement_due_on,
        "accepted": close_due_on, "closed": followup_due_on,
    }.get(status)


@dataclass(frozen=True)
class Countdown:
    due_on: date
    remaining: int          # working days left; negative when overdue
    overdue: bool
    fallback_notice: str    # non-empty when a year was counted Monday–Friday

    @property
    def text(self) -> str:
        if self.overdue:
            return f"已逾期{-self.remaining}个工作日" if self.remaining < 0 else "已逾期"
        if self.remaining == 0:
            return "今日到期"
        return f"剩余{self.remaining}个工作日"


def countdown(cal: WorkdayCalendar, due_on: date, today: date) -> Countdown:
    """Working days from `today` to `due_on`. Due today is not yet overdue; the day after is."""
    if due_on >= today:
        remaining = cal.workdays_between(today, due_on)
        overdue = False
    else:
        remaining = -max(cal.workdays_between(due_on, today), 1)
        overdue = True
    return Countdown(due_on, remaining, overdue, fallback_notice(cal, min(today, due_on), max(today, due_on)))


def fallback_notice(cal: WorkdayCalendar, first: date, last: date) -> str:
    years = [y for y in range(first.year, last.year + 1) if not cal.known(date(y, 1, 1))]
    if not years:
        return ""
    shown = "、".join(f"{y}年" for y in years)
    return f"{shown}的法定节假日尚未收录，期限暂按周一至周五（及管理员录入的调休）计算。"

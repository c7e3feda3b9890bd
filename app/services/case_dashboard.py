"""工作台 figures: my open cases, due within 3 working days, overdue, this month's counts.

Each figure is a `CaseFilter` too, so a click on it opens the list showing exactly those cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.context import Actor
from app.database import Database
from app.service import read_call
from app.services.case_search import CaseFilter, _conditions
from app.services.today import centre_today
from db.models import AssistCase

DUE_SOON_WORKDAYS = 3


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: int
    filter: CaseFilter


@dataclass(frozen=True)
class Dashboard:
    today: date
    figures: tuple[Figure, ...]

    def get(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def figure_filters(actor: Actor, today: date) -> list[tuple[str, str, CaseFilter]]:
    month = (today.year, today.month)
    return [
        ("mine_open", "我的在办案件", CaseFilter(assignee_id=actor.user_id, open_only=True)),
        ("due_soon", f"{DUE_SOON_WORKDAYS}个工作日内到期", CaseFilter(open_only=True, due_within_workdays=DUE_SOON_WORKDAYS)),
        ("overdue", "已逾期", CaseFilter(open_only=True, overdue=True)),
        ("month_registered", "本月登记", CaseFilter(month=month)),
        ("month_accepted", "本月登记已受理", CaseFilter(month=month, statuses=("accepted", "closed", "followed_up", "archived"))),
        ("month_closed", "本月登记已办结", CaseFilter(month=month, statuses=("closed", "followed_up", "archived"))),
    ]


def dashboard(db: Database, actor: Actor, today: date | None = None) -> Dashboard:
    with read_call(db, actor, roles=None) as s:
        today = today or centre_today(s, actor.centre_id)
        figures = []
        for key, label, flt in figure_filters(actor, today):
            conds = _conditions(s, actor.centre_id, flt, today)
            n = s.scalar(select(func.count()).select_from(AssistCase).where(*conds)) or 0
            figures.append(Figure(key, label, n, flt))
        return Dashboard(today, tuple(figures))

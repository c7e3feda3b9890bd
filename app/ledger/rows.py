"""Checking one ledger row against every rule of ledger-format.md, without the database.

`check_row` returns the row as typed values (codes, dates, canonical identifiers) or the list of
problems that keep it out; duplicates are judged later by the importer, which knows the database.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.labels import IP_KIND
from app.ledger import cells
from app.ledger import columns as C
from app.rules import identifiers as ids


@dataclass(frozen=True)
class Problem:
    """One reason a row was rejected; `row` as Excel numbers it (header = 1)."""

    row: int
    column: str
    value: str
    reason: str


@dataclass(frozen=True)
class LedgerRow:
    row: int
    case_no: str
    registered_on: date
    channel: str
    applicant_name: str
    applicant_kind: str
    scale: str | None
    identifier: str | None
    phone: str
    ip_kind: str
    right_number: str
    dispute_type: str
    overseas: bool
    opposing_name: str
    decision: str | None
    decided_on: date | None
    refusal_reason: str
    assignee_name: str
    closed_on: date | None
    outcome: str | None
    followed_up_on: date | None
    satisfaction_label: str | None
    satisfaction_score: int | None
    note: str

    @property
    def natural_key(self) -> tuple:
        """What makes a row without 案件编号 the same case as one already held."""
        return (self.registered_on, self.applicant_name, self.identifier or "", self.ip_kind,
                self.right_number)

    @property
    def status(self) -> str:
        """The case status today, from the last dated step."""
        if self.decision == "refused":
            return "refused"
        if self.decision is None:
            return "registered"
        if self.followed_up_on:
            return "followed_up"
        return "closed" if self.closed_on else "accepted"


_MISSING = object()


class _RowCheck:
    """Collects the problems of one row while reading its cells."""

    def __init__(self, row_no: int, raw: Mapping[str, Any]) -> None:
        self.row_no = row_no
        self.raw = raw
        self.problems: list[Problem] = []
        self._texts: dict[str, str] = {}  # a row's rules read most cells several times

    def text(self, column: str) -> str:
        found = self._texts.get(column)
        if found is None:
            found = self._texts[column] = cells.text(self.raw.get(column))
        return found

    def present(self, column: str) -> bool:
        return self.text(column) != ""

    def fail(self, column: str, reason: str) -> None:
        self.problems.append(Problem(self.row_no, column, self.text(column), reason))

    def required_text(self, column: str) -> str:
        value = self.text(column)
        if not value:
            self.fail(column, "必填项为空")
        return value

    def choice(self, column: str, *, required: bool, empty: Any = None) -> Any:
        """The code of a listed value; `empty` for an empty optional cell, _MISSING when wrong."""
        value = self.text(column)
        if not value:
            if required:
                self.fail(column, "必填项为空")
                return _MISSING
            return empty
        allowed = C.VALUE_LISTS[column]
        if value not in allowed:
            self.fail(column, f"“{value}”不在可选值中（可选：{'、'.join(allowed)}）")
            return _MISSING
        return allowed[value]

    def date(self, column: str, *, required: bool = False) -> date | None:
        raw = self.raw.get(column)
        if not self.present(column):
            if required:
                self.fail(column, "必填项为空")
            return None
        try:
            return cells.parse_date(raw)
        except cells.CellError as exc:
            self.fail(column, exc.reason)
            return None

    def validated(self, column: str, validate: Callable[[str], str]) -> str | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return validate(value)
        except ids.InvalidValue as exc:
            self.fail(column, exc.message)
            return None

    def not_before(self, column: str, later: date | None, earlier: date | None, reason: str) -> None:
        if later is not None and earlier is not None and later < earlier:
            self.fail(column, reason)

    def only_with(self, column: str, allowed: bool, reason: str) -> bool:
        """False (and a problem) when the cell holds a value where none belongs."""
        if self.present(column) and not allowed:
            self.fail(column, reason)
            return False
        return True


def check_row(row_no: int, raw: Mapping[str, Any], today: date) -> tuple[LedgerRow | None, list[Problem]]:
    c = _RowCheck(row_no, raw)
    registered = c.date(C.REGISTERED, required=True)
    channel = c.choice(C.CHANNEL, required=True)
    applicant = c.required_text(C.APPLICANT)
    kind = c.choice(C.APPLICANT_KIND, required=True)
    scale = _scale(c, kind)
    identifier = _identifier(c, kind, today)
    phone = c.validated(C.PHONE, ids.validate_phone) or ""
    ip_kind = c.choice(C.IP_KIND, required=True)
    right_number = _right_number(c, ip_kind)
    dispute = c.choice(C.DISPUTE, required=True)
    overseas = c.choice(C.OVERSEAS, required=False, empty=False)
    decision = c.choice(C.DECISION, required=False, empty=None)
    decided, closed, followed = _steps(c, decision, registered)
    outcome = _outcome(c)
    satisfaction = _satisfaction(c)
    if c.problems or _MISSING in (channel, kind, ip_kind, dispute, overseas, decision, outcome):
        return None, c.problems
    return LedgerRow(
        row=row_no, case_no=c.text(C.CASE_NO), registered_on=registered, channel=channel,
        applicant_name=applicant, applicant_kind=kind, scale=scale, identifier=identifier,
        phone=phone, ip_kind=ip_kind, right_number=right_number or "", dispute_type=dispute,
        overseas=overseas, opposing_name=c.text(C.OPPOSING), decision=decision, decided_on=decided,
        refusal_reason=c.text(C.REFUSAL_REASON), assignee_name=c.text(C.ASSIGNEE), closed_on=closed,
        outcome=outcome, followed_up_on=followed, satisfaction_label=satisfaction[0],
        satisfaction_score=satisfaction[1], note=c.text(C.NOTE),
    ), []


def _scale(c: _RowCheck, kind: Any) -> str | None:
    if kind is not _MISSING and not c.only_with(
        C.SCALE, kind == "enterprise", "申请人类型不是企业，不应填写企业规模"
    ):
        return None
    return c.choice(C.SCALE, required=False)


def _identifier(c: _RowCheck, kind: Any, today: date) -> str | None:
    if kind is _MISSING:
        return None  # which check applies depends on the kind; its own problem is listed
    if kind == "person":
        return c.validated(C.IDENTIFIER, lambda v: ids.validate_resident_id(v, today))
    return c.validated(C.IDENTIFIER, _credit_code)


@functools.lru_cache(maxsize=8192)
def _credit_code(value: str) -> str:
    """A company's code recurs on each of its rows: checked once (a refused one raises each time)."""
    return ids.validate_credit_code(value)


def _right_number(c: _RowCheck, ip_kind: Any) -> str | None:
    if ip_kind is _MISSING:
        return None
    return c.validated(C.RIGHT_NO, lambda v: ids.validate_right_number(IP_KIND[ip_kind], v))


def _steps(c: _RowCheck, decision: Any, registered: date | None) -> tuple[date | None, ...]:
    """决定日期, 办结日期, 回访日期 and the rules that tie each to the step before it."""
    decided_known = decision in ("accepted", "refused")
    decided = None
    if decision is not _MISSING:
        if decided_known:
            decided = c.date(C.DECIDED, required=True)
            c.not_before(C.DECIDED, decided, registered, "决定日期早于登记日期")
        else:
            c.only_with(C.DECIDED, False, "受理决定为待定时不应填写决定日期")
        if decision == "refused":
            if not c.present(C.REFUSAL_REASON):
                c.fail(C.REFUSAL_REASON, "不予受理但未填写理由")
        else:
            c.only_with(C.REFUSAL_REASON, False, "只有不予受理的案件才填写不予受理理由")
    closed = None
    if decision is _MISSING or c.only_with(C.CLOSED, decision == "accepted", "未受理的案件不应有办结日期"):
        closed = c.date(C.CLOSED)
        c.not_before(C.CLOSED, closed, decided, "办结日期早于决定日期")
    followed = None
    if c.only_with(C.FOLLOWED_UP, c.present(C.CLOSED), "没有办结日期时不应填写回访日期"):
        followed = c.date(C.FOLLOWED_UP)
        c.not_before(C.FOLLOWED_UP, followed, closed, "回访日期早于办结日期")
    return decided, closed, followed


def _outcome(c: _RowCheck) -> Any:
    if c.present(C.CLOSED):
        if not c.present(C.OUTCOME):
            c.fail(C.OUTCOME, "已办结但未填写办理结果")
            return _MISSING
        return c.choice(C.OUTCOME, required=True)
    c.only_with(C.OUTCOME, False, "没有办结日期时不应填写办理结果")
    return None


def _satisfaction(c: _RowCheck) -> tuple[str | None, int | None]:
    if not c.present(C.SATISFACTION):
        return None, None
    if not c.only_with(C.SATISFACTION, c.present(C.FOLLOWED_UP), "没有回访日期时不应填写满意度"):
        return None, None
    try:
        return cells.parse_satisfaction(c.raw.get(C.SATISFACTION))
    except cells.CellError as exc:
        c.fail(C.SATISFACTION, exc.reason)
        return None, None


__all__ = ["LedgerRow", "Problem", "check_row"]

"""Importing a checked ledger: match people, rights and caseworkers, judge duplicates, number the
cases and write every accepted row in ONE unit of work (a row is never half-applied; rejected rows
never touch the database).

Everything the rows are matched against is loaded once into dicts, so the work per row is plain
Python; the database sees a handful of queries and one bulk flush whatever the file's size.
"""
from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import numbering, settings
from app.calendar_table import calendar_for
from app.collector import collector_paused
from app.context import Actor
from app.database import Database
from app.ledger import cells
from app.ledger import columns as C
from app.ledger.reader import Sheet, read_ledger
from app.ledger.rows import LedgerRow, Problem, check_row
from app.rules.workdays import WorkdayCalendar
from app.search.tokens import name_pinyin
from app.service import add_bulk, new_record, read_call, service_call
from app.services.today import centre_today, zone as tz
from db.bulk import in_chunks
from db.models import (
    AssistCase, CaseEvent, CaseRight, Centre, FollowUp, IpRight, Party, User,
)

_INSERT_ORDER = (User, Party, IpRight, AssistCase, CaseRight, CaseEvent, FollowUp)
IMPORT_ROLES = frozenset({"admin", "supervisor"})
# Prefix of the user names of inactive accounts created for caseworkers named in a ledger.
LEDGER_USER_PREFIX = "台账-"


@dataclass(frozen=True)
class ImportResult:
    file: str
    rows: int
    imported: int
    problems: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]
    created_parties: int = 0
    created_users: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.problems}))

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)


Progress = Callable[[str, int, int], None]


@collector_paused()  # tens of thousands of records, events and tokens: see app.collector
def import_ledger(
    db: Database, actor: Actor, path: str | Path, *, today: date | None = None,
    dry_run: bool = False, progress: Progress | None = None,
) -> ImportResult:
    """Read, check and import a ledger file. `dry_run` does everything but write (the GUI's
    preview), judged against the database as it is now."""
    report = progress or (lambda stage, done, total: None)
    sheet = read_ledger(path)
    report("read", len(sheet.rows), len(sheet.rows))
    if today is None:  # "not in the future" is judged by the centre's calendar, not the PC's
        with read_call(db, actor, roles=IMPORT_ROLES) as s:
            today = centre_today(s, actor.centre_id)
    accepted, problems = check_rows(sheet, today, report)
    if dry_run:
        with read_call(db, actor, roles=IMPORT_ROLES) as s:
            plan = Plan.load(s, actor.centre_id)
            kept, duplicates = plan.judge(accepted, sheet)
        return _result(sheet, kept, problems + duplicates, dry_run=True)
    with service_call(db, actor, roles=IMPORT_ROLES, action="ledger.import") as s:
        plan = Plan.load(s, actor.centre_id)
        kept, duplicates = plan.judge(accepted, sheet)
        report("write", 0, len(kept))
        plan.write(s, actor, kept)
        report("write", len(kept), len(kept))
    db.refresh_statistics()
    return _result(sheet, kept, problems + duplicates, created_parties=plan.created_parties,
                   created_users=tuple(plan.created_users))


def check_rows(sheet: Sheet, today: date, report: Progress) -> tuple[list[LedgerRow], list[Problem]]:
    accepted: list[LedgerRow] = []
    problems: list[Problem] = []
    total = len(sheet.rows)
    for i, (row_no, raw) in enumerate(sheet.rows, start=1):
        row, found = check_row(row_no, raw, today)
        if row is None:
            problems.extend(found)
        else:
            accepted.append(row)
        if i % 1000 == 0:
            report("check", i, total)
    return accepted, problems


def _result(sheet: Sheet, kept: list[LedgerRow], problems: list[Problem], **extra) -> ImportResult:
    ordered = tuple(sorted(problems, key=lambda p: p.row))
    return ImportResult(sheet.name, len(sheet.rows), len(kept), ordered, sheet.unknown_columns, **extra)


@dataclass
class Plan:
    """What the database already holds, keyed the way rows are matched against it."""

    centre: Centre
    case_numbers: set[str]
    case_keys: "CaseKeys"
    parties_by_identifier: dict[str, HeldParty | Party]
    parties_by_name_kind: dict[tuple[str, str], HeldParty | Party]
    parties_by_name: dict[str, HeldParty | Party]
    users_by_name: dict[str, User]
    usernames: set[str]
    rights: dict[tuple[str, str], uuid.UUID]  # (kind, number) → id
    settings: dict
    created_parties: int = 0
    created_users: list[str] = field(default_factory=list)
    numbers_in_file: set[str] = field(default_factory=set)
    filled: dict[uuid.UUID, HeldParty] = field(default_factory=dict)  # held parties the file completes

    @classmethod
    def load(cls, s: Session, centre_id: uuid.UUID) -> Plan:
        # Plain rows, not ORM objects: a centre with years of cases holds ~100k parties and rights,
        # which as ORM objects took ten seconds to load before the first row was matched.
        centre = s.get(Centre, centre_id)
        parties = s.execute(
            select(Party.id, Party.name, Party.kind, Party.identifier, Party.phone, Party.scale)
            .where(Party.centre_id == centre_id, Party.deleted.is_(False))
        )
        by_id, by_name_kind, by_name = {}, {}, {}
        for p in (HeldParty(*row) for row in parties):
            if p.identifier:
                by_id.setdefault(p.identifier, p)
            by_name_kind.setdefault((p.name, p.kind), p)
            by_name.setdefault(p.name, p)
        users = s.scalars(select(User).where(User.centre_id == centre_id, User.deleted.is_(False))).all()
        rights = s.execute(select(IpRight.kind, IpRight.number, IpRight.id)
                           .where(IpRight.centre_id == centre_id, IpRight.deleted.is_(False)))
        return cls(
            centre=centre,
            case_numbers=set(s.scalars(select(AssistCase.case_no).where(AssistCase.centre_id == centre_id))),
            case_keys=_case_keys(s, centre_id),
            parties_by_identifier=by_id, parties_by_name_kind=by_name_kind, parties_by_name=by_name,
            users_by_name=_users_by_name(users),
            usernames=set(s.scalars(select(User.username).where(User.username.like(LEDGER_USER_PREFIX + "%")))),
            rights={(kind, number): right_id for kind, number, right_id in rights if number},
            settings=settings.get_all(s, centre_id),
        )

    # --- duplicates ----------------------------------------------------------------------------

    def judge(self, rows: list[LedgerRow], sheet: Sheet) -> tuple[list[LedgerRow], list[Problem]]:
        """Rows to import and the duplicates refused; only rows that are imported count as
        'earlier' for later rows."""
        kept: list[LedgerRow] = []
        problems: list[Problem] = []
        first_row_of: dict[str, int] = {}
        keys = self.case_keys.copy()
        for row in rows:
            reason = None
            if row.case_no and row.case_no in first_row_of:
                reason = f"案件编号与本文件第{first_row_of[row.case_no]}行重复"
            elif row.case_no and row.case_no in self.case_numbers:
                reason = "案件编号与数据库中已有案件重复"
            elif not row.case_no and keys.holds(row.natural_key):
                reason = "与已有案件重复（登记日期、申请人、证件号码、知识产权类型、权利号均相同）"
            if reason:
                problems.append(Problem(row.row, C.CASE_NO, row.case_no, reason))
                continue
            kept.append(row)
            keys.add(row.natural_key)
            if row.case_no:
                first_row_of[row.case_no] = row.row
        self.numbers_in_file = {no for _n, raw in sheet.rows if (no := _case_no(raw))}
        return kept, problems

    # --- writing -------------------------------------------------------------------------------

    def write(self, s: Session, actor: Actor, rows: list[LedgerRow]) -> None:
        numbers = self._mint_numbers(s, rows)
        calendar = calendar_for(s)
        zone = tz(self.centre.timezone)
        objects: list = []
        for row in rows:
            objects.extend(self._case_objects(row, numbers.get(row.row, row.case_no), actor, calendar, zone))
        # New records go in with one executemany per table, parents first (the models declare
        # foreign keys but no relationships, so the order is given here).
        _complete_held(s, self.filled.values())
        for table in _INSERT_ORDER:
            add_bulk(s, [obj for obj in objects if type(obj) is table])

    def _mint_numbers(self, s: Session, rows: list[LedgerRow]) -> dict[int, str]:
        """Numbers for rows without one; never one that is in the database or anywhere in the file
        (a later row keeps its own number)."""
        by_year: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            if not row.case_no:
                by_year[row.registered_on.year].append(row.row)
        taken = self.case_numbers | self.numbers_in_file
        minted: dict[int, str] = {}
        for year, row_numbers in sorted(by_year.items()):
            numbers = numbering.next_numbers(
                s, self.centre.id, self.settings["case_number_pattern"], year, len(row_numbers),
                taken.__contains__, short=self.centre.short_name,
            )
            minted.update(zip(row_numbers, numbers, strict=True))
        return minted

    def _case_objects(self, row: LedgerRow, case_no: str, actor: Actor,
                      calendar: WorkdayCalendar, zone: ZoneInfo) -> list:
        centre_id = self.centre.id
        made: list = []
        applicant = self._applicant(row, made)
        opposing = self._opposing(row.opposing_name, made) if row.opposing_name else None
        assignee = self._user(row.assignee_name, made) if row.assignee_name else None
        case = new_record(
            AssistCase, id=uuid.uuid4(), centre_id=centre_id, case_no=case_no,
            registered_on=row.registered_on, channel=row.channel, applicant_id=applicant.id,
            opposing_party_id=opposing.id if opposing else None, ip_kind=row.ip_kind,
            dispute_type=row.dispute_type, overseas=row.overseas, services=[],
            assignee_id=assignee.id if assignee else None, status=row.status,
            decision=row.decision, decided_on=row.decided_on, refusal_reason=row.refusal_reason,
            closed_on=row.closed_on, outcome=row.outcome, followed_up_on=row.followed_up_on,
            satisfaction=row.satisfaction_score, source="ledger", note=row.note,
            **_due_dates(row, calendar, self.settings),
        )
        made.append(case)
        if row.right_number:
            right_id = self._right(row, applicant, made)
            made.append(new_record(CaseRight, id=uuid.uuid4(), centre_id=centre_id, case_id=case.id, right_id=right_id))
        made.extend(_timeline(row, case, actor, assignee, zone))
        if row.followed_up_on:
            made.append(new_record(
                FollowUp, id=uuid.uuid4(), centre_id=centre_id, case_id=case.id,
                visited_on=row.followed_up_on, satisfaction_label=row.satisfaction_label,
                satisfaction_score=row.satisfaction_score,
                visited_by=assignee.id if assignee else None, note="台账导入",
            ))
        self.case_numbers.add(case_no)
        return made

    def _applicant(self, row: LedgerRow, made: list) -> HeldParty | Party:
        party = self.parties_by_identifier.get(row.identifier) if row.identifier else None
        if party is None:
            party = self.parties_by_name_kind.get((row.applicant_name, row.applicant_kind))
            # Same name but another identifier is another person or company.
            if party is not None and row.identifier and party.identifier and party.identifier != row.identifier:
                party = None
        if party is None:
            party = self._new_party(row.applicant_name, row.applicant_kind, made)
        # Fill what the database does not know yet; never overwrite what it does.
        before = (party.identifier, party.phone, party.scale)
        if row.identifier and not party.identifier:
            party.identifier = row.identifier
            self.parties_by_identifier[row.identifier] = party
        if row.phone and not party.phone:
            party.phone = row.phone
        if row.scale and not party.scale:
            party.scale = row.scale
        if type(party) is HeldParty and (party.identifier, party.phone, party.scale) != before:
            self.filled[party.id] = party
        return party

    def _opposing(self, name: str, made: list) -> HeldParty | Party:
        return self.parties_by_name.get(name) or self._new_party(name, _kind_from_name(name), made)

    def _new_party(self, name: str, kind: str, made: list) -> Party:
        party = new_record(Party, id=uuid.uuid4(), centre_id=self.centre.id, kind=kind, name=name,
                        name_pinyin=name_pinyin(name), identifier=None, phone="")
        made.append(party)
        self.parties_by_name_kind.setdefault((name, kind), party)
        self.parties_by_name.setdefault(name, party)
        self.created_parties += 1
        return party

    def _user(self, name: str, made: list) -> User:
        user = self.users_by_name.get(name)
        if user is None:
            username = LEDGER_USER_PREFIX + name
            n = 1
            while username in self.usernames:
                n += 1
                username = f"{LEDGER_USER_PREFIX}{name}-{n}"
            # Inactive and without a password: the history keeps who handled the case, but
            # nobody can sign in as this person until an admin sets them up.
            user = new_record(User, id=uuid.uuid4(), centre_id=self.centre.id, username=username,
                           display_name=name, password_hash="", roles=["caseworker"], active=False)
            made.append(user)
            self.users_by_name[name] = user
            self.usernames.add(username)
            self.created_users.append(name)
        return user

    def _right(self, row: LedgerRow, owner: HeldParty | Party, made: list) -> uuid.UUID:
        key = (row.ip_kind, row.right_number)
        right_id = self.rights.get(key)
        if right_id is None:
            right_id = uuid.uuid4()
            made.append(new_record(IpRight, id=right_id, centre_id=self.centre.id, kind=row.ip_kind,
                                number=row.right_number, owner_id=owner.id))
            self.rights[key] = right_id
        return right_id


class HeldParty:
    """A party the database already holds, as matching reads it; what the file fills in (an
    identifier, phone or scale the database lacked) is written by _complete_held."""

    __slots__ = ("id", "name", "kind", "identifier", "phone", "scale")

    def __init__(self, id: uuid.UUID, name: str, kind: str, identifier: str | None, phone: str,
                 scale: str | None) -> None:
        self.id, self.name, self.kind = id, name, kind
        self.identifier, self.phone, self.scale = identifier, phone, scale




def _complete_held(s: Session, parties) -> None:
    """Give held parties what the file filled in, through the ORM, so that each change is stamped
    and evented like any other update."""
    by_id = {p.id: p for p in parties}
    for chunk in in_chunks(by_id):
        for party in s.scalars(select(Party).where(Party.id.in_(chunk))):
            held = by_id[party.id]
            for name in ("identifier", "phone", "scale"):
                if getattr(party, name) != getattr(held, name):
                    setattr(party, name, getattr(held, name))


def _case_no(raw: dict) -> str:
    return cells.text(raw.get(C.CASE_NO))


def _users_by_name(users) -> dict[str, User]:
    """Display name → user; when two share a name the active account wins."""
    found: dict[str, User] = {}
    for user in users:
        if user.display_name not in found or (user.active and not found[user.display_name].active):
            found[user.display_name] = user
    return found


class CaseKeys:
    """The (登记日期, 申请人, 证件号码, 知识产权类型, 权利号) of cases, for judging rows without 案件编号.

    A blank 证件号码 means "not given", not "another person": it matches any number, and a held case
    whose applicant has none matches any row. Otherwise importing a file twice imported its rows again
    whenever a later row had given the same applicant the number an earlier row lacked (the case then
    carries the number the earlier row does not)."""

    def __init__(self, keys: Iterable[tuple] = ()) -> None:
        self._numbers: dict[tuple, set[str]] = {}
        for key in keys:
            self.add(key)

    @staticmethod
    def _split(key: tuple) -> tuple[tuple, str]:
        day, name, identifier, kind, number = key
        return (day, name, kind, number), identifier or ""

    def add(self, key: tuple) -> None:
        rest, identifier = self._split(key)
        self._numbers.setdefault(rest, set()).add(identifier)

    def holds(self, key: tuple) -> bool:
        rest, identifier = self._split(key)
        numbers = self._numbers.get(rest)
        return numbers is not None and (not identifier or "" in numbers or identifier in numbers)

    def copy(self) -> "CaseKeys":
        twin = CaseKeys()
        twin._numbers = {rest: set(numbers) for rest, numbers in self._numbers.items()}
        return twin


def _case_keys(s: Session, centre_id: uuid.UUID) -> CaseKeys:
    """(登记日期, 申请人, 证件号码, 知识产权类型, 权利号) of every case, one key per right."""
    stmt = (
        select(AssistCase.registered_on, Party.name, Party.identifier, AssistCase.ip_kind, IpRight.number)
        .join(Party, Party.id == AssistCase.applicant_id)
        .outerjoin(CaseRight, (CaseRight.case_id == AssistCase.id) & CaseRight.deleted.is_(False))
        .outerjoin(IpRight, IpRight.id == CaseRight.right_id)
        .where(AssistCase.centre_id == centre_id, AssistCase.deleted.is_(False))
    )
    return CaseKeys((d, name, ident or "", kind, number or "") for d, name, ident, kind, number in s.execute(stmt))


_ENTERPRISE_ENDINGS = ("公司", "厂", "店", "商行", "集团", "工作室")


def _kind_from_name(name: str) -> str:
    """The ledger says nothing of the opposing party's kind: a name like '…有限公司' is an
    enterprise, two to four Chinese characters a person, anything else 其他 for a person to correct."""
    if name.endswith(_ENTERPRISE_ENDINGS):
        return "enterprise"
    if 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return "person"
    return "other"


def _due_dates(row: LedgerRow, calendar: WorkdayCalendar, values: dict) -> dict:
    decision_due = calendar.add_workdays(row.registered_on, int(values["limit_decision_workdays"]))
    close_due = followup_due = None
    if row.decision == "accepted" and row.decided_on:
        close_due = calendar.add_workdays(row.decided_on, int(values["limit_close_workdays"]))
    if row.closed_on:
        followup_due = calendar.add_workdays(row.closed_on, int(values["limit_followup_workdays"]))
    return {"decision_due_on": decision_due, "close_due_on": close_due, "followup_due_on": followup_due}


@functools.lru_cache(maxsize=4096)
def _nine_am(on: date, zone: ZoneInfo) -> datetime:
    """When a ledger step is dated: 09:00 that day in the centre's zone, as UTC (a thousand-odd
    distinct days in tens of thousands of events)."""
    return datetime.combine(on, time(9), zone).astimezone(timezone.utc)


def _timeline(row: LedgerRow, case: AssistCase, actor: Actor, assignee: User | None,
              zone: ZoneInfo) -> list[CaseEvent]:
    """One dated event per step the ledger records."""
    handler = assignee.display_name if assignee else ""
    steps = [("registered", row.registered_on, actor.display_name, "登记（台账导入）")]
    if row.decision == "accepted":
        steps.append(("accepted", row.decided_on, handler, "受理"))
    elif row.decision == "refused":
        steps.append(("refused", row.decided_on, handler, f"不予受理：{row.refusal_reason}"))
    if row.closed_on:
        steps.append(("closed", row.closed_on, handler, "办结"))
    if row.followed_up_on:
        score = "" if row.satisfaction_score is None else f"，满意度 {row.satisfaction_label or row.satisfaction_score}"
        steps.append(("followed_up", row.followed_up_on, handler, "回访" + score))
    return [
        new_record(CaseEvent, id=uuid.uuid4(), centre_id=case.centre_id, case_id=case.id, kind=kind,
                at=_nine_am(on, zone), on=on,
                actor_id=None, actor_name=name, text=text, data={"source": "ledger", "row": row.row})
        for kind, on, name, text in steps
    ]

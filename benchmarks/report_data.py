"""Fill an initialised database with N cases quickly, for report benchmarks.

Rows go straight in with Core inserts (no audit events, no search tokens): the reports read only
the case, party, user and workday tables, and a 100k-case set-up through the services would take
longer than every measurement together."""
from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert

from app.calendar_table import calendar_for
from app.labels import CHANNEL, DISPUTE_TYPE, IP_KIND, OUTCOME, PARTY_KIND, SCALE
from db.models import AssistCase, Party, User

_NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def fill(db, centre_id: uuid.UUID, cases: int, *, last_day: date = date(2026, 10, 31), years: int = 8,
         seed: int = 11) -> None:
    rng = random.Random(seed)
    common = {"version": 1, "created_at": _NOW, "updated_at": _NOW, "deleted": False, "centre_id": centre_id}
    with db.write_session() as s:
        calendar = calendar_for(s)
        users = [{"id": uuid.uuid4(), "username": f"bench-cw-{i}", "display_name": f"办案员{i}",
                  "password_hash": "", "roles": ["caseworker"], "active": True, "phone": "",
                  "failed_logins": 0, **common} for i in range(12)]
        s.execute(insert(User.__table__), users)
        parties = [{"id": uuid.uuid4(), "kind": rng.choice(list(PARTY_KIND)), "name": f"申请人{i}",
                    "name_pinyin": "", "identifier": None, "scale": rng.choice([None, *SCALE]),
                    "private_enterprise": False, "going_global": False, "region": "", "contact": "",
                    "phone": "", "address": "", "note": "", **common} for i in range(max(100, cases // 5))]
        s.execute(insert(Party.__table__), parties)
        batch = []
        for i in range(cases):
            batch.append(_case(rng, i, parties, users, last_day, years, calendar, common))
            if len(batch) == 5000:
                s.execute(insert(AssistCase.__table__), batch)
                batch = []
        if batch:
            s.execute(insert(AssistCase.__table__), batch)
        s.commit()


def _case(rng, i, parties, users, last_day, years, calendar, common) -> dict:
    registered = last_day - timedelta(days=rng.randrange(years * 365))
    row = {
        "id": uuid.uuid4(), "case_no": f"BENCH-{i:07d}", "registered_on": registered,
        "channel": rng.choice(list(CHANNEL)), "applicant_id": rng.choice(parties)["id"],
        "opposing_party_id": None, "ip_kind": rng.choice(list(IP_KIND)),
        "dispute_type": rng.choice(list(DISPUTE_TYPE)), "overseas": rng.random() < 0.05, "services": [],
        "summary": "", "assignee_id": None, "status": "registered", "paused_workdays": 0,
        "decision": None, "decided_on": None, "refusal_reason": "", "closed_on": None, "outcome": None,
        "followed_up_on": None, "satisfaction": None, "source": "demo", "note": "",
        "decision_due_on": calendar.add_workdays(registered, 5), **common,
    }
    decided = registered + timedelta(days=rng.randint(0, 8))
    roll = rng.random()
    # Like a real register: old cases are finished; a few stay stuck (and show as overdue).
    recent = (last_day - registered).days < 90
    if decided > last_day or roll < (0.03 if recent else 0.002):
        return row
    if roll < 0.12:
        row.update(decision="refused", decided_on=decided, status="refused", refusal_reason="不属于援助范围")
        return row
    row.update(decision="accepted", decided_on=decided, status="accepted", assignee_id=rng.choice(users)["id"])
    closed = decided + timedelta(days=rng.randint(3, 55))
    if closed > last_day or rng.random() < (0.02 if recent else 0.002):
        return row
    row.update(closed_on=closed, outcome=rng.choice(list(OUTCOME)), status="closed")
    followed = closed + timedelta(days=rng.randint(1, 12))
    if followed <= last_day and rng.random() < 0.6:
        row.update(followed_up_on=followed, satisfaction=rng.choice((100, 80, 60, 40, 20, 90)), status="followed_up")
    return row

"""`app.demo.generate`: reproducible to the byte, complete, valid, vouched for, and refused on a non-empty
database."""
from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from datetime import date

import pytest
from sqlalchemy import func, select

from app.audit import verify_chain
from app.database import open_database
from app.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, REFUSAL, generate
from app.demo.writer import table_digest
from app.errors import UsageError
from app.labels import CASE_STATUS, COMPLAINT_OUTCOME, CONCLUSION, IP_KIND, OPINION_STATUS
from app.numbering import render
from app.rules.identifiers import (
    validate_credit_code,
    validate_patent_number,
    validate_phone,
    validate_resident_id,
    validate_trademark_number,
)
from app.rules import conclusions
from app.rules.workdays import WorkdayCalendar
from app.search.index import SEARCHABLE, index_tokens
from app.services.users import authenticate
from db.models import (
    AssistCase,
    AuditEvent,
    Base,
    CaseEvent,
    CaseRight,
    Consultation,
    Exhibitor,
    FairComplaint,
    FollowUp,
    IpRight,
    NumberSequence,
    Opinion,
    OpinionClaim,
    OpinionRow,
    Party,
    SearchToken,
)

TODAY = date(2026, 11, 1)
CASES = 300


def _new_db(template, tmp_path, name):
    path = tmp_path / name
    shutil.copy(template, path)
    return open_database(str(path))


@pytest.fixture(scope="module")
def demo(sqlite_template, tmp_path_factory):
    """One demo database (300 cases, seed 1) shared by the read-only tests of this module."""
    db = _new_db(sqlite_template, tmp_path_factory.mktemp("demo"), "demo.sqlite")
    summary = generate(db, cases=CASES, seed=1, today=TODAY)
    yield db, summary
    db.close()


def dump(db) -> dict[str, list[tuple]]:
    """Every table of the schema, rows sorted by primary key."""
    with db.read_session() as s:
        return {
            table.name: s.execute(select(*table.columns).order_by(*table.primary_key.columns)).all()
            for table in Base.metadata.sorted_tables
        }


def count_all(db) -> dict[str, int]:
    with db.read_session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


# --- reproducibility --------------------------------------------------------------------------------------

def test_same_seed_and_today_give_identical_tables(demo, sqlite_template, tmp_path):
    db, _ = demo
    seen = []
    again = _new_db(sqlite_template, tmp_path, "again.sqlite")
    try:
        generate(again, cases=CASES, seed=1, today=TODAY, progress=lambda done, total: seen.append((done, total)))
        first, second = dump(db), dump(again)
    finally:
        again.close()
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"table {name} differs between two runs with the same seed"
    assert first["assist_case"] and first["search_token"] and first["audit_event"]
    assert seen[0] == (0, CASES) and seen[-1] == (CASES, CASES)


_DUMP_SCRIPT = """
import hashlib, sys
from datetime import date
from sqlalchemy import select
from app.database import open_database
from app.demo import generate
from db.models import Base
db = open_database(sys.argv[1])
generate(db, cases=30, seed=9, today=date(2026, 3, 15))
digest = hashlib.sha256()
with db.read_session() as s:
    for table in Base.metadata.sorted_tables:
        for row in s.execute(select(*table.columns).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_hash_seed(sqlite_template, tmp_path):
    """Set and dict-of-set iteration order changes with PYTHONHASHSEED; the data must not."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    digests = set()
    for hash_seed in ("1", "2"):
        path = tmp_path / f"h{hash_seed}.sqlite"
        shutil.copy(sqlite_template, path)
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", _DUMP_SCRIPT, str(path)], env=env, cwd=root,
                              capture_output=True, text=True, timeout=300, check=True)
        digests.add(done.stdout.strip().splitlines()[-1])
    assert len(digests) == 1


def test_another_seed_gives_other_data(demo, sqlite_template, tmp_path):
    db, _ = demo
    other = _new_db(sqlite_template, tmp_path, "other.sqlite")
    try:
        generate(other, cases=CASES, seed=2, today=TODAY)
        first, second = dump(db), dump(other)
    finally:
        other.close()
    for name in ("assist_case", "party", "ip_right", "consultation", "case_event", "app_user", "centre"):
        assert first[name] != second[name], f"table {name} is the same for seeds 1 and 2"


# --- refusal -----------------------------------------------------------------------------------------------

def test_refuses_a_database_that_holds_data_and_changes_nothing(demo):
    db, _ = demo
    before = count_all(db)
    with db.read_session() as s:
        head = s.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).one()
    with pytest.raises(UsageError) as err:
        generate(db, cases=10, seed=3, today=TODAY)
    assert err.value.exit_code == 2
    assert err.value.message == REFUSAL == "数据库中已有数据，演示数据只能写入空数据库。"
    assert count_all(db) == before
    with db.read_session() as s:
        assert s.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).one() == head


def test_cli_demo_fills_an_empty_database_and_refuses_a_second_time(sqlite_template, tmp_path, capsys):
    from app.cli.main import main

    path = tmp_path / "cli.sqlite"
    shutil.copy(sqlite_template, path)
    args = ["demo", "--db", str(path), "--cases", "12", "--seed", "5", "--today", "2026-11-01"]
    assert main(args) == 0
    assert "12 件案件" in capsys.readouterr().out
    assert main(args) == 2
    assert "演示数据只能写入空数据库" in capsys.readouterr().err


# --- accounts and audit ------------------------------------------------------------------------------------

def test_demo_accounts_sign_in_with_demo(demo):
    db, _ = demo
    for username, display_name, roles in DEMO_ACCOUNTS:
        actor = authenticate(db, username, DEMO_PASSWORD)
        assert actor.display_name == display_name and actor.roles == frozenset(roles)
    assert [u for u, _, _ in DEMO_ACCOUNTS] == ["admin", "supervisor", "caseworker", "fairstaff"]


def test_audit_chain_verifies_and_vouches_for_every_loaded_table(demo):
    db, summary = demo
    with db.read_session() as s:
        assert verify_chain(s, db.device_id).broken_at is None
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "demo.generate")).all()
        assert {e.data["table"] for e in events} == {t for t, n in summary.counts.items() if "." not in t}
        for e in events:
            assert e.actor_name == "演示数据" and e.data["seed"] == 1 and e.data["today"] == "2026-11-01"
            assert table_digest(s, e.data["table"]) == (e.data["rows"], e.data["sha256"]), e.data["table"]


def test_the_bulk_load_leaves_the_schema_and_journal_as_it_found_them(demo):
    """Indexes are dropped for the load and rebuilt; SQLite goes back to WAL after the load."""
    from db.schema import index_names

    db, _ = demo
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            assert {ix.name for ix in table.indexes} <= index_names(conn, table.name), table.name
    # Bytes 18 and 19 of an SQLite file are 2 in WAL mode, 1 with a rollback journal (checked in the file
    # itself: a new connection would switch to WAL anyway).
    with open(db.path, "rb") as fh:
        assert fh.read(20)[18:20] == b"\x02\x02"


# --- content -----------------------------------------------------------------------------------------------

def test_every_case_status_is_present(demo):
    db, summary = demo
    with db.read_session() as s:
        statuses = Counter(s.scalars(select(AssistCase.status)))
    assert set(statuses) == set(CASE_STATUS)
    assert sum(statuses.values()) == CASES == summary.cases
    assert {f"status.{k}": v for k, v in statuses.items()} == {
        k: v for k, v in summary.counts.items() if k.startswith("status.")}
    # Old cases are mostly finished, recent ones open.
    assert statuses["archived"] + statuses["followed_up"] > CASES / 2


def test_identifiers_pass_the_ledger_validators(demo):
    db, _ = demo
    with db.read_session() as s:
        parties = s.execute(select(Party.kind, Party.identifier, Party.phone)).all()
        rights = s.execute(select(IpRight.kind, IpRight.number, IpRight.nice_classes)).all()
        codes = s.scalars(select(Exhibitor.credit_code).where(Exhibitor.credit_code.is_not(None))).all()
        phones = s.scalars(select(Consultation.asker_phone).where(Consultation.asker_phone != "")).all()
    assert parties and rights and codes
    for kind, identifier, phone in parties:
        if kind == "person":
            assert validate_resident_id(identifier, today=TODAY) == identifier
        else:
            assert validate_credit_code(identifier) == identifier
        assert validate_phone(phone) == phone
    for code in codes:
        assert validate_credit_code(code) == code
    for phone in phones:
        assert validate_phone(phone) == phone
    kinds = Counter(kind for kind, _, _ in rights)
    assert {"invention", "utility", "design", "trademark", "copyright"} <= set(kinds)
    for kind, number, classes in rights:
        if kind in ("invention", "utility", "design"):
            assert validate_patent_number(number, IP_KIND[kind]) == number
        elif kind == "trademark":
            assert validate_trademark_number(number) == number
            assert classes and all(1 <= int(c) <= 45 for c in classes.split(","))


def test_numbers_dates_and_deadlines_follow_the_rules(demo):
    db, _ = demo
    cal = WorkdayCalendar()
    with db.read_session() as s:
        cases = s.scalars(select(AssistCase).order_by(AssistCase.registered_on, AssistCase.case_no)).all()
        sequences = {(r.pattern, r.year): r.last_value for r in s.scalars(select(NumberSequence))}
        with_rights = set(s.scalars(select(CaseRight.case_id)))
        kinds = defaultdict(set)
        for case_id, kind in s.execute(select(CaseEvent.case_id, CaseEvent.kind)):
            kinds[case_id].add(kind)
        followed = {f.case_id: f for f in s.scalars(select(FollowUp))}
    pattern = "〔{year}〕{short}维援字第{seq:04d}号"
    per_year = Counter(c.registered_on.year for c in cases)
    assert {(pattern, y): n for y, n in per_year.items()} == {k: v for k, v in sequences.items() if k[0] == pattern}
    seq = Counter()
    for c in cases:
        seq[c.registered_on.year] += 1
        assert c.case_no == render(pattern, year=c.registered_on.year, seq=seq[c.registered_on.year], short="沈")
        assert c.registered_on <= TODAY and c.id in with_rights and "registered" in kinds[c.id]
        assert c.decision_due_on == cal.add_workdays(c.registered_on, 5 + c.paused_workdays)
        if c.supplement_requested_on:
            assert c.supplement_due_on == cal.add_workdays(c.supplement_requested_on, 10)
        if c.decision == "accepted":
            assert c.close_due_on == cal.add_workdays(c.decided_on, 30) and c.assignee_id
        if c.closed_on:
            assert c.decision == "accepted" and c.outcome and c.closed_on >= c.decided_on
            assert c.followup_due_on == cal.add_workdays(c.closed_on, 10)
        if c.followed_up_on:
            assert c.followed_up_on >= c.closed_on and 0 <= c.satisfaction <= 100
            assert followed[c.id].satisfaction_score == c.satisfaction
        expected = {
            "registered": c.decided_on is None and (c.supplement_requested_on is None or c.supplement_received_on),
            "supplementing": c.supplement_requested_on and not c.supplement_received_on and not c.decided_on,
            "accepted": c.decision == "accepted" and not c.closed_on,
            "refused": c.decision == "refused" and bool(c.refusal_reason),
            "withdrawn": c.decision == "withdrawn" and c.supplement_requested_on is not None,
            "closed": c.closed_on and not c.followed_up_on,
            "followed_up": c.followed_up_on and not c.archived_on,
            "archived": c.archived_on is not None,
        }[c.status]
        assert expected, (c.case_no, c.status)
        assert c.status in kinds[c.id] or c.status == "supplementing" and "supplement_requested" in kinds[c.id]
        assert 30 <= len(c.summary) <= 80, c.summary


def test_opinions_are_consistent_with_their_comparison_rows(demo):
    db, _ = demo
    with db.read_session() as s:
        opinions = s.scalars(select(Opinion)).all()
        claims = defaultdict(list)
        for c in s.scalars(select(OpinionClaim).order_by(OpinionClaim.ordinal)):
            claims[c.opinion_id].append(c.id)
        rows = defaultdict(list)
        for r in s.scalars(select(OpinionRow).order_by(OpinionRow.ordinal)):
            rows[r.opinion_id].append(r)
    assert opinions and {o.status for o in opinions} == set(OPINION_STATUS)
    assert {o.kind for o in opinions} >= {"invention", "utility", "design", "trademark", "copyright"}
    number = re.compile(r"〔(\d{4})〕沈意见字第\d{4}号")
    for o in opinions:
        assert rows[o.id], "an opinion without comparison rows"
        if o.issued_on is not None:
            assert o.status in ("issued", "void") and int(number.fullmatch(o.opinion_no).group(1)) == o.issued_on.year
        else:
            assert o.opinion_no is None
        claim_marks = [[r.mark for r in rows[o.id] if r.claim_id == c] for c in claims[o.id]]
        assert o.suggested_conclusion == conclusions.suggest(o.kind, o.body, claim_marks)
        if o.kind in ("invention", "utility"):
            assert claim_marks and all(claim_marks)
            for c in claims[o.id]:
                labels = [r.label for r in rows[o.id] if r.claim_id == c]
                assert labels == list("ABCDEFGH"[: len(labels)])
        if o.status in ("approved", "issued"):
            assert o.approved_at and o.conclusion in CONCLUSION
            assert o.suggested_conclusion in (None, o.conclusion)
        if o.status == "draft":
            assert o.submitted_at is None and o.approved_at is None


def test_fair_complaints_cover_every_outcome(demo):
    db, _ = demo
    with db.read_session() as s:
        complaints = s.scalars(select(FairComplaint)).all()
    assert len(complaints) == 30
    assert {c.outcome for c in complaints if c.outcome} == set(COMPLAINT_OUTCOME)
    hours = [(c.handled_at - c.received_at).total_seconds() / 3600 for c in complaints]
    assert any(h <= 24 for h in hours) and any(h > 24 for h in hours)
    assert all(isinstance(c.materials, dict) and c.materials for c in complaints)


def test_search_tokens_are_those_the_index_would_write(demo):
    db, _ = demo
    with db.read_session() as s:
        stored = defaultdict(set)
        for token, table, rid in s.execute(select(SearchToken.token, SearchToken.table_name, SearchToken.record_id)):
            stored[(table, rid)].add(token)
        for table_name, (names, texts) in SEARCHABLE.items():
            table = Base.metadata.tables[table_name]
            for row in s.execute(select(table.c.id, *(table.c[f] for f in (*names, *texts)))):
                values = row._asdict()
                expected = index_tokens(table_name, values)
                assert stored.get((table_name, row.id), set()) == expected, (table_name, values)


def test_sqlite_and_postgresql_get_the_same_data(sqlite_template, tmp_path, pg_url):
    """Same seed, same rows: the digests of every table agree across the two backends."""
    lite = _new_db(sqlite_template, tmp_path, "lite.sqlite")
    pg = open_database(pg_url)
    try:
        generate(lite, cases=40, seed=7, today=TODAY)
        generate(pg, cases=40, seed=7, today=TODAY)
        digests = []
        for db in (lite, pg):
            with db.read_session() as s:
                assert verify_chain(s, db.device_id).broken_at is None
                events = s.scalars(select(AuditEvent).where(AuditEvent.action == "demo.generate")).all()
                for e in events:
                    assert table_digest(s, e.data["table"]) == (e.data["rows"], e.data["sha256"])
                digests.append(sorted((e.data["table"], e.data["rows"], e.data["sha256"]) for e in events))
        assert digests[0] == digests[1]
    finally:
        lite.close()
        pg.close()


def test_a_nearly_full_number_range_moves_to_its_wider_range_instead_of_looping():
    """At a million cases the 4,900 GI numbers ran out and the demo drew for ever."""
    from itertools import count
    from types import SimpleNamespace

    from app.demo.rights import RightFactory

    factory = SimpleNamespace(used_numbers={"AGI00100"}, CROWDED=RightFactory.CROWDED)
    wider = (f"AGI{n:05d}" for n in count(5000))
    got = RightFactory._unique(factory, lambda: "AGI00100", lambda: next(wider))
    assert got == "AGI05000" and got in factory.used_numbers

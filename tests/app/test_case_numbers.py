"""Case numbers under concurrent saves: parallel registrations on PostgreSQL, each thread with its
own connection and session, never mint the same number and leave no gap."""
from __future__ import annotations

import threading
from datetime import date

import pytest

from app.database import open_database
from app.services import cases

from tests.app.case_data import case_input, company

THREADS = 6
EACH = 4


def test_parallel_registrations_on_postgresql_get_distinct_numbers(pg_url, password_hash):
    from app.services.setup import NewAccount, initialise

    from tests.conftest import PASSWORD

    db = open_database(pg_url)
    [cw] = initialise(db, centre_name="并发测试中心", centre_short="并", password_hashes={PASSWORD: password_hash},
                      accounts=[NewAccount("cw", "李明", PASSWORD, ("caseworker",))])
    db.close()
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)
    lock = threading.Lock()

    def worker(i: int) -> None:
        own = open_database(pg_url)  # its own engine, connections and sessions
        try:
            barrier.wait()
            for j in range(EACH):
                data = case_input(applicant=company(f"并发公司{i}-{j}", ""), opposing=None,
                                  registered_on=date(2026, 11, 2))
                h = cases.register(own, cw, data, confirmed=True)
                with lock:
                    numbers.append(h.case_no)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert len(numbers) == THREADS * EACH == len(set(numbers))
    expected = {f"〔2026〕并维援字第{n:04d}号" for n in range(1, THREADS * EACH + 1)}
    assert set(numbers) == expected


def test_numbers_skip_one_already_present(centre):
    """An imported ledger keeps its own numbers; the sequence steps over them."""
    db, cw = centre.db, centre.caseworker
    first = cases.register(db, cw, case_input(registered_on=date(2026, 1, 5)))
    from db.models import AssistCase
    with db.write_session() as s:
        case = s.get(AssistCase, first.id)
        case.case_no = "〔2026〕测维援字第0002号"  # as if a ledger had brought 0002
        s.commit()
    second = cases.register(db, cw, case_input(applicant=company("乙公司", ""), registered_on=date(2026, 1, 6)),
                            confirmed=True)
    assert second.case_no == "〔2026〕测维援字第0003号"
    other_year = cases.register(db, cw, case_input(applicant=company("丙公司", ""), registered_on=date(2027, 1, 6)),
                                confirmed=True)
    assert other_year.case_no == "〔2027〕测维援字第0001号"

"""The two imports of the benchmark, each timed into a fresh copy of a prepared centre:
a return bundle of N records (sync_bundle.py's fair: exhibitors changed, parties, complaints and
patrol notes created on a laptop) and a ledger of N rows (ledger_rows.py).

A "copy" is a file copy on SQLite and `CREATE DATABASE … TEMPLATE` on PostgreSQL, so every run
starts from the same state. The laptop is always a SQLite file, as on a fair.
"""
from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


class Databases:
    """Makes empty databases and copies of them on one backend (SQLite in `folder`, or the server
    of `pg_url`), and drops what it made."""

    def __init__(self, folder: Path, pg_url: str | None) -> None:
        self.folder, self.pg_url = folder, pg_url
        self._made: list[str] = []

    def new(self, stem: str) -> str:
        if not self.pg_url:
            return str(self.folder / f"{stem}-{uuid.uuid4().hex[:6]}.sqlite")
        name = f"ipaid_bench_{stem}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}"')
        self._made.append(name)
        return self._url(name)

    def copy(self, source: str, stem: str) -> str:
        if not self.pg_url:
            target = self.folder / f"{stem}-{uuid.uuid4().hex[:6]}.sqlite"
            shutil.copy(source, target)
            return str(target)
        name = f"ipaid_bench_{stem}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(source).database}"')
        self._made.append(name)
        return self._url(name)

    def drop_all(self) -> None:
        for name in self._made:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._made.clear()

    def _url(self, name: str) -> str:
        return make_url(self.pg_url).set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False)

    def _admin(self, sql: str) -> None:
        engine = create_engine(make_url(self._url("postgres")), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()


@contextmanager
def opened(target: str) -> Iterator:
    from app.database import open_database

    db = open_database(target, create=True)
    try:
        yield db
    finally:
        db.close()


def bundle_import_times(dbs: Databases, work: Path, records: int, runs: int) -> tuple[list[float], dict]:
    """Seconds per import of one return bundle of about `records` records into a copy of the centre."""
    from app.services.users import authenticate
    from app.sync import export, merge
    from benchmarks import sync_bundle

    per_kind = max(records // 4, 1)
    centre_target = dbs.new("bundle_centre")
    _, _, laptop, who = _bundle_sources(work, per_kind, centre_target)
    export.export_return(laptop, who, work / "back", None)
    laptop.close()
    times, counts = [], {}
    for run in range(runs):
        target = dbs.copy(centre_target, f"bundle_run{run}")
        with opened(target) as db:
            admin = authenticate(db, "admin", sync_bundle.PASSWORD)
            started = time.perf_counter()
            result = merge.import_bundle(db, admin, work / "back", None, receipt_out=work / f"receipt{run}")
            times.append(time.perf_counter() - started)
            counts = dict(result.counts)
    return times, counts


def _bundle_sources(work: Path, per_kind: int, centre_target: str):
    """sync_bundle.build with the centre at `centre_target` (any backend)."""
    from benchmarks import sync_bundle

    original = sync_bundle.open_database

    def pick(target: str, *args, **kwargs):
        if target.endswith("centre.sqlite"):
            return original(centre_target, *args, create=True, **kwargs)
        return original(target, *args, **kwargs)

    sync_bundle.open_database = pick
    try:
        centre, admin, laptop, who = sync_bundle.build(work, per_kind, None)
    finally:
        sync_bundle.open_database = original
    centre.close()
    return centre, admin, laptop, who


def ledger_import_times(dbs: Databases, work: Path, rows: int, runs: int) -> tuple[list[float], dict]:
    """Seconds per import of a generated ledger of `rows` rows into a copy of an initialised centre."""
    from app.ledger import importer
    from app.services.setup import NewAccount, initialise
    from app.services.users import authenticate
    from benchmarks.ledger_rows import ledger_rows, write_csv

    csv_path = write_csv(work / "ledger.csv", ledger_rows(rows))
    template = dbs.new("ledger_centre")
    with opened(template) as db:
        initialise(db, centre_name="基准测试中心", centre_short="基",
                   accounts=[NewAccount("bench", "王主任", "bench-password-1", ("supervisor",))])
    times, outcome = [], {}
    for run in range(runs):
        target = dbs.copy(template, f"ledger_run{run}")
        with opened(target) as db:
            actor = authenticate(db, "bench", "bench-password-1")
            started = time.perf_counter()
            result = importer.import_ledger(db, actor, csv_path)
            times.append(time.perf_counter() - started)
            outcome = {"imported": result.imported, "rejected": result.rejected}
    return times, outcome

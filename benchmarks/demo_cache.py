"""Demo databases for the benchmark runner, built once and reused.

A SQLite database is a file in the cache folder, built under a temporary name and renamed only when the
demo finished; a PostgreSQL database is one per (size, seed) on the given server, created when missing.
Either way the database records what it holds in `local_setting` under `benchmark.demo` (seed, cases,
today, schema revision), written last: a database without it, or with other values, is rebuilt.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

MARKER_KEY = "benchmark.demo"


@dataclass(frozen=True)
class DemoSpec:
    cases: int
    seed: int
    today: date

    def marker(self, revision: str) -> dict:
        return {"cases": self.cases, "seed": self.seed, "today": self.today.isoformat(), "revision": revision}

    @property
    def stem(self) -> str:
        return f"demo-{self.cases}-s{self.seed}-{self.today.isoformat()}"


@dataclass(frozen=True)
class CachedDemo:
    """Where the database is (a file path or a URL), whether it was built now, and how long that took."""

    target: str
    backend: str
    built: bool
    build_s: float | None
    marker: dict


def read_marker(target: str) -> dict | None:
    """The `benchmark.demo` record of a database, or None when it has none or cannot be opened."""
    from app.database import open_database
    from db.models import LocalSetting

    try:
        db = open_database(target)
    except Exception:  # noqa: BLE001 - an unusable cache is simply rebuilt
        return None
    try:
        with db.read_session() as s:
            value = s.scalar(select(LocalSetting.value).where(LocalSetting.key == MARKER_KEY))
        return json.loads(value) if value else None
    except Exception:  # noqa: BLE001
        return None
    finally:
        db.close()


def _upgrade(target: str, spec: DemoSpec, log: Callable[[str], None]) -> None:
    """Bring a cached demo built at an older schema revision to head, as a centre's database would be
    (the migrations keep every row; rebuilding 1M cases takes an hour).
    Only a database whose marker matches `spec` apart from the revision; no backup copy is made."""
    from db import schema
    from db.engine import make_engine, to_url

    engine = make_engine(to_url(target), foreign_keys=False)
    try:
        st = schema.state(engine)
        if st.current is None or st.at_head or not st.known:
            return
        with engine.connect() as conn:
            value = conn.execute(text("SELECT value FROM local_setting WHERE key = :k"), {"k": MARKER_KEY}).scalar()
        if not value or json.loads(value) != spec.marker(st.current):
            return
        log(f"upgrading the cached demo from revision {st.current} to {st.head} …")
        schema.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE local_setting SET value = :v WHERE key = :k"),
                         {"v": json.dumps(spec.marker(st.head)), "k": MARKER_KEY})
    finally:
        engine.dispose()


def _build(target: str, spec: DemoSpec, log: Callable[[str], None]) -> float:
    from app.database import open_database
    from app.demo import generate
    from db.models import LocalSetting
    from db.schema import head_revision

    db = open_database(target, create=True)
    started = time.perf_counter()
    try:
        shown: set[int] = set()

        def progress(done: int, total: int) -> None:
            if total and done % max(total // 10, 1000) == 0 and done not in shown:
                shown.add(done)
                log(f"  {done} / {total} cases")

        generate(db, cases=spec.cases, seed=spec.seed, today=spec.today, progress=progress)
        with db.write_session() as s:
            s.merge(LocalSetting(key=MARKER_KEY, value=json.dumps(spec.marker(head_revision()))))
            s.commit()
        if not db.is_sqlite:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")  # statistics as autovacuum would give them a little later
    finally:
        db.close()
    return time.perf_counter() - started


def sqlite_demo(cache: Path, spec: DemoSpec, *, rebuild: bool = False,
                log: Callable[[str], None] = print) -> CachedDemo:
    from db.schema import head_revision

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{spec.stem}.sqlite"
    wanted = spec.marker(head_revision())
    if path.exists() and not rebuild:
        _upgrade(str(path), spec, log)
        if read_marker(str(path)) == wanted:
            return CachedDemo(str(path), "sqlite", False, None, wanted)
        log(f"{path.name}: stale or incomplete, rebuilding")
    partial = cache / f"{spec.stem}.building.sqlite"
    for leftover in (partial, *_sidecars(partial)):
        leftover.unlink(missing_ok=True)
    log(f"building {spec.cases} demo cases into {path} …")
    took = _build(str(partial), spec, log)
    for old in (path, *_sidecars(path)):
        old.unlink(missing_ok=True)
    partial.rename(path)
    return CachedDemo(str(path), "sqlite", True, took, wanted)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def pg_demo(server_url: str, spec: DemoSpec, *, rebuild: bool = False, prefix: str = "ipaid_bench",
            log: Callable[[str], None] = print) -> CachedDemo:
    """One database per size and seed on the server of `server_url` (its own database name is ignored),
    named `<prefix>_<cases>_s<seed>_<today>`."""
    from db.schema import head_revision

    base = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{spec.cases}_s{spec.seed}_{spec.today:%Y%m%d}"
    target = base.set(database=name).render_as_string(hide_password=False)
    wanted = spec.marker(head_revision())
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if exists and not rebuild:
                _upgrade(target, spec, log)
            if exists and not rebuild and read_marker(target) == wanted:
                return CachedDemo(target, "postgresql", False, None, wanted)
            if exists:
                log(f"{name}: stale or incomplete, rebuilding")
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    log(f"building {spec.cases} demo cases into PostgreSQL database {name} …")
    took = _build(target, spec, log)
    return CachedDemo(target, "postgresql", True, took, wanted)

"""Benchmark: import a generated 10k-row ledger (design.md §6 target: ≤ 4 s).

    PYTHONPATH=. python benchmarks/ledger_import.py [--rows 10000] [--runs 3] [--db-url URL]

Each run imports the same CSV into a fresh, initialised database and prints the time per phase
(reading and checking rows; matching and building records; the unit of work's audit events and
search tokens) and the median over the runs. Without --db-url a SQLite file in a temp folder.
"""
from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ledger_rows import ledger_rows, write_csv  # noqa: E402


def _timed(owner, name: str, key: str, spent: dict) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def fresh_database(folder: Path, run: int, url: str | None):
    from app.database import open_database
    from app.services.setup import NewAccount, initialise

    target = url or str(folder / f"bench-{run}.sqlite")
    db = open_database(target, create=True)
    actor = initialise(db, centre_name="基准测试中心", centre_short="基",
                       accounts=[NewAccount("bench", "王主任", "bench-password-1", ("supervisor",))])[0]
    return db, actor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db-url", help="an EMPTY PostgreSQL database per run is needed; SQLite when omitted")
    args = parser.parse_args()

    import app.service as service
    from app import audit
    from app.ledger import importer

    spent: dict[str, float] = {}
    _timed(importer, "check_rows", "read+check rows", spent)
    _timed(importer.Plan, "write", "match+build+flush", spent)
    _timed(service, "reindex_objects", "search tokens", spent)
    _timed(audit.Chain, "append", "audit events", spent)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = write_csv(folder / "ledger.csv", ledger_rows(args.rows))
        totals = []
        for run in range(args.runs):
            db, actor = fresh_database(folder, run, args.db_url)
            spent.clear()
            started = time.perf_counter()
            result = importer.import_ledger(db, actor, csv_path)
            totals.append(time.perf_counter() - started)
            db.close()
            phases = "  ".join(f"{k} {v:.2f}s" for k, v in spent.items())
            print(f"run {run + 1}: {totals[-1]:.2f}s  imported {result.imported}, rejected {result.rejected}  [{phases}]")
            if args.db_url:
                break  # a PostgreSQL database is not fresh after the first run
    print(f"ledger import of {args.rows} rows: median {statistics.median(totals):.2f}s (target 4 s)")


if __name__ == "__main__":
    main()

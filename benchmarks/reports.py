"""Benchmark: the monthly summary (PDF + Excel) over a 100k-case database (target ≤ 1.5 s), and the
figures alone (`report monthly --json`).

    PYTHONPATH=. python benchmarks/reports.py [--cases 100000] [--runs 5] [--db FILE]

Builds the database once (kept with --db FILE and reused when it exists), then times, per run:
gathering the figures of three periods, the lists and the chain heads (`build_summary`), the PDF and
the workbook. Prints each run and the medians. The first run includes loading the fonts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "bench-password-1"


def prepare(path: Path, cases: int):
    from app.database import open_database
    from app.services.setup import NewAccount, initialise
    from app.services.users import authenticate
    from benchmarks.report_data import fill

    existed = path.exists()
    db = open_database(str(path), create=True)
    if not existed:
        started = time.perf_counter()
        actor = initialise(db, centre_name="基准测试知识产权保护中心", centre_short="基",
                           accounts=[NewAccount("bench", "王主任", PASSWORD, ("supervisor",))])[0]
        fill(db, actor.centre_id, cases)
        print(f"built {cases} cases in {time.perf_counter() - started:.1f}s")
    return db, authenticate(db, "bench", PASSWORD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--db", help="SQLite file to build (or reuse)")
    args = parser.parse_args()

    from app.reports import service
    from app.reports.periods import parse_month
    from app.reports.summary import build_summary
    from app.reports.summary_pdf import summary_pdf
    from app.reports.summary_xlsx import summary_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        db, actor = prepare(Path(args.db) if args.db else Path(tmp) / "bench.sqlite", args.cases)
        period = parse_month(args.month)
        figures, totals = [], []
        for run in range(args.runs):
            t0 = time.perf_counter()
            service.figures(db, actor, period)
            t1 = time.perf_counter()
            summary = build_summary(db, actor, period)
            t2 = time.perf_counter()
            pdf = summary_pdf(summary)
            t3 = time.perf_counter()
            xlsx = summary_xlsx(summary)
            t4 = time.perf_counter()
            figures.append(t1 - t0)
            totals.append(t4 - t1)
            sizes = {k: len(v) for k, v in summary.lists.items() if v}
            print(f"run {run + 1}: figures {t1 - t0:.3f}s | summary data {t2 - t1:.3f}s, pdf {t3 - t2:.3f}s "
                  f"({len(pdf) // 1024} KB), xlsx {t4 - t3:.3f}s ({len(xlsx) // 1024} KB) = {t4 - t1:.3f}s")
        print(f"list sizes: {sizes}")
        print(f"monthly figures (--json): median {statistics.median(figures):.3f}s")
        print(f"monthly PDF + Excel: median {statistics.median(totals):.3f}s (target 1.5 s)")
        db.close()


if __name__ == "__main__":
    main()

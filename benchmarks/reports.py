"""Benchmark: the monthly summary (PDF + Excel) over a 100k-case database (target ≤ 1.5 s), and the
figures alone (`report monthly --json`).

    PYTHONPATH=. python benchmarks/reports.py [--cases 100000] [--runs 5] [--db FILE]

Builds the database once (kept with --db FILE and reused when it exists), then times, per run:
gathering the figures of three periods, the lists and the chain heads (`build_summary`), the PDF and
the workbook. Prints each run and the medians, as wall-clock and as CPU time. The first run includes loading the fonts.
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


class _Clock:
    """Wall time and this process's CPU time per phase: on a shared machine the CPU time is the
    steadier figure (other processes stretch the wall clock, not the work done)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.wall[name], self.cpu[name] = wall - self._wall, cpu - self._cpu
        self._wall, self._cpu = wall, cpu


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
        phases = ("figures", "summary data", "pdf", "xlsx")
        wall: dict[str, list[float]] = {k: [] for k in phases}
        cpu: dict[str, list[float]] = {k: [] for k in phases}
        for run in range(args.runs):
            clock = _Clock()
            service.figures(db, actor, period)
            clock.lap("figures")
            summary = build_summary(db, actor, period)
            clock.lap("summary data")
            pdf = summary_pdf(summary)
            clock.lap("pdf")
            xlsx = summary_xlsx(summary)
            clock.lap("xlsx")
            for k in phases:
                wall[k].append(clock.wall[k])
                cpu[k].append(clock.cpu[k])
            sizes = {k: len(v) for k, v in summary.lists.items() if v}
            print(f"run {run + 1}: " + " | ".join(f"{k} {clock.wall[k]:.3f}s (cpu {clock.cpu[k]:.3f}s)" for k in phases)
                  + f" | pdf {len(pdf) // 1024} KB, xlsx {len(xlsx) // 1024} KB")
        print(f"list sizes: {sizes}")
        for k in phases:
            print(f"{k:>13}: median {statistics.median(wall[k]):.3f}s wall, {statistics.median(cpu[k]):.3f}s cpu")
        total = [sum(wall[k][i] for k in phases[1:]) for i in range(args.runs)]
        total_cpu = [sum(cpu[k][i] for k in phases[1:]) for i in range(args.runs)]
        print(f"monthly figures (--json): median {statistics.median(wall['figures']):.3f}s")
        print(f"monthly PDF + Excel: median {statistics.median(total):.3f}s wall, "
              f"{statistics.median(total_cpu):.3f}s cpu (target 1.5 s)")
        db.close()


if __name__ == "__main__":
    main()

"""The benchmark suite in one runner: design.md §7's performance targets, measured.

    PYTHONPATH=. python -m benchmarks.run [--sizes 100000 1000000] [--pg-url URL] [--out results.json]

For each size it builds (once; cached, see demo_cache.py) an `ipaid demo` database with a fixed seed and
--today, on SQLite and, with --pg-url, on PostgreSQL, and measures with query sets drawn from a fixed seed:

* cold start to a shown main window (a fresh offscreen process per run, sign-in dialog filled by code);
* the case list's first page, the search box (2 characters, 3+ characters, pinyin initials, a right
  number) and opening a case — through the service functions the GUI calls;
* the monthly figures, and the monthly summary as PDF + Excel; a 10-page opinion PDF;
* importing a return bundle and a ledger (each into a fresh centre on the same backend);
* peak RSS of the runner and of the GUI process.

List, searches and the report's aggregation run beside the same query written by hand in SQL
(raw_sql.py); the ratio service ÷ hand-written is shown. Prints a table; `--out` writes JSON.
Timed values are medians and 95th percentiles in milliseconds. Targets are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 1)
MONTH = "2026-10"
DEMO_PASSWORD = "demo"

# design.md §7 (milliseconds; RSS in MB)
TARGETS = {
    "start_window": 1000, "list_first_page": 20, "search_2char": 30, "search_3plus": 30, "search_initials": 30,
    "search_right_number": 30, "open_case": 30, "report_pdf_excel": 1500, "opinion_pdf_10_pages": 300,
    "bundle_import": 2000, "ledger_import": 4000,
}
RATIO_TARGET = 2.0
SEARCH_KINDS = {"search_2char": "two_char", "search_3plus": "three_plus", "search_initials": "initials",
                "search_right_number": "right_number"}


# ------------------------------------------------------------------------------ figures
def summary(ms: list[float]) -> dict:
    ordered = sorted(ms)
    p95 = ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]
    return {"median_ms": round(statistics.median(ordered), 3), "p95_ms": round(p95, 3), "n": len(ordered)}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def measurement(ms: list[float], raw_ms: list[float] | None = None, agree: float | None = None, **extra) -> dict:
    out = summary(ms)
    if raw_ms:
        raw = summary(raw_ms)
        out["raw_median_ms"], out["raw_p95_ms"] = raw["median_ms"], raw["p95_ms"]
        out["ratio"] = round(out["median_ms"] / max(raw["median_ms"], 1e-6), 2)
    if agree is not None:
        out["raw_agrees"] = round(agree, 3)  # share of queries where the hand-written SQL gave the same rows
    out.update(extra)
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "system": platform.platform(),
            "python": platform.python_version()}


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# ------------------------------------------------------------------------------ the reads
def warm_sqlite_file(path: str) -> None:
    """A centre's database is read all day: measure with the file in the OS cache, as it is then."""
    with open(path, "rb") as fh:
        while fh.read(1 << 24):
            pass


def measure_reads(db, queries, runs: int, log) -> dict:
    """List, searches and opening a case: service call and hand-written SQL, alternating per query."""
    from app.services import case_search, cases
    from app.services.case_search import PAGE, CaseFilter
    from app.services.users import authenticate
    from benchmarks import raw_sql

    actor = authenticate(db, "caseworker", DEMO_PASSWORD)
    raw_conn = db.engine.raw_connection()
    try:
        cursor = raw_conn.cursor()
        centre = raw_sql.centre_of(cursor, "caseworker")

        def service(flt: CaseFilter):
            return [r.id for r in case_search.list_cases(db, actor, flt, limit=PAGE, today=TODAY)]

        def raw(search):
            sql, params = raw_sql.page_statement(db.is_sqlite, centre, PAGE, search)
            cursor.execute(sql, params)
            return [raw_sql.as_uuid(r[0]) for r in cursor.fetchall()]

        service(CaseFilter())  # first call of a process pays for imports and statement caches
        raw(None)
        out: dict[str, dict] = {}
        jobs = {"list_first_page": [(CaseFilter(), None)] * runs}
        for name, kind in SEARCH_KINDS.items():
            jobs[name] = [(CaseFilter(query=q), (kind, q)) for q in getattr(queries, kind)]
        for name, items in jobs.items():
            ms, raw_ms, same = [], [], 0
            for flt, search in items:
                t, got = timed(lambda: service(flt))
                t_raw, expected = timed(lambda: raw(search))
                ms.append(t)
                raw_ms.append(t_raw)
                same += got == expected
            out[name] = measurement(ms, raw_ms, same / len(items))
            log(f"  {name}: {out[name]['median_ms']:.1f} ms (hand-written {out[name]['raw_median_ms']:.1f} ms)")
        cases.get_case(db, actor, queries.case_ids[0], today=TODAY)
        ms = [timed(lambda: cases.get_case(db, actor, i, today=TODAY))[0] for i in queries.case_ids]
        out["open_case"] = measurement(ms)
        log(f"  open_case: {out['open_case']['median_ms']:.1f} ms")
        cursor.close()
    finally:
        raw_conn.close()
    return out


def measure_report(db, runs: int, log) -> dict:
    """The monthly figures (service vs hand-written SQL) and the summary as PDF + Excel."""
    from zoneinfo import ZoneInfo

    from app import settings as centre_settings
    from app.reports import service
    from app.reports.figures import ordinal_of
    from app.reports.periods import parse_month
    from app.reports.summary import build_summary
    from app.reports.summary_pdf import summary_pdf
    from app.reports.summary_xlsx import summary_xlsx
    from app.services.users import authenticate
    from benchmarks import raw_sql
    from db.models import Centre

    actor = authenticate(db, "supervisor", DEMO_PASSWORD)
    period = parse_month(MONTH)
    raw_conn = db.engine.raw_connection()
    try:
        cursor = raw_conn.cursor()
        with db.read_session() as s:
            values = centre_settings.get_all(s, actor.centre_id)
            zone = ZoneInfo(s.get(Centre, actor.centre_id).timezone or "Asia/Shanghai")
            inputs = raw_sql.FigureInputs(raw_sql.centre_of(cursor, "supervisor"), period.first, period.last,
                                          ordinal_of(s, period.last) or 0, int(values["limit_decision_workdays"]),
                                          int(values["limit_close_workdays"]), zone)
        figures = service.figures(db, actor, period).as_json()
        by_hand = raw_sql.monthly_figures(cursor, db.is_sqlite, inputs)
        compared = ("registered", "accepted", "rejected", "closed", "open_at_end", "sme", "overseas",
                    "overdue_at_end", "ytd_registered")
        agree = all(figures[k] == by_hand[k] for k in compared)
        ms, raw_ms = [], []
        for _ in range(runs):
            ms.append(timed(lambda: service.figures(db, actor, period))[0])
            raw_ms.append(timed(lambda: raw_sql.monthly_figures(cursor, db.is_sqlite, inputs))[0])
        cursor.close()
    finally:
        raw_conn.close()
    out = {"report_figures": measurement(ms, raw_ms, 1.0 if agree else 0.0)}
    log(f"  report_figures: {out['report_figures']['median_ms']:.1f} ms "
        f"(hand-written {out['report_figures']['raw_median_ms']:.1f} ms)")
    warm = build_summary(db, actor, period)  # fonts and styles load once per process, as in the program
    summary_pdf(warm)
    summary_xlsx(warm)
    ms = []
    for _ in range(runs):
        def both():
            made = build_summary(db, actor, period)
            return summary_pdf(made), summary_xlsx(made)
        t, (pdf, xlsx) = timed(both)
        ms.append(t)
    out["report_pdf_excel"] = measurement(ms, pdf_bytes=len(pdf), xlsx_bytes=len(xlsx))
    log(f"  report_pdf_excel: {out['report_pdf_excel']['median_ms']:.0f} ms")
    return out


def measure_opinion(runs: int, log) -> dict:
    from app.pdf.fonts import default_fonts
    from app.pdf.opinion_pdf import render_opinion
    from benchmarks.opinion_pdf import page_count, ten_page_view

    default_fonts()
    view = ten_page_view(rows=30, paragraphs=14)
    pages = page_count(render_opinion(view))
    ms = [timed(lambda: render_opinion(view))[0] for _ in range(runs)]
    out = measurement(ms, pages=pages)
    log(f"  opinion_pdf_10_pages: {out['median_ms']:.0f} ms ({pages} pages)")
    return out


# ------------------------------------------------------------------------------ cold start
def measure_start(target: str, runs: int, log) -> dict:
    """A fresh process per run: interpreter, imports, database check, sign-in (argon2), window shown."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    shown, ready, peaks = [], [], []
    with tempfile.TemporaryDirectory() as home:
        # Own settings, data and log folders: never the user's; no remembered window state.
        env.update(XDG_CONFIG_HOME=home, IPAID_DATA_DIR=f"{home}/data", IPAID_LOG_DIR=f"{home}/log")
        for _ in range(runs):
            started = time.time()
            done = subprocess.run([sys.executable, "-m", "benchmarks.start_probe", target, "caseworker",
                                   DEMO_PASSWORD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
            if done.returncode != 0 or not lines:
                raise RuntimeError(f"start probe failed ({done.returncode}): {done.stdout[-500:]} {done.stderr[-2000:]}")
            report = json.loads(lines[-1])
            shown.append((report["shown"] - started) * 1000)
            ready.append((report["ready"] - started) * 1000)
            peaks.append(report["peak_rss_mb"])
    out = {"start_window": measurement(shown), "start_ready": measurement(ready),
           "gui_peak_rss_mb": round(max(peaks), 1)}
    log(f"  start_window: {out['start_window']['median_ms']:.0f} ms (first page's reads in: "
        f"{out['start_ready']['median_ms']:.0f} ms), GUI peak RSS {out['gui_peak_rss_mb']} MB")
    return out


# ------------------------------------------------------------------------------ imports
def measure_imports(pg_url: str | None, records: int, runs: int, log) -> dict:
    from benchmarks.imports import Databases, bundle_import_times, ledger_import_times

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp), pg_url)
        try:
            (Path(tmp) / "bundle").mkdir()
            seconds, counts = bundle_import_times(dbs, Path(tmp) / "bundle", records, runs)
            out["bundle_import"] = measurement([s * 1000 for s in seconds], records=records, counts=counts)
            log(f"  bundle_import ({records} records): {out['bundle_import']['median_ms']:.0f} ms")
            (Path(tmp) / "ledger").mkdir()
            seconds, outcome = ledger_import_times(dbs, Path(tmp) / "ledger", records, runs)
            out["ledger_import"] = measurement([s * 1000 for s in seconds], rows=records, **outcome)
            log(f"  ledger_import ({records} rows): {out['ledger_import']['median_ms']:.0f} ms")
        finally:
            dbs.drop_all()
    return out


# ------------------------------------------------------------------------------ one database
def run_one(cached, args, log) -> dict:
    from app.database import open_database
    from benchmarks.query_sets import draw

    entry: dict = {"backend": cached.backend, "cases": cached.marker["cases"], "demo": cached.marker,
                   "demo_built_now": cached.built, "demo_build_s": round(cached.build_s, 1) if cached.build_s else None}
    log(f"{cached.backend}, {cached.marker['cases']} cases:")
    if cached.backend == "sqlite":
        warm_sqlite_file(cached.target)
        entry["warm_file_cache"] = True
    entry["measurements"] = measure_start(cached.target, args.start_runs, log)
    db = open_database(cached.target)
    try:
        queries = draw(db, args.seed + 100, args.queries)
        entry["queries"] = queries.as_json()
        entry["measurements"].update(measure_reads(db, queries, args.queries, log))
        entry["measurements"].update(measure_report(db, args.report_runs, log))
    finally:
        db.close()
    entry["rss_after_reads_mb"] = round(rss_mb(), 1)
    return entry


# ------------------------------------------------------------------------------ output
ROWS = ("start_window", "start_ready", "list_first_page", "search_2char", "search_3plus", "search_initials",
        "search_right_number", "open_case", "report_figures", "report_pdf_excel", "opinion_pdf_10_pages",
        "bundle_import", "ledger_import")


def table(results: dict) -> str:
    lines = []
    for entry in results["runs"]:
        m = entry["measurements"]
        lines.append(f"\n{entry['backend']} · {entry['cases']:,} cases"
                     + (" (file in OS cache)" if entry.get("warm_file_cache") else ""))
        lines.append(f"{'measurement':22} {'median ms':>10} {'p95 ms':>9} {'raw SQL ms':>11} {'ratio':>6} "
                     f"{'target':>7}  ok")
        for name in ROWS:
            if name not in m:
                continue
            v = m[name]
            target = TARGETS.get(name)
            raw = f"{v['raw_median_ms']:.1f}" if "raw_median_ms" in v else ""
            ratio = f"{v['ratio']:.2f}" if "ratio" in v else ""
            ok = []
            if target is not None:
                ok.append("✓" if v["median_ms"] <= target else "✗")
            if "ratio" in v:
                ok.append("✓" if v["ratio"] <= RATIO_TARGET else "✗")
            lines.append(f"{name:22} {v['median_ms']:>10.1f} {v['p95_ms']:>9.1f} {raw:>11} {ratio:>6} "
                         f"{(str(target) if target else ''):>7}  {' '.join(ok)}")
        lines.append(f"{'GUI peak RSS MB':22} {m['gui_peak_rss_mb']:>10.1f}{'':>37}{250:>7}  "
                     + ("✓" if m["gui_peak_rss_mb"] <= 250 else "✗"))
        lines.append(f"{'runner peak RSS MB':22} {entry['peak_rss_mb']:>10.1f}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], metavar="N",
                   help="demo database sizes in cases (default: 100000 1000000)")
    p.add_argument("--seed", type=int, default=1, help="demo seed; query sets use seed + 100 (default 1)")
    p.add_argument("--today", type=date.fromisoformat, default=TODAY, help="demo --today (default 2026-11-01)")
    p.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "ipaid-bench",
                   help="folder of the cached SQLite demo databases")
    p.add_argument("--pg-url", help="PostgreSQL server (any database on it); one database per size is "
                                    "created there and kept")
    p.add_argument("--pg-prefix", default="ipaid_bench", help="name prefix of those databases")
    p.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    p.add_argument("--rebuild", action="store_true", help="rebuild the demo databases even if cached")
    p.add_argument("--queries", type=int, default=20, help="queries per search kind, list and open runs (20)")
    p.add_argument("--start-runs", type=int, default=5, help="cold starts per database (5)")
    p.add_argument("--report-runs", type=int, default=5, help="runs of the monthly report (5)")
    p.add_argument("--opinion-runs", type=int, default=10, help="runs of the opinion PDF (10)")
    p.add_argument("--import-records", type=int, default=10_000, help="records per bundle and rows per ledger")
    p.add_argument("--import-runs", type=int, default=3, help="imports of each kind per backend (3)")
    p.add_argument("--out", type=Path, help="write the results as JSON to this file")
    p.add_argument("--quiet", action="store_true", help="print only the table")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from benchmarks.demo_cache import DemoSpec, pg_demo, sqlite_demo
    from db.schema import head_revision

    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, flush=True))
    backends = ([] if args.no_sqlite else ["sqlite"]) + (["postgresql"] if args.pg_url else [])
    if not backends:
        print("nothing to measure: --no-sqlite without --pg-url", file=sys.stderr)
        return 2
    results: dict = {
        "date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"), "machine": machine(),
        "commit": git_commit(), "schema_revision": head_revision(), "sizes": sorted(args.sizes),
        "backends": backends, "seed": args.seed, "today": args.today.isoformat(), "month": MONTH,
        "targets_ms": TARGETS, "ratio_target": RATIO_TARGET, "runs": [],
    }
    log("opinion PDF (no database):")
    opinion = measure_opinion(args.opinion_runs, log)
    for backend in backends:
        entries = []
        for size in sorted(args.sizes):  # reads before imports: the runner's RSS after them means something
            spec = DemoSpec(size, args.seed, args.today)
            cached = (sqlite_demo(args.cache, spec, rebuild=args.rebuild, log=log) if backend == "sqlite"
                      else pg_demo(args.pg_url, spec, rebuild=args.rebuild, prefix=args.pg_prefix, log=log))
            entries.append(run_one(cached, args, log))
        log(f"imports on {backend} (each into a fresh centre):")
        imports = measure_imports(args.pg_url if backend == "postgresql" else None, args.import_records,
                                  args.import_runs, log)
        for entry in entries:
            entry["measurements"]["opinion_pdf_10_pages"] = opinion
            entry["measurements"].update(imports)
            entry["peak_rss_mb"] = round(rss_mb(), 1)
            results["runs"].append(entry)
    print(table(results))
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        log(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

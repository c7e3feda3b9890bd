"""Case list, search and opening a case on a 100k-case database (design.md §7 targets:
list first page ≤ 20 ms; searches and opening a case ≤ 30 ms; medians on this machine).

    PYTHONPATH=$PWD python benchmarks/cases.py [--cases 100000] [--db URL] [--runs 25] [--json F]

The SQLite database is built once and cached in benchmarks/cache/ (delete it to rebuild). With
--db postgresql://… the given (empty) database is filled instead. Query sets come from a fixed seed.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from app.database import open_database  # noqa: E402
from app.search.tokens import INITIALS_PREFIX, pinyin_tokens, normalise  # noqa: E402
from app.services import case_search, cases  # noqa: E402
from app.services.setup import holds_data  # noqa: E402
from app.services.users import authenticate  # noqa: E402
from benchmarks.case_data import build  # noqa: E402
from db.models import AssistCase, IpRight, Party  # noqa: E402

TODAY = date(2026, 11, 1)


def median_ms(fn, args_list) -> float:
    times = []
    for args in args_list:
        started = time.perf_counter()
        fn(*args)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--db", default=None, help="PostgreSQL URL of an empty database (default: cached SQLite file)")
    p.add_argument("--runs", type=int, default=25)
    p.add_argument("--json", default=None)
    p.add_argument("--cold", action="store_true", help="do not read the SQLite file into the OS cache first")
    args = p.parse_args()
    target = args.db or str(HERE / "cache" / f"cases-{args.cases}-seed{args.seed}.sqlite")
    if not args.db:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    db = open_database(target, create=True)
    fresh = not holds_data(db)
    if fresh:
        print(f"building {args.cases} cases in {db.label} …")
        started = time.perf_counter()
        build(db, args.cases, args.seed, TODAY)
        print(f"built in {time.perf_counter() - started:.0f} s")
    if db.is_sqlite and not args.cold:
        # A centre's database is read all day; measure with the file in the OS cache, as it is then.
        with open(target, "rb") as fh:
            while fh.read(1 << 24):
                pass
    actor = authenticate(db, "caseworker", "demo")
    rng = random.Random(args.seed + 100)
    with db.read_session() as s:
        case_ids = s.scalars(select(AssistCase.id).limit(20000)).all()
        names = s.scalars(select(Party.name).where(Party.kind == "person").limit(20000)).all()
        companies = s.scalars(select(Party.name).where(Party.kind == "enterprise").limit(20000)).all()
        numbers = s.scalars(select(IpRight.number).where(IpRight.kind == "invention").limit(20000)).all()
    runs = args.runs
    two_char = []
    for name in rng.sample(companies, runs):
        i = rng.randrange(0, len(name) - 1)
        two_char.append(name[i:i + 2])
    initials = []
    for name in rng.sample(names, runs):
        found = sorted(t for t in pinyin_tokens(normalise(name)) if t.startswith(INITIALS_PREFIX))
        initials.append(found[0][len(INITIALS_PREFIX):])
    # warm-up: first query of a process pays for imports and prepared statements
    case_search.list_cases(db, actor, limit=50, today=TODAY)
    results = {
        "list_first_page_ms": median_ms(lambda: case_search.list_cases(db, actor, limit=50, today=TODAY),
                                        [()] * runs),
        "search_2char_chinese_ms": median_ms(lambda q: case_search.search(db, actor, q, 50),
                                             [(q,) for q in two_char]),
        "search_pinyin_initials_ms": median_ms(lambda q: case_search.search(db, actor, q, 50),
                                               [(q,) for q in initials]),
        "search_right_number_ms": median_ms(lambda q: case_search.search(db, actor, q, 50),
                                            [(q,) for q in rng.sample(numbers, runs)]),
        "open_case_ms": median_ms(lambda i: cases.get_case(db, actor, i, today=TODAY),
                                  [(i,) for i in rng.sample(case_ids, runs)]),
    }
    results["backend"] = "sqlite" if db.is_sqlite else "postgresql"
    results["warm_file_cache"] = db.is_sqlite and not args.cold
    results["cases"] = args.cases
    for key, value in results.items():
        print(f"{key:28} {value:.1f}" if isinstance(value, float) else f"{key:28} {value}")
    print("queries:", "2-char", two_char[:5], "initials", initials[:5])
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

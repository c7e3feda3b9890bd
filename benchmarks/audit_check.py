"""How long `audit verify` and `check` take on a database with many evented rows.

    PYTHONPATH=. python benchmarks/audit_check.py [--parties 20000] [--db /tmp/bench.sqlite]

Prints JSON: rows, events, seconds for verify, check and one backup.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from app.backup import copy_sqlite
from app.database import open_database
from app.integrity import check_database, verify_audit
from app.service import service_call
from app.services.setup import NewAccount, initialise
from db.models import Party


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=20000)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = Path(args.db) if args.db else folder / "bench.sqlite"
    db = open_database(str(path))
    admin = initialise(db, centre_name="基准中心", centre_short="",
                       accounts=[NewAccount("admin", "管理员", "benchmark-pw", ("admin",))])[0]
    batch = 500
    for start in range(0, args.parties, batch):
        with service_call(db, admin, roles=None, action="bench.create") as s:
            s.add_all(Party(centre_id=admin.centre_id, kind="person" if n % 2 else "enterprise",
                            name=f"当事人{n}", phone=f"138{n:08d}", region="沈阳")
                      for n in range(start, min(start + batch, args.parties)))
    figures = {"parties": args.parties}
    t = time.perf_counter()
    audit = verify_audit(db, admin)
    figures["verify_s"] = round(time.perf_counter() - t, 2)
    figures["events"] = sum(c.report.events for c in audit.chains)
    t = time.perf_counter()
    result = check_database(db, admin)
    figures["check_s"] = round(time.perf_counter() - t, 2)
    figures["check_ok"] = result.ok
    t = time.perf_counter()
    figures["backup_mb"] = round(copy_sqlite(path, folder / "copy.sqlite") / 1_048_576, 1)
    figures["backup_s"] = round(time.perf_counter() - t, 2)
    db.close()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Export and import times of a 10k-record return bundle (design.md §7 target: import ≤ 2 s).

A centre with one fair of 2,500 exhibitors issues a kit; the laptop then creates 2,500 parties,
2,500 complaints and 2,500 patrol notes and changes all 2,500 exhibitors (10,000 records, 10,000
events on its audit chain). Times are medians of `--runs` imports, each into a fresh copy of the
centre. Prints JSON.

    PYTHONPATH=. python benchmarks/sync_bundle.py [--records 10000] [--runs 3] [--passphrase]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from app.database import open_database
from app.service import service_call
from app.services import fairs
from app.services.setup import NewAccount, initialise
from app.services.users import authenticate
from app.sync import export, kit, merge
from db.models import Exhibitor, FairComplaint, Party, PatrolNote

PASSWORD = "benchmark pw 1"


def build(work: Path, per_kind: int, passphrase: str | None):
    centre = open_database(str(work / "centre.sqlite"))
    admin = initialise(centre, centre_name="基准测试中心", centre_short="基",
                       accounts=[NewAccount("admin", "管理员", PASSWORD, ("admin", "fair_staff"))])[0]
    fair = fairs.create_fair(centre, admin, name="基准展会", starts_on=date(2026, 4, 15), ends_on=date(2026, 4, 19),
                             short_code="JZ")
    with service_call(centre, admin, roles=None, action="bench.exhibitors") as s:
        s.add_all(Exhibitor(centre_id=admin.centre_id, fair_id=fair.id, name=f"参展企业{i:05d}有限公司",
                            booth=f"{i // 100}A{i % 100:02d}", hall=str(i // 500)) for i in range(per_kind))
    kit.export_kit(centre, admin, fair.name, work / "kit", passphrase)
    laptop = open_database(str(work / "laptop.sqlite"))
    kit.open_kit(laptop, work / "kit", passphrase)
    who = authenticate(laptop, "admin", PASSWORD)
    start = datetime(2026, 4, 15, 1, tzinfo=timezone.utc)
    with service_call(laptop, who, roles=None, action="bench.work") as s:
        exhibitors = s.query(Exhibitor).all()
        for i, ex in enumerate(exhibitors):
            ex.products = f"展品{i}"
            p = Party(centre_id=who.centre_id, kind="enterprise", name=f"投诉企业{i:05d}")
            s.add(p)
            s.flush()
            s.add(FairComplaint(centre_id=who.centre_id, fair_id=fair.id, complaint_no=f"〔2026〕基展投字JZ-1第{i + 1:04d}号",
                                complainant_id=p.id, respondent_exhibitor_id=ex.id, respondent_name=ex.name,
                                booth=ex.booth, ip_kind="design", received_at=start + timedelta(minutes=i)))
            s.add(PatrolNote(centre_id=who.centre_id, fair_id=fair.id, at=start + timedelta(minutes=i),
                             hall=ex.hall, booth=ex.booth, text=f"巡查第{i}个展位，未见异常"))
    return centre, admin, laptop, who


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--passphrase", action="store_true", help="encrypt the bundles (adds scrypt + AES-GCM)")
    args = ap.parse_args()
    per_kind = args.records // 4
    phrase = "benchmark passphrase" if args.passphrase else None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        centre, admin, laptop, who = build(work, per_kind, phrase)
        centre.close()
        t0 = time.perf_counter()
        result = export.export_return(laptop, who, work / "back", phrase)
        export_s = time.perf_counter() - t0
        laptop.close()
        import app.service as unit_of_work

        indexing: list[float] = []
        plain_reindex = unit_of_work.reindex_objects

        def timed_reindex(session, objects, *args, **kwargs):
            t = time.perf_counter()
            plain_reindex(session, objects, *args, **kwargs)
            indexing.append(time.perf_counter() - t)

        unit_of_work.reindex_objects = timed_reindex  # to report the search index's share
        times, cpu, counts = [], [], {}
        for run in range(args.runs):
            copy = work / f"centre-{run}.sqlite"
            shutil.copy(work / "centre.sqlite", copy)
            db = open_database(str(copy))
            t0, c0 = time.perf_counter(), time.process_time()
            r = merge.import_bundle(db, admin, work / "back", phrase, receipt_out=work / "receipt")
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)  # this process's own work: steadier on a shared machine
            counts = r.counts
            db.close()
        print(json.dumps({
            "records": result.created + result.changed + result.deleted, "audit_events": result.audit_events,
            "bundle_bytes": (work / "back").stat().st_size, "encrypted": bool(phrase),
            "export_s": round(export_s, 3), "import_s_median": round(statistics.median(times), 3),
            "import_cpu_s_median": round(statistics.median(cpu), 3),
        "import_s_all": [round(t, 3) for t in times],
            "of_which_search_index_s": round(statistics.median(indexing), 3) if indexing else None,
            "import_counts": counts, "target_import_s": 2.0,
        }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

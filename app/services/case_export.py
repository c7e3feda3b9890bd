"""Excel export of the case list as filtered, identifiers masked (design.md §4)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from app.context import Actor
from app.database import Database
from app.services.case_search import CaseFilter, all_rows
from app.services.sheets import write_sheet

HEADERS = ("案件编号", "登记日期", "申请人", "申请人证件号码", "被申请人", "知识产权类型", "状态", "承办人", "当前期限")
WIDTHS = (26, 12, 30, 22, 30, 14, 10, 10, 12)


def export_xlsx(db: Database, actor: Actor, flt: CaseFilter, path: str | Path, *, sort: str = "registered_on",
                descending: bool = True, today: date | None = None) -> int:
    """Write the filtered list to `path`; returns the number of cases written."""
    rows = all_rows(db, actor, flt, sort=sort, descending=descending, today=today)
    return write_sheet(path, "援助案件", HEADERS, (
        (r.case_no, r.registered_on, r.applicant, r.applicant_identifier, r.opposing, r.ip_kind_label,
         r.status_label, r.assignee, r.due_on) for r in rows), widths=WIDTHS)

"""Excel export of the case list as filtered, identifiers masked (design.md §4)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.context import Actor
from app.database import Database
from app.errors import UsageError
from app.services.case_search import CaseFilter, all_rows

HEADERS = ("案件编号", "登记日期", "申请人", "申请人证件号码", "被申请人", "知识产权类型", "状态", "承办人", "当前期限")
WIDTHS = (26, 12, 30, 22, 30, 14, 10, 10, 12)


def export_xlsx(db: Database, actor: Actor, flt: CaseFilter, path: str | Path, *, sort: str = "registered_on",
                descending: bool = True, today: date | None = None) -> int:
    """Write the filtered list to `path`; returns the number of cases written."""
    rows = all_rows(db, actor, flt, sort=sort, descending=descending, today=today)
    wb = Workbook()
    ws = wb.active
    ws.title = "援助案件"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r.case_no, r.registered_on, r.applicant, r.applicant_identifier, r.opposing, r.ip_kind_label,
                   r.status_label, r.assignee, r.due_on])
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    for row in ws.iter_rows(min_row=2, min_col=9, max_col=9):
        row[0].number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    try:
        wb.save(str(path))
    except OSError as exc:
        raise UsageError(f"无法写入 {path}：{exc.strerror}。", english=f"cannot write {path}") from exc
    return len(rows)

"""Writing a list to an Excel workbook for people (openpyxl), with personal data masked by default.

Masking happens before a value reaches the workbook: a file once mailed cannot be taken back
(design.md §4: identifiers masked in lists, exports and reports unless the user chooses otherwise
and has the right to).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from app.context import Actor
from app.errors import PermissionDenied, UsageError
from app.privacy import UNMASK_ROLES
from app.rules.identifiers import mask_phone

# Who may export personal data in clear: the roles that may unmask (app.privacy).
REVEAL_ROLES = UNMASK_ROLES


def may_reveal(actor: Actor, reveal: bool) -> bool:
    """True when clear values were asked for and are allowed; refuses a user without the right."""
    if not reveal:
        return False
    if not actor.has_any(REVEAL_ROLES):
        raise PermissionDenied(
            "只有负责人或系统管理员可以导出未遮盖的个人信息。",
            english="only a supervisor or admin may export personal data unmasked",
        )
    return True


def masked_phone(value: str, reveal: bool) -> str:
    return value if reveal or not value else mask_phone(value)


def masked_email(value: str, reveal: bool) -> str:
    if reveal or not value or "@" not in value:
        return value
    user, domain = value.split("@", 1)
    return (user[:1] + "***@" + domain) if user else value


def write_sheet(path: str | Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
                widths: Sequence[int] | None = None) -> int:
    """Write one sheet with a bold header row and frozen panes; returns the number of data rows.
    Days are real dates shown yyyy-mm-dd; columns are as wide as their text unless `widths` says."""
    # openpyxl is imported here, not at the top: the window imports this module at start, and
    # openpyxl alone added a sixth of a second to every start for an export few people make.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    count = 0
    fixed_widths = widths
    widths = [len(h) * 2 + 2 for h in headers]
    for row in rows:
        values = ["" if v is None else v for v in row]
        ws.append(values)
        count += 1
        for i, v in enumerate(values):
            widths[i] = min(60, max(widths[i], len(str(v)) + 2))
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for i, width in enumerate(fixed_widths or widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    try:
        wb.save(str(path))
    except OSError as exc:
        raise UsageError(f"无法写入文件 {path}：{exc.strerror}。", english=f"cannot write {path}") from exc
    return count

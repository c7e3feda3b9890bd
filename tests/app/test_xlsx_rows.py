"""Case-list rows written as SpreadsheetML text (app/reports/xlsx_rows.py) read back in Excel's
terms: real dates and numbers with their formats, text exactly as given, odd characters safe."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from app.reports.xlsx_rows import Column, PendingRows


def build(rows: list[list], formats: list[str | None]) -> openpyxl.Workbook:
    book = Workbook(write_only=True)
    before = book.create_sheet("前")
    before.append(["在前"])
    ws = book.create_sheet("清单")
    header = WriteOnlyCell(ws, value="标题")
    ws.append([header])
    pending = PendingRows()
    assert pending.add(ws, [Column(ws, f) for f in formats], rows, first_row=2) == len(rows)
    book.create_sheet("后").append(["在后"])
    out = io.BytesIO()
    book.save(out)
    return openpyxl.load_workbook(io.BytesIO(pending.splice(out.getvalue())))


def test_rows_read_back_with_their_types_and_formats():
    book = build([
        ["〔2026〕维援字第0001号", date(2026, 9, 1), 12, None, "A&B <有限> 公司"],
        ["  前后空格 ", date(1999, 12, 31), 0, "", "控制\x07字符"],
    ], [None, "yyyy-mm-dd", "0", None, None])
    ws = book["清单"]
    assert ws.max_row == 3 and ws["A1"].value == "标题"
    assert ws["A2"].value == "〔2026〕维援字第0001号"
    assert ws["B2"].value == datetime(2026, 9, 1) and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["B3"].value == datetime(1999, 12, 31)
    assert ws["C2"].value == 12 and ws["C2"].number_format == "0" and ws["C3"].value == 0
    assert ws["D2"].value is None and ws["D3"].value is None
    assert ws["E2"].value == "A&B <有限> 公司"
    assert ws["A3"].value == "  前后空格 "  # spaces kept
    assert ws["E3"].value == "控制字符"  # a character XML cannot hold is dropped, not fatal
    # The sheets around it are untouched.
    assert book["前"]["A1"].value == "在前" and book["后"]["A1"].value == "在后"


def test_an_empty_list_leaves_only_the_header():
    book = build([], [None])
    assert book["清单"].max_row == 1

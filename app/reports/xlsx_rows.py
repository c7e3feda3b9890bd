"""Long case lists written straight as SpreadsheetML rows, then spliced into a workbook that
openpyxl saved.

openpyxl spends about 15 µs on every cell (a Cell object, type binding, style lookup, an lxml
element); a year-to-date list of 10 000 cases × 15 columns is over two seconds of that alone. The
rows written here are the very XML openpyxl writes in write-only mode (inline strings, numbers,
style ids of openpyxl's own number formats), at a fraction of the cost. openpyxl still writes
everything else: the header row, column widths, frozen panes, filters, styles and the package.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

# Excel's day 0 (its 1900 date system, with the 1900 leap-year quirk folded in as openpyxl does).
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
# Characters XML 1.0 cannot carry at all (openpyxl refuses them; a list must never fail on one).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_END = b"</sheetData>"
_EMPTY = b"<sheetData/>"


_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    if _SPECIAL.search(value):  # rare: most names and labels need no escaping
        value = _ILLEGAL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value[:1].isspace() or value[-1:].isspace():
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


class Column:
    """One column of a list: how to turn a value into a `<c>` element."""

    def __init__(self, ws, number_format: str | None) -> None:
        self.style = ""
        if number_format:
            # A throw-away cell registers the format in the workbook's styles and tells its id.
            probe = WriteOnlyCell(ws, value=0)
            probe.number_format = number_format
            self.style = f' s="{probe.style_id}"'

    def cell(self, ref: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return f'<c r="{ref}" t="inlineStr">{_text(value)}</c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, datetime):
            raise TypeError("instants are not written as list cells")  # no time zone rule here
        if isinstance(value, date):
            return f'<c r="{ref}"{self.style}><v>{value.toordinal() - _EXCEL_EPOCH}</v></c>'
        return f'<c r="{ref}"{self.style} t="n"><v>{value}</v></c>'


class PendingRows:
    """Rows for sheets of a write-only workbook, added to the saved package by `splice`."""

    def __init__(self) -> None:
        self._sheets: list[tuple[Any, bytes]] = []

    def add(self, ws, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, first_row: int) -> int:
        """Queue `rows` for `ws`, starting at row `first_row`; returns the number of rows."""
        letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        styles = [col.style for col in columns]
        parts: list[str] = []
        number = first_row - 1
        for number, values in enumerate(rows, start=first_row):
            cells = []
            # The common types inline, by exact type: a list is hundreds of thousands of cells.
            for col, letter, style, v in zip(columns, letters, styles, values):
                kind = type(v)
                if kind is str:
                    if v:
                        cells.append(f'<c r="{letter}{number}" t="inlineStr">{_text(v)}</c>')
                elif kind is int:
                    cells.append(f'<c r="{letter}{number}"{style} t="n"><v>{v}</v></c>')
                elif kind is date:
                    cells.append(f'<c r="{letter}{number}"{style}><v>{v.toordinal() - _EXCEL_EPOCH}</v></c>')
                elif v is not None:
                    cells.append(col.cell(f"{letter}{number}", v))
            parts.append(f'<row r="{number}">{"".join(cells)}</row>')
        self._sheets.append((ws, "".join(parts).encode("utf-8")))
        return number - first_row + 1

    def splice(self, package: bytes, compresslevel: int = 1) -> bytes:
        """The package with each queued sheet's rows put after its last written row.

        Level 1 deflate: the lists are repetitive XML, so the file grows by about a third
        over level 6 while compressing takes a fraction of the time."""
        by_path = {ws.path.lstrip("/"): rows for ws, rows in self._sheets}
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(package)) as src, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                rows = by_path.pop(info.filename, None)
                if rows is not None:
                    data = _extended(info.filename, data, rows)
                dst.writestr(info.filename, data)
        if by_path:
            raise ValueError(f"sheets missing from the package: {sorted(by_path)}")
        return out.getvalue()


def _extended(name: str, sheet: bytes, rows: bytes) -> bytes:
    if sheet.count(_END) == 1:
        return sheet.replace(_END, rows + _END)
    if sheet.count(_EMPTY) == 1:
        return sheet.replace(_EMPTY, b"<sheetData>" + rows + _END)
    raise ValueError(f"{name}: no single sheetData to extend")


__all__ = ["Column", "PendingRows"]

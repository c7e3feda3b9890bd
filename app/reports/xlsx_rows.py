"""Long case lists written straight as SpreadsheetML rows, then spliced into a workbook that
openpyxl saved.

openpyxl spends about 15 µs on every cell (a Cell object, type binding, style lookup, an lxml
element); a year-to-date list of 10 000 cases × 15 columns is over two seconds of that alone. The
rows written here are the very XML openpyxl writes in write-only mode (inline strings, numbers,
style ids of openpyxl's own number formats), at a fraction of the cost. openpyxl still writes
everything else: the header row, column widths, frozen panes, filters, styles and the package.

A list repeats its values (labels, dates, names, the same case in several lists), so each
column's `<c>` element is made once per distinct value, with a mark where the row number goes;
a row is then its cells joined and the mark replaced, all in C-level loops (map, zip, join).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import repeat
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

# Excel's day 0 (its 1900 date system, with the 1900 leap-year quirk folded in as openpyxl does).
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
# Characters XML 1.0 cannot carry at all (openpyxl refuses them; a list must never fail on one).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_END = b"</sheetData>"
_EMPTY = b"<sheetData/>"
# Where a cell's row number goes: NUL cannot occur in the XML (text drops it, see _ILLEGAL).
_MARK = b"\x00"
_ROW_START, _ROW_END = b'<row r="\x00">', b"</row>"
# Types whose cells may be remembered per value: equal values of these always make the same cell
# (unlike 1, 1.0 and True, which are equal keys but different cells).
_CACHEABLE = frozenset({str, int, date, type(None)})


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


class _Cells(dict):
    """value → the column's cell for it as UTF-8, the row number left as _MARK; made on first use."""

    def __init__(self, column: Column, letter: str) -> None:
        super().__init__()
        self.make = column.cell
        self.ref = letter + _MARK.decode()

    def __missing__(self, value: Any) -> bytes:
        cell = self[value] = self.make(self.ref, value).encode("utf-8")
        return cell

    def learn_texts(self, values: Sequence[Any]) -> None:
        """Make the cells of the column's new plain texts at once: a column of case numbers or
        names is mostly values seen once, too many for one call each."""
        new = [v for v in set(values).difference(self) if type(v) is str and v]
        if not new:
            return
        joined = "\n".join(new)
        if _SPECIAL.search(joined) or "\n".join(map(str.strip, new)) != joined:
            return  # some need escaping or kept spaces: one by one, on first use
        head, tail = f'<c r="{self.ref}" t="inlineStr"><is><t>', "</t></is></c>"
        self.update(zip(new, map(str.encode, map(str.__add__, map(head.__add__, new), repeat(tail)))))


class PendingRows:
    """Rows for sheets of a write-only workbook, added to the saved package by `splice`."""

    def __init__(self) -> None:
        self._sheets: list[tuple[Any, bytes]] = []
        # Shared by the sheets: the same case stands in several lists.
        self._cells: dict[tuple[str, str], _Cells] = {}

    def add(self, ws, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, first_row: int) -> int:
        """Queue `rows` for `ws`, starting at row `first_row`; returns the number of rows."""
        rows = list(rows)
        values = list(zip(*rows)) if rows else []
        cells = [self._column_cells(column, get_column_letter(i), vals)
                 for i, (column, vals) in enumerate(zip(columns, values), start=1)]
        templates = map(b"".join, zip(repeat(_ROW_START), *cells, repeat(_ROW_END)))
        numbers = map(b"%d".__mod__, range(first_row, first_row + len(rows)))
        self._sheets.append((ws, b"".join(map(bytes.replace, templates, repeat(_MARK), numbers))))
        return len(rows)

    def _column_cells(self, column: Column, letter: str, values: Sequence[Any]) -> list[bytes]:
        known = self._cells.get((letter, column.style))
        if known is None:
            known = self._cells[(letter, column.style)] = _Cells(column, letter)
        kinds = set(map(type, values))
        if kinds <= _CACHEABLE:
            if str in kinds:
                known.learn_texts(values)
            return list(map(known.__getitem__, values))
        return [column.cell(known.ref, v).encode("utf-8") for v in values]

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

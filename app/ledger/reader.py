"""Reading a ledger file into raw cells: `.xlsx` (first sheet, real date cells) or `.csv`
(UTF-8 with or without BOM, else GB18030). Anything that makes the whole file unusable — it cannot
be opened or decoded, or a required header is missing — raises `UsageError` (exit 2, nothing
imported)."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.ledger import cells
from app.ledger import columns as C


@dataclass(frozen=True)
class Sheet:
    """The file's rows as {header: raw cell}, each with its row number as Excel shows it."""

    name: str
    rows: tuple[tuple[int, dict[str, Any]], ...]
    unknown_columns: tuple[str, ...]
    encoding: str


def read_ledger(path: str | Path) -> Sheet:
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"找不到台账文件 {path}。", english=f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        encoding, lines = "xlsx", _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        encoding, lines = _csv_rows(path)
    else:
        raise UsageError(f"无法识别 {path.name} 的格式：台账应为 .xlsx 或 .csv 文件。",
                         english="a ledger must be an .xlsx or .csv file")
    return _sheet(path.name, encoding, lines)


def _sheet(name: str, encoding: str, lines: Iterable[tuple[int, tuple]]) -> Sheet:
    lines = iter(lines)
    header_line = next(lines, None)
    if header_line is None:
        raise UsageError(f"台账文件 {name} 是空的。", english="the ledger file is empty")
    headers = [cells.text(h) for h in header_line[1]]
    missing = [h for h in C.HEADERS if h in C.REQUIRED and h not in headers]
    if missing:
        raise UsageError(f"台账缺少必需的列：{'、'.join(missing)}（第1行应为列名），未导入任何数据。",
                         english=f"required header(s) missing: {', '.join(missing)}")
    # The first column of a repeated header wins; a later copy is reported as unknown.
    index = {h: i for i, h in reversed(list(enumerate(headers))) if h in C.HEADERS}
    unknown = tuple(h for i, h in enumerate(headers) if h and index.get(h) != i)
    rows = []
    for row_no, values in lines:
        if all(cells.text(v) == "" for v in values):
            continue  # blank lines between blocks of a ledger are not rows
        rows.append((row_no, {h: values[i] if i < len(values) else None for h, i in index.items()}))
    return Sheet(name, tuple(rows), unknown, encoding)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, tuple]]:
    from openpyxl import load_workbook  # heavy; only for Excel files

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise UsageError(f"无法读取 Excel 文件 {path.name}：{exc}", english="unreadable .xlsx file") from exc
    try:
        sheet = book.worksheets[0]
        # Read-only sheets yield every row from the first, so enumerate gives Excel's numbers.
        for row_no, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield row_no, tuple(values)
    finally:
        book.close()


def _csv_rows(path: Path) -> tuple[str, Iterator[tuple[int, tuple]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取 {path.name}：{exc.strerror}。", english="unreadable file") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UsageError(f"{path.name} 既不是 UTF-8 也不是 GB18030 编码的文本。",
                         english="the CSV is neither UTF-8 nor GB18030")
    return encoding, _records(path.name, content)


def _records(name: str, content: str) -> Iterator[tuple[int, tuple]]:
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        # A record is a row in Excel even when a quoted cell spans several lines.
        for row_no, record in enumerate(reader, start=1):
            yield row_no, tuple(record)
    except csv.Error as exc:
        raise UsageError(f"{name} 不是有效的 CSV 文件：{exc}", english="malformed CSV") from exc

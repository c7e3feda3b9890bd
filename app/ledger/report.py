"""The rejection report as people open it: UTF-8 CSV with BOM (so Excel reads the Chinese) and
the header `行号,列,值,原因` (ledger-format.md)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from app.errors import UsageError
from app.ledger.rows import Problem

REPORT_HEADER = ("行号", "列", "值", "原因")


def report_csv(problems: Iterable[Problem]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_HEADER)
    for p in problems:
        writer.writerow((p.row, p.column, p.value, p.reason))
    return out.getvalue()


def write_report(path: str | Path, problems: Iterable[Problem]) -> None:
    try:
        Path(path).write_bytes(report_csv(problems).encode("utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"无法写入报告文件 {path}：{exc.strerror}。", english=f"cannot write {path}") from exc

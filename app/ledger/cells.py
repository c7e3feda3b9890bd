"""Reading one cell: trimming, dates, numbers and satisfaction scores (ledger-format.md "Details").

Each parser returns the value or raises `CellError` whose message is the Chinese reason the import
report shows.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from app.labels import SATISFACTION


class CellError(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# `str.strip()` already removes ASCII and full-width spaces, tabs and no-break spaces; the
# zero-width characters that copying from web pages leaves behind are added on purpose.
_INVISIBLE = "\u200b\u200c\u200d\ufeff"

_DATE_SEPARATED = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_DATE_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:\.0+)?")

DATE_FORMATS_HINT = "应为 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日"


def text(value: object) -> str:
    """The cell as trimmed text; '' for an empty cell. A whole float (an Excel number cell such
    as 13134061.0) reads as its digits, a date cell as YYYY-MM-DD."""
    if type(value) is str:  # every CSV cell, most Excel cells: tested first
        return value.strip().strip(_INVISIBLE).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip().strip(_INVISIBLE).strip()


def parse_date(value: object) -> date:
    """A business date from an Excel date cell (time part ignored) or one of the written forms."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        # An Excel serial number not formatted as a date, or digits in a CSV: not a date.
        raise CellError(f"数字不是日期，{DATE_FORMATS_HINT}")
    written = text(value)
    match = _DATE_SEPARATED.fullmatch(written)
    parts = (match.group(1), match.group(3), match.group(4)) if match else None
    if parts is None:
        match = _DATE_CHINESE.fullmatch(written)
        parts = match.groups() if match else None
    if parts is None:
        raise CellError(f"日期格式不正确，{DATE_FORMATS_HINT}")
    try:
        return date(*(int(p) for p in parts))
    except ValueError:
        raise CellError("日期不存在") from None


def parse_satisfaction(value: object) -> tuple[str | None, int]:
    """(label or None, score 0–100): a label of the five-step scale, or a whole number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value <= 100:
            return None, int(value)
        raise CellError("满意度分数应为0至100的整数")
    written = text(value)
    if written in SATISFACTION:
        return written, SATISFACTION[written]
    if _WHOLE_NUMBER.fullmatch(written):
        score = int(float(written))
        if score <= 100:
            return None, score
    raise CellError("满意度应为“非常满意/满意/基本满意/不满意/非常不满意”或0至100的整数")

"""The 24-hour clock of a fair complaint as a person reads it (the page's list and the complaint form)."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QColor

from app.services import fairs

OVERDUE = QColor(200, 40, 40)
URGENT = QColor(210, 120, 0)
URGENT_HOURS = 4


def clock_text(row: fairs.ComplaintRow, now: datetime) -> tuple[str, QColor | None]:
    """The 24-hour clock as a person reads it, with a colour when it needs attention."""
    left = row.hours_left(now)
    if row.handled_at is not None:
        return (("时限内已处理" if row.within_limit else f"超时 {-left:.1f} 小时处理"), None)
    if row.accepted is False:
        return ("不予受理", None)
    if left < 0:
        return (f"已超时 {-left:.1f} 小时", OVERDUE)
    return (f"剩余 {left:.1f} 小时", URGENT if left < URGENT_HOURS else None)

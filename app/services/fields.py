"""Field checks shared by the consultation, knowledge-base, expert and institution services.

Each check returns the value to store or raises `ValidationError` naming the field in Chinese, so a
form can put the message next to the field and the CLI can print it unchanged.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import false

from app.errors import ValidationError
from app.labels import code_for
from app.rules.identifiers import InvalidValue, validate_phone
from app.search.tokens import QueryPlan


def code(values: Mapping[str, str], field: str, value: str | None, *, required: bool = True) -> str | None:
    """A glossary code from its code or its Chinese label."""
    if value is None or not str(value).strip():
        if required:
            raise ValidationError(field, "必须选择一项")
        return None
    found = code_for(values, str(value).strip())
    if found is None:
        raise ValidationError(field, f"“{value}”不是可选值（可选：{'、'.join(values.values())}）")
    return found


def text(field: str, value: str | None, *, required: bool = False, max_len: int | None = None) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError(field, "不能为空")
    if max_len is not None and len(cleaned) > max_len:
        raise ValidationError(field, f"不能超过 {max_len} 个字")
    return cleaned


def phone(field: str, value: str | None) -> str:
    """An optional phone number; when given it must be a mainland mobile or a landline with area code."""
    cleaned = (value or "").strip()
    if not cleaned:
        return ""
    try:
        return validate_phone(cleaned)
    except InvalidValue as exc:
        raise ValidationError(field, exc.message) from exc


def instant(field: str, value: datetime | None, *, required: bool = True) -> datetime | None:
    if value is None:
        if required:
            raise ValidationError(field, "不能为空")
        return None
    if value.tzinfo is None:
        raise ValidationError(field, "缺少时区（程序错误：时间必须带时区）")
    return value


def day_bounds(zone: ZoneInfo, start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """UTC instants [from, to) covering the business dates start..end inclusive in the centre's zone."""
    lo = datetime.combine(start, time.min, zone).astimezone(timezone.utc) if start else None
    hi = None
    if end:
        hi = datetime.combine(date.fromordinal(end.toordinal() + 1), time.min, zone).astimezone(timezone.utc)
    return lo, hi


def pinyin_inside(column, plan: QueryPlan | None):
    """`column LIKE '%query%'` for a pinyin query on a name_pinyin column, else FALSE."""
    if plan is None or plan.kind != "pinyin":
        return false()
    return column.like(f"%{plan.text}%")


_LOOSE_PHONE = set("0123456789-+ ()转#")


def loose_phone(field: str, value: str | None) -> str:
    """An organisation's number: hotlines (12348, 400-…) and extensions (转 8001) are fine too."""
    cleaned = (value or "").strip()
    digits = sum(ch.isdigit() for ch in cleaned)
    if cleaned and (not set(cleaned) <= _LOOSE_PHONE or digits < 5 or len(cleaned) > 30):
        raise ValidationError(field, f"“{cleaned}”不像电话号码")
    return cleaned


def email(field: str, value: str | None) -> str:
    cleaned = (value or "").strip()
    if cleaned and (cleaned.count("@") != 1 or "." not in cleaned.split("@")[1] or " " in cleaned):
        raise ValidationError(field, f"“{cleaned}”不是有效的电子邮箱")
    return cleaned

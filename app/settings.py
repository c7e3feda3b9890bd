"""Per-centre settings, declared once with their defaults (style.md point 6; design.md §4, §7).

A centre row in `centre_setting` overrides a default; unknown keys are refused so a typo cannot
silently create a setting nobody reads.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from db.models import CentreSetting


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: Any
    kind: type


_DECLARED = [
    Setting("case_number_pattern", "案件编号格式", "〔{year}〕{short}维援字第{seq:04d}号", str),
    Setting("opinion_number_pattern", "意见书编号格式", "〔{year}〕{short}意见字第{seq:04d}号", str),
    Setting("complaint_number_pattern", "展会投诉编号格式", "〔{year}〕{short}展投字第{seq:04d}号", str),
    Setting("limit_decision_workdays", "受理决定时限（工作日）", 5, int),
    Setting("limit_close_workdays", "办结时限（工作日）", 30, int),
    Setting("limit_opinion_workdays", "出具意见时限（工作日）", 15, int),
    Setting("limit_supplement_workdays", "补正期限（工作日）", 10, int),
    Setting("limit_followup_workdays", "回访时限（工作日）", 10, int),
    Setting("limit_fair_hours", "展会投诉处理时限（小时）", 24, int),
    Setting("annual_target", "年度案件目标", 400, int),
    Setting("mediation_success_target", "调解成功率目标", 0.30, float),
    Setting("satisfaction_target", "满意度目标", 84, int),
    Setting("max_file_mb", "单个附件大小上限（MB）", 20, int),
    Setting("retention_years", "个人信息保留年限（0 = 不自动匿名化）", 0, int),
]
SETTINGS: dict[str, Setting] = {s.key: s for s in _DECLARED}


def get_all(session: Session, centre_id: uuid.UUID) -> dict[str, Any]:
    values = {key: s.default for key, s in SETTINGS.items()}
    rows = session.execute(
        select(CentreSetting.key, CentreSetting.value).where(
            CentreSetting.centre_id == centre_id, CentreSetting.deleted.is_(False)
        )
    )
    for key, value in rows:
        if key in SETTINGS:
            values[key] = value
    return values


def get(session: Session, centre_id: uuid.UUID, key: str) -> Any:
    return get_all(session, centre_id)[key]


def coerce(key: str, value: Any) -> Any:
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValidationError("设置项", f"没有名为 {key} 的设置")
    try:
        result = setting.kind(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(setting.label, f"值 {value!r} 的格式不对") from exc
    if setting.kind in (int, float) and result < 0:
        raise ValidationError(setting.label, "不能为负数")
    return result


def put(session: Session, centre_id: uuid.UUID, key: str, value: Any) -> None:
    """Store a setting inside an open service call."""
    value = coerce(key, value)
    row = session.scalars(
        select(CentreSetting).where(CentreSetting.centre_id == centre_id, CentreSetting.key == key)
    ).one_or_none()
    if row is None:
        session.add(CentreSetting(centre_id=centre_id, key=key, value=value))
    else:
        row.value = value
        row.deleted = False

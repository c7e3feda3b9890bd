"""Per-centre settings as the settings screen and admins see them (design.md §7: settings per centre).

Anyone signed in may read them (limits and targets show on many screens); only an admin changes them.
Every value is checked before any is stored, so a refused form changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import settings
from app.context import Actor
from app.database import Database
from app.errors import ValidationError
from app.service import read_call, service_call
from app.services import due_dates

# Sample values a number pattern must accept (design.md §7 "Numbers").
_PATTERN_SAMPLE = {"year": 2026, "short": "测", "seq": 1}


@dataclass(frozen=True)
class SettingValue:
    key: str
    label: str  # Chinese, as declared in app.settings
    value: Any
    default: Any
    kind: str  # "str", "int" or "float"


def get_settings(db: Database, actor: Actor) -> list[SettingValue]:
    """Every declared setting of the actor's centre, in declaration order, with its default."""
    with read_call(db, actor, roles=None) as s:
        values = settings.get_all(s, actor.centre_id)
    return [_value(key, values[key]) for key in settings.SETTINGS]


def update_settings(db: Database, actor: Actor, values: dict[str, Any]) -> list[SettingValue]:
    """Store the given settings (admin only); returns all settings as they now stand."""
    checked = {key: check(key, value) for key, value in values.items()}
    with service_call(db, actor, roles={"admin"}, action="settings.update") as s:
        before = settings.get_all(s, actor.centre_id)
        for key, value in checked.items():
            settings.put(s, actor.centre_id, key, value)
        s.flush()
        if any(key.startswith("limit_") and before.get(key) != value for key, value in checked.items()):
            due_dates.recompute(s, actor.centre_id)  # design.md §7: stored due dates follow the limits
        stored = settings.get_all(s, actor.centre_id)
    return [_value(key, stored[key]) for key in settings.SETTINGS]


def check(key: str, value: Any) -> Any:
    """The stored form of `value`, or a ValidationError naming the setting by its Chinese label."""
    declared = settings.SETTINGS.get(key)
    if isinstance(value, str):
        value = value.strip()
        if value == "" and declared is not None:
            raise ValidationError(declared.label, "不能为空")
    result = settings.coerce(key, value)
    assert declared is not None  # coerce refused unknown keys
    if declared.kind is int and isinstance(value, float) and value != int(value):
        raise ValidationError(declared.label, f"应为整数，不能是 {value}")
    if key.endswith("_pattern"):
        _check_pattern(declared.label, result)
    return result


def _check_pattern(label: str, pattern: str) -> None:
    """A number pattern must hold a sequence field and format with the known fields only."""
    if "{seq" not in pattern:
        raise ValidationError(label, "必须含有序号 {seq}（例如 {seq:04d}）")
    try:
        pattern.format(**_PATTERN_SAMPLE)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(label, "格式无法使用；可用的字段为 {year}、{short}、{seq}") from exc


def _value(key: str, value: Any) -> SettingValue:
    declared = settings.SETTINGS[key]
    return SettingValue(key, declared.label, value, declared.default, declared.kind.__name__)

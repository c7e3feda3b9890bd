"""Centre settings through the service: admins change them, others only read, bad values name the setting."""
from __future__ import annotations

import pytest

from app import settings
from app.errors import PermissionDenied, ValidationError
from app.services.centre_settings import get_settings, update_settings


def current(centre, actor) -> dict:
    return {v.key: v.value for v in get_settings(centre.db, actor)}


def test_defaults_are_shown_until_an_admin_changes_one(centre):
    values = get_settings(centre.db, centre.caseworker)
    assert [v.key for v in values] == list(settings.SETTINGS)
    limit = next(v for v in values if v.key == "limit_decision_workdays")
    assert (limit.label, limit.value, limit.default) == ("受理决定时限（工作日）", 5, 5)

    update_settings(centre.db, centre.admin, {"limit_decision_workdays": "7", "mediation_success_target": "0.4"})
    after = current(centre, centre.caseworker)
    assert after["limit_decision_workdays"] == 7
    assert after["mediation_success_target"] == pytest.approx(0.4)
    assert after["limit_close_workdays"] == 30


@pytest.mark.parametrize("role", ["caseworker", "supervisor", "fairstaff"])
def test_only_an_admin_changes_settings(centre, role):
    with pytest.raises(PermissionDenied):
        update_settings(centre.db, getattr(centre, role), {"limit_decision_workdays": 7})
    assert current(centre, centre.admin)["limit_decision_workdays"] == 5


@pytest.mark.parametrize(("key", "value", "label"), [
    ("limit_decision_workdays", "-1", "受理决定时限（工作日）"),
    ("limit_close_workdays", "三十", "办结时限（工作日）"),
    ("annual_target", "", "年度案件目标"),
    ("limit_fair_hours", 2.5, "展会投诉处理时限（小时）"),
    ("case_number_pattern", "〔{year}〕维援字号", "案件编号格式"),
    ("opinion_number_pattern", "{year}{centre}{seq}", "意见书编号格式"),
])
def test_a_bad_value_is_refused_naming_the_setting_and_nothing_is_stored(centre, key, value, label):
    with pytest.raises(ValidationError) as caught:
        update_settings(centre.db, centre.admin, {"limit_opinion_workdays": 9, key: value})
    assert caught.value.field == label
    assert current(centre, centre.admin)["limit_opinion_workdays"] == 15

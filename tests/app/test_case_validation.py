"""Validation with real valid examples and near misses for every checksum; each message names
the field, and a refused registration saves nothing."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.services import cases, parties, rights
from app.services.parties import PartyInput
from app.services.rights import RightInput
from db.models import AssistCase, IpRight, Party

from tests.app.case_data import case_input, company, person

# Valid examples from docs/domain.md §6; near misses change one character.
RESIDENT_OK, RESIDENT_BAD = "11010519491231002X", "110105194912310021"
CREDIT_OK, CREDIT_BAD = "91350100M000100Y43", "91350100M000100Y44"


@pytest.mark.parametrize("value", [RESIDENT_OK, "11010519491231002x", " 110105 19491231 002X "])
def test_resident_id_valid(value):
    assert parties.validate(PartyInput(name="张三", kind="person", identifier=value)).identifier == RESIDENT_OK


@pytest.mark.parametrize("value,problem", [
    (RESIDENT_BAD, "校验位"), ("11010519491231002", "18位"), ("110105194902300020", "出生日期"),
])
def test_resident_id_near_misses(value, problem):
    with pytest.raises(ValidationError) as err:
        parties.validate(PartyInput(name="张三", kind="person", identifier=value), "申请人")
    assert err.value.field == "申请人身份证号码" and problem in err.value.message


def test_credit_code():
    assert parties.validate(PartyInput(name="某公司", identifier=CREDIT_OK.lower())).identifier == CREDIT_OK
    for bad, problem in ((CREDIT_BAD, "校验位"), ("91350100M000100I43", "无效字符"), (CREDIT_OK[:-1], "18位")):
        with pytest.raises(ValidationError) as err:
            parties.validate(PartyInput(name="某公司", identifier=bad), "被申请人")
        assert err.value.field == "被申请人统一社会信用代码" and problem in err.value.message


def test_phone():
    assert parties.validate(PartyInput(name="某", phone="13812345678")).phone == "13812345678"
    assert parties.validate(PartyInput(name="某", phone="024-23456789")).phone == "024-23456789"
    with pytest.raises(ValidationError) as err:
        parties.validate(PartyInput(name="某", phone="1381234567"), "申请人")
    assert err.value.field == "申请人联系电话"


@pytest.mark.parametrize("kind,number,stored", [
    ("invention", "201710601862.3", "201710601862.3"),
    ("invention", "ZL 2023 1 0123456.6", "202310123456.6"),
    ("invention", "zl202310123456.6", "202310123456.6"),
    ("utility", "ZL95115608.X", "95115608.X"),
])
def test_patent_numbers_valid(kind, number, stored):
    assert rights.validate(RightInput(kind, number)).number == stored


@pytest.mark.parametrize("kind,number,problem", [
    ("invention", "201710601862.4", "校验位"),      # check digit off by one
    ("invention", "202310123456.7", "校验位"),
    ("invention", "95115608.1", "校验位"),          # old 8-digit number, wrong check
    ("utility", "202310123456.6", "类型位"),        # an invention number given as a utility model
    ("design", "20231012345.6", "格式"),            # a digit short
    ("invention", "", "必须填写"),
])
def test_patent_numbers_near_misses(kind, number, problem):
    with pytest.raises(ValidationError) as err:
        rights.validate(RightInput(kind, number), position=2)
    assert err.value.field == "第2项知识产权权利号" and problem in err.value.message


def test_trademark_numbers_and_nice_classes():
    assert rights.validate(RightInput("trademark", "12345678", nice_classes="35, 9；9")).nice_classes == "9,35"
    assert rights.validate(RightInput("trademark", "123", nice_classes=[45, 1])).nice_classes == "1,45"
    for nice, problem in (("0", "第0类不存在"), ("46", "第46类不存在"), ("9类", "不是数字")):
        with pytest.raises(ValidationError) as err:
            rights.validate(RightInput("trademark", "12345678", nice_classes=nice))
        assert err.value.field == "第1项知识产权尼斯分类" and problem in err.value.message
    with pytest.raises(ValidationError) as err:
        rights.validate(RightInput("trademark", "12345678A"))
    assert err.value.field == "第1项知识产权权利号"
    with pytest.raises(ValidationError):
        rights.validate(RightInput("invention", "201710601862.3", nice_classes="9"))
    assert rights.validate(RightInput("trade_secret", "")).number == ""


def _counts(db):
    with db.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (AssistCase, Party, IpRight))


def test_bad_registration_saves_nothing(centre):
    db, cw = centre.db, centre.caseworker
    before = _counts(db)
    bad_right = cases.CaseInput(**{**case_input().__dict__, "rights": (
        RightInput("invention", "201710601862.3"), RightInput("invention", "201710601862.4"))})
    with pytest.raises(ValidationError) as err:
        cases.register(db, cw, bad_right)
    assert err.value.field == "第2项知识产权权利号"
    with pytest.raises(ValidationError) as err:
        cases.register(db, cw, case_input(opposing=person("李四", RESIDENT_BAD)))
    assert err.value.field == "被申请人身份证号码"
    with pytest.raises(ValidationError) as err:
        cases.register(db, cw, case_input(applicant=company("", "")))
    assert err.value.field == "申请人名称"
    assert _counts(db) == before
    assert cases.register(db, cw, case_input(registered_on=date(2026, 9, 30))).status == "registered"

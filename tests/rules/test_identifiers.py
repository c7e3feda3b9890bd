"""Identifiers as a caseworker types them: what is accepted, what is refused and with which message."""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.cn import ric

from app.rules.identifiers import (
    InvalidValue,
    make_credit_code,
    make_mobile,
    make_patent_number,
    make_resident_id,
    mask_phone,
    mask_resident_id,
    validate_credit_code,
    validate_patent_number,
    validate_phone,
    validate_resident_id,
    validate_right_number,
    validate_trademark_number,
)


def _with_check(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


# --- 证件号码 ---

@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", " 11010519491231002X "])
def test_resident_id_valid_and_upper_cased(value: str) -> None:
    assert validate_resident_id(value) == "11010519491231002X"


def test_resident_id_with_one_digit_changed_is_refused_by_check() -> None:
    with pytest.raises(InvalidValue) as error:
        validate_resident_id("11010519491231003X")
    assert error.value.message == "证件号码校验位不正确"
    assert error.value.field_label == "证件号码"
    assert isinstance(error.value, ValueError)


def test_resident_id_wrong_length() -> None:
    with pytest.raises(InvalidValue, match="18位"):
        validate_resident_id("11010519491231002")


def test_resident_id_birth_date_that_does_not_exist() -> None:
    with pytest.raises(InvalidValue) as error:
        validate_resident_id(_with_check("11010519490230002"))
    assert error.value.message == "出生日期不存在"


def test_resident_id_birth_date_in_future() -> None:
    number = _with_check("11010520300101002")
    with pytest.raises(InvalidValue, match="出生日期在未来"):
        validate_resident_id(number, today=date(2026, 1, 1))
    assert validate_resident_id(number, today=date(2031, 1, 1)) == number


def test_resident_id_region_not_looked_up() -> None:
    # 999999 is no county; the ledger rule asks only for check character and birth date.
    number = _with_check("99999919800101001")
    assert validate_resident_id(number) == number


# --- 统一社会信用代码 ---

def test_credit_code_valid() -> None:
    assert validate_credit_code("91350100m000100y43") == "91350100M000100Y43"


def test_credit_code_changed_check_refused() -> None:
    with pytest.raises(InvalidValue, match="统一社会信用代码校验位不正确"):
        validate_credit_code("91350100M000100Y44")


def test_credit_code_letters_that_are_not_in_the_alphabet_refused() -> None:
    with pytest.raises(InvalidValue, match="无效字符"):
        validate_credit_code("91350100M000100I43")


def test_credit_code_of_rural_collective_accepted() -> None:
    # Registering authority N (agriculture): stdnum.cn.uscc.validate would refuse it.
    from stdnum.cn import uscc

    body = "N2440305MA5DXXXX0"
    assert validate_credit_code(body + uscc.calc_check_digit(body)).startswith("N2")


# --- 权利号: patents ---

@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("201710601862.3", "201710601862.3"),
        ("202310123456.6", "202310123456.6"),
        ("ZL202310123456.6", "202310123456.6"),
        ("zl202310123456.6", "202310123456.6"),
        ("2023 1 0123456.6", "202310123456.6"),
        ("2023 10123456.6", "202310123456.6"),
        ("ZL2023 1 0123456.6", "202310123456.6"),
        ("95115608.X", "95115608.X"),
        ("95115608.x", "95115608.X"),
        ("２０２３１０１２３４５６．６", "202310123456.6"),  # full-width input method
    ],
)
def test_patent_numbers_accepted(value: str, canonical: str) -> None:
    assert validate_patent_number(value) == canonical


@pytest.mark.parametrize("value", ["201710601862.4", "202310123456.7", "95115608.1"])
def test_patent_changed_check_refused(value: str) -> None:
    with pytest.raises(InvalidValue) as error:
        validate_patent_number(value)
    assert error.value.message == "专利号校验位不正确"


@pytest.mark.parametrize(
    "value",
    ["ZL 202310123456.6", "2023  1 0123456.6", "20231 012345 6.6", "202310123456", "2023101234566", "2023101234.5"],
)
def test_patent_spaces_only_after_year_and_type(value: str) -> None:
    with pytest.raises(InvalidValue, match="专利号格式不正确"):
        validate_patent_number(value)


def test_patent_type_digit_must_fit_kind() -> None:
    assert validate_patent_number("202310123456.6", "发明专利") == "202310123456.6"
    with pytest.raises(InvalidValue) as error:
        validate_patent_number("202310123456.6", "外观设计")
    assert error.value.message == "专利号类型位与知识产权类型不符"


def test_pct_type_digits() -> None:
    rng = random.Random(7)
    for kind, digit in (("发明专利", "8"), ("实用新型", "9")):
        while (number := make_patent_number(rng, kind, 2024))[4] != digit:
            pass
        assert validate_patent_number(number, kind) == number


def test_right_number_dispatch() -> None:
    assert validate_right_number("发明专利", "ZL2017 1 0601862.3") == "201710601862.3"
    with pytest.raises(InvalidValue, match="类型位与知识产权类型不符"):
        validate_right_number("实用新型", "201710601862.3")
    assert validate_right_number("商标", " 12345678 ") == "12345678"
    with pytest.raises(InvalidValue):
        validate_right_number("商标", "第12345678号")
    assert validate_right_number("著作权", " 国作登字-2023-A-00012345 ") == "国作登字-2023-A-00012345"
    with pytest.raises(InvalidValue, match="权利号为空"):
        validate_right_number("其他", "  ")
    with pytest.raises(InvalidValue, match="未知的知识产权类型"):
        validate_right_number("专利", "201710601862.3")


def test_trademark_digits_only() -> None:
    assert validate_trademark_number("1") == "1"
    assert validate_trademark_number("1234567890") == "1234567890"
    for bad in ("", "12345678901", "1234 5678", "12a"):
        with pytest.raises(InvalidValue):
            validate_trademark_number(bad)


# --- 联系电话 ---

@pytest.mark.parametrize(
    "value", ["13812345678", "19912345678", "010-12345678", "01012345678", "0755-1234567", "075512345678"]
)
def test_phone_accepted(value: str) -> None:
    assert validate_phone(f" {value} ") == value


@pytest.mark.parametrize(
    "value",
    ["12812345678", "1381234567", "138123456789", "10-12345678", "010-123456", "+8613812345678", "138 1234 5678"],
)
def test_phone_refused(value: str) -> None:
    with pytest.raises(InvalidValue) as error:
        validate_phone(value)
    assert error.value.message == "不是有效的手机号或固定电话"


# --- masking ---

def test_masks() -> None:
    assert mask_resident_id("110101199001011234") == "110101********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("01012345678") == "010****5678"
    assert mask_phone("0755-1234567") == "0755-****567"
    assert mask_phone("07551234567") == "0755****567"
    # Unparseable values never show more than half.
    assert mask_phone("12345") == "***45"


# --- demo generators ---

def test_generators_produce_values_the_validators_accept() -> None:
    rng = random.Random(20260101)
    for _ in range(200):
        person = make_resident_id(rng)
        assert validate_resident_id(person) == person
        assert 1950 <= int(person[6:10]) <= 2004
        code = make_credit_code(rng)
        assert validate_credit_code(code) == code
        kind = rng.choice(["发明专利", "实用新型", "外观设计"])
        patent = make_patent_number(rng, kind, rng.randint(1990, 2026))
        assert validate_patent_number(patent, kind) == patent
        mobile = make_mobile(rng)
        assert validate_phone(mobile) == mobile


def test_generators_are_deterministic() -> None:
    first, second = random.Random(5), random.Random(5)
    assert [make_resident_id(first) for _ in range(5)] == [make_resident_id(second) for _ in range(5)]

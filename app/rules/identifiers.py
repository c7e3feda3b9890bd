"""Validation, masking and demo generation of the identifiers a ledger holds.

Rules follow docs/ledger-format.md (证件号码, 联系电话, 权利号) and docs/domain.md §6. Every validator returns
the canonical form to store and raises `InvalidValue` with a Chinese message that says exactly what is wrong,
so an import report or a form can show it unchanged.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta

from stdnum.cn import ric, uscc

__all__ = [
    "DEFAULT_REGION_CODES",
    "IP_KIND_LABELS",
    "PATENT_KIND_LABELS",
    "InvalidValue",
    "make_credit_code",
    "make_mobile",
    "make_patent_number",
    "make_resident_id",
    "mask_phone",
    "mask_resident_id",
    "validate_credit_code",
    "validate_patent_number",
    "validate_phone",
    "validate_resident_id",
    "validate_right_number",
    "validate_trademark_number",
]

IP_KIND_LABELS: tuple[str, ...] = (
    "发明专利", "实用新型", "外观设计", "商标", "地理标志",
    "集成电路布图设计", "著作权", "植物新品种", "商业秘密", "其他",
)
PATENT_KIND_LABELS: tuple[str, ...] = ("发明专利", "实用新型", "外观设计")

# Type digit (5th digit of a 12-digit application number) → kind. 8 and 9 are PCT applications entering
# the national phase; they are still invention / utility-model patents.
_PATENT_TYPE_KIND: dict[str, str] = {
    "1": "发明专利", "8": "发明专利", "2": "实用新型", "9": "实用新型", "3": "外观设计",
}

_PATENT_RE = re.compile(
    r"(?:ZL)?"
    r"(?:(?P<year>\d{4}) ?(?P<type>\d) ?(?P<serial>\d{7})|(?P<old>\d{8}))"
    r"\.(?P<check>[0-9X])"
)
_PATENT_WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_PATENT_WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)

_MOBILE_RE = re.compile(r"1[3-9]\d{9}")
_LANDLINE_RE = re.compile(r"0\d{2,3}-?\d{7,8}")
_TRADEMARK_RE = re.compile(r"\d{1,10}")

# GB 32100 alphabet (no I O S V Z); the index of a character is its value.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Positions 3–8 of a credit code are the registering authority's region code, always digits.
_CREDIT_REGION = slice(2, 8)

# A handful of real county-level codes so demo people look plausible (Beijing Chaoyang, Shanghai Pudong,
# Shenzhen Nanshan and Futian, Hangzhou Xihu, Nanjing Xuanwu, Chengdu Wuhou, Wuhan Wuchang, Fuzhou Gulou).
DEFAULT_REGION_CODES: tuple[str, ...] = (
    "110105", "310115", "440305", "440304", "330106", "320102", "510107", "420106", "350102",
)


class InvalidValue(ValueError):
    """A value that breaks a ledger rule. `message` is Chinese and names the problem precisely."""

    def __init__(self, message: str, field_label: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_label = field_label


def _clean(value: str) -> str:
    # NFKC turns full-width digits, letters and the full-width stop that Chinese input methods produce
    # into ASCII, so "２０２３．" is read the way the user meant it.
    return unicodedata.normalize("NFKC", value).strip()


# --- 证件号码 ---------------------------------------------------------------------------------------

def validate_resident_id(value: str, today: date | None = None) -> str:
    """Return the 18-character resident ID in upper case, or raise `InvalidValue`.

    Checks length, the GB 11643 check character and that the birth date (digits 7–14) exists and is not in
    the future. Unlike `stdnum.cn.ric.validate` it does not look the region code up in stdnum's table: a
    county code retired or created after that table was made would refuse a real person.
    """
    label = "证件号码"
    number = ric.compact(_clean(value))
    if len(number) != 18:
        raise InvalidValue("证件号码应为18位", label)
    if not number[:17].isdigit() or not number[:17].isascii():
        raise InvalidValue("证件号码前17位应为数字", label)
    if number[17] not in "0123456789X":
        raise InvalidValue("证件号码最后一位应为数字或X", label)
    if number[17] != ric.calc_check_digit(number):
        raise InvalidValue("证件号码校验位不正确", label)
    try:
        born = ric.get_birth_date(number)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        raise InvalidValue("出生日期不存在", label) from None
    if born > (today or date.today()):
        raise InvalidValue("出生日期在未来", label)
    return number


def validate_credit_code(value: str) -> str:
    """Return the 18-character unified social credit code in upper case, or raise `InvalidValue`.

    Uses stdnum's GB 32100 check but not `uscc.validate` itself: that requires the first eight characters
    to be digits, which refuses real codes whose registering authority is a letter (e.g. N for rural
    collective economic organisations). Here only the region code (characters 3–8) must be digits.
    """
    label = "证件号码"
    code = uscc.compact(_clean(value))
    if len(code) != 18:
        raise InvalidValue("统一社会信用代码应为18位", label)
    if any(c not in _CREDIT_ALPHABET for c in code) or not code[_CREDIT_REGION].isdigit():
        raise InvalidValue("统一社会信用代码含有无效字符", label)
    if code[-1] != uscc.calc_check_digit(code):
        raise InvalidValue("统一社会信用代码校验位不正确", label)
    return code


# --- 权利号 -----------------------------------------------------------------------------------------

def _patent_check_char(digits: str) -> str:
    weights = _PATENT_WEIGHTS_12 if len(digits) == 12 else _PATENT_WEIGHTS_8
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def validate_patent_number(value: str, kind: str | None = None) -> str:
    """Return the canonical application number (`202310123456.6`: no ZL, no spaces, upper X).

    Accepts an optional `ZL` (any case), 12 digits with at most one space after the year and one after the
    type digit, or the pre-2003 8 digits, then `.` and the check character. With `kind` one of
    发明专利 / 实用新型 / 外观设计, the type digit of a 12-digit number must fit it.
    """
    label = "权利号"
    match = _PATENT_RE.fullmatch(_clean(value).upper())
    if match is None:
        raise InvalidValue("专利号格式不正确", label)
    if match["old"]:
        digits = match["old"]
    else:
        digits = match["year"] + match["type"] + match["serial"]
        expected_kind = _PATENT_TYPE_KIND.get(match["type"])
        if expected_kind is None:
            raise InvalidValue("专利号类型位不正确", label)
        if kind in PATENT_KIND_LABELS and kind != expected_kind:
            raise InvalidValue("专利号类型位与知识产权类型不符", label)
    if match["check"] != _patent_check_char(digits):
        raise InvalidValue("专利号校验位不正确", label)
    return f"{digits}.{match['check']}"


def validate_trademark_number(value: str) -> str:
    """Return the trademark registration number: 1–10 ASCII digits (it has no check digit)."""
    number = _clean(value)
    if not (_TRADEMARK_RE.fullmatch(number) and number.isascii()):
        raise InvalidValue("商标注册号应为1至10位数字", "权利号")
    return number


def validate_right_number(kind_label: str, value: str) -> str:
    """Validate a 权利号 for the IP kind `kind_label`; other kinds take trimmed free text.

    An empty value is refused: callers decide whether the column may be left empty before calling.
    """
    if kind_label not in IP_KIND_LABELS:
        raise InvalidValue(f"未知的知识产权类型：{kind_label}", "知识产权类型")
    if kind_label in PATENT_KIND_LABELS:
        return validate_patent_number(value, kind_label)
    if kind_label == "商标":
        return validate_trademark_number(value)
    text = value.strip()
    if not text:
        raise InvalidValue("权利号为空", "权利号")
    return text


# --- 联系电话 ---------------------------------------------------------------------------------------

def validate_phone(value: str) -> str:
    """Return a mainland mobile number or a landline with area code, as written (trimmed, half-width)."""
    phone = _clean(value)
    if phone.isascii() and (_MOBILE_RE.fullmatch(phone) or _LANDLINE_RE.fullmatch(phone)):
        return phone
    raise InvalidValue("不是有效的手机号或固定电话", "联系电话")


# --- Masking ----------------------------------------------------------------------------------------

def _mask_all_but_last(value: str, keep: int) -> str:
    # Used for values that do not have the expected shape (old records, 15-digit first-generation IDs):
    # showing too little is better than leaking a number we could not parse.
    keep = min(keep, len(value) // 2)
    return "*" * (len(value) - keep) + value[len(value) - keep:]


def mask_resident_id(value: str) -> str:
    """Show region code and last four of an 18-character ID: `110101********1234`."""
    number = value.strip()
    if len(number) != 18:
        return _mask_all_but_last(number, 2)
    return number[:6] + "*" * 8 + number[-4:]


def _landline_area_length(digits: str) -> int:
    # 010 and 02x are the only three-digit area codes; every other area code has four digits.
    return 3 if digits[1] in "12" else 4


def mask_phone(value: str) -> str:
    """Mobile `138****5678`; landline keeps the area code and at most half the subscriber number."""
    phone = value.strip()
    if _MOBILE_RE.fullmatch(phone):
        return phone[:3] + "****" + phone[-4:]
    if _LANDLINE_RE.fullmatch(phone):
        if "-" in phone:
            area, subscriber = phone.split("-", 1)
            separator = "-"
        else:
            cut = _landline_area_length(phone)
            area, subscriber, separator = phone[:cut], phone[cut:], ""
        keep = len(subscriber) // 2
        return area + separator + "*" * (len(subscriber) - keep) + subscriber[-keep:]
    return _mask_all_but_last(phone, 2)


# --- Demo data --------------------------------------------------------------------------------------

def _random_date(rng: random.Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    span = (date(last_year, 12, 31) - start).days
    return start + timedelta(days=rng.randint(0, span))


def make_resident_id(
    rng: random.Random,
    birth_year_range: tuple[int, int] = (1950, 2004),
    region_codes: Sequence[str] = DEFAULT_REGION_CODES,
) -> str:
    """A resident ID with a real birth date and a correct check character."""
    born = _random_date(rng, *birth_year_range)
    body = f"{rng.choice(region_codes)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    # calc_check_digit expects the full number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def make_credit_code(rng: random.Random, region_codes: Sequence[str] = DEFAULT_REGION_CODES) -> str:
    """A company credit code (91 = market regulator, enterprise) with a correct check character."""
    # Codes issued to new companies since 2015 carry an identifier starting "MA" instead of an old
    # organisation code, so demo codes look like the ones centres see most.
    identifier = "MA" + "".join(rng.choice(_CREDIT_ALPHABET) for _ in range(7))
    body = "91" + rng.choice(region_codes) + identifier
    return body + uscc.calc_check_digit(body)


_KIND_TYPE_DIGITS: dict[str, tuple[str, ...]] = {
    "发明专利": ("1", "1", "1", "8"),
    "实用新型": ("2", "2", "2", "9"),
    "外观设计": ("3",),
}


def make_patent_number(rng: random.Random, kind_label: str, year: int) -> str:
    """A canonical application number of `kind_label` filed in `year` (pre-2003 years: old 8 digits)."""
    if kind_label not in _KIND_TYPE_DIGITS:
        raise ValueError(f"not a patent kind: {kind_label}")
    type_digits = _KIND_TYPE_DIGITS[kind_label]
    if year < 2003:
        # Old numbers predate the PCT type digits 8 and 9.
        type_digit = type_digits[0]
        digits = f"{year % 100:02d}{type_digit}{rng.randint(0, 99999):05d}"
    else:
        type_digit = rng.choice(type_digits)
        digits = f"{year:04d}{type_digit}{rng.randint(0, 9_999_999):07d}"
    return f"{digits}.{_patent_check_char(digits)}"


def make_mobile(rng: random.Random) -> str:
    """An 11-digit mainland mobile number."""
    return "1" + rng.choice("3456789") + f"{rng.randint(0, 999_999_999):09d}"

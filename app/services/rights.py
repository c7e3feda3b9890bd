"""IP rights (知识产权) named in a case: per-kind number validation and find-or-create.

Patent numbers are stored canonical (`202310123456.6`, no ZL, no spaces) so that the same right
typed two ways is one record; trademark numbers as digits, with Nice classes 1–45.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.labels import IP_KIND
from app.rules import identifiers as ids
from db.models import IpRight

# Kinds whose number is checked; the others keep trimmed free text and may be left empty
# (a trade secret has no number).
NUMBER_REQUIRED = frozenset({"invention", "utility", "design", "trademark"})
NICE_MIN, NICE_MAX = 1, 45


@dataclass(frozen=True)
class RightInput:
    kind: str
    number: str = ""
    title: str = ""
    nice_classes: str | list[int] | tuple[int, ...] = ""
    legal_status: str = ""
    right_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RightRow:
    id: uuid.UUID
    kind: str
    number: str
    title: str
    nice_classes: str


def parse_nice_classes(value: str | list[int] | tuple[int, ...], field: str = "尼斯分类") -> str:
    """'9, 35；42' or [9, 35, 42] → '9,35,42' (sorted, no repeats); each class 1–45."""
    if isinstance(value, str):
        parts = [p for p in value.replace("，", ",").replace("；", ",").replace(";", ",").replace("、", ",")
                 .replace(" ", ",").split(",") if p.strip()]
    else:
        parts = [str(v) for v in value]
    classes: set[int] = set()
    for part in parts:
        text = part.strip()
        if not text.isdigit():
            raise ValidationError(field, f"“{text}”不是数字；请填写1至45之间的类别号")
        number = int(text)
        if not NICE_MIN <= number <= NICE_MAX:
            raise ValidationError(field, f"第{number}类不存在；尼斯分类为第1至45类")
        classes.add(number)
    return ",".join(str(c) for c in sorted(classes))


def validate(data: RightInput, position: int = 1) -> RightInput:
    """Check one right; messages name it ('第1项知识产权权利号：专利号校验位不正确')."""
    where = f"第{position}项知识产权"
    if data.kind not in IP_KIND:
        raise ValidationError(f"{where}类型", f"“{data.kind}”不是有效的类型；可选：{'、'.join(IP_KIND.values())}")
    number = data.number.strip()
    if number or data.kind in NUMBER_REQUIRED:
        if not number:
            raise ValidationError(f"{where}权利号", f"{IP_KIND[data.kind]}必须填写权利号")
        if data.kind in ("invention", "utility", "design"):
            # "ZL 2023 1 0123456.6": spaces anywhere are how people copy numbers from certificates.
            number = "".join(number.split())
        try:
            number = ids.validate_right_number(IP_KIND[data.kind], number)
        except ids.InvalidValue as exc:
            raise ValidationError(f"{where}权利号", exc.message) from None
    nice = ""
    if data.nice_classes:
        if data.kind != "trademark":
            raise ValidationError(f"{where}尼斯分类", "只有商标填写尼斯分类")
        nice = parse_nice_classes(data.nice_classes, f"{where}尼斯分类")
    title = data.title.strip()
    if len(title) > 200:
        raise ValidationError(f"{where}名称", "不能超过200个字符")
    return RightInput(data.kind, number, title, nice, data.legal_status.strip(), data.right_id)


def find_or_create(session: Session, centre_id: uuid.UUID, data: RightInput, owner_id: uuid.UUID | None,
                   position: int = 1) -> IpRight:
    clean = validate(data, position)
    if clean.right_id is not None:
        right = session.get(IpRight, clean.right_id)
        if right is not None and not right.deleted and right.centre_id == centre_id:
            return right
    if clean.number:
        right = session.scalars(select(IpRight).where(
            IpRight.centre_id == centre_id, IpRight.kind == clean.kind, IpRight.number == clean.number,
            IpRight.deleted.is_(False))).first()
        if right is not None:
            if clean.nice_classes and not right.nice_classes:
                right.nice_classes = clean.nice_classes
            return right
    right = IpRight(centre_id=centre_id, kind=clean.kind, number=clean.number, title=clean.title,
                    nice_classes=clean.nice_classes, owner_id=owner_id, legal_status=clean.legal_status)
    session.add(right)
    session.flush()
    return right


def row(r: IpRight) -> RightRow:
    return RightRow(r.id, r.kind, r.number, r.title, r.nice_classes)

"""Inputs shared by the case tests (valid identifiers from docs/domain.md §6)."""
from __future__ import annotations

from datetime import date

from app.services.cases import CaseInput
from app.services.parties import PartyInput
from app.services.rights import RightInput

PERSON_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
PATENT = "201710601862.3"
PATENT_2 = "202310123456.6"


def company(name: str = "沈阳华为机械有限公司", identifier: str = CREDIT_CODE) -> PartyInput:
    return PartyInput(name=name, kind="enterprise", identifier=identifier, phone="024-23456789", scale="small")


def person(name: str = "张伟", identifier: str = PERSON_ID) -> PartyInput:
    return PartyInput(name=name, kind="person", identifier=identifier, phone="13812345678")


def case_input(applicant: PartyInput | None = None, opposing: PartyInput | None = None,
               registered_on: date = date(2026, 9, 30), number: str = PATENT, channel: str = "visit",
               summary: str = "被申请人在展会上销售的产品落入发明专利保护范围") -> CaseInput:
    return CaseInput(
        applicant=applicant or company(), opposing=opposing if opposing is not None else person("李强", ""),
        rights=(RightInput("invention", number, "一种机械臂"),), dispute_type="infringement",
        channel=channel, services=("opinion", "mediation"), summary=summary, registered_on=registered_on,
    )

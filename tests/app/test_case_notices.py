"""The three notices, read back with pdfplumber."""
from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from app.errors import UsageError
from app.services import case_notices
from app.services import case_steps as steps
from app.services import cases

from tests.app.case_data import case_input, company


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return "".join(ch["text"] for ch in doc.pages[0].chars)


def test_acceptance_refusal_and_supplement_notices(centre, tmp_path):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(registered_on=date(2026, 9, 30)))
    with pytest.raises(UsageError):
        case_notices.print_notice(db, cw, h.id, "acceptance")
    h = steps.request_supplement(db, cw, h.id, h.version, materials="专利登记簿副本、授权委托书", on=date(2026, 9, 30))
    text = text_of(case_notices.print_notice(db, cw, h.id, "supplement"))
    for part in ("补正通知书", "〔2026〕测维援字第0001号", "沈阳华为机械有限公司：", "2026年9月30日",
                 "专利登记簿副本、授权委托书", "2026年10月20日前", "视为撤回", "测试知识产权保护中心"):
        assert part in text, part
    h = steps.receive_supplement(db, cw, h.id, h.version, on=date(2026, 10, 9))
    h = steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 12))
    pdf = case_notices.print_notice(db, cw, h.id, "acceptance")
    (tmp_path / "acceptance.pdf").write_bytes(pdf)
    text = text_of(pdf)
    for part in ("受理通知书", "〔2026〕测维援字第0001号", "予以受理", "发明专利201710601862.3", "李明",
                 "2026年10月12日", "测试知识产权保护中心"):
        assert part in text.replace(" ", ""), part

    r = cases.register(db, cw, case_input(applicant=company("乙公司", ""), registered_on=date(2026, 10, 8)),
                       confirmed=True)
    steps.refuse(db, cw, r.id, r.version, reason="该纠纷已由人民法院受理", on=date(2026, 10, 9))
    text = text_of(case_notices.print_notice(db, cw, r.id, "refusal"))
    for part in ("不予受理通知书", "〔2026〕测维援字第0002号", "乙公司：", "该纠纷已由人民法院受理", "2026年10月9日"):
        assert part in text, part

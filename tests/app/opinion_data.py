"""Test data for opinions: minimal parties, cases, rights and experts written through service_call
(independent of the case-register service), and typical opinion contents."""
from __future__ import annotations

import uuid
from datetime import date

from app.service import service_call
from app.services import users
from app.services.opinion_types import ClaimData, OpinionContent, RowData
from db.models import AssistCase, Expert, ExpertConflict, IpRight, Party

from tests.conftest import PASSWORD


def make_case(db, actor, *, applicant: str = "张瑄堃", opposing: str = "深圳市赟龑科技有限公司",
              case_no: str | None = None) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """(case id, applicant id, opposing party id)."""
    with service_call(db, actor, roles=None, action="test.case") as s:
        a = Party(id=uuid.uuid4(), centre_id=actor.centre_id, kind="person", name=applicant)
        b = Party(id=uuid.uuid4(), centre_id=actor.centre_id, kind="enterprise", name=opposing)
        s.add_all([a, b])
        s.flush()
        case = AssistCase(id=uuid.uuid4(), centre_id=actor.centre_id,
                          case_no=case_no or f"〔2026〕测维援字第{uuid.uuid4().int % 10000:04d}号",
                          registered_on=date(2026, 3, 2), channel="visit", applicant_id=a.id,
                          opposing_party_id=b.id, ip_kind="invention", dispute_type="infringement")
        s.add(case)
        return case.id, a.id, b.id


def make_right(db, actor, owner_id, *, kind: str = "invention", number: str = "ZL202310123456.6",
               title: str = "一种快速连接件") -> uuid.UUID:
    with service_call(db, actor, roles=None, action="test.right") as s:
        r = IpRight(id=uuid.uuid4(), centre_id=actor.centre_id, kind=kind, number=number, title=title,
                    owner_id=owner_id, legal_status="有效", status_checked_on=date(2026, 3, 3))
        s.add(r)
        return r.id


def make_expert(db, actor, name: str, *, conflict_party_id=None, conflict_name: str = "",
                reason: str = "") -> uuid.UUID:
    with service_call(db, actor, roles=None, action="test.expert") as s:
        e = Expert(id=uuid.uuid4(), centre_id=actor.centre_id, name=name, title="研究员",
                   organisation="某大学机械工程学院")
        s.add(e)
        s.flush()
        if conflict_party_id or conflict_name:
            s.add(ExpertConflict(id=uuid.uuid4(), centre_id=actor.centre_id, expert_id=e.id,
                                 party_id=conflict_party_id, party_name=conflict_name, reason=reason))
        return e.id


def second_supervisor(db, admin):
    users.create_user(db, admin, username="supervisor2", display_name="陈喆", password=PASSWORD,
                      roles=["supervisor"])
    return users.authenticate(db, "supervisor2", PASSWORD)


FEATURES = [
    ("底座，底座上设有安装孔", "底座，设有两个安装孔"),
    ("卡扣，卡扣与底座一体成型", "卡扣，与底座一体注塑成型"),
    ("弹性件，设置在卡扣与底座之间", "弹簧，设置在卡扣与底座之间"),
    ("锁定销，穿过安装孔", "锁定销，穿过安装孔"),
]


def claim_rows(marks, *, long: bool = False) -> tuple[RowData, ...]:
    rows = []
    for i, mark in enumerate(marks):
        right, accused = FEATURES[i % len(FEATURES)]
        if long:
            right = (right + "，") * 6 + "用于将连接件固定在安装面上。"
            accused = (accused + "，") * 6 + "经现场勘验与实物比对确认。"
        rows.append(RowData(label=chr(ord("A") + i % 26) + ("" if i < 26 else str(i // 26)),
                            right_text=right, accused_text=accused, mark=mark, note="见证据2照片" if i % 3 == 0 else ""))
    return tuple(rows)


def patent_content(marks=("same", "same", "same"), *, conclusion: str | None = "infringing", claims=None,
                   right_id=None, experts=(), long: bool = False, on_site: bool = False) -> OpinionContent:
    claims = claims if claims is not None else (ClaimData(1, "一种快速连接件，包括底座、卡扣、弹性件和锁定销。",
                                                          claim_rows(marks, long=long)),)
    return OpinionContent(
        kind="invention", title="张瑄堃与深圳市赟龑科技有限公司专利侵权纠纷", right_id=right_id,
        right_status_text="专利权有效，年费已缴纳至2026年9月", status_checked_on=date(2026, 3, 3),
        accused_object="被请求人在展会上展出并销售的“镕旸牌”快速连接件（型号KJ-200）。",
        analysis="被诉产品的弹簧与权利要求中的弹性件以基本相同的手段，实现基本相同的功能，达到基本相同的效果。\n"
                 "其余技术特征与权利要求记载的技术特征相同。",
        conclusion=conclusion, requested_on=date(2026, 3, 2), on_site=on_site, claims=claims,
        evidence=("专利证书复印件及年费缴纳凭证", "被诉产品照片八张（昇喆摄）", "购买发票一张"), experts=tuple(experts))


def make_view(content: OpinionContent, *, status: str = "issued", opinion_no: str | None = "〔2026〕测意见字第0007号",
              experts=(), right=None):
    """An OpinionView without a database, for document tests."""
    from app.rules import conclusions
    from app.services.opinion_types import ExpertInfo, OpinionView, RightInfo

    suggested = conclusions.suggest(content.kind, content.body, [[r.mark for r in c.rows] for c in content.claims])
    return OpinionView(
        id=uuid.uuid4(), case_id=uuid.uuid4(), case_no="〔2026〕测维援字第0012号", applicant="张瑄堃",
        opposing_party="深圳市赟龑科技有限公司", opinion_no=opinion_no if status == "issued" else None,
        status=status, version_no=1, previous_id=None, previous_no=None, content=content,
        suggested_conclusion=suggested, warning=conclusions.contradiction(suggested, content.conclusion),
        right=right or RightInfo(uuid.uuid4(), "invention", "ZL202310123456.6", "一种快速连接件", "张瑄堃"),
        experts=tuple(experts) or (ExpertInfo(uuid.uuid4(), "刘堃", "研究员", "某大学机械工程学院"),),
        due_on=date(2026, 3, 23), drafted_by="李明", approved_by="王主任", approved_at=None,
        issued_on=date(2026, 3, 20) if status == "issued" else None, issued_sha256=None, void_reason="",
        centre_name="测试知识产权保护中心", record_version=1)

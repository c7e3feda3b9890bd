"""Knowledge base: approval by supervisors and suggestions ranked over the token index."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import consultations as cs
from app.services import knowledge as kb

EVIDENCE = kb.KnowledgeInput(
    "展会上发现外观设计专利被仿冒，如何取证？", "可在公证人员见证下拍照、索取宣传资料并购买样品。",
    ("取证", "展会"), "外观设计")
TRADEMARK = kb.KnowledgeInput("商标被他人抢先注册怎么办？", "可以在公告期内提出异议，或在注册后请求宣告无效。",
                              ("商标",), "商标")


def test_only_approved_items_are_suggested(centre):
    db = centre.db
    evidence = kb.create_item(db, centre.caseworker, EVIDENCE)
    kb.create_item(db, centre.caseworker, TRADEMARK)
    question = "客户说在展会上看到仿冒的外观设计，想知道怎么取证"
    assert kb.suggest(db, centre.caseworker, question) == []
    kb.approve_item(db, centre.supervisor, evidence.id)
    found = kb.suggest(db, centre.caseworker, question)
    assert [s.id for s in found] == [evidence.id]
    assert found[0].answer.startswith("可在公证人员") and 0 < found[0].score <= 1
    # The trademark item is still a draft, so a trademark question finds nothing.
    assert kb.suggest(db, centre.caseworker, "我的商标被抢先注册了") == []


def test_suggestions_are_ranked_by_shared_bigrams(centre):
    db = centre.db
    items = [kb.create_item(db, centre.caseworker, data) for data in (
        EVIDENCE, TRADEMARK,
        kb.KnowledgeInput("商标侵权如何取证？", "保留购买凭证，申请证据保全。", (), "商标"),
    )]
    for item in items:
        kb.approve_item(db, centre.supervisor, item.id)
    found = kb.suggest(db, centre.caseworker, "商标被抢先注册了怎么办")
    assert found[0].question == TRADEMARK.question
    assert found[0].shared > found[-1].shared or len(found) == 1
    assert kb.suggest(db, centre.caseworker, "天气") == []


def test_caseworkers_cannot_approve_and_their_edits_need_approval_again(centre):
    db = centre.db
    item = kb.create_item(db, centre.caseworker, EVIDENCE)
    with pytest.raises(PermissionDenied):
        kb.approve_item(db, centre.caseworker, item.id)
    approved = kb.approve_item(db, centre.supervisor, item.id)
    assert approved.status == "approved" and approved.approved_by_name == "王主任"
    edited = kb.update_item(db, centre.caseworker, item.id,
                            kb.KnowledgeInput(EVIDENCE.question, "改过的答复", EVIDENCE.tags, EVIDENCE.ip_kind))
    assert edited.status == "draft"
    assert kb.suggest(db, centre.caseworker, "外观设计被仿冒怎么取证") == []


def test_an_item_needs_question_and_answer(centre):
    with pytest.raises(ValidationError) as err:
        kb.create_item(centre.db, centre.caseworker, kb.KnowledgeInput("怎么取证？", ""))
    assert err.value.field == "答复"


def test_a_consultation_becomes_a_draft_item_tagged_with_its_topic(centre):
    db = centre.db
    row = cs.record_consultation(db, centre.caseworker, cs.ConsultationInput(
        started_at=datetime.now(timezone.utc) - timedelta(minutes=3), channel="电话", topic="海外维权",
        question="产品出口美国被诉专利侵权，怎么应对？", answer="尽快委托当地律师，评估不侵权抗辩。"))
    item = kb.promote_consultation(db, centre.caseworker, row.id)
    assert item.status == "draft" and item.tags == ("海外维权",) and item.source_consultation_id == row.id
    assert [i.id for i in kb.list_items(db, centre.caseworker, status="草稿", query="出口美国")] == [item.id]


def test_tags_are_cleaned(centre):
    assert kb.clean_tags(["取证，展会", " 展会 ", "证据、保全"]) == ("取证", "展会", "证据", "保全")

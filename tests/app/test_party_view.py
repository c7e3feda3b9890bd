"""The 当事人 read service: masked details, cases from the party's side, search, merge preview."""
from __future__ import annotations

import pytest

from app.errors import NotFound
from app.services import cases, parties, party_view

from tests.app.case_data import PERSON_ID, case_input, company, person


def test_detail_is_masked_and_lists_cases_from_the_partys_side(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(applicant=person("张伟"), opposing=company("沈阳乙公司", "")))
    pid = cases.get_case(db, cw, h.id).applicant.id
    d = party_view.get_party_detail(db, cw, pid)
    assert d.identifier == "110105********002X" and PERSON_ID not in repr(d)
    assert d.phone == "138****5678" and d.masked_fields == ("identifier", "phone")
    assert [(c.case_no, c.role_label, c.other_party) for c in d.cases] == [(h.case_no, "申请人", "沈阳乙公司")]
    other = cases.get_case(db, cw, h.id).opposing.id
    assert [c.role for c in party_view.get_party_detail(db, cw, other).cases] == ["opposing"]


def test_a_credit_code_is_public_and_offers_nothing_to_reveal(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input(applicant=company(), opposing=person("李强", "")))
    d = party_view.get_party_detail(db, cw, cases.get_case(db, cw, h.id).applicant.id)
    assert d.identifier == "91350100M000100Y43" and d.masked_fields == ("phone",)


def test_search_by_name_pinyin_and_identifier_and_merged_parties_disappear(centre):
    db, cw = centre.db, centre.caseworker
    a = cases.register(db, cw, case_input(applicant=person("张伟"), opposing=company("沈阳乙公司", "")))
    b = cases.register(db, cw, case_input(applicant=person("张伟", ""), opposing=company("沈阳丙公司", "")),
                       confirmed=True)
    keep = cases.get_case(db, cw, a.id).applicant.id
    assert [p.name for p in party_view.search_parties(db, cw, "张伟")] == ["张伟"]  # one: same name reused
    assert [p.id for p in party_view.search_parties(db, cw, "zw")] == [keep]
    assert [p.id for p in party_view.search_parties(db, cw, "zhangwei")] == [keep]
    assert [p.id for p in party_view.search_parties(db, cw, PERSON_ID)] == [keep]
    assert [p.name for p in party_view.search_parties(db, cw, "公司")] == ["沈阳丙公司", "沈阳乙公司"]
    assert party_view.search_parties(db, cw, "  ") == []
    assert b


def test_merge_preview_counts_what_moves(centre):
    db, cw = centre.db, centre.caseworker
    a = cases.register(db, cw, case_input(applicant=company("沈阳甲公司", ""), opposing=person("王五", "")))
    b = cases.register(db, cw, case_input(applicant=company("沈阳甲有限公司", ""), opposing=person("赵六", "")))
    keep, drop = (cases.get_case(db, cw, x.id).applicant.id for x in (a, b))
    p = party_view.merge_preview(db, cw, keep, drop)
    assert (p.cases, p.consultations, p.rights, p.keep.name, p.drop.name) == (1, 0, 0, "沈阳甲公司", "沈阳甲有限公司")
    parties.merge_parties(db, cw, keep, drop)
    assert [h.name for h in party_view.search_parties(db, cw, "沈阳甲")] == ["沈阳甲公司"]
    with pytest.raises(NotFound):
        party_view.get_party_detail(db, cw, drop)

"""The case list and its one search box, on both backends."""
from __future__ import annotations

from datetime import date

import pytest

from app.services import case_search as cs
from app.services import case_steps as steps
from app.services import cases
from app.services.parties import PartyInput
from app.services.rights import RightInput

from tests.app.case_data import PERSON_ID, case_input, company, person


@pytest.fixture
def register(centre):
    db, cw = centre.db, centre.caseworker

    def _register(applicant, opposing, number, on, summary="", kind="invention", nice=""):
        data = case_input(applicant=applicant, opposing=opposing, registered_on=on,
                          summary=summary or "涉嫌侵犯专利权")
        data = cases.CaseInput(**{**data.__dict__, "rights": (RightInput(kind, number, nice_classes=nice),)})
        return cases.register(db, cw, data, confirmed=True)
    return _register


@pytest.fixture
def three_cases(centre, register):
    a = register(person("张伟", PERSON_ID), company("深圳华强电子有限公司", ""), "201710601862.3", date(2026, 3, 2),
                 summary="展会上发现仿冒产品")
    b = register(company("沈阳单氏机械厂", ""), person("单丽", ""), "202310123456.6", date(2026, 5, 6))
    c = register(company("北京华为科技有限公司", "91350100M000100Y43"), None, "12345678", date(2026, 5, 6),
                 kind="trademark", nice="9, 35")
    return a, b, c


def nos(rows):
    return [r.case_no for r in rows]


@pytest.mark.parametrize("dense", [False, True], ids=["collect", "walk"])
def test_search_finds_each_kind_of_field_in_list_order(db_url, centre, three_cases, monkeypatch, dense):
    if dense:  # the other strategy must give exactly the same rows
        monkeypatch.setattr(cs, "DENSE_POSTINGS", -1)
    db, cw = centre.db, centre.caseworker
    a, b, c = three_cases
    find = lambda q: nos(cs.search(db, cw, q))  # noqa: E731
    assert find("华为") == [c.case_no]                       # 2-character Chinese
    assert find("华") == [c.case_no, a.case_no]              # list order: newest first, then case no.
    assert find("zw") == [a.case_no]                         # pinyin initials of 张伟
    assert find("zhangwei") == [a.case_no]                   # full pinyin
    assert find("shanli") == [b.case_no]                     # 单 read shan as a surname…
    assert find("danl") == [b.case_no]                       # …or dan: every reading is indexed
    assert find("ZL 2023 1 0123456.6") == [b.case_no]        # right number as people write it
    assert find("201710601862.3") == [a.case_no]
    assert find(PERSON_ID) == [a.case_no]                    # identifier
    assert find("91350100M000100Y43") == [c.case_no]
    assert find("仿冒产品") == [a.case_no]                    # summary, 3+ characters
    assert find("华强电子") == [a.case_no]                    # opposing party's name
    assert find(a.case_no) == [a.case_no]
    assert find("测维援字第0002") == [b.case_no]
    assert find("强华") == []                                 # bigrams present, text not
    assert find("不存在的名字") == []
    assert find("？？") == []


def test_filters_sort_and_paging(centre, three_cases):
    db, cw = centre.db, centre.caseworker
    a, b, c = three_cases
    steps.accept(db, cw, a.id, a.version, assignee_id=cw.user_id, on=date(2026, 3, 3))
    rows = cs.list_cases(db, cw, today=date(2026, 5, 7))
    assert nos(rows) == [c.case_no, b.case_no, a.case_no]
    assert rows[2].applicant_identifier == "110105********002X" and rows[2].assignee == "李明"
    assert nos(cs.list_cases(db, cw, cs.CaseFilter(statuses=("accepted",)))) == [a.case_no]
    assert nos(cs.list_cases(db, cw, cs.CaseFilter(ip_kinds=("trademark",)))) == [c.case_no]
    assert nos(cs.list_cases(db, cw, cs.CaseFilter(assignee_id=cw.user_id))) == [a.case_no]
    assert nos(cs.list_cases(db, cw, cs.CaseFilter(registered_from=date(2026, 4, 1)))) == [c.case_no, b.case_no]
    # a: close due 30 working days after 2026-03-03; b, c: decision due 5 working days after 2026-05-06.
    overdue = cs.list_cases(db, cw, cs.CaseFilter(overdue=True), today=date(2026, 5, 20))
    assert nos(overdue) == [c.case_no, b.case_no, a.case_no]
    assert nos(cs.list_cases(db, cw, cs.CaseFilter(overdue=True), today=date(2026, 5, 7))) == [a.case_no]
    assert nos(cs.list_cases(db, cw, sort="case_no", descending=False)) == [a.case_no, b.case_no, c.case_no]
    # Due dates: a's closing deadline (2026-04-15) before b's and c's decision deadline; ties by list order.
    assert nos(cs.list_cases(db, cw, sort="due_on", descending=False)) == [a.case_no, c.case_no, b.case_no]
    assert nos(cs.list_cases(db, cw, offset=1, limit=1)) == [b.case_no]
    assert cs.count_cases(db, cw, cs.CaseFilter(query="华")) == 2


@pytest.mark.parametrize("dense", [False, True], ids=["collect", "walk"])
def test_long_query_is_confirmed_with_the_same_folding_as_the_index(db_url, centre, register, monkeypatch, dense):
    """A dash, a full-width letter or an ellipsis in the stored text is dropped or folded by the
    index; the LIKE confirmation must fold the same way or the case is found and then thrown away."""
    if dense:
        monkeypatch.setattr(cs, "DENSE_POSTINGS", -1)
    db, cw = centre.db, centre.caseworker
    h = register(company("北京华为—技术…有限公司", ""), None, "202310123456.6", date(2026, 5, 6),
                 summary="ＡＢＣ牌〜耳机在展位出售")
    find = lambda q: nos(cs.search(db, cw, q))  # noqa: E731
    assert find("华为技术") == [h.case_no]
    assert find("华为—技术") == [h.case_no]
    assert find("abc牌耳机") == [h.case_no]


def test_a_right_removed_from_the_case_no_longer_finds_it(db_url, centre):
    from app.services import case_edit
    from app.services.rights import RightInput
    from tests.app.case_data import case_input

    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    reg = case_edit.registration(db, cw, h.id)
    old_number = reg.rights[0].number
    assert nos(cs.search(db, cw, old_number)) == [h.case_no]
    data = cases.CaseInput(
        applicant=cases.PartyInput(name=reg.applicant.name, kind=reg.applicant.kind,
                                   identifier=reg.applicant.identifier, phone=reg.applicant.phone,
                                   contact=reg.applicant.contact),
        opposing=None if reg.opposing is None else cases.PartyInput(
            name=reg.opposing.name, kind=reg.opposing.kind, identifier=reg.opposing.identifier,
            phone=reg.opposing.phone, contact=reg.opposing.contact),
        rights=(RightInput("trademark", "12345678", "华为", "9"), RightInput("invention", "ZL 2023 1 0123456.6")),
        dispute_type=reg.dispute_type, channel=reg.channel, services=reg.services, overseas=reg.overseas,
        summary=reg.summary)
    case_edit.edit_registration(db, cw, h.id, reg.version, data)
    reg = case_edit.registration(db, cw, h.id)
    data = cases.CaseInput(**{**data.__dict__, "rights": (RightInput("trademark", "12345678", "华为", "9"),)})
    case_edit.edit_registration(db, cw, h.id, reg.version, data)
    assert nos(cs.search(db, cw, "12345678")) == [h.case_no]
    assert nos(cs.search(db, cw, "202310123456.6")) == []

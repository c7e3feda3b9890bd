"""What the drafting screen offers (case lookup, rights, experts with conflicts, allowed actions, the list) —
on both backends. The calls that change opinions still decide; these only mirror them."""
from __future__ import annotations

from app.services import opinions as ops

from tests.app.opinion_data import make_case, make_expert, make_right, patent_content


def test_case_lookup_rights_experts_actions_and_list(centre):
    db, cw = centre.db, centre.caseworker
    case_id, applicant, _opposing = make_case(db, cw, case_no="〔2026〕测维援字第0042号")
    make_case(db, cw, case_no="〔2026〕测维援字第1042号")
    right = make_right(db, cw, applicant)
    make_expert(db, cw, "刘堃")
    make_expert(db, cw, "王昇", conflict_name="深圳市赟龑科技有限公司", reason="亲属")

    assert [c.case_no for c in ops.find_cases(db, cw, "0042")] == ["〔2026〕测维援字第0042号"]
    assert [c.case_no for c in ops.find_cases(db, cw, "〔2026〕测维援字第1042号")][0].endswith("1042号")
    assert len(ops.find_cases(db, cw, "042")) == 2
    assert ops.find_cases(db, cw, "%") == [] and ops.find_cases(db, cw, " ") == []  # LIKE wildcards are literal

    choices = ops.drafting_choices(db, cw, case_id)
    assert [r.id for r in choices.rights] == [right]
    reasons = {c.expert.name: c.reason for c in choices.experts}
    assert reasons["刘堃"] == "" and "亲属" in reasons["王昇"] and "应当回避" in reasons["王昇"]

    v = ops.create_opinion(db, cw, case_id, patent_content())
    assert ops.allowed_actions(db, cw, v.id) == {"edit", "submit"}
    assert ops.allowed_actions(db, centre.supervisor, v.id) == {"edit", "submit", "void"}
    ops.submit_opinion(db, cw, v.id)
    assert ops.allowed_actions(db, cw, v.id) == frozenset()
    assert ops.allowed_actions(db, centre.supervisor, v.id) == {"return", "approve", "void"}

    rows = ops.list_rows(db, cw, kind="invention", status="in_review")
    assert [r.id for r in rows] == [v.id] and rows[0].conclusion == "infringing" and rows[0].opinion_no is None
    assert ops.list_rows(db, cw, kind="design") == [] and ops.list_rows(db, cw, status="draft") == []

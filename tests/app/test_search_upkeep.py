"""Search tokens follow the searched fields: a status change leaves them alone, a new summary
replaces them, a soft delete removes them."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.service import service_call
from app.services import case_search, cases
from app.services import case_steps as steps
from db.models import AssistCase, SearchToken

from tests.app.case_data import case_input


def tokens_of(db, record_id) -> set[str]:
    with db.read_session() as s:
        return set(s.scalars(select(SearchToken.token).where(SearchToken.record_id == record_id)))


def test_tokens_change_only_with_the_searched_fields(centre):
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    before = tokens_of(db, h.id)
    assert before
    steps.accept(db, cw, h.id, h.version, assignee_id=cw.user_id, on=date(2026, 10, 8))
    assert tokens_of(db, h.id) == before  # a status change is not a search change
    with service_call(db, cw, roles={"caseworker"}, action="test.summary") as s:
        s.get(AssistCase, h.id).summary = "展会上发现仿冒的蓝牙耳机"
    assert "耳机" in tokens_of(db, h.id)
    assert [r.case_no for r in case_search.search(db, cw, "蓝牙耳机")] == [h.case_no]
    with service_call(db, cw, roles={"caseworker"}, action="test.delete") as s:
        s.get(AssistCase, h.id).deleted = True
    assert tokens_of(db, h.id) == set()
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SearchToken).where(SearchToken.record_id == h.id)) == 0

"""Search tokens follow the searched fields: a status change leaves them alone, a new summary
replaces them, a soft delete removes them."""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from app.service import service_call
from app.services import case_search, cases
from app.services import case_steps as steps
from app.search.index import doc_pattern, doc_text
from db.models import AssistCase, SearchDoc, SearchToken

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


def doc_of(db, record_id) -> set[str] | None:
    with db.read_session() as s:
        text = s.scalar(select(SearchDoc.tokens).where(SearchDoc.record_id == record_id))
    return None if text is None else set(json.loads(text))


def test_the_record_document_follows_the_tokens(centre):
    """search_doc is what an edit reads to know which tokens to delete: it must always hold exactly
    the record's tokens, and a word that left the summary must leave the index."""
    db, cw = centre.db, centre.caseworker
    h = cases.register(db, cw, case_input())
    assert doc_of(db, h.id) == tokens_of(db, h.id)
    with service_call(db, cw, roles={"caseworker"}, action="test.summary") as s:
        s.get(AssistCase, h.id).summary = "展会上发现仿冒的蓝牙耳机"
    assert doc_of(db, h.id) == tokens_of(db, h.id)
    with service_call(db, cw, roles={"caseworker"}, action="test.summary") as s:
        s.get(AssistCase, h.id).summary = "网店销售假冒商品"
    assert "耳机" not in tokens_of(db, h.id) and "网店" in tokens_of(db, h.id)
    assert doc_of(db, h.id) == tokens_of(db, h.id)
    assert case_search.search(db, cw, "蓝牙耳机") == []
    with service_call(db, cw, roles={"caseworker"}, action="test.delete") as s:
        s.get(AssistCase, h.id).deleted = True
    assert doc_of(db, h.id) is None


def test_a_document_pattern_takes_like_wildcards_literally():
    import sqlite3
    conn = sqlite3.connect(":memory:")
    doc = doc_text({"ab", "a%c", "py:zhang"})

    def found(pattern: str) -> bool:
        return conn.execute("SELECT ? LIKE ? ESCAPE '\\'", (doc, pattern)).fetchone()[0] == 1
    assert found(doc_pattern("ab")) and found(doc_pattern("a%c"))
    assert not found(doc_pattern("a_")) and not found(doc_pattern("a%"))
    assert found(doc_pattern("py:zh", prefix=True)) and not found(doc_pattern("py:zh"))
    assert not found(doc_pattern("zh", prefix=True))  # a prefix starts a token, never sits inside one

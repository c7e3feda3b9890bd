"""Keeping the search token index current (design.md §7 Search).

Which fields of which tables are searchable is declared here once; services, sync and import
all go through `reindex_objects` (the unit of work calls it for every changed record).
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from app.search.tokens import name_tokens, text_tokens
from db.models import SearchToken

# table → (name-like fields: 1-/2-char substrings + pinyin; long text fields: bigrams)
SEARCHABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "party": (("name", "identifier"), ()),
    "assist_case": (("case_no",), ("summary",)),
    "ip_right": (("number", "title"), ()),
    "consultation": (("asker_name",), ("question", "answer")),
    "knowledge_item": ((), ("question", "answer")),
    "expert": (("name", "organisation", "keywords"), ()),
    "institution": (("name",), ()),
    "exhibitor": (("name", "booth"), ("products",)),
    "fair": (("name",), ()),
    "fair_complaint": (("complaint_no", "respondent_name"), ()),
    "opinion": (("opinion_no", "title"), ()),
}


def tokens_for(table: str, values: dict) -> set[str]:
    spec = SEARCHABLE.get(table)
    if spec is None:
        return set()
    names, texts = spec
    found: set[str] = set()
    for f in names:
        if values.get(f):
            found |= name_tokens(str(values[f]))
    for f in texts:
        if values.get(f):
            found |= text_tokens(str(values[f]))
    return found


def rows_for(table: str, record_id: uuid.UUID, values: dict) -> list[dict]:
    return [{"token": t[:80], "table_name": table, "record_id": record_id} for t in tokens_for(table, values)]


def reindex_objects(session: Session, objects: Iterable) -> None:
    """Replace the tokens of each searchable object (deleted records lose theirs)."""
    rows: list[dict] = []
    stale: dict[str, list[uuid.UUID]] = {}
    for obj in objects:
        table = obj.__table__.name
        if table not in SEARCHABLE:
            continue
        stale.setdefault(table, []).append(obj.id)
        if not getattr(obj, "deleted", False):
            values = {f: getattr(obj, f, None) for spec in SEARCHABLE[table] for f in spec}
            rows.extend(rows_for(table, obj.id, values))
    # One DELETE per table and chunk, not per object, and no ORM session synchronisation (token
    # rows are never loaded as objects): a 10k-record bundle import would otherwise be quadratic.
    for table, ids in stale.items():
        for i in range(0, len(ids), 500):
            session.execute(
                delete(SearchToken).where(SearchToken.table_name == table, SearchToken.record_id.in_(ids[i:i + 500])),
                execution_options={"synchronize_session": False},
            )
    if rows:
        # Core, not the ORM's bulk path: token rows are plain values and there can be 100k+ of them.
        # Sorted by primary key: B-tree inserts in order are about twice as fast as scattered ones.
        rows.sort(key=lambda r: (r["token"], r["table_name"], r["record_id"]))
        session.connection().execute(insert(SearchToken.__table__), rows)

"""Keeping the search token index current (design.md §7 Search).

Which fields of which tables are searchable is declared here once; services, sync and import
all go through `reindex_objects` (the unit of work calls it for every changed record).
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.search.tokens import name_tokens, normalise, text_tokens
from db import bulk
from db.models import SearchToken

# table → (name-like fields: 1-/2-char substrings + pinyin; long text fields: bigrams)
SEARCHABLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "party": (("name", "identifier"), ()),
    "assist_case": (("case_no",), ("summary",)),
    "ip_right": (("number", "title"), ()),
    # Answers are not indexed: they are long, written by us, and nobody looks a call up by them;
    # they were the largest share of the whole index.
    "consultation": (("asker_name",), ("question",)),
    "knowledge_item": ((), ("question", "answer")),
    "expert": (("name", "organisation", "keywords"), ()),
    "institution": (("name",), ()),
    "exhibitor": (("name", "booth"), ("products",)),
    "fair": (("name",), ()),
    "fair_complaint": (("complaint_no", "respondent_name"), ()),
    "opinion": (("opinion_no",), ("title",)),
}

# Numbers among the name-like fields: their 1-/2-character substrings and digit trigrams are
# indexed, but no pinyin — nobody types the pinyin of "〔2026〕沈维援字第0001号", and those
# spellings were millions of useless tokens.
NUMBER_FIELDS = {
    ("assist_case", "case_no"), ("party", "identifier"), ("ip_right", "number"),
    ("fair_complaint", "complaint_no"), ("opinion", "opinion_no"), ("exhibitor", "booth"),
}


# A number longer than this loses its single characters: a one-character query ("1", "维") cannot pick
# out a case number, an identifier or a patent number, and every case number shares 维援字第…号, so they
# were a sixth of all tokens. Short numbers (a booth "A12") keep them.
SHORT_NUMBER = 4


def number_tokens(text: str) -> set[str]:
    n = normalise(text)
    pairs = {n[i:i + 2] for i in range(len(n) - 1)}
    return pairs | set(n) if len(n) <= SHORT_NUMBER else pairs


# Three-digit substrings of digit runs (patent numbers, identifiers, case numbers, numbers in
# summaries). Digit bigrams are too common to find one number among 100k quickly (every patent
# number holds "20"); a digit trigram is about ten times rarer. The prefix keeps them apart from
# the 1-/2-character literal tokens.
DIGIT_PREFIX = "d3:"
_DIGIT_RUN = re.compile(r"[0-9]{3,}")


def digit_trigrams(normalised: str) -> set[str]:
    return {DIGIT_PREFIX + run[i:i + 3] for run in _DIGIT_RUN.findall(normalised) for i in range(len(run) - 2)}


def tokens_for(table: str, values: dict) -> set[str]:
    spec = SEARCHABLE.get(table)
    if spec is None:
        return set()
    names, texts = spec
    found: set[str] = set()
    for f in names:
        if values.get(f):
            tokens = number_tokens if (table, f) in NUMBER_FIELDS else name_tokens
            found |= tokens(str(values[f]))
    for f in texts:
        if values.get(f):
            found |= text_tokens(str(values[f]))
    for f in names + texts:
        if values.get(f):
            found |= digit_trigrams(normalise(str(values[f])))
    return found


def rows_for(table: str, record_id: uuid.UUID, values: dict) -> list[dict]:
    # Cut to the column's width first, then deduplicate: two long pinyin tokens can share their
    # first 80 characters.
    cut = {t[:80] for t in tokens_for(table, values)}
    return [{"token": t, "table_name": table, "record_id": record_id} for t in cut]


# Ids per DELETE … IN (…): well under SQLite's and PostgreSQL's bound-parameter limits.
_DELETE_CHUNK = 500
_TOKEN_COLUMNS = ["token", "table_name", "record_id"]


def reindex_objects(session: Session, objects: Iterable, removed: Iterable = (), *,
                    new: Iterable = ()) -> None:
    """Replace the tokens of each searchable object (deleted records lose theirs); `removed` are
    records deleted from the table, whose tokens only go; `new` are records created in this unit of
    work, which have no tokens yet to delete."""
    stale: dict[str, list[uuid.UUID]] = {}
    for obj in removed:
        if obj.__table__.name in SEARCHABLE:
            stale.setdefault(obj.__table__.name, []).append(obj.id)
    fresh = [obj for obj in new if obj.__table__.name in SEARCHABLE]
    changed = [obj for obj in objects if obj.__table__.name in SEARCHABLE]
    for obj in changed:
        stale.setdefault(obj.__table__.name, []).append(obj.id)
    _delete_tokens(session, stale)
    _insert_tokens(session, [obj for obj in (*fresh, *changed) if not getattr(obj, "deleted", False)])


def _delete_tokens(session: Session, stale: dict[str, list[uuid.UUID]]) -> None:
    # One DELETE per table and chunk, not per record, and without synchronising the session: tokens
    # are only ever written with Core inserts, so no SearchToken object is in the identity map, and
    # the default per-statement scan of that map made a large import quadratic.
    for table, ids in stale.items():
        for start in range(0, len(ids), _DELETE_CHUNK):
            session.execute(
                delete(SearchToken)
                .where(SearchToken.table_name == table, SearchToken.record_id.in_(ids[start:start + _DELETE_CHUNK]))
                .execution_options(synchronize_session=False)
            )


def _insert_tokens(session: Session, objects: list) -> None:
    """Write the tokens of `objects` straight to the driver (db.bulk): an import writes hundreds of
    thousands of them, and SQLAlchemy's per-row parameter handling cost more than the inserts.
    Sorted by primary key: B-tree inserts in order are about twice as fast as scattered ones."""
    if not objects:
        return
    conn = session.connection()
    record_id = bulk.bind_processor(conn, SearchToken.__table__, "record_id")
    rows: list[tuple] = []
    for obj in objects:
        table = obj.__table__.name
        values = {f: getattr(obj, f, None) for spec in SEARCHABLE[table] for f in spec}
        rid = record_id(obj.id)
        # Cut to the column's width first, then deduplicate (see rows_for).
        rows.extend((t, table, rid) for t in {t[:80] for t in tokens_for(table, values)})
    rows.sort()
    bulk.insert_tuples(conn, SearchToken.__table__, _TOKEN_COLUMNS, rows)

"""Keeping the search token index current (design.md §7 Search).

Which fields of which tables are searchable is declared here once; services, sync and import
all go through `reindex_objects` (the unit of work calls it for every changed record); records that
arrive without a unit of work (an opened kit) through `index_records`.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.search.tokens import name_tokens, normalise, text_tokens
from db import bulk
from db.models import SearchDoc, SearchToken

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


def index_tokens(table: str, values: dict) -> set[str]:
    """The tokens stored for a record: cut to the column's width first, then deduplicated (two long
    pinyin spellings can share their first 80 characters)."""
    return {t[:80] for t in tokens_for(table, values)}


_TOKEN_COLUMNS = ["token", "table_name", "record_id"]
_TOKEN = itemgetter(0)
DOC_COLUMNS = ["table_name", "record_id", "tokens"]
# One encoder: json.dumps with options builds a new encoder per call. Compact and with non-ASCII kept,
# as the migration that first filled search_doc wrote it (the walk's LIKE patterns rely on that form).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def doc_text(tokens: Iterable[str]) -> str:
    """A record's search_doc.tokens: its tokens sorted, as a compact JSON array."""
    return _ENCODER.encode(sorted(tokens))


def doc_pattern(token: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (escape character backslash) finding `token` — or a token starting with it —
    in a search_doc.tokens text: the token as that JSON text spells it, quotes included."""
    spelt = _ENCODER.encode(token)
    if prefix:
        spelt = spelt[:-1]
    escaped = spelt.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def record_tokens(obj) -> set[str]:
    """The tokens a model object gets in the index (none when it is soft-deleted)."""
    if getattr(obj, "deleted", False):
        return set()
    table = obj.__tablename__
    return index_tokens(table, {f: getattr(obj, f, None) for spec in SEARCHABLE[table] for f in spec})


def reindex_objects(session: Session, objects: Iterable, removed: Iterable = (), *,
                    new: Iterable = ()) -> None:
    """Bring the index of each searchable object up to date (deleted records lose their tokens);
    `removed` are records deleted from the table, whose tokens only go; `new` are records created in
    this unit of work, which have no tokens yet.

    A changed record's old tokens are read from its search_doc row, and only the difference is
    written: editing a case's status or one word of a summary rewrites a few rows, not all of them."""
    changed = {_key(obj): record_tokens(obj) for obj in objects if obj.__tablename__ in SEARCHABLE}
    changed.update((_key(obj), set()) for obj in removed if obj.__tablename__ in SEARCHABLE)
    stored = _stored_docs(session, changed) if changed else {}
    changed.update((_key(obj), record_tokens(obj)) for obj in new if obj.__tablename__ in SEARCHABLE)
    write_index(session, changed, stored)


def _key(obj) -> tuple[str, uuid.UUID]:
    return obj.__tablename__, obj.id


def index_records(session: Session, records: Iterable[tuple[str, uuid.UUID, dict]]) -> None:
    """Index records that have no entries yet, from their field values (opening a kit, test data)."""
    write_index(session, {(table, record_id): index_tokens(table, values)
                          for table, record_id, values in records
                          if table in SEARCHABLE and not values.get("deleted")}, {})


def _stored_docs(session: Session, keys: Iterable[tuple[str, uuid.UUID]]) -> dict[tuple[str, uuid.UUID], set[str]]:
    """The tokens the index holds now for each of `keys` (records without a document hold none)."""
    by_table: dict[str, list[uuid.UUID]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, []).append(record_id)
    stored: dict[tuple[str, uuid.UUID], set[str]] = {}
    for table, ids in by_table.items():
        for chunk in bulk.in_chunks(ids):
            rows = session.execute(select(SearchDoc.record_id, SearchDoc.tokens).where(
                SearchDoc.table_name == table, SearchDoc.record_id.in_(chunk)))
            stored.update(((table, rid), set(json.loads(text))) for rid, text in rows)
    return stored


def write_index(session: Session, wanted: dict, stored: dict) -> None:
    """Bring each record of `wanted` from the tokens `stored` for it (none when absent: a new record)
    to the wanted ones (an empty set: out of the index), tokens and document alike.

    Straight to the driver (db.bulk; COPY on PostgreSQL): an import writes hundreds of thousands of
    tokens, and SQLAlchemy's per-row parameter handling cost more than the inserts. Rows sorted by
    primary key: B-tree writes in key order are about twice as fast as scattered ones."""
    conn = session.connection()
    rid = bulk.bind_processor(conn, SearchToken.__table__, "record_id")
    added: list[tuple] = []
    gone: list[tuple] = []
    docs: list[tuple] = []
    old_docs: list[tuple] = []
    # Records in key order first; then a stable sort on the token alone leaves each token's rows in
    # record order, so the rows end up in full key order at a quarter of the cost of comparing tuples.
    for table, bound, key in sorted((key[0], rid(key[1]), key) for key in wanted):
        tokens, before = wanted[key], stored.get(key, set())
        if tokens == before:
            continue
        added.extend((t, table, bound) for t in tokens - before)
        gone.extend((t, table, bound) for t in before - tokens)
        if key in stored:
            old_docs.append((table, bound))
        if tokens:
            docs.append((table, bound, doc_text(tokens)))
    gone.sort(key=_TOKEN)
    added.sort(key=_TOKEN)
    bulk.delete_tuples(conn, SearchToken.__table__, _TOKEN_COLUMNS, gone)
    bulk.delete_tuples(conn, SearchDoc.__table__, DOC_COLUMNS[:2], old_docs)
    bulk.insert_tuples(conn, SearchToken.__table__, _TOKEN_COLUMNS, added)
    bulk.insert_tuples(conn, SearchDoc.__table__, DOC_COLUMNS, docs)  # in key order already

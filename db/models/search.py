"""The search token index shared by both backends (design.md §7 Search).

Tokens: 1- and 2-character substrings of names and numbers, bigrams of summaries, full pinyin
('py:' prefix) and initials ('pi:' prefix). Kept current by the services, sync and import.

Two tables hold the same facts in two shapes: `search_token` one row per (token, record), read by
token; `search_doc` one row per record with its tokens as a JSON array, read by record (which tokens
to delete when the record changes; does this one record match, when the case list is walked)."""
import uuid

from sqlalchemy import String, Text
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class SearchToken(Base):
    __tablename__ = "search_token"
    # SQLite: the primary key IS the table (no separate rowid B-tree holding a second copy of every
    # token). No index by record: in a WITHOUT ROWID table a secondary index holds the whole key again,
    # and keeping it was two thirds of the cost of writing tokens; search_doc answers by record.
    __table_args__ = ({"sqlite_with_rowid": False},)
    token: Mapped[str] = mapped_column(String(80), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)


class SearchDoc(Base):
    __tablename__ = "search_doc"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)
    # The record's tokens, sorted, as a compact JSON array (non-ASCII kept as is): what search_token
    # holds for this record, so `json_each` / `json_array_elements_text` can expand it in SQL.
    tokens: Mapped[str] = mapped_column(Text)

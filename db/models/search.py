"""The search token index shared by both backends (design.md §7 Search).

Tokens: 1- and 2-character substrings of names and numbers, bigrams of summaries, full pinyin
('py:' prefix) and initials ('pi:' prefix). Kept current by the services, sync and import."""
from __future__ import annotations

import uuid

from sqlalchemy import Index, String
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class SearchToken(Base):
    __tablename__ = "search_token"
    # SQLite: the primary key IS the table (no separate rowid B-tree holding a second copy of every
    # token); the index was half the database file and a third of every import's work.
    __table_args__ = (Index("ix_search_token_record", "table_name", "record_id"), {"sqlite_with_rowid": False})
    token: Mapped[str] = mapped_column(String(80), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), primary_key=True)

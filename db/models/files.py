"""The file store: attachments and issued PDFs live in the database, keyed by SHA-256, so that
PostgreSQL mode, backups and bundles carry them (design.md §7 Files)."""
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy import Uuid as Uuid_
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, UTCDateTime, utcnow


class StoredFile(Base):
    """Content-addressed: the same bytes are stored once, whoever attached them."""

    __tablename__ = "stored_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Attachment(CentreOwned, Base):
    """A file attached to a record (case, complaint, opinion…): a copy, never a link."""

    __tablename__ = "attachment"
    owner_table: Mapped[str] = mapped_column(String(40), nullable=False)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid_(), nullable=False, index=True)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    mime_type: Mapped[str] = mapped_column(String(100), nullable=False, default="application/octet-stream")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

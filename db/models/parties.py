"""Parties (当事人) and IP rights (知识产权)."""
import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, func, literal_column, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, CentreOwned, code_column


class Party(CentreOwned, Base):
    __tablename__ = "party"
    __table_args__ = (Index("ix_party_name_key", text("replace(replace(name, ' ', ''), '\u3000', '')")),)
    kind: Mapped[str] = code_column(index=True)  # person | enterprise | institution | social_org | other
    name: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    name_pinyin: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    # Resident ID for persons, unified social credit code for the others; normalised, checksummed.
    identifier: Mapped[str | None] = mapped_column(String(30), nullable=True, index=True)
    scale: Mapped[str | None] = code_column(nullable=True)  # large | medium | small | micro | individual
    private_enterprise: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    going_global: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    region: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    contact: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    address: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


# A party's name with its spaces (ASCII and ideographic) left out: how the fair checks compare
# names. Indexed (ix_party_name_key, migration 0006), so a lookup by it reads only the matching
# parties. The constants are written into the SQL, not bound: an expression index serves only the
# very same expression.
PARTY_NAME_KEY = func.replace(func.replace(Party.name, literal_column("' '"), literal_column("''")),
                              literal_column("'\u3000'"), literal_column("''"))


class IpRight(CentreOwned, Base):
    __tablename__ = "ip_right"
    kind: Mapped[str] = code_column(index=True)  # invention | utility | design | trademark | ...
    number: Mapped[str] = mapped_column(String(40), nullable=False, default="", index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    nice_classes: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("party.id"), nullable=True)
    legal_status: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    status_checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

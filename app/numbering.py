"""Human-facing numbers (case no., opinion no., complaint no.) from a sequence per
(centre, pattern, year): never reused, widening past 9999, skipping numbers already present
(an imported ledger keeps its own numbers). design.md §7 Numbers."""
from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session

from app.errors import ValidationError
from db.models import NumberSequence
from db.upsert import locked_row


def render(pattern: str, *, year: int, seq: int, short: str = "", **extra: str) -> str:
    try:
        return pattern.format(year=year, seq=seq, short=short, **extra)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError("编号格式", f"格式 {pattern} 无法使用：{exc}") from exc


def next_number(
    session: Session, centre_id: uuid.UUID, pattern: str, year: int,
    taken: Callable[[str], bool], *, short: str = "", **extra: str,
) -> str:
    """Mint the next free number inside the caller's write transaction."""
    seq_row = _lock(session, centre_id, pattern, year)
    value = seq_row.last_value
    while True:
        value += 1
        number = render(pattern, year=year, seq=value, short=short, **extra)
        if not taken(number):
            break
    seq_row.last_value = value
    return number


def _lock(session: Session, centre_id: uuid.UUID, pattern: str, year: int) -> NumberSequence:
    return locked_row(session, NumberSequence, {"centre_id": centre_id, "pattern": pattern, "year": year},
                      last_value=0)


def next_numbers(
    session: Session, centre_id: uuid.UUID, pattern: str, year: int, count: int,
    taken: Callable[[str], bool], *, short: str = "", **extra: str,
) -> list[str]:
    """Mint `count` numbers at once (a ledger import numbers thousands of rows): one lock and
    one update of the sequence instead of one per number."""
    seq_row = _lock(session, centre_id, pattern, year)
    value, numbers = seq_row.last_value, []
    while len(numbers) < count:
        value += 1
        number = render(pattern, year=year, seq=value, short=short, **extra)
        if not taken(number):
            numbers.append(number)
    seq_row.last_value = value
    return numbers

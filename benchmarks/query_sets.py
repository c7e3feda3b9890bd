"""Queries for the benchmark, drawn from the database with a fixed seed: the same database and seed
give the same queries on SQLite and PostgreSQL (candidates are read in id order)."""
from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin
from sqlalchemy import select

from app.database import Database
from db.models import AssistCase, IpRight, Party

POOL = 20_000  # candidates read per kind; plenty for 20–50 draws
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class QuerySets:
    two_char: list[str]       # a 2-character piece of a company name
    three_plus: list[str]     # a 3–6-character piece of a company name
    initials: list[str]       # pinyin initials of a person's name (its most common reading)
    right_number: list[str]   # a patent or trademark number as stored
    case_ids: list[uuid.UUID]

    def as_json(self, shown: int = 5) -> dict[str, list[str]]:
        return {"two_char": self.two_char[:shown], "three_plus": self.three_plus[:shown],
                "initials": self.initials[:shown], "right_number": self.right_number[:shown]}


def _pieces(rng: random.Random, names: list[str], count: int, lo: int, hi: int) -> list[str]:
    out = []
    candidates = [n for n in names if len(n) >= hi and _HAN.match(n)]
    for name in rng.sample(candidates, min(count, len(candidates))):
        size = rng.randint(lo, hi)
        start = rng.randrange(0, len(name) - size + 1)
        out.append(name[start:start + size])
    return out


def draw(db: Database, seed: int, count: int) -> QuerySets:
    rng = random.Random(seed)
    with db.read_session() as s:
        companies = list(s.scalars(select(Party.name).where(Party.kind == "enterprise").order_by(Party.id).limit(POOL)))
        people = list(s.scalars(select(Party.name).where(Party.kind == "person").order_by(Party.id).limit(POOL)))
        numbers = list(s.scalars(select(IpRight.number).where(IpRight.number != "",
                                                              IpRight.kind.in_(("invention", "utility", "design",
                                                                                "trademark")))
                                 .order_by(IpRight.id).limit(POOL)))
        case_ids = list(s.scalars(select(AssistCase.id).order_by(AssistCase.id).limit(POOL)))
    people = [p for p in people if _HAN.match(p)]
    return QuerySets(
        two_char=_pieces(rng, companies, count, 2, 2),
        three_plus=_pieces(rng, companies, count, 3, 6),
        initials=["".join(lazy_pinyin(name, style=Style.FIRST_LETTER)) for name in
                  rng.sample(people, min(count, len(people)))],
        right_number=rng.sample(numbers, min(count, len(numbers))),
        case_ids=rng.sample(case_ids, min(count, len(case_ids))),
    )

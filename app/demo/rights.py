"""IP rights (知识产权) of every kind, with numbers that pass the ledger validators."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from app.demo import names
from app.demo.clock import Weighted
from app.demo.context import DemoContext
from app.demo.people import PartyRef
from app.labels import IP_KIND
from app.rules.identifiers import make_patent_number

# How often each kind is the main right of a case (trademarks and patents dominate in practice).
CASE_KINDS = Weighted(
    ("trademark", 34), ("utility", 18), ("design", 18), ("invention", 12), ("copyright", 9),
    ("gi", 2), ("trade_secret", 2), ("plant_variety", 1.5), ("ic_layout", 1), ("other", 2.5),
)
PATENT_KINDS = ("invention", "utility", "design")


@dataclass(frozen=True)
class RightRef:
    id: uuid.UUID
    kind: str
    number: str
    title: str
    product: str  # what the right protects, in a word (for summaries and opinions)
    nice_classes: str


class RightFactory:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("rights")
        self.ids = ctx.ids("ip_right")
        self.used_numbers: set[str] = set()
        self.count = 0

    def right_for(self, owner: PartyRef, kind: str, day: date, at: datetime, by: uuid.UUID,
                  reuse: float = 0.6) -> RightRef:
        """A right of `owner` of `kind`: one they already asserted (probability `reuse`) or a new one."""
        if owner.rights is None:
            owner.rights = {}
        held = owner.rights.setdefault(kind, [])
        if held and self.rng.random() < reuse:
            return self.rng.choice(held)
        right = self._new(owner, kind, day, at, by)
        held.append(right)
        return right

    def _new(self, owner: PartyRef, kind: str, day: date, at: datetime, by: uuid.UUID) -> RightRef:
        rng = self.rng
        product = rng.choice(names.PRODUCTS)
        number, title, nice, status = self._describe(rng, kind, product, day)
        right_id = self.ids()
        row = {
            "kind": kind, "number": number, "title": title, "nice_classes": nice,
            "owner_id": owner.id, "legal_status": status, "status_checked_on": day, "note": "",
            **self.ctx.travelling(right_id, at, by),
        }
        self.ctx.loader.add("ip_right", row)
        self.ctx.loader.index("ip_right", right_id, row)
        self.count += 1
        return RightRef(right_id, kind, number, title, product, nice)

    # Draws of a number already used before `_unique` turns to the wider range. Never reached while a
    # range is sparsely used (so smaller demos stay exactly as they were); reached once one is nearly
    # full (4,900 GI numbers at a million cases), where it looped for ever.
    CROWDED = 50

    def _unique(self, make, wider=None) -> str:
        tries = 0
        while True:
            value = make() if wider is None or tries < self.CROWDED else wider()
            tries += 1
            if value not in self.used_numbers:
                self.used_numbers.add(value)
                return value

    def _describe(self, rng: random.Random, kind: str, product: str, day: date) -> tuple[str, str, str, str]:
        """(number, title, Nice classes, legal status) for a right of `kind`."""
        if kind in PATENT_KINDS:
            back = {"invention": (2, 12), "utility": (1, 8), "design": (1, 6)}[kind]
            year = max(2004, day.year - rng.randint(*back))
            number = self._unique(lambda: make_patent_number(rng, IP_KIND[kind], year))
            paid = day.year + rng.randint(0, 1)
            status = rng.choice(("有效", f"有效（年费已缴至{paid}年）", "专利权维持", "有效"))
            if kind == "design":
                title = product + rng.choice(names.DESIGN_VARIANTS)
            else:
                title = rng.choice(names.PATENT_PREFIXES) + product + rng.choice(names.PATENT_SUFFIXES)
            return number, title, "", status
        if kind == "trademark":
            number = self._unique(lambda: str(rng.randint(3_000_000, 79_999_999)))
            classes = ",".join(str(c) for c in rng.choice(names.NICE_GROUPS))
            until = day.year + rng.randint(1, 9)
            return number, rng.choice(names.MARK_WORDS), classes, f"注册有效（有效期至{until}年）"
        if kind == "gi":
            number = self._unique(lambda: f"AGI{rng.randint(100, 4999):05d}",
                                  lambda: f"AGI{rng.randint(5000, 99_999):05d}")
            return number, rng.choice(names.GI_NAMES), "", "登记保护中"
        if kind == "copyright":
            year = day.year - rng.randint(0, 5)
            title = rng.choice(names.WORK_TITLES)
            if "软件" in title:
                number = self._unique(lambda: f"{year}SR{rng.randint(0, 1_999_999):07d}")
            else:
                number = self._unique(lambda: f"辽作登字-{year}-{rng.choice('AFIJL')}-{rng.randint(1, 99_999):08d}")
            return number, title, "", "已登记"
        if kind == "plant_variety":
            year = day.year - rng.randint(2, 10)
            number = self._unique(lambda: f"CNA{year}{rng.randint(1, 99_999):05d}.{rng.randint(0, 9)}")
            return number, rng.choice(names.PLANT_VARIETIES), "", "品种权有效"
        if kind == "ic_layout":
            year = day.year - rng.randint(1, 8)
            number = self._unique(lambda: f"BS.{year % 100:02d}5{rng.randint(0, 999_999):06d}.{rng.randint(0, 9)}")
            return number, rng.choice(names.IC_LAYOUTS), "", "专有权有效"
        if kind == "trade_secret":
            return "", rng.choice(names.TRADE_SECRETS), "", "权利人采取了保密措施"
        return "", rng.choice(("知名商品特有包装装潢", "企业字号", "网站域名", "商品特有名称")), "", ""

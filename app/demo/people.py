"""People and organisations: the centre's extra staff and the parties (当事人) of cases and complaints."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime

from stdnum.cn import uscc

from app.demo import names
from app.demo.clock import Weighted
from app.demo.context import DemoContext
from app.rules.identifiers import make_credit_code, make_mobile, make_resident_id
from app.search.tokens import name_pinyin as party_pinyin  # the one form every service stores

# Extra caseworkers of a larger centre: (username, display name).
EXTRA_CASEWORKERS = (
    ("liuyang", "刘洋"), ("chenjing", "陈静"), ("sunhao", "孙浩"), ("yangfan", "杨帆"),
    ("zhouting", "周婷"), ("wulei", "吴磊"), ("guanxin", "关欣"), ("tongwei", "佟伟"),
    ("hanxue", "韩雪"), ("mabin", "马斌"), ("songjia", "宋佳"), ("fengtao", "冯涛"),
)

_SHENYANG_CODES = tuple(code for _, _, code in names.SHENYANG_DISTRICTS)
_LIAONING_CODES = _SHENYANG_CODES + tuple(code for _, _, code in names.LIAONING_DISTRICTS)
_BIRTH_CODES = _LIAONING_CODES * 3 + names.OTHER_BIRTH_CODES


def person_name(rng: random.Random) -> tuple[str, str]:
    """(surname, given name); the front of the surname list is drawn more often."""
    surnames = names.SURNAMES
    surname = surnames[min(int(rng.expovariate(1 / 18)), len(surnames) - 1)]
    given = rng.choice(names.GIVEN)
    if rng.random() < 0.7:
        given += rng.choice(names.GIVEN)
    return surname, given


def honorific(rng: random.Random) -> str:
    """How a caller who gives no full name is written down: 王女士, 李先生."""
    surname, _ = person_name(rng)
    return surname + rng.choice(("先生", "女士"))


def landline(rng: random.Random) -> str:
    return f"024-{rng.choice('2345689')}{rng.randint(0, 9_999_999):07d}"


def phone(rng: random.Random) -> str:
    return make_mobile(rng) if rng.random() < 0.8 else landline(rng)


def address(rng: random.Random, city: str = "沈阳市", district: str = "") -> str:
    streets = names.SHENYANG_STREETS if city == "沈阳市" else names.OTHER_STREETS
    return f"{city}{district}{rng.choice(streets)}{rng.randint(1, 399)}号"


@dataclass
class PartyRef:
    """What other sections need to know about a party already written."""

    id: uuid.UUID
    kind: str
    name: str
    scale: str | None
    going_global: bool
    rights: dict[str, list] | None = None  # ip kind → RightRef list, filled by rights.py


class PartyFactory:
    """Creates parties on demand and writes them (with their search tokens) through the loader."""

    SCALES = Weighted(("large", 8), ("medium", 20), ("small", 35), ("micro", 25), ("individual", 12))
    OPPONENT_SCALES = Weighted(("medium", 8), ("small", 30), ("micro", 32), ("individual", 30))

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng("parties")
        self.ids = ctx.ids("party")
        self.used_names: set[str] = set()
        self.used_identifiers: set[str] = set()
        self.count = 0

    # --- public ---------------------------------------------------------------------------------------
    def applicant(self, at: datetime, by: uuid.UUID) -> PartyRef:
        r = self.rng.random()
        if r < 0.62:
            return self.enterprise(at, by, scales=self.SCALES)
        if r < 0.90:
            return self.person(at, by)
        if r < 0.94:
            return self._named("institution", names.INSTITUTION_PARTIES, at, by)
        if r < 0.97:
            return self._named("social_org", names.SOCIAL_ORGS, at, by)
        return self._named("other", names.OTHER_PARTIES, at, by)

    def opponent(self, at: datetime, by: uuid.UUID) -> PartyRef:
        if self.rng.random() < 0.78:
            return self.enterprise(at, by, scales=self.OPPONENT_SCALES)
        return self.person(at, by, note="网店经营者")

    def person(self, at: datetime, by: uuid.UUID, note: str = "") -> PartyRef:
        rng = self.rng
        surname, given = person_name(rng)
        city, district, code = self._district()
        identifier = self._unique_id(lambda: make_resident_id(rng, (1955, 2003), _BIRTH_CODES))
        row = {
            "kind": "person", "name": surname + given, "name_pinyin": party_pinyin(surname + given),
            "identifier": identifier, "scale": None, "private_enterprise": False,
            "going_global": False, "region": f"辽宁省{city}{district}", "contact": "",
            "phone": make_mobile(rng), "address": address(rng, city, district), "note": note,
        }
        return self._write(row, at, by)

    def enterprise(self, at: datetime, by: uuid.UUID, scales: Weighted = SCALES,
                   going_global: bool | None = None) -> PartyRef:
        rng = self.rng
        scale = scales.pick(rng)
        city, district, code = self._district()
        if scale == "individual":
            parts = self._shop_name(district)
        else:
            parts = self._company_name()
        name = "".join(parts)
        prefix = "92" if scale == "individual" else "91"  # 92: individual business (个体工商户)
        identifier = self._unique_id(lambda: _credit_code(rng, code, prefix))
        if going_global is None:
            going_global = scale in ("large", "medium") and rng.random() < 0.35 or rng.random() < 0.05
        surname, given = person_name(rng)
        row = {
            "kind": "enterprise", "name": name, "name_pinyin": party_pinyin(name),
            "identifier": identifier, "scale": scale,
            "private_enterprise": scale == "individual" or rng.random() < 0.86,
            "going_global": going_global, "region": f"辽宁省{city}{district}",
            "contact": surname + given, "phone": phone(rng), "address": address(rng, city, district),
            "note": "",
        }
        return self._write(row, at, by)

    def company_name(self) -> tuple[str, ...]:
        """Parts of an enterprise name nobody has yet (reserved), for records that are not parties."""
        parts = self._company_name()
        self.used_names.add("".join(parts))
        return parts

    def credit_code(self) -> str:
        """A fresh enterprise credit code registered in a Liaoning district."""
        code = self._district()[2]
        return self._unique_id(lambda: _credit_code(self.rng, code, "91"))

    # --- internals --------------------------------------------------------------------------------------
    def _named(self, kind: str, pool: tuple[str, ...], at: datetime, by: uuid.UUID) -> PartyRef:
        rng = self.rng
        fresh = [n for n in pool if n not in self.used_names]
        if not fresh:  # every organisation of the list exists: an enterprise instead
            return self.enterprise(at, by)
        name = rng.choice(fresh)
        city, district, code = self._district()
        # Registering authority and category: 12 public institution (事业单位), 51 social organisation
        # (社会团体), 93 farmers' cooperative.
        prefix = {"institution": "12", "social_org": "51", "other": "93"}[kind]
        identifier = self._unique_id(lambda: _credit_code(rng, code, prefix))
        surname, given = person_name(rng)
        row = {
            "kind": kind, "name": name, "name_pinyin": party_pinyin(name), "identifier": identifier,
            "scale": None, "private_enterprise": False, "going_global": False,
            "region": f"辽宁省{city}{district}", "contact": surname + given, "phone": landline(rng),
            "address": address(rng, city, district), "note": "",
        }
        return self._write(row, at, by)

    def _write(self, row: dict, at: datetime, by: uuid.UUID) -> PartyRef:
        party_id = self.ids()
        row.update(self.ctx.travelling(party_id, at, by))
        self.used_names.add(row["name"])
        self.ctx.loader.add("party", row)
        self.ctx.loader.index("party", party_id, row)
        self.count += 1
        return PartyRef(party_id, row["kind"], row["name"], row["scale"], row["going_global"])

    def _district(self) -> tuple[str, str, str]:
        if self.rng.random() < 0.8:
            return self.rng.choice(names.SHENYANG_DISTRICTS)
        return self.rng.choice(names.LIAONING_DISTRICTS)

    def _company_name(self) -> tuple[str, ...]:
        rng = self.rng
        for attempt in range(50):
            parts = (rng.choice(names.COMPANY_CITIES), rng.choice(names.BRANDS),
                     rng.choice(names.INDUSTRIES), rng.choice(names.COMPANY_SUFFIXES))
            if attempt > 20:  # the combinations run out for very large demos: a second brand word
                parts = (parts[0], parts[1] + rng.choice(names.BRANDS), parts[2], parts[3])
            if "".join(parts) not in self.used_names:
                return parts
        return parts + (f"第{self.count}分公司",)

    def _shop_name(self, district: str) -> tuple[str, ...]:
        rng = self.rng
        for attempt in range(50):
            surname, given = person_name(rng)
            owner = surname + given if attempt > 10 else surname + "记"
            parts = (district, owner, rng.choice(names.SHOP_KINDS))
            if "".join(parts) not in self.used_names:
                return parts
        return parts + (str(self.count),)

    def _unique_id(self, make) -> str:
        while True:
            value = make()
            if value not in self.used_identifiers:
                self.used_identifiers.add(value)
                return value


def _credit_code(rng: random.Random, region: str, prefix: str) -> str:
    """A credit code of `make_credit_code`'s shape with another authority/category prefix."""
    body = prefix + make_credit_code(rng, (region,))[2:17]
    return body + uscc.calc_check_digit(body)

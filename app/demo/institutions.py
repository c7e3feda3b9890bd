"""Cooperating units (合作单位库): law firms, agencies, courts, bureaus… and where referrals go."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from app.demo import names
from app.demo.clock import office_instant
from app.demo.context import DemoContext
from app.demo.people import address, landline, person_name
from app.search.tokens import name_pinyin

# (kind, name, region); law firms and agencies get invented names, public bodies their real ones.
_PUBLIC = (
    ("mediation_org", "沈阳市知识产权纠纷人民调解委员会", "沈阳市浑南区"),
    ("mediation_org", "辽宁省知识产权纠纷调解中心", "沈阳市和平区"),
    ("mediation_org", "沈阳市浑南区知识产权纠纷人民调解委员会", "沈阳市浑南区"),
    ("court", "沈阳市中级人民法院", "沈阳市沈河区"),
    ("court", "沈阳知识产权法庭", "沈阳市沈河区"),
    ("court", "沈阳市浑南区人民法院", "沈阳市浑南区"),
    ("admin_dept", "沈阳市市场监督管理局", "沈阳市沈河区"),
    ("admin_dept", "辽宁省知识产权局", "沈阳市和平区"),
    ("admin_dept", "沈阳市文化市场综合行政执法队", "沈阳市和平区"),
    ("admin_dept", "沈阳市铁西区市场监督管理局", "沈阳市铁西区"),
    ("customs", "沈阳海关", "沈阳市和平区"),
    ("customs", "大连海关", "大连市中山区"),
    ("association", "沈阳市知识产权协会", "沈阳市沈河区"),
    ("association", "辽宁省专利代理师协会", "沈阳市和平区"),
    ("other", "沈阳仲裁委员会", "沈阳市沈河区"),
    ("other", "沈阳市公安局经济犯罪侦查支队", "沈阳市和平区"),
    ("other", "沈阳市沈河公证处", "沈阳市沈河区"),
)
_INVENTED = (
    ("law_firm", "辽宁{}律师事务所"), ("law_firm", "辽宁{}律师事务所"), ("law_firm", "北京{}（沈阳）律师事务所"),
    ("law_firm", "沈阳{}律师事务所"), ("law_firm", "辽宁{}律师事务所"),
    ("patent_agency", "沈阳{}专利代理事务所（普通合伙）"), ("patent_agency", "辽宁{}知识产权代理有限公司"),
    ("patent_agency", "沈阳{}专利商标代理有限公司"), ("patent_agency", "大连{}专利代理事务所（特殊普通合伙）"),
    ("appraisal", "辽宁{}知识产权司法鉴定所"), ("appraisal", "沈阳{}司法鉴定中心"),
)
_UNIVERSITIES = ("东北机械工程学院知识产权研究中心", "辽宁理工学院技术转移中心", "沈阳医药学院知识产权办公室")

# Referral target → institution kinds that take such a referral.
TARGET_KINDS = {
    "enforcement": ("admin_dept",), "ruling": ("admin_dept",), "court": ("court",),
    "arbitration": ("other",), "mediation": ("mediation_org",), "customs": ("customs",),
    "police": ("other",), "other": ("association", "law_firm"),
}
_TARGET_NAMES = {"arbitration": "仲裁", "police": "公安"}


@dataclass
class Directory:
    """Institutions written, by kind: (id, name)."""

    by_kind: dict[str, list[tuple[uuid.UUID, str]]] = field(default_factory=dict)

    def for_target(self, target: str) -> list[tuple[uuid.UUID, str]]:
        found = [i for kind in TARGET_KINDS[target] for i in self.by_kind.get(kind, [])]
        word = _TARGET_NAMES.get(target)
        if word:  # the "other" kind holds the arbitration commission and the police
            found = [i for i in found if word in i[1]] or found
        return found


def write_institutions(ctx: DemoContext) -> Directory:
    rng = ctx.rng("institutions")
    ids = ctx.ids("institution")
    brands = rng.sample(names.BRANDS, len(_INVENTED))
    entries = [(kind, pattern.format(brand), "沈阳市" + rng.choice(names.SHENYANG_DISTRICTS)[1])
               for (kind, pattern), brand in zip(_INVENTED, brands, strict=True)]
    entries += list(_PUBLIC)
    entries += [("university", n, "沈阳市" + rng.choice(("浑南区", "皇姑区", "沈北新区"))) for n in _UNIVERSITIES]
    directory = Directory()
    created = office_instant(rng, ctx.first_day - timedelta(days=20))
    for kind, name, region in entries:
        inst_id = ids()
        contact = "".join(person_name(rng))
        city, district = region[:3], region[3:]
        row = {
            "kind": kind, "name": name, "name_pinyin": name_pinyin(name), "contact": contact,
            "phone": landline(rng), "address": address(rng, city, district), "region": "辽宁省" + region,
            "note": "", **ctx.travelling(inst_id, created, ctx.admin.id),
        }
        ctx.loader.add("institution", row)
        ctx.loader.index("institution", inst_id, row)
        directory.by_kind.setdefault(kind, []).append((inst_id, name))
    return directory

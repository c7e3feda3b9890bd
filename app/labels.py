"""Domain value lists: code → Chinese label (glossary.md). The database stores codes; screens,
documents, imports and JSON use the labels."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping


def _list(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(dict(pairs))


ROLES = _list(caseworker="办案人员", supervisor="负责人", fair_staff="驻场人员", admin="系统管理员")
CASE_STATUS = _list(
    registered="待受理", supplementing="补正中", accepted="已受理", refused="不予受理",
    withdrawn="视为撤回", closed="已办结", followed_up="已回访", archived="已归档",
)
CHANNEL = _list(visit="来访", phone="电话", online="网上平台", letter="信函", fair="展会", referred="转办")
PARTY_KIND = _list(person="自然人", enterprise="企业", institution="事业单位", social_org="社会组织", other="其他")
SCALE = _list(large="大型", medium="中型", small="小型", micro="微型", individual="个体工商户")
IP_KIND = _list(
    invention="发明专利", utility="实用新型", design="外观设计", trademark="商标", gi="地理标志",
    ic_layout="集成电路布图设计", copyright="著作权", plant_variety="植物新品种",
    trade_secret="商业秘密", other="其他",
)
DISPUTE_TYPE = _list(
    infringement="侵权纠纷", ownership="权属纠纷", contract="合同纠纷",
    unfair_competition="不正当竞争", overseas="海外纠纷", other="其他",
)
SERVICE = _list(
    consultation="咨询指导", opinion="侵权判定参考意见", mediation="纠纷调解", expert_review="专家论证",
    referral="移交处理", overseas_guidance="海外纠纷应对指导", other="其他",
)
REFERRAL_TARGET = _list(
    enforcement="行政执法", ruling="行政裁决", court="人民法院", arbitration="仲裁",
    mediation="人民调解", customs="海关", police="公安", other="其他",
)
OUTCOME = _list(
    mediated="调解成功", mediation_failed="调解不成功", opinion_issued="出具意见", referred="移交处理",
    withdrawn="撤回", terminated="终止", other="其他",
)
SATISFACTION = MappingProxyType({"非常满意": 100, "满意": 80, "基本满意": 60, "不满意": 40, "非常不满意": 20})
TOPIC = _list(
    law="法律法规", procedure="授权确权程序与法律状态", dispute_routes="纠纷处理方式",
    evidence="取证方法", overseas="海外维权", other="其他",
)
INSTITUTION_KIND = _list(
    law_firm="律师事务所", patent_agency="专利代理机构", appraisal="鉴定机构", mediation_org="调解组织",
    court="人民法院", admin_dept="行政管理部门", customs="海关", university="高校",
    association="行业协会", other="其他",
)
OPINION_KIND = _list(
    invention="发明专利", utility="实用新型", design="外观设计", trademark="商标", copyright="著作权", other="其他",
)
OPINION_STATUS = _list(draft="草稿", in_review="待审核", approved="已批准", issued="已出具", void="已作废")
FEATURE_MARK = _list(same="相同", equivalent="等同", different="不相同也不等同", missing="缺失", unknown="待查明")
DESIGN_OVERALL = _list(same="相同", similar="近似", not_similar="不近似")
CONCLUSION = _list(infringing="构成侵权", likely="可能构成侵权", not_infringing="不构成侵权", undetermined="无法判断")
COMPLAINT_OUTCOME = _list(
    withdrawn="撤展", covered="遮盖", settled="和解", dismissed="驳回", handed_over="移交", other="其他",
)
MEDIATION_RESULT = _list(success="成功", failure="不成功")


def label(values: Mapping[str, str], code: str | None) -> str:
    return "" if code is None else values.get(code, code)


def code_for(values: Mapping[str, str], text: str) -> str | None:
    """The code whose label (or code) equals `text`, or None."""
    if text in values:
        return text
    for code, lab in values.items():
        if lab == text:
            return code
    return None

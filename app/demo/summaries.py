"""Case summaries (案情摘要): one or two sentences built from parts, 30–80 characters."""
from __future__ import annotations

import random

from app.demo import names
from app.demo.rights import RightRef

MIN_LENGTH = 30
MAX_LENGTH = 80

RIGHT_WORDS = {
    "invention": "发明专利权", "utility": "实用新型专利权", "design": "外观设计专利权",
    "trademark": "注册商标专用权", "gi": "地理标志", "ic_layout": "集成电路布图设计专有权",
    "copyright": "著作权", "plant_variety": "植物新品种权", "trade_secret": "商业秘密", "other": "合法权益",
}
# What the applicant asks for: first request, and the same as a second one joined with 并.
REQUESTS = {
    "consultation": ("请求提供维权指导", "提供维权指导"),
    "opinion": ("请求出具侵权判定参考意见", "出具侵权判定参考意见"),
    "mediation": ("请求中心组织调解", "组织调解"),
    "expert_review": ("请求组织专家论证", "组织专家论证"),
    "referral": ("请求移交执法部门处理", "移交执法部门处理"),
    "overseas_guidance": ("请求提供海外纠纷应对指导", "提供海外纠纷应对指导"),
    "other": ("请求中心协助处理", "协助处理"),
}
WHO = ("申请人", "申请人", "申请人", "权利人")
OPPONENTS = ("被请求人", "被请求人", "被请求人", "某网店经营者", "某商贸公司", "一家同行企业")
PLACES = names.ONLINE_SHOPS + names.PLACES_SOLD
EVIDENCE = ("已提供购买公证书", "附有网页截图和购买凭证", "已初步固定证据", "提交了权利证书和产品实物",
            "已向平台投诉未果", "涉案金额约{amount}万元", "对方拒绝停止销售")

_INFRINGEMENT = (
    "{who}发现{opp}在{place}销售的{product}涉嫌侵犯其{right}",
    "{who}称{opp}制造、销售的{product}落入其{right}的保护范围",
    "{who}反映{opp}未经许可在{place}销售与其{right}相同的{product}",
)
_DESIGN = (
    "{who}在{place}购得{opp}经营的{product}，经比对与其外观设计高度近似",
    "{who}发现{opp}在{place}销售的{product}外观与其外观设计专利相同",
)
_TRADEMARK = (
    "{opp}未经许可在{product}上使用与{who}注册商标“{mark}”近似的标识",
    "{who}反映{opp}在{place}大量销售假冒“{mark}”品牌的{product}",
    "{opp}在店招和包装上突出使用“{mark}”字样，与{who}的注册商标相同",
)
_COPYRIGHT = (
    "{who}的作品{title}被{opp}未经授权用于商品包装和宣传",
    "{opp}在{place}擅自使用{who}享有著作权的{title}",
)
_TRADE_SECRET = (
    "{who}原技术人员离职后到{opp}任职，涉嫌披露{who}的{title}",
    "{opp}涉嫌以不正当手段获取{who}的{title}并用于生产{product}",
)
_BY_DISPUTE = {
    "ownership": (
        "{who}与原合作单位就{product}相关{right}的归属发生争议",
        "{who}离职员工以个人名义申请了与{product}相关的专利，{who}主张权属",
    ),
    "contract": (
        "{who}与{opp}签订{right}许可合同后，对方未按约支付许可费",
        "{who}与{opp}就{product}技术转让合同的履行发生纠纷",
    ),
    "unfair_competition": (
        "{opp}使用与{who}知名商品近似的包装装潢销售{product}，涉嫌不正当竞争",
        "{opp}在网络推广中虚假宣传其{product}与{who}产品同源",
    ),
    "overseas": (
        "{who}出口至{country}的{product}被当地企业指控侵犯专利权",
        "{who}在{country}参展时被投诉商标侵权，展品被要求撤下",
        "{who}的“{mark}”商标在{country}被他人抢先注册，影响产品出口",
    ),
    "other": (
        "{who}咨询其{product}相关{right}被他人恶意抢注后的应对办法",
        "{who}收到{opp}发来的侵权警告函，认为对方滥用权利",
    ),
}


def summary(rng: random.Random, dispute: str, right: RightRef, services: list[str]) -> str:
    """A summary for a case of `dispute` type about `right`, asking for the first services."""
    if dispute == "unfair_competition" and right.kind == "trade_secret":
        templates = _TRADE_SECRET
    elif dispute == "infringement":
        templates = {"trademark": _TRADEMARK, "copyright": _COPYRIGHT, "design": _DESIGN,
                     "trade_secret": _TRADE_SECRET}.get(right.kind, _INFRINGEMENT)
    else:
        templates = _BY_DISPUTE[dispute]
    fill = {
        "who": rng.choice(WHO), "opp": rng.choice(OPPONENTS), "place": rng.choice(PLACES),
        "product": right.product, "right": RIGHT_WORDS[right.kind],
        "mark": right.title if right.kind == "trademark" else rng.choice(names.MARK_WORDS),
        "title": right.title, "country": rng.choice(names.COUNTRIES),
    }
    facts = rng.choice(templates).format(**fill)
    wanted = [REQUESTS[code] for code in services[:2]]
    request = wanted[0][0] if len(wanted) == 1 else f"{wanted[0][0]}并{wanted[1][1]}"
    text = f"{facts}，{request}。"
    # Evidence already in hand: said of infringement only (it is about products on sale).
    if dispute == "infringement" and (len(text) < MIN_LENGTH or rng.random() < 0.3):
        extra = rng.choice(EVIDENCE).format(amount=rng.randint(2, 300))
        longer = f"{facts}，{extra}，{request}。"
        if len(longer) <= MAX_LENGTH:
            text = longer
    if len(text) > MAX_LENGTH:
        text = f"{facts}，{wanted[0][0]}。"
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1] + "。"
    while len(text) < MIN_LENGTH:
        text = text[:-1] + "，" + rng.choice(("请予支持", "望尽快处理", "情况较为紧急")) + "。"
    return text

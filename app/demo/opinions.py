"""Infringement-determination reference opinions (侵权判定参考意见) with claim charts and comparisons.

Each opinion is built to reach a conclusion (its rows and `body` judgements are drawn for it), and the
suggested conclusion is then computed by `app.rules.conclusions.suggest` exactly as the opinion service does;
the drafter's conclusion follows it. Body keys and row sections are those of `app.services.opinion_types`.
Numbers are assigned at issue, in issue order, per year.
"""
from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.demo import names
from app.demo.cases import OpinionRequest
from app.demo.clock import Weighted, at_local, office_instant
from app.demo.context import DemoContext
from app.demo.experts import ExpertRef
from app.rules import conclusions

KIND_OF_RIGHT = {"invention": "invention", "utility": "utility", "design": "design", "trademark": "trademark",
                 "copyright": "copyright"}
KIND_WORDS = {"invention": "发明专利", "utility": "实用新型专利", "design": "外观设计专利", "trademark": "商标",
              "copyright": "著作权", "other": "知识产权"}
CONCLUSIONS = Weighted(("infringing", 45), ("likely", 20), ("not_infringing", 25), ("undetermined", 10))
LABELS = "ABCDEFGH"

COMPONENTS = ("壳体", "底座", "驱动电机", "控制模块", "连接件", "密封圈", "传感器", "电源模块", "支撑架", "调节旋钮",
              "散热片", "卡扣", "导轨", "弹性件", "显示屏", "出风口", "把手", "储液腔")
RELATIONS = ("设置于{a}的内部", "与{a}可拆卸连接", "固定在{a}的上端", "通过导线与{a}电连接", "沿{a}的轴向滑动设置",
             "位于{a}的一侧", "嵌设于{a}的凹槽内", "与{a}一体成型")
EQUIVALENT_WAYS = ("以卡接代替螺钉固定", "以弹簧片代替橡胶垫", "以无线连接代替导线连接", "位置略有调整")
DIFFERENT_WAYS = ("设置于外部且不与其连接", "采用完全不同的杠杆结构", "以手动方式代替")
DESIGN_FEATURES = ("整体形状", "主视图轮廓", "俯视图比例", "表面图案", "局部结构", "按键布局", "色彩组合")
EVIDENCE = ("（{year}）辽沈证内字第{n}号公证书", "购买发票及付款凭证", "被诉侵权产品实物及照片", "网页截图及订单记录")
RIGHT_EVIDENCE = {"invention": "专利证书及专利登记簿副本", "utility": "专利证书及专利权评价报告",
                  "design": "外观设计专利证书", "trademark": "商标注册证复印件", "copyright": "作品登记证书",
                  "other": "权利证明材料"}
VOID_REASONS = ("涉案权利法律状态发生变化，原意见作废", "比对所依据的被诉产品有误，重新出具", "申请人撤回出具意见的请求")


@dataclass
class _Draft:
    """An opinion planned before numbers are assigned."""

    row: dict
    claims: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    experts: list[uuid.UUID] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def write_opinions(ctx: DemoContext, requests: list[OpinionRequest], experts: list[ExpertRef]) -> int:
    rng = ctx.rng("opinions")
    ids = ctx.ids("opinion")
    sub_ids = ctx.ids("opinion-parts")
    drafts: list[_Draft] = []
    ordered = sorted(requests, key=lambda r: (r.requested_on, r.issue_on))
    # One invention opinion carries a claim chart long enough for three printed pages, so the
    # repeated table header and page breaks can be seen in the demo (issue 5).
    long_one = next((i for i, r in enumerate(ordered) if KIND_OF_RIGHT.get(r.right.kind) == "invention"), None)
    for order, request in enumerate(ordered):
        drafts.extend(_plan(ctx, rng, ids, request, experts, order, long_chart=order == long_one))
    _every_status(ctx, rng, drafts)
    # Numbers in the order of issue, per year.
    for draft in sorted((d for d in drafts if d.row["issued_on"] is not None),
                        key=lambda d: (d.row["issued_on"], d.row["_order"])):
        draft.row["opinion_no"] = ctx.next_number("opinion_number_pattern", draft.row["issued_on"].year)
    for draft in sorted(drafts, key=lambda d: d.row["_order"]):
        _write(ctx, rng, sub_ids, draft)
    return len(drafts)


def _plan(ctx: DemoContext, rng: random.Random, ids, request: OpinionRequest,
          experts: list[ExpertRef], order: int, long_chart: bool = False) -> list[_Draft]:
    today = ctx.today
    kind = KIND_OF_RIGHT.get(request.right.kind, "other")
    requested, issue = request.requested_on, request.issue_on
    span = max(ctx.cal.workdays_between(requested, issue), 1)
    submitted = ctx.add_workdays(requested, max(1, span * 2 // 3))
    approved = ctx.add_workdays(requested, max(1, span - 1)) if span > 1 else issue
    if issue <= today:
        status = "issued"
    elif approved <= today:
        status = "approved"
    elif submitted <= today:
        status = "in_review"
    else:
        status = "draft"
    conclusion = CONCLUSIONS.pick(rng)
    draft = _Draft(_base_row(ctx, rng, ids, request, kind, status, requested, submitted, approved, issue))
    draft.row["_order"] = float(order)
    _comparison(rng, draft, request, kind, conclusion, long_chart=long_chart)
    usable = [e for e in experts if not e.conflicts & {request.applicant.id, request.opponent and request.opponent.id}]
    if usable and rng.random() < 0.4:
        draft.experts = [e.id for e in rng.sample(usable, min(rng.randint(1, 2), len(usable)))]
    found = [rng.choice(EVIDENCE).format(year=requested.year, n=rng.randint(100, 9999))
             for _ in range(rng.randint(1, 3))]
    draft.evidence = list(dict.fromkeys([RIGHT_EVIDENCE[kind], *found]))
    drafts = [draft]
    # A few issued opinions were first issued with a flaw, voided, and issued again as version 2.
    if status == "issued" and span >= 4 and rng.random() < 0.08:
        first_issue = ctx.add_workdays(requested, span // 2)
        first_submit = ctx.add_workdays(requested, max(1, span // 3))
        v1 = _Draft(_base_row(ctx, rng, ids, request, kind, "void", requested, first_submit, first_issue,
                              first_issue))
        v1.row["void_reason"] = rng.choice(VOID_REASONS[:2])
        v1.row["conclusion"] = draft.row["_chosen"]
        v1.row["suggested_conclusion"] = draft.row["suggested_conclusion"]
        v1.row["analysis"], v1.row["body"] = draft.row["analysis"], draft.row["body"]
        v1.claims, v1.rows, v1.experts, v1.evidence = draft.claims, draft.rows, draft.experts, draft.evidence
        v1.row["_order"] = order - 0.5
        # Voided the working day after its issue; version 2 started the same morning.
        voided = ctx.add_workdays(first_issue, 1)
        v1.row["updated_at"], v1.row["updated_by"] = at_local(voided, 9, 30), ctx.supervisor.id
        draft.row["created_at"] = at_local(voided, 10)
        draft.row["updated_at"] = max(draft.row["updated_at"], draft.row["created_at"])
        if draft.row["submitted_at"] is not None and draft.row["submitted_at"] < draft.row["created_at"]:
            draft.row["submitted_at"] = draft.row["created_at"] + timedelta(hours=1)
        draft.row["version_no"] = 2
        draft.row["previous_id"] = v1.row["id"]
        drafts = [v1, draft]
    return drafts


def _base_row(ctx: DemoContext, rng: random.Random, ids, request: OpinionRequest, kind: str, status: str,
              requested: date, submitted: date, approved: date, issue: date) -> dict:
    opinion_id = ids()
    applicant, opponent, right = request.applicant, request.opponent, request.right
    other = opponent.name if opponent else "被请求人"
    created = office_instant(rng, requested)
    submitted_at = office_instant(rng, submitted) if status != "draft" else None
    approved_at = office_instant(rng, approved) if status in ("approved", "issued", "void") else None
    if submitted_at and approved_at and approved_at <= submitted_at:
        approved_at = submitted_at + timedelta(hours=2)
    issued_on = issue if status in ("issued", "void") else None
    updated = approved_at or submitted_at or created
    updated_by = ctx.supervisor.id if approved_at else request.drafter.id
    if status == "void":
        updated = office_instant(rng, issue) + timedelta(days=rng.randint(1, 5))
    row = {
        "case_id": request.case_id, "opinion_no": None, "kind": kind, "version_no": 1, "previous_id": None,
        "status": status, "on_site": False,
        "title": f"关于{applicant.name}与{other}{KIND_WORDS[kind]}侵权纠纷的参考意见",
        "right_id": right.id, "right_status_text": _status_text(right), "status_checked_on": requested,
        "accused_object": f"{other}销售的{right.product}", "analysis": "", "body": {},
        "suggested_conclusion": None, "conclusion": None, "requested_on": requested,
        "due_on": ctx.cal.add_workdays(requested, ctx.limit("limit_opinion_workdays")),
        "drafted_by": request.drafter.id, "submitted_at": submitted_at,
        "approved_by": ctx.supervisor.id if approved_at else None, "approved_at": approved_at,
        "issued_on": issued_on, "issued_sha256": None, "void_reason": "",
        "_open": request.case_closed_on is None or request.case_closed_on > ctx.today,
        **ctx.travelling(opinion_id, created, request.drafter.id, max(updated, created), updated_by),
    }
    return row


def _classes(right) -> str:
    return right.nice_classes.replace(",", "、")  # stored 9,35 (as the rights service keeps them), written 9、35


def _status_text(right) -> str:
    if right.kind in ("invention", "utility", "design"):
        return f"经查询中国及多国专利审查信息查询系统，申请号为{right.number}的专利权处于有效状态。"
    if right.kind == "trademark":
        return f"经查询，第{right.number}号注册商标在有效期内，核定使用商品/服务为第{_classes(right)}类。"
    return "经核实，申请人提交的权利证明材料真实有效。"


# --- comparison rows ------------------------------------------------------------------------------------

def _comparison(rng: random.Random, draft: _Draft, request: OpinionRequest, kind: str, aim: str,
                long_chart: bool = False) -> None:
    """Rows and body for an opinion heading for conclusion `aim`; the suggestion itself comes from
    `app.rules.conclusions.suggest`, as in the opinion service."""
    product = request.right.product
    if kind in ("invention", "utility"):
        claims = [_claim_marks(rng, aim)]
        if long_chart:
            # Extra 相同 rows never change a claim's result, so the conclusion still holds.
            claims = [(claims[0] + ["same"] * 8)[:8], ["same"] * 7, ["same"] * 6 + ["different"]]
        elif rng.random() < 0.3:  # a second independent claim (e.g. the method), usually failing or open
            claims.append(_claim_marks(rng, rng.choice(("not_infringing", "undetermined", aim))))
        _claim_chart(rng, draft, product, claims)
    elif kind == "design":
        _design(rng, draft, product, aim)
    elif kind == "trademark":
        _trademark(rng, draft, request, aim)
    elif kind == "copyright":
        _copyright(rng, draft, request, aim)
    else:
        _other(rng, draft, request)
    claim_marks = [[r["mark"] for r in draft.rows if r["_claim"] == i] for i in range(len(draft.claims))]
    suggested = conclusions.suggest(kind, draft.row["body"], claim_marks)
    draft.row["suggested_conclusion"] = suggested
    chosen = suggested or aim  # kind 其他: no suggestion, the drafter decides
    draft.row["_chosen"] = chosen
    draft.row["analysis"] = ANALYSIS[kind if kind in ANALYSIS else "other"][chosen]
    if draft.row["status"] in ("approved", "issued", "void"):
        draft.row["conclusion"] = chosen
    elif draft.row["status"] == "in_review" or rng.random() < 0.5:
        draft.row["conclusion"] = chosen  # drafters usually fill it in before submitting


def _claim_marks(rng: random.Random, aim: str) -> list[str]:
    n = rng.randint(3, 6)
    marks = ["same"] * n
    positions = rng.sample(range(n), k=min(n, rng.randint(1, 2)))
    if aim == "likely":
        for i in positions:
            marks[i] = "equivalent"
    elif aim == "not_infringing":
        marks[positions[0]] = rng.choice(("different", "missing"))
        for i in positions[1:]:
            marks[i] = rng.choice(("equivalent", "same", "different"))
    elif aim == "undetermined":
        marks[positions[0]] = "unknown"
    return marks


def _claim_chart(rng: random.Random, draft: _Draft, product: str, claims: list[list[str]]) -> None:
    for claim_index, marks in enumerate(claims):
        parts = rng.sample(COMPONENTS, len(marks) + 1)
        features = []
        for i, mark in enumerate(marks):
            comp, other = parts[i + 1], parts[i]
            relation = rng.choice(RELATIONS).format(a=other)
            feature = f"{comp}{relation}"
            accused = {
                "same": f"被诉产品的{comp}{relation}",
                "equivalent": f"被诉产品的{comp}{relation}，但{rng.choice(EQUIVALENT_WAYS)}",
                "different": f"被诉产品的{comp}{rng.choice(DIFFERENT_WAYS)}",
                "missing": f"被诉产品不具有{comp}",
                "unknown": f"被诉产品的{comp}位于内部，需拆解后确认",
            }[mark]
            features.append(feature)
            draft.rows.append({"section": "claim", "ordinal": len(draft.rows) + 1, "label": LABELS[i],
                               "right_text": feature, "accused_text": accused, "mark": mark, "weight": "",
                               "note": MARK_NOTES[mark], "_claim": claim_index})
        subject = product if claim_index == 0 else f"{product}的制造方法"
        text = f"一种{subject}，包括{'、'.join(parts[1:len(marks) + 1])}，其特征在于：" + "；".join(features) + "。"
        draft.claims.append({"ordinal": claim_index + 1, "claim_no": 1 if claim_index == 0 else rng.randint(6, 10),
                             "text": text})


def _design(rng: random.Random, draft: _Draft, product: str, aim: str) -> None:
    category = rng.choice(("same", "same", "similar"))
    if aim == "not_infringing" and rng.random() < 0.2:
        category = "different"
    overall = {"infringing": "same", "likely": "similar", "not_infringing": "not_similar",
               "undetermined": None}[aim]
    for i, feature in enumerate(rng.sample(DESIGN_FEATURES, 4)):
        weight = ("高", "高", "中", "低")[i]
        if overall == "same":
            mark = "same"
        elif overall == "similar":
            mark = "same" if weight == "高" else rng.choice(("same", "different"))
        elif overall == "not_similar":
            mark = "different" if weight == "高" else rng.choice(("same", "different"))
        else:
            mark = "unknown" if i == 0 else "same"
        accused = {"same": "与涉案设计相同", "different": "与涉案设计存在明显区别", "unknown": "被诉产品照片不清，待查明"}[mark]
        draft.rows.append({"section": "design", "ordinal": i + 1, "label": feature,
                           "right_text": f"涉案外观设计的{feature}", "accused_text": f"被诉产品的{feature}{accused}",
                           "mark": mark, "weight": weight, "note": "", "_claim": None})
    draft.row["body"] = {
        "product_category": category, "category_note": f"二者均为{product}" if category == "same" else "用途相近",
        "overall": overall, "overall_note": "以一般消费者的知识水平和认知能力进行整体观察、综合判断",
    }


def _trademark(rng: random.Random, draft: _Draft, request: OpinionRequest, aim: str) -> None:
    right = request.right
    word = right.title
    if aim == "infringing":
        mark, goods, confusion = "identical", "identical", "likely"
    elif aim == "likely":
        mark, goods, confusion = rng.choice((("similar", "identical"), ("identical", "similar"),
                                             ("similar", "similar"))) + ("likely",)
    elif aim == "not_infringing":
        mark, goods, confusion = rng.choice((("not_similar", "identical", "unlikely"),
                                             ("similar", "not_similar", "unlikely"),
                                             ("similar", "similar", "unlikely")))
    else:
        mark, goods, confusion = "similar", "similar", None
    accused_word = {"identical": word, "similar": word[:-1] + "牌" if len(word) > 1 else word + "牌",
                    "not_similar": "新" + rng.choice(names.MARK_WORDS)}[mark]
    points = (
        ("标识", f"注册商标“{word}”", f"被诉标识“{accused_word}”",
         {"identical": "same", "similar": "equivalent", "not_similar": "different"}[mark]),
        ("商品", f"核定使用商品：第{_classes(right)}类", f"被诉商品：{right.product}",
         {"identical": "same", "similar": "equivalent", "not_similar": "different"}[goods]),
        ("混淆", "相关公众的一般注意力", "容易导致混淆" if confusion == "likely" else
         "不易导致混淆" if confusion == "unlikely" else "待查明",
         {"likely": "same", "unlikely": "different", None: "unknown"}[confusion]),
    )
    for i, (label, right_text, accused, row_mark) in enumerate(points):
        draft.rows.append({"section": "mark", "ordinal": i + 1, "label": label, "right_text": right_text,
                           "accused_text": accused, "mark": row_mark, "weight": "", "note": "", "_claim": None})
    draft.row["body"] = {
        "registered_mark": word, "accused_mark": accused_word, "dominant_part": word[:2],
        "mark_similarity": mark, "goods_registered": f"第{_classes(right)}类",
        "goods_accused": right.product, "goods_similarity": goods, "confusion": confusion,
        "confusion_note": "",
    }


def _copyright(rng: random.Random, draft: _Draft, request: OpinionRequest, aim: str) -> None:
    access, similar = {"infringing": ("yes", "yes"), "likely": ("yes", "yes"),
                       "not_infringing": rng.choice((("yes", "no"), ("no", "yes"), ("no", "no"))),
                       "undetermined": ("unknown", "yes")}[aim]
    marks = {"yes": "same", "no": "different", "unknown": "unknown"}
    points = (
        ("接触", "权利人作品已公开发表", {"yes": "被请求人具有接触作品的可能", "no": "无证据表明被请求人接触过作品",
                                "unknown": "接触可能性待查明"}[access], marks[access]),
        ("实质性相似", "作品的独创性表达", {"yes": "被诉内容与作品的表达实质性相似", "no": "被诉内容与作品的表达差异明显",
                                  "unknown": "待比对"}[similar], marks[similar]),
    )
    for i, (label, right_text, accused, mark) in enumerate(points):
        draft.rows.append({"section": "work", "ordinal": i + 1, "label": label, "right_text": right_text,
                           "accused_text": accused, "mark": mark, "weight": "", "note": "", "_claim": None})
    draft.row["body"] = {"work": request.right.title, "access": access, "access_note": "",
                         "substantial_similarity": similar, "similarity_note": ""}


def _other(rng: random.Random, draft: _Draft, request: OpinionRequest) -> None:
    what = {"trade_secret": "商业秘密", "gi": "地理标志", "plant_variety": "植物新品种", "ic_layout": "布图设计"}.get(
        request.right.kind, "权益")
    points = (("权利基础", f"申请人主张的{what}：{request.right.title}", "权利证明材料齐全", "same"),
              ("被诉行为", "被请求人的使用行为", "与主张的权利内容相同", rng.choice(("same", "unknown"))))
    for i, (label, right_text, accused, mark) in enumerate(points):
        draft.rows.append({"section": "other", "ordinal": i + 1, "label": label, "right_text": right_text,
                           "accused_text": accused, "mark": mark, "weight": "", "note": "", "_claim": None})
    draft.row["body"] = {"sections": [["权利基础", f"申请人就{request.right.title}享有{what}。"],
                                      ["比对分析", "被请求人的行为与申请人主张的权利内容基本一致。"]]}


ANALYSIS = {
    "invention": {
        "infringing": "被诉产品包含与权利要求记载的全部技术特征相同的技术特征，落入专利权的保护范围。",
        "likely": "被诉产品的部分技术特征与权利要求的相应特征构成等同，其余相同，可能落入专利权的保护范围。",
        "not_infringing": "被诉产品缺少权利要求的技术特征，或相应特征既不相同也不等同，未落入专利权的保护范围。",
        "undetermined": "部分技术特征需对被诉产品拆解或检测后方可确定，目前无法作出判断。",
    },
    "design": {
        "infringing": "被诉产品与涉案外观设计属于相同或相近种类产品，整体视觉效果无实质性差异，二者相同。",
        "likely": "区别点位于不易被一般消费者关注的部位，对整体视觉效果不具有显著影响，二者近似。",
        "not_infringing": "二者在主要设计特征上存在明显区别，或产品种类不同，不构成相同或近似。",
        "undetermined": "被诉产品的外观尚未完整取证，目前无法作出判断。",
    },
    "trademark": {
        "infringing": "被诉标识与注册商标相同且使用于相同商品，属于商标法第五十七条第（一）项规定的情形。",
        "likely": "被诉标识与注册商标近似，使用于相同或类似商品，容易导致混淆，可能构成侵权。",
        "not_infringing": "被诉标识与注册商标在商品或标识上差异明显，不易导致相关公众混淆。",
        "undetermined": "混淆可能性尚需结合实际使用情况进一步查明。",
    },
    "copyright": {
        "infringing": "被请求人具有接触作品的可能，被诉内容与作品的独创性表达实质性相似，构成侵权。",
        "likely": "被诉内容与作品的独创性表达实质性相似，可能构成侵权。",
        "not_infringing": "被诉内容与作品的独创性表达不构成实质性相似，或无接触可能，不构成侵权。",
        "undetermined": "接触可能性等事实尚待查明，目前无法作出判断。",
    },
    "other": {
        "infringing": "被请求人的行为与申请人主张的权利内容相同，构成侵权。",
        "likely": "被请求人的行为与申请人主张的权利内容基本一致，可能构成侵权。",
        "not_infringing": "现有证据不足以证明被请求人的行为侵犯申请人主张的权利。",
        "undetermined": "权利基础和被诉行为尚待进一步查明，目前无法作出判断。",
    },
}
ANALYSIS["utility"] = ANALYSIS["invention"]
MARK_NOTES = {"same": "", "equivalent": "手段、功能、效果基本相同", "different": "技术手段不同",
              "missing": "缺少该技术特征", "unknown": "待查明"}


# --- every status; writing ------------------------------------------------------------------------------

def _every_status(ctx: DemoContext, rng: random.Random, drafts: list[_Draft]) -> None:
    """Every stage of the workflow on `today`: opinions of cases still being handled (whose outcome does not
    depend on them yet) are moved to the stages nobody is at, the most recent first; and a void version
    exists if any opinion was issued."""
    present = Counter(d.row["status"] for d in drafts)
    missing = [s for s in ("draft", "in_review", "approved") if not present[s]]
    movable = [d for d in reversed(drafts)
               if d.row["_open"] and d.row["version_no"] == 1 and d.row["status"] != "void"]
    for status in missing:
        for draft in movable:
            if present[draft.row["status"]] > 1:
                present[draft.row["status"]] -= 1
                present[status] += 1
                _restage(ctx, rng, draft, status)
                movable.remove(draft)
                break
    if not present["void"]:
        issued = [d for d in drafts if d.row["status"] == "issued" and d.row["version_no"] == 1]
        if len(issued) > 1:
            # The applicant withdrew the request after issue; an open case shows it best.
            victim = next((d for d in issued if d.row["_open"]), issued[0])
            victim.row["status"] = "void"
            victim.row["void_reason"] = VOID_REASONS[2]


def _restage(ctx: DemoContext, rng: random.Random, draft: _Draft, status: str) -> None:
    """Put an opinion back at an earlier stage (not issued yet), with consistent times."""
    row = draft.row
    created = row["created_at"]
    row["status"] = status
    row["issued_on"] = None
    row["submitted_at"] = created + timedelta(hours=rng.randint(2, 20)) if status != "draft" else None
    row["approved_at"] = row["submitted_at"] + timedelta(hours=rng.randint(1, 20)) if status == "approved" else None
    row["approved_by"] = ctx.supervisor.id if row["approved_at"] else None
    for key in ("submitted_at", "approved_at"):
        if row[key] is not None and row[key] > ctx.generated_at:
            row[key] = ctx.generated_at
    row["conclusion"] = row["_chosen"] if status != "draft" else None
    row["updated_at"] = row["approved_at"] or row["submitted_at"] or created
    row["updated_by"] = ctx.supervisor.id if row["approved_at"] else row["drafted_by"]


def _write(ctx: DemoContext, rng: random.Random, ids, draft: _Draft) -> None:
    row = draft.row
    for key in ("_order", "_open", "_chosen"):
        row.pop(key, None)
    opinion_id, created, by = row["id"], row["created_at"], row["drafted_by"]
    ctx.loader.add("opinion", row)
    ctx.loader.index("opinion", opinion_id, row)
    claim_ids = []
    for claim in draft.claims:
        claim_id = ids()
        claim_ids.append(claim_id)
        ctx.loader.add("opinion_claim", {"opinion_id": opinion_id, **claim, **ctx.travelling(claim_id, created, by)})
    for r in draft.rows:
        claim = r["_claim"]
        values = {k: v for k, v in r.items() if k != "_claim"}
        ctx.loader.add("opinion_row", {
            "opinion_id": opinion_id, "claim_id": claim_ids[claim] if claim is not None else None, **values,
            **ctx.travelling(ids(), created, by),
        })
    for expert_id in draft.experts:
        ctx.loader.add("opinion_expert", {"opinion_id": opinion_id, "expert_id": expert_id, "note": "参与技术比对论证",
                                          **ctx.travelling(ids(), created, by)})
    for i, text in enumerate(draft.evidence):
        ctx.loader.add("opinion_evidence", {"opinion_id": opinion_id, "ordinal": i + 1, "description": text,
                                            "file_sha256": None, **ctx.travelling(ids(), created, by)})

"""The 侵权判定参考意见书 document, laid out after GB/T 9704 (app.pdf.gbt9704).

Sections: title and number; case, parties; 一、the right and its legal status as checked on a date; 二、the
accused object; 三、evidence; 四、experts consulted; 五、comparison (claim charts / design features / trademark /
copyright points); 六、analysis; 七、conclusion; the statement that it is a reference opinion, not a legal
ruling; issuer and date (seal area). Anything not issued is watermarked and carries no number.
"""
from __future__ import annotations

from datetime import date

from reportlab.platypus.flowables import Flowable

from app.labels import CONCLUSION, DESIGN_OVERALL, FEATURE_MARK, IP_KIND, label
from app.pdf import gbt9704 as g
from app.pdf.fonts import FontSet, default_fonts
from app.rules import conclusions as rules
from app.services.opinion_types import OpinionView, RowData

DOCUMENT_TITLE = "侵权判定参考意见书"
STATEMENT = ("本意见书系本中心应请求人申请，根据请求人提供的材料作出的侵权判定参考意见，仅供当事人及有关部门参考，"
             "不具有法律效力，不是行政裁决或司法裁判，不能替代人民法院的判决或行政机关的处理决定。")
WATERMARK_DRAFT = "草稿（未出具）"
WATERMARK_VOID = "已作废"
NUMERALS = "一二三四五六七八九十"

PATENT_HEADER = ("特征", "权利要求记载的技术特征", "被诉产品对应的技术特征", "比对结果", "备注")
PATENT_WIDTHS = (12, 52, 52, 20, 20)
DESIGN_HEADER = ("编号", "授权外观设计", "被诉产品", "比对", "权重", "备注")
DESIGN_WIDTHS = (12, 46, 46, 16, 14, 22)
POINT_HEADER = ("编号", "权利人一方", "被诉一方", "比对", "备注")
POINT_WIDTHS = (12, 52, 52, 20, 20)
_DESIGN_MARK = {"same": "相同", "different": "不同"}


def watermark_for(view: OpinionView) -> str | None:
    if view.status == "issued":
        return None
    if view.status == "void":
        return WATERMARK_VOID
    return g.WATERMARK_ONSITE if view.content.on_site else WATERMARK_DRAFT


def render_opinion(view: OpinionView, *, fonts: FontSet | None = None, today: date | None = None) -> bytes:
    """PDF bytes. Deterministic: the same view (and day, for unissued drafts) gives the same bytes."""
    fonts = fonts or default_fonts()
    story = build_story(view, fonts, today=today)
    return g.build_official(story, title_meta=DOCUMENT_TITLE, author=view.centre_name,
                            subject=view.opinion_no or "", watermark=watermark_for(view), fonts=fonts)


def _paras(text: str, fonts: FontSet, indent: bool = True) -> list[Flowable]:
    return [g.body(p.strip(), fonts, indent=indent) for p in text.splitlines() if p.strip()]


def build_story(view: OpinionView, fonts: FontSet, today: date | None = None) -> list[Flowable]:
    c = view.content
    story: list[Flowable] = [g.title(DOCUMENT_TITLE, fonts)]
    if view.status == "issued" and view.opinion_no:
        story.append(g.Text(view.opinion_no, g.styles()["number"], fonts))
    if c.title:
        story.append(g.body(f"事由：{c.title}", fonts, indent=False))
    if view.case_id is None and view.complaint_no:  # an on-site opinion: filed under the fair complaint
        story.append(g.body(f"展会投诉编号：{view.complaint_no}", fonts, indent=False))
        story.append(g.body(f"投诉人：{view.applicant}", fonts, indent=False))
        if view.opposing_party:
            story.append(g.body(f"被投诉人：{view.opposing_party}", fonts, indent=False))
    else:
        story.append(g.body(f"案件编号：{view.case_no}", fonts, indent=False))
        story.append(g.body(f"请求人：{view.applicant}", fonts, indent=False))
        if view.opposing_party:
            story.append(g.body(f"被请求人：{view.opposing_party}", fonts, indent=False))
    if view.previous_no:
        story.append(g.body(f"本意见书替代{view.previous_no}意见书。", fonts))

    sections = [("权利基本情况", _right(view, fonts)), ("被诉对象", _paras(c.accused_object or "（未填写）", fonts)),
                ("证据材料", _evidence(view, fonts)), ("咨询专家", _experts(view, fonts)),
                ("比对分析", _comparison(view, fonts)),
                ("分析意见", _paras(c.analysis or "（未填写）", fonts)), ("结论", _conclusion(view, fonts))]
    for i, (heading, flowables) in enumerate(sections):
        story.append(g.heading1(f"{NUMERALS[i]}、{heading}", fonts))
        story += flowables
    story.append(g.body(STATEMENT, fonts))
    story.append(g.signature_block(view.centre_name, view.issued_on or today or date.today(), fonts))
    return story


def _right(view: OpinionView, fonts: FontSet) -> list[Flowable]:
    c = view.content
    out: list[Flowable] = []
    r = view.right
    if r is not None:
        owner = f"，权利人为{r.owner}" if r.owner else ""
        name = f"“{r.title}”" if r.title else ""
        out.append(g.body(f"{label(IP_KIND, r.kind)}{name}，号码{r.number}{owner}。", fonts))
    status = c.right_status_text or "（未填写）"
    checked = f"（{g.chinese_date(c.status_checked_on)}查询）" if c.status_checked_on else "（查询日期未填写）"
    out.append(g.body(f"法律状态：{status}{checked}。".replace("。。", "。"), fonts))
    return out


def _evidence(view: OpinionView, fonts: FontSet) -> list[Flowable]:
    if not view.content.evidence:
        return [g.body("请求人未提交证据材料。", fonts)]
    return [g.body(f"{i}.{text}", fonts) for i, text in enumerate(view.content.evidence, 1)]


def _experts(view: OpinionView, fonts: FontSet) -> list[Flowable]:
    if not view.experts:
        return [g.body("本意见未咨询专家。", fonts)]
    names = []
    for e in view.experts:
        extra = "，".join(x for x in (e.title, e.organisation) if x)
        names.append(f"{e.name}（{extra}）" if extra else e.name)
    return [g.body("本中心就本案咨询了以下专家：" + "；".join(names) + "。", fonts)]


def _rows(rows: tuple[RowData, ...], kind: str) -> list[list[str]]:
    out = []
    for r in rows:
        if kind == "design":
            out.append([r.label, r.right_text, r.accused_text, _DESIGN_MARK.get(r.mark or "", label(FEATURE_MARK, r.mark)),
                        r.weight, r.note])
        else:
            out.append([r.label, r.right_text, r.accused_text, label(FEATURE_MARK, r.mark), r.note])
    return out


def _comparison(view: OpinionView, fonts: FontSet) -> list[Flowable]:
    c = view.content
    b = c.body
    out: list[Flowable] = []
    if c.kind in rules.PATENT_KINDS:
        out.append(g.body("按照全面覆盖原则，将权利要求记载的全部技术特征与被诉产品的对应技术特征逐一比对如下。", fonts))
        for i, claim in enumerate(c.claims):
            out.append(g.heading2(f"（{NUMERALS[i % 10]}）权利要求{claim.claim_no}", fonts))
            out += _paras(claim.text, fonts)
            out.append(g.comparison_table(PATENT_HEADER, _rows(claim.rows, c.kind), PATENT_WIDTHS, fonts))
            out.append(g.blank(0.5))
    elif c.kind == "design":
        cat = rules.DESIGN_CATEGORY.get(b.get("product_category"), "（未判断）")
        out.append(g.body(f"产品类别：被诉产品与外观设计产品的类别{cat}。{b.get('category_note', '')}", fonts))
        if c.rows:
            out.append(g.comparison_table(DESIGN_HEADER, _rows(c.rows, "design"), DESIGN_WIDTHS, fonts))
        overall = DESIGN_OVERALL.get(b.get("overall"), "（未判断）")
        out.append(g.body(f"整体视觉效果：以一般消费者的知识水平和认知能力判断，二者整体视觉效果{overall}。"
                          f"{b.get('overall_note', '')}", fonts))
    elif c.kind == "trademark":
        out.append(g.heading2("（一）商标比对", fonts))
        out.append(g.body(f"注册商标：{b.get('registered_mark', '')}；被控标识：{b.get('accused_mark', '')}。", fonts))
        if b.get("dominant_part"):
            out.append(g.body(f"显著识别部分：{b['dominant_part']}。", fonts))
        out.append(g.body("以相关公众的一般注意力，整体比对并对主要部分比对，二者"
                          f"{rules.MARK_SIMILARITY.get(b.get('mark_similarity'), '（未判断）')}。", fonts))
        out.append(g.heading2("（二）商品或服务比对", fonts))
        out.append(g.body(f"核定使用的商品或服务：{b.get('goods_registered', '')}；被控商品或服务："
                          f"{b.get('goods_accused', '')}。二者"
                          f"{rules.GOODS_SIMILARITY.get(b.get('goods_similarity'), '（未判断）')}。", fonts))
        out.append(g.heading2("（三）混淆可能性", fonts))
        out.append(g.body(f"{rules.CONFUSION.get(b.get('confusion'), '（未判断）')}。{b.get('confusion_note', '')}",
                          fonts))
        if c.rows:
            out.append(g.comparison_table(POINT_HEADER, _rows(c.rows, c.kind), POINT_WIDTHS, fonts))
    elif c.kind == "copyright":
        out.append(g.body(f"作品：{b.get('work', '')}。", fonts))
        out.append(g.body(f"接触可能性：{rules.YES_NO.get(b.get('access'), '（未判断）')}。{b.get('access_note', '')}",
                          fonts))
        out.append(g.body(f"实质性相似：{rules.YES_NO.get(b.get('substantial_similarity'), '（未判断）')}。"
                          f"{b.get('similarity_note', '')}", fonts))
        if c.rows:
            out.append(g.comparison_table(POINT_HEADER, _rows(c.rows, c.kind), POINT_WIDTHS, fonts))
    else:
        for i, section in enumerate(b.get("sections") or []):
            heading, text = (list(section) + ["", ""])[:2]
            if heading:
                out.append(g.heading2(f"（{NUMERALS[i % 10]}）{heading}", fonts))
            out += _paras(text, fonts)
        if c.rows:
            out.append(g.comparison_table(POINT_HEADER, _rows(c.rows, c.kind), POINT_WIDTHS, fonts))
    return out or [g.body("（未填写）", fonts)]


def _conclusion(view: OpinionView, fonts: FontSet) -> list[Flowable]:
    chosen = view.content.conclusion
    if chosen is None:
        return [g.body("（结论未选择）", fonts)]
    if chosen == "undetermined":
        return [g.body("综上，根据现有材料，本中心无法判断被诉对象是否构成侵权。", fonts)]
    return [g.body(f"综上，本中心认为：被诉对象{label(CONCLUSION, chosen)}。", fonts)]

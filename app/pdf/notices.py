"""受理通知书, 不予受理通知书 and 补正通知书: one-page official notices (GB/T 9704 layout,
app.pdf.gbt9704). Plain data in, PDF bytes out; the case service fills `NoticeData`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.pdf import gbt9704 as g
from app.pdf.fonts import FontSet, default_fonts
from app.pdf.text import Text

TITLES = {"acceptance": "受理通知书", "refusal": "不予受理通知书", "supplement": "补正通知书"}


@dataclass(frozen=True)
class NoticeData:
    kind: str                  # acceptance | refusal | supplement
    centre_name: str
    case_no: str
    applicant: str
    registered_on: date
    issued_on: date            # the decision date, or the day the supplement was asked for
    rights: str                # "发明专利 201710601862.3" …
    assignee: str = ""
    close_due_on: date | None = None
    reason: str = ""
    materials: str = ""
    supplement_due_on: date | None = None
    centre_address: str = ""
    centre_phone: str = ""


def _paragraphs(n: NoticeData) -> list[str]:
    d = g.chinese_date
    applied = f"你（单位）于{d(n.registered_on)}提交的知识产权维权援助申请（涉及{n.rights}）"
    if n.kind == "acceptance":
        text = [f"{applied}，经审查，符合受理条件，本中心决定予以受理。"]
        if n.assignee:
            text.append(f"本案承办人为{n.assignee}。")
        if n.close_due_on:
            text.append(f"本中心将于{d(n.close_due_on)}前办结；办理过程中需要补充材料或当事人到场的，另行通知。")
        return ["".join(text), "特此通知。"]
    if n.kind == "refusal":
        return [f"{applied}，经审查，不符合受理条件，本中心决定不予受理。理由如下：{n.reason.rstrip('。')}。",
                "你（单位）可以通过行政、司法等其他途径维护自身合法权益。", "特此通知。"]
    due = d(n.supplement_due_on) if n.supplement_due_on else ""
    return [f"{applied}，经审查，申请材料不齐全。请于{due}前向本中心补正以下材料：{n.materials.rstrip('。')}。",
            "补正期间不计入受理审查期限。逾期未补正的，视为撤回申请。", "特此通知。"]


def notice_pdf(n: NoticeData, fonts: FontSet | None = None) -> bytes:
    if n.kind not in TITLES:
        raise ValueError(f"unknown notice kind {n.kind}")
    fonts = fonts or default_fonts()
    story = [g.title(TITLES[n.kind], fonts), Text(n.case_no, g.styles()["number"], fonts), g.blank(),
             g.body(f"{n.applicant}：", fonts, indent=False)]
    story += [g.body(p, fonts) for p in _paragraphs(n)]
    story.append(g.signature_block(n.centre_name, n.issued_on, fonts))
    contact = "　".join(x for x in (f"地址：{n.centre_address}" if n.centre_address else "",
                                    f"电话：{n.centre_phone}" if n.centre_phone else "") if x)
    if contact:
        story += [g.blank(), g.body(contact, fonts, indent=False)]
    return g.build_official(story, title_meta=f"{TITLES[n.kind]} {n.case_no}", author=n.centre_name,
                            page_numbers=False)

"""What changed between two versions of an opinion: fields and comparison rows, in words a reviewer reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.labels import CONCLUSION, DESIGN_OVERALL, FEATURE_MARK, label
from app.rules import conclusions as rules
from app.services.opinion_types import OpinionContent, RowData

FIELD_LABELS = {
    "title": "标题",
    "right_id": "权利",
    "right_status_text": "法律状态",
    "status_checked_on": "法律状态查询日",
    "accused_object": "被诉对象",
    "analysis": "分析意见",
    "conclusion": "结论",
    "requested_on": "请求日期",
    "evidence": "证据清单",
    "experts": "咨询专家",
}
BODY_LABELS = {
    "product_category": ("产品类别", rules.DESIGN_CATEGORY), "category_note": ("产品类别说明", None),
    "overall": ("整体视觉效果", DESIGN_OVERALL), "overall_note": ("整体视觉效果说明", None),
    "registered_mark": ("注册商标", None), "accused_mark": ("被控标识", None), "dominant_part": ("显著部分", None),
    "mark_similarity": ("商标近似", rules.MARK_SIMILARITY), "goods_registered": ("核定商品/服务", None),
    "goods_accused": ("被控商品/服务", None), "goods_similarity": ("商品/服务类似", rules.GOODS_SIMILARITY),
    "confusion": ("混淆可能", rules.CONFUSION), "confusion_note": ("混淆分析", None), "work": ("作品", None),
    "access": ("接触", rules.YES_NO), "access_note": ("接触说明", None),
    "substantial_similarity": ("实质性相似", rules.YES_NO), "similarity_note": ("相似性说明", None),
    "sections": ("其他内容", None),
}
ROW_FIELDS = {"right_text": "权利特征", "accused_text": "被诉特征", "mark": "比对", "weight": "权重", "note": "备注"}


@dataclass(frozen=True)
class FieldChange:
    field: str        # Chinese label
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    row: str                          # e.g. "权利要求1 特征B" or "设计特征 A"
    change: str                       # 新增 | 删除 | 修改
    fields: tuple[FieldChange, ...]   # for 修改: what differs; for 新增/删除: the row's values


@dataclass(frozen=True)
class VersionDiff:
    old_version: int
    new_version: int
    fields: tuple[FieldChange, ...]
    rows: tuple[RowChange, ...]

    @property
    def empty(self) -> bool:
        return not self.fields and not self.rows


def _show(value: Any, labels=None) -> str:
    if value is None:
        return ""
    if labels is not None:
        return labels.get(value, str(value))
    if isinstance(value, (list, tuple)):
        return "；".join(_show(v) for v in value)
    return str(value)


def _row_text(name: str, row: RowData) -> str:
    value = getattr(row, name)
    return label(FEATURE_MARK, value) if name == "mark" else (value or "")


def _keyed_rows(content: OpinionContent) -> dict[tuple, tuple[str, RowData]]:
    out: dict[tuple, tuple[str, RowData]] = {}
    for claim in content.claims:
        for row in claim.rows:
            out[("claim", claim.claim_no, row.label)] = (f"权利要求{claim.claim_no} 特征{row.label}", row)
    section = {"design": "设计特征", "trademark": "比对要点", "copyright": "比对要点"}.get(content.kind, "比对项")
    for i, row in enumerate(content.rows):
        out[("row", row.label or str(i + 1))] = (f"{section} {row.label or i + 1}", row)
    return out


def diff_contents(old: OpinionContent, new: OpinionContent, *, old_version: int = 0, new_version: int = 0,
                  expert_names: dict | None = None) -> VersionDiff:
    fields: list[FieldChange] = []
    names = expert_names or {}
    for name, lab in FIELD_LABELS.items():
        a, b = getattr(old, name), getattr(new, name)
        if name == "experts":
            a, b = [names.get(x, str(x)) for x in a], [names.get(x, str(x)) for x in b]
        if a != b:
            conv = CONCLUSION if name == "conclusion" else None
            fields.append(FieldChange(lab, _show(a, conv), _show(b, conv)))
    for claim_no in sorted({c.claim_no for c in old.claims} | {c.claim_no for c in new.claims}):
        a = next((c.text for c in old.claims if c.claim_no == claim_no), None)
        b = next((c.text for c in new.claims if c.claim_no == claim_no), None)
        if a != b:
            fields.append(FieldChange(f"权利要求{claim_no}", a or "", b or ""))
    for key in sorted(set(old.body) | set(new.body), key=lambda k: list(BODY_LABELS).index(k)
                      if k in BODY_LABELS else 99):
        a, b = old.body.get(key), new.body.get(key)
        if a != b:
            lab, conv = BODY_LABELS.get(key, (key, None))
            fields.append(FieldChange(lab, _show(a, conv), _show(b, conv)))
    rows: list[RowChange] = []
    before, after = _keyed_rows(old), _keyed_rows(new)
    for key in list(before) + [k for k in after if k not in before]:
        if key in before and key not in after:
            name, row = before[key]
            rows.append(RowChange(name, "删除", tuple(FieldChange(lab, _row_text(f, row), "")
                                                      for f, lab in ROW_FIELDS.items() if _row_text(f, row))))
        elif key in after and key not in before:
            name, row = after[key]
            rows.append(RowChange(name, "新增", tuple(FieldChange(lab, "", _row_text(f, row))
                                                      for f, lab in ROW_FIELDS.items() if _row_text(f, row))))
        else:
            name, a_row = before[key]
            _n, b_row = after[key]
            changed = tuple(FieldChange(lab, _row_text(f, a_row), _row_text(f, b_row))
                            for f, lab in ROW_FIELDS.items() if _row_text(f, a_row) != _row_text(f, b_row))
            if changed:
                rows.append(RowChange(name, "修改", changed))
    return VersionDiff(old_version, new_version, tuple(fields), tuple(rows))

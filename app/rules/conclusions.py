"""The conclusion an opinion's comparison supports (domain.md §4), and the warning when the chosen one differs.

Codes are those of app.labels.CONCLUSION: infringing 构成侵权 · likely 可能构成侵权 · not_infringing 不构成侵权 ·
undetermined 无法判断. Row marks: app.labels.FEATURE_MARK (same · equivalent · different · missing · unknown).

Patents (all-elements rule): a claim is covered when it has rows and every row is 相同 or 等同.
  some claim covered with only 相同 rows           → 构成侵权
  else some claim covered (with 等同 rows)          → 可能构成侵权 (equivalence is a judgement)
  else a claim could still be covered: no row of it is 不相同也不等同 / 缺失 but some row is still 待查明
  (or not yet marked)                              → 无法判断
  else (every claim has a failing row)             → 不构成侵权
  A 待查明 row decides nothing where the outcome is already settled: a claim covered literally stays
  构成侵权 whatever another claim's open rows, and a claim with a failing row fails whatever its open rows.
Designs: product category same/similar and overall 相同 → 构成侵权; 近似 → 可能构成侵权; 不近似 or a different
  category → 不构成侵权; a missing judgement → 无法判断.
Trademarks: identical mark on identical goods → 构成侵权; similar (or identical) mark on similar (or identical)
  goods with confusion likely → 可能构成侵权; otherwise 不构成侵权; a missing judgement → 无法判断.
Copyright (not specified by the issue; the usual 接触 + 实质性相似 test): both established → 构成侵权; either
  denied → 不构成侵权; else 无法判断.
Other kinds: no suggestion.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from app.labels import CONCLUSION, label

# Judgements kept in Opinion.body for designs, trademarks and copyright (codes → labels).
DESIGN_CATEGORY = MappingProxyType({"same": "相同", "similar": "相近", "different": "不相同也不相近"})
MARK_SIMILARITY = MappingProxyType({"identical": "相同", "similar": "近似", "not_similar": "不近似"})
GOODS_SIMILARITY = MappingProxyType({"identical": "相同", "similar": "类似", "not_similar": "不类似"})
CONFUSION = MappingProxyType({"likely": "容易导致混淆", "unlikely": "不易导致混淆"})
YES_NO = MappingProxyType({"yes": "是", "no": "否", "unknown": "待查明"})

PATENT_KINDS = frozenset({"invention", "utility"})
_COVERING = frozenset({"same", "equivalent"})
_FAILING = frozenset({"different", "missing"})


def suggest_patent(claims: Sequence[Sequence[str | None]]) -> str:
    """`claims`: for each claim, the marks of its rows in order."""
    if not claims:
        return "undetermined"
    covered_literal = covered_equivalent = open_claim = False
    for marks in claims:
        marks = list(marks)
        if not marks:
            open_claim = True  # a claim with no features yet decides nothing
            continue
        if all(m in _COVERING for m in marks):
            if all(m == "same" for m in marks):
                covered_literal = True
            else:
                covered_equivalent = True
        elif not any(m in _FAILING for m in marks):
            open_claim = True  # only 待查明 / unmarked rows stand between it and coverage
    if covered_literal:
        return "infringing"
    if covered_equivalent:
        return "likely"
    if open_claim:
        return "undetermined"
    return "not_infringing"


def suggest_design(category: str | None, overall: str | None) -> str:
    if category == "different":
        return "not_infringing"
    if category not in ("same", "similar") or overall is None:
        return "undetermined"
    return {"same": "infringing", "similar": "likely", "not_similar": "not_infringing"}.get(overall, "undetermined")


def suggest_trademark(mark: str | None, goods: str | None, confusion: str | None) -> str:
    if mark == "identical" and goods == "identical":
        return "infringing"
    if mark == "not_similar" or goods == "not_similar":
        return "not_infringing"
    if mark is None or goods is None or confusion is None:
        return "undetermined"
    return "likely" if confusion == "likely" else "not_infringing"


def suggest_copyright(access: str | None, similarity: str | None) -> str:
    if access == "no" or similarity == "no":
        return "not_infringing"
    if access == "yes" and similarity == "yes":
        return "infringing"
    return "undetermined"


def suggest(kind: str, body: Mapping, claim_marks: Sequence[Sequence[str | None]]) -> str | None:
    """The suggested conclusion code for an opinion's content, or None for kind 其他."""
    if kind in PATENT_KINDS:
        return suggest_patent(list(claim_marks))
    if kind == "design":
        return suggest_design(body.get("product_category"), body.get("overall"))
    if kind == "trademark":
        return suggest_trademark(body.get("mark_similarity"), body.get("goods_similarity"), body.get("confusion"))
    if kind == "copyright":
        return suggest_copyright(body.get("access"), body.get("substantial_similarity"))
    return None


def contradiction(suggested: str | None, chosen: str | None) -> str | None:
    """A warning sentence when the chosen conclusion differs from the one the comparison supports."""
    if suggested is None or chosen is None or suggested == chosen:
        return None
    return (f"所选结论“{label(CONCLUSION, chosen)}”与比对结果推出的“{label(CONCLUSION, suggested)}”不一致，"
            "请核对比对表，或在分析中写明理由。")

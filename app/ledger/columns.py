"""The ledger's columns and value lists, exactly as ledger-format.md names them."""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from app import labels

CASE_NO = "案件编号"
REGISTERED = "登记日期"
CHANNEL = "申请渠道"
APPLICANT = "申请人"
APPLICANT_KIND = "申请人类型"
SCALE = "企业规模"
IDENTIFIER = "证件号码"
PHONE = "联系电话"
IP_KIND = "知识产权类型"
RIGHT_NO = "权利号"
DISPUTE = "纠纷类型"
OVERSEAS = "是否涉外"
OPPOSING = "被请求人"
DECISION = "受理决定"
DECIDED = "决定日期"
REFUSAL_REASON = "不予受理理由"
ASSIGNEE = "承办人"
CLOSED = "办结日期"
OUTCOME = "办理结果"
FOLLOWED_UP = "回访日期"
SATISFACTION = "满意度"
NOTE = "备注"

HEADERS: tuple[str, ...] = (
    CASE_NO, REGISTERED, CHANNEL, APPLICANT, APPLICANT_KIND, SCALE, IDENTIFIER, PHONE, IP_KIND,
    RIGHT_NO, DISPUTE, OVERSEAS, OPPOSING, DECISION, DECIDED, REFUSAL_REASON, ASSIGNEE, CLOSED,
    OUTCOME, FOLLOWED_UP, SATISFACTION, NOTE,
)
# A file without one of these headers cannot be a ledger: nothing is imported (exit 2).
REQUIRED: frozenset[str] = frozenset({REGISTERED, CHANNEL, APPLICANT, APPLICANT_KIND, IP_KIND, DISPUTE})
DATE_COLUMNS: frozenset[str] = frozenset({REGISTERED, DECIDED, CLOSED, FOLLOWED_UP})


def _by_label(values: Mapping[str, str]) -> Mapping[str, str]:
    """label → code: the ledger holds labels, the database codes."""
    return MappingProxyType({lab: code for code, lab in values.items()})


DECISIONS = MappingProxyType({"受理": "accepted", "不予受理": "refused", "待定": None})
YES_NO = MappingProxyType({"是": True, "否": False})

# Columns whose cell must be one of a fixed list (after trimming, matched exactly).
VALUE_LISTS: Mapping[str, Mapping[str, object]] = MappingProxyType({
    CHANNEL: _by_label(labels.CHANNEL),
    APPLICANT_KIND: _by_label(labels.PARTY_KIND),
    SCALE: _by_label(labels.SCALE),
    IP_KIND: _by_label(labels.IP_KIND),
    DISPUTE: _by_label(labels.DISPUTE_TYPE),
    OVERSEAS: YES_NO,
    DECISION: DECISIONS,
    OUTCOME: _by_label(labels.OUTCOME),
})

# Scales that count as small and medium-sized enterprises in the monthly figures (`sme`).
SME_SCALES: frozenset[str] = frozenset({"medium", "small", "micro", "individual"})

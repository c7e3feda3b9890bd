"""The status machine of an assistance request (design.md §7 "Case statuses") as a table.

    registered (待受理) ──request_supplement──▶ supplementing (补正中)
        ▲                                          │ receive_supplement (clock resumes)
        └──────────────────────────────────────────┘
    supplementing ──withdraw (time limit passed)──▶ withdrawn (视为撤回, terminal)
    registered ──accept──▶ accepted (已受理) ──close──▶ closed (已办结) ──follow_up──▶ followed_up (已回访)
    registered ──refuse──▶ refused (不予受理, terminal)
    followed_up | refused | withdrawn ──archive──▶ archived (已归档)

Handling steps (log entries, referrals, mediations) change no status; they are allowed while the
case is being handled. The decision clock runs only in `registered`: time in `supplementing` is
added to the decision limit as paused working days.
"""
from __future__ import annotations

from app.errors import UsageError
from app.labels import CASE_STATUS

# action → {from status: to status}
TRANSITIONS: dict[str, dict[str, str]] = {
    "request_supplement": {"registered": "supplementing"},
    "receive_supplement": {"supplementing": "registered"},
    "withdraw": {"supplementing": "withdrawn"},
    "accept": {"registered": "accepted"},
    "refuse": {"registered": "refused"},
    "close": {"accepted": "closed"},
    "follow_up": {"closed": "followed_up"},
    "archive": {"followed_up": "archived", "refused": "archived", "withdrawn": "archived"},
}

# Steps that add to the file without moving the case: allowed in these statuses.
HANDLING_STATUSES = frozenset({"accepted"})
# A referral's or mediation's result may still arrive after closing.
RESULT_STATUSES = frozenset({"accepted", "closed", "followed_up"})

ACTION_LABELS: dict[str, str] = {
    "request_supplement": "要求补正", "receive_supplement": "收到补正材料", "withdraw": "视为撤回",
    "accept": "受理", "refuse": "不予受理", "close": "办结", "follow_up": "回访", "archive": "归档",
    "log": "办理记录", "refer": "移交", "referral_result": "移交结果", "mediate": "调解",
    "mediation_result": "调解结果",
}

OPEN_STATUSES = frozenset({"registered", "supplementing", "accepted", "closed"})
TERMINAL_STATUSES = frozenset({"refused", "withdrawn", "archived"})


def next_status(status: str, action: str) -> str:
    """The status after `action`, or a UsageError that says what is possible instead."""
    table = TRANSITIONS.get(action)
    if table is None:
        raise ValueError(f"unknown case action {action}")
    if status not in table:
        raise UsageError(
            f"案件当前为“{CASE_STATUS.get(status, status)}”，不能{ACTION_LABELS[action]}"
            f"（{_possible(status)}）。",
            english=f"a case in status {status} cannot {action}",
        )
    return table[status]


def allowed_actions(status: str) -> list[str]:
    """Status-changing and handling actions possible now, in the order a form shows them."""
    found = [a for a, table in TRANSITIONS.items() if status in table]
    if status in HANDLING_STATUSES:
        found += ["log", "refer", "mediate"]
    return found


def require_handling(status: str, action: str, allowed: frozenset[str] = HANDLING_STATUSES) -> None:
    if status not in allowed:
        states = "、".join(CASE_STATUS[s] for s in sorted(allowed))
        raise UsageError(
            f"案件当前为“{CASE_STATUS.get(status, status)}”，只有“{states}”的案件才能{ACTION_LABELS[action]}。",
            english=f"a case in status {status} cannot take {action}",
        )


def _possible(status: str) -> str:
    names = [ACTION_LABELS[a] for a in allowed_actions(status)]
    return "当前可以：" + "、".join(names) if names else "此状态下不能再变更"

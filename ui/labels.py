"""Display names the GUI translates: role codes and the record counts shown on the dashboard.

The Chinese translations in resources/i18n/ipaid_zh_CN.ts are the glossary's labels; app/labels.py and
app/info.py hold the same Chinese for documents, the CLI and JSON (tests/ui/test_i18n.py checks they agree).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ROLE_NAMES = {
    "caseworker": QT_TRANSLATE_NOOP("Roles", "Caseworker"),
    "supervisor": QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    "fair_staff": QT_TRANSLATE_NOOP("Roles", "On-site fair staff"),
    "admin": QT_TRANSLATE_NOOP("Roles", "Administrator"),
}

# Keys of app.info.DatabaseInfo.counts, in app.info's order; unknown keys follow, untranslated.
COUNT_NAMES = {
    "centres": QT_TRANSLATE_NOOP("Counts", "Centres"),
    "users": QT_TRANSLATE_NOOP("Counts", "Users"),
    "devices": QT_TRANSLATE_NOOP("Counts", "Devices"),
    "parties": QT_TRANSLATE_NOOP("Counts", "Parties"),
    "ip_rights": QT_TRANSLATE_NOOP("Counts", "IP rights"),
    "cases": QT_TRANSLATE_NOOP("Counts", "Cases"),
    "case_events": QT_TRANSLATE_NOOP("Counts", "Case history entries"),
    "referrals": QT_TRANSLATE_NOOP("Counts", "Referrals"),
    "mediations": QT_TRANSLATE_NOOP("Counts", "Mediations"),
    "follow_ups": QT_TRANSLATE_NOOP("Counts", "Follow-up visits"),
    "consultations": QT_TRANSLATE_NOOP("Counts", "Consultations"),
    "knowledge_items": QT_TRANSLATE_NOOP("Counts", "Knowledge items"),
    "experts": QT_TRANSLATE_NOOP("Counts", "Experts"),
    "institutions": QT_TRANSLATE_NOOP("Counts", "Institutions"),
    "opinions": QT_TRANSLATE_NOOP("Counts", "Opinions"),
    "opinion_rows": QT_TRANSLATE_NOOP("Counts", "Opinion comparison rows"),
    "fairs": QT_TRANSLATE_NOOP("Counts", "Trade fairs"),
    "exhibitors": QT_TRANSLATE_NOOP("Counts", "Exhibitors"),
    "fair_complaints": QT_TRANSLATE_NOOP("Counts", "Fair complaints"),
    "patrol_notes": QT_TRANSLATE_NOOP("Counts", "Patrol notes"),
    "attachments": QT_TRANSLATE_NOOP("Counts", "Attachments"),
    "stored_files": QT_TRANSLATE_NOOP("Counts", "Stored files"),
    "audit_events": QT_TRANSLATE_NOOP("Counts", "Audit events"),
    "calendar_days": QT_TRANSLATE_NOOP("Counts", "Calendar days"),
}


def translated(context: str, names: dict[str, str], code: str) -> str:
    """The translated name of `code` in the table `names` (marked under `context`); an unknown code as it is."""
    source = names.get(code)
    return QCoreApplication.translate(context, source) if source else code


def role_name(code: str) -> str:
    return translated("Roles", ROLE_NAMES, code)


def role_names(codes: frozenset[str] | set[str]) -> str:
    """Roles in a fixed order (as declared above), joined with the Chinese enumeration comma."""
    ordered = [c for c in ROLE_NAMES if c in codes] + sorted(c for c in codes if c not in ROLE_NAMES)
    return "、".join(role_name(c) for c in ordered)


def count_name(key: str) -> str:
    return translated("Counts", COUNT_NAMES, key)


def ordered_counts(counts: dict[str, int]) -> list[tuple[str, int]]:
    known = [(k, counts[k]) for k in COUNT_NAMES if k in counts]
    return known + sorted((k, v) for k, v in counts.items() if k not in COUNT_NAMES)

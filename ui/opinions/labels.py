"""Names of the opinion codes as the GUI shows them, through Qt's translator.

The English here is the source text; the Chinese (ui/opinions/zh_CN.txt, then the .ts) is the glossary
label that app/labels.py and app/rules/conclusions.py print in documents, so screen and paper agree.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.labels import translated

CONTEXT = "OpinionLabels"

KIND = {
    "invention": QT_TRANSLATE_NOOP("OpinionLabels", "Invention patent"),
    "utility": QT_TRANSLATE_NOOP("OpinionLabels", "Utility model"),
    "design": QT_TRANSLATE_NOOP("OpinionLabels", "Design patent"),
    "trademark": QT_TRANSLATE_NOOP("OpinionLabels", "Trademark"),
    "copyright": QT_TRANSLATE_NOOP("OpinionLabels", "Copyright"),
    "other": QT_TRANSLATE_NOOP("OpinionLabels", "Other"),
}
STATUS = {
    "draft": QT_TRANSLATE_NOOP("OpinionLabels", "Draft"),
    "in_review": QT_TRANSLATE_NOOP("OpinionLabels", "In review"),
    "approved": QT_TRANSLATE_NOOP("OpinionLabels", "Approved"),
    "issued": QT_TRANSLATE_NOOP("OpinionLabels", "Issued"),
    "void": QT_TRANSLATE_NOOP("OpinionLabels", "Void"),
}
FEATURE_MARK = {
    "same": QT_TRANSLATE_NOOP("OpinionLabels", "Identical"),
    "equivalent": QT_TRANSLATE_NOOP("OpinionLabels", "Equivalent"),
    "different": QT_TRANSLATE_NOOP("OpinionLabels", "Neither identical nor equivalent"),
    "missing": QT_TRANSLATE_NOOP("OpinionLabels", "Missing"),
    "unknown": QT_TRANSLATE_NOOP("OpinionLabels", "To be established"),
}
CONCLUSION = {
    "infringing": QT_TRANSLATE_NOOP("OpinionLabels", "Infringing"),
    "likely": QT_TRANSLATE_NOOP("OpinionLabels", "Likely infringing"),
    "not_infringing": QT_TRANSLATE_NOOP("OpinionLabels", "Not infringing"),
    "undetermined": QT_TRANSLATE_NOOP("OpinionLabels", "Cannot be determined"),
}
# Designs: a feature row is the same or differs (codes of FEATURE_MARK, printed 相同 / 不同).
DESIGN_ROW_MARK = {
    "same": QT_TRANSLATE_NOOP("OpinionLabels", "Same"),
    "different": QT_TRANSLATE_NOOP("OpinionLabels", "Differs"),
}
# Stored as the Chinese word itself (RowData.weight), so the key is what is saved.
DESIGN_WEIGHT = {
    "高": QT_TRANSLATE_NOOP("OpinionLabels", "High"),
    "中": QT_TRANSLATE_NOOP("OpinionLabels", "Medium"),
    "低": QT_TRANSLATE_NOOP("OpinionLabels", "Low"),
}
DESIGN_CATEGORY = {
    "same": QT_TRANSLATE_NOOP("OpinionLabels", "Same category"),
    "similar": QT_TRANSLATE_NOOP("OpinionLabels", "Similar category"),
    "different": QT_TRANSLATE_NOOP("OpinionLabels", "Neither same nor similar category"),
}
DESIGN_OVERALL = {
    "same": QT_TRANSLATE_NOOP("OpinionLabels", "Identical overall"),
    "similar": QT_TRANSLATE_NOOP("OpinionLabels", "Similar overall"),
    "not_similar": QT_TRANSLATE_NOOP("OpinionLabels", "Not similar overall"),
}
MARK_SIMILARITY = {
    "identical": QT_TRANSLATE_NOOP("OpinionLabels", "Identical mark"),
    "similar": QT_TRANSLATE_NOOP("OpinionLabels", "Similar mark"),
    "not_similar": QT_TRANSLATE_NOOP("OpinionLabels", "Dissimilar mark"),
}
GOODS_SIMILARITY = {
    "identical": QT_TRANSLATE_NOOP("OpinionLabels", "Identical goods"),
    "similar": QT_TRANSLATE_NOOP("OpinionLabels", "Similar goods"),
    "not_similar": QT_TRANSLATE_NOOP("OpinionLabels", "Dissimilar goods"),
}
CONFUSION = {
    "likely": QT_TRANSLATE_NOOP("OpinionLabels", "Confusion likely"),
    "unlikely": QT_TRANSLATE_NOOP("OpinionLabels", "Confusion unlikely"),
}
YES_NO = {
    "yes": QT_TRANSLATE_NOOP("OpinionLabels", "Yes"),
    "no": QT_TRANSLATE_NOOP("OpinionLabels", "No"),
    "unknown": QT_TRANSLATE_NOOP("OpinionLabels", "To be established"),
}


def show(names: dict[str, str], code: str | None) -> str:
    """The translated name of `code` in `names` ("" for None, the code itself if unknown)."""
    return "" if code is None else translated(CONTEXT, names, code)

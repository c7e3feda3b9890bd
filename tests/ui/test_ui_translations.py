"""Translations: every tr() string of ui/ is in the shipped .ts files, translated, and compiled into the .qm.

Extraction uses pyside6-lupdate itself (a temp .ts), so a string hidden from the extractor — Vorta's
custom-marker mistake — shows up here as "missing".
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from app import info, labels
from ui import i18n_build
from ui.labels import COUNT_NAMES, ROLE_NAMES
from ui.resources import i18n_dir


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def text_of(tr: ET.Element | None) -> str:
    """A translation's text; plural messages (%n) keep theirs in <numerusform>."""
    if tr is None:
        return ""
    forms = [f.text or "" for f in tr.findall("numerusform")]
    return forms[0] if forms else (tr.text or "")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    ts_file = tmp_path_factory.mktemp("lupdate") / "ipaid_zh_CN.ts"
    i18n_build.extract(ts_file)
    return set(messages(ts_file))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_ts_holds_exactly_the_strings_of_the_source(extracted, language):
    shipped = set(messages(i18n_build.ts_path(language)))
    assert len(extracted) > 50
    assert sorted(extracted - shipped) == [], "run: python -m ui.i18n_build, then translate"
    assert sorted(shipped - extracted) == [], "stale strings: run python -m ui.i18n_build"


def test_every_chinese_translation_is_finished():
    unfinished = [
        key for key, tr in messages(i18n_build.ts_path("zh_CN")).items()
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text_of(tr).strip()
    ]
    assert unfinished == []


def test_english_ts_keeps_empty_translations():
    assert all(not text_of(tr).strip() for tr in messages(i18n_build.ts_path("en")).values())


def test_qm_matches_the_ts():
    translator = QTranslator()
    assert translator.load(str(i18n_dir() / "ipaid_zh_CN.qm"))
    assert translator.translate("MainWindow", "Cases") == "援助案件"
    stale = [
        (context, source)
        for (context, source), tr in messages(i18n_build.ts_path("zh_CN")).items()
        if translator.translate(context, source, None, 1 if tr.findall("numerusform") else -1) != text_of(tr)
    ]
    assert stale == [], "run: python -m ui.i18n_build --release-only"


def test_roles_and_counts_use_the_same_chinese_as_app():
    translator = QTranslator()
    assert translator.load(str(i18n_dir() / "ipaid_zh_CN.qm"))
    for code, source in ROLE_NAMES.items():
        assert translator.translate("Roles", source) == labels.ROLES[code]
    assert set(ROLE_NAMES) == set(labels.ROLES)
    for key, source in COUNT_NAMES.items():
        assert translator.translate("Counts", source) == info.LABELS[key]
    assert set(COUNT_NAMES) == set(info.LABELS)


def test_no_tr_inside_f_strings():
    """pyside6-lupdate does not look inside f-strings: a tr() there is never translated (the
    dashboard once showed "Workbench" in the Chinese UI). Call tr() first, then format."""
    import re

    pattern = re.compile(r"""f(["']).*\{\s*(self\.)?tr\(""")
    ui_dir = Path(i18n_build.__file__).parent
    found = [f"{path.relative_to(ui_dir)}:{n}" for path in sorted(ui_dir.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == []

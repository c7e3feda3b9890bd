"""ui.qt_app and ui.resources: names, translator choice, CJK font, resource folder."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFontDatabase

from ui import config
from ui.qt_app import PREFERRED_FAMILIES, apply_cjk_font, create_application, install_translators
from ui.resources import fonts_dir, i18n_dir, resources_dir

REPO = Path(__file__).resolve().parents[2]


def test_resources_dir_defaults_to_the_repository_and_honours_the_override(monkeypatch, tmp_path):
    monkeypatch.delenv("IPAID_RESOURCES", raising=False)
    assert resources_dir() == REPO / "resources"
    assert (fonts_dir() / "wqy-microhei.ttc").exists()
    assert (fonts_dir() / "LICENSE-wqy-microhei.txt").exists()
    assert (i18n_dir() / "ipaid_zh_CN.qm").exists()
    monkeypatch.setenv("IPAID_RESOURCES", str(tmp_path))
    assert resources_dir() == tmp_path


def test_application_names_for_qsettings(gui_app):
    create_application([])
    assert QCoreApplication.organizationName() == "IPAid"
    assert QCoreApplication.applicationName() == "IPAid Desk"


def test_chinese_by_default_english_on_request(gui_app):
    assert QCoreApplication.translate("MainWindow", "Cases") == "援助案件"
    install_translators(gui_app, "en")
    assert QCoreApplication.translate("MainWindow", "Cases") == "Cases"
    QCoreApplication.setOrganizationName("IPAid")  # where create_application reads (under tmp_path)
    config.LANGUAGE.write("en")
    QSettings().sync()
    create_application([])
    assert QCoreApplication.translate("MainWindow", "Cases") == "Cases"
    install_translators(gui_app, "zh_CN")
    assert QCoreApplication.translate("MainWindow", "Cases") == "援助案件"


def test_application_font_is_an_explicit_cjk_family(gui_app):
    family = apply_cjk_font(gui_app)
    assert family in PREFERRED_FAMILIES
    assert gui_app.font().family() == family
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()  # the bundled face is registered
    assert QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.SimplifiedChinese) == 1

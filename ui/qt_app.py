"""Creating and configuring the one QApplication: names for QSettings, translation, CJK font.

Called once by `ui.main.run_gui` (and by tests); importing this module creates nothing.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import __version__
from ui import config
from ui.resources import fonts_dir, i18n_dir

log = logging.getLogger(__name__)

ORGANIZATION = "IPAid"
APPLICATION = "IPAid Desk"

# Preferred interface faces, best first. Windows has 微软雅黑; many Linux desktops Noto Sans CJK SC.
# WenQuanYi Micro Hei is shipped in resources/fonts, so the last entry is always available.
PREFERRED_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "微软雅黑",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
)
BUNDLED_FONT = "wqy-microhei.ttc"


def create_application(argv: Sequence[str]) -> QApplication:
    """Return the configured QApplication, creating it if none exists yet.

    Reusing an existing instance lets tests (pytest-qt owns one per session) go through the same setup.
    """
    app = QApplication.instance() or QApplication(list(argv))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    # QSettings can be read only after the names above are set.
    install_translators(app, config.LANGUAGE.read())
    apply_cjk_font(app)
    return app


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own (standard buttons such as 确定/取消) for `language`.

    English is the source language, so "en" (or an unknown code) installs nothing. Earlier translators
    installed by this function are removed first, so tests can switch language.
    """
    for old in getattr(app, "_ipaid_translators", []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if language != "en" and language in config.LANGUAGES:
        ours = QTranslator(app)
        if ours.load(f"ipaid_{language}", str(i18n_dir())):
            translators.append(ours)
        else:
            log.warning("translation ipaid_%s.qm not found in %s", language, i18n_dir())
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(QLocale(language), "qtbase", "_", qt_dir):
            translators.append(qt_own)
    for translator in translators:
        app.installTranslator(translator)
    # Keep Python references: a QTranslator collected by Python silently stops translating.
    app._ipaid_translators = translators  # type: ignore[attr-defined]
    return translators


def apply_cjk_font(app: QApplication) -> str:
    """Set an explicit CJK-capable application font and return its family.

    Relying on Qt's fallback shows boxes on machines without CJK fonts, so register the bundled face
    and name the family outright.
    """
    bundled = fonts_dir() / BUNDLED_FONT
    if bundled.exists() and QFontDatabase.addApplicationFont(str(bundled)) < 0:
        log.warning("could not register %s", bundled)
    available = set(QFontDatabase.families())
    family = next((name for name in PREFERRED_FAMILIES if name in available), None)
    if family is None:
        log.warning("no CJK interface font found; Chinese text may show as boxes")
        return app.font().family()
    font = QFont(app.font())
    font.setFamilies([family])
    app.setFont(font)
    return family


"""The main window: navigation list on the left, one page at a time on the right.

Pages are switched with the list, the 视图 menu or Ctrl+1…Ctrl+9. Geometry, toolbar/dock state and the
last page are saved to QSettings on close and restored on the next start.
"""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QVBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import __version__
from ui import config
from ui.labels import role_names
from ui.tasks import run_task

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database
    from app.services.case_search import CaseFilter

# (navigation label, page class, object name), in navigation order; Ctrl+N opens the N-th.
# (title, "module:class" of the page, name). A page's module is imported when the page is first
# shown, not at start: the window then opens without loading every screen's code (≈0.3 s).
PAGES = (
    (QT_TRANSLATE_NOOP("MainWindow", "Dashboard"), "ui.pages.dashboard:DashboardPage", "dashboard"),
    (QT_TRANSLATE_NOOP("MainWindow", "Cases"), "ui.pages.cases:CasesPage", "cases"),
    (QT_TRANSLATE_NOOP("MainWindow", "Consultations"), "ui.pages.consultations:ConsultationsPage", "consultations"),
    (QT_TRANSLATE_NOOP("MainWindow", "Opinions"), "ui.pages.opinions:OpinionsPage", "opinions"),
    (QT_TRANSLATE_NOOP("MainWindow", "Trade fairs"), "ui.pages.fairs:FairsPage", "fairs"),
    (QT_TRANSLATE_NOOP("MainWindow", "Experts & institutions"), "ui.pages.experts:ExpertsPage", "experts"),
    (QT_TRANSLATE_NOOP("MainWindow", "Knowledge base"), "ui.pages.knowledge:KnowledgePage", "knowledge"),
    (QT_TRANSLATE_NOOP("MainWindow", "Reports"), "ui.pages.reports:ReportsPage", "reports"),
    (QT_TRANSLATE_NOOP("MainWindow", "Settings"), "ui.pages.settings:SettingsPage", "settings"),
)


def page_class_at(where: str) -> tuple[str, str]:
    """(module, class name) of a page given as "module:Class" in PAGES."""
    module, _, class_name = where.partition(":")
    return module, class_name


def first_page_index() -> int:
    """The page the window opens on: the one shown when it was last closed."""
    return max(0, min(config.WINDOW_PAGE.read(), len(PAGES) - 1))


def preload_first_page() -> None:
    """Import the module of the page the window will open on. Called while the password is being
    checked: argon2 runs in a worker thread without Python's lock, so this import (up to half a
    second for the case list) overlaps it instead of following it."""
    importlib.import_module(page_class_at(PAGES[first_page_index()][1])[0])


PAGE_INDEX = {name: index for index, (_title, _page_class, name) in enumerate(PAGES)}
NAV_WIDTH = 170


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("IPAid Desk — {centre}").format(centre=actor.centre_name or "IPAid"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        # Roomier rows than a plain list: this is the program's main way around, used all day.
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 10px; }")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        # Pages are built the first time they are shown: start-up stays fast (design.md §7 target)
        # and a page that cannot load its data does not keep the window from opening.
        for title, _page_class, name in PAGES:
            self.nav.addItem(QCoreApplication.translate("MainWindow", title))
            holder = QWidget(self.stack)
            holder.setObjectName(f"slot_{name}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        self._built: dict[int, QWidget] = {}  # show_page builds the page it shows (_restore_window)
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self._build_status_bar()
        self._restore_window()
        self._start_backups()
        # Pinyin's dictionaries load on first use (not at start, to open the window sooner); load
        # them in the background once the window is up, so the first save does not wait for them.
        QTimer.singleShot(1500, self._warm_up_search)

    # --- pages -----------------------------------------------------------------------------------

    def _ensure_page(self, index: int) -> QWidget:
        page = self._built.get(index)
        if page is None:
            _title, where, name = PAGES[index]
            module, class_name = page_class_at(where)
            page_class = getattr(importlib.import_module(module), class_name)
            holder = self.stack.widget(index)
            page = page_class(self.db, self.actor, holder)
            page.setObjectName(f"page_{name}")
            holder.layout().addWidget(page)
            self._built[index] = page
            if name == "dashboard":  # a figure (e.g. 已逾期) opens the case list with its filter
                page.case_figures.figureChosen.connect(self.show_cases)
        return page

    def show_page(self, index: int) -> None:
        if not 0 <= index < self.stack.count():
            return
        self._ensure_page(index)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        self._page_actions[index].setChecked(True)

    def show_cases(self, flt: CaseFilter) -> None:
        """Show the 援助案件 page listing exactly the cases of `flt`."""
        index = PAGE_INDEX["cases"]
        self.show_page(index)
        self._ensure_page(index).show_filter(flt)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def page(self, index: int) -> QWidget:
        """The page at `index`, built now if it was not shown yet."""
        return self._ensure_page(index)

    def current_page(self) -> QWidget:
        return self._ensure_page(self.stack.currentIndex())

    # --- menus and status bar ------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setObjectName("quitAction")
        # Explicit Ctrl+Q: QKeySequence.Quit is empty on Windows.
        quit_action.setShortcut(_keys("Ctrl+Q"))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        group = QActionGroup(self)
        self._page_actions: list[QAction] = []
        for index, (title, _page_class, name) in enumerate(PAGES):
            action = QAction(QCoreApplication.translate("MainWindow", title), self)
            action.setObjectName(f"show_{name}")
            action.setCheckable(True)
            action.setShortcut(_keys(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            group.addAction(action)
            view_menu.addAction(action)
            self._page_actions.append(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About IPAid Desk"), self)
        about_action.setObjectName("aboutAction")
        about_action.setShortcut(_keys("F1"))
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_database = QLabel(self.tr("Database: {label}").format(label=self.db.label))
        self.status_centre = QLabel(self.actor.centre_name)
        self.status_user = QLabel(
            self.tr("{name} ({roles})").format(name=self.actor.display_name, roles=role_names(self.actor.roles))
        )
        for index, label in enumerate((self.status_database, self.status_centre, self.status_user)):
            if index:
                separator = QFrame()
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                bar.addPermanentWidget(separator)
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About IPAid Desk"),
            self.tr(
                "<h3>IPAid Desk</h3>"
                "<p>Workbench for IP rights-protection assistance centres.</p>"
                "<p>Version {version}</p>"
            ).format(version=__version__),
        )

    # --- window state ----------------------------------------------------------------------------

    def _restore_window(self) -> None:
        geometry = config.WINDOW_GEOMETRY.read()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = config.WINDOW_STATE.read()
        if not state.isEmpty():
            self.restoreState(state)
        self.show_page(first_page_index())

    def _warm_up_search(self) -> None:
        from app.search.tokens import name_pinyin, name_tokens

        run_task(lambda: (name_tokens("预热"), name_pinyin("预热")), on_success=None,
                 on_failure=lambda exc: log.warning("search warm-up failed: %s", exc), parent=self, read_only=True)

    def _start_backups(self) -> None:
        """SQLite mode: a copy at least once a day while the program runs (checked hourly), thinned
        to daily/weekly/monthly copies (app/backup.py). The copy on close is made by ui.main.run_gui,
        after the pending writes finished."""
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(60 * 60 * 1000)
        self._backup_timer.timeout.connect(self._daily_backup)
        if getattr(self.db, "is_sqlite", False):
            self._backup_timer.start()
            QTimer.singleShot(60 * 1000, self._daily_backup)

    def _daily_backup(self) -> None:
        from app.backup import auto_backup

        db = self.db
        run_task(lambda: auto_backup(db, only_if_due=True), on_success=lambda _path: None,
                 on_failure=lambda exc: log.warning("daily backup failed: %s", exc), parent=self,
                 read_only=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        config.WINDOW_GEOMETRY.write(self.saveGeometry())
        config.WINDOW_STATE.write(self.saveState())
        config.WINDOW_PAGE.write(self.stack.currentIndex())
        super().closeEvent(event)


def _keys(text: str) -> QKeySequence:
    # PortableText: the default NativeText parses modifier names as translated by the loaded Qt
    # translation; a translation that renames "Ctrl" would silently leave the action without a shortcut.
    return QKeySequence(text, QKeySequence.SequenceFormat.PortableText)

"""设置 page: own account, user management (admins only), centre settings and the interface language."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.settings.account import AccountTab
from ui.settings.centre import CentreSettingsTab
from ui.settings.holidays import HolidaysTab
from ui.settings.interface import InterfaceTab
from ui.settings.users import UsersTab
from ui.widgets import page_title


class SettingsPage(QWidget):
    def __init__(self, db: object, actor: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = page_title(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.account_tab = AccountTab(db, actor)
        self.tabs.addTab(self.account_tab, self.tr("My account"))
        # Only admins get the user list at all (the services would refuse their changes anyway).
        self.users_tab: UsersTab | None = None
        if "admin" in actor.roles:
            self.users_tab = UsersTab(db, actor)
            self.tabs.addTab(self.users_tab, self.tr("User management"))
        self.centre_tab = CentreSettingsTab(db, actor)
        self.tabs.addTab(self.centre_tab, self.tr("Centre settings"))
        self.holidays_tab = HolidaysTab(db, actor)
        self.tabs.addTab(self.holidays_tab, self.tr("Holidays"))
        self.interface_tab = InterfaceTab()
        self.tabs.addTab(self.interface_tab, self.tr("Interface"))
        # Kept under the names the main window's tests use.
        self.language_combo = self.interface_tab.language_combo
        self.restart_note = self.interface_tab.restart_note
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

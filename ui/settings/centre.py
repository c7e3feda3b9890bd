"""中心设置: the per-centre settings of app/settings.py as a form (labels as declared, in Chinese).

Everyone sees the values and their defaults; an admin may change and save them. Only fields whose text
changed are sent, so saving one limit does not pin every other setting to today's default.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services import centre_settings
from app.services.centre_settings import SettingValue
from ui.settings.common import LoadedOnFirstShow, MessageLine, mark_fields, show_refusal
from ui.tasks import Task, run_task

if TYPE_CHECKING:
    from app.context import Actor
    from app.database import Database


def as_text(value: object) -> str:
    return "" if value is None else str(value)


class CentreSettingsTab(LoadedOnFirstShow, QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.editable = "admin" in actor.roles
        self.task: Task | None = None
        self.values: dict[str, SettingValue] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.by_label: dict[str, QWidget] = {}  # Chinese label → field, to mark the one an error names
        note = QLabel(self.tr("These settings apply to the whole centre.") if self.editable else
                      self.tr("These settings apply to the whole centre; only an administrator can change them."))
        note.setWordWrap(True)
        self.form = QFormLayout()
        self.message = MessageLine()
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.editable)
        self.save_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def reload(self) -> None:
        self.loaded = True
        db, actor = self.db, self.actor
        self.task = run_task(lambda: centre_settings.get_settings(db, actor), on_success=self._show,
                             on_failure=self._refused, parent=self, read_only=True)

    def _show(self, values: list[SettingValue]) -> None:
        self.values = {v.key: v for v in values}
        for value in values:
            edit = self.edits.get(value.key)
            if edit is None:
                edit = QLineEdit()
                edit.setObjectName(f"setting_{value.key}")
                edit.setReadOnly(not self.editable)
                edit.setToolTip(self.tr("Default: {value}").format(value=as_text(value.default)))
                edit.setPlaceholderText(as_text(value.default))
                self.edits[value.key] = edit
                self.by_label[value.label] = edit
                self.form.addRow(value.label + "：", edit)
            edit.setText(as_text(value.value))
        self.save_button.setEnabled(self.editable)

    def changed_values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()
                if edit.text() != as_text(self.values[key].value)}

    def save(self) -> None:
        changes = self.changed_values()
        mark_fields(self.by_label, None)
        if not changes:
            self.message.success(self.tr("Nothing was changed."))
            return
        self.message.clear_message()
        self.save_button.setEnabled(False)
        db, actor = self.db, self.actor
        self.task = run_task(lambda: centre_settings.update_settings(db, actor, changes), on_success=self._saved,
                             on_failure=self._refused, parent=self, label=self.tr("Saving the settings…"))

    def _saved(self, values: list[SettingValue]) -> None:
        self._show(values)
        self.message.success(self.tr("The settings were saved."))

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.editable and bool(self.edits))
        show_refusal(exc, self.message, self.by_label, self)

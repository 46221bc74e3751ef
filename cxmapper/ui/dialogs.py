"""Small dialogs of the main window: preferences, crash recovery, about.

Language names in the language chooser are written in their own language (a person
who cannot read the current one must still find theirs), so they are not translated.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxmapper.ui.autosave import AutosaveEntry
from cxmapper.ui.settings import Settings

#: Each language in its own words.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class PreferencesDialog(QDialog):
    """Language (applies on the next start), the autosave interval, the name on comments."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("System default"), "")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("Language"), self.language)
        note = QLabel(self.tr("A new language takes effect when CX Mapper starts again."), self)
        note.setWordWrap(True)
        form.addRow(note)
        self.autosave = QSpinBox(self)
        self.autosave.setRange(5, 3600)
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setValue(settings.autosave_seconds)
        form.addRow(self.tr("Autosave unsaved work every"), self.autosave)
        self.author = QLineEdit(settings.comment_author, self)
        self.author.setPlaceholderText(self.tr("Asked the first time you comment"))
        form.addRow(self.tr("Your name on comments"), self.author)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> bool:
        """Store the choices; True when the language changed (a restart is needed)."""
        changed = self.language.currentData() != self.settings.language
        self.settings.language = self.language.currentData()
        self.settings.autosave_seconds = self.autosave.value()
        if self.author.text().strip():
            self.settings.comment_author = self.author.text()
        self.settings.sync()
        return changed


class RecoveryDialog(QDialog):
    """Lists the maps a crash left behind; the checked ones are recovered."""

    def __init__(self, entries: list[AutosaveEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recover unsaved work"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "CX Mapper was closed without saving these maps. "
                "Recover the checked ones? Unchecked ones are deleted."
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.list = QListWidget(self)
        for entry in entries:
            when = datetime.fromtimestamp(entry.saved_at).strftime("%Y-%m-%d %H:%M")
            where = entry.source or self.tr("new map, never saved")
            item = QListWidgetItem(f"{entry.title or self.tr('Untitled map')} — {where} — {when}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Recover"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_keys(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

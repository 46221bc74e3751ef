"""Small dialogs of the main window: preferences, about (crash recovery: recovery.py).

Language names in the language chooser are written in their own language (a person
who cannot read the current one must still find theirs), so they are not translated.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cxmapper.ui.recovery import RecoveryDialog  # noqa: F401 (its home is recovery.py)
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

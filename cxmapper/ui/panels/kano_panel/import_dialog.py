"""The dialog that lists what an answer import did: rows read, cards changed, bad rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from cxmapper.ui.panels.kano_panel.models import fill


# --- import results ------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What ``KanoPanel.import_file`` did: for the result dialog and for tests."""

    path: str
    error: str | None = None  # the whole file was refused: nothing imported
    rows_read: int = 0
    rows_accepted: int = 0
    cards: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    categories_set: int = 0
    kept_manual: list[str] = field(default_factory=list)  # titles whose hand-set category differs
    refused: str | None = None  # the editor refused the edit (should not happen)

    @property
    def imported(self) -> bool:
        return self.error is None and self.refused is None and self.rows_accepted > 0


class ImportResultDialog(QDialog):
    """The outcome of an import: counts, and every row not imported with its line and reason."""

    def __init__(self, outcome: ImportOutcome, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Kano answers"))
        self.outcome = outcome
        layout = QVBoxLayout(self)
        name = Path(outcome.path).name
        if outcome.error is not None:
            text = fill(self.tr("Nothing was imported from %1:\n%2"), name, outcome.error)
        elif outcome.refused is not None:
            text = fill(self.tr("The map refused the import: %1"), outcome.refused)
        else:
            text = fill(self.tr("%1 of %2 rows imported from %3 for %4 card(s); %5 row(s) not imported."),
                        outcome.rows_accepted, outcome.rows_read, name, outcome.cards, len(outcome.problems))
            if outcome.categories_set:
                text += "\n" + fill(self.tr("Categories computed for %1 card(s)."), str(outcome.categories_set))
            if outcome.kept_manual:
                text += "\n" + fill(self.tr(
                    "%1 card(s) keep a category set by hand that differs from the answers "
                    "(marked ✎ in the table; Recompute categories can overwrite them)."),
                    len(outcome.kept_manual))
            if outcome.imported:
                text += "\n" + self.tr("Edit ▸ Undo takes the whole import back.")
        self.summary = QLabel(text, self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(len(outcome.problems), 2, self)
        self.problems.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Why it was not imported")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for k, (line, reason) in enumerate(outcome.problems):
            line_item = QTableWidgetItem()
            line_item.setData(Qt.ItemDataRole.DisplayRole, line)
            self.problems.setItem(k, 0, line_item)
            reason_item = QTableWidgetItem(reason)
            reason_item.setToolTip(reason)
            self.problems.setItem(k, 1, reason_item)
        self.problems.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)
        # Wrapped rows follow the dialog's width; measuring thousands of rows (a wrong
        # file) would stall the dialog, so a long list stays one line a row (tooltips).
        wrap = len(outcome.problems) <= 200
        self.problems.setWordWrap(wrap)
        if wrap:
            self.problems.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems.setVisible(bool(outcome.problems))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(680, 420 if outcome.problems else 160)
